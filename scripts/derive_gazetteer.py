#!/usr/bin/env python3
"""Derive the actor dictionary: ``loaders/data/actors.jsonl`` and ``gazetteer_nouns.json``.

Why a script: the dictionary is DATA that the extractor loads at run time, but every entry that
has a public source is derived here, not typed by hand, so that it can be re-derived, reviewed as
a diff, and checked by a test that runs this script and compares the output byte for byte.

Sources:
- ``pycountry`` (pinned in pyproject.toml): every ISO 3166 country, with official names.
- PETRARCH2 / Phoenix dictionaries (MIT, Open Event Data Alliance; notice copied to
  ``loaders/data/LICENSE-petrarch2.txt``) in ``../shared/lexicons/petrarch2``:
  ``Phoenix.Countries.actors.txt`` gives adjectives (demonyms) and city names per country; we keep
  a demonym only when it is regularly derived from the country's name (checked below) and a city
  only when it is the capital in our table (confirmation + spelling variants such as Kiev/Kyiv);
  ``Phoenix.International.actors.txt`` / ``Phoenix.MilNonState.actors.txt`` add spelling
  variants of the organisations and armed groups we keep (close variants only: the blocks mix in
  leaders, splinter groups and front organisations); ``Phoenix.agents.txt`` gives role nouns
  (government, military, legislative, judicial agents) whose head word is a person title.
- The tables in this file (short names, irregular demonyms, capitals, seats of government,
  organisations, state bodies, role nouns): knowledge with no machine-readable source here.
  They are data; keep them sorted and small.

Output format (documented in loaders/gazetteer.py too):
- ``actors.jsonl``: one JSON object per entry, sorted by id:
  ``{"id", "name", "kind", "state_id", "body", "aliases": [[text, alias_kind], ...]}`` with
  alias_kind one of name, official, variant, acronym, demonym, capital, seat.
  ``body`` is the body-noun key for a pre-built state body (``"foreign ministry"``) or null.
- ``gazetteer_nouns.json``: ``{"body_nouns": {key: {"name": display, "variants": [...]}},
  "role_nouns": [...]}``.

Run:  python scripts/derive_gazetteer.py [--out-dir DIR] [--lexicons DIR]
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from graph.model import actor_id  # noqa: E402

DEFAULT_LEXICONS = REPO.parent / "shared" / "lexicons" / "petrarch2"

# ---------------------------------------------------------------------------------------------
# Data tables
# ---------------------------------------------------------------------------------------------

#: Short names used in news where pycountry's name/common_name is long or formal.
SHORT_NAMES: dict[str, str] = {
    "BHS": "Bahamas", "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "CPV": "Cape Verde", "CZE": "Czech Republic",
    "FLK": "Falkland Islands", "FSM": "Micronesia", "GBR": "United Kingdom", "GMB": "Gambia",
    "IRN": "Iran", "KOR": "South Korea", "LAO": "Laos", "MDA": "Moldova", "NLD": "Netherlands",
    "PRK": "North Korea", "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria", "TUR": "Turkey",
    "TWN": "Taiwan", "TZA": "Tanzania", "USA": "United States", "VAT": "Vatican City",
    "VEN": "Venezuela", "VNM": "Vietnam", "CIV": "Ivory Coast", "PHL": "Philippines",
    "ARE": "United Arab Emirates", "MKD": "North Macedonia", "SWZ": "Eswatini",
    "VGB": "British Virgin Islands", "VIR": "US Virgin Islands", "MAF": "Saint Martin",
    "SXM": "Sint Maarten", "CCK": "Cocos Islands", "SHN": "Saint Helena",
}

#: Extra names per state: (text, alias_kind). Acronyms are matched case-sensitively.
EXTRA_NAMES: dict[str, list[tuple[str, str]]] = {
    "USA": [("US", "acronym"), ("U.S.", "acronym"), ("USA", "acronym"), ("U.S.A.", "acronym"),
            ("America", "variant"), ("United States of America", "official")],
    "GBR": [("UK", "acronym"), ("U.K.", "acronym"), ("Britain", "variant"),
            ("Great Britain", "variant"),
            ("United Kingdom of Great Britain and Northern Ireland", "official")],
    "PRK": [("DPRK", "acronym"), ("Democratic People's Republic of Korea", "official")],
    "KOR": [("ROK", "acronym"), ("Republic of Korea", "official")],
    "CHN": [("PRC", "acronym"), ("People's Republic of China", "official"),
            ("Mainland China", "variant")],
    "TWN": [("Republic of China", "official"), ("ROC", "acronym")],
    "MMR": [("Burma", "variant")],
    "CZE": [("Czechia", "variant")],
    "TUR": [("Türkiye", "variant"), ("Turkiye", "variant")],
    "RUS": [("Russian Federation", "official")],
    "CIV": [("Côte d'Ivoire", "variant"), ("Cote d'Ivoire", "variant")],
    "COD": [("DRC", "acronym"), ("DR Congo", "variant"), ("Congo-Kinshasa", "variant")],
    "COG": [("Congo-Brazzaville", "variant"), ("Congo", "variant")],
    "CPV": [("Cabo Verde", "variant")],
    "SWZ": [("Swaziland", "variant")],
    "MKD": [("Macedonia", "variant")],
    "ARE": [("UAE", "acronym"), ("U.A.E.", "acronym"), ("Emirates", "variant")],
    "VAT": [("Holy See", "variant"), ("Vatican", "variant")],
    "PSE": [("State of Palestine", "official"), ("Palestinian territories", "variant")],
    "NLD": [("Holland", "variant"), ("The Netherlands", "variant")],
    "TLS": [("East Timor", "variant")],
    "BIH": [("Bosnia", "variant")],
    "SAU": [("KSA", "acronym")],
    "VNM": [("Viet Nam", "official")],
    "LAO": [("Lao PDR", "variant")],
    "PHL": [("The Philippines", "variant")],
    "GMB": [("The Gambia", "variant")],
}

#: Not in ISO 3166 but in the news; user-assigned code XKX as used by the EU and IMF.
EXTRA_STATES: list[tuple[str, str, str]] = [("XKX", "Kosovo", "Republic of Kosovo")]

#: Former states still named in archives and history pieces (pycountry.historic_countries):
#: code -> (short name, extra aliases, demonyms). Burma (BUR) is left out: "Burma" is Myanmar.
HISTORIC_STATES: dict[str, tuple[str, list[tuple[str, str]], list[str]]] = {
    "SUN": ("Soviet Union", [("USSR", "acronym"), ("U.S.S.R.", "acronym")], ["Soviet"]),
    "YUG": ("Yugoslavia", [], ["Yugoslav"]),
    "CSK": ("Czechoslovakia", [], ["Czechoslovak"]),
    "DDR": ("East Germany", [("GDR", "acronym"), ("German Democratic Republic", "official")],
            ["East German"]),
    "RHO": ("Rhodesia", [("Southern Rhodesia", "official")], ["Rhodesian"]),
    "ZAR": ("Zaire", [], ["Zairean"]),
    "SCG": ("Serbia and Montenegro", [], []),
}

#: Irregular or preferred demonyms; the first listed is the canonical one (used to name bodies:
#: "Russian Foreign Ministry"). Regular ones are derived from PETRARCH and checked.
DEMONYMS: dict[str, list[str]] = {
    "AFG": ["Afghan"], "ALB": ["Albanian"], "ARE": ["Emirati"], "ARG": ["Argentine", "Argentinian"],
    "ARM": ["Armenian"], "AUS": ["Australian"], "AUT": ["Austrian"],
    "AZE": ["Azerbaijani", "Azeri"], "BEL": ["Belgian"], "BGD": ["Bangladeshi"],
    "BGR": ["Bulgarian"], "BHR": ["Bahraini"], "BIH": ["Bosnian"], "BLR": ["Belarusian"],
    "BOL": ["Bolivian"], "BRA": ["Brazilian"], "CAN": ["Canadian"], "CHE": ["Swiss"],
    "CHL": ["Chilean"], "CHN": ["Chinese"], "CIV": ["Ivorian"], "COD": ["Congolese"],
    "COL": ["Colombian"], "CUB": ["Cuban"], "CYP": ["Cypriot"], "CZE": ["Czech"],
    "DEU": ["German"], "DNK": ["Danish"], "DZA": ["Algerian"], "ECU": ["Ecuadorian"],
    "EGY": ["Egyptian"], "ERI": ["Eritrean"], "ESP": ["Spanish"], "EST": ["Estonian"],
    "ETH": ["Ethiopian"], "FIN": ["Finnish"], "FRA": ["French"], "GBR": ["British"],
    "GEO": ["Georgian"], "GHA": ["Ghanaian"], "GRC": ["Greek"], "HRV": ["Croatian"],
    "HUN": ["Hungarian"], "IDN": ["Indonesian"], "IND": ["Indian"], "IRL": ["Irish"],
    "IRN": ["Iranian"], "IRQ": ["Iraqi"], "ISL": ["Icelandic"], "ISR": ["Israeli"],
    "ITA": ["Italian"], "JOR": ["Jordanian"], "JPN": ["Japanese"], "KAZ": ["Kazakh", "Kazakhstani"],
    "KEN": ["Kenyan"], "KGZ": ["Kyrgyz"], "KOR": ["South Korean"], "KWT": ["Kuwaiti"],
    "LBN": ["Lebanese"], "LBY": ["Libyan"], "LTU": ["Lithuanian"], "LVA": ["Latvian"],
    "MAR": ["Moroccan"], "MDA": ["Moldovan"], "MEX": ["Mexican"], "MKD": ["North Macedonian"],
    "MLI": ["Malian"], "MMR": ["Myanmar", "Burmese"], "MNE": ["Montenegrin"],
    "MNG": ["Mongolian"], "MYS": ["Malaysian"], "NER": ["Nigerien"], "NGA": ["Nigerian"],
    "NLD": ["Dutch"], "NOR": ["Norwegian"], "NPL": ["Nepali", "Nepalese"], "NZL": ["New Zealand"],
    "OMN": ["Omani"], "PAK": ["Pakistani"], "PER": ["Peruvian"], "PHL": ["Philippine", "Filipino"],
    "POL": ["Polish"], "PRK": ["North Korean"], "PRT": ["Portuguese"], "PSE": ["Palestinian"],
    "QAT": ["Qatari"], "ROU": ["Romanian"], "RUS": ["Russian"], "RWA": ["Rwandan"],
    "SAU": ["Saudi", "Saudi Arabian"], "SDN": ["Sudanese"], "SEN": ["Senegalese"],
    "SGP": ["Singaporean"], "SOM": ["Somali"], "SRB": ["Serbian"], "SSD": ["South Sudanese"],
    "SVK": ["Slovak"], "SVN": ["Slovenian"], "SWE": ["Swedish"], "SYR": ["Syrian"],
    "THA": ["Thai"], "TJK": ["Tajik"], "TKM": ["Turkmen"], "TUN": ["Tunisian"],
    "TUR": ["Turkish"], "TWN": ["Taiwanese"], "UGA": ["Ugandan"], "UKR": ["Ukrainian"],
    "URY": ["Uruguayan"], "USA": ["American"], "UZB": ["Uzbek"], "VEN": ["Venezuelan"],
    "VNM": ["Vietnamese"], "XKX": ["Kosovar"], "YEM": ["Yemeni"], "ZAF": ["South African"],
    "ZMB": ["Zambian"], "ZWE": ["Zimbabwean"], "LKA": ["Sri Lankan"], "SLE": ["Sierra Leonean"],
    "CRI": ["Costa Rican"], "SLV": ["Salvadoran"], "DOM": ["Dominican"], "HTI": ["Haitian"],
    "TCD": ["Chadian"], "CAF": ["Central African"], "MOZ": ["Mozambican"], "LBR": ["Liberian"],
    "BFA": ["Burkinabe"], "MDG": ["Malagasy"], "KHM": ["Cambodian"], "LAO": ["Lao", "Laotian"],
    "BWA": ["Botswanan"], "CPV": ["Cape Verdean"], "DJI": ["Djiboutian"], "GIN": ["Guinean"],
    "GNB": ["Bissau-Guinean"], "GNQ": ["Equatorial Guinean"], "PAN": ["Panamanian"],
    "PNG": ["Papua New Guinean"], "TGO": ["Togolese"], "TTO": ["Trinidadian"], "SWZ": ["Swazi"],
    "WSM": ["Samoan"], "SYC": ["Seychellois"], "TLS": ["Timorese"], "HKG": ["Hong Kong"],
    "PRI": ["Puerto Rican"], "GRL": ["Greenlandic"], "TZA": ["Tanzanian"], "BEN": ["Beninese"],
    "BDI": ["Burundian"], "AGO": ["Angolan"], "NAM": ["Namibian"], "MWI": ["Malawian"],
    "GMB": ["Gambian"], "MRT": ["Mauritanian"], "CMR": ["Cameroonian"], "GAB": ["Gabonese"],
    "JAM": ["Jamaican"], "NIC": ["Nicaraguan"], "HND": ["Honduran"], "GTM": ["Guatemalan"],
    "PRY": ["Paraguayan"], "MLT": ["Maltese"], "LUX": ["Luxembourgish", "Luxembourger"],
    "BHS": ["Bahamian"], "BRN": ["Bruneian"], "BTN": ["Bhutanese"], "FJI": ["Fijian"],
}

#: Words that PETRARCH lists under a country but that are not demonyms of it.
DEMONYM_REJECT: frozenset[str] = frozenset({
    "afghani",  # a currency
    "indiana", "georgiana", "dominica", "american samoa", "guinean",  # ambiguous or not adjectives
    "korean", "congolese", "sudanese", "virgin", "new", "saint", "south", "north",
    "chinese taipei",
    # PETRARCH misspellings that pass the regular-formation check (reviewed by hand):
    "argentinan", "belizian", "bhutani", "czechian", "israelian", "portugali", "zimbabwian",
    "myanmarese",
})

#: Capitals (and a few seats of government) used as metonyms for the state. Where PETRARCH lists
#: the city under the country, its spelling variants there are added. City names that are common
#: words or person names, or shared by several capitals, are left out on purpose (Male, Victoria,
#: Kingston, Georgetown, Santiago, Wellington, Hamilton, Nassau). Brussels is the EU's seat (see
#: ORG_SEATS), not a Belgian metonym.
CAPITALS: dict[str, list[str]] = {
    "AFG": ["Kabul"], "ALB": ["Tirana"], "ARE": ["Abu Dhabi"], "ARG": ["Buenos Aires"],
    "ARM": ["Yerevan"], "AUS": ["Canberra"], "AUT": ["Vienna"], "AZE": ["Baku"],
    "BGD": ["Dhaka"], "BGR": ["Sofia"], "BHR": ["Manama"], "BIH": ["Sarajevo"],
    "BLR": ["Minsk"], "BOL": ["La Paz"], "BRA": ["Brasilia", "Brasília"], "CAN": ["Ottawa"],
    "CHE": ["Bern"], "CHN": ["Beijing", "Peking"], "COD": ["Kinshasa"], "COG": ["Brazzaville"],
    "COL": ["Bogota", "Bogotá"], "CUB": ["Havana"], "CYP": ["Nicosia"], "CZE": ["Prague"],
    "DEU": ["Berlin"], "DNK": ["Copenhagen"], "DZA": ["Algiers"], "ECU": ["Quito"],
    "EGY": ["Cairo"], "ERI": ["Asmara"], "ESP": ["Madrid"], "EST": ["Tallinn"],
    "ETH": ["Addis Ababa"], "FIN": ["Helsinki"], "FRA": ["Paris"], "GBR": ["London"],
    "GEO": ["Tbilisi"], "GHA": ["Accra"], "GRC": ["Athens"], "HRV": ["Zagreb"],
    "HUN": ["Budapest"], "IDN": ["Jakarta"], "IND": ["New Delhi"], "IRL": ["Dublin"],
    "IRN": ["Tehran", "Teheran"], "IRQ": ["Baghdad"], "ISL": ["Reykjavik"],
    "ISR": ["Jerusalem"], "ITA": ["Rome"], "JOR": ["Amman"], "JPN": ["Tokyo"],
    "KAZ": ["Astana"], "KEN": ["Nairobi"], "KGZ": ["Bishkek"], "KHM": ["Phnom Penh"],
    "KOR": ["Seoul"], "LBN": ["Beirut"], "LBY": ["Tripoli"], "LKA": ["Colombo"],
    "LTU": ["Vilnius"], "LVA": ["Riga"], "MAR": ["Rabat"], "MDA": ["Chisinau", "Chișinău"],
    "MEX": ["Mexico City"], "MKD": ["Skopje"], "MLI": ["Bamako"], "MMR": ["Naypyidaw", "Naypyitaw"],
    "MNE": ["Podgorica"], "MNG": ["Ulaanbaatar", "Ulan Bator"], "MYS": ["Kuala Lumpur"],
    "NER": ["Niamey"], "NGA": ["Abuja"], "NLD": ["Amsterdam"], "NOR": ["Oslo"],
    "NPL": ["Kathmandu"], "OMN": ["Muscat"], "PAK": ["Islamabad"], "PER": ["Lima"],
    "PHL": ["Manila"], "POL": ["Warsaw"], "PRK": ["Pyongyang"], "PRT": ["Lisbon"],
    "PSE": ["Ramallah"], "QAT": ["Doha"], "ROU": ["Bucharest"], "RUS": ["Moscow"],
    "RWA": ["Kigali"], "SAU": ["Riyadh"], "SDN": ["Khartoum"], "SEN": ["Dakar"],
    "SOM": ["Mogadishu"], "SRB": ["Belgrade"], "SSD": ["Juba"], "SVK": ["Bratislava"],
    "SVN": ["Ljubljana"], "SWE": ["Stockholm"], "SYR": ["Damascus"], "THA": ["Bangkok"],
    "TJK": ["Dushanbe"], "TKM": ["Ashgabat"], "TUN": ["Tunis"], "TUR": ["Ankara"],
    "TWN": ["Taipei"], "UGA": ["Kampala"], "UKR": ["Kyiv", "Kiev"], "URY": ["Montevideo"],
    "USA": ["Washington", "Washington, D.C.", "Washington DC"], "UZB": ["Tashkent"],
    "VEN": ["Caracas"], "VNM": ["Hanoi"], "XKX": ["Pristina", "Prishtina"],
    "YEM": ["Sanaa", "Sana'a"],
    "ZAF": ["Pretoria"], "ZMB": ["Lusaka"], "ZWE": ["Harare"], "TCD": ["N'Djamena"],
}

#: Seats of government and other place metonyms for a state.
STATE_SEATS: dict[str, list[str]] = {
    "RUS": ["Kremlin"], "USA": ["White House"],
    "GBR": ["Downing Street", "Number 10", "Whitehall"],
    "FRA": ["Elysee", "Élysée", "Elysee Palace", "Élysée Palace"], "CHN": ["Zhongnanhai"],
    "ITA": ["Palazzo Chigi"], "ESP": ["Moncloa"], "BRA": ["Planalto"], "ARG": ["Casa Rosada"],
    "NLD": ["The Hague"], "UKR": ["Bankova"], "KOR": ["Blue House", "Yongsan"],
    "DEU": ["Chancellery", "Kanzleramt"], "JPN": ["Kantei"],
}

#: Sub-national regions and territories that are NOT metonyms: kept out of the state entries even
#: when PETRARCH lists them (documented here because it is the usual surprise).
# (No table: we only ever take capitals and demonyms from the PETRARCH country blocks.)

#: State bodies: key -> (display name, variants). Variants are lower-case surface forms.
BODY_NOUNS: dict[str, tuple[str, list[str]]] = {
    "foreign ministry": ("Foreign Ministry", [
        "foreign ministry", "ministry of foreign affairs", "foreign affairs ministry",
        "ministry for foreign affairs", "foreign office", "state department",
        "department of state", "mfa", "ministry of external affairs", "external affairs ministry"]),
    "defense ministry": ("Defense Ministry", [
        "defense ministry", "defence ministry", "ministry of defense", "ministry of defence",
        "defense department", "defence department", "department of defense",
        "department of defence", "war department", "department of war"]),
    "interior ministry": ("Interior Ministry", [
        "interior ministry", "ministry of interior", "ministry of the interior",
        "ministry of internal affairs", "internal affairs ministry", "home office",
        "home ministry"]),
    "justice ministry": ("Justice Ministry", [
        "justice ministry", "ministry of justice", "justice department",
        "department of justice"]),
    "finance ministry": ("Finance Ministry", [
        "finance ministry", "ministry of finance", "treasury", "treasury department",
        "department of the treasury"]),
    "economy ministry": ("Economy Ministry", ["economy ministry", "ministry of economy",
                                              "ministry of the economy", "economic ministry"]),
    "energy ministry": ("Energy Ministry", ["energy ministry", "ministry of energy",
                                            "energy department", "department of energy"]),
    "health ministry": ("Health Ministry", ["health ministry", "ministry of health"]),
    "trade ministry": ("Trade Ministry", ["trade ministry", "ministry of trade",
                                          "commerce ministry", "ministry of commerce",
                                          "commerce department", "department of commerce"]),
    "emergency ministry": ("Emergency Situations Ministry", [
        "emergency situations ministry", "emergencies ministry",
        "ministry of emergency situations"]),
    "government": ("Government", ["government", "cabinet", "administration",
                                  "council of ministers"]),
    "presidency": ("Presidency", ["presidency", "presidential administration",
                                  "president's office", "presidential office",
                                  "office of the president"]),
    "prime minister's office": ("Prime Minister's Office", [
        "prime minister's office", "office of the prime minister", "pmo"]),
    "parliament": ("Parliament", ["parliament", "legislature", "national assembly",
                                  "congress", "national parliament"]),
    "senate": ("Senate", ["senate", "upper house"]),
    "house of representatives": ("House of Representatives", [
        "house of representatives", "lower house", "house"]),
    "military": ("Military", ["military", "armed forces", "defense forces", "defence forces",
                              "forces", "troops"]),
    "army": ("Army", ["army", "ground forces", "land forces"]),
    "navy": ("Navy", ["navy", "naval forces"]),
    "air force": ("Air Force", ["air force", "air forces", "aerospace forces"]),
    "police": ("Police", ["police", "national police", "police force"]),
    "border guard": ("Border Guard", ["border guard", "border guards", "border service",
                                      "border police"]),
    "security services": ("Security Services", [
        "security services", "security service", "intelligence services",
        "intelligence service", "intelligence agency", "intelligence agencies",
        "secret service", "state security service"]),
    "national security council": ("National Security Council", [
        "national security council", "security council"]),
    "supreme court": ("Supreme Court", ["supreme court"]),
    "constitutional court": ("Constitutional Court", ["constitutional court"]),
    "prosecutor's office": ("Prosecutor General's Office", [
        "prosecutor general's office", "prosecutor's office", "prosecutor-general's office",
        "general prosecutor's office", "office of the prosecutor general"]),
    "central bank": ("Central Bank", ["central bank", "national bank"]),
    "embassy": ("Embassy", ["embassy"]),
    "mission to the un": ("Mission to the UN", [
        "mission to the un", "mission to the united nations", "permanent mission",
        "un mission"]),
    "election commission": ("Election Commission", [
        "election commission", "electoral commission", "central election commission"]),
    "coast guard": ("Coast Guard", ["coast guard"]),
    "transport ministry": ("Transport Ministry", [
        "transport ministry", "ministry of transport", "transportation ministry",
        "department of transportation", "transportation department"]),
    "education ministry": ("Education Ministry", [
        "education ministry", "ministry of education", "department of education"]),
    "agriculture ministry": ("Agriculture Ministry", [
        "agriculture ministry", "ministry of agriculture", "department of agriculture"]),
    "environment ministry": ("Environment Ministry", [
        "environment ministry", "ministry of environment", "ministry of the environment"]),
    "labor ministry": ("Labor Ministry", [
        "labor ministry", "labour ministry", "ministry of labor", "ministry of labour",
        "department of labor"]),
    "culture ministry": ("Culture Ministry", ["culture ministry", "ministry of culture"]),
    "information ministry": ("Information Ministry", [
        "information ministry", "ministry of information"]),
    "homeland security": ("Homeland Security Department", [
        "department of homeland security", "homeland security department"]),
}

#: Bodies with a name of their own: (alpha3, body key, name, aliases[(text, alias_kind)]).
NAMED_BODIES: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("USA", "foreign ministry", "US State Department", [
        ("State Department", "name"), ("U.S. State Department", "name"),
        ("Department of State", "official"), ("Foggy Bottom", "seat")]),
    ("USA", "defense ministry", "US Department of Defense", [
        ("Pentagon", "seat"), ("Defense Department", "name"),
        ("Department of Defense", "official"), ("DoD", "acronym"),
        ("Department of War", "official"), ("War Department", "name")]),
    ("USA", "parliament", "US Congress", [("Congress", "name"), ("U.S. Congress", "name"),
                                          ("Capitol Hill", "seat")]),
    ("USA", "senate", "US Senate", [("U.S. Senate", "name")]),
    ("USA", "house of representatives", "US House of Representatives", [
        ("U.S. House of Representatives", "name")]),
    ("USA", "justice ministry", "US Justice Department", [
        ("Justice Department", "name"), ("Department of Justice", "official"),
        ("DOJ", "acronym")]),
    ("USA", "finance ministry", "US Treasury", [
        ("Treasury Department", "name"), ("Department of the Treasury", "official"),
        ("U.S. Treasury", "name")]),
    ("USA", "central bank", "Federal Reserve", [("Fed", "acronym"),
                                                ("US Federal Reserve", "name")]),
    ("USA", "national security council", "US National Security Council", [
        ("National Security Council", "name"), ("NSC", "acronym")]),
    ("GBR", "foreign ministry", "UK Foreign Office", [
        ("Foreign Office", "name"), ("FCDO", "acronym"),
        ("Foreign, Commonwealth and Development Office", "official")]),
    ("GBR", "defense ministry", "UK Ministry of Defence", [("MoD", "acronym")]),
    ("GBR", "interior ministry", "UK Home Office", [("Home Office", "name")]),
    ("GBR", "parliament", "UK Parliament", [("Westminster", "seat"),
                                            ("House of Commons", "variant")]),
    ("RUS", "parliament", "State Duma", [("Duma", "name"), ("Russian Duma", "name")]),
    ("RUS", "senate", "Federation Council", []),
    ("RUS", "security services", "FSB", [("Federal Security Service", "official")]),
    ("FRA", "foreign ministry", "French Foreign Ministry", [("Quai d'Orsay", "seat")]),
    ("FRA", "parliament", "French National Assembly", [("Assemblée nationale", "official")]),
    ("DEU", "parliament", "Bundestag", [("German Bundestag", "name")]),
    ("CHN", "parliament", "National People's Congress", [("NPC", "acronym")]),
    ("CHN", "army", "People's Liberation Army", [("PLA", "acronym")]),
    ("ISR", "parliament", "Knesset", []),
    ("ISR", "military", "Israel Defense Forces", [("IDF", "acronym"),
                                                  ("Israeli Defense Forces", "variant")]),
    ("IRN", "parliament", "Iranian Majlis", [("Majlis", "name")]),
    ("UKR", "parliament", "Verkhovna Rada", [("Rada", "name")]),
    ("TUR", "parliament", "Grand National Assembly of Turkey", [("TBMM", "acronym")]),
    ("JPN", "parliament", "National Diet", [("Diet", "name")]),
    ("AZE", "parliament", "Milli Majlis", []),
    ("POL", "parliament", "Sejm", []),
    ("PSE", "parliament", "Palestinian Legislative Council", [("PLC", "acronym")]),
    ("PRK", "army", "Korean People's Army", [("KPA", "acronym")]),
    ("USA", "homeland security", "US Department of Homeland Security", [
        ("Department of Homeland Security", "official"), ("DHS", "acronym")]),
    ("ESP", "parliament", "Cortes Generales", []),
]

#: International and non-state organisations: (kind, name, aliases[(text, alias_kind)], seat).
#: kind "organization" for inter-governmental bodies and NGOs; "group" for non-state armed
#: groups and militant movements (so queries can tell a ceasefire between a state and Hamas from
#: a UN resolution).
ORGS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("organization", "United Nations", [("UN", "acronym"), ("U.N.", "acronym")]),
    ("organization", "UN Security Council", [
        ("UNSC", "acronym"), ("U.N. Security Council", "name"),
        ("United Nations Security Council", "official"), ("Security Council", "variant")]),
    ("organization", "UN General Assembly", [
        ("UNGA", "acronym"), ("United Nations General Assembly", "official"),
        ("U.N. General Assembly", "name"), ("General Assembly", "variant")]),
    ("organization", "UN Secretariat", [("United Nations Secretariat", "official")]),
    ("organization", "UN Human Rights Council", [
        ("UNHRC", "acronym"), ("Human Rights Council", "variant"),
        ("United Nations Human Rights Council", "official")]),
    ("organization", "UN Human Rights Office", [
        ("OHCHR", "acronym"), ("Office of the High Commissioner for Human Rights", "official")]),
    ("organization", "UNHCR", [("UN Refugee Agency", "name"),
                                ("United Nations High Commissioner for Refugees", "official")]),
    ("organization", "UNICEF", [("United Nations Children's Fund", "official"),
                                 ("UN Children's Fund", "name")]),
    ("organization", "UNRWA", [("UN Relief and Works Agency", "name")]),
    ("organization", "UNESCO", []),
    ("organization", "UN Development Programme", [("UNDP", "acronym"),
                                                   ("United Nations Development Programme",
                                                    "official")]),
    ("organization", "World Food Programme", [("WFP", "acronym")]),
    ("organization", "World Health Organization", [("WHO", "acronym"),
                                                     ("World Health Organisation", "variant")]),
    ("organization", "International Atomic Energy Agency", [("IAEA", "acronym")]),
    ("organization", "International Court of Justice", [("ICJ", "acronym"),
                                                          ("World Court", "variant")]),
    ("organization", "International Criminal Court", [("ICC", "acronym")]),
    ("organization", "Permanent Court of Arbitration", [("PCA", "acronym")]),
    ("organization", "International Tribunal for the Law of the Sea", [("ITLOS", "acronym")]),
    ("organization", "European Union", [("EU", "acronym"), ("E.U.", "acronym")]),
    ("organization", "European Commission", [("EC", "acronym")]),
    ("organization", "European Parliament", [("EP", "acronym")]),
    ("organization", "Council of the European Union", [("Council of the EU", "name"),
                                                         ("EU Council", "variant")]),
    ("organization", "European Council", []),
    ("organization", "Court of Justice of the European Union", [
        ("European Court of Justice", "variant"), ("ECJ", "acronym"), ("CJEU", "acronym")]),
    ("organization", "European Court of Human Rights", [("ECHR", "acronym"),
                                                          ("ECtHR", "acronym")]),
    ("organization", "European Central Bank", [("ECB", "acronym")]),
    ("organization", "Council of Europe", [("PACE", "acronym")]),
    ("organization", "NATO", [("North Atlantic Treaty Organization", "official"),
                               ("Nato", "variant"), ("North Atlantic Alliance", "variant")]),
    ("organization", "African Union", [("AU", "acronym")]),
    ("organization", "OSCE", [("Organization for Security and Co-operation in Europe", "official"),
                               ("Organization for Security and Cooperation in Europe", "variant"),
                               ("OSCE Minsk Group", "variant"), ("Minsk Group", "variant")]),
    ("organization", "CSTO", [("Collective Security Treaty Organization", "official")]),
    ("organization", "ASEAN", [("Association of Southeast Asian Nations", "official")]),
    ("organization", "Arab League", [("League of Arab States", "official")]),
    ("organization", "Gulf Cooperation Council", [("GCC", "acronym")]),
    ("organization", "Organisation of Islamic Cooperation", [
        ("OIC", "acronym"), ("Organization of Islamic Cooperation", "variant")]),
    ("organization", "Organization of American States", [("OAS", "acronym")]),
    ("organization", "ECOWAS", [("Economic Community of West African States", "official")]),
    ("organization", "OPEC", [("Organization of the Petroleum Exporting Countries", "official")]),
    ("organization", "International Monetary Fund", [("IMF", "acronym")]),
    ("organization", "World Bank", []),
    ("organization", "World Trade Organization", [("WTO", "acronym")]),
    ("organization", "G7", [("Group of Seven", "official"), ("G-7", "variant")]),
    ("organization", "G20", [("Group of 20", "official"), ("G-20", "variant"),
                              ("Group of Twenty", "variant")]),
    ("organization", "Commonwealth of Independent States", [("CIS", "acronym")]),
    ("organization", "Shanghai Cooperation Organisation", [
        ("SCO", "acronym"), ("Shanghai Cooperation Organization", "variant")]),
    ("organization", "BRICS", []),
    ("organization", "Eurasian Economic Union", [("EAEU", "acronym")]),
    ("organization", "International Committee of the Red Cross", [
        ("ICRC", "acronym"), ("Red Cross", "variant")]),
    ("organization", "Amnesty International", [("Amnesty", "variant")]),
    ("organization", "Human Rights Watch", [("HRW", "acronym")]),
    ("organization", "Doctors Without Borders", [("MSF", "acronym"),
                                                   ("Médecins Sans Frontières", "official")]),
    ("organization", "Reporters Without Borders", [("RSF", "acronym")]),
    ("organization", "Interpol", []),
    ("organization", "Palestinian Authority", [("PA", "acronym"),
                                                ("Palestinian National Authority", "official")]),
    ("organization", "Palestine Liberation Organization", [("PLO", "acronym")]),
    ("organization", "Islamic Revolutionary Guard Corps", [
        ("IRGC", "acronym"), ("Revolutionary Guards", "variant"),
        ("Revolutionary Guard", "variant")]),
    ("organization", "Central Intelligence Agency", [("CIA", "acronym")]),
    ("organization", "Federal Bureau of Investigation", [("FBI", "acronym")]),
    ("organization", "International Organization for Migration", [("IOM", "acronym")]),
    ("organization", "UN Office for the Coordination of Humanitarian Affairs", [
        ("OCHA", "acronym")]),
    ("organization", "Organisation for the Prohibition of Chemical Weapons", [
        ("OPCW", "acronym"),
        ("Organization for the Prohibition of Chemical Weapons", "variant")]),
    ("organization", "International Criminal Tribunal for the former Yugoslavia", [
        ("ICTY", "acronym")]),
    ("organization", "UN Human Rights Committee", []),
    ("organization", "Greenpeace", []),
    ("organization", "Transparency International", []),
    ("organization", "Committee to Protect Journalists", [("CPJ", "acronym")]),
    ("group", "Muslim Brotherhood", []),
    ("group", "Hamas", [("Islamic Resistance Movement", "official")]),
    ("group", "Hezbollah", [("Hizbollah", "variant"), ("Hizbullah", "variant")]),
    ("group", "Taliban", []),
    ("group", "Islamic State", [("ISIS", "acronym"), ("ISIL", "acronym"), ("Daesh", "variant"),
                                 ("Islamic State of Iraq and the Levant", "official"),
                                 ("Islamic State of Iraq and Syria", "variant")]),
    ("group", "al-Qaeda", [("al Qaeda", "variant"), ("Al-Qaida", "variant"),
                            ("al-Qaida", "variant"), ("Al Qaeda", "variant")]),
    ("group", "Kurdistan Workers' Party", [("PKK", "acronym"), ("Kurdistan Workers Party",
                                                                  "variant")]),
    ("group", "People's Protection Units", [("YPG", "acronym")]),
    ("group", "Syrian Democratic Forces", [("SDF", "acronym")]),
    ("group", "Houthis", [("Houthi", "variant"), ("Ansar Allah", "official"),
                          ("Ansarullah", "variant"), ("Houthi rebels", "variant")]),
    ("group", "FARC", [("Revolutionary Armed Forces of Colombia", "official")]),
    ("group", "ELN", [("National Liberation Army", "official")]),
    ("group", "al-Shabaab", [("Al-Shabab", "variant"), ("al Shabaab", "variant")]),
    ("group", "Boko Haram", []),
    ("group", "Palestinian Islamic Jihad", [("Islamic Jihad", "variant"), ("PIJ", "acronym")]),
    ("group", "Fatah", []),
    ("group", "Hayat Tahrir al-Sham", [("HTS", "acronym")]),
    ("group", "Wagner Group", [("Wagner", "variant"), ("PMC Wagner", "variant")]),
    ("group", "M23", [("March 23 Movement", "official")]),
    ("group", "Rapid Support Forces", [("RSF", "acronym")]),
    ("group", "Tigray People's Liberation Front", [("TPLF", "acronym")]),
]

#: Place metonyms for organisations (Brussels for the EU: news uses it that way far more than for
#: Belgium, whose capital we therefore do not list).
ORG_SEATS: dict[str, list[str]] = {
    "European Union": ["Brussels"],
    "NATO": [],
    "United Nations": [],
}

#: The state an organisation belongs to, when it is a state's own body.
ORG_STATE: dict[str, str] = {
    "Islamic Revolutionary Guard Corps": "IRN", "Central Intelligence Agency": "USA",
    "Federal Bureau of Investigation": "USA",
}

#: Acronyms that clash with a more common meaning; "RSF" names two actors, so neither keeps it.
AMBIGUOUS_ACRONYMS: frozenset[str] = frozenset({"RSF", "EC", "EP", "PA", "PCA", "PACE"})

#: Role nouns for people (title patterns and role-noun anaphora: "the spokeswoman").
ROLE_NOUNS: list[str] = [
    "president", "vice president", "vice-president", "prime minister", "deputy prime minister",
    "foreign minister", "deputy foreign minister", "defense minister", "defence minister",
    "interior minister", "finance minister", "justice minister", "minister", "deputy minister",
    "spokesman", "spokeswoman", "spokesperson", "press secretary", "envoy", "special envoy",
    "ambassador", "secretary of state", "secretary", "secretary-general", "secretary general",
    "chancellor", "king", "queen", "crown prince", "emir", "sultan", "sheikh", "speaker",
    "senator", "congressman", "congresswoman", "lawmaker", "legislator", "member of parliament",
    "mp", "general", "commander", "commander-in-chief", "chief of staff", "admiral", "colonel",
    "leader", "chairman", "chairwoman", "chair", "head", "director", "director-general",
    "official", "diplomat", "negotiator", "representative", "high representative",
    "high commissioner", "prosecutor", "judge", "governor", "mayor", "premier", "ayatollah",
    "supreme leader", "foreign secretary", "home secretary", "defense secretary",
    "defence secretary", "national security adviser", "national security advisor", "adviser",
    "advisor", "aide", "attorney general", "ombudsman", "rapporteur", "special rapporteur",
    "chief negotiator", "presidential aide", "head of state", "head of government",
]

#: Head words that make a PETRARCH agent phrase a person title (the rest are bodies or groups).
ROLE_HEADS: frozenset[str] = frozenset({
    "minister", "president", "secretary", "ambassador", "envoy", "spokesman", "spokeswoman",
    "spokesperson", "chancellor", "king", "queen", "prince", "speaker", "senator", "general",
    "commander", "leader", "chairman", "governor", "mayor", "premier", "diplomat", "consul",
    "emissary", "legislator", "lawmaker", "parliamentarian", "judge", "prosecutor", "admiral",
    "colonel", "official", "officer", "adviser", "advisor", "director", "chief", "monarch",
    "emperor", "empress", "dictator", "negotiator", "representative", "attache",
})

# ---------------------------------------------------------------------------------------------
# PETRARCH parsing
# ---------------------------------------------------------------------------------------------


def _clean_petrarch(raw: str) -> str:
    """``AL-QAEDA_IN_IRAQ_  # note`` → ``AL-QAEDA IN IRAQ``."""
    text = raw.split("#", 1)[0]
    text = re.sub(r"\[[^\]]*\]", "", text)
    text = re.sub(r"\{[^}]*\}", "", text)
    text = text.lstrip("+").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


