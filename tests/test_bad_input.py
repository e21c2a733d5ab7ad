"""A corpus of bad files next to good ones: one clear error per bad file, the good ones load.

The corpus is written by the tests (real files, a FIFO, dangling and looping symlinks, a 50 MB
text) into tmp_path. Loading into the store uses the real extractor and a real LadybugDB file.
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model import Document
from loaders.readers import iter_documents

BODY = ("Russia on Tuesday accused Ukraine of sabotaging a gas pipeline in the Baltic Sea. "
        "Kyiv rejected the charge as absurd and said Moscow was trying to distract attention.")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")

HAVE_EXTRACTOR = importlib.util.find_spec("loaders.extract") is not None
HAVE_LADYBUG_STORE = importlib.util.find_spec("graph.ladybug_store") is not None

ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Kyiv rejects claim</title>"
    "<script>var ads = [];</script></head><body><nav><a href='/'>Home</a></nav>"
    f"<article><h1>Kyiv rejects claim</h1><p>{BODY}</p>"
    "<p>The Ukrainian Foreign Ministry said the accusation had no basis and called on partners "
    "to ignore it, while the Kremlin repeated the charge at a briefing in Moscow.</p>"
    "</article></body></html>")

#: bad file name -> words its one error reason must contain
BAD = {
    "empty.txt": "empty file",
    "blank.txt": "only whitespace",
    "image.txt": "binary file (PNG image)",
    "photo.png": "unsupported file type .png",
    "zeros.txt": "binary content",
    "garbage.txt": "not valid UTF-8",
    "huge.txt": "too large",
    "scripts.html": "no article text found",
    "notes.xyz": "unsupported file type .xyz",
    "gone.txt": "broken symbolic link",
    "pipe.txt": "not a regular file",
    "selfloop.txt": "symbolic links",
    "chrome_only.txt": "no article text left",
    "lines.jsonl:2": "invalid JSON",
    "lines.jsonl:3": 'no "text" field',
}
#: ids of the documents that must load from the same corpus
GOOD = {"good", "story", "latin1", "utf16", "article", "truncated", "j1", "j4"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text(BODY)
    (d / "good.meta.json").write_text(json.dumps({"title": "Good", "date": "2024-03-05"}))
    (d / "sub" / "story.md").write_text(f"---\ntitle: Story\n---\n{BODY}\n")
    (d / "latin1.txt").write_bytes(("Le ministre français a déclaré: " + BODY).encode("latin-1"))
    (d / "utf16.txt").write_bytes(BODY.encode("utf-16"))
    (d / "article.html").write_text(ARTICLE_HTML)
    (d / "truncated.html").write_text(ARTICLE_HTML[: ARTICLE_HTML.index("<p>The Ukrainian") + 60])
    (d / "lines.jsonl").write_text("\n".join([
        json.dumps({"id": "j1", "text": BODY}),
        '{"id": "j2", "text": "unterminated',
        json.dumps({"id": "j3", "title": "no text here"}),
        json.dumps({"id": "j4", "text": BODY}),
    ]) + "\n")

    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\t\n   \n")
    (d / "image.txt").write_bytes(PNG)
    (d / "photo.png").write_bytes(PNG)
    (d / "zeros.txt").write_bytes(b"Russia\x00\x00\x00\x01\x02Ukraine\x00" * 20)
    (d / "garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 8 + b"\x81\x8d\x8f\x90\x9d" * 50)
    with open(d / "huge.txt", "w", encoding="utf-8") as fh:
        line = BODY + "\n"
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))  # ~50 MB of real text
    (d / "scripts.html").write_text("<html><head><script>var a = 1;</script></head><body>"
                                    "<script>document.write('x')</script></body></html>")
    (d / "notes.xyz").write_text(BODY)
    (d / "gone.txt").symlink_to(d / "nowhere.txt")
    os.mkfifo(d / "pipe.txt")
    (d / "selfloop.txt").symlink_to(d / "selfloop.txt")
    (d / "chrome_only.txt").write_text("XS\nSM\nMD\nLG\n")
    (d / "sub" / "loop").symlink_to(d, target_is_directory=True)  # a directory symlink loop
    return d



@pytest.mark.timeout(60)
def test_every_bad_file_gets_one_clear_error_and_good_files_read(corpus):
    items = list(iter_documents([str(corpus)]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]

    assert sorted(d.id for d in docs) == sorted(GOOD)  # nothing read twice through the loop
    by_name: dict[str, list[InputError]] = {}
    for err in errors:
        by_name.setdefault(Path(err.path).name, []).append(err)
    assert sorted(by_name) == sorted(BAD)
    for name, words in BAD.items():
        (err,) = by_name[name]
        message = str(err)
        assert "\n" not in message and message.startswith(err.path + ": ")
        assert words in err.reason, (name, err.reason)


def test_decodable_encodings_and_truncated_html_load_with_their_text(corpus):
    docs = {d.id: d for d in iter_documents([str(corpus)]) if isinstance(d, Document)}
    assert docs["latin1"].text.startswith("Le ministre français a déclaré")
    assert docs["utf16"].text == BODY
    assert docs["truncated"].text.startswith("Kyiv rejects claim")
    assert docs["good"].title == "Good"


def test_explicit_missing_paths_and_oversize_limit(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text(BODY)
    items = list(iter_documents([str(tmp_path / "missing.txt"), str(small)], max_bytes=50))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError"]
    assert "no such file" in items[0].reason and "too large" in items[1].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(BODY)
    p.chmod(0)
    (err,) = list(iter_documents([str(p)]))
    assert isinstance(err, InputError) and "permission denied" in err.reason


@pytest.mark.timeout(300)
def test_bad_corpus_loads_only_whole_good_documents(corpus, store):
    """On both engines: the good files are stored whole, every bad one reported, nothing else."""
    from loaders.pipeline import load_paths

    seen: list[tuple[str, bool]] = []
    report = load_paths([str(corpus)], store, progress=lambda label, ok: seen.append((label, ok)))
    stats = store.stats()
    stored = {r["id"] for r in store.run("MATCH (d:Document) RETURN d.id AS id")}
    orphans = store.run("MATCH (c:Claim) WHERE NOT (c)-[:IN]->(:Document) RETURN count(c) AS n")
    assert report.documents_loaded == len(GOOD) == stats["documents"]
    assert stored == GOOD
    assert orphans[0]["n"] == 0
    assert sorted(Path(p).name for p, _ in report.failed) == sorted(BAD)
    assert len(seen) == len(GOOD) + len(BAD)
    assert sum(report.claims_by_type.values()) == stats["claims"]
