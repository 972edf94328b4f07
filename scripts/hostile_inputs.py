#!/usr/bin/env python3
"""Hostile and large documents through `briefmark import`: time and memory.

Builds each input in a temporary folder (nothing is committed: the PDF
bombs alone would be gigabytes once inflated), imports it with the release
CLI under `/usr/bin/time -v`, and prints a Markdown table: input, size,
outcome (imported, with its warnings, or refused, with the message), wall
time and peak memory (maximum resident set size). The table goes into
docs/reliability.md, "Hostile inputs".

    cargo build --release --no-default-features
    python3 scripts/hostile_inputs.py [--binary target/release/briefmark] [--only NAME] [--extra FILE ...]

`--extra` adds real files (a long PDF from a publisher, a saved web page)
to the table. Needs Python 3.9+ and GNU time (`apt-get install time`).
"""

import argparse
import functools
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib

MIB = 1 << 20


# --- HTML ------------------------------------------------------------------


def nested_divs(n=100_000):
    """n nested <div class=x>, never closed (html5ever was quadratic)."""
    return ("<div class=x>" * n + "text").encode()


def many_attributes(n=300_000):
    """One element with n attributes (html5ever checks each against all)."""
    names = " ".join(f"a{i}" for i in range(n))
    return f"<p>Text</p><div {names}>more</div>".encode()


