"""The canned-query catalog: ``queries/*.cypher`` files parsed into ``Query`` objects.

A query file is Neo4j Cypher with a header of ``//`` comment lines, and optional per-engine
sections: ``// engine: ladybug`` where LadybugDB's dialect differs, ``// engine: neo4j`` where
Neo4j answers the same question from the running totals (``(:Tally)`` nodes, graph/tallies.py)
or through an index order instead of reading every claim. The text before the first engine line
is the reference: what the query means, written on the claims, runnable on Neo4j::

    // name: who-accuses-whom
    // question: Who accuses whom, and how often?
    // params: limit:int=25, evidence:bool=false
    // example: -p limit=10
    MATCH ...
    // engine: ladybug
    MATCH ...   <- replaces the text above on LadybugDB only

Header fields (``key: value``, one per line, before the first line of Cypher):

``name``      required, equals the file name without ``.cypher``.
``question``  required, one line: what an analyst asks.
``params``    comma-separated ``name:type[=default]``; type is str, int, float, bool, list or
              actor (a name, alias or id, resolved to one actor id before the query runs);
              no ``=`` means required; ``=`` with nothing after it is the empty string (or list).
              May repeat. Every ``$name`` in the text must be declared, and the other way round.
``example``   arguments as typed after ``claimgraph query NAME`` (``-p key=value ...``); must
              give every required parameter; tests run every query with them.
``note``      free text shown by ``claimgraph queries --verbose``; may repeat.

The catalog lives in ``graph/`` because the stores' tests, the CLI and the notebooks all read it;
it only parses text and never touches a store except through ``run``.
"""
from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Union

from graph.cypher_guard import write_clause
from graph.errors import QueryError