def parse_blocks(path: Path) -> list[dict]:
    """TABARI .actors format: a head line, ``+alias`` lines, then indented ``[CODE dates]``."""
    blocks: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        codes = re.findall(r"\[([^\]]*)\]", line.split("#", 1)[0])
        if line[0].isspace() and line.strip().startswith("["):
            if current is not None:
                current["codes"].extend(codes)
            continue
        if line.startswith("+"):
            if current is not None:
                name = _clean_petrarch(line)
                if name:
                    current["aliases"].append(name)
                current["codes"].extend(codes)
            continue
        current = {"head": _clean_petrarch(line), "aliases": [], "codes": list(codes)}
        blocks.append(current)
    return blocks


def country_blocks(path: Path) -> dict[str, list[str]]:
    """alpha3 → PETRARCH names of that country (the head and its + lines)."""
    out: dict[str, list[str]] = {}
    for block in parse_blocks(path):
        for code in block["codes"]:
            parts = code.split()
            if not parts or not re.fullmatch(r"[A-Z]{3}", parts[0]):
                continue
            if len(parts) > 1 and parts[1].startswith("<"):
                continue  # a former code (e.g. USR before independence)
            if pycountry.countries.get(alpha_3=parts[0]) is None:
                continue
            out.setdefault(parts[0], []).extend([block["head"], *block["aliases"]])
            break
    return out


