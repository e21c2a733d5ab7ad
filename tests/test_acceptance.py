"""What the issues' "done when" lines promise a user, checked end to end on both engines.

The seed article goes through the real readers, extractor and store via the CLI; the graph it
yields must hold the design card's actors and typed claim edges, and loading ``seeds/`` twice
must leave every count unchanged.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_6406e2ef00b6ea62.txt"
CARD_ACTORS = {"Russia", "Azerbaijan", "Armenia", "Maria Zakharova", "Nikol Pashinian",
               "Vartan Oskanian"}


def cli_ok(*args: str) -> str:
    result = CliRunner(mix_stderr=False).invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_uri(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "ladybug":
        return str(tmp_path / "accept.db")
    store = request.getfixturevalue("neo4j_store")  # cleared for this test
    return store.uri


def test_loading_seeds_twice_changes_no_count(store_uri: str) -> None:
    cli_ok("load", str(SEEDS), "--store", store_uri, "--silent")
    first = json.loads(cli_ok("stats", "--store", store_uri, "--format", "json"))
    n_articles = len(list(SEEDS.glob("*.meta.json")))
    assert first["documents"] == n_articles and first["claims"] > 0 and first["actors"] > 0
    out = cli_ok("load", str(SEEDS), "--store", store_uri, "--silent")
    assert f"0 loaded, {n_articles} skipped" in out
    assert json.loads(cli_ok("stats", "--store", store_uri, "--format", "json")) == first


def test_seed_graph_shows_the_design_card(store_uri: str) -> None:
    cli_ok("load", str(SEED_ARTICLE), "--store", store_uri, "--silent")
    rows = json.loads(cli_ok(
        "cypher", "MATCH (a:Actor)-[r]->(b:Actor) RETURN a.name AS a, type(r) AS t, b.name AS b",
        "--store", store_uri, "--format", "json"))
    edges = {(r["a"], r["t"], r["b"]) for r in rows}
    names = {r["name"] for r in json.loads(cli_ok(
        "cypher", "MATCH (a:Actor) RETURN a.name AS name", "--store", store_uri, "--json"))}
    assert CARD_ACTORS <= names
    # Claims the article states outright, as typed edges between resolved actors.
    assert ("Nikol Pashinian", "ACCUSES", "Azerbaijan") in edges
    assert ("Jeyhun Bayramov", "ACCUSES", "Armenia") in edges
    assert ("Armenia", "ACCUSES", "Russia") in edges or ("Armenia", "ACCUSES", "Russian peacekeepers") in edges
    meets = {(a, b) for a, t, b in edges if t == "MEETS"}
    assert ("Igor Khovayev", "Jeyhun Bayramov") in meets or ("Jeyhun Bayramov", "Igor Khovayev") in meets
    # Officials reach their state through MEMBER_OF (Zakharova -> ministry -> Russia).
    chain = json.loads(cli_ok(
        "cypher", "MATCH (p:Actor {name: $name})-[:MEMBER_OF*1..3]->(s:Actor {kind: 'state'}) "
        "RETURN DISTINCT s.name AS state", "-p", "name=Maria Zakharova",
        "--store", store_uri, "--json"))
    assert {"state": "Russia"} in chain


def test_rejection_of_criticism_points_back_at_the_criticism(store_uri: str) -> None:
    cli_ok("load", str(SEED_ARTICLE), "--store", store_uri, "--silent")
    rows = json.loads(cli_ok(
        "cypher",
        "MATCH (s:Actor)-[:MADE]->(r:Claim {type: 'REJECTS'})-[:ABOUT]->(c:Claim)<-[:MADE]-(critic:Actor) "
        "RETURN s.name AS rejecter, c.type AS answered, critic.name AS critic",
        "--store", store_uri, "--json"))
    assert {"rejecter": "Vladimir Putin", "answered": "ACCUSES", "critic": "Armenia"} in rows


@pytest.mark.browser
def test_seed_network_page_in_chromium(tmp_path: Path, artifacts_dir: Path) -> None:
    """The page `make demo` writes, for the seed article, drawn by a real browser."""
    import os
    import time

    from tests.chromium import have_chromium, make_driver, quit_driver, try_install

    ok, why = (True, "") if have_chromium() else try_install()
    if not ok:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"headless Chromium unavailable: {why}")
        pytest.skip(f"headless Chromium unavailable: {why}")
    db = str(tmp_path / "seed.db")
    page = tmp_path / "seed.html"
    cli_ok("load", str(SEED_ARTICLE), "--store", db, "--silent")
    cli_ok("view", "--store", db, "--out", str(page), "--min-claims", "0")
    driver = make_driver()
    try:
        driver.get(page.as_uri())
        deadline = time.monotonic() + 60
        while not driver.execute_script("return !!(window.claimgraph && window.claimgraph.ready)"):
            assert time.monotonic() < deadline, "network did not settle"
            time.sleep(0.05)
        labels: Any = driver.execute_script(
            "return window.claimgraph.nodes.get().map(n => n.label)")
        assert CARD_ACTORS <= set(labels)
        severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        assert severe == []
        driver.save_screenshot(str(artifacts_dir / "seed_network.png"))
    finally:
        quit_driver(driver)
