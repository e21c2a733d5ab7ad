"""Shared fixtures: real stores on both engines.

Neo4j comes from, in order: ``NEO4J_URI`` (with NEO4J_USERNAME/NEO4J_PASSWORD), a Docker engine
with ``docker-compose.yml`` (pytest-docker), or the Java harness in tests/neo4j (a real Neo4j 5.26
Community server built with Maven). When none can be had the Neo4j tests skip with the reason,
except in CI (``CI=true``), where that is a failure: CI must never pass by skipping them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
NEO4J_FIXTURES = ("neo4j_uri", "neo4j_store", "neo4j_auth_uri")

if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

import neo4j_server  # noqa: E402  (tests/neo4j_server.py, also used by bench scripts)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _no_server(reason: str) -> None:
    """Skip locally, fail in CI: a CI run must never go green by skipping the Neo4j tests."""
    if _in_ci():
        pytest.fail(f"no Neo4j server in CI: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server: {reason}")


def _docker_engine_answers() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    try:
        return subprocess.run([docker, "info"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses a Neo4j fixture, so ``-m neo4j`` / ``-m 'not neo4j'`` work."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if any(name in names for name in NEO4J_FIXTURES):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def docker_compose_file() -> str:
    """pytest-docker looks in tests/ by default; the compose file lives at the repo root."""
    return str(COMPOSE_FILE)


@pytest.fixture(scope="session")
def neo4j_uri(request: pytest.FixtureRequest) -> Iterator[str]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield uri
        return
    if COMPOSE_FILE.exists() and _docker_engine_answers():
        yield _docker_neo4j(request)
        return
    server = neo4j_server.Neo4jServer()
    failure = ""
    try:
        server.start()
    except (neo4j_server.HarnessUnavailable, neo4j_server.HarnessFailed) as exc:
        server.cleanup()
        failure = str(exc)
    if failure:
        _no_server(failure)
    try:
        yield server.uri
    finally:
        server.cleanup()


def _docker_neo4j(request: pytest.FixtureRequest) -> str:
    """The compose service; only taken when a Docker engine answers."""
    from neo4j import GraphDatabase

    services = request.getfixturevalue("docker_services")
    ip = request.getfixturevalue("docker_ip")
    uri = f"bolt://{ip}:{services.port_for('neo4j', 7687)}"

    def answers() -> bool:
        try:
            with GraphDatabase.driver(uri, auth=None) as driver:
                driver.verify_connectivity()
            return True
        except Exception:  # noqa: BLE001 - still starting
            return False

    services.wait_until_responsive(check=answers, timeout=180.0, pause=1.0)
    return uri


@pytest.fixture
def neo4j_store(neo4j_uri: str) -> Iterator[Any]:
    """An empty Neo4j store (schema kept) for one test."""
    from graph.store import open_store

    store = open_store(neo4j_uri)
    try:
        store.clear()
        yield store
    finally:
        store.close()


@pytest.fixture
def ladybug_store(tmp_path: Path) -> Iterator[Any]:
    """A fresh LadybugDB store file for one test."""
    from graph.store import open_store

    store = open_store(str(tmp_path / "g.db"))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Any:
    """The same test on both engines."""
    return request.getfixturevalue(f"{request.param}_store")


#: The password the auth-enabled test server is given on its first login (a test value only).
AUTH_TEST_PASSWORD = "pw-for-tests-1"


@pytest.fixture(scope="session")
def neo4j_auth_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One more harness server, with auth on (the production setting), shared by the tests of
    credentials; its password is AUTH_TEST_PASSWORD. Starting it costs 10-100 s, so once."""
    import neo4j

    server = neo4j_server.Neo4jServer(tmp_path_factory.mktemp("neo4j-auth"), heap="512m",
                                      conf={"dbms.security.auth_enabled": "true"})
    try:
        server.start()
    except (neo4j_server.HarnessUnavailable, neo4j_server.HarnessFailed) as exc:
        server.cleanup()
        _no_server(f"auth-enabled harness did not start: {exc}")
    try:
        driver = neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", "neo4j"))
        with driver.session(database="system") as session:  # first login must change it
            session.run(f"ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO '{AUTH_TEST_PASSWORD}'"
                        ).consume()
        driver.close()
        yield server.uri
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots and other files a person may want to look at after a run (gitignored)."""
    path = TESTS_DIR / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path
