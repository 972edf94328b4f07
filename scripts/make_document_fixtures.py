#!/usr/bin/env python3
"""Writes the document-import fixtures in tests/fixtures/documents/.

One short text from the bundled brief (a title, a byline, two headings,
three paragraphs with italic, bold and underlined words, a link, and é, —,
“ ” and ’) is written as brief.md, brief.html, brief.docx and brief.pdf, so
tests/core/document_import.rs can expect the same plain text from each. The PDF
is laid out line by line: two pages, a running head and "Page N of 2" on
each, the word "geopolitical" hyphenated at a line end, and a paragraph
running across the page break. Also: encrypted.pdf (a user password) and
scanned.pdf (an image, no text).

The generated files are committed, so the tests do not need Python. To
write them again:

    python3 -m venv /tmp/docfix-venv
    /tmp/docfix-venv/bin/pip install python-docx reportlab
    /tmp/docfix-venv/bin/python scripts/make_document_fixtures.py
"""

import datetime
import html
import io
import struct
import zlib
from pathlib import Path

import docx
from docx.enum.text import WD_UNDERLINE
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.lib import pdfencrypt
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "documents"

TITLE = "Azerbaijan’s Calculated Confrontation with Russia"
BYLINE = "Sergei Melkonian, Research Fellow — November 2025"
AUTHOR = "Sergei Melkonian"
LINK = ("declaration text", "https://example.org/declaration")

# Blocks: (kind, runs); a run is (text, style) with style "", "i", "b",
# "u" or "a" (the link). "\n" in a run forces a PDF line break there; "-\n"
# is a hyphen at a line end that the reader must remove.
BLOCKS = [
    ("title", [(TITLE, "")]),
    ("p", [(BYLINE, "")]),
    ("h", [("2022–2024: The rise of Russian-Azerbaijani friendship", "")]),
    ("p", [
        ("A few months after reaching their peak in August 2024, Russian-Azerbaijani relations "
         "took a nosedive with the downing of an Azerbaijani plane. But rather than being the "
         "source of the discord, the “aircraft crisis” has served as the ", ""),
        ("pretext", "i"),
        (" for deteriorating relations. This was the result of a ", ""),
        ("strategic mistake", "b"),
        (" by Russia. If some degree of political détente began after the Washington Summit in "
         "August, it is not likely to last because the geo-\npolitical balance cannot be rolled "
         "back in line with Russians’ wishes.", ""),
    ]),
    ("h", [("The Declaration and after", "")]),
    ("p", [
        ("The signing of the ", ""),
        ("Declaration on Allied Interaction", "u"),
        (" in February 2022 strengthened the ties between the countries. Moscow saw it as a "
         "great diplomatic success — a new ally emerging in the South Caucasus, in addition to "
         "Armenia. In addition, Moscow viewed this Declaration as balancing Turkey’s position in "
         "the context of strengthening the alliance between Baku and Ankara after the ", ""),
        ("Shusha Declaration", "u"),
        (" of June 2021.", ""),
    ]),
    ("p", [
        ("The two-day ", ""),
        ("state visit", "u"),
        (" of President Putin to Azerbaijan in August 2024 was the peak of good relations "
         "between the neighbors (see the ", ""),
        (LINK[0], "a"),
        (").", ""),
    ]),
]


def plain(runs):
    """A block's text as every reader must give it."""
    return "".join(text for text, _ in runs).replace("-\n", "").replace("\n", " ")


# --- Markdown ---------------------------------------------------------------

def write_markdown():
    marks = {"": "{}", "i": "*{}*", "b": "**{}**", "u": "<u>{}</u>", "a": "[{}](" + LINK[1] + ")"}
    lines = ["---", f'title: "{TITLE}"', f"author: {AUTHOR}", "date: 2025-11-20",
             "url: https://example.org/brief", "---", ""]
    for kind, runs in BLOCKS:
        text = "".join(marks[style].format(t) for t, style in runs)
        text = text.replace("-\n", "").replace("\n", " ")
        prefix = {"title": "# ", "h": "## ", "p": ""}[kind]
        lines += [prefix + text, ""]
    (OUT / "brief.md").write_text("\n".join(lines), encoding="utf-8")


# --- HTML -------------------------------------------------------------------

def entities(text):
    """Non-ASCII as named entities, to test their decoding."""
    named = {"’": "&rsquo;", "“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "–": "&ndash;",
             "é": "&eacute;"}
    return "".join(named.get(c, html.escape(c)) for c in text)


def write_html():
    tags = {"": "{}", "i": "<em>{}</em>", "b": "<strong>{}</strong>", "u": "<u>{}</u>",
            "a": f'<a href="{LINK[1]}">{{}}</a>'}
    body = []
    for kind, runs in BLOCKS:
        text = "".join(tags[style].format(entities(t)) for t, style in runs)
        # Source line breaks inside a paragraph collapse to spaces.
        text = text.replace("-\n", "").replace("\n", "\n    ")
        tag = {"title": "h1", "h": "h2", "p": "p"}[kind]
        body.append(f"<{tag}>{text}</{tag}>")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{entities(TITLE)} | Policy Briefs</title>
