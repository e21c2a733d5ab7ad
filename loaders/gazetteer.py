"""The actor dictionary: states, international bodies, armed groups, state bodies, role nouns.

Why a dictionary at all: news names states by capital ("Yerevan said"), seat ("the Kremlin"),
adjective ("the Azerbaijani Foreign Ministry") and acronym ("the US"); a statistical NER tags
these as places or misses them. The dictionary turns each surface form into one stable actor id
so that every document about Russia adds to ``state:rus``.

Data: ``loaders/data/actors.jsonl`` and ``loaders/data/gazetteer_nouns.json``, both written by
``scripts/derive_gazetteer.py`` (pycountry + PETRARCH2 lexicons + small reviewed tables); edit
the script, never the data files, and re-run it. Each actors.jsonl line is
``{"id", "name", "kind", "state_id", "body", "aliases": [[text, alias_kind], ...]}`` where
alias_kind is one of ``name, official, variant, acronym, demonym, capital, seat``.

Matching rules:
- acronyms (``US``, ``UK``, ``WHO``, ``Fed``) match only with their exact case: "us" is a pronoun;
- every other alias matches case- and accent-insensitively ("ELYSEE", "Élysée"), provided the
  phrase has a capital letter somewhere: "turkey", "amnesty", "congress" are common nouns;
- a leading "the" and a trailing possessive ("Russia's", "Russia’s") are ignored;
- a key that two different actors claim with the same strength is dropped as ambiguous.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from graph.errors import ClaimgraphError
from graph.model import actor_id

DATA_DIR = Path(__file__).resolve().parent / "data"
ACTORS_FILE = DATA_DIR / "actors.jsonl"
NOUNS_FILE = DATA_DIR / "gazetteer_nouns.json"

#: Alias kinds that name a place standing for the actor; the extractor should not read
#: "in Washington" as the US acting.
METONYM_KINDS: frozenset[str] = frozenset({"capital", "seat"})
#: Alias kinds kept in ``Entry.aliases`` (what the graph stores as the actor's other names).
NAME_KINDS: frozenset[str] = frozenset({"name", "official", "variant", "acronym"})
#: When two actors claim one key, the stronger alias kind wins; equal strength → ambiguous.
_STRENGTH = {"name": 5, "official": 4, "acronym": 4, "variant": 3, "seat": 2, "capital": 1,
             "demonym": 0}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


class GazetteerError(ClaimgraphError):
    """The dictionary data is missing or malformed, or a caller asked for an unknown body noun."""


@dataclass(frozen=True)
class Entry:
    """One actor the dictionary knows. ``state_id`` is the state a body belongs to."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    state_id: Optional[str] = None
    #: adjectives that point to this state ("Azeri", "Azerbaijani"); first is canonical.
    demonyms: tuple[str, ...] = ()
    #: capitals and seats ("Baku", "Kremlin") that stand for the actor.
    metonyms: tuple[str, ...] = ()
    #: body-noun key ("foreign ministry") when this is a state body.
    body: Optional[str] = None


def clean_phrase(phrase: str) -> str:
    """Strip what does not change who is meant: "the", possessive, quotes, extra spaces."""
    text = unicodedata.normalize("NFC", phrase).translate(_APOSTROPHES)
    text = re.sub(r"\s+", " ", text).strip().strip("\"“”,;:")
    text = _LEADING_THE.sub("", text)
    if text.endswith("'s"):  # "Russia's", "U.S.'s"
        text = text[:-2]
    elif text.endswith("s'"):  # "Brussels'" keeps its s
        text = text[:-1]
    return text.strip()


