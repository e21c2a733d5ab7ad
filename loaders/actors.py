"""Actor mentions in one parsed document and their resolution to stable actors.

One pass over the document in reading order finds mentions (named entities, gazetteer names
and metonyms, state bodies, demonym-modified groups, titled people) and resolves short forms
against what was read before: surnames to the full name, he/she/it/they to the last compatible
actor, "the ministry"/"the spokeswoman" to the last actor that fits the noun. The result maps
token indices to actor ids, which is all the claim patterns need.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from graph.model import actor_id

DATA = Path(__file__).parent / "data"

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
FIRST_PERSON = {"we", "us", "our", "ours", "i", "me", "my", "mine", "ourselves", "myself"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "poss", "dative", "attr",
            "agent", "npadvmod", "oprd", "ROOT", "compound", "nmod"}
HISTORY_WINDOW = 80  # how many earlier mentions a pronoun or role noun may look back through


def _read_list(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def word_lists() -> dict[str, Any]:
    titles = {r[0]: (r[1] if len(r) > 1 else "") for r in _read_list("titles.txt")}
    return {
        "titles": titles,
        "group_nouns": {r[0] for r in _read_list("group_nouns.txt")},
        "state_nouns": {r[0] for r in _read_list("state_nouns.txt")},
    }


@lru_cache(maxsize=1)
def _not_actors() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _read_list("not_actors.txt"))


@lru_cache(maxsize=1)
def _collectives() -> frozenset[str]:
    return frozenset(r[0] for r in _read_list("collective_actors.txt"))


@lru_cache(maxsize=1)
def _collective_heads() -> frozenset[str]:
    return frozenset(p.split()[-1] for p in _collectives())


#: Heads of descriptions that name an unnamed body ("a human rights group", "a state newspaper").
UNNAMED_BODY_HEADS = {"group", "organisation", "organization", "newspaper", "daily", "watchdog",
                      "association", "coalition", "network", "agency", "broadcaster", "union"}
#: Heads of bodies that belong to the organisation modifying them ("a UN tribunal").
ORG_BODY_HEADS = {"tribunal", "court", "panel", "commission", "committee", "council", "mission",
                  "office", "body"}
#: Machines of war: whoever owns them is the actor ("U.N. helicopters evacuated ...").
MACHINES = {"aircraft", "warplane", "jet", "helicopter", "gunship", "tank", "warship", "vessel",
            "drone", "plane", "bomber", "fighter-bomber", "artillery", "missile", "ship"}
#: Plural nouns that, with "two"/"both", point back at the last two parties ("urged the two sides").
#: Kinds of weapon a brand name may precede ("Paladin artillery").
WEAPONS = {"artillery", "missile", "rifle", "launcher", "vehicle", "gun", "howitzer", "drone", "system", "rocket"}
PAIR_NOUNS = {"party", "side", "country", "nation", "neighbour", "neighbor", "government", "state"}
#: Collectives that, bare ("police", "the protesters"), are the actor the gold names.
BARE_GROUPS = {"police", "protesters", "protestors", "demonstrators", "activists", "rebels",
               "militants", "insurgents", "separatists", "guerrillas", "gunmen", "settlers",
               "students", "strikers", "rioters", "opposition", "prosecutors", "investigators",
               "army", "military", "troops", "soldiers", "junta", "militia", "militias"}
#: Endings of plural nouns that name people ("hackers", "activists", "Christians", "migrants").
#: Capitalised common nouns that name an institution, never a place.
INSTITUTION_WORDS = {"senate", "congress", "administration", "parliament", "assembly", "government",
                     "cabinet", "house", "legislature", "presidency", "kremlin", "pentagon", "duma"}
#: Prepositions whose object is a place ("in X", "at X", "near X").
LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "throughout", "within", "into", "around",
                  "outside"}
#: "to/from X" is a place only after a word of movement or control ("return to X", "fled from X").
DIRECTIONAL_PREPS = {"to", "from", "over", "towards", "toward"}
MOTION_WORDS = {"flee", "return", "go", "come", "travel", "move", "arrive", "deport", "evacuate",
                "exodus", "withdraw", "withdrawal", "control", "access", "road", "route", "journey",
                "trip", "relocate", "displace", "expel", "escape", "head", "drive", "march", "sovereignty"}
#: Event nouns whose "in X" is a place ("protests in X"), unlike "confidence in X".
LOCATED_EVENTS = {"protest", "fighting", "clash", "attack", "rally", "violence", "unrest", "election",
                  "explosion", "bombing", "strike", "talks", "meeting", "summit", "checkpoint", "base"}
#: Nouns a place name modifies ("the X checkpoint", "X region").
PLACE_NOUNS = {"checkpoint", "corridor", "region", "border", "city", "province", "area", "village",
               "town", "enclave", "district", "crossing", "capital", "territory", "valley", "airport",
               "port", "street", "square", "neighbourhood", "neighborhood", "camp", "county", "state"}


def _head_of(words: list[str], name: str) -> bool:
    """"House" heads "US House of Representatives": the word right before the first "of"."""
    return "of" in words and words.index("of") > 0 and words[words.index("of") - 1] == name and len(words) >= 3


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ee", "ite", "ic", "man", "woman")


def _agentive(lemma: str) -> bool:
    """A plural head after a demonym names people (a group) rather than things the state owns."""
    return lemma.endswith(_AGENT_ENDINGS) or (lemma.endswith("ent") and not lemma.endswith("ment"))


# --------------------------------------------------------------------------- gazetteer adapter

class Gaz:
    """A thin, failure-tolerant view of ``loaders.gazetteer`` (written by another module).

    The extractor must keep working if the gazetteer lacks a method or is not installed yet;
    every call here degrades to "unknown" rather than raising.
    """

    def __init__(self) -> None:
        try:
            from loaders.gazetteer import get_gazetteer  # type: ignore

            self.g = get_gazetteer()
        except Exception:  # noqa: BLE001 - absent or broken gazetteer: run without it
            self.g = None
        self._cache: dict[str, Any] = {}
        try:
            self.body_nouns = {str(n).lower() for n in (self.g.body_nouns if self.g else [])}
        except Exception:  # noqa: BLE001
            self.body_nouns = set()
        if not self.body_nouns:
            self.body_nouns = {"ministry", "parliament", "army", "embassy", "council",
                               "court", "police", "navy", "office", "department", "agency"}
        try:
            self.role_nouns = {str(n).lower() for n in (self.g.role_nouns if self.g else [])}
        except Exception:  # noqa: BLE001
            self.role_nouns = set()

    def lookup(self, phrase: str) -> Any:
        key = "L" + phrase
        if key not in self._cache:
            res = None
            if self.g is not None:
                try:
                    res = self.g.lookup(phrase)
                except Exception:  # noqa: BLE001
                    res = None
            self._cache[key] = res
        return self._cache[key]

    def demonym(self, word: str) -> Any:
        key = "D" + word
        if key not in self._cache:
            res = None
            if self.g is not None:
                try:
                    res = self.g.demonym(word)
                except Exception:  # noqa: BLE001
                    res = None
            self._cache[key] = res
        return self._cache[key]

    def state_of(self, phrase: str) -> Any:
        """The state a name, metonym or demonym points at, or None."""
        e = self.lookup(phrase)
        if e is not None and getattr(e, "kind", "") == "state":
            return e
        d = self.demonym(phrase)
        if d is not None and getattr(d, "kind", "state") == "state":
            return d
        return None

    def body(self, state: Any, noun: str) -> Any:
        if self.g is None:
            return None
        try:
            return self.g.body(state, noun)
        except Exception:  # noqa: BLE001
            return None

    def state_by_id(self, sid: str) -> Any:
        if self.g is None or not sid:
            return None
        try:
            return self.g.state(sid.split(":")[-1].upper())
        except Exception:  # noqa: BLE001
            return None


@lru_cache(maxsize=1)
def get_gaz() -> Gaz:
    return Gaz()


# --------------------------------------------------------------------------- document actors

@dataclass
class ActorInfo:
    id: str
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[str] = field(default_factory=list)
    gender: str = ""
    roles: list[str] = field(default_factory=list)

    def add_mention(self, text: str) -> None:
        if text and text not in self.mentions:
            self.mentions.append(text)


class DocActors:
    """Actors of one document and the token → actor map the claim patterns read."""

    def __init__(self, doc: Any, gaz: Optional[Gaz] = None) -> None:
        self.doc = doc
        self.gaz = gaz or get_gaz()
        self.words = word_lists()
        self.body_heads = {n.split()[-1] for n in self.gaz.body_nouns}
        self.role_heads = {n.split()[-1] for n in self.gaz.role_nouns} | set(self.words["titles"])
        self.actors: dict[str, ActorInfo] = {}
        self.tok: dict[int, str] = {}          # token index -> actor id
        self.resolved: set[int] = set()         # token indices reached through pronoun/role noun
        self.members: dict[tuple[str, str], str] = {}
        self.history: list[tuple[int, str]] = []
        self.quote_speaker: dict[int, str] = {}  # token index inside a quote -> speaker id
        self.multi: dict[int, list[str]] = {}  # "the two parties": token -> both actors
        self._surnames: dict[str, str] = {}
        self._firstnames: dict[str, str] = {}  # first name -> person id ("" once ambiguous)
        self._deferred: list[Any] = []
        self._places: set[str] = set()
        self._build()

    # ---------------------------------------------------------------- registry
    def add(self, kind: str, name: str, aid: Optional[str] = None, aliases: Iterable[str] = ()) -> ActorInfo:
        aid = aid or actor_id(kind, name)
        info = self.actors.get(aid)
        if info is None:
            info = self.actors[aid] = ActorInfo(aid, name, kind)
        for a in aliases:
            if a and a != info.name:
                info.aliases.add(a)
        return info

    def add_entry(self, entry: Any) -> ActorInfo:
        info = self.add(entry.kind, entry.name, entry.id, getattr(entry, "aliases", ()) or ())
        sid = getattr(entry, "state_id", None)
        if sid and sid != entry.id:
            st = self.gaz.state_by_id(sid)
            if st is not None:
                self.add_entry(st)
                self.member(entry.id, st.id, "")
        return info

    def member(self, member_id: str, group_id: str, role: str) -> None:
        if member_id == group_id:
            return
        key = (member_id, group_id)
        if role or key not in self.members:
            self.members[key] = role

    def mark(self, start: int, end: int, aid: str, text: str, resolved: bool = False) -> None:
        for i in range(start, end):
            self.tok.setdefault(i, aid)
            if resolved:
                self.resolved.add(i)
        self.actors[aid].add_mention(text)
        self.history.append((start, aid))

    # ---------------------------------------------------------------- helpers
    def _strip(self, span: Any) -> Any:
        s, e = span.start, span.end
        doc = self.doc
        while s < e and (doc[s].lower_ in {"the", "a", "an"} or doc[s].is_punct):
            s += 1
        while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct or doc[e - 1].lower_ in {"'s", "’s"}):
            e -= 1
        return doc[s:e]

    def _person_name(self, span: Any) -> Any:
        """Drop leading titles the NER sometimes keeps ("President Putin")."""
        titles = self.words["titles"]
        s, e = span.start, span.end
        while s < e - 1 and self.doc[s].lower_.strip(".") in titles:
            s += 1
        return self.doc[s:e]

    def state_in(self, tokens: Iterable[Any]) -> Any:
        for t in tokens:
            if t.i in self.tok and self.actors[self.tok[t.i]].kind == "state":
                return self.actors[self.tok[t.i]]
            st = self.gaz.state_of(t.text)
            if st is not None:
                return self.add_entry(st)
        return None

    # ---------------------------------------------------------------- passes
    def _build(self) -> None:
        doc = self.doc
        ent_spans = self._entity_spans()
        by_start = {sp[0].start: sp for sp in ent_spans}
        self._places = self._place_names(ent_spans)
        self._find_quotes()
        i = 0
        n = len(doc)
        while i < n:
            if i in by_start:
                span, kind_hint = by_start[i]
                self._entity(span, kind_hint)
                i = span.end
                continue
            t = doc[i]
            if i not in self.tok and t.text in self._surnames and t.pos_ in ("PROPN", "NOUN", "ADJ", "VERB"):
                self.mark(i, i + 1, self._surnames[t.text], t.text)
                i += 1
                continue
            if (i not in self.tok and self._firstnames.get(t.text) and t.pos_ == "PROPN"
                    and not (i + 1 < n and doc[i + 1].pos_ == "PROPN")):
                self.mark(i, i + 1, self._firstnames[t.text], t.text)  # "asked John to ..."
                i += 1
                continue
            if i not in self.tok and t.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and (
                    t.dep_ in ARG_DEPS or t.pos_ == "PRON"):
                self._nominal(t)
            i += 1
        self._people_roles()
        self._assign_quote_speakers()
        for t in self._deferred:
            sp = self.quote_speaker.get(t.i) or self._speech_speaker(t)
            if sp:
                self.mark(t.i, t.i + 1, sp, t.text, resolved=True)
        self._consolidate()

    def _entity_spans(self) -> list[tuple[Any, str]]:
        """State bodies first ("the Russian Foreign Ministry"), then named entities, then
        capitalised words the NER missed or mislabelled but the gazetteer knows (Kremlin, Baku)."""
        doc = self.doc
        spans: list[tuple[Any, str]] = []
        taken: set[int] = set()
        for t in doc:
            if t.lower_ in self.body_heads and t.i not in taken:
                sp = self._body_span(t)
                if sp is not None:
                    spans.append((sp, "BODY"))
                    taken.update(range(sp.start, sp.end))
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"):
                if any(i in taken for i in range(ent.start, ent.end)):
                    continue
                spans.append((ent, ent.label_))
                taken.update(range(ent.start, ent.end))
        titles = self.words["titles"]
        for t in doc:
            # "Queen Elizabeth II", "Sheikh Omar": a title and a name the NER left untagged
            if t.i in taken or not t.text[:1].isupper() or t.lower_.strip(".") not in titles:
                continue
            j = t.i + 1
            while j < len(doc) and j not in taken and doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN" and (
                    doc[j].lower_.strip(".") not in titles and doc[j].lower_ not in self.body_heads
                    and self.gaz.lookup(doc[j].text) is None and self.gaz.demonym(doc[j].text) is None) and j < t.i + 4:
                j += 1
            if j > t.i + 1 and doc[t.i + 1].sent == t.sent:
                spans.append((doc[t.i + 1:j], "PERSON"))
                taken.update(range(t.i + 1, j))
        for t in doc:
            if t.i in taken or not t.text[:1].isupper() or t.pos_ not in ("PROPN", "NOUN", "ADJ"):
                continue
            if t.i > 0 and doc[t.i - 1].i in taken:
                continue
            e = self.gaz.lookup(t.text)
            if e is not None:
                spans.append((doc[t.i:t.i + 1], "GAZ"))
                taken.add(t.i)
        spans.sort(key=lambda x: x[0].start)
        return spans

    # ---------------------------------------------------------------- places and merging
    def _place_names(self, ent_spans: list[tuple[Any, str]]) -> set[str]:
        """Names the NER labelled PERSON/ORG but that the document uses as places.

        A one-word (or hyphenated) name the gazetteer does not know is a place when some
        occurrence sits in a locative context ("in X", "at the X checkpoint", "fled X",
        "return to X") and none reads as a person (first name, title, a speech verb's subject)."""
        titles = self.words["titles"]
        from loaders.claims import speech_verbs

        speech = speech_verbs()
        occ: dict[str, list[tuple[Any, str]]] = {}
        person_like: set[str] = set()
        for span, label in ent_spans:
            if label not in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
                continue
            core = self._strip(span)
            if len(core) == 0:
                continue
            if label == "PERSON" and len(core) > 1:
                person_like.add(core[-1].text)  # "Mikhail Galuzin": Galuzin is a person
            occ.setdefault(core.text, []).append((core, label))
        places: set[str] = set()
        for text, items in occ.items():
            labels0 = {lab for _, lab in items}
            multi_person = " " in text and labels0 == {"PERSON"} and len(text.split()) <= 3 and all(
                w[:1].isupper() for w in text.split())  # "near Ain Issa": a two-word place read as a name
            if (" " in text and not multi_person) or text.isupper() or text in person_like or not text[:1].isupper():
                continue
            if any(ch.isdigit() for ch in text) or self.gaz.lookup(text) is not None or self.gaz.demonym(text) is not None:
                continue
            if text.lower() in self.body_heads | ORG_BODY_HEADS | UNNAMED_BODY_HEADS | INSTITUTION_WORDS:
                continue  # "in the Senate": an institution, not a place
            labels = {lab for _, lab in items}
            if not labels & {"PERSON", "ORG"}:
                continue
            located = False
            personal = False
            for core, _lab in items:
                prev = self.doc[core.start - 1] if core.start > 0 else None
                if prev is not None and prev.lower_.strip(".") in titles:
                    personal = True
                root = core.root
                if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in speech:
                    personal = True
                if self._locative(root):
                    located = True
            if labels & {"GPE", "LOC", "FAC"} or (located and not personal):
                if not personal:
                    places.add(text)
        return places

    @staticmethod
    def _locative(t: Any) -> bool:
        head = t.head
        if t.dep_ == "pobj":
            prep = head.lower_
            gov = head.head
            if prep in LOCATIVE_PREPS and (gov.pos_ != "NOUN" or gov.lemma_.lower() in PLACE_NOUNS | LOCATED_EVENTS):
                return True  # "fighting in X", "met at X"; not "confidence in X"
            if prep == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
                return True  # "the town of X"
            if prep in DIRECTIONAL_PREPS and head.head.lemma_.lower() in MOTION_WORDS:
                return True
            return False
        if t.dep_ in ("compound", "nmod", "poss") and head.lemma_.lower() in PLACE_NOUNS:
            return True
        if t.dep_ == "dobj" and head.lemma_.lower() in ("flee", "enter", "evacuate", "occupy", "invade", "annex"):
            return True
        return False

    def _consolidate(self) -> None:
        """One surface name is one actor in a document, and a typo of a group name ("Russian
        peackeepers") joins the group it misspells. Mentions, tokens and memberships move to
        the kept actor; the choice depends only on counts and ids, never on set order."""
        count: dict[str, int] = {}
        for _, aid in self.history:
            count[aid] = count.get(aid, 0) + 1
        order = {"state": 0, "person": 1, "organization": 2, "group": 3}

        def rank(aid: str) -> tuple[int, int, str]:
            return (-count.get(aid, 0), order.get(self.actors[aid].kind, 9), aid)

        remap: dict[str, str] = {}
        by_name: dict[str, list[str]] = {}
        for aid in sorted(self.actors):
            by_name.setdefault(self.actors[aid].name.lower(), []).append(aid)
        for _name, ids in sorted(by_name.items()):
            if len(ids) > 1:
                keep = min(ids, key=rank)
                for aid in ids:
                    if aid != keep:
                        remap[aid] = keep
        # "John R. Bolton" and "John Bolton": one person whatever middle initials the text gives
        people = sorted(a for a in self.actors if self.actors[a].kind == "person" and a not in remap)
        by_key: dict[tuple[str, str], list[str]] = {}
        for a in people:
            words = self.actors[a].name.split()
            if len(words) >= 2:
                core = [w for w in words if not (len(w.rstrip(".")) == 1 and w[:1].isupper())]
                if len(core) >= 2:
                    by_key.setdefault((core[0], core[-1]), []).append(a)
        for ids in by_key.values():
            if len(ids) > 1:
                keep = min(ids, key=rank)
                for a in ids:
                    if a != keep:
                        remap[a] = keep
        # "John" alone when exactly one named person is called John (or has that surname)
        full = [a for a in people if a not in remap and len(self.actors[a].name.split()) >= 2]
        for a in people:
            if a in remap or " " in self.actors[a].name:
                continue
            name = self.actors[a].name
            owners = [b for b in full if self.actors[b].name.split()[0] == name]
            if not owners:
                owners = [b for b in full if self.actors[b].name.split()[-1] == name]
            if len(owners) == 1:
                remap[a] = owners[0]
        # "the House" after "the House of Representatives": a one-word short form of one named body
        orgs = sorted(a for a in self.actors if self.actors[a].kind == "organization" and a not in remap)
        for a in orgs:
            name = self.actors[a].name
            if " " in name or not name[:1].isupper():
                continue
            longer = [b for b in orgs if b != a and b not in remap and any(
                _head_of(n.split(), name) for n in [self.actors[b].name, *self.actors[b].mentions, *self.actors[b].aliases])]
            if len(longer) == 1:
                remap[a] = longer[0]
        groups = sorted(a for a in self.actors if self.actors[a].kind == "group" and a not in remap)
        for i, a in enumerate(groups):
            for b in groups[i + 1:]:
                if a in remap or b in remap:
                    continue
                wa, wb = self.actors[a].name.lower().split(), self.actors[b].name.lower().split()
                if len(wa) != len(wb) or len(wa) < 2 or wa[:-1] != wb[:-1]:
                    continue
                ha, hb = wa[-1], wb[-1]
                if min(len(ha), len(hb)) < 6 or _edit_distance(ha, hb) > (2 if min(len(ha), len(hb)) >= 8 else 1):
                    continue
                keep, drop = (a, b) if rank(a) <= rank(b) else (b, a)
                remap[drop] = keep
        if not remap:
            return

        def to(aid: str) -> str:
            while aid in remap:
                aid = remap[aid]
            return aid

        for old in sorted(remap):
            new = to(old)
            src, dst = self.actors[old], self.actors[new]
            for m in src.mentions:
                dst.add_mention(m)
            if src.name.lower() == dst.name.lower() or src.kind != dst.kind:
                dst.aliases.update(a for a in src.aliases if a != dst.name)
            for r in src.roles:
                if r not in dst.roles:
                    dst.roles.append(r)
        self.tok = {i: to(a) for i, a in self.tok.items()}
        self.history = [(i, to(a)) for i, a in self.history]
        self.quote_speaker = {i: to(a) for i, a in self.quote_speaker.items()}
        self.multi = {i: [to(a) for a in ids] for i, ids in self.multi.items()}
        self._surnames = {k: to(a) for k, a in self._surnames.items()}
        self._firstnames = {k: (to(a) if a else a) for k, a in self._firstnames.items()}
        members: dict[tuple[str, str], str] = {}
        for (m, g), role in self.members.items():
            key = (to(m), to(g))
            if key[0] != key[1] and (role or key not in members):
                members[key] = role
        self.members = members
        for old in remap:
            del self.actors[old]

    def _body_span(self, noun: Any) -> Any:
        """The longest phrase ending at ``noun`` the gazetteer reads as a state body."""
        doc = self.doc
        start = noun.i
        j = noun.i - 1
        sent_start = noun.sent.start
        while j >= sent_start and j >= noun.i - 7:
            t = doc[j]
            if t.text[:1].isupper() or t.tag_ == "POS" or t.lower_ in ("of", "'s", "’s", "-") or (
                    t.dep_ in ("amod", "compound") and t.head.i <= noun.i and t.pos_ in ("ADJ", "NOUN")):
                start = j
                j -= 1
                continue
            break
        # "Ministry of Defence of Azerbaijan": extend right over "of X"
        end = noun.i + 1
        k = end
        while k + 1 < len(doc) and doc[k].lower_ == "of" and doc[k + 1].text[:1].isupper() and k < noun.i + 6:
            k += 2
            while k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN":
                k += 1
            end = k
        for e in range(end, noun.i, -1):
            for s in range(start, noun.i + 1):
                if doc[s].tag_ == "POS" or doc[s].lower_ == "of":
                    continue
                text = doc[s:e].text
                entry = self.gaz.lookup(text)
                if entry is not None and entry.kind == "organization" and getattr(entry, "state_id", None):
                    return doc[s:e]
        return None

    def _entity(self, span: Any, label: str) -> None:
        doc = self.doc
        core = self._strip(span)
        if len(core) == 0:
            return
        text = core.text
        if not any("a" <= ch.lower() <= "z" for ch in text):
            return  # no Latin letters: navigation residue, not a name we can resolve
        if text.lower() in _not_actors():
            return  # "posted on Twitter": a platform the NER takes for a person or body
        if label == "BODY":
            entry = self.gaz.lookup(text)
            if entry is not None and getattr(entry, "body", None) in self.words["state_nouns"] | {"presidency", "cabinet"}:
                st = self.gaz.state_by_id(entry.state_id)
                entry = st if st is not None else entry
            if entry is not None:
                info = self.add_entry(entry)
                self.mark(core.start, core.end, info.id, text)
            return
        # a surname already seen with its first name, whatever the NER label
        if len(core) == 1 and text in self._surnames:
            info = self.actors[self._surnames[text]]
            self.mark(core.start, core.end, info.id, text)
            return
        if (label == "ORG" and len(core) == 1 and core.root.dep_ == "compound" and core.root.head.text[:1].isupper()
                and core.root.head.lower_ in self.words["titles"] and self.gaz.lookup(text) is None):
            return  # "Commerce Secretary X", "Interior Minister Y": part of a title, not a body
        if (label == "ORG" and len(core) == 1 and core.root.dep_ == "pobj" and core.root.head.lower_ == "of"
                and core.root.head.head.lower_ in ("secretary", "minister", "department", "ministry", "office")
                and core.root.head.head.text[:1].isupper() and self.gaz.lookup(text) is None):
            return  # "Secretary of State", "Minister of Defense": part of a title
        if label in ("PERSON", "ORG") and len(core) == 1 and not text[:1].isupper() and not (
                text.lower() in self.body_heads | ORG_BODY_HEADS | UNNAMED_BODY_HEADS | INSTITUTION_WORDS):
            return  # "urged restraint": a lower-case word is no name
        if (label == "PERSON" and len(core) == 1 and core.root.dep_ == "compound" and core.root.head.pos_ == "NOUN"
                and core.root.head.lemma_.lower() in MACHINES | WEAPONS and not core.root.head.text[:1].isupper() and text not in self._surnames and text not in self._firstnames
                and self.gaz.lookup(text) is None and self.gaz.demonym(text) is None):
            return  # "Abrams tanks", "Paladin artillery": a name on a thing, not a person
        if label in ("PERSON", "ORG") and text in self._places:
            return  # "at the Lachin checkpoint", "control over Karabakh": a place, not an actor
        if label in ("PERSON", "ORG") and len(core) >= 2 and core[-1].tag_ in ("NNPS", "NNS") and (
                self.gaz.demonym(core[-1].text) is not None or core[-1].lemma_.lower() in self.words["group_nouns"]
                or any(e.label_ == "NORP" and e.text == core[-1].text for e in doc.ents)) and self.gaz.lookup(text) is None:
            # "the Karabakh Armenians" tagged ORG: people named after a place, i.e. a group
            info = self.add("group", text)
            self.mark(core.start, core.end, info.id, text)
            return
        e = self.gaz.lookup(text)
        if e is None and label in ("PERSON", "ORG", "GPE", "LOC", "NORP") and len(core) <= 2:
            dem = self.gaz.demonym(text)
            if dem is not None:
                e, label = dem, "NORP"
        if e is None and label in ("NORP", "ORG") and self._looks_like_person(core):
            label = "PERSON"
        if label != "PERSON" or (e is not None and len(core) <= 2):
            if e is not None:
                self._group_or_entry(core, e, label)
                return
            if len(core) == 1 and core.root.dep_ in ("poss", "compound", "nmod", "amod") and (
                    core.root.head.lemma_.lower() in self.words["group_nouns"]
                    or core.root.head.ent_type_ == "NORP"):
                return  # "Karabakh's leaders": the group is the actor, not the place
            if label == "NORP":
                if core.root.tag_ in ("NNS", "NNPS") and core.root.dep_ in ARG_DEPS:
                    core = self._place_prefix(core)
                    text = core.text
                    info = self.add("group", text)
                    self.mark(core.start, core.end, info.id, text)
                return
            if label == "ORG":
                info = self.add("organization", text)
                self.mark(core.start, core.end, info.id, text)
            return
        # PERSON
        core = self._person_name(core)
        if len(core) == 0:
            return
        if len(core) == 1 and core.root.dep_ in ("pobj",) and core.root.head.lower_ in ("in", "at", "near", "from", "to"):
            return  # "in Lachin": a place the NER took for a person
        info = self._person(core)
        self.mark(core.start, core.end, info.id, core.text)
        self._title_left(core, info)
        t = core.root
        others = [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else [])
        j = core.start - 1
        while j > 0 and doc[j].lower_.strip(".") in self.words["titles"] and doc[j].text[:1].isupper():
            j -= 1
        if not others and j >= 1 and doc[j].text == "," and doc[j - 1].pos_ == "NOUN" and (
                doc[j - 1].lemma_.lower() in self.role_heads) and (j - 1) not in self.tok:
            others = [doc[j - 1]]  # "Qatar's emir, Sheikh X": an apposition the parser missed
        for other in others:
            if other.i not in self.tok or self.actors[self.tok[other.i]].kind != "person":
                self._role_noun_phrase(other, info)

    def _place_prefix(self, core: Any) -> Any:
        """Extend a people-noun span left over one capitalised compound word that is no actor
        and does not start the sentence ("the Talesh Kurds" when the NER tagged only "Kurds")."""
        j = core.start - 1
        if j < 0:
            return core
        t = self.doc[j]
        if (t.pos_ == "PROPN" and t.text[:1].isupper() and t.dep_ == "compound" and t.head.i == core.root.i
                and j not in self.tok and not t.is_sent_start and t.ent_type_ in ("", "GPE", "LOC", "PERSON", "ORG")
                and self.gaz.lookup(t.text) is None and t.lower_.strip(".") not in self.words["titles"]):
            return self.doc[j:core.end]
        return core

    def _looks_like_person(self, core: Any) -> bool:
        """A name the NER labelled NORP/ORG but that reads as a person: a title before it, a role
        apposition after it ("Vartan Oskanian, a former foreign minister"), or a two-word
        capitalised name that is no demonym."""
        if not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in core) or len(core) > 3:
            return False
        if any(self.gaz.demonym(t.text) is not None for t in core):
            return False
        prev = self.doc[core.start - 1] if core.start > 0 else None
        if prev is not None and prev.lower_.strip(".") in self.role_heads and prev.text[:1].isupper():
            return True
        root = core.root
        for c in root.children:
            if c.dep_ == "appos" and c.lemma_.lower() in self.role_heads:
                return True
        if core.label_ == "NORP" and len(core) == 2 and root.tag_ == "NNP":
            return True
        return False

    def _group_or_entry(self, core: Any, entry: Any, label: str) -> None:
        """A state/body entry, or a group when a group noun follows ("Russian peacekeepers")."""
        doc = self.doc
        head = core.root
        nxt = head.head if head.dep_ in ("amod", "compound", "poss", "nmod") else None
        if nxt is not None and nxt.i > core.end - 1 and nxt.i - core.end <= 3 and nxt.i not in self.tok:
            lem = nxt.lemma_.lower()
            if getattr(entry, "kind", "") == "state" and lem in self.words["state_nouns"]:
                info = self.add_entry(entry)
                self.mark(core.start, nxt.i + 1, info.id, doc[core.start:nxt.i + 1].text)
                return
            plural = nxt.tag_ in ("NNS", "NNPS")
            if lem in MACHINES:
                # "Russian aircraft", "Indian warships": the state's machines act for it
                info = self.add_entry(entry)
                self.mark(core.start, nxt.i + 1, info.id, doc[core.start:nxt.i + 1].text)
                return
            name_title = nxt.dep_ == "compound" and nxt.head.pos_ == "PROPN" and not plural  # "Hamas leader X"
            if not name_title and (lem in self.words["group_nouns"] or (plural and (_agentive(lem) or lem in self.role_heads))):
                if lem in self.body_heads and not plural and self._body_at(nxt):
                    return
                self._group(core.start, nxt, entry)
                return
            if lem in self.body_heads and self._body_at(nxt):
                return
            if (lem in UNNAMED_BODY_HEADS | {"court", "tribunal", "parliament", "newspaper"}
                    and nxt.pos_ == "NOUN" and not plural and getattr(entry, "kind", "") == "state"):
                # "an Israeli court sentenced ...": a body of the state the gazetteer does not list
                info = self.add("organization", doc[core.start:nxt.i + 1].text)
                self.member(info.id, self.add_entry(entry).id, "")
                self.mark(core.start, nxt.i + 1, info.id, doc[core.start:nxt.i + 1].text)
                return
            if (lem in self.role_heads and nxt.pos_ == "NOUN" and nxt.dep_ != "compound"
                    and not any(c.pos_ == "PROPN" and c.i > nxt.i for c in nxt.children)):
                # "a French minister said": an unnamed official is an actor of his state
                info = self.add("person", doc[core.start:nxt.i + 1].text)
                self._set_role(info, nxt.text, self.add_entry(entry) if getattr(entry, "kind", "") == "state" else None)
                self.mark(core.start, nxt.i + 1, info.id, doc[core.start:nxt.i + 1].text)
                return
            hyphen = core.end < len(doc) and doc[core.end].text in ("-", "–")
            if nxt.pos_ == "NOUN" and getattr(entry, "kind", "") == "state" and not hyphen:
                # "German goods", "Israeli incursions": the state is the owner, not a group
                info = self.add_entry(entry)
                self.mark(core.start, core.end, info.id, core.text)
                return
        if label == "NORP" and head.tag_ in ("NNS", "NNPS") and head.dep_ in ARG_DEPS:
            # "the Armenians" acting: a group belonging to the state; "the Vardo Armenians":
            # the place word the NER left out belongs to the group's name
            core = self._place_prefix(core)
            name = core.text
            info = self.add("group", name)
            self.mark(core.start, core.end, info.id, core.text)
            return
        if label == "NORP" and nxt is not None:
            return  # an adjective on something else ("Russian-brokered ceasefire")
        info = self.add_entry(entry)
        self.mark(core.start, core.end, info.id, core.text)

    def _group(self, start: int, head: Any, state_entry: Any = None) -> ActorInfo:
        doc = self.doc
        s = start
        span = doc[s:head.i + 1]
        name = " ".join(t.text for t in span if t.tag_ != "POS" and t.lower_ not in {"the", "'s", "’s"})
        info = self.add("group", name)
        if state_entry is not None and getattr(state_entry, "kind", "") == "state":
            st = self.add_entry(state_entry)
            self.member(info.id, st.id, "")
        self.mark(s, head.i + 1, info.id, span.text)
        return info

    def _body_at(self, noun: Any) -> bool:
        if noun.i in self.tok:
            return True
        sp = self._body_span(noun)
        if sp is None:
            return False
        entry = self.gaz.lookup(sp.text)
        info = self.add_entry(entry)
        self.mark(sp.start, sp.end, info.id, sp.text)
        return True

    # ---------------------------------------------------------------- people
    def _person(self, core: Any) -> ActorInfo:
        toks = [t.text for t in core]
        if len(toks) == 1:
            full = self._surnames.get(toks[0]) or self._firstnames.get(toks[0])
            if full:
                return self.actors[full]  # "Bolton", or "John" when one John was named before
        info = self.add("person", core.text)
        if len(toks) > 1:
            self._surnames.setdefault(toks[-1], info.id)
            info.aliases.add(toks[-1])
            first = toks[0]
            if first[:1].isupper() and first.lower().strip(".") not in self.words["titles"]:
                # a first name stands for its person only while it is unambiguous
                self._firstnames[first] = "" if self._firstnames.get(first, info.id) != info.id else info.id
        return info

    def _title_left(self, core: Any, info: ActorInfo) -> None:
        """"Russia's Deputy Foreign Minister Mikhail Galuzin": role and affiliation."""
        doc = self.doc
        titles = self.words["titles"]
        i = core.start - 1
        words: list[Any] = []
        while i >= 0 and doc[i].sent == core.sent:
            t = doc[i]
            low = t.lower_.strip(".")
            if t.is_punct or t.tag_ == "POS" or low in {"the", "a", "an", "'s"}:
                break
            if t.i in self.tok and self.actors[self.tok[t.i]].kind != "person":
                words.append(t)
                i -= 1
                continue
            if low in titles or low in self.role_heads or (t.text[:1].isupper() and t.dep_ == "compound") or (
                    t.text[:1].isupper() and self.gaz.state_of(t.text) is not None):  # "Kenyan Foreign Minister"
                words.append(t)
                i -= 1
                continue
            break
        words.reverse()
        aff = None
        # possessive affiliation: "Russia's ..."
        if i >= 1 and doc[i].tag_ == "POS" and doc[i - 1].i in self.tok:
            aff = self.actors[self.tok[doc[i - 1].i]]
        role_words = []
        for t in words:
            if t.i in self.tok:
                a = self.actors[self.tok[t.i]]
                if a.kind in ("state", "organization", "group"):  # "Hamas leader X"
                    aff = aff or a
                continue
            st = self.gaz.state_of(t.text)
            if st is not None:
                aff = aff or self.add_entry(st)
                continue
            role_words.append(t)
        role = " ".join(t.text for t in role_words)
        self._set_role(info, role, aff)

    def _set_role(self, info: ActorInfo, role: str, aff: Optional[ActorInfo]) -> None:
        titles = self.words["titles"]
        if role:
            if role not in info.roles:
                info.roles.append(role)
            for w in role.lower().split():
                g = titles.get(w.strip("."), "")
                if g and not info.gender:
                    info.gender = g
        if aff is not None and aff.id != info.id:
            self.member(info.id, aff.id, role)

    def _people_roles(self) -> None:
        """Appositions: "Maria Zakharova, the Russian Foreign Ministry spokeswoman" and
        "Russia's special envoy ..., Igor Khovayev"."""
        doc = self.doc
        for i, aid in list(self.tok.items()):
            info = self.actors[aid]
            if info.kind != "person" or i in self.resolved:
                continue
            t = doc[i]
            if t.head.i in self.tok and self.tok[t.head.i] == aid:
                continue  # not the head of the name
            for other in [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else []):
                if other.i in self.tok and self.actors[self.tok[other.i]].kind == "person":
                    continue
                self._role_noun_phrase(other, info)

    def _role_noun_phrase(self, noun: Any, person: ActorInfo) -> None:
        titles = self.words["titles"]
        low = noun.lemma_.lower()
        if low not in titles and low not in self.role_heads:
            return
        aff = None
        words = []
        for c in noun.subtree:  # "the Czech Foreign Ministry spokeswoman": read the body first
            if c.i < noun.i and c.lower_ in self.body_heads and c.i not in self.tok:
                self._body_at(c)
        for c in sorted(noun.subtree, key=lambda x: x.i):
            if c.i < noun.i and c.i not in self.tok and aff is None and c.text[:1].isupper():
                st = self.gaz.state_of(c.text)
                if st is not None:
                    aff = self.add_entry(st)
                    continue
            if c.i > noun.i:
                if c.dep_ == "prep":
                    break
                continue
            if c.i in self.tok and self.tok[c.i] != person.id:
                a = self.actors[self.tok[c.i]]
                if a.kind in ("state", "organization") and (aff is None or a.kind == "organization"):
                    aff = a
                continue
            if c.lower_ in {"the", "a", "an", "'s", "’s", ","} or c.tag_ == "POS":
                continue
            words.append(c.text)
        role = " ".join(words)
        self._set_role(person, role, aff)
        # the role noun itself now names the person
        if noun.i not in self.tok:
            self.tok[noun.i] = person.id
        person.add_mention(" ".join(w for w in words))
        poss = [c for c in noun.children if c.dep_ == "poss" and c.i < noun.i and c.pos_ == "PROPN"]
        if poss:  # "Qatar's emir, Sheikh Hamad": the phrase names him too
            person.add_mention(self.doc[poss[0].left_edge.i:noun.i + 1].text)

    # ---------------------------------------------------------------- nominals & pronouns
    def _nominal(self, t: Any) -> None:
        low = t.lower_
        if t.pos_ == "PRON":
            self._pronoun(t)
            return
        lem = t.lemma_.lower()
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < t.i]
        # "the Azerbaijani government", "Russian peacekeepers", "Karabakh's leaders"
        for m in mods:
            mt = m
            if mt.i in self.tok:
                a = self.actors[self.tok[mt.i]]
                if a.kind == "state" and lem in self.words["state_nouns"]:
                    self.mark(t.i, t.i + 1, a.id, self.doc[mt.i:t.i + 1].text)
                    return
                if (lem in MACHINES or lem in self.words["group_nouns"] and mt.pos_ == "PRON") and a.kind in ("state", "organization"):
                    # "its soldiers", "their forces": the owner's own forces act for it
                    self.mark(t.i, t.i + 1, a.id, self.doc[mt.i:t.i + 1].text, resolved=True)
                    return
                if lem in self.words["group_nouns"] and t.tag_ in ("NNS", "NNPS", "NN") and not (
                        t.dep_ == "compound" and t.head.pos_ == "PROPN" and t.tag_ == "NN"):  # "Hamas leader X"
                    entry = self.gaz.lookup(a.name) if a.kind == "state" else None
                    g = self._group(mt.i, t, entry)
                    if a.kind == "organization":
                        self.member(g.id, a.id, "")
                    return
            place = mt.ent_type_ in ("GPE", "LOC", "NORP") or mt.pos_ == "PROPN" or self.gaz.lookup(mt.text) is not None
            if place and lem in self.words["group_nouns"] and t.tag_ in ("NNS", "NNPS"):
                st = self.gaz.state_of(mt.text)
                self._group(mt.i, t, st)
                return
        # "a United Nations tribunal", "the NATO council": a body of a named organisation speaks for it
        if lem in UNNAMED_BODY_HEADS | ORG_BODY_HEADS:
            for m in mods:
                if m.i in self.tok and self.actors[self.tok[m.i]].kind in ("organization", "group"):
                    aid = self.tok[m.i]  # "al-Qaeda's network", "a UN tribunal"
                    self.mark(t.i, t.i + 1, aid, self.doc[m.i:t.i + 1].text, resolved=True)
                    return
        # "protesters in Bangkok", "refugees fleeing the war in Liberia"
        if (lem in self.words["group_nouns"] and t.tag_ in ("NNS", "NN")) or (t.tag_ == "NNS" and _agentive(lem)):
            for p in t.subtree:
                if p.i <= t.i or p.i - t.i > 8:
                    continue
                if p.dep_ == "pobj" and p.head.head.i == t.i and p.head.lower_ in ("in", "from", "of", "throughout", "across") and (
                        p.ent_type_ in ("GPE", "LOC") or self.gaz.lookup(p.text) is not None):
                    start = t.i
                    for m in mods:
                        if m.i < start and m.dep_ in ("amod", "compound"):
                            start = m.i
                    span = self.doc[start:p.i + 1]
                    info = self.add("group", span.text)
                    st = self.gaz.state_of(p.text)
                    if st is not None:
                        self.member(info.id, self.add_entry(st).id, "")
                    self.mark(t.i, t.i + 1, info.id, span.text)
                    return
        # "the international community"
        if lem in _collective_heads():
            phrase = " ".join(c.lower_ for c in sorted(mods, key=lambda x: x.i) if c.dep_ != "det") + " " + t.lower_
            phrase = phrase.strip()
            if phrase in _collectives() or t.lower_ in _collectives():
                info = self.add("group", phrase)
                self.mark(t.i, t.i + 1, info.id, phrase)
                return
        # "the two parties", "both sides": the last two parties named before
        if lem in PAIR_NOUNS and t.tag_ == "NNS" and any(
                c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet", "amod") for c in t.children):
            pair: list[str] = []
            # not the subject addressing them ("the Council urged the two parties")
            subj = {self.tok[x.i] for x in t.sent if x.i in self.tok and x.i < t.i
                    and (x.dep_ in ("nsubj", "nsubjpass") or x.head.dep_ in ("nsubj", "nsubjpass"))}
            for pos, aid in reversed(self.history[-HISTORY_WINDOW:]):
                if pos < t.i and aid not in pair and aid not in subj and self.actors[aid].kind in ("state", "group", "organization"):
                    pair.append(aid)
                if len(pair) == 2:
                    self.multi[t.i] = pair[::-1]
                    return
        # "her country", "his government": the state the possessor belongs to
        if lem in ("country", "government", "nation", "state", "administration"):
            for c in t.children:
                if c.dep_ == "poss" and c.pos_ == "PRON" and c.i in self.tok:
                    owner = self.tok[c.i]
                    states = [g for (m, g) in self.members if m == owner and self.actors[g].kind == "state"]
                    if states:
                        self.mark(t.i, t.i + 1, states[0], self.doc[c.i:t.i + 1].text, resolved=True)
                        return
        # "the ministry", "the spokeswoman", "the country"
        det = [c for c in t.children if c.dep_ == "det" and c.lower_ in ("the", "this", "that")]
        if det and not [m for m in mods if m.pos_ == "PROPN" or m.ent_type_]:
            target = self._role_ref(t)
            if target:
                self.mark(t.i, t.i + 1, target, self.doc[det[0].i:t.i + 1].text, resolved=True)
                return
        # "a human rights group protested", "an opposition newspaper said": an unnamed body that
        # speaks or acts is an actor, named by its description
        if lem in UNNAMED_BODY_HEADS and t.dep_ in ("nsubj", "nsubjpass") and not det:
            desc = [m for m in t.lefts if m.dep_ in ("amod", "compound") and m.pos_ in ("NOUN", "ADJ", "PROPN")]
            if desc:
                start = min(m.i for m in desc)
                for m in desc:  # take the whole modifier ("human rights", "pro-democracy")
                    start = min([start] + [x.i for x in m.subtree])
                span = self.doc[start:t.i + 1]
                info = self.add("organization", span.text)
                self.mark(start, t.i + 1, info.id, span.text)
                return
        # "police arrested X", "protesters demanded ...": a bare collective that acts or is acted on
        if (t.lower_ in BARE_GROUPS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
                and not any(m.pos_ == "PROPN" or m.ent_type_ for m in mods)):
            info = self.add("group", t.lower_)
            self.mark(t.i, t.i + 1, info.id, t.text)

    def _role_ref(self, t: Any) -> Optional[str]:
        lem = t.lemma_.lower()
        titles = self.words["titles"]
        want_state = lem in {"country", "government", "authorities", "authority", "state", "nation", "regime", "administration"}
        # ("office of the president" makes "president" a body head too: a title wins)
        is_person_role = (lem in titles or (lem in self.role_heads and lem not in self.body_heads)) and not want_state
        is_body = lem in self.body_heads or lem in {"committee", "council", "party", "agency", "court", "organisation", "organization", "union", "alliance", "bloc"}
        # "the pilots", "the protesters": a plural noun repeating the head of a group read before
        is_group = t.tag_ in ("NNS", "NNPS")
        if not (want_state or is_person_role or is_body or is_group):
            return None
        for pos, aid in reversed(self.history[-HISTORY_WINDOW:]):
            if pos >= t.i:
                continue
            a = self.actors[aid]
            if is_group and a.kind == "group" and a.name.lower().split()[-1] == t.lower_:
                return aid
            if want_state and a.kind == "state":
                return aid
            if is_person_role and a.kind == "person" and any(lem in r.lower() for r in a.roles):
                return aid
            if is_body and a.kind == "organization" and lem in a.name.lower():
                return aid
        return None

    def _pronoun(self, t: Any) -> None:
        low = t.lower_
        if low in FIRST_PERSON:
            self._deferred.append(t)  # needs the quote speakers, known after the pass
            return
        if low in PERSON_PRONOUNS:
            g = PERSON_PRONOUNS[low]
            aid = self._recent(t.i, lambda a: a.kind == "person" and a.gender in ("", g))
            if aid:
                a = self.actors[aid]
                sent_start = t.sent.start
                people = {x for pos, x in self.history[-12:] if pos >= sent_start and self.actors[x].kind == "person"}
                if not a.gender and people == {aid}:
                    # learn a gender only when the antecedent is the one person of the sentence: a
                    # wrong guess would block every later "he"/"she" for that person
                    a.gender = g
                self.mark(t.i, t.i + 1, aid, t.text, resolved=True)
            return
        if low in THING_PRONOUNS:
            # "the Syrian Democratic Forces said it ...": a named collective is an "it" too
            aid = self._recent(t.i, lambda a: a.kind in ("state", "organization") or (
                a.kind == "group" and a.name[:1].isupper() and not a.name.split()[-1].islower()))
            if aid:
                self.mark(t.i, t.i + 1, aid, t.text, resolved=True)
            return
        if low in PLURAL_PRONOUNS:
            both = self._coordinated_subject_before(t)
            if both:
                # "X and Y came under scrutiny for their claims": they are the subject's parties
                both = list(dict.fromkeys(both))
                if len(both) > 1:
                    self.multi[t.i] = both
                self.mark(t.i, t.i + 1, both[0], t.text, resolved=True)
                return
            aid = self._recent(t.i, lambda a: a.kind == "group", limit=25)
            if aid:
                self.mark(t.i, t.i + 1, aid, t.text, resolved=True)

    def _coordinated_subject_before(self, t: Any) -> list[str]:
        """Actors of a coordinated subject ("X and Y") of the pronoun's own clause, before it."""
        node = t
        while node.dep_ not in ("ROOT",) and node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
            node = node.head
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i]
        if not subj:
            return []
        out: list[str] = []
        stack = [subj[0]]
        while stack:
            x = stack.pop(0)
            aid = self.tok.get(x.i)
            if aid and aid not in out:
                out.append(aid)
            stack.extend(c for c in x.children if c.dep_ == "conj")
        if len(out) == 1 and any(c.dep_ == "conj" for c in subj[0].children):
            return out + out  # "X and his lawyers ... their": X at least
        return out if len(out) >= 2 else []

    def _recent(self, i: int, ok: Any, limit: int = HISTORY_WINDOW) -> Optional[str]:
        starts = self.__dict__.get("_sent_start_of")
        if starts is None:  # token -> start of its sentence, once per document (Token.sent scans)
            starts = self._sent_start_of = [0] * len(self.doc)
            for sent in self.doc.sents:
                starts[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        sent_start = starts[i]
        # prefer the subject of the current sentence before the pronoun, then anything recent
        for pos, aid in reversed(self.history[-limit:]):
            if pos >= i or pos < sent_start - 400:
                continue
            if starts[pos] == sent_start and ok(self.actors[aid]):
                tok = self.doc[pos]
                if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass"):
                    return aid
        for pos, aid in reversed(self.history[-limit:]):
            if pos >= i:
                continue
            if ok(self.actors[aid]):
                return aid
        return None

    def _speech_speaker(self, t: Any) -> Optional[str]:
        """"We are ready ...," Galuzin said: the nearest speech verb above with a named subject."""
        from loaders.claims import speech_verbs

        node = t
        while node.head.i != node.i:
            node = node.head
            if node.lemma_.lower() in speech_verbs():
                for c in node.children:
                    if c.dep_ == "nsubj" and c.i != t.i:
                        sub = c
                        if sub.i in self.tok:
                            return self.tok[sub.i]
                        for s in sub.subtree:
                            if s.i in self.tok and self.actors[self.tok[s.i]].kind == "person":
                                return self.tok[s.i]
                        return None
        return None

    def _find_quotes(self) -> None:
        """Token ranges inside quotation marks, each with the speaker named right after or before."""
        doc = self.doc
        open_i = None
        spans: list[tuple[int, int]] = []
        for t in doc:
            if t.text in ("“", "\u201e"):
                open_i = t.i
            elif t.text == "”" and open_i is not None:
                spans.append((open_i, t.i))
                open_i = None
            elif t.text == '"':
                if open_i is None:
                    open_i = t.i
                else:
                    spans.append((open_i, t.i))
                    open_i = None
        self.quotes = spans

    def _assign_quote_speakers(self) -> None:
        """Each quote's speaker: the subject of a speech verb right after it ("...," X said) or
        right before it (X said: "..."), in the sentence where the quote ends or starts."""
        from loaders.claims import speech_verbs

        doc = self.doc
        verbs = speech_verbs()
        prev: Optional[tuple[str, int]] = None
        for s, e in self.quotes:
            sp = None
            after = [t for t in doc[e].sent if t.i > e and t.lemma_.lower() in verbs]
            before = [t for t in reversed(list(doc[s].sent)) if t.i < s and t.lemma_.lower() in verbs]
            if not before and s > 0 and doc[s - 1].text == ":":
                # 'X said on radio: "..."' split into two sentences at the colon
                before = [t for t in reversed(list(doc[s - 1].sent)) if t.lemma_.lower() in verbs]
            for v in after[:2] + before[:2]:
                subj = [c for c in v.children if c.dep_ == "nsubj"]
                if not subj and v.dep_ in ("advcl", "conj", "xcomp") and not (s <= v.i <= e):
                    # "X gave an account, speaking on radio: '...'": the participle's subject is X
                    subj = [c for c in v.head.children if c.dep_ == "nsubj"]
                for c in subj:
                    if not (s <= c.i <= e):
                        sp = self._subject_actor(c)
                if sp:
                    break
            if sp is None and prev is not None and s - prev[1] <= 40:
                sp = prev[0]  # a second quote in a row, same speaker
            if sp:
                for i in range(s, e + 1):
                    self.quote_speaker[i] = sp
                prev = (sp, e)

    def _subject_actor(self, c: Any) -> Optional[str]:
        if c.i in self.tok:
            return self.tok[c.i]
        for s in c.subtree:
            if s.i in self.tok:
                return self.tok[s.i]
        return None

    # ---------------------------------------------------------------- output
    def actor_at(self, t: Any) -> Optional[str]:
        return self.tok.get(t.i)
