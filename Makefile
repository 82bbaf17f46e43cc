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

run: install
	mkdir -p $(OUT)
	$(BIN)/xephang extract corpus/documents/*.txt --format json -o $(OUT) || test $$? -le 2
	$(BIN)/xephang extract corpus/documents/000_4077041e69013ab5.txt --format table | head -40

test: install
	$(BIN)/pytest -q

fixtures: install
	bash scripts/make-fixtures.sh

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
