#!/usr/bin/env python3
"""Misses and extras of a prediction against a gold file, with the evidence sentence and what the
extractor said about that sentence (for grouping errors by phenomenon; measuring only).

usage: diff_gold.py GOLD.jsonl PRED.jsonl [--types core|all] [--extras]
"""
from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("score", Path(__file__).resolve().parents[2] / "shared/eval/score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)  # type: ignore[union-attr]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--types", default="all")
    ap.add_argument("--extras", action="store_true")
    args = ap.parse_args()
    golds = score.load_jsonl(args.gold)
    preds = {str(p["doc_id"]): p for p in score.load_jsonl(args.pred)}

    def keep(ts):
        if args.types == "all":
            return True
        return True if ts <= score.CORE else ("neutral" if ts & score.CORE else False)

    for g in golds:
        p = preds.get(str(g["id"]), {})
        r = score.score_doc(g, p, keep)
        names = {a["id"]: a["name"] for a in p.get("actors", [])}
        for m in r["misses"]:
            ev = m.get("evidence", "")
            said = [f"{names.get(c['source'], c['source'])} {c['type']} {names.get(c['target'], c['target'])}"
                    for c in p.get("claims", []) if ev[:40] and ev[:40] in c.get("sentence", "")]
            if ev and ev not in g.get("text", ""):  # keyword evidence (PLOVER): show the text
                ev = g.get("text", "")[:400] + "  [" + ev + "]"
                said = [f"{names.get(c['source'], c['source'])} {c['type']} {names.get(c['target'], c['target'])}"
                        for c in p.get("claims", [])]
            t = m["type"] if isinstance(m["type"], str) else "/".join(m["type"])
            print(f"MISS {g['id']} {m['source'][0]} {t} {(m.get('target') or ['*'])[0]}\n   ev: {ev}\n   got: {said}")
        if args.extras:
            for s, t, o in r["extras"]:
                print(f"EXTRA {g['id']} {s[0] if s else '?'} {t} {o[0] if o else '-'}")


if __name__ == "__main__":
    main()
