#!/usr/bin/env python3
"""briefmark against Taguette on the same work (issue 7), timed in one run.

The work: import the bundled brief, add 1,000 highlights one by one, export
them as CSV.

- Taguette (PyPI `taguette`, installed into a venv under /tmp) runs in
  single-user mode bound to 127.0.0.1 on a free port, with a database in a
  temporary folder, and is stopped at the end. The brief is uploaded as
  HTML (its paragraphs as <p>, its <u> kept): Taguette converts .txt only
  through Calibre, HTML natively. The highlights go through the HTTP API
  the web page uses (`POST /api/project/<p>/document/<d>/highlight/new`
  with the XSRF cookie as header), one request at a time on one keep-alive
  connection, as the browser sends them; each request is timed until its
  answer arrives. The CSV comes from `/project/<p>/export/highlights/.csv`.
- briefmark: `cargo bench --bench highlights` opens the brief (.txt) and adds
  1,000 passages one by one, each timed as the user pays it: the model
  edit plus the next frame of the whole workbench (headless, tessellated);
  then the project is saved and `target/release/briefmark export --format
  csv` writes the CSV (a process, timed from spawn to exit).

Per-highlight latency (median, p95) and the end-to-end time (import +
highlights + export; server or window start-up excluded and shown apart)
of each, and the ratios, are printed and written to
target/criterion/extra/taguette_comparison.json, which
scripts/perf_table.py puts into docs/performance.md.

Run from the repository root:

    python3 scripts/compare_taguette.py [--count 1000]

Needs network access to PyPI the first time (pip install taguette).
Taguette's latency excludes its browser's re-render; briefmark's includes
its frame.
"""

import argparse
import html
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BRIEF = os.path.join(ROOT, "assets", "azerbaijan-russia-brief.txt")
VENV = "/tmp/briefmark-taguette-venv"
TAGUETTE_VERSION = "1.5.2"
TAGS = ["pretext", "cause", "bilateral", "regional", "actor", "instrument"]


