"""Cleaning: page chrome goes, article text (words, quotes, apostrophes, paragraphs) stays."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from loaders.cleaning import chrome_patterns, clean_text, latin_share

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_6406e2ef00b6ea62.txt"
EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_clean(seed_raw) -> str:
    return clean_text(seed_raw)


def test_seed_loses_foreign_script_chrome_line(seed_raw, seed_clean):
    first_raw = seed_raw.splitlines()[0]
    assert latin_share(first_raw) < 0.5  # the scraped page starts with site chrome
    assert first_raw not in seed_clean
    assert latin_share(seed_clean) == 1.0


def test_seed_loses_font_size_picker(seed_clean):
    lines = seed_clean.splitlines()
    assert not {"XS", "SM", "MD", "LG"} & set(lines)


def test_seed_duplicated_caption_kept_once(seed_raw, seed_clean):
    raw_lines = [line for line in seed_raw.splitlines() if line.strip()]
    repeated = {line for line in raw_lines if raw_lines.count(line) > 1}
    assert repeated, "the seed has captions printed twice"
    for line in repeated:
        assert seed_clean.count(line) == 1


def test_seed_paragraphs_and_typography_preserved(seed_raw, seed_clean):
    kept_raw = [line for line in seed_raw.splitlines()
                if len(line.split()) >= 8]  # every prose line of the article
    paragraphs = seed_clean.split("\n\n")
    for line in kept_raw:
        assert line in paragraphs  # whole paragraph, unchanged (’ “ ” included)
    assert "\n\n\n" not in seed_clean and seed_clean == seed_clean.strip()
    assert seed_clean.count("’") == seed_raw.count("’")


def test_clean_is_idempotent(seed_clean):
    assert clean_text(seed_clean) == seed_clean


def test_clean_news_articles_lose_nothing_but_whitespace():
    """Real, already-clean article texts: cleaning must not drop or change any words."""
    path = EVAL / "news.dev.jsonl"
    if not path.exists():
        pytest.skip("shared eval data not present")
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        cleaned = clean_text(text)
        assert cleaned.split() == text.split(), json.loads(line)["id"]


def test_navigation_and_menus_removed_but_lists_inside_article_kept():
    text = "\n".join([
        "Home | World | Europe | Politics",
        "News",
        "Sport",
        "Weather",
        "Skip to main content",
        "",
        "The foreign ministers of four countries met in Vienna on Monday to discuss the talks.",
        "The countries were:",
        "France",
        "Germany",
        "Italy",
        "The ministers agreed to meet again next month in Rome to continue the negotiations.",
        "",
        "Share",
        "Twitter",
        "© 2024 Example News",
    ])
    cleaned = clean_text(text)
    assert cleaned.startswith("The foreign ministers")
    assert cleaned.endswith("continue the negotiations.")
    for kept in ("France", "Germany", "Italy"):
        assert kept in cleaned.splitlines()
    for gone in ("Home |", "Sport", "Skip to", "Twitter", "©"):
        assert gone not in cleaned


def test_whitespace_normalised_within_lines_and_paragraph_breaks_kept():
    text = "  Russia\taccused\u00a0Ukraine   of  shelling. \r\n\r\n\r\n\u200bKyiv denied it.  "
    assert clean_text(text) == "Russia accused Ukraine of shelling.\n\nKyiv denied it."


def test_hard_wrapped_prose_is_rejoined_but_headlines_are_not():
    text = ("Kyiv rejects claim\n"
            "The Ukrainian Foreign Ministry on Tuesday rejected the accusation made by\n"
            "Moscow, saying the Armenian-\nAzerbaijani border talks were unrelated.")
    assert clean_text(text) == (
        "Kyiv rejects claim\n\n"
        "The Ukrainian Foreign Ministry on Tuesday rejected the accusation made by Moscow, "
        "saying the Armenian-Azerbaijani border talks were unrelated.")


def test_chrome_patterns_are_data():
    data = (ROOT / "loaders" / "data" / "chrome.txt").read_text(encoding="utf-8")
    rules = [ln for ln in data.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(chrome_patterns()) == len(rules)
    for rule in rules:
        re.compile(rule)