# ---------------------------------------------------------------------------------------------
# Derivation
# ---------------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    return norm.encode("ascii", "ignore").decode("ascii").lower()


def regular_demonyms(name: str) -> set[str]:
    """The adjectives English regularly forms from a one-word country name (folded)."""
    n = _fold(name)
    if " " in n or "-" in n:
        return set()
    for tail in ("istan", "stan"):
        if n.endswith(tail):
            return {n[: -len(tail)], n + "i"}
    last = n[-1]
    if last == "a":
        return {n + "n"}
    if last == "e":
        return {n + "an", n[:-1] + "ian"}
    if last == "o":
        return {n[:-1] + "an"}
    if last == "y":
        return {n[:-1] + "ian", n[:-1] + "ish"}
    if last == "i":
        return {n + "an"}
    return {n + "i", n + "ian", n + "ese", n + "ic"}


def is_regular_demonym(word: str, names: list[str]) -> bool:
    """True when ``word`` is regularly formed from one of ``names`` (Armenia → Armenian).

    Why: PETRARCH country blocks mix adjectives with misspellings, foreign-language names and
    cities; only a regular derivation from the English name is safe to accept unreviewed.
    """
    w = _fold(word)
    return any(w in regular_demonyms(n) for n in names)


def titlecase_petrarch(text: str) -> str:
    """PETRARCH is upper-case: ``AZERBAIJANI`` → ``Azerbaijani``; keeps short acronyms."""
    return " ".join("-".join(p.capitalize() for p in w.lower().split("-"))
                    for w in text.split())


