# Every habit is one command. The virtual environment is made on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint eval bench index clean-index

$(VENV)/.run-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.run-installed
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $@

# Browser tests use Debian's chromium, never a browser that a tool downloads.
chromium:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk; \
	  else echo "需要 Debian 的 chromium 和中文字体：sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; fi; fi

run: $(VENV)/.run-installed
	$(PY) -m assistant serve

index: $(VENV)/.run-installed
	$(PY) -m assistant index

# Lint first: the habits (ruff, formatting, types) are checked on every `make test`, which is what CI runs.
test: $(VENV)/.test-installed chromium lint
	$(PY) -m pytest

lint: $(VENV)/.test-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

eval: $(VENV)/.run-installed
	$(PY) -m evals run evals/*.jsonl --report out/eval

bench: $(VENV)/.test-installed
	$(PY) -m evals bench --report docs/benchmarks

clean-index:
	rm -rf data/index
