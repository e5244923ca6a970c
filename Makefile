# kg — two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
OUT ?= out

.PHONY: help install dev demo test test-fast eval eval-heldout eval-blind eval-real lint format bench docs clean

help:
	@echo "make demo   - create $(VENV), install kg, build the seed article's graph in $(OUT)/ and query it"
	@echo "make test   - install the dev extra and run the whole test suite (notebooks and browser tests too)"
	@echo "make eval   - score the extractor on $(SHARED)/corpus"
	@echo "make eval-heldout - score it on benchmarks/heldout (written for kg; for diagnosis, not tuning)"
	@echo "make eval-blind   - score it on benchmarks/blind (never look at its misses)"
	@echo "make eval-real    - score it on benchmarks/real: real published articles (diag part, then blind part)"
	@echo "make lint   - ruff"
	@echo "make bench  - benchmarks (ratios against baselines in the same process)"
	@echo "make docs   - regenerate docs/cli.md, docs/ontology.md, the pictures and the README's example outputs"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

demo: install
	rm -rf $(OUT) && mkdir -p $(OUT)
	$(BIN)/kg ingest seeds/ --store $(OUT)/store
	$(BIN)/kg export --store $(OUT)/store -o $(OUT)/graph.ttl
	$(BIN)/kg render --store $(OUT)/store -o $(OUT)/graph.html
	@echo
	@echo "Turtle: $(OUT)/graph.ttl"
	@echo "HTML:   $(OUT)/graph.html (open it in a browser; it works offline)"
	@echo "Store:  $(OUT)/store (try: $(BIN)/kg query --list --store $(OUT)/store)"
	@echo
	@echo "Who invested how much, and when, in the seed article's startup:"
	@echo "  $(BIN)/kg query investors-of -p org=Anthropic --store $(OUT)/store"
	@$(BIN)/kg query investors-of -p org=Anthropic --store $(OUT)/store

test: dev
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

test-fast: dev
	$(BIN)/python -m pytest -n 2 -q -m "not browser and not server and not notebook"

eval: install
	$(BIN)/kg extract $(SHARED)/corpus/articles/* seeds/*.txt -o $(OUT)/eval-facts.jsonl
	$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/corpus/gold --pred $(OUT)/eval-facts.jsonl

eval-heldout: install
	$(BIN)/kg extract benchmarks/heldout/articles/* -o $(OUT)/heldout-facts.jsonl
	$(BIN)/python $(SHARED)/eval/score.py --gold benchmarks/heldout/gold --pred $(OUT)/heldout-facts.jsonl

eval-blind: install
	$(BIN)/kg extract benchmarks/blind/articles/* -o $(OUT)/blind-facts.jsonl
	$(BIN)/python $(SHARED)/eval/score.py --gold benchmarks/blind/gold --pred $(OUT)/blind-facts.jsonl

eval-real: install
	$(BIN)/kg extract benchmarks/real/diag/articles/* -o $(OUT)/real-diag-facts.jsonl
	@echo "real, diagnosis part:"
	$(BIN)/python $(SHARED)/eval/score.py --gold benchmarks/real/diag/gold --pred $(OUT)/real-diag-facts.jsonl
	$(BIN)/kg extract benchmarks/real/blind/articles/* -o $(OUT)/real-blind-facts.jsonl
	@echo "real, blind part (read only this aggregate):"
	$(BIN)/python $(SHARED)/eval/score.py --gold benchmarks/real/blind/gold --pred $(OUT)/real-blind-facts.jsonl | tail -1

lint: dev
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks

format: dev
	$(BIN)/ruff format kg tests benchmarks
	$(BIN)/ruff check --fix kg tests benchmarks

bench: dev
	$(BIN)/python benchmarks/run.py

docs: install
	$(BIN)/python -m kg.docs

clean:
	rm -rf $(OUT) .kg .pytest_cache
