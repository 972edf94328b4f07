#!/usr/bin/env python3
"""Makes docs/images/scripts.png, the user guide's picture of every script
briefmark reads, with the app's own --screenshot: one document per
language of assets/examples/scripts.txt (its heading as the title, its
paragraph as the text) plus a line mixing English and Persian, each
screenshot cut to the reading column, then set two to a row.

Needs a display and ImageMagick; called by scripts/screenshots.sh.
BIN picks the binary (default target/release/briefmark)."""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("BIN", str(ROOT / "target/release/briefmark"))
OUT = ROOT / "docs/images/scripts.png"
# The reading column of a 1360x860 --screenshot, down to the fifth line.
CROP = "640x190+330+45"
MIXED = ("Mixed — English and Persian",
         "In Yerevan, officials said that ایران (Iran) sees the Zangezur corridor "
         "as a «خط قرمز» — a red line — since 2021; the Persian word for it is "
         "گذرگاه, ‘corridor’.")


def samples():
    text = (ROOT / "assets/examples/scripts.txt").read_text(encoding="utf-8")
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    # Title, byline, introduction; then heading and paragraph per language.
    pairs = list(zip(parts[3::2], parts[4::2]))
    return pairs + [MIXED]


def main():
    shots = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        for n, (heading, paragraph) in enumerate(samples()):
            slug = re.sub(r"[^a-z]+", "-", heading.split("—")[0].lower()).strip("-")
            doc = Path(tmp) / f"{n:02d}-{slug}.txt"
            doc.write_text(f"{heading}\n\n{paragraph}\n", encoding="utf-8")
            full = Path(tmp) / f"{n:02d}.png"
            env = dict(os.environ, HOME=str(home))
            subprocess.run([BIN, "--screenshot", str(full), str(doc)], check=True,
                           env=env, stdout=subprocess.DEVNULL)
            cut = Path(tmp) / f"{n:02d}-cut.png"
            subprocess.run(["convert", str(full), "-crop", CROP, "+repage", str(cut)],
                           check=True)
            shots.append(str(cut))
        subprocess.run(["montage", *shots, "-tile", "2x", "-geometry", "+4+4",
                        "-background", "#1b1b1b", str(OUT)], check=True)
    print(f"wrote {OUT} ({len(shots)} scripts)")


if __name__ == "__main__":
    sys.exit(main())
