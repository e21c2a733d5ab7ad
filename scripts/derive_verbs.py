#!/usr/bin/env python3
"""Derive candidate claim-verb entries from the PETRARCH2 CAMEO verb dictionary.

usage: derive_verbs.py [CAMEO.2.0.txt] [CAMEO2PLOVER-2021.txt] > candidates.tsv

Reads the verb synonym blocks of CAMEO.2.0.txt ("---  BLAME   [112]  ---" followed by verbs,
each with an optional own code), maps each CAMEO code through the CAMEO→PLOVER table to one of
our claim types, and prints ``lemma<TAB>-<TAB>TYPE<TAB>-<TAB>confidence<TAB># cameo code`` rows
that are NOT yet in loaders/data/verbs.tsv. The output is a list of candidates for a human to
review: the curated loaders/data/verbs.tsv is what the extractor reads, never this output.

Source data, kept with what is derived from it:
  CAMEO.2.0.txt — PETRARCH2, Open Event Data Alliance, MIT licence:
    The MIT License (MIT)
    Copyright (c) 2015 Open Event Data Alliance
    Permission is hereby granted, free of charge, to any person obtaining a copy of this
    software and associated documentation files (the "Software"), to deal in the Software
    without restriction, including without limitation the rights to use, copy, modify, merge,
    publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
    to whom the Software is furnished to do so, subject to the following conditions:
    The above copyright notice and this permission notice shall be included in all copies or
    substantial portions of the Software.
    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
    INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
    PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
    FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
    OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    DEALINGS IN THE SOFTWARE.
  CAMEO2PLOVER-2021.txt — PLOVER manual draft 0.8, Open Event Data Alliance, CC BY-SA 4.0.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEX = ROOT.parent / "shared" / "lexicons"
DEFAULT_CAMEO = LEX / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_PLOVER = LEX / "plover" / "CAMEO2PLOVER-2021.txt"
CURATED = ROOT / "loaders" / "data" / "verbs.tsv"

#: PLOVER (draft 0.8) event, optionally with its mode, to our claim type.
PLOVER_TO_TYPE = {
    ("ACCUSE", "investigate"): "INVESTIGATES", "ACCUSE": "ACCUSES", "REJECT": "REJECTS",
    "CONSULT": "MEETS", "AGREE": "AGREES", "REQUEST": "DEMANDS", "THREATEN": "THREATENS",
    "PROTEST": "PROTESTS", "SUPPORT": "SUPPORTS", "COOPERATE": "COOPERATES", "AID": "AIDS",
    "CONCEDE": "CONCEDES", "RETREAT": "RETREATS", "SANCTION": "SANCTIONS",
    "MOBILIZE": "MOBILIZES", "COERCE": "COERCES", "ASSAULT": "ASSAULTS", "FIGHT": "FIGHTS",
}
#: CAMEO 02x (appeals, suggestions) and 03x offers are our PROPOSES (shared/lexicons/README).
PROPOSES_PREFIXES = ("02",)

BLOCK = re.compile(r"^---\s+(\S.*?)\s+\[(\S+)\]\s+---")
VERB = re.compile(r"^([A-Z][A-Z_]+)\s*(?:\{[^}]*\})?\s*(?:\[(\S+)\])?")


def plover_table(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if not m:
            continue
        code, event, mode = m.group(1), m.group(2), m.group(3).strip()
        typ = PLOVER_TO_TYPE.get((event, mode)) or PLOVER_TO_TYPE.get(event)
        if code.startswith(PROPOSES_PREFIXES):
            typ = "PROPOSES"
        if typ:
            table[code] = typ
    return table


def type_for(code: str, table: dict[str, str]) -> str | None:
    code = code.strip()
    if not code.isdigit():
        return None
    if code.startswith(PROPOSES_PREFIXES):
        return "PROPOSES"
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def derive(cameo: Path, plover: Path) -> list[tuple[str, str, str]]:
    table = plover_table(plover)
    out: list[tuple[str, str, str]] = []
    block_code = None
    for line in cameo.read_text(encoding="utf-8", errors="replace").splitlines():
        b = BLOCK.match(line)
        if b:
            block_code = b.group(2)
            continue
        if block_code is None or not line or line.startswith(("-", "#", "&", "+", " ")):
            continue
        v = VERB.match(line)
        if not v:
            continue
        code = v.group(2) or block_code
        typ = type_for(code, table)
        if typ:
            lemma = v.group(1).lower().replace("_", " ")
            out.append((lemma, typ, code))
    return out


def main(argv: list[str]) -> int:
    cameo = Path(argv[1]) if len(argv) > 1 else DEFAULT_CAMEO
    plover = Path(argv[2]) if len(argv) > 2 else DEFAULT_PLOVER
    curated = set()
    if CURATED.exists():
        for line in CURATED.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                cols = line.split("\t")
                curated.add((cols[0], cols[2]))
    print("# Candidates derived from PETRARCH2 CAMEO.2.0 (MIT, (c) 2015 Open Event Data Alliance)")
    print("# via CAMEO2PLOVER-2021 (CC BY-SA 4.0). Review before copying into loaders/data/verbs.tsv.")
    seen = set()
    for lemma, typ, code in derive(cameo, plover):
        if (lemma, typ) in curated or (lemma, typ) in seen:
            continue
        seen.add((lemma, typ))
        print(f"{lemma}\t-\t{typ}\t-\t0.5\t# cameo {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
