"""Turn scraped article text into the clean text a Document stores.

Claims carry character offsets into ``Document.text``, so the cleaned text is the one and only
text of a document: it is computed once, here, before extraction, and stored as is. Cleaning
therefore only removes whole lines (page chrome, foreign-script furniture, repeated captions)
and normalises whitespace; it never rewrites words, quotes or apostrophes, so a sentence the
extractor finds is a sentence a reader finds in the stored text.

Paragraphs come out separated by one blank line, which sentence splitters treat as a boundary:
a caption or a headline never runs into the sentence after it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Iterable

#: Lines longer than this are prose, never chrome, whatever a pattern says.
MAX_CHROME_LINE = 120
#: Repeated lines shorter than this may be legitimate ("No.", "Yes."); longer repeats are
#: captions or pull quotes printed twice.
MIN_DUPLICATE_LINE = 30
#: A document is "mostly Latin" when at least this share of its letters is Latin script.
LATIN_DOCUMENT_SHARE = 0.8
#: A line of prose has at least this many words; the header and footer regions of a page are
#: the lines before the first and after the last such line.
PROSE_WORDS = 8
#: Runs of at least this many 1–2 word lines in the header/footer are menus.
MENU_RUN = 3

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LINE_BREAKS = re.compile(r"\r\n|\r|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NAV_SPLIT = re.compile(r"\s*\|\s*|\s+[•·»›>/]\s+")
_TERMINAL = ".!?…:;\"”’)]»"
_WORD = re.compile(r"\w+", re.UNICODE)
#: Lower-case words after which a sentence always goes on (articles, prepositions, conjunctions).
_CONTINUING_WORDS = frozenset(
    "a an the of to in on at by for from with without into onto over under about against "
    "between among and or but nor that which who whom whose than as its their his her our "
    "your my is are was were be been has have had will would shall should can could may "
    "might must not".split())


def _read_chrome_patterns() -> list[re.Pattern[str]]:
    text = resources.files("loaders").joinpath("data/chrome.txt").read_text(encoding="utf-8")
    return compile_chrome_patterns(text.splitlines())


def compile_chrome_patterns(lines: Iterable[str]) -> list[re.Pattern[str]]:
    """Patterns from ``chrome.txt`` lines: blank lines and ``#`` comments are skipped."""
    patterns = []
    for raw in lines:
        line = raw.strip()
        if line and not line.startswith("#"):
            patterns.append(re.compile(line, re.IGNORECASE))
    return patterns


@lru_cache(maxsize=1)
def chrome_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(_read_chrome_patterns())


def _is_latin_letter(ch: str) -> bool:
    cp = ord(ch)
    return (cp < 0x250 or 0x1E00 <= cp <= 0x1EFF or 0x2C60 <= cp <= 0x2C7F
            or 0xA720 <= cp <= 0xA7FF or 0xFF21 <= cp <= 0xFF5A)


def latin_share(text: str) -> float:
    """Share of letters in Latin script (1.0 for text without letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if _is_latin_letter(ch)) / len(letters)


def normalise_line(line: str) -> str:
    """One space between words, none at the ends; characters other than spaces untouched."""
    return _SPACES.sub(" ", line).strip()


def _normalise_characters(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = text.translate(_ZERO_WIDTH)
    return _CONTROL.sub("", text)


def is_chrome_line(line: str) -> bool:
    """Site furniture: a chrome pattern covering the whole line, or a navigation bar."""
    if len(line) > MAX_CHROME_LINE:
        return False
    if any(p.fullmatch(line) for p in chrome_patterns()):
        return True
    return _is_navigation_bar(line)


def _is_navigation_bar(line: str) -> bool:
    """``Home | World | Europe`` or ``Home › News › Politics``: three or more short items."""
    items = [item for item in _NAV_SPLIT.split(line) if item]
    if len(items) < 3:
        return False
    return all(len(item) <= 30 and len(item.split()) <= 4 and item[-1] not in ".!?,;"
               for item in items)


def _word_count(line: str) -> int:
    return len(_WORD.findall(line))


def _drop_menu_runs(lines: list[str]) -> list[str]:
    """Remove runs of one- and two-word lines before the first and after the last prose line.

    Menus scraped from a page header or footer come out one item per line; a list inside the
    article (countries that signed a treaty) is kept because it sits between prose lines.
    """
    prose = [i for i, line in enumerate(lines) if _word_count(line) >= PROSE_WORDS]
    if not prose:
        return lines
    first, last = prose[0], prose[-1]
    drop: set[int] = set()
    run: list[int] = []

    def flush() -> None:
        if len(run) >= MENU_RUN:
            drop.update(run)
        run.clear()

    for i, line in enumerate(lines):
        in_margin = i < first or i > last
        short = (in_margin and line != "" and _word_count(line) <= 2 and len(line) <= 25
                 and line[-1] not in _TERMINAL)
        if short:
            run.append(i)
        elif line != "" or not in_margin:
            flush()
    flush()
    return [line for i, line in enumerate(lines) if i not in drop]


def _joins(previous: str, following: str) -> str | None:
    """The separator that re-joins a hard-wrapped line with the next, or None for a break.

    A line is a continuation when the previous one stops mid-sentence: it ends with a comma,
    a hyphen or a word that cannot end a sentence ("by", "the"), or the next line starts in
    lower case. Anything else (headline, caption, a line ending a sentence) stays a paragraph
    of its own.
    """
    if not previous or not following or previous[-1] in _TERMINAL:
        return None
    if previous.endswith("-") and not previous.endswith(" -") and previous[-2:-1].isalpha():
        return ""
    if previous[-1] in ",–—" or following[0].islower():
        return " "
    last_word = previous.rsplit(" ", 1)[-1]
    if " " in previous and last_word in _CONTINUING_WORDS:
        return " "
    return None


def clean_text(text: str) -> str:
    """Clean article text; see the module docstring for what is and is not changed."""
    text = _normalise_characters(text)
    lines = [normalise_line(line) for line in text.split("\n")]
    mostly_latin = latin_share(text) >= LATIN_DOCUMENT_SHARE

    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if not line:
            kept.append("")
            continue
        if is_chrome_line(line):
            continue
        if mostly_latin and latin_share(line) < 0.5:
            continue
        key = line.casefold()
        if len(line) >= MIN_DUPLICATE_LINE:
            if key in seen:
                continue
            seen.add(key)
        kept.append(line)

    kept = _drop_menu_runs(kept)

    paragraphs: list[str] = []
    current = ""
    for line in kept:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current:
            sep = _joins(current, line)
            if sep is None:
                paragraphs.append(current)
                current = line
            else:
                current = current + sep + line
        else:
            current = line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)
