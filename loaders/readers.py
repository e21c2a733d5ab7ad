"""Read input files into Documents, one clear InputError per file that cannot be read.

Analysts point the loader at whatever they have: single files, whole directories, or a pipe.
Reading never stops at a bad file: every bad file (or bad JSON Lines line) becomes one
``InputError(path, reason)`` in the stream, in order, and the next file is read.

Formats by extension: ``.txt``/``.text``; ``.md``/``.markdown`` (optional front matter);
``.html``/``.htm`` (main text through trafilatura); ``.jsonl``/``.ndjson`` (one document per
line); ``.json`` (one object or a list of objects). A ``<stem>.meta.json`` sidecar next to a file
supplies title/date/source/url and is never read as a document itself.
"""
from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Sequence, Union

from graph.errors import InputError
from graph.model import Document
from loaders.cleaning import clean_text

#: Files larger than this are refused without being read (a 50 MB "article" is a mistake).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SIDECAR_SUFFIX = ".meta.json"
STDIN_NAME = "<stdin>"

TEXT_EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
JSON_EXTENSIONS = (".json",)
SUPPORTED_EXTENSIONS = (TEXT_EXTENSIONS + MARKDOWN_EXTENSIONS + HTML_EXTENSIONS
                        + JSONL_EXTENSIONS + JSON_EXTENSIONS)
METADATA_KEYS = ("title", "date", "url", "source")

#: Leading bytes of common binary formats, so the reason names what the file really is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

Item = Union[Document, InputError]


class _Bad(Exception):
    """Internal: a reason why the file at hand cannot be read (turned into InputError)."""


# --------------------------------------------------------------------------- decoding


def _sniff_binary(data: bytes) -> Optional[str]:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def _plausible_text(text: str) -> bool:
    """Decoded text is plausible when it has almost no control characters and some letters."""
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    controls += sum(1 for ch in text if 0x80 <= ord(ch) <= 0x9F)  # C1: mis-decoded bytes
    letters = sum(1 for ch in text if ch.isalpha())
    return controls <= len(text) * 0.001 and letters >= len(text.strip()) * 0.3


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text, or raise _Bad with a reason a person understands.

    Encodings that can be decoded are decoded: UTF-8 (with or without BOM), UTF-16/32 with a
    BOM, then Windows-1252 and Latin-1 when they give plausible text (old newsroom exports).
    """
    kind = _sniff_binary(data)
    if kind:
        raise _Bad(f"binary file ({kind}), not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise _Bad(f"starts with a {codec.upper()} byte-order mark but does not decode "
                           f"as {codec.upper()} (byte {exc.start})") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _Bad(f"binary content (NUL byte at offset {nul}), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        if not _plausible_text(text) and text.strip():
            if sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f") > len(text) * 0.001:
                raise _Bad("binary content (control characters), not text")
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return text
    raise _Bad(f"not valid UTF-8 (bad byte at offset {first_bad}) and not plausible text in "
               "Windows-1252/Latin-1 either; re-save the file as UTF-8")


# --------------------------------------------------------------------------- metadata


def normalise_date(value: Any) -> str:
    """ISO ``YYYY-MM-DD`` when the value parses as a date, else ``""`` (never a guess)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return ""
    from dateutil import parser

    try:
        parsed = parser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return ""
    if not 1000 <= parsed.year <= 9999:
        return ""
    return parsed.date().isoformat()


def _meta_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v is not None)
    return str(value).strip()


