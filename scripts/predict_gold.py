#!/usr/bin/env python3
"""Write one prediction line per document of a gold file (the gold file is a valid input).

usage: predict_gold.py GOLD.jsonl > PRED.jsonl
Reads the jsonl directly (id, text, title, date) so scoring does not depend on the CLI.
"""
from __future__ import annotations

import json
import sys

from graph.model import Document
from loaders.extract import get_extractor


def main(path: str) -> int:
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                docs.append(Document(id=str(r["id"]), text=r.get("text", ""), title=r.get("title", ""),
                                     published=r.get("date", "") or ""))
    ex = get_extractor()
    for extraction in ex.extract_many(docs):
        sys.stdout.write(json.dumps(extraction.to_prediction(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
