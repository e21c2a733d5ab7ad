"""Every notebook runs top to bottom in a real kernel; any failing cell fails the test.

Kernels are the ``python3`` spec; jupyter_client starts it with this interpreter (the .venv),
and the notebooks run with cwd=notebooks/ as Jupyter would. 03 runs against the suite's real
Neo4j server (``NEO4J_URI`` passed through the environment) and, without it, must still run.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
TIMEOUT = 600


@pytest.fixture(scope="module", autouse=True)
def python3_kernel() -> None:
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.fail("no 'python3' kernel spec: run `.venv/bin/python -m ipykernel install "
                    "--sys-prefix`")


def _execute(name: str) -> Any:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError naming the cell on the first failure
    return nb


def _text(nb: Any) -> str:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            out.append(o.get("text", ""))
            data = o.get("data", {})
            out.append(data.get("text/plain", ""))
            out.append(data.get("text/html", ""))
    return "\n".join(out)


def _no_errors(nb: Any) -> None:
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_quickstart_runs() -> None:
    nb = _execute("01_quickstart.ipynb")
    _no_errors(nb)
    text = _text(nb)
    assert "loaded " in text and "failed: 0" in text
    assert "claim_type" in text  # the canned claims-by-type query answered
    assert "<iframe" in text and "vis.Network" in text  # the network page, inline


def test_analysis_runs() -> None:
    nb = _execute("02_analysis.ipynb")
    _no_errors(nb)
    text = _text(nb)
    assert "pagerank" in text and "modularity" in text and "sentence" in text


def test_neo4j_notebook_without_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    nb = _execute("03_neo4j.ipynb")
    _no_errors(nb)
    assert "NEO4J_URI is not set" in _text(nb)


@pytest.mark.neo4j
def test_neo4j_notebook_against_server(neo4j_store: Any, neo4j_uri: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # neo4j_store starts from an empty graph; the notebook loads the seeds into it.
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    monkeypatch.setenv("CLAIMGRAPH_NOTEBOOK_LOAD_SEEDS", "1")
    nb = _execute("03_neo4j.ipynb")
    _no_errors(nb)
    text = _text(nb)
    assert "connected: neo4j" in text and "failed 0" in text
    assert neo4j_store.stats()["documents"] == len(list((REPO / "seeds").glob("*.meta.json")))
    assert "vis.Network" in text
