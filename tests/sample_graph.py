"""A small hand-built claim graph that every canned query has something to say about.

Built from model objects (not the extractor) so query tests do not depend on extraction quality:
three documents, states with officials linked through ministries (MEMBER_OF chains), accusations
answered by rejections (ABOUT), a proposal that is rejected, pairs that both meet and accuse each
other, a claim without a target, and names with apostrophes and non-ASCII letters.
"""
from __future__ import annotations

from graph.model import Actor, Claim, Document, Extraction, Membership, actor_id, claim_id

RUS = Actor(actor_id("state", "RUS"), "Russia", "state", ["Russian Federation", "Moscow"])
UKR = Actor(actor_id("state", "UKR"), "Ukraine", "state", ["Kyiv"])
USA = Actor(actor_id("state", "USA"), "United States", "state", ["Washington", "US"])
CIV = Actor(actor_id("state", "CIV"), "Côte d'Ivoire", "state", ["Ivory Coast"])
RU_MFA = Actor(actor_id("organization", "Russian Foreign Ministry"), "Russian Foreign Ministry",
               "organization", ["Russian MFA"])
UA_MFA = Actor(actor_id("organization", "Ukrainian Foreign Ministry"),
               "Ukrainian Foreign Ministry", "organization", [])
ZAKHAROVA = Actor(actor_id("person", "Maria Zakharova"), "Maria Zakharova", "person",
                  ["Zakharova"])
KULEBA = Actor(actor_id("person", "Dmytro Kuleba"), "Dmytro Kuleba", "person", ["Kuleba"])
BLINKEN = Actor(actor_id("person", "Antony Blinken"), "Antony Blinken", "person", ["Blinken"])
NATO = Actor(actor_id("organization", "NATO"), "NATO", "organization",
             ["North Atlantic Treaty Organization"])
UN = Actor(actor_id("organization", "United Nations"), "United Nations", "organization", ["UN"])

MEMBERSHIPS = [
    Membership(ZAKHAROVA.id, RU_MFA.id, "spokeswoman"),
    Membership(RU_MFA.id, RUS.id, "ministry"),
    Membership(KULEBA.id, UA_MFA.id, "foreign minister"),
    Membership(UA_MFA.id, UKR.id, "ministry"),
    Membership(BLINKEN.id, USA.id, "secretary of state"),
    Membership(USA.id, NATO.id, "member state"),
]


def _claim(doc: Document, type_: str, source: Actor, target: Actor | None, sentence: str,
           about: str | None = None, date: str = "") -> Claim:
    start = doc.text.index(sentence)
    return Claim(
        id=claim_id(doc.id, type_, source.id, target.id if target else None, start),
        type=type_, source_id=source.id, target_id=target.id if target else None,
        doc_id=doc.id, sentence=sentence, start=start, end=start + len(sentence),
        date=date or doc.published, confidence=0.8, extractor="hand", about_id=about,
    )


def _doc(doc_id: str, title: str, published: str, sentences: list[str]) -> Document:
    return Document(id=doc_id, text=" ".join(sentences), title=title,
                    url=f"https://news.example/{doc_id}", published=published,
                    source="news.example", path=f"{doc_id}.txt")


def sample_extractions() -> list[Extraction]:
    """Three documents; see the module docstring for what they exercise."""
    s1 = [
        "Maria Zakharova accused Ukraine of shelling the Zaporizhzhia plant.",
        "Dmytro Kuleba rejected the accusation as “absurd”.",
        "Russia accused NATO of escalating the conflict.",
        "Zakharova also accused Washington of funding 'provocations'.",
    ]
    d1 = _doc("doc-2024-01-accusations", "Moscow and Kyiv trade blame", "2024-01-10", s1)
    c1 = _claim(d1, "ACCUSES", ZAKHAROVA, UKR, s1[0])
    c2 = _claim(d1, "REJECTS", KULEBA, ZAKHAROVA, s1[1], about=c1.id)
    c3 = _claim(d1, "ACCUSES", RUS, NATO, s1[2])
    c4 = _claim(d1, "ACCUSES", ZAKHAROVA, USA, s1[3])
    e1 = Extraction(d1, [ZAKHAROVA, UKR, KULEBA, RUS, NATO, USA, RU_MFA, UA_MFA],
                    [c1, c2, c3, c4], MEMBERSHIPS[:4],
                    [ZAKHAROVA.id, UKR.id, KULEBA.id, RUS.id, NATO.id, USA.id])

    s2 = [
        "Antony Blinken met Dmytro Kuleba in Brussels.",
        "The United States proposed a ceasefire to Russia.",
        "Russia rejected the ceasefire proposal.",
        "Russia accused the United States of prolonging the war.",
        "Côte d'Ivoire proposed a humanitarian corridor.",
    ]
    d2 = _doc("doc-2024-02-ceasefire", "Ceasefire offer rejected", "2024-02-05", s2)
    c5 = _claim(d2, "MEETS", BLINKEN, KULEBA, s2[0])
    c6 = _claim(d2, "PROPOSES", USA, RUS, s2[1])
    c7 = _claim(d2, "REJECTS", RUS, USA, s2[2], about=c6.id)
    c8 = _claim(d2, "ACCUSES", RUS, USA, s2[3])
    c9 = _claim(d2, "PROPOSES", CIV, None, s2[4])
    e2 = Extraction(d2, [BLINKEN, KULEBA, USA, RUS, CIV], [c5, c6, c7, c8, c9], MEMBERSHIPS[4:5],
                    [BLINKEN.id, KULEBA.id, USA.id, RUS.id, CIV.id])

    s3 = [
        "Russian and Ukrainian delegations met in Istanbul.",
        "Ukraine accused Russia of violating the agreement.",
        "Russia accused Ukraine of sabotaging the talks.",
        "The United States met Russia at the United Nations.",
        "The United Nations demanded that Russia withdraw.",
        "Moscow rejected the United Nations demand.",
    ]
    d3 = _doc("doc-2024-03-istanbul", "Talks in Istanbul", "2024-03-01", s3)
    c10 = _claim(d3, "MEETS", RUS, UKR, s3[0])
    c11 = _claim(d3, "ACCUSES", UKR, RUS, s3[1])
    c12 = _claim(d3, "ACCUSES", RUS, UKR, s3[2])
    c13 = _claim(d3, "MEETS", USA, RUS, s3[3])
    c14 = _claim(d3, "DEMANDS", UN, RUS, s3[4])
    c15 = _claim(d3, "REJECTS", RUS, UN, s3[5], about=c14.id)
    e3 = Extraction(d3, [RUS, UKR, USA, UN, NATO], [c10, c11, c12, c13, c14, c15],
                    MEMBERSHIPS[5:], [RUS.id, UKR.id, USA.id, UN.id])
    return [e1, e2, e3]
