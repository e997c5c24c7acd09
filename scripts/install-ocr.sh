#!/usr/bin/env bash
# Debian's tesseract for OCR of scans and photos: the engine plus German, English and the
# orientation/script model (`osd`, used to find pages that are turned). Optional for operators:
# without it Workmate reads images with tesseract.js and the language data from npm, about 1.5-2x
# slower. CI installs the same packages (.ci/run) so the native driver's tests run there.
#
#   scripts/install-ocr.sh          installs what is missing (sudo when not root); safe to run again
#
# Run Workmate with OMP_THREAD_LIMIT=1 or leave it to Workmate: the driver sets it for tesseract,
# which otherwise spends more time in OpenMP than reading (5 s instead of 0.9 s per page here).
set -euo pipefail

packages=(tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng tesseract-ocr-osd)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "tesseract is installed: $(tesseract --version 2>&1 | head -n 1); languages: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ')"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "installed: $(tesseract --version 2>&1 | head -n 1); languages: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ')"