def _apply_metadata(doc: Document, meta: dict[str, Any]) -> None:
    """Set the metadata keys the meta dict has (non-empty values override earlier ones)."""
    if _meta_string(meta.get("title")):
        doc.title = _meta_string(meta["title"])
    if _meta_string(meta.get("url")):
        doc.url = _meta_string(meta["url"])
    if _meta_string(meta.get("source")):
        doc.source = _meta_string(meta["source"])
    for key in ("date", "published"):
        iso = normalise_date(meta.get(key))
        if iso:
            doc.published = iso
            break


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---`` front matter from a Markdown body: flat ``key: value`` lines only.

    A tiny parser on purpose: front matter is data, and a YAML loader would bring tags and
    object construction for four fields (title, date, url, source).
    """
    stripped = text.lstrip("\ufeff")
    lines = stripped.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text  # no closing fence: not front matter
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#") or ":" not in line:
            continue
        if line[:1].isspace():
            continue  # nested value: not one of ours
        key, _, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        meta[key.strip().lower()] = value
    return meta, "\n".join(lines[end + 1:])


def strip_markdown(text: str) -> str:
    """Markdown to plain prose: markup characters would otherwise end up inside claim quotes."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)            # headings
        line = re.sub(r"\s+#+\s*$", "", line)                     # closing hashes
        line = re.sub(r"^\s{0,3}>\s?", "", line)                  # block quotes
        line = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line)        # list markers
        if re.fullmatch(r"\s*([-*_]\s*){3,}", line):               # horizontal rules
            line = ""
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)          # images
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)      # links
        line = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", line)     # reference links
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)          # bold
        line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)  # italics
        line = re.sub(r"`([^`]*)`", r"\1", line)                  # inline code
        out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------- file reading


@dataclass
class _Source:
    """One file to read: the path as the user sees it, and the real path (for loops)."""

    path: str
    real: str


def _read_limited(path: str, max_bytes: int) -> bytes:
    """Read a regular file, refusing special files and oversize files before reading them."""
    st = _check_openable(path)
    if st.st_size > max_bytes:
        raise _Bad(f"file too large ({_mb(st.st_size)} > {_mb(max_bytes)} limit); split it or "
                   "raise the limit")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _Bad(_os_reason(exc)) from None
    if len(data) > max_bytes:
        raise _Bad(f"file too large (more than {_mb(max_bytes)} limit)")
    return data


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "special file"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc)


def _text_from_bytes(data: bytes) -> str:
    if not data:
        raise _Bad("empty file")
    text = decode_bytes(data)
    if not text.strip():
        raise _Bad("contains only whitespace")
    return text


def _finish(doc: Document, origin: str) -> Document:
    """Clean the text; a document with nothing left is an error, not an empty node."""
    doc.text = clean_text(doc.text)
    if not doc.text:
        raise _Bad("no article text left after removing page furniture")
    return doc


def _read_sidecar(path: str) -> tuple[dict[str, Any], Optional[InputError]]:
    """Metadata from ``<stem>.meta.json`` next to ``path``; a bad sidecar is its own error."""
    p = Path(path)
    sidecar = p.with_name(p.name[: -len(p.suffix)] + SIDECAR_SUFFIX) if p.suffix else None
    if sidecar is None or not os.path.lexists(sidecar):
        return {}, None
    try:
        data = _read_limited(str(sidecar), 1024 * 1024)
        meta = json.loads(decode_bytes(data))
    except _Bad as exc:
        return {}, InputError(str(sidecar), f"metadata sidecar ignored: {exc}")
    except json.JSONDecodeError as exc:
        return {}, InputError(str(sidecar), f"metadata sidecar ignored: invalid JSON ({exc})")
    if not isinstance(meta, dict):
        return {}, InputError(str(sidecar), "metadata sidecar ignored: not a JSON object")
    return meta, None


def _read_text_like(path: str, ext: str, max_bytes: int) -> Iterator[Item]:
    data = _read_limited(path, max_bytes)
    text = _text_from_bytes(data)
    stem = Path(path).name[: -len(ext)] if ext else Path(path).name
    doc = Document(id=stem, text="", path=path)
    if ext in MARKDOWN_EXTENSIONS:
        meta, body = parse_front_matter(text)
        _apply_metadata(doc, meta)
        text = strip_markdown(body)
        if not text.strip():
            raise _Bad("Markdown file has front matter but no body text")
    elif ext in HTML_EXTENSIONS:
        text = _html_main_text(text, doc)
    doc.text = text
    sidecar, problem = _read_sidecar(path)
    if problem is not None:
        yield problem
    _apply_metadata(doc, sidecar)
    yield _finish(doc, path)


