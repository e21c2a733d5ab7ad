"""Refuse writing Cypher on the read-only path, on any engine.

A single Neo4j server happily runs ``CREATE`` inside a read transaction, and LadybugDB has no
read transactions at all, so read-only mode cannot rely on the engine alone. The check is lexical:
string literals, quoted identifiers and comments are blanked first so that a sentence such as
``'they will create a committee'`` in a parameter-less literal never trips it, and property names
(``c.start``), parameters (``$set``), labels and map keys are not keywords.
"""
from __future__ import annotations

import re

from graph.errors import QueryError

#: Clauses that change data, schema, users or files on Neo4j or LadybugDB.
WRITE_KEYWORDS: tuple[str, ...] = (
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD",
    "COPY", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "TERMINATE", "INSTALL", "IMPORT",
    "EXPORT", "ATTACH", "CHECKPOINT",
)
_MULTIWORD = (
    re.compile(r"\b(START|STOP)\s+DATABASE\b", re.IGNORECASE),
    re.compile(r"\bIN\s+(CONCURRENT\s+)?TRANSACTIONS\b", re.IGNORECASE),
)
_KEYWORD = re.compile(r"(?<![\w.$:`])(" + "|".join(WRITE_KEYWORDS) + r")\b(?!\s*:)", re.IGNORECASE)
#: ``CALL name.space.proc(`` / ``CALL proc(`` / LadybugDB's ``CALL threads = 4``.
_CALL = re.compile(r"(?<![\w.$`])CALL\s+([A-Za-z_][\w.]*)\s*(\(|=)?", re.IGNORECASE)
#: Words in a procedure name that mark it as one that writes or administers.
_WRITE_PROC_WORDS = re.compile(
    r"\b(create|merge|delete|drop|set|remove|refactor|periodic|load|import|export|write|clear|"
    r"kill|terminate|upgrade|checkpoint|install|copy|rename|add|do|run|mutate|alter)\b",
    re.IGNORECASE,
)
_TOKENS = re.compile(
    r"""
      '(?:[^'\\]|\\.)*'       # single-quoted string
    | "(?:[^"\\]|\\.)*"       # double-quoted string
    | `[^`]*`                 # quoted identifier
    | //[^\r\n]*             # line comment (Neo4j ends it at CR as well as LF)
    | /\*.*?\*/               # block comment
    """,
    re.VERBOSE | re.DOTALL,
)


def strip_literals(cypher: str) -> str:
    """The query with strings, quoted identifiers and comments replaced by blanks."""
    return _TOKENS.sub(" ", cypher)


def _unquote_identifiers(cypher: str) -> str:
    """Strings and comments blanked, but backtick-quoted names unquoted (``db.createLabel``):
    a quoted procedure name must not hide a write procedure from the CALL check."""
    def repl(m: "re.Match[str]") -> str:
        tok = m.group(0)
        if tok.startswith("`"):
            return re.sub(r"\W", "_", tok[1:-1]) or "_"
        return " "
    return _TOKENS.sub(repl, cypher)


def write_clause(cypher: str) -> str | None:
    """The first write clause or write procedure the query contains, or None."""
    text = strip_literals(cypher)
    for pattern in _MULTIWORD:
        m = pattern.search(text)
        if m:
            return " ".join(m.group(0).upper().split())
    m = _KEYWORD.search(text)
    if m:
        return m.group(1).upper()
    for m in _CALL.finditer(_unquote_identifiers(cypher)):
        name = m.group(1)
        if m.group(2) == "=":
            return f"CALL {name} ="
        # Every dotted part counts: namespaces such as "apoc.create" write as well as
        # names such as "db.createLabel".
        if _is_read_proc(name):
            continue
        if any(_WRITE_PROC_WORDS.search(_split_camel(part)) for part in name.split(".")):
            return f"CALL {name}"
    return None


def assert_read_only(cypher: str) -> None:
    """Raise QueryError if the query would write; reads pass through unchanged."""
    clause = write_clause(cypher)
    if clause is not None:
        raise QueryError(
            f"read-only query refused: it contains {clause}; run it with write enabled "
            "(--write) if it is meant to change the graph"
        )


#: Read procedures whose names happen to contain a write-ish word.
_READ_PROCS = frozenset({
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.schema.visualization",
    "dbms.components", "db.labels", "db.relationshiptypes", "db.propertykeys",
    "show_tables", "table_info", "show_connection", "current_setting", "db_version",
    "show_functions", "show_warnings", "show_indexes",
})


def _is_read_proc(name: str) -> bool:
    return name.lower() in _READ_PROCS


def _split_camel(word: str) -> str:
    """``createNode`` → ``create node``, ``show_tables`` → ``show tables``: match whole words."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", word).replace("_", " ")
    return " " + spaced.lower() + " "