def derive_states(lexicons: Path) -> tuple[list[dict], dict[str, list[str]]]:
    petrarch = country_blocks(lexicons / "Phoenix.Countries.actors.txt")
    rows: list[dict] = []
    demonyms: dict[str, list[str]] = {}
    countries = [(c.alpha_3, c.name, getattr(c, "official_name", None),
                  getattr(c, "common_name", None)) for c in pycountry.countries]
    countries += [(a3, name, official, None) for a3, name, official in EXTRA_STATES]
    for a3 in HISTORIC_STATES:
        old = pycountry.historic_countries.get(alpha_3=a3)
        countries.append((a3, old.name, None, None))
    for a3, iso_name, official, common in sorted(countries):
        historic = HISTORIC_STATES.get(a3)
        name = (historic[0] if historic else SHORT_NAMES.get(a3)) or common or iso_name
        aliases: list[tuple[str, str]] = [(name, "name")]
        for other, kind in ((iso_name, "official"), (official, "official"), (common, "variant")):
            if other and other != name and "," not in other and "(" not in other:
                aliases.append((other, kind))
        aliases += EXTRA_NAMES.get(a3, []) + (historic[1] if historic else [])
        # Demonyms: the table first (canonical), then regular ones PETRARCH lists.
        dems = list(DEMONYMS.get(a3, []) or (historic[2] if historic else []))
        plain_names = [n for n, k in aliases if k in ("name", "variant", "official")]
        for raw in petrarch.get(a3, []):
            cand = titlecase_petrarch(raw)
            if _fold(cand) in DEMONYM_REJECT or " " in cand:
                continue
            if is_regular_demonym(cand, plain_names) and _fold(cand) not in map(_fold, dems):
                dems.append(cand)
        demonyms[a3] = dems
        aliases += [(d, "demonym") for d in dems]
        # Capitals: the table, plus PETRARCH spellings of the same city.
        caps = list(CAPITALS.get(a3, []))
        cap_folds = {_fold(c) for c in caps}
        for raw in petrarch.get(a3, []):
            cand = titlecase_petrarch(raw)
            f = _fold(cand)
            if f in cap_folds or not caps:
                continue
            if any(difflib.SequenceMatcher(None, f, _fold(c)).ratio() >= 0.86 for c in caps[:1]) \
                    and not any(difflib.SequenceMatcher(None, f, _fold(n)).ratio() >= 0.7
                                for n in plain_names):
                caps.append(cand)
                cap_folds.add(f)
        aliases += [(c, "capital") for c in caps]
        aliases += [(s, "seat") for s in STATE_SEATS.get(a3, [])]
        rows.append({"id": actor_id("state", a3), "name": name, "kind": "state",
                     "state_id": None, "body": None, "aliases": _dedupe(aliases)})
    return rows, demonyms