ENGINES: tuple[str, ...] = ("neo4j", "ladybug")
PARAM_TYPES: tuple[str, ...] = ("str", "int", "float", "bool", "list", "actor")
#: An ``actor`` parameter is typed as a name, alias or id and reaches the query as one actor id,
#: so query texts can say ``MATCH (a:Actor {id: $actor})``: a primary-key lookup on both
#: engines, where a name/alias predicate made LadybugDB expand paths from every actor.
_RESOLVE_ACTOR = """
WITH toLower($value) AS key
MATCH (a:Actor)
WHERE a.id = $value OR toLower(a.name) = key OR any(alias IN a.aliases WHERE toLower(alias) = key)
RETURN a.id AS id, a.name AS name, a.id = $value AS by_id, toLower(a.name) = key AS by_name
ORDER BY id
"""
# Neo4j: three index seeks instead of lower-casing every actor's name and aliases (a scan that
# took 150-400 ms per actor parameter at a million claims). The store keeps ``name_key``
# (lower-cased name, range index) and ``alias_keys`` (lower-cased aliases between unit
# separators, text index) on every actor; the answer is the same rows as the portable text.
_RESOLVE_ACTOR_NEO4J = """
WITH toLower($value) AS key
CALL (key) {
  MATCH (a:Actor {id: $value}) RETURN a
  UNION
  MATCH (a:Actor) WHERE a.name_key = key RETURN a
  UNION
  MATCH (a:Actor) WHERE a.alias_keys CONTAINS '\u001f' + key + '\u001f' RETURN a
}
RETURN a.id AS id, a.name AS name, a.id = $value AS by_id, toLower(a.name) = key AS by_name
ORDER BY id
"""
_FIELD = re.compile(r"^//\s*([a-z][a-z_-]*)\s*:\s?(.*)$")
_KNOWN_FIELDS = ("name", "question", "params", "example", "note")
_ENGINE_LINE = re.compile(r"^//\s*engine\s*:\s*(\S+)\s*$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARAM_SPEC = re.compile(r"^([A-Za-z_]\w*)\s*:\s*([a-z]+)\s*(?:=(.*))?$", re.DOTALL)
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")
_OPAQUE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""",
                     re.DOTALL)
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


def _split_top_level(text: str, sep: str = ",") -> list[str]:
    """Split on ``sep`` outside brackets and quotes, so list defaults may contain commas."""
    parts, depth, quote, cur = [], 0, "", []
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def guess_value(text: str) -> Any:
    """A command-line value as what it looks like: int, float, bool, null, JSON list/object,
    else the string itself. Used for undeclared (ad hoc) parameters only."""
    s = text.strip()
    low = s.lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("null", "none"):
        return None
    if re.fullmatch(r"[+-]?\d+", s):
        return int(s)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?", s):
        return float(s)
    if s[:1] in "[{":
        try:
            return json.loads(s)
        except ValueError:
            return text
    return text


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any = None

    def coerce(self, value: Any, query: str = "") -> Any:
        """The value as the declared type; strings from the command line are parsed."""
        where = f"parameter {self.name!r}" + (f" of query {query!r}" if query else "")
        if self.type in ("str", "actor"):
            if isinstance(value, (list, dict)):
                raise QueryError(f"{where} expects a string, got {value!r}")
            return value if isinstance(value, str) else ("" if value is None else str(value))
        if self.type == "bool":
            if isinstance(value, bool):
                return value
            s = str(value).strip().lower()
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
            raise QueryError(f"{where} expects true or false, got {value!r}")
        if self.type == "int":
            if isinstance(value, bool):
                raise QueryError(f"{where} expects an integer, got {value!r}")
            if isinstance(value, int):
                return value
            try:
                return int(str(value).strip())
            except ValueError:
                raise QueryError(f"{where} expects an integer, got {value!r}") from None
        if self.type == "float":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            try:
                return float(str(value).strip())
            except ValueError:
                raise QueryError(f"{where} expects a number, got {value!r}") from None
        # list
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        s = str(value).strip()
        if not s:
            return []
        if s.startswith("["):
            try:
                parsed = json.loads(s)
            except ValueError:
                raise QueryError(f"{where} expects a JSON list or a,b,c; got {value!r}") from None
            if not isinstance(parsed, list) or any(isinstance(v, (list, dict)) for v in parsed):
                raise QueryError(f"{where} expects a flat list, got {value!r}")
            return [str(v) for v in parsed]
        return [p.strip() for p in s.split(",") if p.strip()]

    def describe(self) -> str:
        """``name:type`` or ``name:type=default``, as in the header."""
        if self.required:
            return f"{self.name}:{self.type}"
        default = self.default
        if isinstance(default, bool):
            shown = "true" if default else "false"
        elif isinstance(default, list):
            shown = ",".join(default)
        else:
            shown = str(default)
        return f"{self.name}:{self.type}={shown}"


@dataclass(frozen=True)
class Query:
    name: str
    question: str
    params: tuple[Param, ...]
    example: str
    text_by_engine: Mapping[str, str]
    notes: str = ""
    path: str = ""
    example_params: Mapping[str, str] = field(default_factory=dict)
    #: The text before any engine section: reads the claims themselves. Neo4j runs it instead
    #: of its own section while a load has left the running totals to its end.
    reference: str = ""

    def param(self, name: str) -> Optional[Param]:
        for p in self.params:
            if p.name == name:
                return p
        return None

    def text_for(self, engine: str) -> str:
        """The Cypher to send to ``engine``: its override, else the Neo4j text."""
        if engine not in ENGINES:
            raise QueryError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
        return self.text_by_engine[engine]

    def bind(self, values: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
        """Every declared parameter, typed: given values coerced, the rest from defaults.

        Unknown names and missing required parameters are errors that say what to type.
        """
        values = dict(values or {})
        unknown = sorted(k for k in values if self.param(k) is None)
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(map(repr, unknown))} "
                f"(parameters: {known})"
            )
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in values:
                bound[p.name] = p.coerce(values[p.name], self.name)
            elif p.required:
                raise QueryError(
                    f"query {self.name!r} needs parameter {p.name!r} ({p.type}): "
                    f"add -p {p.name}=VALUE" + (f"; e.g. {self.example}" if self.example else "")
                )
            else:
                bound[p.name] = p.default
        return bound

    def run(self, store: Any, values: Optional[Mapping[str, Any]] = None) -> list[dict[str, Any]]:
        """Run on a ``GraphStore`` with the engine's text and bound parameters (read-only)."""
        bound = self.bind(values)
        for p in self.params:
            if p.type == "actor" and bound[p.name]:
                bound[p.name] = resolve_actor(store, bound[p.name])
        text = self.text_for(store.engine)
        if store.engine == "neo4j" and self.reference and text != self.reference \
                and not store.totals_live():
            text = self.reference
        return store.run(text, bound, write=False)


def resolve_actor(store: Any, value: str) -> str:
    """The id of the actor a user named: an id wins, then a name, then an alias (any case).

    An unknown name stays as given (the query then matches nothing, as for any absent value);
    a name shared by several actors is an error listing them, since guessing would answer a
    different question than the one asked.
    """
    text = _RESOLVE_ACTOR_NEO4J if getattr(store, "engine", "") == "neo4j" else _RESOLVE_ACTOR
    rows = store.run(text, {"value": value}, write=False)
    for level in ("by_id", "by_name", None):
        hits = [r for r in rows if level is None or r[level]]
        if len(hits) == 1:
            return str(hits[0]["id"])
        if len(hits) > 1:
            listed = "; ".join(f"{r['name']} ({r['id']})" for r in hits[:6])
            raise QueryError(f"actor {value!r} is ambiguous: {listed}; pass one of the ids")
    return value


def _parse_default(spec: str, ptype: str, raw: str) -> Any:
    raw = raw.strip()
    if ptype == "str" and len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        raw = raw[1:-1]
    try:
        return Param("default", ptype, False).coerce(raw)
    except QueryError:
        raise QueryError(f"bad default in parameter spec {spec!r}") from None


def parse_params(text: str, where: str = "") -> list[Param]:
    """``limit:int=25, actor:str`` → Params."""
    params: list[Param] = []
    for spec in _split_top_level(text):
        m = _PARAM_SPEC.match(spec)
        if not m:
            raise QueryError(f"{where}bad parameter spec {spec!r}; expected name:type[=default]")
        name, ptype, default = m.group(1), m.group(2), m.group(3)
        if ptype not in PARAM_TYPES:
            raise QueryError(
                f"{where}parameter {name!r} has unknown type {ptype!r}; "
                f"expected one of {', '.join(PARAM_TYPES)}"
            )
        if default is None:
            params.append(Param(name, ptype, True))
        else:
            params.append(Param(name, ptype, False, _parse_default(spec, ptype, default)))
    return params


def parse_param_args(args: str, where: str = "") -> dict[str, str]:
    """``-p a=1 -p b='x y'`` (shell quoting) → raw strings by name."""
    try:
        tokens = shlex.split(args)
    except ValueError as exc:
        raise QueryError(f"{where}cannot parse example {args!r}: {exc}") from None
    out: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("-p", "--param") and i + 1 < len(tokens):
            pair = tokens[i + 1]
            i += 2
        elif tok.startswith("--param="):
            pair = tok[len("--param="):]
            i += 1
        else:
            raise QueryError(f"{where}example must be -p key=value pairs, found {tok!r}")
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"{where}example parameter {pair!r} is not key=value")
        out[key] = value
    return out


