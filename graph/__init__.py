"""The graph layer: the data model, the stores (Neo4j, LadybugDB), exports and the network view.

Nothing in here imports ``loaders`` or the CLI: extraction produces model objects, this layer
persists and presents them.
"""
from graph.errors import ClaimgraphError, InputError, StoreError, QueryError
from graph.model import (
    ACTOR_KINDS,
    CLAIM_TYPES,
    CORE_TYPES,
    EXTENDED_TYPES,
    UNDIRECTED_TYPES,
    Actor,
    Claim,
    Document,
    Extraction,
    Membership,
)

__all__ = [
    "ACTOR_KINDS", "CLAIM_TYPES", "CORE_TYPES", "EXTENDED_TYPES", "UNDIRECTED_TYPES",
    "Actor", "Claim", "Document", "Extraction", "Membership",
    "ClaimgraphError", "InputError", "StoreError", "QueryError",
]