def _dedupe(aliases: list[tuple[str, str]]) -> list[list[str]]:
    """First (text, kind) wins; a demonym equal to the name ("New Zealand") is kept as both."""
    seen: set[tuple[str, bool]] = set()
    out: list[list[str]] = []
    for text, kind in aliases:
        key = (text, kind == "demonym")
        if key in seen:
            continue
        seen.add(key)
        out.append([text, kind])
    return out


def derive_orgs(lexicons: Path) -> list[dict]:
    blocks = parse_blocks(lexicons / "Phoenix.International.actors.txt")
    blocks += parse_blocks(lexicons / "Phoenix.MilNonState.actors.txt")
    by_head: dict[str, list[dict]] = {}
    for b in blocks:
        by_head.setdefault(_norm_org(b["head"]), []).append(b)
    rows = []
    for kind, name, aliases in ORGS:
        aliases = [(name, "name")] + [a for a in aliases if a[0] not in AMBIGUOUS_ACRONYMS]
        known = [_norm_org(t) for t, _ in aliases]
        for b in (b for k in known for b in by_head.get(k, [])):
            for raw in [b["head"], *b["aliases"]]:
                cand = titlecase_petrarch(raw)
                nc = _norm_org(cand)
                if nc in known or len(nc) < 6:  # short ones are PETRARCH's acronyms (UNSCR)
                    continue
                if any(difflib.SequenceMatcher(None, nc, k).ratio() >= 0.8 for k in known):
                    aliases.append((cand, "variant"))
                    known.append(nc)
        aliases += [(s, "seat") for s in ORG_SEATS.get(name, [])]
        a3 = ORG_STATE.get(name)
        rows.append({"id": actor_id(kind, name), "name": name, "kind": kind,
                     "state_id": actor_id("state", a3) if a3 else None, "body": None,
                     "aliases": _dedupe(aliases)})
    return rows