<meta name="author" content="{AUTHOR}">
<meta name="dcterms.date" content="2025-11-20">
<link rel="canonical" href="https://example.org/brief">
<style>body {{ font-family: serif; }}</style>
<script>console.log("not text");</script>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/briefs">Briefs</a></nav>
<article>
{chr(10).join(body)}
</article>
</body>
</html>
"""
    (OUT / "brief.html").write_text(page, encoding="utf-8")


# --- DOCX -------------------------------------------------------------------

def write_docx():
    document = docx.Document()
    for kind, runs in BLOCKS:
        if kind == "title":
            paragraph = document.add_heading("", level=0)
        elif kind == "h":
            paragraph = document.add_heading("", level=1)
        else:
            paragraph = document.add_paragraph()
        for text, style in runs:
            run = paragraph.add_run(text.replace("-\n", "").replace("\n", " "))
            run.italic = style == "i" or None
            run.bold = style == "b" or None
            if style == "u":
                run.underline = WD_UNDERLINE.SINGLE
    props = document.core_properties
    props.title = TITLE
    props.author = AUTHOR
    props.created = datetime.datetime(2025, 11, 20, 9, 0, 0)
    props.modified = datetime.datetime(2025, 11, 20, 9, 0, 0)
    document.save(OUT / "brief.docx")


# --- PDF --------------------------------------------------------------------

PAGE_W, PAGE_H = letter
LEFT, WIDTH = 72, PAGE_W - 144
FONTS = {"": "Helvetica", "i": "Helvetica-Oblique", "b": "Helvetica-Bold", "u": "Helvetica",
         "a": "Helvetica"}
SENTENCE_END = ".!?:\"”’)]"


def words(runs):
    """Words as [fragments, forced_break_after]; a fragment is (text, style),
    and a word has several where styles change inside it ("text).")."""
    out = []
    glue = False
    for text, style in runs:
        for i, segment in enumerate(text.split("\n")):
            if i > 0:
                out[-1][1] = True
                glue = False
            for j, part in enumerate(segment.split(" ")):
                glue = glue and j == 0
                if not part:
                    continue
                if glue:
                    out[-1][0].append((part, style))
                else:
                    out.append([[(part, style)], False])
                glue = True
    return out


def font_of(style, bold):
    return "Helvetica-Bold" if bold else FONTS[style]


def word_width(fragments, size, bold):
    return sum(stringWidth(t, font_of(s, bold), size) for t, s in fragments)


def wrap(runs, size, bold=False):
    """Greedy lines of words within WIDTH, breaking where the text forces."""
    lines, line, width = [], [], 0.0
    space = stringWidth(" ", "Helvetica", size)
    for fragments, forced in words(runs):
        w = word_width(fragments, size, bold)
        if line and width + space + w > WIDTH:
            lines.append(line)
            line, width = [], 0.0
        width += (space if line else 0) + w
        line.append(fragments)
        if forced:
            lines.append(line)
            line, width = [], 0.0
    if line:
        lines.append(line)
    return lines


def draw_line(c, line, x, y, size, bold=False):
    """Draws a line fragment by fragment, underlining underlined text and
    the spaces between underlined words."""
    space = stringWidth(" ", "Helvetica", size)
    for i, fragments in enumerate(line):
        if i > 0:
            c.setFont("Helvetica", size)
            c.drawString(x, y, " ")
            if line[i - 1][-1][1] == "u" and fragments[0][1] == "u":
                c.line(x, y - 1.5, x + space, y - 1.5)
            x += space
        for text, style in fragments:
            font = font_of(style, bold)
            c.setFont(font, size)
            c.drawString(x, y, text)
            w = stringWidth(text, font, size)
            if style == "u":
                c.line(x, y - 1.5, x + w, y - 1.5)
            x += w


def furniture(c, page):
    c.setFont("Helvetica", 8)
    c.drawString(LEFT, PAGE_H - 40, "Policy Brief — Azerbaijan and Russia")
    c.drawRightString(PAGE_W - 72, 30, f"Page {page} of 2")


def write_pdf():
    c = canvas.Canvas(str(OUT / "brief.pdf"), pagesize=letter, invariant=1)
    c.setTitle(TITLE)
    c.setAuthor(AUTHOR)
    page = 1
    furniture(c, page)
    y = PAGE_H - 100
    split_done = False
    for index, (kind, runs) in enumerate(BLOCKS):
        size, leading, bold = {"title": (18, 22, True), "h": (13, 16, True),
                               "p": (10, 12, False)}[kind]
        lines = wrap(runs, size, bold)
        # The last paragraph but one runs across the page break, after a
        # line that does not end a sentence.
        break_after = None
        if index == len(BLOCKS) - 2:
            break_after = next(i for i, line in enumerate(lines[1:], 1)
                               if line[-1][-1][0][-1] not in SENTENCE_END)
        for i, line in enumerate(lines):
            draw_line(c, line, LEFT, y, size, bold)
            y -= leading
            if i == break_after:
                c.showPage()
                page += 1
                furniture(c, page)
                y = PAGE_H - 100
                split_done = True
        y -= 6 if kind == "p" else 10
    assert split_done
    c.showPage()
    c.save()


def write_encrypted_pdf():
    encrypt = pdfencrypt.StandardEncryption("user-password", ownerPassword="owner", strength=128)
    c = canvas.Canvas(str(OUT / "encrypted.pdf"), pagesize=letter, invariant=1, encrypt=encrypt)
    c.setFont("Helvetica", 10)
    c.drawString(LEFT, PAGE_H - 100, "Secret text behind a password.")
    c.showPage()
    c.save()


def tiny_png():
    """A 16×16 grey gradient, made by hand so no image library is needed."""
    raw = b"".join(b"\x00" + bytes((x * 16) % 256 for x in range(16 * 3)) for _ in range(16))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def write_scanned_pdf():
    c = canvas.Canvas(str(OUT / "scanned.pdf"), pagesize=letter, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(tiny_png())), LEFT, 200, WIDTH, WIDTH)
    c.showPage()
    c.save()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write_markdown()
    write_html()
    write_docx()
    write_pdf()
    write_encrypted_pdf()
    write_scanned_pdf()
    expected = "\n\n".join(plain(runs) for _, runs in BLOCKS)
    (OUT / "brief.expected.txt").write_text(expected, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
