"""Readers: every input format, metadata sources, ids, dates, stdin and directory walking."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model import Document
from loaders.readers import iter_documents, normalise_date, parse_front_matter

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EVAL = ROOT.parent / "shared" / "eval"

BODY = ("Russia on Tuesday accused Ukraine of sabotaging a gas pipeline in the Baltic Sea. "
        "Kyiv rejected the charge as absurd and said Moscow was trying to distract attention.")


def docs_and_errors(paths, **kw):
    items = list(iter_documents([str(p) for p in paths], **kw))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, InputError)])


def test_txt_with_sidecar_meta(tmp_path):
    shutil.copy(SEEDS / "000_6406e2ef00b6ea62.txt", tmp_path)
    shutil.copy(SEEDS / "000_6406e2ef00b6ea62.meta.json", tmp_path)
    docs, errors = docs_and_errors([tmp_path])
    assert errors == []
    assert len(docs) == 1  # the sidecar is metadata, not a second document
    doc = docs[0]
    meta = json.loads((SEEDS / "000_6406e2ef00b6ea62.meta.json").read_text())
    assert doc.id == "000_6406e2ef00b6ea62"
    assert doc.title == meta["title"]
    assert doc.published == meta["date"]
    assert doc.source == meta["source"]
    assert doc.url == ""  # null in the sidecar
    assert doc.path.endswith("000_6406e2ef00b6ea62.txt")
    assert "XS\nSM" not in doc.text  # stored text is the cleaned text


def test_sidecar_named_explicitly_is_not_a_document(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "date": "5 March 2024"}))
    docs, errors = docs_and_errors([tmp_path / "a.txt", tmp_path / "a.meta.json"])
    assert errors == [] and [d.id for d in docs] == ["a"]
    assert docs[0].title == "T" and docs[0].published == "2024-03-05"


def test_bad_sidecar_is_reported_and_document_still_loads(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "a.meta.json").write_text("{not json")
    docs, errors = docs_and_errors([tmp_path])
    assert [d.id for d in docs] == ["a"]
    assert len(errors) == 1 and errors[0].path.endswith("a.meta.json")
    assert "invalid JSON" in errors[0].reason


def test_markdown_front_matter_and_markup(tmp_path):
    md = tmp_path / "story.md"
    md.write_text(
        "---\n"
        "title: \"Kyiv rejects Moscow's claim\"\n"
        "date: 2024-03-05T09:30:00Z\n"
        "url: https://example.org/story\n"
        "source: Example Wire\n"
        "tags:\n  - ignored\n"
        "---\n"
        "# Kyiv rejects Moscow's claim\n\n"
        f"**{BODY}** See [the statement](https://example.org/s).\n"
    )
    docs, errors = docs_and_errors([md])
    assert errors == []
    doc = docs[0]
    assert (doc.id, doc.title, doc.published, doc.url, doc.source) == (
        "story", "Kyiv rejects Moscow's claim", "2024-03-05", "https://example.org/story",
        "Example Wire")
    assert doc.text.startswith("Kyiv rejects Moscow's claim\n\n")
    assert "**" not in doc.text and "](" not in doc.text and "title:" not in doc.text
    assert "See the statement." in doc.text


def test_front_matter_parser_is_plain_data():
    meta, body = parse_front_matter("---\ntitle: !!python/object:os.system 'x'\n---\nBody")
    assert meta["title"] == "!!python/object:os.system 'x'" and body == "Body"
    meta, body = parse_front_matter("---\nnot closed\nBody")
    assert meta == {} and body.startswith("---")


def test_html_main_text_and_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Kyiv rejects claim | Example News</title>"
        '<meta property="og:title" content="Kyiv rejects claim">'
        '<meta name="date" content="2024-03-05">'
        '<link rel="canonical" href="https://news.example.org/kyiv">'
        "<script>var tracking = 'Kremlin';</script></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>Kyiv rejects claim</h1><p>{BODY}</p>"
        "<p>The Ukrainian Foreign Ministry said the accusation had no basis and called on "
        "international partners to ignore it.</p></article>"
        "<footer>Copyright 2024 Example News</footer></body></html>"
    )
    docs, errors = docs_and_errors([page])
    assert errors == []
    doc = docs[0]
    assert doc.id == "page" and doc.title == "Kyiv rejects claim"
    assert doc.published == "2024-03-05" and doc.url == "https://news.example.org/kyiv"
    assert BODY in doc.text
    assert "tracking" not in doc.text and "Copyright" not in doc.text and "<p>" not in doc.text
    assert "\n\n" in doc.text  # paragraphs stay apart


def test_jsonl_gold_file_is_valid_input():
    gold = EVAL / "news.dev.jsonl"
    if not gold.exists():
        pytest.skip("shared eval data not present")
    records = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    docs, errors = docs_and_errors([gold])
    assert errors == []
    assert [d.id for d in docs] == [r["id"] for r in records]
    for doc, rec in zip(docs, records):
        assert doc.title == rec.get("title", "")
        assert doc.published == rec.get("date", "")
        assert doc.path.startswith(str(gold) + ":")


def test_jsonl_ids_fall_back_to_file_and_line(tmp_path):
    f = tmp_path / "batch.ndjson"
    f.write_text(json.dumps({"text": BODY, "extra": [1, 2]}) + "\n\n"
                 + json.dumps({"id": 42, "text": BODY, "date": "March 5, 2024"}) + "\n")
    docs, errors = docs_and_errors([f])
    assert errors == []
    assert [d.id for d in docs] == ["batch-1", "42"]
    assert docs[1].published == "2024-03-05"


def test_json_object_and_list(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": BODY, "title": "One"}))
    (tmp_path / "many.json").write_text(json.dumps([{"id": "m1", "text": BODY},
                                                    {"id": "m2", "title": "no text"}]))
    docs, errors = docs_and_errors([tmp_path])
    assert sorted(d.id for d in docs) == ["m1", "one"]
    assert len(errors) == 1 and errors[0].path.endswith("many.json[2]")
    assert "text" in errors[0].reason


def test_stdin_plain_text():
    docs, errors = docs_and_errors(["-"], stdin=io.StringIO(BODY + "\n"))
    assert errors == [] and len(docs) == 1
    assert docs[0].id == "stdin" and docs[0].text == BODY


def test_stdin_json_lines_from_bytes():
    data = (json.dumps({"id": "a", "text": BODY}) + "\n"
            + json.dumps({"id": "b", "text": BODY}) + "\n{broken\n").encode()
    docs, errors = docs_and_errors(["-"], stdin=io.BytesIO(data))
    assert [d.id for d in docs] == ["a", "b"]
    assert [e.path for e in errors] == ["<stdin>:3"]


def test_directory_walk_is_recursive_sorted_and_deduplicated(tmp_path):
    for rel in ("b/2.txt", "a/z.txt", "a/sub/1.md", "c.txt", ".hidden/x.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(BODY)
    docs, errors = docs_and_errors([tmp_path, tmp_path / "c.txt"])
    assert errors == []
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in docs] == [
        "a/sub/1.md", "a/z.txt", "b/2.txt", "c.txt"]


@pytest.mark.parametrize("raw, iso", [
    ("2024-02-14", "2024-02-14"), ("14 February 2024", "2024-02-14"),
    ("2024-02-14T23:10:00+04:00", "2024-02-14"), ("Feb 2024", "2024-02-01"),
    ("not a date", ""), ("", ""), (None, ""),
])
def test_dates_are_normalised(raw, iso):
    assert normalise_date(raw) == iso


def test_encodings_that_can_be_decoded_are(tmp_path):
    text = "Le président français a rencontré le chancelier allemand à Berlin — “a good talk”."
    (tmp_path / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    docs, errors = docs_and_errors([tmp_path])
    assert errors == []
    assert [d.text for d in docs] == [text, text, text]