def _norm_org(text: str) -> str:
    t = _fold(text)
    t = re.sub(r"\([^)]*\)", "", t)
    t = re.sub(r"^the ", "", t)
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def derive_bodies(states: dict[str, dict], demonyms: dict[str, list[str]]) -> list[dict]:
    rows = []
    for a3, key, name, aliases in NAMED_BODIES:
        state = states[a3]
        display = BODY_NOUNS[key][0]
        generic = body_name(state["name"], demonyms.get(a3, []), display)
        extra = [(generic, "variant")] if generic != name else []
        rows.append({"id": body_id(a3, key), "name": name, "kind": "organization",
                     "state_id": state["id"], "body": key,
                     "aliases": _dedupe([(name, "name"), *aliases, *extra])})
    return rows


def body_id(alpha3: str, key: str) -> str:
    return actor_id("organization", f"{alpha3.lower()} {key}")


def body_name(state_name: str, dems: list[str], display: str) -> str:
    return f"{dems[0]} {display}" if dems else f"{display} of {state_name}"


def derive_role_nouns(lexicons: Path) -> list[str]:
    roles = {r.lower() for r in ROLE_NOUNS}
    wanted = ("~GOV", "~MIL", "~LEG", "~JUD", "~ELI", "~SPY", "~COP")
    for line in (lexicons / "Phoenix.agents.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "[" not in line or "!" in line.split("[")[0]:
            continue
        code = line.split("[", 1)[1].split("]", 1)[0]
        if not code.startswith(wanted):
            continue
        phrase = _clean_petrarch(line).lower()
        words = phrase.split()
        if not words or len(words) > 3 or words[-1] not in ROLE_HEADS:
            continue
        if any(not re.fullmatch(r"[a-z-]+", w) for w in words):  # "brig. general", "coup d'etat"
            continue
        if any(w in ("of", "for", "in", "at", "to", "a") for w in words[-1:]):
            continue
        roles.add(phrase)
    return sorted(roles)


def derive(lexicons: Path) -> tuple[str, str]:
    """The two data files' exact text."""
    state_rows, demonyms = derive_states(lexicons)
    states = {r["id"].split(":", 1)[1].upper(): r for r in state_rows}
    rows = state_rows + derive_orgs(lexicons) + derive_bodies(states, demonyms)
    rows.sort(key=lambda r: r["id"])
    ids = [r["id"] for r in rows]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SystemExit(f"duplicate ids: {sorted(dupes)}")
    actors = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    nouns = {
        "body_nouns": {k: {"name": v[0], "variants": sorted(set(v[1]))}
                       for k, v in sorted(BODY_NOUNS.items())},
        "role_nouns": derive_role_nouns(lexicons),
    }
    return actors, json.dumps(nouns, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--out-dir", type=Path, default=REPO / "loaders" / "data")
    ap.add_argument("--lexicons", type=Path, default=DEFAULT_LEXICONS)
    args = ap.parse_args(argv)
    if not (args.lexicons / "Phoenix.Countries.actors.txt").is_file():
        print(f"error: {args.lexicons}: PETRARCH2 lexicons not found", file=sys.stderr)
        return 2
    actors, nouns = derive(args.lexicons)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "actors.jsonl").write_text(actors, encoding="utf-8")
    (args.out_dir / "gazetteer_nouns.json").write_text(nouns, encoding="utf-8")
    print(f"wrote {actors.count(chr(10))} actors and nouns to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
