#!/usr/bin/env bash
# Installs the Debian packages xephang's features need, when they are missing.
set -euo pipefail
want=(tesseract-ocr tesseract-ocr-vie poppler-utils)
# LibreOffice converts legacy Word/Excel 97-2003 files (.doc/.xls) to .docx/.xlsx.
want+=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2)
[ "${XEPHANG_NO_BROWSER:-}" = 1 ] || want+=(chromium)
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
