#!/usr/bin/env python3
"""Turns the benchmarks' results into the tables of docs/performance.md.

Reads criterion's `target/criterion/<group>/<bench>/new/estimates.json`
(the median of the samples' mean time per iteration) and the figures the
benches write beside them in `target/criterion/extra/*.json` (worst frames,
memory, the Taguette comparison), and rewrites the parts of
docs/performance.md between the `<!-- perf:NAME:start -->` and
`<!-- perf:NAME:end -->` markers. No number in those parts is typed by hand.

    cargo bench                          # or one bench: cargo bench --bench ui_frame
    python3 scripts/compare_taguette.py  # the peer comparison
    python3 scripts/perf_table.py        # rewrites docs/performance.md

`--print` prints the tables instead of writing the file. A figure whose
bench has not run shows as "not run".
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRITERION = os.environ.get("CRITERION_HOME") or os.path.join(
    os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "criterion")
DOC = os.path.join(ROOT, "docs", "performance.md")

UI = "cargo bench --bench ui_frame"
IO = "cargo bench --bench model_io"
START = "cargo bench --bench startup"
SCRIPTS = "cargo bench --bench scripts"

# (figure, kind, source, target, command). kind: "time" (criterion median,
# target in ms), "worst" (extra worst frame, ms), "ratio" (of two criterion
# medians), "pair" (extra: medians of two interleaved series and their
# ratio), "mb" (extra memory), "info" (criterion median, no target).
FIGURES = [
    ("UI frame: whole app + tessellation, 1 MB document (10,000 passages) scrolled to the middle, "
     "passage list and codebook pane open, idle", "time", "ui/frame_middle_idle", 1.0, UI),
    ("UI frame as above with the codebook editor window open too", "info",
     "ui/frame_middle_idle_codebook_window", None, UI),
    ("UI frame as above, the same document without passages (no map, tints, stripes or "
     "list rows)", "info", "ui/frame_middle_idle_no_passages", None, UI),
    ("Document view alone (no panels), with passages / without", "ratio",
     ("ui/view_alone_passages", "ui/view_alone_no_passages"), 1.5, UI),
    ("Document view alone, with the 10,000 passages", "info", "ui/view_alone_passages", None, UI),
    ("Document view alone, no passages", "info", "ui/view_alone_no_passages", None, UI),
    ("UI frame while scrolling (a jump each frame; re-lays out nothing: asserted)", "info",
     "ui/frame_scroll", None, UI),
    ("Create a passage there: model edit (`Intent::Code` on the selection, the passage "
     "index following it) + the next frame, which paints the passage (asserted; re-lays out "
     "nothing: asserted)", "time", "ui/create_passage", 0.5, UI),
    ("Issue 13: the frame that paints a new passage (as above) / a settled idle frame, "
     "interleaved in one loop (400 pairs, medians)", "pair", "ratio_create_passage_idle", 1.3, UI),
    ("Issue 13: the whole app on the 1 MB document with its 10,000 passages / the same "
     "without passages, interleaved in one loop (3,000 pairs of idle frames, medians)", "pair",
     "ratio_idle_with_without_passages", 1.2, UI),
    ("The same two ratios from criterion's separate runs: a new passage's frame / an idle "
     "frame", "ratio", ("ui/create_passage", "ui/frame_middle_idle"), None, UI),
    ("… and with / without passages", "ratio",
     ("ui/frame_middle_idle", "ui/frame_middle_idle_no_passages"), None, UI),
    ("Create a passage: the model edit alone (`Intent::Code`: the new passage through the "
     "history, the passage index updated), no frame", "info", "ui/create_passage_edit", None, UI),
    ("Create a passage, key press to painted: the one frame that receives the key, codes the "
     "selection and paints the passage (keys act before the panels are drawn)", "info",
     "ui/create_passage_key_to_painted", None, UI),
    ("Open the 1 MB document (.txt): bytes read → first painted frame with the visible blocks "
     "laid out", "time", "open/first_frame_1mb_txt", 150.0, UI),
    ("Open the 1 MB project (10,000 passages): bytes read → first painted frame", "time",
     "open/first_frame_1mb_project", 150.0, UI),
    ("Window resize (1360 ↔ 1300 px wide), the frame after it, 1 MB project", "worst",
     "ui/resize_frame", 16.0, UI),
    ("Zoom (reading font 17 ↔ 18 pt), the frame after it, 1 MB project", "worst",
     "ui/zoom_frame", 16.0, UI),
    ("Whole app on the 100,000-passage project with autosave on: the frame whose tick hands "
     "a due write to the worker (median); worst: every frame over three rounds of an edit and "
     "4.5 s of frames, through the write", "worst", "autosave/frame_100k_while_writing", 16.0, UI),
    ("File → Save on the 100,000-passage project, written on the autosaver's worker: the frame "
     "that asks (median); worst: every frame from the request until the file is written (the "
     "same save on the UI thread: `project_100k/save` below)", "worst", "save/frame_100k", 16.0,
     UI),
    ("Autosave's cost on the UI thread, 100,000 passages: one edit followed and a due tick / "
     "the copy of the project a due tick made before issue 13", "ratio",
     ("project_100k/autosave_ui_cost", "project_100k/clone"), 0.01, IO),
    ("An import as an undo step on the 100,000-passage project (`Edit::between`: the 1 MB "
     "project with its 10,000 passages merged in)", "info",
     "project_100k/edit_between_import", None, IO),
    ("Resident memory with the 1 MB project open (settled: the text in and near the view laid "
     "out; real window under Xvfb)", "mb", "memory/1mb_project", 250.0, START),
    ("Resident memory, headless (no GL driver), 1 MB project: before / project built / settled "
     "in the middle / after reading it all from start to end", "headless", "memory_headless_1mb",
     None, UI),
    ("Issue 14: idle frame, whole app on a 1 MiB Persian document (UTF-8, about half the "
     "characters) with 10,000 passages / the same in English, same run", "ratio",
     ("scripts/persian_frame_middle_idle", "scripts/english_frame_middle_idle"), 1.5, SCRIPTS),
    ("Issue 14: idle frame, the region's scripts mixed / English, same run", "ratio",
     ("scripts/mixed_frame_middle_idle", "scripts/english_frame_middle_idle"), 1.5, SCRIPTS),
    ("Issue 14: create a passage (edit + the frame that paints it), Persian / English, same run",
     "ratio", ("scripts/persian_create_passage", "scripts/english_create_passage"), 1.5, SCRIPTS),
    ("Issue 14: create a passage, mixed scripts / English, same run", "ratio",
     ("scripts/mixed_create_passage", "scripts/english_create_passage"), 1.5, SCRIPTS),
    ("Issue 14: open the 1 MiB document as a .txt (bytes → decoded, parsed, first painted "
     "frame), Persian / English, same run", "ratio",
     ("scripts/persian_open_txt", "scripts/english_open_txt"), 1.5, SCRIPTS),
    ("Issue 14: open as a .txt, mixed scripts / English, same run", "ratio",
     ("scripts/mixed_open_txt", "scripts/english_open_txt"), 1.5, SCRIPTS),
    ("Issue 14: first frame (project in memory → first painted frame), Persian / English, same run",
     "ratio", ("scripts/persian_first_frame", "scripts/english_first_frame"), 1.5, SCRIPTS),
    ("Issue 14: first frame, mixed scripts / English, same run", "ratio",
     ("scripts/mixed_first_frame", "scripts/english_first_frame"), 1.5, SCRIPTS),
    ("Issue 14: heap held by the app, settled in the middle, Persian / English (counted by the "
     "bench's allocator)", "heap", "persian", 1.5, SCRIPTS),
    ("Issue 14: heap held by the app, settled in the middle, mixed scripts / English", "heap",
     "mixed", 1.5, SCRIPTS),
    ("A paragraph laid out cold (a colour never used, so no galley cached), 600 px at 17 px: "
     "the brief's 20 long English paragraphs (13,263 characters) through egui", "info",
     "scripts/english_paragraphs_cold_20", None, SCRIPTS),
    ("The same for the 5 Persian paragraphs of `persian.txt` (980 characters) through the bidi "
     "layout", "info", "scripts/persian_paragraphs_cold_5", None, SCRIPTS),
    ("Open the 100,000-passage project (200 documents): read, parse, validate", "time",
     "project_100k/open", 500.0, IO),
    ("Save the 100,000-passage project (sort, RON, atomic write, fsync, .bak)", "time",
     "project_100k/save", 500.0, IO),
    ("Export the 100,000-passage project as CSV (render + atomic write)", "time",
     "project_100k/export_csv", 200.0, IO),
    ("Export the 100,000-passage project as QDPX", "time", "project_100k/export_qdpx", 1000.0, IO),
    ("Agreement, two coders, character level, 1 MB document (~10,000 passages each)", "time",
     "agreement_1mb/two_coders", 100.0, IO),
    ("Statistics (`stats::compute`), 100,000-passage project", "info", "project_100k/stats", None,
     IO),
    ("Statistics (`stats::compute`), 1 MB project", "info", "agreement_1mb/stats", None, IO),
    ("Passage index built from scratch (`PassageIndex::build`: on opening, and after edits "
     "beyond one passage), 1 MB project", "info", "model_1mb/passage_index_build", None, IO),
    ("Passage index following coding (`PassageIndex::update`): one passage added, then removed, "
     "1 MB project", "info", "model_1mb/passage_index_add_remove", None, IO),
    ("Document map as a library figure (`stats::document_map`; the strip beside the text is "
     "drawn from the passage index instead), 1 MB project", "info", "model_1mb/document_map", None,
     IO),
    ("Start-up to the first painted frame, bundled brief (release, glow, Xvfb): spawn → first "
     "frame painted", "time", "startup/first_painted_frame_brief", 500.0, START),
    ("Resident memory with the brief open (real window under Xvfb)", "mb", "memory/brief", 120.0,
     START),
    ("Resident memory with 20 MB of text as one paragraph open (laid out in pieces near the "
     "view; issue 12 found 4.1 GB before)", "mb", "memory/one_paragraph_20mb", 500.0, START),
    ("Resident memory with the same 20 MB of text in paragraphs open", "mb",
     "memory/paragraphs_20mb", 500.0, START),
]


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def median_ms(bench):
    est = read_json(os.path.join(CRITERION, *bench.split("/"), "new", "estimates.json"))
    if not est:
        return None
    return est["median"]["point_estimate"] / 1e6


def extra(name):
    return read_json(os.path.join(CRITERION, "extra", f"{name}.json"))


def fmt_ms(v):
    if v is None:
        return "not run"
    if v >= 100:
        return f"{v:.0f} ms"
    if v >= 10:
        return f"{v:.1f} ms"
    if v >= 1:
        return f"{v:.2f} ms"
    return f"{v:.3f} ms"


def verdict(value, target):
    if value is None or target is None:
        return ""
    return "met" if value <= target else f"**MISSED** ({value / target:.2f}× the target)"


def figure_rows():
    rows = []
    memory = extra("memory") or {}
    for figure, kind, source, target, command in FIGURES:
        if kind in ("time", "info"):
            v = median_ms(source)
            measured = fmt_ms(v)
            tgt = f"≤ {fmt_ms(target)} (median)" if target else "—"
            rows.append((figure, tgt, measured, verdict(v, target), command, source))
        elif kind == "worst":
            med = median_ms(source)
            worst = (extra(source.replace("/", "_") + "_worst") or {}).get("worst_ms")
            measured = f"{fmt_ms(med)} (worst {fmt_ms(worst)})"
            rows.append((figure, f"≤ {fmt_ms(target)} (every frame)", measured,
                         verdict(worst, target), command, source))
        elif kind == "ratio":
            a, b = (median_ms(s) for s in source)
            v = a / b if a and b else None
            measured = f"{v:.2f}× ({fmt_ms(a)} / {fmt_ms(b)})" if v else "not run"
            tgt = f"≤ {target}×" if target else "—"
            rows.append((figure, tgt, measured, verdict(v, target), command,
                         " / ".join(source)))
        elif kind == "pair":
            m = extra(source) or {}
            v = m.get("ratio")
            measured = (f"{v:.2f}× ({fmt_ms(m['a_median_ms'])} / {fmt_ms(m['b_median_ms'])})"
                        if v else "not run")
            rows.append((figure, f"≤ {target}×", measured, verdict(v, target), command,
                         f"criterion/extra/{source}.json"))
        elif kind == "heap":
            m = extra("scripts_memory") or {}
            a, b = m.get(source, {}), m.get("english", {})
            v = (a["app_settled_mib"] / b["app_settled_mib"]
                 if "app_settled_mib" in a and b.get("app_settled_mib") else None)
            measured = (f"{v:.2f}× ({a['app_settled_mib']:.1f} MiB / {b['app_settled_mib']:.1f} MiB; "
                        f"the project alone {a['project_mib']:.1f} / {b['project_mib']:.1f} MiB)"
                        if v else "not run")
            rows.append((figure, f"≤ {target}×", measured, verdict(v, target), command,
                         "criterion/extra/scripts_memory.json"))
        elif kind == "headless":
            m = extra(source)
            measured = (f"{m['rss_before_mb']:.0f} / {m['rss_project_built_mb']:.0f} / "
                        f"{m['rss_settled_mb']:.0f} / {m.get('rss_after_reading_all_mb', 0):.0f} MB"
                        if m else "not run")
            rows.append((figure, "—", measured, "", command, f"criterion/extra/{source}.json"))
        elif kind == "mb":
            m = memory.get(source)
            if m:
                shot = memory.get(source.replace("memory/", "screenshot_run/")) or {}
                measured = (f"{m['rss_settled_mb']:.0f} MB settled, peak {m['peak_rss_mb']:.0f} MB"
                            + (f" (`briefmark --screenshot`, which also encodes a PNG: max RSS "
                               f"{shot['max_rss_mb']:.0f} MB)" if "max_rss_mb" in shot else ""))
                v = m["peak_rss_mb"]
            else:
                measured, v = "not run", None
            rows.append((figure, f"≤ {target:.0f} MB (peak)", measured, verdict(v, target),
                         command, "criterion/extra/memory.json"))
    return rows


def table():
    out = ["| figure | target | measured | verdict | command |",
           "|---|---|---|---|---|"]
    for figure, target, measured, verdict_, command, source in figure_rows():
        out.append(f"| {figure} | {target} | {measured} | {verdict_} | `{command}` (`{source}`) |")
    memory = extra("memory") or {}
    for name in ("brief", "1mb_project", "one_paragraph_20mb", "paragraphs_20mb"):
        shot = memory.get(f"screenshot_run/{name}")
        if shot and "wall_ms" in shot:
            out.append(
                f"| `briefmark --screenshot` whole run ({name.replace('_', ' ')}: start, settle, "
                f"PNG, exit) | — | {fmt_ms(shot['wall_ms'])} | | `{START}` "
                f"(`screenshot_run/{name}`) |")
    return "\n".join(out)


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    try:
        rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        rustc = ""
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
            mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    memory = extra("memory") or {}
    lines = [
        f"- CPU: {cpu} × {os.cpu_count()} (`nproc`), {mem} RAM, no GPU (Mesa llvmpipe under Xvfb "
        f"for the window figures)",
        f"- OS: {platform.system()} {platform.release()}; {rustc}",
        f"- Load average when this table was made: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        + (f"; during the start-up/memory bench: {memory['load_average']}"
           if memory.get("load_average") else ""),
        f"- Results from: {_newest_result()}",
    ]
    return "\n".join(lines)


def _estimate_files():
    for dirpath, _, files in os.walk(CRITERION):
        if "estimates.json" in files and dirpath.endswith(os.sep + "new"):
            yield os.path.join(dirpath, "estimates.json")


def _newest_result():
    times = [os.path.getmtime(p) for p in _estimate_files()]
    if not times:
        return "no results"
    fmt = lambda t: datetime.datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M")
    return f"{fmt(min(times))} – {fmt(max(times))} (criterion result files)"


def corpus():
    one = extra("corpus_1mb") or {}
    big = extra("corpus_100k") or {}
    mb = lambda n: f"{n / 1e6:.1f} MB"
    lines = []
    if one:
        lines.append(f"- 1 MB document: its `.txt` {mb(one['txt_bytes'])}; the project file with "
                     f"its 10,000 passages {mb(one['project_file_bytes'])}.")
    if big:
        lines.append(
            f"- Large project: {big['documents']} documents ({mb(big['text_bytes'])} of text), "
            f"{big['passages']:,} passages of {big['mean_passage_chars']:.0f} characters on "
            f"average; project file {mb(big['project_file_bytes'])}, CSV {mb(big['csv_bytes'])}, "
            f"QDPX {mb(big['qdpx_bytes'])}.")
    counts = extra("frame_counts_1mb") or {}
    if counts:
        lines.append(
            f"- An idle frame of the whole app on the 1 MB project, scrolled to the middle: "
            f"{counts['shapes']:,} shapes ({counts['shapes_under_6pt']:,} of them under 6 points "
            f"wide or tall), {counts['vertices']:,} vertices after tessellation; its document "
            f"map has {counts['map_ranges']:,} code ranges; the document {counts['blocks']:,} "
            f"blocks.")
    return "\n".join(lines) or "Not run yet."


def comparison():
    r = extra("taguette_comparison")
    if not r:
        return "Not run yet: `python3 scripts/compare_taguette.py`."
    t, b = r["taguette"], r["briefmark"]
    rows = [
        ("per highlight, median", t["per_highlight_ms"]["median"], b["per_highlight_ms"]["median"]),
        ("per highlight, p95", t["per_highlight_ms"]["p95"], b["per_highlight_ms"]["p95"]),
        ("import the brief", t["import_ms"], b["import_ms"]),
        (f"{r['count']:,} highlights, one by one", t["highlights_total_ms"],
         b["highlights_total_ms"]),
        ("export CSV", t["export_ms"], b["export_ms"]),
        ("**end to end** (import + highlights + export)", t["end_to_end_ms"], b["end_to_end_ms"]),
    ]
    out = [f"| | {t['tool']} | briefmark | Taguette / briefmark |", "|---|---|---|---|"]
    for name, a, c in rows:
        out.append(f"| {name} | {fmt_ms(a)} | {fmt_ms(c)} | {a / c:.1f}× |")
    load = r.get("load_average", {})
    out.append("")
    out.append(
        f"Not in the end-to-end time: Taguette's server start-up ({fmt_ms(t['startup_ms'])}) and "
        f"creating its project and tags ({fmt_ms(t['setup_ms'])}). Load average "
        f"{load.get('before', [0])[0]:.2f} before, {load.get('after', [0])[0]:.2f} after. "
        f"Command: `{r['command']}`.")
    return "\n".join(out)


def replace(text, name, body):
    pattern = re.compile(rf"(<!-- perf:{name}:start -->\n).*?(<!-- perf:{name}:end -->)", re.S)
    if not pattern.search(text):
        sys.exit(f"docs/performance.md has no perf:{name} markers")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--print", action="store_true", help="print instead of writing")
    args = parser.parse_args()
    parts = {"machine": machine(), "corpus": corpus(), "table": table(),
             "taguette": comparison()}
    if args.print:
        for name, body in parts.items():
            print(f"## {name}\n{body}\n")
        return
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    for name, body in parts.items():
        text = replace(text, name, body)
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"updated {os.path.relpath(DOC, ROOT)}")


if __name__ == "__main__":
    main()
