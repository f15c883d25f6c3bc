# MotCua Desk. `make run` and `make test` work on a fresh Debian/Ubuntu machine with python3.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint server bench venv clean demo

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "MotCua Desk needs Python 3.11 or newer")'
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "Python's venv module is missing. On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The demo database lives in .motcua-home/ (git-ignored) unless MOTCUA_HOME says otherwise.
export MOTCUA_HOME ?= $(CURDIR)/.motcua-home

demo: venv
	@test -f "$(MOTCUA_HOME)/data/motcua.sqlite3" || { \
	  $(PY) -m app init --demo && $(PY) -m app dev seed --count 2000 --days 90; }

run: demo
	@$(PY) installer/check_system.py
	$(VENV)/bin/motcua-desk

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

server: venv
	$(VENV)/bin/motcua-server --host 127.0.0.1 --port 8400

bench: venv
	@# every part runs even if an earlier one fails; each prints ok or MISSED beside its targets
	@status=0; for part in "" .printing .queue .sync .scanning .desk; do \
	  echo "== python -m bench$$part"; $(PY) -m bench$$part || status=1; done; exit $$status

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info artifacts
