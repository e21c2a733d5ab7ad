"""Canned Cypher queries: data read by the CLI and tests, one file per question."""
