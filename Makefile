# Every habit is one command. The virtual environment is made on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint eval bench index clean-index chromium services

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

# Integration tests start a real Chroma server (chromadb's `chroma run`) and a real PostgreSQL (Debian's package)
# on free loopback ports, and stop them; without PostgreSQL those tests are skipped with the reason.
services:
	@if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q postgresql; \
	  else echo "注意：未安装 PostgreSQL，相关集成测试将跳过（sudo apt-get install postgresql）" >&2; fi; fi

run: $(VENV)/.run-installed
	$(PY) -m assistant serve

index: $(VENV)/.run-installed
	$(PY) -m assistant index

# Lint first: the habits (ruff, formatting, types) are checked on every `make test`, which is what CI runs.
# services: Debian's postgresql for the integration tests (they start their own servers on free ports).
test: $(VENV)/.test-installed chromium services lint
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
