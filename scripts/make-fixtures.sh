#!/usr/bin/env bash
# Regenerate every test fixture from the bundled seeds (called by `make fixtures`).
#   HTML pages: scripts/make_html_fixtures.py
#   PDFs:       scripts/make_pdf_fixtures.py — printed by LibreOffice headless,
#               which is installed here when it is missing (Debian package
#               libreoffice-writer-nogui; only the fixtures need it).
#   Independent renditions: scripts/make_independent_fixtures.py — the seeds'
#               tables printed from hand-checked truth by LibreOffice (from
#               Word) and Chromium (from HTML), and 200-dpi scans of them.
# Review the diff of tests/fixtures/ before committing: see docs/fixtures.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"

if ! command -v soffice >/dev/null 2>&1 || ! fc-list | grep -q "Liberation Serif"; then
  echo "installing LibreOffice (libreoffice-writer-nogui) to print the PDF fixtures" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-liberation2 >/dev/null
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
   || ! fc-list | grep -q "DejaVu Serif"; then
  echo "installing Chromium, poppler-utils and the DejaVu fonts for the independent renditions" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium poppler-utils fonts-dejavu-core >/dev/null
fi

for script in scripts/make_html_fixtures.py scripts/make_pdf_fixtures.py \
              scripts/make_independent_fixtures.py; do
  [ -f "$script" ] && "$PY" "$script"
done
