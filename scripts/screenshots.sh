#!/usr/bin/env bash
# Remakes the pictures of docs/ with the app's own --screenshot, so the user
# guide shows the app as it is. Needs a display; on a headless machine:
#   apt-get install -y xvfb libgl1-mesa-dri && xvfb-run -a -s "-screen 0 1400x900x24" scripts/screenshots.sh
# BIN picks the binary (default: a release build, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/briefmark}
[ -x "$BIN" ] || cargo build --release
EXAMPLE=assets/examples/azerbaijan-russia-brief.example.briefmark.ron
OUT=docs/images
mkdir -p "$OUT"
"$BIN" --screenshot "$OUT/workbench.png" "$EXAMPLE"
for view in passage analysis cooccurrence retrieve codebook find shortcuts palette; do
  "$BIN" --screenshot "$OUT/$view.png" --show "$view" "$EXAMPLE"
done
echo "wrote $(ls "$OUT"/*.png | wc -l) pictures to $OUT"
python3 scripts/script_pictures.py
