#!/usr/bin/env bash
# Debian tools the benchmarks compare against (not needed to run Workmate or its tests):
# poppler-utils for `pdftotext` in `npm run bench:pipeline`.
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1; then echo "pdftotext is installed"; exit 0; fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends poppler-utils
