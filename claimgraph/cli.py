"""``claimgraph``: the command line, thin over ``loaders`` and ``graph``.

Every command that touches a store takes ``--store URI`` (else CLAIMGRAPH_STORE, NEO4J_URI,
./claimgraph.db). Library errors (``ClaimgraphError``) become one ``Error: ...`` line and exit
status 1; usage errors exit 2; a user mistake never shows a traceback. Heavy modules (drivers,
spaCy, networkx) are imported inside the commands so ``--help`` stays fast.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from typing import Any, Iterator, Optional, Sequence

import click

from claimgraph import __version__
from claimgraph.output import emit, output_options
from claimgraph.params import guessed, param_option, split_pairs
from graph.errors import ClaimgraphError

#: The Neo4j driver logs server notifications (e.g. "relationship type not in the database" for
#: claim types nobody has used yet) as warnings; on a terminal they drown the answer.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_VIEW_OUT = "claimgraph-network.html"
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")
EXPORT_DEFAULT_OUT = {"graphml": "claimgraph.graphml", "gexf": "claimgraph.gexf",
                      "json": "claimgraph.json", "csv": "claimgraph"}


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class ClaimgraphGroup(click.Group):
    """Turns library errors into ``Error: <one line>`` + exit 1 for every subcommand."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            raise click.ClickException(_one_line(exc)) from None
        except OSError as exc:  # output files: full disk, permissions
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


store_option = click.option(
    "--store", "store_uri", metavar="URI", default=None,
    help="bolt://host:7687 or neo4j://... for Neo4j, else a LadybugDB file path "
         "(default: $CLAIMGRAPH_STORE, $NEO4J_URI, ./claimgraph.db).",
)


def _shown(uri: str) -> str:
    """The URI without credentials, for messages."""
    from graph.store import is_neo4j_uri

    if is_neo4j_uri(uri):
        from graph.neo4j_store import safe_uri

        return safe_uri(uri)
    return uri


def _interactive() -> bool:
    """Whether a hidden password prompt can be answered (stdin is a terminal)."""
    return sys.stdin.isatty()


@contextlib.contextmanager
def opened_store(uri: Optional[str]) -> Iterator[Any]:
    """Open the store; if Neo4j asks for a password and none is set, ask for it (hidden)."""
    from graph.store import is_neo4j_uri, open_store, resolve_uri

    target = resolve_uri(uri)
    try:
        store = open_store(target)
    except ClaimgraphError as exc:
        if not is_neo4j_uri(target):
            raise
        from graph.neo4j_store import Neo4jAuthError

        if not isinstance(exc, Neo4jAuthError) or os.environ.get("NEO4J_PASSWORD") is not None:
            raise
        if not _interactive():
            raise click.ClickException(
                f"{_one_line(exc)} (or run it on a terminal to be asked for the password)"
            ) from None
        password = click.prompt(f"Neo4j password for {_shown(target)}", hide_input=True,
                                err=True)
        store = open_store(target, password=password)
    try:
        yield store
    finally:
        store.close()


def _bar_length(paths: Sequence[str]) -> Optional[int]:
    """Documents to expect when that is cheap to know (one per text/markdown/html file);
    None when JSON Lines or stdin can hold any number."""
    from loaders.readers import JSON_EXTENSIONS, JSONL_EXTENSIONS, SUPPORTED_EXTENSIONS, is_sidecar

    count = 0
    files: list[str] = []
    for p in paths:
        if p == "-":
            return None
        if os.path.isdir(p):
            for root, _dirs, names in os.walk(p):
                files.extend(os.path.join(root, n) for n in names)
        else:
            files.append(p)
    for f in files:
        ext = os.path.splitext(f)[1].lower()
        if ext in JSONL_EXTENSIONS + JSON_EXTENSIONS and not is_sidecar(f):
            return None
        if ext in SUPPORTED_EXTENSIONS and not is_sidecar(f):
            count += 1
        elif not os.path.isdir(f) and f in paths:
            count += 1  # named explicitly: it is read (or reported) either way
    return count


