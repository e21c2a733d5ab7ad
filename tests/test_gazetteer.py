"""The actor dictionary: lookups an extractor relies on, and that the data is what the script
derives (so nobody edits loaders/data/actors.jsonl by hand)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from loaders.gazetteer import (
    ACTORS_FILE, NOUNS_FILE, Entry, GazetteerError, get_gazetteer, load,
)

REPO = Path(__file__).resolve().parent.parent
LEXICONS = REPO.parent / "shared" / "lexicons" / "petrarch2"


@pytest.fixture(scope="module")
def g():
    return get_gazetteer()


@pytest.mark.parametrize("phrase, expected_id", [
    # countries: short names, official names, variants
    ("Russia", "state:rus"),
    ("Russian Federation", "state:rus"),
    ("Iran", "state:irn"),
    ("Islamic Republic of Iran", "state:irn"),
    ("South Korea", "state:kor"),
    ("North Korea", "state:prk"),
    ("Czechia", "state:cze"),
    ("Türkiye", "state:tur"),
    ("Turkey", "state:tur"),
    ("Burma", "state:mmr"),
    ("Great Britain", "state:gbr"),
    ("America", "state:usa"),
    ("Kosovo", "state:xkx"),
    # acronyms, exact case
    ("US", "state:usa"),
    ("U.S.", "state:usa"),
    ("UK", "state:gbr"),
    ("DPRK", "state:prk"),
    ("ROK", "state:kor"),
    ("PRC", "state:chn"),
    ("WHO", "organization:world-health-organization"),
    ("IAEA", "organization:international-atomic-energy-agency"),
    # capitals and seats as metonyms
    ("Yerevan", "state:arm"),
    ("Baku", "state:aze"),
    ("Kyiv", "state:ukr"),
    ("Kiev", "state:ukr"),
    ("the Kremlin", "state:rus"),
    ("the White House", "state:usa"),
    ("Downing Street", "state:gbr"),
    ("the Élysée", "state:fra"),
    ("Elysee", "state:fra"),
    ("Zhongnanhai", "state:chn"),
    ("Brussels", "organization:european-union"),
    # possessives and "the"
    ("Russia's", "state:rus"),
    ("Armenia’s", "state:arm"),
    ("the United States", "state:usa"),
    ("Brussels'", "organization:european-union"),
    ("the U.S.'s", "state:usa"),
    ("The Hague", "state:nld"),
    # international bodies and armed groups
    ("the UN Security Council", "organization:un-security-council"),
    ("NATO", "organization:nato"),
    ("the European Commission", "organization:european-commission"),
    ("OSCE", "organization:osce"),
    ("International Court of Justice", "organization:international-court-of-justice"),
    ("Human Rights Watch", "organization:human-rights-watch"),
    ("Hamas", "group:hamas"),
    ("Hezbollah", "group:hezbollah"),
    ("the Taliban", "group:taliban"),
    ("ISIS", "group:islamic-state"),
    ("al-Qaeda", "group:al-qaeda"),
    ("PKK", "group:kurdistan-workers-party"),
    ("Houthis", "group:houthis"),
    # state bodies, named and built
    ("the Pentagon", "organization:usa-defense-ministry"),
    ("the State Department", "organization:usa-foreign-ministry"),
    ("the US State Department", "organization:usa-foreign-ministry"),
    ("the Russian Foreign Ministry", "organization:rus-foreign-ministry"),
    ("Russia's Foreign Ministry", "organization:rus-foreign-ministry"),
    ("the Foreign Ministry of Russia", "organization:rus-foreign-ministry"),
    ("the Ministry of Foreign Affairs of Azerbaijan", "organization:aze-foreign-ministry"),
    ("the Azerbaijani Foreign Ministry", "organization:aze-foreign-ministry"),
    ("the Iraqi Parliament", "organization:irq-parliament"),
    ("the Knesset", "organization:isr-parliament"),
    ("the U.S. Defense Department", "organization:usa-defense-ministry"),
    ("the British Ministry of Defence", "organization:gbr-defense-ministry"),
])
def test_lookup(g, phrase, expected_id):
    entry = g.lookup(phrase)
    assert entry is not None, phrase
    assert entry.id == expected_id


@pytest.mark.parametrize("phrase", [
    "us", "who", "turkey", "amnesty", "congress", "chad", "the", "", "Foreign Ministry",
    "Korea",  # two states
    "Springfield",
])
def test_no_match_for_common_words_and_unknowns(g, phrase):
    assert g.lookup(phrase) is None


def test_ambiguous_acronym_is_not_guessed(g):
    # "RSF" is Reporters Without Borders and Sudan's Rapid Support Forces
    assert g.lookup("RSF") is None
    assert g.lookup("Rapid Support Forces").id == "group:rapid-support-forces"


@pytest.mark.parametrize("word, state", [
    ("Azeri", "state:aze"), ("Azerbaijani", "state:aze"), ("Armenian", "state:arm"),
    ("American", "state:usa"), ("British", "state:gbr"), ("Chinese", "state:chn"),
    ("Israeli", "state:isr"), ("Israelis", "state:isr"), ("Palestinian", "state:pse"),
    ("Iraqi", "state:irq"), ("Syrian", "state:syr"), ("Turkish", "state:tur"),
    ("Ukrainian", "state:ukr"), ("North Korean", "state:prk"), ("South Korean", "state:kor"),
    ("Zimbabwean", "state:zwe"), ("Cuban", "state:cub"), ("Saudi", "state:sau"),
    ("Egyptian", "state:egy"), ("Swiss", "state:che"), ("Dutch", "state:nld"),
    ("Bhutanese", "state:btn"),  # regular, from PETRARCH, not in the table
])
def test_demonym(g, word, state):
    entry = g.demonym(word)
    assert entry is not None and entry.id == state


def test_demonym_rejects_ambiguous_and_non_adjectives(g):
    assert g.demonym("Korean") is None
    assert g.demonym("Russia") is None  # a name, not an adjective
    assert g.demonym("Afghani") is None  # a currency
    assert g.demonym("russian") is None  # lower case is not a proper adjective


def test_metonym_flags(g):
    assert g.is_metonym("Washington") and g.alias_kind("Washington") == "capital"
    assert g.is_metonym("the Kremlin") and g.alias_kind("Kremlin") == "seat"
    assert not g.is_metonym("Russia")
    assert g.alias_kind("US") == "acronym"
    assert "Baku" in g.state("AZE").metonyms
    assert "Baku" not in g.state("aze").aliases  # aliases are names only


def test_body_builder_is_stable_and_member_of_state(g):
    rus = g.state("rus")
    a = g.body(rus, "Foreign Ministry")
    b = g.body(rus, "Ministry of Foreign Affairs")
    assert a == b
    assert a.id == "organization:rus-foreign-ministry"
    assert a.name == "Russian Foreign Ministry"
    assert a.kind == "organization" and a.state_id == "state:rus" and a.body == "foreign ministry"
    assert g.body(g.state("usa"), "Defense Ministry").name == "US Department of Defense"
    no_demonym = g.body(g.state("ata"), "government")
    assert no_demonym.name == "Government of Antarctica"
    with pytest.raises(GazetteerError):
        g.body(rus, "bakery")
    with pytest.raises(GazetteerError):
        g.body(g.lookup("NATO"), "parliament")


def test_nouns(g):
    for noun in ("foreign ministry", "defense ministry", "ministry of defence", "interior ministry",
                 "parliament", "congress", "senate", "house of representatives", "government",
                 "army", "military", "armed forces", "police", "navy", "air force",
                 "state department", "supreme court", "central bank", "embassy",
                 "security services", "national security council"):
        assert noun in g.body_nouns, noun
    for role in ("president", "prime minister", "foreign minister", "deputy foreign minister",
                 "spokesman", "spokeswoman", "spokesperson", "envoy", "special envoy",
                 "ambassador", "minister", "secretary of state", "chancellor", "king", "queen",
                 "speaker", "senator", "general", "commander", "leader", "chairman",
                 "secretary-general"):
        assert role in g.role_nouns, role
    # derived from PETRARCH agents, not only the table
    assert "cabinet minister" in g.role_nouns
    assert all(r == r.lower() for r in g.role_nouns | g.body_nouns)


def test_every_pycountry_country_is_a_state(g):
    for country in pycountry.countries:
        entry = g.state(country.alpha_3)
        assert entry.kind == "state" and entry.id == f"state:{country.alpha_3.lower()}"
    with pytest.raises(GazetteerError):
        g.state("ZZZ")


def test_entries_are_well_formed(g):
    ids = [e.id for e in g.entries]
    assert len(ids) == len(set(ids))
    for e in g.entries:
        assert isinstance(e, Entry)
        assert e.kind in ("state", "organization", "group")
        assert e.id.split(":", 1)[0] == e.kind
        if e.state_id is not None:
            assert g.get(e.state_id).kind == "state"


def test_patterns_cover_aliases_and_resolve_back(g):
    pats = g.patterns()
    by_text = {(p["pattern"], p["case_sensitive"]): p for p in pats}
    assert by_text[("US", True)]["id"] == "state:usa"
    assert by_text[("Kremlin", False)]["alias_kind"] == "seat"
    assert by_text[("Azeri", False)]["alias_kind"] == "demonym"
    assert not any(p["pattern"] == "us" for p in pats)
    for p in pats:
        if p["alias_kind"] == "demonym":
            assert g.demonym(p["pattern"]).id == p["id"]
        else:
            assert g.lookup(p["pattern"]).id == p["id"], p


def test_bad_data_file_gives_clear_error(tmp_path):
    bad = tmp_path / "actors.jsonl"
    bad.write_text('{"id": "state:xx"\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="JSON"):
        load(bad, NOUNS_FILE)
    with pytest.raises(GazetteerError, match="cannot read"):
        load(tmp_path / "missing.jsonl", NOUNS_FILE)


@pytest.mark.skipif(not LEXICONS.is_dir(), reason=f"PETRARCH2 lexicons not found at {LEXICONS}")
def test_derivation_script_reproduces_data_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "derive_gazetteer.py"),
                    "--out-dir", str(tmp_path), "--lexicons", str(LEXICONS)],
                   check=True, capture_output=True, text=True)
    assert (tmp_path / "actors.jsonl").read_bytes() == ACTORS_FILE.read_bytes()
    assert (tmp_path / "gazetteer_nouns.json").read_bytes() == NOUNS_FILE.read_bytes()
    first = json.loads(ACTORS_FILE.read_text(encoding="utf-8").splitlines()[0])
    assert set(first) == {"id", "name", "kind", "state_id", "body", "aliases"}


def test_patterns_drive_a_spacy_phrase_matcher(g):
    """The extractor builds matchers from patterns(): ORTH for acronyms, LOWER for the rest."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    exact, folded = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    for p in g.patterns():
        (exact if p["case_sensitive"] else folded).add(p["id"], [nlp.make_doc(p["pattern"])])
    doc = nlp("Yerevan rejected what the Azerbaijani Foreign Ministry said; the Kremlin and US "
              "officials told us nothing, NATO said.")
    found = {(doc[s:e].text, nlp.vocab.strings[m]) for m, s, e in exact(doc) + folded(doc)}
    assert ("Yerevan", "state:arm") in found
    assert ("Azerbaijani", "state:aze") in found
    assert ("Kremlin", "state:rus") in found
    assert ("US", "state:usa") in found
    assert ("NATO", "organization:nato") in found
    assert not any(text == "us" for text, _ in found)