def used_params(cypher: str) -> set[str]:
    """``$names`` in the code (not inside strings or comments)."""
    return set(_PARAM_USE.findall(_OPAQUE.sub(" ", cypher)))


def parse_query(text: str, path: Union[str, Path] = "") -> Query:
    """Parse and validate one query file's text."""
    where = f"{path}: " if path else ""
    lines = text.splitlines()
    fields: dict[str, list[str]] = {k: [] for k in _KNOWN_FIELDS}
    notes: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if not line.startswith("//") or _ENGINE_LINE.match(line):
            break
        m = _FIELD.match(line)
        if m and m.group(1) in _KNOWN_FIELDS:
            fields[m.group(1)].append(m.group(2).strip())
        elif m and " " not in m.group(1) and m.group(1) not in ("http", "https"):
            raise QueryError(
                f"{where}unknown header field {m.group(1)!r}; expected one of "
                f"{', '.join(_KNOWN_FIELDS)}"
            )
        else:
            notes.append(line[2:].strip())
        i += 1

    sections: dict[str, list[str]] = {"*": []}
    current = "*"
    for line in lines[i:]:
        m = _ENGINE_LINE.match(line.strip())
        if m:
            current = m.group(1).lower()
            if current not in ENGINES:
                raise QueryError(
                    f"{where}unknown engine {current!r}; expected one of {', '.join(ENGINES)}"
                )
            if current in sections:
                raise QueryError(f"{where}engine {current!r} has two sections")
            sections[current] = []
            continue
        sections[current].append(line)
    texts = {k: "\n".join(v).strip() for k, v in sections.items()}

    for key in ("name", "question", "example"):
        if len(fields[key]) > 1:
            raise QueryError(f"{where}header field {key!r} given twice")
    name = fields["name"][0] if fields["name"] else ""
    question = fields["question"][0] if fields["question"] else ""
    if not name:
        raise QueryError(f"{where}missing '// name:' header")
    if not _NAME.match(name):
        raise QueryError(f"{where}query name {name!r} must be lower-case words joined by '-'")
    if path and Path(path).stem != name:
        raise QueryError(f"{where}query name {name!r} differs from the file name")
    if not question:
        raise QueryError(f"{where}missing '// question:' header")
    params: list[Param] = []
    for spec in fields["params"]:
        params.extend(parse_params(spec, where))
    names = [p.name for p in params]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise QueryError(f"{where}parameter declared twice: {', '.join(dupes)}")

    if not texts["*"]:
        raise QueryError(f"{where}no Cypher after the header")
    text_by_engine = {e: texts.get(e) or texts["*"] for e in ENGINES}
    for engine, cypher in text_by_engine.items():
        clause = write_clause(cypher)
        if clause:
            raise QueryError(f"{where}canned queries must only read; the {engine} text has {clause}")
        used = used_params(cypher)
        undeclared = sorted(used - set(names))
        if undeclared:
            raise QueryError(
                f"{where}the {engine} text uses undeclared parameter(s): {', '.join(undeclared)}"
            )
        unused = sorted(set(names) - used)
        if unused:
            raise QueryError(
                f"{where}the {engine} text never uses parameter(s): {', '.join(unused)}"
            )

    example = fields["example"][0] if fields["example"] else ""
    example_params = parse_param_args(example, where)
    query = Query(
        name=name, question=question, params=tuple(params), example=example,
        text_by_engine=text_by_engine, notes="\n".join(fields["note"] + notes).strip(),
        path=str(path), example_params=example_params, reference=texts["*"],
    )
    try:
        query.bind(example_params)
    except QueryError as exc:
        raise QueryError(f"{where}example does not fit the parameters: {exc}") from None
    return query