@click.group(name="claimgraph", cls=ClaimgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="claimgraph")
def cli() -> None:
    """A graph of political actors and the claims they make about each other.

    Load news articles, then ask canned questions (claimgraph queries), run Cypher, draw the
    network, export it, or rank actors. Neo4j passwords come from NEO4J_PASSWORD or a hidden
    prompt, never from an option.
    """


# ------------------------------------------------------------------------------ load / extract


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_option
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction processes.")
@click.option("--batch-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Documents per write transaction.")
@click.option("--silent", "-s", is_flag=True, help="No progress bar.")
def load(paths: tuple[str, ...], store_uri: Optional[str], workers: int, batch_size: int,
         silent: bool) -> None:
    """Read articles (txt, md, html, json, jsonl; directories; - for stdin), extract actors
    and claims, and store them. Files that fail are listed on stderr (path: reason); the
    others still load, and the exit status is 1."""
    from loaders.pipeline import load_paths

    with opened_store(store_uri) as store:
        show = not silent and sys.stderr.isatty()
        bar_cm: Any = contextlib.nullcontext(None)
        if show:
            length = _bar_length(paths)
            bar_cm = click.progressbar(
                length=length if length is not None else None,
                iterable=iter(()) if length is None else None,
                label="Loading", file=sys.stderr, show_pos=True,
                item_show_func=lambda label: str(label)[-40:] if label else "",
            )
        with bar_cm as bar:
            def progress(label: str, ok: bool) -> None:
                if bar is not None:
                    bar.update(1, label)

            report = load_paths(list(paths), store, workers=workers, batch_size=batch_size,
                                progress=progress)
        for path, reason in report.failed:
            click.echo(f"{path}: {reason}", err=True)
        by_type = ", ".join(f"{t} {n}" for t, n in report.claims_by_type.items()) or "none"
        click.echo(
            f"Documents: {report.documents_loaded} loaded, {report.documents_skipped} skipped "
            f"(already stored), {report.documents_failed} failed\n"
            f"Actors: {report.actors}\n"
            f"Claims: {report.claims} ({by_type})\n"
            f"Store: {store.engine} {_shown(getattr(store, 'path', None) or getattr(store, 'uri', ''))}"
        )
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "-f", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True,
              help="jsonl: one prediction per document (the eval scorer's input); "
                   "table: one row per claim.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction processes.")
def extract(paths: tuple[str, ...], fmt: str, workers: int) -> None:
    """Extract actors and claims without a store: print them. Bad files are listed on
    stderr and make the exit status 1."""
    import json

    from graph.errors import InputError
    from loaders.pipeline import extract_documents
    from loaders.readers import iter_documents

    failed = 0
    rows: list[dict[str, Any]] = []
    for result in extract_documents(iter_documents(list(paths)), workers=workers):
        if isinstance(result, InputError):
            failed += 1
            click.echo(f"{result.path}: {result.reason}", err=True)
            continue
        if fmt == "jsonl":
            click.echo(json.dumps(result.to_prediction(), ensure_ascii=False))
            continue
        names = {a.id: a.name for a in result.actors}
        for c in result.claims:
            rows.append({"document": result.document.id, "speaker": names.get(c.source_id, c.source_id),
                         "type": c.type,
                         "target": names.get(c.target_id, c.target_id) if c.target_id else "",
                         "sentence": c.sentence})
    if fmt == "table":
        emit(rows, "table")
    if failed:
        sys.exit(1)


# ------------------------------------------------------------------------------ queries


@cli.command("queries")
@click.option("--verbose", "-v", is_flag=True, help="Also show the example and notes.")
@output_options()
def list_queries(verbose: bool, fmt: str) -> None:
    """The canned-query catalog: name, question, parameters."""
    from graph.catalog import load_catalog

    rows = []
    for q in load_catalog().values():
        row = {"name": q.name, "question": q.question,
               "parameters": ", ".join(p.describe() for p in q.params)}
        if verbose:
            row["example"] = f"claimgraph query {q.name} {q.example}".rstrip()
            row["notes"] = q.notes
        rows.append(row)
    emit(rows, fmt)


@cli.command()
@click.argument("name")
@param_option
@store_option
@click.option("--show", is_flag=True,
              help="Print the Cypher (for the store's engine) and the bound parameters "
                   "instead of running it.")
