#!/usr/bin/env bash
# Real iPhone HEIC photos for the HEIC decoding test (apps/server/src/modules/extraction/image/
# heic.iphone.test.ts). No npm package ships one; Debian's source of exiv2 0.27.6 (bookworm) has two
# in its test data (GPL-2+, so they are fetched, not committed):
#   IMG_3578.heic         iPhone XR, iOS 13.4.1, 4032 x 3024, upright (a colour checker card)
#   2021-02-13-1929.heic  iPhone XR, iOS 14.4, 4032 x 3024 stored, turned 90 degrees by the container
# Both are Apple's layout: a grid of 512 x 512 HEVC tiles, `irot`, a thumbnail, an ICC profile.
#
#   scripts/fetch-test-photos.sh     downloads into .cache/test-photos (skipped when already there)
#
# CI runs it (.ci/run); without the files the test is skipped and says why.
set -euo pipefail
cd "$(dirname "$0")/.."

MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
TARBALL=exiv2_0.27.6.orig.tar.gz
DEST=.cache/test-photos
declare -A SHA256=(
  [IMG_3578.heic]=ff8c34fb8e5b953e9aabfad47890368b8b7ffbc1a8edf3f1e6952b6f643e1a35
  [2021-02-13-1929.heic]=3858897cd31156735cdcef6279356b089f50b07855904aa0e5b90fe3631f8e9e
)

complete() {
  for name in "${!SHA256[@]}"; do
    [[ -f "$DEST/$name" ]] && echo "${SHA256[$name]}  $DEST/$name" | sha256sum --check --status || return 1
  done
}

if complete; then
  echo "test photos are in $DEST"
  exit 0
fi

mkdir -p "$DEST"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fetching $TARBALL from $MIRROR (32 MB) for two iPhone HEIC photos"
curl -fsSL --retry 3 -o "$work/$TARBALL" "$MIRROR/pool/main/e/exiv2/$TARBALL"
members=()
for name in "${!SHA256[@]}"; do members+=("exiv2-0.27.6/test/data/$name"); done
tar -xzf "$work/$TARBALL" -C "$work" "${members[@]}"
for name in "${!SHA256[@]}"; do
  echo "${SHA256[$name]}  $work/exiv2-0.27.6/test/data/$name" | sha256sum --check --status || { echo "checksum mismatch: $name" >&2; exit 1; }
  mv "$work/exiv2-0.27.6/test/data/$name" "$DEST/$name"
done
echo "test photos are in $DEST"