def p95(values):
    v = sorted(values)
    return v[max(0, min(len(v), -(-len(v) * 95 // 100)) - 1)]


def summary(values):
    return {
        "median": statistics.median(values),
        "p95": p95(values),
        "mean": statistics.fmean(values),
        "max": max(values),
    }


def ensure_taguette():
    exe = os.path.join(VENV, "bin", "taguette")
    if not os.path.exists(exe):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run(
            [os.path.join(VENV, "bin", "pip"), "install", "-q",
             f"taguette=={TAGUETTE_VERSION}"],
            check=True,
        )
    return exe


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def brief_as_html():
    """The brief's paragraphs as <p>, its <u> tags kept; and its text length."""
    with open(BRIEF, encoding="utf-8") as f:
        source = f.read()
    paragraphs = [" ".join(line.strip() for line in block.splitlines() if line.strip())
                  for block in re.split(r"\n\s*\n", source)]
    paragraphs = [p for p in paragraphs if p]
    body = []
    chars = 0
    for p in paragraphs:
        # Escape, then let the brief's own <u>…</u> through.
        escaped = html.escape(p, quote=False)
        escaped = escaped.replace("&lt;u&gt;", "<u>").replace("&lt;/u&gt;", "</u>")
        body.append(f"<p>{escaped}</p>")
        chars += len(re.sub(r"</?u>", "", p))
    page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>brief</title></head><body>\n"
    return page + "\n".join(body) + "\n</body></html>\n", chars


class Client:
    """One keep-alive HTTP connection to 127.0.0.1 with a cookie jar."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        headers["Host"] = f"localhost:{self.port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        data = resp.read()
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                self.cookies[k.strip()] = rest.split(";", 1)[0].strip().strip('"')
        return resp.status, dict(resp.getheaders()), data

    def xsrf(self):
        return {"X-XSRFToken": self.cookies["_xsrf"]}

    def post_json(self, path, obj):
        headers = {"Content-Type": "application/json", **self.xsrf()}
        status, _, data = self.request("POST", path, json.dumps(obj), headers)
        if status != 200:
            raise RuntimeError(f"POST {path}: {status} {data[:300]!r}")
        return json.loads(data)

    def post_form(self, path, fields):
        body = urllib.parse.urlencode({**fields, "_xsrf": self.cookies["_xsrf"]})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body, headers)

    def post_multipart(self, path, fields, file_field, filename, content, content_type):
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in fields.items():
            parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; "
            f"filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n".encode()
            + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", **self.xsrf()}
        status, _, data = self.request("POST", path, b"".join(parts), headers)
        if status != 200:
            raise RuntimeError(f"POST {path}: {status} {data[:300]!r}")
        return json.loads(data)


def run_taguette(count, workdir):
    exe = ensure_taguette()
    port = free_port()
    data = os.path.join(workdir, "taguette")
    os.makedirs(data)
    env = dict(os.environ, HOME=data)
    t_start = time.perf_counter()
    server = subprocess.Popen(
        [exe, "--no-browser", "-b", "127.0.0.1", "-p", str(port),
         "--database", os.path.join(data, "taguette.sqlite3")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True,
    )
    log = []
    try:
        token = None
        deadline = time.time() + 120
        while token is None:
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("Taguette did not start:\n" + "".join(log[-30:]))
            line = server.stdout.readline()
            log.append(line)
            m = re.search(r"http://localhost:\d+/\?token=(\S+)", line)
            if m:
                token = m.group(1)
        # Drain the server's log so its pipe never fills.
        import threading
        threading.Thread(target=lambda: [log.append(l) for l in server.stdout], daemon=True).start()
        c = Client(port)
        status, _, _ = c.request("GET", f"/?token={token}")
        startup = time.perf_counter() - t_start
        assert "user" in c.cookies, f"no login cookie ({status})"
        c.request("GET", "/project/new")
        assert "_xsrf" in c.cookies, "no XSRF cookie"

        t = time.perf_counter()
        status, headers, body = c.post_form("/project/new", {"name": "brief", "description": ""})
        location = headers.get("Location", "")
        m = re.search(r"/project/(\d+)", location)
        if not m:
            raise RuntimeError(f"project not created: {status} {body[:300]!r}")
        project = int(m.group(1))
        tags = [c.post_json(f"/api/project/{project}/tag/new",
                            {"path": name, "description": ""})["id"] for name in TAGS]
        setup = time.perf_counter() - t

        page, chars = brief_as_html()
        t = time.perf_counter()
        document = c.post_multipart(
            f"/api/project/{project}/document/new",
            {"name": "azerbaijan-russia-brief", "description": "", "text_direction": "LEFT_TO_RIGHT"},
            "file", "azerbaijan-russia-brief.html", page.encode("utf-8"), "text/html",
        )["created"]
        imported = time.perf_counter() - t

        rng = random.Random(7)
        latencies = []
        t_all = time.perf_counter()
        for i in range(count):
            start = rng.randrange(chars - 400)
            end = start + 20 + rng.randrange(300)
            t = time.perf_counter()
            c.post_json(f"/api/project/{project}/document/{document}/highlight/new",
                        {"start_offset": start, "end_offset": end, "tags": [tags[i % len(tags)]]})
            latencies.append((time.perf_counter() - t) * 1e3)
        highlights = time.perf_counter() - t_all

        t = time.perf_counter()
        status, _, csv_bytes = c.request("GET", f"/project/{project}/export/highlights/.csv")
        export = time.perf_counter() - t
        if status != 200:
            raise RuntimeError(f"export: {status}")
        rows = csv_bytes.decode("utf-8").count("\n") - 1
        if rows < count:
            raise RuntimeError(f"the CSV has {rows} rows, not {count}")
        return {
            "tool": f"Taguette {TAGUETTE_VERSION}",
            "per_highlight_ms": summary(latencies),
            "startup_ms": startup * 1e3,
            "setup_ms": setup * 1e3,
            "import_ms": imported * 1e3,
            "highlights_total_ms": highlights * 1e3,
            "export_ms": export * 1e3,
            "csv_rows": rows,
        }
    finally:
        # Stop the server we started (its own process group), then reap it.
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.wait()


def run_briefmark(count, workdir):
    out = os.path.join(workdir, "briefmark")
    os.makedirs(out)
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    subprocess.run(
        ["cargo", "bench", "-q", "--bench", "highlights", "--", "--out", out,
         "--count", str(count)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    with open(os.path.join(out, "briefmark-highlights.json")) as f:
        result = json.load(f)
    exe = os.path.join(ROOT, "target", "release", "briefmark")
    csv_path = os.path.join(out, "highlights.csv")
    t = time.perf_counter()
    subprocess.run([exe, "export", "--format", "csv", "--out", csv_path, result["project"]],
                   check=True)
    export = time.perf_counter() - t
    with open(csv_path, encoding="utf-8") as f:
        rows = sum(1 for _ in f) - 1
    if rows < count:
        raise RuntimeError(f"briefmark's CSV has {rows} rows, not {count}")
    result["tool"] = "briefmark"
    result["export_ms"] = (result.pop("save_ms") + export * 1e3)
    result["csv_rows"] = rows
    return result


def end_to_end(r):
    return r["import_ms"] + r["highlights_total_ms"] + r["export_ms"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="briefmark-vs-taguette-")
    try:
        load_before = os.getloadavg()
        taguette = run_taguette(args.count, workdir)
        briefmark = run_briefmark(args.count, workdir)
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for r in (taguette, briefmark):
        r["end_to_end_ms"] = end_to_end(r)
    result = {
        "count": args.count,
        "taguette": taguette,
        "briefmark": briefmark,
        "ratio_per_highlight_median": taguette["per_highlight_ms"]["median"]
        / briefmark["per_highlight_ms"]["median"],
        "ratio_per_highlight_p95": taguette["per_highlight_ms"]["p95"]
        / briefmark["per_highlight_ms"]["p95"],
        "ratio_end_to_end": taguette["end_to_end_ms"] / briefmark["end_to_end_ms"],
        "load_average": {"before": load_before, "after": load_after},
        "command": "python3 scripts/compare_taguette.py",
    }
    print(f"{'':28}{'Taguette':>14}{'briefmark':>14}{'ratio':>9}")
    rows = [
        ("per highlight, median (ms)", taguette["per_highlight_ms"]["median"],
         briefmark["per_highlight_ms"]["median"]),
        ("per highlight, p95 (ms)", taguette["per_highlight_ms"]["p95"],
         briefmark["per_highlight_ms"]["p95"]),
        ("import (ms)", taguette["import_ms"], briefmark["import_ms"]),
        (f"{args.count} highlights (ms)", taguette["highlights_total_ms"],
         briefmark["highlights_total_ms"]),
        ("export CSV (ms)", taguette["export_ms"], briefmark["export_ms"]),
        ("end to end (ms)", taguette["end_to_end_ms"], briefmark["end_to_end_ms"]),
    ]
    for name, a, b in rows:
        print(f"{name:28}{a:14.2f}{b:14.2f}{a / b:9.1f}")
    print(f"Taguette server start-up {taguette['startup_ms']:.0f} ms, project and tags "
          f"{taguette['setup_ms']:.0f} ms (not in end to end); load average "
          f"{load_before[0]:.2f} -> {load_after[0]:.2f}")
    out_dir = os.path.join(ROOT, "target", "criterion", "extra")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "taguette_comparison.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(f"wrote {os.path.join(out_dir, 'taguette_comparison.json')}")


if __name__ == "__main__":
    main()