@output_options()
def query(name: str, params: tuple[str, ...], store_uri: Optional[str], show: bool,
          fmt: str) -> None:
    """Run the canned query NAME (see: claimgraph queries). Parameters are typed by the
    query's header; missing ones take their defaults."""
    from graph.catalog import get_query
    from graph.store import is_neo4j_uri, resolve_uri

    q = get_query(name)
    bound = q.bind(split_pairs(params))
    if show:
        engine = "neo4j" if is_neo4j_uri(resolve_uri(store_uri)) else "ladybug"
        click.echo(f"// {q.name} on {engine}; parameters: "
                   + ", ".join(f"{k}={v!r}" for k, v in bound.items()))
        click.echo(q.text_for(engine))
        return
    with opened_store(store_uri) as store:
        rows = q.run(store, bound)
    emit(rows, fmt)


@cli.command()
@click.argument("text", metavar="QUERY")
@param_option
@store_option
@click.option("--write", is_flag=True, help="Allow CREATE/MERGE/SET/DELETE...; read-only otherwise.")
@output_options()
def cypher(text: str, params: tuple[str, ...], store_uri: Optional[str], write: bool,
           fmt: str) -> None:
    """Run ad hoc Cypher (QUERY, or - to read it from stdin). Read-only unless --write."""
    if text == "-":
        text = click.get_text_stream("stdin").read()
    if not text.strip():
        raise click.UsageError("empty query")
    values = guessed(params)
    with opened_store(store_uri) as store:
        rows = store.run(text, values, write=write)
    emit(rows, fmt)


# ------------------------------------------------------------------------------ network


def _types(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[list[str]]:
    if not value:
        return None
    from graph.model import CLAIM_TYPES

    wanted = [t.strip().upper() for t in value.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in CLAIM_TYPES]
    if unknown:
        raise click.BadParameter(
            f"unknown claim type(s) {', '.join(unknown)}; known: {', '.join(CLAIM_TYPES)}")
    return wanted


def graph_filters(func: Any) -> Any:
    """The filters ``view`` and ``export`` share (those of ``to_networkx``)."""
    options = [
        click.option("--actor", metavar="NAME", help="Centre on this actor (id, name or alias)."),
        click.option("--hops", type=click.IntRange(min=0), default=None,
                     help="With --actor: keep actors within N claims (default 1)."),
        click.option("--types", metavar="T1,T2", callback=_types,
                     help="Only these claim types, e.g. ACCUSES,REJECTS."),
        click.option("--since", metavar="DATE", help="Claims on or after this ISO date."),
        click.option("--until", metavar="DATE", help="Claims on or before this ISO date."),
        click.option("--min-claims", type=click.IntRange(min=0), default=None,
                     help="Drop actors with fewer claims."),
        click.option("--limit", type=click.IntRange(min=1), default=None,
                     help="Keep the N actors with most claims."),
    ]
    for opt in reversed(options):
        func = opt(func)
    return func


def _resolve_actor(store: Any, actor: Optional[str]) -> Optional[str]:
    """An actor id from an id, name or alias (case-insensitive), for the graph filters."""
    if not actor:
        return None
    from graph.catalog import resolve_actor

    found = resolve_actor(store, actor)
    if not store.run("MATCH (a:Actor {id: $id}) RETURN a.id AS id", {"id": found}):
        raise click.ClickException(f"no actor matches {actor!r} (try: claimgraph query actors)")
    return found


def _network(store: Any, actor: Optional[str], hops: Optional[int], types: Optional[list[str]],
             since: Optional[str], until: Optional[str], min_claims: Optional[int],
             limit: Optional[int]) -> Any:
    from graph.networkx_graph import to_networkx

    if hops is not None and not actor:
        raise click.UsageError("--hops needs --actor")
    return to_networkx(store, actor=_resolve_actor(store, actor), hops=hops, types=types,
                       since=since, until=until, min_claims=min_claims, limit=limit)


@cli.command()
@store_option
@click.option("--out", "-o", type=click.Path(dir_okay=False), default=DEFAULT_VIEW_OUT,
              show_default=True, help="HTML file to write.")
@graph_filters
def view(store_uri: Optional[str], out: str, actor: Optional[str], hops: Optional[int],
         types: Optional[list[str]], since: Optional[str], until: Optional[str],
         min_claims: Optional[int], limit: Optional[int]) -> None:
    """Write an interactive network page (offline HTML, pyvis) and say where."""
    from graph.view import write_html

    # A page of actors that were only mentioned is noise: by default draw those with a claim.
    if min_claims is None:
        min_claims = 1
    with opened_store(store_uri) as store:
        G = _network(store, actor, hops, types, since, until, min_claims, limit)
    path = write_html(G, out, **({"limit": limit} if limit else {}))
    click.echo(f"Wrote {G.number_of_nodes()} actors and {G.number_of_edges()} claims to "
               f"{os.path.abspath(path)}")


@cli.command()
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default="graphml",
              show_default=True, help="File format.")