def _html_main_text(html: str, doc: Document) -> str:
    """The article text of a page (trafilatura), plus title/date/url from its metadata."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, favor_precision=True,
            with_metadata=True, deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed markup
        raise _Bad(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise _Bad("no article text found in the HTML (only scripts, navigation or markup)")
    _apply_metadata(doc, {"title": getattr(result, "title", None),
                          "date": getattr(result, "date", None),
                          "url": getattr(result, "url", None),
                          "source": getattr(result, "sitename", None)})
    # trafilatura puts one block element per line: each is a paragraph of its own.
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def _record_to_document(record: Any, default_id: str, path: str) -> Document:
    if not isinstance(record, dict):
        raise _Bad(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise _Bad("no \"text\" field")
    if not isinstance(text, str):
        raise _Bad(f"\"text\" must be a string, got {type(text).__name__}")
    if not text.strip():
        raise _Bad("\"text\" is empty")
    raw_id = record.get("id")
    doc_id = str(raw_id).strip() if raw_id not in (None, "") else default_id
    doc = Document(id=doc_id or default_id, text=text, path=path)
    _apply_metadata(doc, record)
    return _finish(doc, path)


def _iter_jsonl_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; ``None`` for a line over the limit (skipped unread)."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # discard the rest of the oversize line without holding it
                rest = stream.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line


def _read_jsonl_stream(stream: IO[bytes], name: str, stem: str, max_bytes: int) -> Iterator[Item]:
    any_line = False
    any_bytes = False
    for lineno, raw in _iter_jsonl_lines(stream, max_bytes):
        where = f"{name}:{lineno}"
        any_bytes = True
        if raw is None:
            any_line = True
            yield InputError(where, f"line too long (more than {_mb(max_bytes)} limit)")
            continue
        if lineno == 1:
            kind = _sniff_binary(raw)
            if kind or b"\x00" in raw:
                yield InputError(name, f"binary file ({kind or 'NUL bytes'}), not JSON Lines")
                return
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        any_line = True
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield InputError(where, f"line is not valid UTF-8 (byte {exc.start})")
            continue
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield _record_to_document(record, f"{stem}-{lineno}", where)
        except _Bad as exc:
            yield InputError(where, str(exc))
    if not any_bytes:
        yield InputError(name, "empty file")
    elif not any_line:
        yield InputError(name, "contains only whitespace")


def _read_jsonl_file(path: str, ext: str, max_bytes: int) -> Iterator[Item]:
    # The size limit applies per line: a JSON Lines file of many articles may be big.
    _check_openable(path)
    stem = Path(path).name[: -len(ext)]
    try:
        with open(path, "rb") as fh:
            yield from _read_jsonl_stream(fh, path, stem, max_bytes)
    except OSError as exc:
        yield InputError(path, _os_reason(exc))


def _check_openable(path: str) -> os.stat_result:
    """Refuse what cannot be a document file before opening it: missing, special, unreadable.

    A FIFO would block ``open`` forever, so the type is checked first.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise _Bad(f"broken symbolic link (points to {os.readlink(path)!r}, which does "
                       "not exist)") from None
        raise _Bad("no such file") from None
    except OSError as exc:
        raise _Bad(_os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise _Bad("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise _Bad(f"not a regular file ({_file_kind(st.st_mode)}); refusing to read it")
    if not os.access(path, os.R_OK):
        raise _Bad("permission denied (not readable)")
    return st


def _read_json_file(path: str, ext: str, max_bytes: int) -> Iterator[Item]:
    text = _text_from_bytes(_read_limited(path, max_bytes))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    stem = Path(path).name[: -len(ext)]
    if isinstance(data, dict):
        record = dict(data)
        record.setdefault("id", stem)
        yield _record_to_document(record, stem, path)
        return
    if not isinstance(data, list):
        raise _Bad("expected a JSON object with \"text\" or a list of such objects")
    if not data:
        raise _Bad("empty JSON list: no documents")
    for i, record in enumerate(data, start=1):
        where = f"{path}[{i}]"
        try:
            yield _record_to_document(record, f"{stem}-{i}", where)
        except _Bad as exc:
            yield InputError(where, str(exc))


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every Document (or InputError) one file holds."""
    ext = _extension(path)
    try:
        if ext in TEXT_EXTENSIONS or ext in MARKDOWN_EXTENSIONS or ext in HTML_EXTENSIONS:
            yield from _read_text_like(path, ext, max_bytes)
        elif ext in JSONL_EXTENSIONS:
            yield from _read_jsonl_file(path, ext, max_bytes)
        elif ext in JSON_EXTENSIONS:
            yield from _read_json_file(path, ext, max_bytes)
        else:
            shown = ext or "(no extension)"
            yield InputError(path, f"unsupported file type {shown} (expected one of "
                                   f"{', '.join(SUPPORTED_EXTENSIONS)})")
    except _Bad as exc:
        yield InputError(path, str(exc))


def _extension(path: str) -> str:
    return Path(path).suffix.lower()


def is_sidecar(path: str) -> bool:
    return path.lower().endswith(SIDECAR_SUFFIX)


def _sidecar_owner_exists(path: str) -> bool:
    base = path[: -len(SIDECAR_SUFFIX)]
    return any(os.path.lexists(base + ext) for ext in SUPPORTED_EXTENSIONS if ext != ".json")


# --------------------------------------------------------------------------- stdin


def read_stdin(stdin: Optional[IO[Any]] = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Plain text, or JSON Lines when the first non-blank line is a JSON object."""
    stream = stdin if stdin is not None else sys.stdin
    raw_stream = getattr(stream, "buffer", None)
    if raw_stream is not None:
        data = raw_stream.read(max_bytes + 1)
    else:
        data = stream.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        yield InputError(STDIN_NAME, f"input too large (more than {_mb(max_bytes)} limit)")
        return
    first = next((ln for ln in data.lstrip(b"\xef\xbb\xbf").split(b"\n") if ln.strip()), b"")
    if _looks_like_json_object(first):
        yield from _read_jsonl_stream(io.BytesIO(data), STDIN_NAME, "stdin", max_bytes)
        return
    try:
        text = _text_from_bytes(data)
        yield _finish(Document(id="stdin", text=text, path=STDIN_NAME), STDIN_NAME)
    except _Bad as exc:
        yield InputError(STDIN_NAME, str(exc))


def _looks_like_json_object(line: bytes) -> bool:
    line = line.strip()
    if not line.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line.decode("utf-8")), dict)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return line.endswith(b"}")  # a broken first line still means JSON Lines


