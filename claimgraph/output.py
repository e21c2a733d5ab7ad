"""Rows to text in the formats every row-printing command shares (sqlite-utils style).

``table`` is for people (aligned columns, long cells cut); ``csv``/``tsv`` for spreadsheets;
``json`` (one array) and ``jsonl`` (one object per line) for programs. Lists in a cell become
``a; b`` in table/csv/tsv and stay lists in json/jsonl.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Optional, Sequence

import click

FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "jsonl")
#: Longest cell a table shows; the full value is one ``--format csv`` away.
TABLE_CELL_MAX = 80


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Column names in order of first appearance across rows."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    return str(value)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())  # a table row is one line
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(rows: Sequence[dict[str, Any]], columns: Optional[list[str]] = None) -> str:
    cols = columns or columns_of(rows)
    if not cols:
        return ""
    cells = [[_cut(cell_text(r.get(c)), TABLE_CELL_MAX) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    numeric = [
        all(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool)
            for r in rows if r.get(c) is not None) and any(r.get(c) is not None for r in rows)
        for c in cols
    ]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w)
                 for v, w, num in zip(values, widths, numeric)]
        return "  ".join(parts).rstrip()

    out = [line(cols), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells)
    return "\n".join(out) + "\n"


def render_delimited(rows: Sequence[dict[str, Any]], delimiter: str,
                     columns: Optional[list[str]] = None) -> str:
    cols = columns or columns_of(rows)
    if not cols:
        return ""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(cols)
    for r in rows:
        writer.writerow([cell_text(r.get(c)) for c in cols])
    return buf.getvalue()


def _json_default(value: Any) -> Any:
    return str(value)  # dates and other driver values


def render_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def render_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=_json_default) + "\n" for r in rows)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Optional[list[str]] = None) -> str:
    if fmt == "table":
        return render_table(rows, columns)
    if fmt == "csv":
        return render_delimited(rows, ",", columns)
    if fmt == "tsv":
        return render_delimited(rows, "\t", columns)
    if fmt == "json":
        return render_json(rows)
    if fmt == "jsonl":
        return render_jsonl(rows)
    raise ValueError(f"unknown format {fmt!r}")


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Optional[list[str]] = None) -> None:
    """Print rows; an empty table says so on stderr (stdout stays empty for pipes)."""
    text = render(rows, fmt, columns)
    if text:
        click.echo(text, nl=False)
    if not rows and fmt in ("table",):
        click.echo("(no rows)", err=True)


def output_options(default: str = "table", formats: Sequence[str] = FORMATS) -> Callable:
    """``--format`` plus the shortcuts ``--table/--csv/--tsv/--json/--jsonl``.

    The chosen format arrives as the keyword ``fmt``; giving two different ones is a usage
    error (exit 2).
    """
    def decorate(func: Callable) -> Callable:
        shortcuts = [f for f in formats if f != "table"] + (["table"] if "table" in formats else [])
        for name in reversed(shortcuts):
            func = click.option(f"--{name}", f"_fmt_{name}", is_flag=True,
                                help=f"Same as --format {name}.")(func)
        func = click.option(
            "--format", "-f", "_fmt", type=click.Choice(list(formats), case_sensitive=False),
            default=None, help=f"Output format (default: {default}).",
        )(func)

        import functools

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            chosen = {kwargs.pop("_fmt")} - {None}
            for name in formats:
                if kwargs.pop(f"_fmt_{name}", False):
                    chosen.add(name)
            chosen = {c.lower() for c in chosen}
            if len(chosen) > 1:
                raise click.UsageError(
                    f"choose one output format, got {', '.join(sorted(chosen))}")
            kwargs["fmt"] = chosen.pop() if chosen else default
            return func(*args, **kwargs)

        return wrapper

    return decorate