@click.option("--out", "-o", type=click.Path(), default=None,
              help="Output file (csv: a directory or a prefix for PREFIX.nodes.csv and "
                   "PREFIX.edges.csv). Default: ./claimgraph.<format>.")
@graph_filters
def export(store_uri: Optional[str], fmt: str, out: Optional[str], actor: Optional[str],
           hops: Optional[int], types: Optional[list[str]], since: Optional[str],
           until: Optional[str], min_claims: Optional[int], limit: Optional[int]) -> None:
    """Export the actor network (GraphML, GEXF, node-link JSON, or two CSV files)."""
    from graph.export import WRITERS

    target = out or EXPORT_DEFAULT_OUT[fmt]
    with opened_store(store_uri) as store:
        G = _network(store, actor, hops, types, since, until, min_claims, limit)
    written = WRITERS[fmt](G, target)
    paths = written if isinstance(written, tuple) else (written,)
    for p in paths:
        click.echo(f"Wrote {os.path.abspath(p)}")


@cli.command()
@store_option
@click.option("--by", type=click.Choice(["pagerank", "betweenness", "degree"]),
              default="pagerank", show_default=True, help="Centrality measure.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@output_options()
def rank(store_uri: Optional[str], by: str, limit: int, fmt: str) -> None:
    """The most central actors of the claim network."""
    from graph.analysis import rank as rank_actors

    with opened_store(store_uri) as store:
        rows = rank_actors(store, by=by, limit=limit)
    emit(rows, fmt)


@cli.command()
@store_option
@click.option("--method", type=click.Choice(["louvain", "greedy"]), default="louvain",
              show_default=True, help="Community detection algorithm.")
@click.option("--min-size", type=click.IntRange(min=1), default=1, show_default=True,
              help="Hide communities smaller than this.")
@output_options()
def communities(store_uri: Optional[str], method: str, min_size: int, fmt: str) -> None:
    """Groups of actors that interact mostly with each other."""
    from graph.analysis import communities as find_communities

    with opened_store(store_uri) as store:
        rows = find_communities(store, method=method, min_size=min_size)
    emit(rows, fmt)


# ------------------------------------------------------------------------------ store


@cli.command()
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def stats(store_uri: Optional[str], fmt: str) -> None:
    """Counts: documents, actors, claims (by type), memberships, mentions."""
    import json

    with opened_store(store_uri) as store:
        data = store.stats()
        engine = store.engine
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))
        return
    click.echo(f"engine: {engine}")
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            width = max((len(k) for k in value), default=0)
            for k, v in value.items():
                click.echo(f"  {k.ljust(width)}  {v}")
        else:
            click.echo(f"{key}: {value}")


@cli.command()
@store_option
def schema(store_uri: Optional[str]) -> None:
    """Create the constraints (Neo4j) or node and relationship tables (LadybugDB); safe to
    run again."""
    from graph.store import resolve_uri

    with opened_store(store_uri) as store:
        store.create_schema()
        engine = store.engine
    click.echo(f"Schema ready ({engine}: {_shown(resolve_uri(store_uri))})")


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Console entry point (``claimgraph``)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="claimgraph")


if __name__ == "__main__":
    main()