def fold(text: str) -> str:
    """Case- and accent-insensitive key."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_text = norm.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"\s+", " ", ascii_text.replace("-", " ")).strip()


class Gazetteer:
    """Read-only lookups over the dictionary; build with :func:`get_gazetteer`."""

    def __init__(self, rows: Iterable[dict], nouns: dict):
        self._by_id: dict[str, Entry] = {}
        self._exact: dict[str, tuple[str, str]] = {}  # acronym text -> (id, alias_kind)
        self._folded: dict[str, tuple[str, str]] = {}  # folded text -> (id, alias_kind)
        self._ambiguous: set[str] = set()
        self._demonyms: dict[str, str] = {}
        self._bodies: dict[tuple[str, str], str] = {}
        self._alpha3: dict[str, str] = {}
        self._alias_rows: list[tuple[str, str, str]] = []  # (text, id, alias_kind)
        for row in rows:
            self._add_row(row)
        body_nouns = nouns.get("body_nouns", {})
        self._body_display: dict[str, str] = {k: v["name"] for k, v in body_nouns.items()}
        self._body_variant: dict[str, str] = {}
        for key, spec in body_nouns.items():
            self._body_variant[fold(key)] = key
            for variant in spec["variants"]:
                self._body_variant.setdefault(fold(variant), key)
        self._max_body_words = max((len(v.split()) for v in self._body_variant), default=1)
        self.body_nouns: frozenset[str] = frozenset(
            v.lower() for spec in body_nouns.values() for v in spec["variants"])
        self.role_nouns: frozenset[str] = frozenset(r.lower() for r in nouns.get("role_nouns", []))
        self._built_bodies: dict[str, Entry] = {}
        # The extractor asks about the same few hundred spans again and again; answers never
        # change, so memoise per instance (bounded).
        self.lookup = lru_cache(maxsize=1 << 16)(self._lookup)  # type: ignore[method-assign]

    # -- building ------------------------------------------------------------------------------

    def _add_row(self, row: dict) -> None:
        try:
            aliases = [(str(t), str(k)) for t, k in row["aliases"]]
            entry = Entry(
                id=row["id"], name=row["name"], kind=row["kind"],
                aliases=tuple(t for t, k in aliases if k in NAME_KINDS and t != row["name"]),
                state_id=row.get("state_id"),
                demonyms=tuple(t for t, k in aliases if k == "demonym"),
                metonyms=tuple(t for t, k in aliases if k in METONYM_KINDS),
                body=row.get("body"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GazetteerError(f"{ACTORS_FILE}: malformed row {row!r}: {exc}") from exc
        self._by_id[entry.id] = entry
        if entry.kind == "state":
            self._alpha3[entry.id.split(":", 1)[1]] = entry.id
        if entry.body and entry.state_id:
            self._bodies[(entry.state_id, entry.body)] = entry.id
        for text, kind in aliases:
            if kind == "demonym":
                self._demonyms.setdefault(fold(text), entry.id)
                continue
            self._alias_rows.append((text, entry.id, kind))
            if kind == "acronym":
                self._claim(self._exact, clean_phrase(text), entry.id, kind)
            else:
                self._claim(self._folded, fold(clean_phrase(text)), entry.id, kind)

    def _claim(self, table: dict, key: str, id_: str, kind: str) -> None:
        if key in self._ambiguous:
            return
        old = table.get(key)
        if old is None or old[0] == id_:
            if old is None or _STRENGTH[kind] > _STRENGTH[old[1]]:
                table[key] = (id_, kind)
            return
        if _STRENGTH[kind] > _STRENGTH[old[1]]:
            table[key] = (id_, kind)
        elif _STRENGTH[kind] == _STRENGTH[old[1]]:
            del table[key]
            self._ambiguous.add(key)

    # -- lookups -------------------------------------------------------------------------------

    def _hit(self, phrase: str) -> Optional[tuple[str, str]]:
        text = clean_phrase(phrase)
        if not text:
            return None
        hit = self._exact.get(text)
        if hit is None and _has_capital(text):
            hit = self._folded.get(fold(text))
        return hit

    def lookup(self, phrase: str) -> Optional[Entry]:  # replaced by a memoised bound method
        return self._lookup(phrase)

    def _lookup(self, phrase: str) -> Optional[Entry]:
        """The actor a name, acronym, capital or seat stands for, or a state body phrase
        ("the Russian Foreign Ministry"); None when unknown or ambiguous."""
        hit = self._hit(phrase)
        if hit is not None:
            return self._by_id[hit[0]]
        return self.resolve_body(phrase)

    def alias_kind(self, phrase: str) -> Optional[str]:
        """How ``phrase`` names its actor: name/official/variant/acronym/capital/seat."""
        hit = self._hit(phrase)
        return hit[1] if hit else None

    def is_metonym(self, phrase: str) -> bool:
        """True for a place standing for an actor ("Washington", "the Kremlin")."""
        return self.alias_kind(phrase) in METONYM_KINDS

    def demonym(self, word: str) -> Optional[Entry]:
        """The state an adjective or people-noun points to: "Azeri" → Azerbaijan;
        plurals ("Israelis") too."""
        text = clean_phrase(word)
        if not _has_capital(text):
            return None
        key = fold(text)
        id_ = self._demonyms.get(key)
        if id_ is None and key.endswith("s"):
            id_ = self._demonyms.get(key[:-1])
        return self._by_id[id_] if id_ else None

    def get(self, id_: str) -> Optional[Entry]:
        return self._by_id.get(id_)

    def state(self, alpha3: str) -> Entry:
        """The state for an ISO alpha-3 code (either case)."""
        id_ = self._alpha3.get(alpha3.lower())
        if id_ is None:
            raise GazetteerError(f"unknown state code {alpha3!r}")
        return self._by_id[id_]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(self._by_id.values())

    # -- state bodies --------------------------------------------------------------------------

    def body_key(self, noun: str) -> Optional[str]:
        """Canonical body key for a noun variant: "Ministry of Defence" → "defense ministry"."""
        return self._body_variant.get(fold(clean_phrase(noun)))

    def body(self, state: Entry, noun: str) -> Entry:
        """The organisation for a state's body: (Russia, "Foreign Ministry") →
        ``organization:rus-foreign-ministry`` "Russian Foreign Ministry" (state_id state:rus).

        Named bodies (US State Department, Knesset) come from the data; others are built here
        with the same id rule, so the id is stable however the body was written.
        """
        key = self.body_key(noun)
        if key is None:
            raise GazetteerError(f"unknown state body noun {noun!r}")
        if state.kind != "state":
            raise GazetteerError(f"{state.id} is not a state")
        known = self._bodies.get((state.id, key))
        if known is not None:
            return self._by_id[known]
        alpha3 = state.id.split(":", 1)[1]
        id_ = actor_id("organization", f"{alpha3} {key}")
        built = self._built_bodies.get(id_)
        if built is None:
            display = self._body_display[key]
            name = (f"{state.demonyms[0]} {display}" if state.demonyms
                    else f"{display} of {state.name}")
            aliases = (f"{state.name}'s {display}", f"{display} of {state.name}")
            built = Entry(id=id_, name=name, kind="organization",
                          aliases=tuple(a for a in aliases if a != name),
                          state_id=state.id, body=key)
            self._built_bodies[id_] = built
        return built

    def resolve_body(self, phrase: str) -> Optional[Entry]:
        """Parse "the Russian Foreign Ministry", "Russia's Foreign Ministry", "the Foreign
        Ministry of Russia", "the US State Department" into a body; None if not such a phrase."""
        text = clean_phrase(phrase)
        words = text.split()
        if len(words) < 2:
            return None
        for m in re.finditer(r"\s+of\s+", text, re.IGNORECASE):
            key = self.body_key(text[: m.start()])
            state = self._state_modifier(text[m.end():]) if key else None
            if key and state:
                return self.body(state, key)
        for n in range(min(self._max_body_words, len(words) - 1), 0, -1):
            key = self._body_variant.get(fold(" ".join(words[-n:])))
            if key is None:
                continue
            state = self._state_modifier(" ".join(words[:-n]))
            if state is not None:
                return self.body(state, key)
        return None

    def _state_modifier(self, text: str) -> Optional[Entry]:
        text = clean_phrase(text)
        entry = self.demonym(text) if " " not in text or fold(text) in self._demonyms else None
        if entry is None:
            hit = self._hit(text)
            if hit is not None and hit[1] in NAME_KINDS:
                entry = self._by_id[hit[0]]
        return entry if entry is not None and entry.kind == "state" else None

    # -- matcher patterns ----------------------------------------------------------------------

    def patterns(self) -> list[dict]:
        """Phrases for a spaCy PhraseMatcher/EntityRuler, one dict per surface form:
        ``{"label", "pattern", "id", "kind", "alias_kind", "case_sensitive"}`` (label is the kind
        upper-cased, or DEMONYM; keep label/pattern/id for an EntityRuler). Match case-sensitive
        ones on ORTH and the rest on LOWER (accents: the data lists both spellings where common).
        Demonyms are included with alias_kind "demonym"; ambiguous keys are left out."""
        out: list[dict] = []
        seen: set[tuple[str, bool]] = set()
        for text, id_, kind in self._alias_rows:
            sensitive = kind == "acronym"
            key_text = clean_phrase(text)
            winner = (self._exact.get(key_text) if sensitive
                      else self._folded.get(fold(key_text)))
            if winner is None or winner[0] != id_:
                continue
            key = (text if sensitive else text.lower(), sensitive)
            if key in seen:
                continue
            seen.add(key)
            out.append({"label": self._by_id[id_].kind.upper(), "pattern": text, "id": id_,
                        "kind": self._by_id[id_].kind, "alias_kind": kind,
                        "case_sensitive": sensitive})
        for entry in self._by_id.values():
            for dem in entry.demonyms:
                if self._demonyms.get(fold(dem)) == entry.id and (dem.lower(), False) not in seen:
                    seen.add((dem.lower(), False))
                    out.append({"label": "DEMONYM", "pattern": dem, "id": entry.id,
                                "kind": entry.kind, "alias_kind": "demonym",
                                "case_sensitive": False})
        return out


def _has_capital(text: str) -> bool:
    """Names are written with a capital somewhere ("al-Qaeda", "Turkey"); "turkey", "amnesty"
    and "congress" in lower case are common nouns, not actors."""
    return any(ch.isupper() for ch in text)


def load(actors_path: Path = ACTORS_FILE, nouns_path: Path = NOUNS_FILE) -> Gazetteer:
    """Build a gazetteer from data files (tests use this with their own paths)."""
    try:
        rows = [json.loads(line) for line in actors_path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        nouns = json.loads(nouns_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GazetteerError(f"{exc.filename}: cannot read gazetteer data: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"gazetteer data is not valid JSON: {exc}") from exc
    return Gazetteer(rows, nouns)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared, loaded-once dictionary."""
    return load()
