"""``-p key=value`` options: split on the first ``=``; values typed later.

Canned queries type values by their declared parameters (``graph.catalog``); ad hoc Cypher has
no declarations, so its values are guessed (``42`` → int, ``true`` → bool, ``[1,2]`` → list).
"""
from __future__ import annotations

import re
from typing import Any, Sequence

import click

from graph.catalog import guess_value

_KEY = re.compile(r"^[A-Za-z_]\w*$")


def split_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=x=y"]`` → ``{"a": "1", "b": "x=y"}``; a malformed pair is a usage error."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not _KEY.match(key):
            raise click.BadParameter(
                f"{pair!r} is not key=value (key: letters, digits, _)", param_hint="'-p'")
        out[key] = value
    return out


def guessed(pairs: Sequence[str]) -> dict[str, Any]:
    return {k: guess_value(v) for k, v in split_pairs(pairs).items()}


param_option = click.option(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
    help="Query parameter; repeat for more. Values like 10, 2.5, true, null, [\"a\"] are typed.",
)