# --------------------------------------------------------------------------- walking


def _walk(directory: str, visited_dirs: set[str]) -> Iterator[Union[_Source, InputError]]:
    """Files under a directory, sorted by name, each directory (by real path) entered once.

    Symbolic links to directories are followed, but a link back to a directory already
    visited (a loop) is skipped, so a walk always ends. Hidden entries are skipped.
    """
    real = os.path.realpath(directory)
    if real in visited_dirs:
        return
    visited_dirs.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(directory, f"cannot list directory: {_os_reason(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError:
            is_dir = False
        if is_dir:
            if os.path.realpath(path) in visited_dirs:
                continue  # symlink loop or a second link to a directory already read
            yield from _walk(path, visited_dirs)
        elif is_sidecar(entry.name):
            continue
        else:
            yield _Source(path, os.path.realpath(path))


def _expand(paths: Sequence[str]) -> Iterator[Union[_Source, InputError, str]]:
    visited_dirs: set[str] = set()
    for path in paths:
        if path == "-":
            yield "-"
            continue
        if not os.path.lexists(path):
            yield InputError(path, "no such file or directory")
            continue
        if os.path.isdir(path):
            yield from _walk(path, visited_dirs)
            continue
        if is_sidecar(path) and _sidecar_owner_exists(path):
            continue  # metadata of a document, read with it
        yield _Source(path, os.path.realpath(path))


def iter_documents(paths: Sequence[str], stdin: Optional[IO[Any]] = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Documents from files, directories and ``-`` (stdin), in a deterministic order.

    A file reached twice (named twice, or through a symlink) is read once.
    """
    seen_files: set[str] = set()
    stdin_read = False
    for source in _expand(paths):
        if isinstance(source, InputError):
            yield source
        elif source == "-":
            if stdin_read:
                continue
            stdin_read = True
            yield from read_stdin(stdin, max_bytes)
        else:
            assert isinstance(source, _Source)
            if source.real in seen_files:
                continue
            seen_files.add(source.real)
            yield from read_file(source.path, max_bytes)