def queries_dir() -> Path:
    """Where the installed ``queries`` package keeps its ``.cypher`` files."""
    import queries

    return Path(queries.__file__).resolve().parent


def load_query(path: Union[str, Path]) -> Query:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query file: {exc}") from exc
    return parse_query(text, path)


def load_catalog(directory: Union[str, Path, None] = None) -> dict[str, Query]:
    """Every query in ``directory`` (default: the packaged ``queries/``), by name, sorted."""
    directory = Path(directory) if directory is not None else queries_dir()
    found = {}
    for path in sorted(directory.glob("*.cypher")):
        q = load_query(path)
        found[q.name] = q
    return found


def get_query(name: str, directory: Union[str, Path, None] = None) -> Query:
    """One query by name; an unknown name is an error that suggests close names."""
    catalog = load_catalog(directory)
    if name in catalog:
        return catalog[name]
    import difflib

    close = difflib.get_close_matches(name, list(catalog), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"unknown query {name!r}{hint} (list them with: claimgraph queries)")


def run_query(store: Any, name: str, values: Optional[Mapping[str, Any]] = None,
              **kwargs: Any) -> list[dict[str, Any]]:
    """Notebook helper: ``run_query(store, "most-accused", limit=5)``."""
    merged = dict(values or {})
    merged.update(kwargs)
    return get_query(name).run(store, merged)
