# xephang — two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make run    install, then build the dataset from the bundled corpus
#   make test   install, then run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: run test install system-deps fixtures bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) system-deps

# Debian packages: Tesseract with its Vietnamese model (scanned PDFs), poppler
# (page images), Chromium (the HTML report's browser test).
system-deps:
	bash scripts/system-deps.sh

# The dataset from the bundled corpus: build prints its summary (exit 1 = findings
# of severity error, 2 = a document failed; both are listed, neither stops the exports).
run: install
	mkdir -p $(OUT)
	$(BIN)/xephang build --db $(OUT)/xephang.sqlite || test $$? -le 2
	$(BIN)/xephang export --format xlsx --db $(OUT)/xephang.sqlite -o $(OUT)
	$(BIN)/xephang export --format parquet --db $(OUT)/xephang.sqlite -o $(OUT)
	$(BIN)/xephang report --db $(OUT)/xephang.sqlite -o $(OUT)/report

test: install
	$(BIN)/pytest -q

fixtures: install
	bash scripts/make-fixtures.sh

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
