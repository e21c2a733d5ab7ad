#!/usr/bin/env python3
"""Debug view: actors, memberships and claims the extractor finds in a text (argv or stdin)."""
from __future__ import annotations

import sys

from graph.model import Document
from loaders.extract import get_extractor


def main() -> int:
    text = " ".join(sys.argv[1:]) if len(sys.argv) > 1 else sys.stdin.read()
    ex = get_extractor().extract(Document(id="debug", text=text))
    for a in ex.actors:
        print(f"ACTOR {a.id:40} {a.kind:12} {a.name!r} mentions={a.mentions} aliases={a.aliases}")
    for m in ex.memberships:
        print(f"MEMBER {m.member_id} -> {m.group_id} role={m.role!r}")
    for c in ex.claims:
        print(f"CLAIM {c.source_id} {c.type} {c.target_id} conf={c.confidence} about={c.about_id} | {c.sentence[:100]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
