# One-command tooling. `make test` and `make demo` do all their own set-up on a fresh machine.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
HEADLESS_SHELL := /usr/lib/chromium/chromium-headless-shell
TORCH_VERSION := 2.13.0
export PYTHONDONTWRITEBYTECODE := 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup venv chromium models test test-fast lint demo clean

setup: $(STAMP) chromium models

# Python environment: torch first (the CPU build on this machine's disk), then the project.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/pip install -q torch==$(TORCH_VERSION)
	@$(BIN)/pip install -q -e '.[ml,dev,postgres]'
	@touch $(STAMP)

venv: $(STAMP)

# Debian's chromium and chromium-headless-shell (Playwright's browser download is impossible here);
# headless runs use the shell, as Playwright itself does (bot.config.settings.BrowserSettings).
chromium:
	@test -x $(CHROMIUM) -a -x $(HEADLESS_SHELL) || { \
	  echo "installing Debian chromium and chromium-headless-shell"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-headless-shell; }

# Fine-tuned classifiers: trained only when no artifact matches the data hash and code version.
models: $(STAMP)
	@$(BIN)/jano train contas --if-stale
	@$(BIN)/jano train rcand --if-stale

test: setup
	@$(BIN)/python -m pytest -q -p no:cacheprovider --timeout=900 tests

test-fast: $(STAMP)
	@$(BIN)/python -m pytest -q -m "not slow and not e2e" tests

lint: $(STAMP)
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@$(BIN)/mypy bot routines classifiers fixtures mock_pje
	@$(BIN)/lint-imports

demo: setup
	@$(BIN)/python -m bot.devtools.demo

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache
