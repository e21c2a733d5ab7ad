"""Claim patterns over a dependency parse.

The lexicons live in ``loaders/data`` (one rule a row); this module holds the few structural
patterns that read them: verb + subject/object (active and passive), phrasal verbs, that-clauses,
"cited X as blaming Y", "X said Y should ...", readiness ("is ready to help"), refusals
("would not accept"), nominal forms ("talks between X and Y"), replies to earlier claims
("rejected the criticism") and negation, which blocks a claim.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from loaders.actors import DocActors

DATA = Path(__file__).parent / "data"

SUBJ = ("nsubj", "nsubjpass")
CLAUSE_DEPS = ("ccomp", "xcomp", "conj", "advcl", "pcomp")
INTENT_AUX = {"will", "'ll", "shall"}
REFUSAL_AUX = {"will", "would", "wo", "'ll", "can", "could", "ca", "shall"}
COOPERATIVE = {"AIDS", "SUPPORTS", "COOPERATES", "CONCEDES", "RETREATS", "AGREES", "MEETS"}
#: Types that say nothing without someone on the other side ("X met", "X helped").
NEEDS_TARGET = {"MEETS", "AIDS", "SUPPORTS", "COOPERATES", "COERCES", "ASSAULTS", "INVESTIGATES",
                "SANCTIONS", "ACCUSES", "CONCEDES"}
#: Hostile acts that, announced for the future, are threats (PLOVER THREATEN, CAMEO 13x).
HOSTILE = {"SANCTIONS", "COERCES", "ASSAULTS", "FIGHTS", "PROTESTS", "MOBILIZES"}
THREAT_AUX = {"will", "'ll", "would", "wo", "shall", "may", "might"}
THREAT_HEADS = {"plan", "intend", "vow", "prepare", "threaten", "warn", "pledge", "swear", "decide"}
#: Violence that stays ASSAULTS whoever does it (PLOVER ASSAULT: torture, abduction, ...).
ONE_SIDED_VIOLENCE = {"torture", "abduct", "kidnap", "beat", "assassinate", "massacre", "hijack",
                      "rape", "execute", "lynch"}
#: Subjects that make an attack a fight (conventional military force).
MILITARY_NOUNS = {"troop", "troops", "force", "forces", "army", "military", "aircraft", "warplane",
                  "jet", "helicopter", "gunship", "tank", "warship", "navy", "soldier", "artillery",
                  "drone", "plane"}
#: Irregular fighters fight only with heavy weapons; their killings stay assaults.
IRREGULAR_NOUNS = {"rebel", "guerrilla", "militia", "fighter", "insurgent", "militant"}
HEAVY_WEAPON_VERBS = {"shell", "bomb", "bombard", "fire", "strike", "capture", "besiege", "storm"}
#: Objects of give/send/provide that are messages, not aid.
MESSAGES = {"letter", "message", "note", "signal", "greeting", "wish", "face", "statement", "reply",
            "response", "information", "details", "detail", "warning", "condolence", "invitation",
            "account", "interview", "speech", "briefing", "testimony"}
CORE_TYPES_ = {"ACCUSES", "MEETS", "PROPOSES", "REJECTS"}
#: Event nouns whose national modifier may be the target as well as the actor ("Russian sanctions").
AMBIGUOUS_OWNER = {"sanction", "embargo", "invasion", "arrest", "detention", "expulsion", "killing",
                   "assassination"}
#: Nouns that name a hostile act told before ("the operation", "the offensive").
EVENT_NOUNS = {"operation", "offensive", "attack", "incursion", "invasion", "strike", "raid",
               "bombing", "crackdown", "assault", "shelling", "blockade", "sanction", "arrest"}
#: Verbs whose subject, judging "the talks with Y", took part in them.
JUDGING_VERBS = {"hail", "praise", "welcome", "defend", "describe", "characterise", "characterize"}
#: Verbs of calling an envoy in; their purpose clause ("to protest ...") is aimed at the envoy.
SUMMON_VERBS = {"summon", "convoke"}
#: Verbs whose subject holds a meeting between others and so meets them.
HOSTING_VERBS = {"host", "chair", "convene", "organise", "organize", "broker"}
#: Request verbs that, with a thing for object, say what something caused ("encouraging rumours").
CAUSATIVE_READING = {"encourage", "invite", "prompt", "spur", "push", "press", "provoke"}
#: Heads whose object-controlled clause is an obligation, not an act ("requiring Y to offer").
OBLIGATION_HEADS = {"require", "oblige", "obligate", "need"}
#: Objects that make "X advocates Y's ..." a hostile aim against Y.
HARM_NOUNS = {"destruction", "elimination", "overthrow", "ouster", "removal", "downfall", "annihilation",
              "defeat", "collapse", "eradication", "destabilisation", "destabilization"}
#: Verbs that answer a request: their subject is whom the request was made to.
ANSWERING_VERBS = {"agree", "accept", "grant", "approve", "consent", "reject", "refuse", "decline",
                   "deny", "turn", "dismiss", "welcome", "answer", "heed", "comply", "accede",
                   "respond", "yield", "bow"}
#: Verbs of force that, with "as ...", are a verbal attack ("attacked the plan as reckless").
VERBAL_ATTACK = {"attack", "blast", "hit", "slam", "lash"}
#: Verbs that, with an object ("threatens our security"), name a danger someone poses.
ENDANGER_VERBS = {"threaten", "endanger", "jeopardise", "jeopardize", "imperil", "undermine"}
#: What one asks for to punish an actor ("called for sanctions against X").
PUNISHMENTS = {"sanction", "embargo", "boycott", "punishment", "isolation", "expulsion", "suspension"}
#: Nouns that point back at an act reported earlier ("the move", "this decision").
ACT_NOUNS = {"move", "decision", "step", "measure", "action", "announcement", "plan", "policy", "order"}
#: Verbs that name something as evidence ("cited Y's repression", "pointed to Y's aggression").
CITING_VERBS = {"cite", "mention", "point", "highlight", "note", "recall", "list"}
#: Nouns of brokering: the broker, not the first party, is the source ("X's mediation between Y and Z").
MEDIATION = {"mediation"}
#: Verbs whose that-clause is wished for, not reported as done.
IRREALIS_HEADS = {"want", "hope", "wish", "expect", "demand", "urge", "ask", "insist", "propose",
                  "suggest", "recommend", "request"}
#: Participles that after "be" state the subject's stance ("is opposed to").
STATIVE_PASSIVE = {"oppose", "commit", "determine"}
#: Agent nouns whose possessor is the one acted on ("X's critics").
PATIENT_POSSESSOR = {"critic", "opponent", "detractor"}
#: Joint acts: with conjoined subjects and no object, each subject acts on the other.
RECIPROCAL = {"AGREES", "COOPERATES", "FIGHTS", "SUPPORTS"}
#: Types whose target often sits deep in the complement ("agreed to a ceasefire with X").
EMBEDDED_TARGET = {"AGREES", "PROPOSES", "DEMANDS", "REJECTS", "THREATENS", "SANCTIONS", "CONCEDES",
                   "ACCUSES", "SUPPORTS", "AIDS", "COERCES", "PROTESTS", "RETREATS"}
CONTROL_BY_OBJECT = {"urge", "ask", "call", "invite", "encourage", "order", "force", "persuade",
                     "press", "push", "tell", "request", "appeal", "pressure", "allow"}


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s and not s.startswith("#"):
            out.append([c.strip() for c in line.rstrip("\n").split("\t")])
    return out


@dataclass(frozen=True)
class VerbRule:
    lemma: str
    particle: str  # "" when none
    type: str
    slots: tuple[str, ...]
    confidence: float


@lru_cache(maxsize=1)
def verb_rules() -> dict[str, list[VerbRule]]:
    rules: dict[str, list[VerbRule]] = {}
    for r in _rows("verbs.tsv"):
        lemma, part, typ = r[0], r[1], r[2]
        slots = tuple(s for s in (r[3] if len(r) > 3 else "-").split(",") if s and s != "-")
        conf = float(r[4]) if len(r) > 4 and r[4] else 0.6
        rules.setdefault(lemma, []).append(VerbRule(lemma, "" if part == "-" else part, typ, slots, conf))
    for v in rules.values():
        v.sort(key=lambda x: (not x.particle, -x.confidence))
    return rules


@lru_cache(maxsize=1)
def noun_rules() -> dict[str, tuple[str, tuple[str, ...], float]]:
    return {r[0]: (r[1], tuple(r[2].split(",")), float(r[3])) for r in _rows("nouns.tsv")}


@lru_cache(maxsize=None)
def _simple(name: str) -> frozenset[str]:
    return frozenset(r[0] for r in _rows(name))


def group_nouns() -> frozenset[str]:
    return _simple("group_nouns.txt")


def speech_verbs() -> frozenset[str]:
    return _simple("speech_verbs.txt")


@lru_cache(maxsize=1)
def claim_objects() -> dict[str, tuple[str, ...]]:
    return {r[0]: tuple(r[1].split(",")) for r in _rows("claim_objects.tsv")}


@lru_cache(maxsize=1)
def readiness() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("readiness.tsv")}


@dataclass
class RawClaim:
    type: str
    source: str
    target: Optional[str]
    token: int  # the token that carries the claim (verb or noun)
    confidence: float
    about_types: tuple[str, ...] = ()  # "rejected the criticism": the kind of claim answered
    about_token: int = -1
    extra: dict = field(default_factory=dict)


class ClaimFinder:
    def __init__(self, doc: Any, actors: DocActors) -> None:
        self.doc = doc
        self.a = actors
        self.vr = verb_rules()
        self.nr = noun_rules()
        self.claims: list[RawClaim] = []
        self._seen: set[tuple] = set()

    # ------------------------------------------------------------------ actor helpers
    def actor(self, t: Any) -> Optional[str]:
        """The actor a noun phrase headed by ``t`` names (its head, apposition or modifier)."""
        aid = self.a.tok.get(t.i)
        if aid:
            return aid
        for c in t.children:
            if c.dep_ == "appos" and c.i in self.a.tok:
                return self.a.tok[c.i]
        # "members of the European Union", "leaders of Hamas": the body they speak for;
        # "thousands of Kurds": the people counted
        if t.lemma_.lower() in ("member", "leader", "official", "representative", "spokesman",
                                "spokeswoman", "spokesperson", "delegation", "envoy", "head",
                                "thousand", "hundred", "dozen", "million", "ten", "score", "crowd",
                                "group", "number", "some", "many", "most", "all", "majority"):
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i in self.a.tok:
                            return self.a.tok[p.i]
        # "Russia's proposal", "the Israeli strikes": a possessor or demonym modifying a thing
        return None

    def owner(self, t: Any, depth: int = 0) -> Optional[str]:
        """The actor behind a non-actor noun ("Russia's proposal", "the criticism by Baku",
        "the Trump legal team's claims": the possessor's own modifier when it names no one)."""
        for c in t.children:
            if c.dep_ in ("poss", "amod", "compound") and c.i in self.a.tok:
                return self.a.tok[c.i]
        if depth == 0:
            for c in t.children:
                if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"):
                    aid = self.actor(c) or self.owner(c, 1)
                    if aid:
                        return aid
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "of", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        # "the presence of US assets": the modifier of the object, one level down
                        aid = self.actor(p) or (self.owner(p, 1) if depth == 0 else None)
                        if aid:
                            return aid
        return None

    def expand(self, t: Any) -> list[Any]:
        out = [t]
        for c in t.children:
            if c.dep_ == "conj":
                out.extend(self.expand(c))
        return out

    def named_members(self, t: Any) -> list[str]:
        """"two officials, X and Y": the people an unnamed plural noun is glossed with, whether the
        parser hangs the names on the noun (appos) or on its verb right after a comma."""
        if t.tag_ not in ("NNS", "NNPS") or (t.i in self.a.tok and self.a.actors[self.a.tok[t.i]].kind == "state"):
            return []
        cands = [c for c in t.children if c.dep_ == "appos"]
        end = t.right_edge.i
        if not cands and end + 1 < len(self.doc) and self.doc[end + 1].text == ",":
            cands = [c for c in t.head.children if c.dep_ in ("npadvmod", "appos", "dep") and c.left_edge.i == end + 2]
        out: list[str] = []
        for c in cands:
            for x in self.expand(c):
                aid = self.a.tok.get(x.i)
                if aid and self.a.actors[aid].kind == "person" and aid not in out:
                    out.append(aid)
        return out

    def actors_of(self, toks: list[Any]) -> list[str]:
        out = []
        for t in toks:
            named = self.named_members(t)
            if named:
                out.extend(a for a in named if a not in out)
                for x in self.expand(t)[1:]:
                    for aid in self.a.multi.get(x.i, [self.actor(x)]):
                        if aid and aid not in out:
                            out.append(aid)
                continue
            for x in self.expand(t):
                for aid in self.a.multi.get(x.i, [self.actor(x)]):  # "the two parties": both
                    if aid and aid not in out:
                        out.append(aid)
        return out

    # ------------------------------------------------------------------ structure helpers
    def subjects(self, v: Any, depth: int = 0) -> list[str]:
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        if subj and v.dep_ == "relcl" and all(c.lower_ in ("who", "which", "that") for c in subj) and subj[0].i not in self.a.tok:
            aid = self.actor(v.head)  # "X, who denounced ...": the relative pronoun is X
            return [aid] if aid else []
        if subj:
            found = self.actors_of(subj)
            if found or depth > 0:
                return found
            return found
        if depth > 4:
            return []
        h = v.head
        if h.i == v.i:
            return []
        if v.dep_ == "xcomp":
            if h.lemma_.lower() in CONTROL_BY_OBJECT:
                objs = [c for c in h.children if c.dep_ in ("dobj", "dative")]
                if objs:
                    return self.actors_of(objs)
            return self.subjects(h, depth + 1)
        if v.dep_ == "conj" and h.pos_ in ("VERB", "AUX"):
            return self.subjects(h, depth + 1)
        if v.dep_ == "pcomp" and h.dep_ == "prep" and h.lower_ in ("by", "after", "before", "while", "without") \
                and h.head.pos_ in ("VERB", "AUX") and h.head.i != h.i:
            return self.subjects(h.head, depth + 1)  # "X responded by firing rockets at Y"
        if v.dep_ == "acomp" and h.lemma_ == "be":
            return self.subjects(h, depth + 1)  # "X is opposed to Y" parsed as an adjective
        if v.dep_ == "advcl" and h.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            return self.subjects(h, depth + 1)  # purpose clause: "began a strike to protest ..."
        if v.dep_ == "relcl":
            aid = self.actor(h)
            return [aid] if aid else []
        perfect = v.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "having" for c in v.children)
        if v.dep_ in ("acl", "advcl") and (v.tag_ == "VBG" or perfect) and depth < 4:
            # "posted a message blaming Iran": the poster, unless the noun itself is an actor
            aid = self.actor(h) if v.dep_ == "acl" and self.a.tok.get(h.i) and (
                h.dep_ in SUBJ or self.a.actors[self.a.tok[h.i]].kind in ("group", "person")) else None  # "activists protesting"
            if aid:
                return [aid]
            node = h
            for _ in range(4):
                if node.pos_ in ("VERB", "AUX"):
                    return self.subjects(node, depth + 1)
                if node.head.i == node.i:
                    break
                node = node.head
            aid = self.actor(h)
            return [aid] if aid else []
        if v.dep_ in ("pcomp", "advcl") and h.lower_ == "as" and h.head.lemma_.lower() in _simple("cite_verbs.txt"):
            objs = [c for c in h.head.children if c.dep_ == "dobj"]
            return self.actors_of(objs)
        if v.dep_ == "pcomp" and h.dep_ == "prep" and h.lower_ == "as":
            g = h.head
            if g.lemma_.lower() in _simple("cite_verbs.txt"):
                return self.actors_of([c for c in g.children if c.dep_ == "dobj"])
        if v.dep_ == "acl" and v.tag_ in ("VBD", "VBN") and h.dep_ == "ROOT" and h.i < v.i and (
                v.tag_ == "VBD" or not any(c.dep_ == "det" for c in h.children)):
            aid = self.actor(h)  # misparse "Pashinian charged ...": the verb hangs off its subject
            return [aid] if aid else []
        return []

    def negated(self, v: Any) -> bool:
        for c in v.children:
            if c.dep_ == "neg" or c.lower_ in ("never", "neither", "nor"):
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "until"):
                return True
        node = v
        for _ in range(3):
            if node.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "advcl") or node.head.i == node.i:
                break
            h = node.head
            if node.dep_ in ("xcomp", "ccomp", "pcomp") and h.lemma_.lower() in _simple("negating_heads.txt"):
                return True
            if node.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in h.children):
                return True
            if node.dep_ == "conj":
                break
            node = h
        return False

    def hypothetical(self, v: Any) -> bool:
        """A modal on the verb or on the verb it is conjoined to ("should seek ... and raise")."""
        node = v
        for _ in range(3):
            if any(c.dep_ == "aux" and c.lemma_.lower() in ("should", "must", "could", "would", "may", "might", "can") for c in node.children):
                return True
            if node.dep_ != "conj":
                return False
            node = node.head
        return False

    def in_question(self, v: Any) -> bool:
        return v.sent.text.rstrip().endswith("?") and v.sent.root.i == v.i

    def military(self, v: Any, sources: list[str]) -> bool:
        """The subject is an armed force or its machines ("Burmese troops", "Russian aircraft"),
        or irregular fighters using heavy weapons ("rebels shelled the town")."""
        kinds = set(MILITARY_NOUNS)
        if v.lemma_.lower() in HEAVY_WEAPON_VERBS:
            kinds |= IRREGULAR_NOUNS
        for c in v.children:
            if c.dep_ == "nsubj" and c.lemma_.lower() in kinds:
                return True
        for s in sources:
            a = self.a.actors[s]
            words = a.name.lower().split()
            if a.kind in ("group", "organization") and words and (
                    words[-1] in kinds or words[-1].rstrip("s") in kinds or
                    any(w in ("army", "military", "navy", "armed") for w in words)):
                return True
        return False

    def irrealis(self, v: Any) -> bool:
        """The clause of a demand or proposal: what is asked for has not happened."""
        if v.dep_ == "xcomp":  # "urged them to continue talking": asked for, not done
            node = v.head
            for _ in range(3):
                r = self.pick_rule(node)
                if r is not None and r.type in ("DEMANDS", "PROPOSES") and node.i != v.head.i:
                    return True
                if node.dep_ != "xcomp" or node.head.i == node.i:
                    break
                node = node.head
            return False
        if v.dep_ not in ("ccomp", "acl") or v.head.i == v.i:
            return False
        h = v.head
        if h.pos_ == "NOUN":
            return self.nr.get(h.lemma_.lower(), ("",))[0] in ("DEMANDS", "PROPOSES")
        r = self.pick_rule(h)
        if v.dep_ == "ccomp" and h.lemma_.lower() in _simple("light_verbs.txt") and any(
                c.dep_ == "dobj" and self.nr.get(c.lemma_.lower(), ("",))[0] in ("DEMANDS", "PROPOSES")
                for c in h.children):
            return True  # "reiterated its demand that Y ease ...": the parser hangs the clause on the verb
        return (r is not None and r.type in ("DEMANDS", "PROPOSES")) or h.lemma_.lower() in IRREALIS_HEADS

    def protest_head(self, v: Any) -> bool:
        """``v`` is the purpose of a protest: a clause under a protest verb or under a light verb
        whose object is a protest noun ("staged demonstrations to demand ...")."""
        if v.dep_ not in ("advcl", "xcomp") or v.head.i == v.i:
            return False
        h = v.head
        r = self.pick_rule(h)
        if r is not None and r.type == "PROTESTS":
            return True
        return any(c.dep_ == "dobj" and self.nr.get(c.lemma_.lower(), ("",))[0] == "PROTESTS" for c in h.children)

    def threat_frame(self, v: Any) -> bool:
        """A hostile act announced, not done: a future/conditional modal on the verb, or the
        verb under "plan/intend/vow/prepare to" (PLOVER THREATEN)."""
        if any(c.dep_ == "aux" and c.lower_ in THREAT_AUX for c in v.children):
            return True
        return v.dep_ in ("xcomp", "advcl") and v.head.lemma_.lower() in THREAT_HEADS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in v.children)

    def unless_clause(self, v: Any) -> bool:
        """"will withdraw its force unless X ...": an act made conditional on the other side."""
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                   for c in v.children)

    def intent_aux(self, v: Any) -> bool:
        return any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in v.children)

    def clause_subject_actor(self, c: Any, exclude: set[str]) -> Optional[str]:
        """First actor that is a subject inside a that-clause (breadth first)."""
        queue = [c]
        seen = 0
        while queue and seen < 12:
            node = queue.pop(0)
            seen += 1
            for ch in node.children:
                if ch.dep_ in SUBJ:
                    for aid in self.actors_of([ch]):
                        if aid not in exclude:
                            return aid
            queue.extend(ch for ch in node.children if ch.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl", "acomp"))
        return None

    def prep_objects(self, v: Any, prep: str) -> list[str]:
        out = []
        heads = [v] + [c for c in v.children if c.dep_ in ("dobj", "prt", "acomp", "attr")]
        for h in heads:
            for c in h.children:
                if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            out.extend(a for a in self.actors_of([p]) if a not in out)
                            if not out:
                                o = self.owner(p)
                                if o:
                                    out.append(o)
        return out

    def find_targets(self, v: Any, slots: tuple[str, ...], sources: list[str], passive: bool) -> tuple[list[Optional[str]], tuple[str, ...], int]:
        """Targets by the rule's slots; the claim-object reply link when the object is a claim."""
        if passive:
            subj = [c for c in v.children if c.dep_ == "nsubjpass"]
            tg = [a for a in self.actors_of(subj) if a not in sources]
            if tg:
                return list(tg), (), -1
            for o in subj:  # "Syria's proposal was rejected by Jordan"
                owner = self.owner(o) or self.event_actor(o)
                co = claim_objects().get(o.lemma_.lower())
                if owner and owner not in sources:
                    return [owner], co or (), o.i
                if co:
                    return [], co, o.i
        for slot in slots or ("dobj",):
            if slot == "dobj":
                objs = [c for c in v.children if c.dep_ in ("dobj",)]
                if not objs:
                    continue
                tg = [a for a in self.actors_of(objs) if a not in sources]
                if tg:
                    return list(tg), (), -1
                o = objs[0]
                co = claim_objects().get(o.lemma_.lower())
                owner = self.owner(o) or self.event_actor(o)
                if owner and owner not in sources:
                    return [owner], co or (), o.i
                if co:
                    return [], co, o.i
            elif slot == "dative":
                objs = [c for c in v.children if c.dep_ == "dative"]
                tg = [a for a in self.actors_of(objs) if a not in sources]
                if tg:
                    return tg, (), -1
                tg = [a for a in self.prep_objects(v, "to") if a not in sources]
                if tg:
                    return tg, (), -1
            elif slot.startswith("prep:"):
                tg = [a for a in self.prep_objects(v, slot[5:]) if a not in sources]
                if tg:
                    return tg, (), -1
                # "ruled against the government's plan": the plan's owner
                for c in v.children:
                    if c.dep_ == "prep" and c.lower_ == slot[5:]:
                        for o in c.children:
                            if o.dep_ == "pobj" and o.lemma_.lower() not in ("-PRON-",):
                                owner = self.owner(o)
                                if owner and owner not in sources:
                                    return [owner], claim_objects().get(o.lemma_.lower()) or (), o.i
            elif slot == "ccomp":
                clauses = [c for c in v.children if c.dep_ == "ccomp"]
                if v.dep_ == "acl":
                    clauses += [c for c in v.head.children if c.dep_ == "acl" and c.i > v.i
                                and any(m.dep_ == "mark" for m in c.children)]
                for c in clauses:
                        aid = self.clause_subject_actor(c, set(sources))
                        if aid:
                            return [aid], (), -1
            elif slot == "xsubj":
                for c in v.children:
                    if c.dep_ == "ccomp":
                        aid = self.clause_subject_actor(c, set(sources))
                        if aid:
                            return [aid], (), -1
        return [], (), -1

    def embedded_target(self, v: Any, sources: list[str], typ: str = "") -> list[str]:
        """First actor inside the object or complement ("agreed to a ceasefire with X",
        "demanded support from X", "lifted the curfew in X"), skipping subjects and pronouns."""
        deps = ("dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd")
        if typ == "PROTESTS":
            deps += ("advcl",)  # "demonstrated calling for independence from X"
        for c in sorted(v.children, key=lambda x: x.i):
            if c.i < v.i or c.dep_ not in deps or c.lower_ == "according":
                continue  # "according to X": the source of the report, not the other side
            for t in sorted(c.subtree, key=lambda x: x.i):
                aid = self.a.tok.get(t.i)
                if not aid or aid in sources or t.pos_ == "PRON" or t.dep_ == "npadvmod":
                    continue  # npadvmod: "a Russian-brokered ceasefire" names a broker, not a target
                if t.dep_ in SUBJ and c.dep_ != "ccomp":
                    continue
                return self.coordinated(t, aid, sources)
        return []

    def coordinated(self, t: Any, aid: str, sources: list[str]) -> list[str]:
        """``aid`` and the actors of the phrases coordinated with the one ``t`` sits in
        ("cessation of Palestinian rocket fire and Israeli incursions", "to Iran, Libya and Cuba")."""
        h = t
        while h.dep_ in ("amod", "compound", "poss", "nmod") and h.head.i != h.i:
            h = h.head
        root = h
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        out = [aid]
        for x in self.expand(root):
            if x.i == h.i:
                continue  # the phrase ``t`` is in: "Jordan's King Abdullah" is one target
            for y in [x] + [c for c in x.children if c.dep_ in ("amod", "compound", "poss", "nmod")]:
                other = self.a.tok.get(y.i)
                if other and other not in out and other not in sources and y.pos_ != "PRON":
                    out.append(other)
                    break
        return out

    def passive_agent(self, v: Any) -> list[str]:
        for c in v.children:
            if c.dep_ == "agent":
                objs = [p for p in c.children if p.dep_ == "pobj"]
                found = self.actors_of(objs)
                if not found:
                    found = [o for o in (self.owner(p) for p in objs) if o]
                return found
        return []

    def spokesperson(self, v: Any, sources: list[str]) -> list[str]:
        """"Hamas leader X said Hamas would not release him": a person announcing what the body
        they belong to does makes the claim too (ANNOTATION: the speaker is the source; PLOVER
        keeps the body), so both are sources; a speaker outside that body only reports it."""
        node = v
        for _ in range(4):
            if node.head.i == node.i or node.dep_ not in ("ccomp", "conj", "xcomp"):
                return sources
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in speech_verbs():
                speakers = self.subjects(node.head)
                if len(speakers) == 1 and self.a.actors[speakers[0]].kind == "person" and all(
                        (speakers[0], s) in self.a.members for s in sources):
                    # both readings are in use (news gold: the speaker; PLOVER: the body)
                    return speakers + [s for s in sources if s not in speakers]
                return sources
            node = node.head
        return sources

    def coordinated_subject(self, v: Any) -> list[str]:
        """Actors of a subject the parser split badly ("US President X and Turkish President Y
        spoke": the "and" sits inside one name's subtree): each actor reached without a preposition."""
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        if not subj or not any(t.dep_ == "cc" and t.lower_ == "and" for t in subj[0].subtree):
            return []
        out: list[str] = []
        for t in subj[0].subtree:
            aid = self.a.tok.get(t.i)
            if not aid or aid in out or t.pos_ == "PRON" or self.a.actors[aid].kind == "state" and t.dep_ in ("compound", "amod"):
                continue
            node, ok = t, True
            while node.i != subj[0].i:
                if node.dep_ in ("prep", "pobj", "relcl", "acl"):
                    ok = False
                    break
                node = node.head
            if ok:
                out.append(aid)
        return out if len(out) > 1 else []

    def own_state(self, source: str, target: Optional[str]) -> bool:
        """A ministry or agency never acts on the state it is a body of ("the Foreign Ministry
        of Iraq called the strike a violation of Iraqi sovereignty" is not aimed at Iraq)."""
        if target is None:
            return False
        if ((target, source) in self.a.members and self.a.actors[source].kind == "state"
                and self.a.actors[target].kind == "organization"):
            return True  # "Saudi Arabia ... from the Saudi Air Force": a state and its own body
        if (source, target) not in self.a.members:
            return False
        return self.a.actors[source].kind == "organization" and self.a.actors[target].kind == "state"

    def add(self, typ: str, sources: list[str], targets: list[Optional[str]], tok: int, conf: float,
            about_types: tuple[str, ...] = (), about_token: int = -1) -> None:
        if not targets:
            targets = [None]
        for s in sources:
            for t in targets:
                if t == s or self.own_state(s, t):
                    continue
                key = (typ, s, t, tok)
                if key in self._seen:
                    continue
                self._seen.add(key)
                c = conf
                if tok in self.a.resolved or any(
                        self.a.tok.get(i) == s and i in self.a.resolved for i in range(max(0, tok - 12), tok)):
                    c *= 0.85
                self.claims.append(RawClaim(typ, s, t, tok, round(c, 3), about_types, about_token))

    # ------------------------------------------------------------------ patterns
    def run(self) -> list[RawClaim]:
        suppressed: set[int] = set()
        for v in self.doc:
            if v.pos_ in ("VERB", "AUX") or v.tag_.startswith("VB"):
                self.verb(v, suppressed)
            if v.pos_ == "NOUN":
                self.noun(v)
            if v.pos_ == "ADJ" or v.lemma_.lower() in readiness():
                self.ready(v, suppressed)
        self.claims = [c for c in self.claims if c.token not in suppressed or c.extra.get("keep")]
        return self.claims

    def pick_rule(self, v: Any) -> Optional[VerbRule]:
        rules = self.vr.get(v.lemma_.lower())
        if not rules:
            return None
        attached = {c.lower_ for c in v.children if c.dep_ in ("prt", "prep", "acomp", "oprd", "dobj", "advmod")}
        attached |= {c.lemma_.lower() for c in v.children if c.dep_ == "dobj"}  # "lifted the embargoes"
        # "held X in contempt": the object of "in" completes the verb
        attached |= {p.lemma_.lower() for c in v.children if c.dep_ == "prep" and c.lower_ == "in"
                     for p in c.children if p.dep_ == "pobj"}
        # "calling for X to stand trial": the parser makes "for" the mark of the clause
        attached |= {m.lower_ for c in v.children if c.dep_ in ("advcl", "ccomp")
                     for m in c.children if m.dep_ == "mark" and m.lower_ == "for"}
        for r in rules:
            if r.particle:
                if r.particle in attached:
                    return r
                continue
            return r
        return None

    def event_actor(self, o: Any) -> Optional[str]:
        """"The operation was condemned": "the operation" is the hostile act told before in the
        article; its actor is the one condemned."""
        if o.lemma_.lower() not in EVENT_NOUNS or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                           for c in o.children):
            return None
        sent_start = o.sent.start
        for c in reversed(self.claims):
            if c.type in HOSTILE and c.token < sent_start:
                return c.source
        return None

    def cited_wrongdoing(self, v: Any) -> None:
        """"X cited Y's repression of ...", "X pointed to Y's aggression": naming a wrong of Y's."""
        if self.negated(v):
            return
        objs = [c for c in v.children if c.dep_ == "dobj"]
        objs += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
        bad = [o for o in objs if o.lemma_.lower() in _simple("wrongdoing_nouns.txt")]
        if not bad:
            return
        sources = self.subjects(v)
        targets = [t for t in (self.owner(o) for o in bad) if t and t not in sources]
        if sources and targets:
            self.add("ACCUSES", sources, targets, v.i, 0.5)

    def quoted_judgement(self, v: Any) -> None:
        """"He was a dictator," X said / X: "They are a threat": inside a quote, a negative
        judgement of an actor is the quote's speaker accusing that actor."""
        speaker = self.a.quote_speaker.get(v.i)
        if not speaker or v.dep_ not in ("ROOT", "conj") or self.negated(v) or self.hypothetical(v):
            return
        blame = _simple("blame_predicates.txt")
        lem = v.lemma_.lower()
        judged = any(c.dep_ in ("attr", "acomp") and c.lemma_.lower() in blame for c in v.children)
        # "Y violated the truce," X said / "Y made another provocation"
        wrong = lem in _simple("wrongdoing_verbs.txt") or (
            lem in ("make", "commit", "carry", "stage") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _simple("wrongdoing_nouns.txt") for c in v.children))
        danger = lem in ENDANGER_VERBS and any(c.dep_ == "dobj" for c in v.children)
        if not (judged or wrong or danger):
            return
        targets = [a for a in self.actors_of([c for c in v.children if c.dep_ == "nsubj"]) if a != speaker]
        if not targets and danger:  # "The deployment of Y's troops threatens our security"
            targets = [o for o in (self.owner(c) for c in v.children if c.dep_ == "nsubj") if o and o != speaker]
        if targets:
            self.add("ACCUSES", [speaker], targets, v.i, 0.5)

    def according_to(self, v: Any) -> None:
        """"Y violated the truce, according to X": X's allegation, as if X had said it."""
        if v.dep_ != "ROOT" or self.negated(v):
            return
        src = [a for c in v.children if c.dep_ == "prep" and c.lower_ == "according"
               for t in c.children if t.dep_ == "prep" and t.lower_ == "to"
               for a in self.actors_of([p for p in t.children if p.dep_ == "pobj"])]
        if not src:
            return
        lem = v.lemma_.lower()
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        danger = lem in ENDANGER_VERBS and any(c.dep_ == "dobj" for c in v.children)
        blame = _simple("blame_predicates.txt")
        judged = lem == "be" and any(c.dep_ in ("attr", "acomp") and c.lemma_.lower() in blame for c in v.children)
        if not (lem in _simple("wrongdoing_verbs.txt") or danger or judged):
            return
        targets = [a for a in self.actors_of(subj) if a not in src]
        if not targets and danger:
            targets = [o for o in (self.owner(c) for c in subj) if o and o not in src]
        if targets:
            self.add("ACCUSES", src, targets, v.i, 0.5)

    def verb(self, v: Any, suppressed: set[int]) -> None:
        lem = v.lemma_.lower()
        self.according_to(v)
        if lem == "be" or v.i in self.a.quote_speaker:
            self.quoted_judgement(v)
        if lem in CITING_VERBS:
            self.cited_wrongdoing(v)
        rule = self.pick_rule(v)
        if lem in speech_verbs():
            self.reported(v)
        if lem in _simple("refusal_verbs.txt"):
            self.refusal(v)
        if lem in _simple("characterise_verbs.txt"):
            self.characterise(v)
        if rule is None:
            return
        if rule.type == "ACCUSES" and lem in _simple("characterise_verbs.txt") and any(
                c.dep_ == "prep" and c.lower_ == "as" or c.dep_ in ("oprd", "attr") for c in v.children):
            return  # "characterized X as ...": ``characterise`` weighs the complement (praise or blame)
        if lem in VERBAL_ATTACK and any(c.dep_ == "prep" and c.lower_ == "as" and any(
                p.dep_ in ("pobj", "amod", "acomp") for p in c.children) for c in v.children):
            self.characterise(v)  # "attacked Y's plan as 'reckless'": words, not force
            return
        if rule.type == "AGREES" and v.dep_ == "xcomp" and v.head.lemma_.lower() == "fail" and not self.negated(v.head):
            # "X and Y failed to reach agreement": each turned the other down (CAMEO 12x)
            sources = self.subjects(v)
            targets = self.find_targets(v, rule.slots, sources, False)[0] if len(sources) == 1 else []
            for i, s in enumerate(sources[:-1] if len(sources) > 1 else []):
                self.add("REJECTS", [s], list(sources[i + 1:]), v.i, 0.5)
            if len(sources) == 1 and targets:
                self.add("REJECTS", sources, targets, v.i, 0.5)
            return
        if self.negated(v) or self.in_question(v):
            return
        if self.irrealis(v):
            return  # "demanded that Y withdraw", "its demand that Y ease ...": asked for, not done
        if rule.type in ("PROPOSES", "DEMANDS") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in HARM_NOUNS and any(p.dep_ == "poss" for p in c.children)
                for c in v.children):
            return  # "advocates Israel's destruction": a hostile aim, not a proposal to Israel
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in OBLIGATION_HEADS and rule.type in ("PROPOSES", "AGREES", "AIDS"):
            return  # "requiring the US to offer ...": what someone is obliged to do, not an offer made
        if (rule.type in ("PROPOSES", "DEMANDS") and v.tag_ == "VBG" and v.dep_ == "advcl" and lem in CAUSATIVE_READING
                and not any(c.dep_ in ("xcomp", "ccomp") for c in v.children)
                and not self.actors_of([c for c in v.children if c.dep_ in ("dobj", "dative")])):
            return  # "refused to return it, encouraging conspiracy theories": a result, not a request
        if any(c.dep_ == "aux" and c.lower_ in ("should", "must", "ought") for c in v.children):
            return  # "X said Y should accept": the speaker's proposal (``reported``), not Y's act
        if rule.type == "PROTESTS" and lem in speech_verbs() and any(c.dep_ == "ccomp" for c in v.children):
            return  # "Y is failing ..., X protested": a spoken complaint, read by ``reported``
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if passive and lem in STATIVE_PASSIVE and not any(c.dep_ == "agent" for c in v.children):
            # "X is opposed to Y": a stance of the subject, not a passive
            passive = False
            sources = self.actors_of([c for c in v.children if c.dep_ == "nsubjpass"])
        elif passive:
            sources = self.passive_agent(v)
        else:
            sources = self.subjects(v)
        if not sources:
            return
        sources = self.spokesperson(v, sources)
        targets, about, about_tok = self.find_targets(v, rule.slots, sources, passive)
        if any(c.dep_ == "dobj" and any(d.lower_ in ("no", "nothing") for d in c.subtree) for c in v.children):
            return  # "gave no details", "offered nothing"
        if rule.type == "AIDS" and any(c.dep_ == "dobj" and c.lemma_.lower() in MESSAGES for c in v.children):
            return  # "sent a letter to X", "gave face to": a message, not aid
        if not targets and len(sources) == 1 and (rule.type == "MEETS" or rule.type in RECIPROCAL) and not passive:
            sources = self.coordinated_subject(v) or sources
        if rule.type == "MEETS" and not targets and len(sources) > 1:
            if rule.confidence < 0.5:
                return  # "X and Y received threats": weak meeting verbs need a named other side
            for i, s in enumerate(sources[:-1]):  # "X and Y met": each pair once
                self.add(rule.type, [s], list(sources[i + 1:]), v.i, rule.confidence)
            return
        if not targets and rule.particle == "for":
            targets = [a for c in v.children if c.dep_ in ("advcl", "ccomp")
                       and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                       for a in self.actors_of([s for s in c.children if s.dep_ == "nsubj"]) if a not in sources]
        if not targets and rule.type in ("ACCUSES", "PROTESTS") and v.dep_ in ("advcl", "xcomp") and (
                v.head.lemma_.lower() in SUMMON_VERBS):
            # "summoned Y's ambassador to complain about ...": the one summoned is complained to
            targets = [a for a in self.actors_of([c for c in v.head.children if c.dep_ == "dobj"]) if a not in sources]
        if not targets and rule.type in EMBEDDED_TARGET:
            targets = self.embedded_target(v, sources, rule.type)
        if not targets and len(sources) > 1 and rule.type in RECIPROCAL and not passive:
            # "X and Y agreed to a ceasefire", "X and Y signed a treaty": each on the other
            typ = "AGREES" if rule.type in COOPERATIVE and self.intent_aux(v) else rule.type
            for i, s in enumerate(sources[:-1]):
                self.add(typ, [s], list(sources[i + 1:]), v.i, rule.confidence)
            return
        if not targets and not about and (rule.confidence < 0.5 or rule.type in NEEDS_TARGET):
            return  # weak verbs and meetings need someone on the other side
        if rule.type == "MEETS" and rule.confidence < 0.5 and (any(
                x and self.a.actors[x].kind == "group" for x in list(sources) + list(targets))
                or any(c.dep_ == "nsubj" and c.lemma_.lower() in group_nouns() for c in v.children)):
            return  # "arrived in", "received": a visit or reception by named parties, not crowds
        typ = rule.type
        conf = rule.confidence
        if typ == "ASSAULTS" and lem not in ONE_SIDED_VIOLENCE and self.military(v, sources):
            typ = "FIGHTS"  # armed forces using conventional force (PLOVER FIGHT, CAMEO 19x)
        if typ in ("DEMANDS", "PROPOSES") and self.protest_head(v):
            typ = "PROTESTS"  # "demonstrated calling for X", "staged a strike to demand X": the protest's aim
        if typ != "MEETS" and (typ in HOSTILE and self.threat_frame(v) or self.unless_clause(v)):
            typ = "THREATENS"  # "said it would boycott", "plans to impose", "will withdraw unless"
        elif typ in COOPERATIVE and self.intent_aux(v):
            typ = "AGREES"
        # "agreed to meet", "offered to help": the governing verb is the claim;
        # "vowed to fight": the threat is, and the vow says nothing more
        if typ == "THREATENS" and v.dep_ in ("xcomp", "advcl") and v.head.lemma_.lower() in THREAT_HEADS:
            suppressed.add(v.head.i)
            self.claims = [c for c in self.claims if c.token != v.head.i]
        elif v.dep_ == "xcomp" and (self.pick_rule(v.head) is not None or v.head.lemma_.lower() in readiness()):
            suppressed.add(v.i)
        # MEETS with conjoined subjects and no object: "X and Y met"
        self.add(typ, sources, targets, v.i, conf, about, about_tok)
        if typ in ("PROPOSES", "DEMANDS") and any(t for t in targets):
            # "called for sanctions against X": asking to punish X is criticism of X (PLOVER DISAPPROVE)
            punished = [t for n in self.asked_for(v) if n.lemma_.lower() in PUNISHMENTS
                        for t in (self.prep_objects(n, "against") + self.prep_objects(n, "on")) if t in targets]
            if punished:
                self.add("ACCUSES", sources, punished, v.i, 0.5)

    def asked_for(self, v: Any) -> list[Any]:
        """The nouns a proposal verb asks for: its object or the object of its "for"."""
        out = [c for c in v.children if c.dep_ == "dobj"]
        out += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children if p.dep_ == "pobj"]
        return [x for o in out for x in self.expand(o)]

    def reported(self, v: Any) -> None:
        """"X said Y should ...", "X said Y was to blame" (source: the speaker)."""
        if self.negated(v):
            return
        speakers = self.subjects(v)
        if not speakers:
            # "a CIA report concluded ...", "the ministry's statement said ...": its author
            speakers = [o for o in (self.owner(c) for c in v.children if c.dep_ == "nsubj") if o]
            if not speakers and v.dep_ == "relcl":  # "a CIA report that concluded ..."
                speakers = [o for o in [self.owner(v.head)] if o]
        if not speakers:
            return
        comps = [c for c in v.children if c.dep_ in ("ccomp",)]
        for c in list(comps):
            comps.extend(g for g in c.children if g.dep_ == "ccomp" and c.pos_ == "ADJ")
        for c in [c for c in v.children if c.dep_ in ("acomp", "oprd")]:
            comps.extend(g for g in c.children if g.dep_ == "ccomp")
        for c in comps:
            if any(ch.dep_ == "neg" for ch in c.children):
                continue
            subj = [ch for ch in c.children if ch.dep_ in SUBJ]
            subj_actors = [a for a in self.actors_of(subj) if a not in speakers]
            modal = [ch for ch in c.children if ch.dep_ == "aux" and ch.lemma_.lower() in _simple("modal_proposal.txt")]
            if not modal and c.lemma_.lower() in ("have", "need") and any(ch.dep_ == "xcomp" for ch in c.children):
                modal = [c]
            if modal and (subj_actors or subj):
                self.add("PROPOSES", speakers, subj_actors or [None], c.i, 0.6)
                continue
            wrongs = _simple("wrongdoing_verbs.txt")
            if c.pos_ == "VERB" and c.lemma_.lower() in ENDANGER_VERBS and any(ch.dep_ == "dobj" for ch in c.children):
                # "X said Y('s troops) threaten its security": a danger named, owner included
                if not subj_actors:
                    subj_actors = [o for o in (self.owner(x) for x in subj) if o and o not in speakers]
                if subj_actors:
                    self.add("ACCUSES", speakers, subj_actors, c.i, 0.5)
                    continue
            if subj_actors and c.pos_ == "VERB" and (c.lemma_.lower() in wrongs or any(
                    x.dep_ == "xcomp" and x.lemma_.lower() in wrongs for x in c.children)):
                # "X said Y had failed to ...", "concluded that Y hacked ...": an allegation
                self.add("ACCUSES", speakers, subj_actors, c.i, 0.5)
                continue
            blame = _simple("blame_predicates.txt")
            preds = [ch for ch in c.children if ch.dep_ in ("acomp", "attr", "xcomp", "prep") and ch.lemma_.lower() in blame]
            if (preds or c.lemma_.lower() in blame and c.dep_ != "ROOT") and subj_actors:
                if c.lemma_.lower() == "blame" and not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in c.children):
                    continue
                self.add("ACCUSES", speakers, subj_actors, c.i, 0.6)

    def characterise(self, v: Any) -> None:
        """"called X a 'smash and grab'", "described X as traitors": criticism of X."""
        if self.negated(v):
            return
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if v.lemma_.lower() == "refer":  # "referred to X as ...": the object follows "to"
            objs = [p for c in v.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
        comp = [c for c in v.children if c.dep_ in ("oprd", "attr", "xcomp", "ccomp") and v.lemma_.lower() not in VERBAL_ATTACK]
        comp += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                 if p.dep_ in ("pobj", "amod", "acomp", "advmod")]  # "as 'perfectly fine'" parses without a pobj
        # "described X and the opposition as traitors": the parser hangs "as" on the object
        comp += [p for o in objs for x in self.expand(o) for c in x.children
                 if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
        if v.lemma_.lower() == "call" and any(c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on", "off", "upon") for c in v.children):
            return
        if not objs or not comp:
            if not comp:
                return
            # "called the move a ...": the object may be the complement's subject
            objs = [ch for c in comp for ch in c.children if ch.dep_ in SUBJ]
            if not objs:
                return
        if all(c.pos_ == "PROPN" for c in comp):
            return  # "named it Operation Peace Spring": a name, not a judgement
        if v.dep_ == "relcl" and any(o.lower_ in ("which", "that", "who", "whom") for o in objs):
            objs = [v.head]  # "Russian action, which he called 'aggressive'"
        if any(t.lemma_.lower() in _simple("praise_words.txt") for c in comp for t in c.subtree):
            return
        sources = self.subjects(v)
        if not sources:
            return
        targets = [a for a in self.actors_of(objs) if a not in sources]
        if not targets:
            targets = [o for o in (self.owner(x) for x in objs) if o and o not in sources]
        if not targets:
            # "called the move a ...": an act told before, judged now; its actor is the target
            targets = [o for o in (self.prior_act(x, sources) for x in objs) if o]
        if targets:
            self.add("ACCUSES", sources, targets, v.i, 0.5)

    def prior_act(self, o: Any, sources: list[str]) -> Optional[str]:
        """The actor of "the move", "the attack", "this decision": the maker of the latest claim
        before this sentence whose maker is not the one judging it (hostile acts first)."""
        lem = o.lemma_.lower()
        if lem not in EVENT_NOUNS | ACT_NOUNS or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in o.children):
            return None
        sent_start = o.sent.start
        earlier = [c for c in self.claims if c.token < sent_start and c.source not in sources]
        for c in reversed(earlier):
            if c.type in HOSTILE:
                return c.source
        if lem in ACT_NOUNS and earlier:
            return earlier[-1].source
        return None

    def refusal(self, v: Any) -> None:
        """"X would not accept Y", "they will not live under Z rule": a refusal."""
        if not any(c.dep_ == "neg" for c in v.children):
            return
        if not any(c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in v.children):
            return
        sources = self.subjects(v)
        if not sources and v.dep_ == "ccomp" and v.head.lemma_.lower() in speech_verbs():
            sources = self.subjects(v.head)
        if not sources:
            h = v.head
            while h.dep_ in ("ccomp", "xcomp", "conj") and h.head.i != h.i:
                h = h.head
            sources = self.subjects(h) if h.lemma_.lower() in speech_verbs() else []
        if not sources:
            return
        target = None
        for t in v.subtree:
            if t.i == v.i or t.dep_ in SUBJ:
                continue
            aid = self.a.tok.get(t.i)
            if aid and aid not in sources and self.a.actors[aid].kind != "person" or (aid and aid not in sources):
                target = aid
                break
        self.add("REJECTS", sources, [target], v.i, 0.5)

    def ready(self, adj: Any, suppressed: set[int]) -> None:
        """"X is ready/willing to help Y", "X expressed readiness to ..." (an offer)."""
        typ = readiness().get(adj.lemma_.lower())
        if not typ:
            return
        x = [c for c in adj.children if c.dep_ in ("xcomp", "acl")]
        if not x:
            return
        if adj.pos_ == "NOUN":
            h = adj.head
            if adj.dep_ != "dobj":
                return
            if self.negated(h):
                return
            sources = self.subjects(h)
        else:
            h = adj.head
            if self.negated(h) or any(c.dep_ == "neg" for c in adj.children):
                return
            sources = self.subjects(h) if adj.dep_ in ("acomp", "oprd") else []
            if not sources and adj.dep_ == "amod":
                aid = self.actor(h)
                sources = [aid] if aid else []
        if not sources:
            return
        target = None
        for t in x[0].subtree:
            aid = self.a.tok.get(t.i)
            if aid and aid not in sources and t.dep_ not in SUBJ:
                target = aid
                break
        for xc in x:
            suppressed.add(xc.i)
        self.add(typ, sources, [target], adj.i, 0.7)

    def planned(self, n: Any) -> bool:
        """A meeting noun under a proposal, readiness, modal or negation: not (yet) held."""
        h = n.head
        for _ in range(3):
            if h.pos_ in ("VERB", "AUX", "ADJ"):
                r = self.pick_rule(h)
                if (r is not None and r.type in ("PROPOSES", "DEMANDS")) or h.lemma_.lower() in readiness() or (
                        h.pos_ != "ADJ" and (self.hypothetical(h) or self.negated(h) or self.irrealis(h))):
                    return True
            if h.dep_ not in ("xcomp", "prep", "pobj", "dobj", "acomp") or h.head.i == h.i:
                return False
            h = h.head
        return False

    def claim_of_wrong(self, n: Any) -> None:
        """"X's claims of widespread fraud", "X's charges of corruption": X alleges wrongdoing."""
        wrongs = _simple("wrongdoing_nouns.txt")
        if not any(c.dep_ == "prep" and c.lower_ == "of" and any(
                p.dep_ == "pobj" and (p.lemma_.lower() in wrongs or any(
                    m.dep_ in ("compound", "amod") and m.lemma_.lower() in wrongs for m in p.children))
                for p in c.children) for c in n.children):
            return
        sources = [a for c in n.children if c.dep_ == "poss" and c.i in self.a.tok
                   for a in self.a.multi.get(c.i, [self.a.tok[c.i]])]
        if not sources or (n.dep_ == "dobj" and self.negated(n.head)):
            return  # "did not make claims of fraud"; "X's claims ... have not gained support" still claims
        # "claims of Ugandan interference": whose wrong it is, when the phrase says
        wrong = [p for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        targets = [o for o in (self.owner(p) for p in wrong) if o and o not in sources]
        self.add("ACCUSES", sources, targets[:1] or [None], n.i, 0.5)

    def noun(self, n: Any) -> None:
        lem = n.lemma_.lower()
        if lem in ("claim", "charge", "assertion"):
            self.claim_of_wrong(n)
        rule = self.nr.get(lem)
        if rule is None:
            if lem == "talks":
                rule = self.nr.get("talk")
            if rule is None:
                return
        typ, preps, conf = rule
        if lem in MEDIATION and n.dep_ == "compound" and n.head.pos_ == "NOUN":
            n = n.head  # "a mediation effort between X and Y": the effort carries the phrase
        # "talks between X and Y"
        if "between" in preps:
            pair = self.prep_objects(n, "between")
            if typ == "MEETS" and len(pair) >= 2 and self.planned(n):
                return  # "proposed a meeting between X and Y", "ready to host talks between ...": not held
            h = n.head
            if (typ == "MEETS" and len(pair) >= 2 and n.dep_ == "dobj" and h.lemma_.lower() in HOSTING_VERBS
                    and not self.negated(h)):
                # "X hosted talks between Y and Z": the host meets both, and they meet
                hosts = [x for x in self.subjects(h) if x not in pair]
                if hosts:
                    self.add(typ, hosts, pair, n.i, conf)
            if len(pair) >= 2 and lem in MEDIATION:
                # a mediator meets both sides: its source is who launched or holds it
                h = n.head
                mediators = [self.a.tok[c.i] for c in n.children if c.dep_ == "poss" and c.i in self.a.tok]
                if not mediators and n.dep_ == "dobj" and not self.negated(h):
                    mediators = self.subjects(h)
                mediators = [m for m in mediators if m not in pair]
                if mediators:
                    self.add(typ, mediators, pair, n.i, conf)
                    return
            if len(pair) >= 2:
                self.add(typ, [pair[0]], pair[1:], n.i, conf)
                return
        sources: list[str] = []
        for c in n.children:
            if c.dep_ == "poss" and c.i in self.a.tok:
                if lem in PATIENT_POSSESSOR:
                    return  # "Johnson's critics" criticise Johnson; who they are is unsaid
                sources = [self.a.tok[c.i]]
        h = n.head
        light = h.lemma_.lower() in _simple("light_verbs.txt") and n.dep_ == "dobj"
        if not sources and typ not in CORE_TYPES_ and lem not in AMBIGUOUS_OWNER:
            # "Palestinian riots against X", "a Turkish offensive into Y": the modifier acts
            sources = [self.a.tok[c.i] for c in n.children
                       if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i and c.i in self.a.tok][:1]
            if sources and not any(self.prep_objects(n, p) for p in preps if p != "between"):
                return  # "the Azerbaijani offensive": an owner alone, with no one on the other side
        if not sources and typ in ("PROPOSES", "DEMANDS"):
            # "the request of Prime Minister X", "a proposal by Y": the asker is the prep object
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
                    sources = self.actors_of([p for p in c.children if p.dep_ == "pobj"])
                    if sources:
                        break
        if not sources and n.dep_ == "attr" and h.lemma_ == "be" and lem in PATIENT_POSSESSOR and not self.negated(h):
            sources = self.subjects(h)  # "X is a fierce critic of Y"
        if not sources and n.dep_ == "appos" and self.actor(h):
            sources = [self.actor(h)]  # "X, a critic of Y, said"
        if not sources and light:
            if self.negated(h):
                return
            sources = self.subjects(h)
        if (not sources and typ == "MEETS" and n.dep_ == "dobj" and self.prep_objects(n, "with")
                and (h.lemma_.lower() in _simple("characterise_verbs.txt") or h.lemma_.lower() in JUDGING_VERBS)
                and not self.negated(h)):
            # "X described the call with Y as ...", "X hailed the talks with Y": a party judging its own meeting
            sources = self.subjects(h)
        if not sources and typ == "MEETS" and n.dep_ == "pobj" and h.lower_ in ("in", "during", "after", "at", "following"):
            # "In a telephone conversation with X, Y said": the clause's subject met X
            g = h.head
            if g.pos_ in ("VERB", "AUX") and not self.negated(g) and not self.hypothetical(g):
                sources = self.subjects(g)
        if not sources:
            return
        if n.i in self.a.tok:
            return
        targets: list[str] = []
        for p in preps:
            if p == "between":
                continue
            targets = [a for a in self.prep_objects(n, p) if a not in sources]
            if not targets and light:
                targets = [a for a in self.prep_objects(h, p) if a not in sources]
            if targets:
                break
        if not targets and typ in ("DEMANDS", "PROPOSES"):
            clauses = list(n.children) + ([c for c in h.children if c.dep_ == "ccomp"] if light else [])
            for c in clauses:  # "its demand that Israel ease ...": the one asked
                if c.dep_ in ("acl", "ccomp"):
                    targets = [a for a in self.actors_of([s for s in c.children if s.dep_ == "nsubj"]) if a not in sources]
                    if targets:
                        break
        if not targets and typ in ("PROPOSES", "DEMANDS"):
            # "Y agreed to the request of X", "Y rejected an offer from X": Y was the one asked
            g = n.head
            if n.dep_ == "pobj" and g.lower_ in ("to", "with") and g.head.pos_ in ("VERB", "AUX"):
                g = g.head
            elif n.dep_ != "dobj":
                g = None
            if g is not None and g.lemma_.lower() in ANSWERING_VERBS:
                targets = [a for a in self.subjects(g) if a not in sources]
        if not targets and typ == "REJECTS":
            # "Y's refusal to hand the files to X": the one refused sits in the complement
            for c in n.children:
                if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB":
                    targets = [a for a in self.embedded_target(c, sources, typ) if a not in sources]
                    if targets:
                        break
        if typ in ("MEETS",) and not targets and not light:
            return
        if typ == "MEETS" and not targets and len(sources) > 1:
            for i, s in enumerate(sources[:-1]):  # "X and Y held talks"
                self.add(typ, [s], list(sources[i + 1:]), n.i, conf)
            return
        self.add(typ, sources, targets or [None], n.i, conf)


def find_claims(doc: Any, actors: DocActors) -> list[RawClaim]:
    return ClaimFinder(doc, actors).run()