def reopened_formatting(size=MIB):
    """300 <b>s closed by </div> are reopened in every later block."""
    head = "<div>" + "".join(f"<b id={i}>" for i in range(300)) + "</div>"
    unit = "<div>x</div>"
    return (head + unit * ((size - len(head)) // len(unit))).encode()


def repeated_body(n=100_000):
    """<body aN> n times: each adds its attribute to the one <body>."""
    return "".join(f"<body a{i}>" for i in range(n)).encode()


def ordinary_page(size=10 * MIB):
    """An ordinary long article: headings, paragraphs, inline styles, links."""
    para = (
        "<p>The <b>ministry</b> said on <i>Tuesday</i> that the talks, held in "
        "<a href='https://example.org/x'>the capital</a>, would resume after "
        "the summit; observers were less sure.</p>\n"
    )
    parts = ["<!doctype html><html><head><title>Long</title></head><body><h1>Long</h1>"]
    length = len(parts[0])
    n = 0
    while length < size:
        chunk = (f"<h2>Section {n}</h2>\n" if n % 20 == 0 else "") + para
        parts.append(chunk)
        length += len(chunk)
        n += 1
    parts.append("</body></html>")
    return "".join(parts).encode()


# --- Text and Markdown -----------------------------------------------------


def plain_text(size=10 * MIB, line_end="\n"):
    para = (
        "Negotiators met again on Tuesday; the communiqué, drafted overnight,"
        + line_end
        + "spoke of “constructive” talks and a road map for the next round."
        + line_end * 2
    )
    return ("Title" + line_end * 2 + para * (size // len(para.encode()))).encode()


def utf32_text(size=10 * MIB):
    text = plain_text(size // 4).decode()
    return b"\xff\xfe\x00\x00" + text.encode("utf-32-le")


def markdown(size=10 * MIB):
    para = "Some *emphasis*, **strong** words and [a link](https://e.org).\n\n"
    head = "---\ntitle: Long\n---\n\n# Long\n\n"
    return (head + ("## Part\n\n" + para * 19) * (size // (len(para) * 20))).encode()


def markdown_nested(n=100_000):
    """n nested block quotes on one line."""
    return ("> " * n + "deep\n").encode()


def markdown_brackets(n=500_000):
    return ("[" * n + "x" + "]" * n).encode()


# --- Word ------------------------------------------------------------------


def docx(document_xml):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document_xml)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_attributes(n=300_000):
    names = " ".join(f'a{i}="1"' for i in range(n))
    return docx(f"<w:document {W}><w:body><w:p {names}><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")


def docx_nested(n=100_000):
    return docx(f"<w:document {W}><w:body>" + "<w:sdt>" * n + "</w:sdt>" * n + "</w:body></w:document>")


# --- PDF -------------------------------------------------------------------


def pdf(objects):
    """A PDF of `objects` (bytes, numbered from 1, the first the catalog)."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data, entries=b"", flate=True):
    if flate:
        entries += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def pdf_pages(contents, flate=True, xobjects=b""):
    """One page per content stream (deflated here if `flate`), Helvetica as F1."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> %s >> /Contents %d 0 R >>" % (xobjects, 5 + 2 * i)
        )
        objects.append(stream(zlib.compress(content, 9) if flate else content, flate=flate))
    return objects


@functools.lru_cache(maxsize=None)
def zeros_deflated(size):
    """`size` bytes of spaces deflated (a thousandfold), a mebibyte at a time."""
    z = zlib.compressobj(9)
    chunk = b" " * MIB
    parts = [z.compress(chunk) for _ in range(size // MIB)]
    parts.append(z.flush())
    return b"".join(parts)


def text_page(words, page):
    """A page of text set in lines, as TeX sets it: kerned TJ arrays."""
    lines = []
    for line in range(45):
        y = 740 - 15 * line
        chunks = " ".join(f"({w})-{(i * 37) % 90 + 10}" for i, w in enumerate(words[(line + page) % 7 :]))
        lines.append(f"BT /F1 10 Tf 72 {y} Td [{chunks}] TJ ET")
    lines.append(f"BT /F1 9 Tf 300 40 Td ({page + 1}) Tj ET")
    return "\n".join(lines).encode()


WORDS = "The committee noted that the agreement, signed in March, left several questions open for the next round".split()


def pdf_book(pages=1000):
    """A long book: pages of kerned text lines, contents deflated."""
    return pdf(pdf_pages([text_page(WORDS, p) for p in range(pages)]))


def pdf_bomb(streams, size=1 << 30):
    """`streams` pages whose contents each inflate to `size` bytes."""
    data = zeros_deflated(size)
    objects = pdf_pages([b""] * streams)
    for i in range(streams):
        objects[4 + 2 * i] = stream(data)
    return pdf(objects)


def pdf_bomb_twice(size=1 << 30):
    """One content stream deflated twice: 1 GiB from a few kilobytes."""
    data = zlib.compress(zeros_deflated(size), 9)
    objects = pdf_pages([b""])
    objects[4] = stream(data, b" /Filter [/FlateDecode /FlateDecode]", flate=False)
    return pdf(objects)


def pdf_xref_bomb(size=1 << 30):
    """A cross-reference stream inflating to `size` bytes."""
    body = pdf(pdf_pages([text_page(WORDS, 0)]))
    body = body[: body.index(b"\nxref\n") + 1]
    xref = stream(zeros_deflated(size), b" /Type /XRef /Size 6 /Index [0 1] /W [1 2 1] /Root 1 0 R")
    return body + b"6 0 obj\n" + xref + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % len(body)


def pdf_form_drawn(draws=100_000):
    """A page drawing one small form `draws` times, after a page of text."""
    objects = pdf_pages([text_page(WORDS, 0), b"/X1 Do\n" * draws], xobjects=b"/XObject << /X1 8 0 R >>")
    form = b"0 0 m 100 100 l S\n" * 40
    objects.append(stream(form, b" /Type /XObject /Subtype /Form /BBox [0 0 100 100]", flate=False))
    return pdf(objects)


def pdf_font_bomb(key, pages=200, size=100 * MIB):
    """`pages` pages setting a font whose descriptor's `key` stream (a font
    program) is `size` bytes: pdf-extract reads the font again on each page."""
    objects = pdf_pages([text_page(WORDS, p) for p in range(pages)])
    font = len(objects) + 1
    objects[2] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Bomb /FirstChar 32 /LastChar 126 "
        b"/Widths [%s] /FontDescriptor %d 0 R >>" % (b" ".join([b"500"] * 95), font)
    )
    objects.append(b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /%s %d 0 R >>" % (key, font + 1))
    objects.append(stream(zeros_deflated(size)))
    return pdf(objects)


def pdf_icc_bomb(uses=10_000, size=100 * MIB):
    """A page setting an ICC colour space of `size` bytes `uses` times."""
    page = text_page(WORDS, 0) + b"\n" + b"/CS0 cs 0.5 0.5 0.5 sc\n" * uses
    objects = pdf_pages([page], xobjects=b"/ColorSpace << /CS0 [/ICCBased 6 0 R] >>")
    objects.append(stream(zeros_deflated(size), b" /N 3"))
    return pdf(objects)


def pdf_worst_memory():
    """Streams kept up to the limit (240 MiB, never drawn) and a page of
    nearly 8 MiB of content."""
    page = text_page(WORDS, 0)
    objects = pdf_pages([page * (8 * MIB // len(page) - 1)])
    objects.append(stream(zeros_deflated(240 * MIB)))
    return pdf(objects)


def pdf_panicking_page():
    """`12 Tf` (a size without a font) makes pdf-extract panic on page 2."""
    pages = [
        b"BT /F1 12 Tf 72 700 Td (Page one.) Tj ET",
        b"BT 12 Tf 72 700 Td (Page two.) Tj ET",
        b"BT /F1 12 Tf 72 700 Td (Page three.) Tj ET",
    ]
    return pdf(pdf_pages(pages))


def pdf_content(size):
    """Text pages whose contents come to about `size` bytes, deflated."""
    page = text_page(WORDS, 0)
    return pdf(pdf_pages([text_page(WORDS, p) for p in range(size // len(page))]))


# --- Running ----------------------------------------------------------------

INPUTS = [
    ("html-nested-divs", "html", "100,000 nested `<div>`s", nested_divs),
    ("html-attributes", "html", "one element with 300,000 attributes", many_attributes),
    ("html-reopened", "html", "300 `<b>`s reopened in each of 87,000 blocks", reopened_formatting),
    ("html-body-attributes", "html", "`<body aN>` 100,000 times", repeated_body),
    ("html-10mb", "html", "an ordinary 10 MB article", ordinary_page),
    ("pdf-bomb-1mb", "pdf", "one content stream inflating to 1 GiB", lambda: pdf_bomb(1)),
    ("pdf-bomb-4mb", "pdf", "four content streams of 1 GiB each", lambda: pdf_bomb(4)),
    ("pdf-bomb-twice", "pdf", "1 GiB deflated twice", pdf_bomb_twice),
    ("pdf-xref-bomb", "pdf", "a cross-reference stream of 1 GiB", pdf_xref_bomb),
    ("pdf-form-drawn", "pdf", "a page drawing a form 100,000 times", pdf_form_drawn),
    ("pdf-font-type1", "pdf", "200 pages in a Type 1 font of 100 MiB", lambda: pdf_font_bomb(b"FontFile")),
    ("pdf-font-cff", "pdf", "200 pages in a CFF font of 100 MiB", lambda: pdf_font_bomb(b"FontFile3")),
    ("pdf-font-truetype", "pdf", "200 pages in a TrueType font of 100 MiB", lambda: pdf_font_bomb(b"FontFile2")),
    ("pdf-icc", "pdf", "an ICC colour space of 100 MiB set 10,000 times", pdf_icc_bomb),
    ("pdf-worst-memory", "pdf", "240 MiB of streams and a page of 8 MiB", pdf_worst_memory),
    ("pdf-panic", "pdf", "a page with `12 Tf` (pdf-extract panics)", pdf_panicking_page),
    ("pdf-book", "pdf", "a 1,000-page book (kerned lines)", pdf_book),
    ("pdf-content-60mb", "pdf", "pages with 60 MiB of content", lambda: pdf_content(60 * MIB)),
    ("pdf-content-70mb", "pdf", "pages with 70 MiB of content", lambda: pdf_content(70 * MIB)),
    ("txt-10mb", "txt", "10 MB of plain text", plain_text),
    ("txt-cr-10mb", "txt", "10 MB with old Mac line ends (CR)", lambda: plain_text(line_end="\r")),
    ("txt-utf32", "txt", "10 MB of UTF-32 with a byte-order mark", utf32_text),
    ("md-10mb", "md", "10 MB of Markdown", markdown),
    ("md-nested-quotes", "md", "100,000 nested block quotes", markdown_nested),
    ("md-brackets", "md", "500,000 `[` then `]`", markdown_brackets),
    ("docx-attributes", "docx", "a paragraph with 300,000 attributes", docx_attributes),
    ("docx-nested", "docx", "100,000 nested content controls", docx_nested),
]


def human(size):
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} B"


def measure(binary, path, out, timeout):
    """Exit code, stderr and stdout, wall seconds, peak RSS in MB."""
    command = ["/usr/bin/time", "-v", binary, "import", path, "--out", out, "--force"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"still running after {timeout} s", "", float(timeout), None
    stderr = run.stderr
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    seconds = None
    if wall:
        h, m, s = wall.groups()
        seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    ours = stderr[: stderr.find("\tCommand being timed")]
    return run.returncode, ours, run.stdout, seconds, int(rss.group(1)) / 1024 if rss else None


def outcome(code, stderr, path):
    """imported (with its warnings) or refused (the message), shortened."""
    lines = [l for l in stderr.splitlines() if l.strip() and not l.startswith("Command exited")]
    if code is None:
        return stderr
    shorten = lambda s: s.replace(path + ": ", "").replace("error: ", "").replace("warning: ", "")
    if code == 0:
        notes = "; ".join(shorten(l) for l in lines if "warning" in l)
        return "imported" + (f" ({notes})" if notes else "")
    message = shorten(lines[-1]) if lines else f"exit {code}"
    # The part before the advice, which the table need not repeat.
    message = message.split("; if it is a real")[0].removeprefix("refused: ")
    return "**refused**: " + message


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="target/release/briefmark")
    parser.add_argument("--only", action="append", help="run only inputs with this name")
    parser.add_argument("--extra", action="append", default=[], help="a real file to add")
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time: apt-get install time")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        todo = [i for i in INPUTS if not args.only or i[0] in args.only]
        for name, ext, what, build in todo:
            path = os.path.join(folder, f"{name}.{ext}")
            with open(path, "wb") as f:
                f.write(build())
            rows.append((f"`{name}.{ext}`: {what}", path))
        for extra in args.extra:
            rows.append((f"`{os.path.basename(extra)}` (real file)", extra))
        print("| input | size | outcome | wall time | peak memory |")
        print("|---|---|---|---|---|")
        for label, path in rows:
            out = os.path.join(folder, "out.briefmark.ron")
            code, stderr, _, seconds, rss = measure(args.binary, path, out, args.timeout)
            size = human(os.path.getsize(path))
            wall = f"{seconds:.2f} s" if seconds is not None else "?"
            memory = f"{rss:.0f} MB" if rss is not None else "?"
            print(f"| {label} | {size} | {outcome(code, stderr, path)} | {wall} | {memory} |", flush=True)
            if path.startswith(folder):
                os.remove(path)


if __name__ == "__main__":
    main()
