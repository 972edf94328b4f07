#!/usr/bin/env python3
"""Writes tests/fixtures/qualcoder/*.qdpx with QualCoder's own REFI-QDA exporter.

Usage:
    QT_QPA_PLATFORM=offscreen python scripts/qualcoder_refi_fixture.py QUALCODER_CHECKOUT OUT_DIR

QUALCODER_CHECKOUT is a checkout of https://github.com/ccbogel/QualCoder (the
folder holding src/qualcoder). Needs PyQt6 and charset_normalizer; nothing of
QualCoder is copied into briefmark.

What runs is QualCoder's own code, each function taken from its source file:
  - MainWindow.new_project (src/qualcoder/__main__.py) creates the project and
    its SQLite database; only its file dialog is answered;
  - DialogManageFiles.load_file_text (manage_files.py) imports the two text
    files (it decodes them, drops a byte-order mark and turns CRLF into LF);
  - DialogCodeText.mark (code_text.py) codes each selection from a real
    QPlainTextEdit selection (so `seltext` is Qt's selectedText(), with
    U+2029 where a selection crosses a line end);
  - RefiExport (refi.py) writes the .qdpx, with only the line-endings dialog
    and the directory chooser answered.
These functions are compiled from QualCoder's source and run against a small
stand-in for the window object they are methods of (the widgets they touch
are real Qt widgets); they are not imported through their modules because
those modules import QualCoder's AI stack (langchain, torch, faiss), which
has no part in exporting. For the same reason `qualcoder.ai_llm` is replaced
by a stub before `qualcoder.app` is imported. Codes and categories are
inserted with the SQL of code_tree.py (add_code / add_category), since
their dialogs only ask for a name.
"""

import ast
import os
import sqlite3
import sys
import tempfile
import types
import zipfile
from pathlib import Path

# Two sources in several scripts. The first is saved as Windows Notepad would
# (UTF-8 with a byte-order mark, CRLF line ends), which QualCoder's import
# normalises; the second as plain UTF-8 with LF line ends.
INTERVIEW = (
    "Interview 1 — Baku\n"
    "Նիկոլ Փաշինյան spoke first; ნინო ბერიძე answered.\n"
    "Россия наблюдала за переговорами.\n"
    "گفتگو در باکو ادامه یافت.\n"
    "\n"
    "The second paragraph — after a blank line.\n"
)
FIELD_NOTES = (
    "Field notes — Tbilisi, May\n"
    "ნინო ბერიძე: «Мы ждём».\n"
    "Նիկոլ Փաշինյան did not reply.\n"
    "سپس همه رفتند.\n"
)

# (file, code, coder, selected text, memo): each selection is the first
# occurrence of its text.
CODINGS = [
    ("Interview 1.txt", "Place", "Ana", "Interview 1 — Baku", ""),
    ("Interview 1.txt", "Person", "Ana", "Նիկոլ Փաշինյան", ""),
    ("Interview 1.txt", "Person", "Ana", "ნინო ბერიძე", "Named twice.\nSee field notes."),
    ("Interview 1.txt", "Reaction", "Bob", "answered.\nРоссия наблюдала", ""),
    ("Interview 1.txt", "Place", "Bob", "گفتگو در باکو", ""),
    ("Interview 1.txt", "Reaction", "Bob", "ادامه یافت.\n\nThe second paragraph", ""),
    ("Field notes.txt", "Place", "Ana", "Tbilisi", ""),
    ("Field notes.txt", "Reaction", "Ana", "«Мы ждём»", "A quote in a quote."),
    ("Field notes.txt", "Person", "Bob", "Նիկոլ Փաշինյան", ""),
    ("Field notes.txt", "Reaction", "Bob", "did not reply.\nسپس همه رفتند.", ""),
]


def method(source: Path, cls: str, name: str, namespace: dict):
    """Compiles method `name` of class `cls` from QualCoder's `source`."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == name:
                    module = ast.Module(body=[item], type_ignores=[])
                    exec(compile(module, str(source), "exec"), namespace)
                    return namespace[name]
    raise SystemExit(f"{cls}.{name} not found in {source}")


class Stand:
    """Any attribute not set is a no-op (refreshing views, tooltips, tabs),
    and so is any attribute of that."""

    def __init__(self, **attrs):
        self.__dict__.update(attrs)

    def __getattr__(self, name):
        return Stand()

    def __call__(self, *args, **kwargs):
        return None


def stub_ai():
    """QualCoder's app module imports ai_llm (langchain, torch); export needs none of it."""
    ai = types.ModuleType("qualcoder.ai_llm")
    ai.get_default_ai_models = lambda: []
    ai.update_ai_models = lambda *a, **k: None
    ai.AiLLM = lambda *a, **k: None
    sys.modules["qualcoder.ai_llm"] = ai


def main():
    checkout, out_dir = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    src = checkout / "src" / "qualcoder"
    work = Path(tempfile.mkdtemp(prefix="qc-fixture-"))
    os.environ["HOME"] = str(work)  # ~/.qualcoder: config and export staging
    (work / ".qualcoder").mkdir()  # made by QualCoder's start-up, not by App
    sys.path.insert(0, str(checkout / "src"))
    stub_ai()

    import builtins
    import datetime
    import logging
    import re
    import shutil

    from PyQt6 import QtCore, QtGui, QtWidgets

    app_qt = QtWidgets.QApplication(sys.argv)
    from qualcoder import refi
    from qualcoder.app import App
    from qualcoder.helpers import Message, get_default_user_directory
    from qualcoder.text_decoding import decode_text_with_best_encoding

    Message.exec = lambda self: None  # information boxes
    base = {
        "_": builtins._, "datetime": datetime, "logger": logging.getLogger("qc"),
        "Path": Path, "QtWidgets": QtWidgets, "QtCore": QtCore, "QtGui": QtGui,
        "Message": Message, "re": re, "sqlite3": sqlite3,
    }

    # 1. The project, by MainWindow.new_project.
    project_base = work / "fixture"
    QtWidgets.QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(project_base), True))
    ns = dict(base, App=App, AiLLM=lambda *a, **k: None,
              get_default_user_directory=get_default_user_directory)
    new_project = method(src / "__main__.py", "MainWindow", "new_project", ns)
    window = Stand(app=App(), project={}, ui=Stand(textEdit=QtWidgets.QTextEdit()))
    window.setWindowTitle = lambda *a: None
    new_project(window)
    app = window.app
    app.settings["ai_enable"] = "False"
    app.settings["codername"] = "Ana"
    print("project:", app.project_path, "DB", app.conn.execute("select databaseversion from project").fetchone())

    # 2. Text files imported by DialogManageFiles.load_file_text.
    inputs = work / "inputs"
    inputs.mkdir()
    (inputs / "Interview 1.txt").write_bytes(b"\xef\xbb\xbf" + INTERVIEW.replace("\n", "\r\n").encode())
    (inputs / "Field notes.txt").write_bytes(FIELD_NOTES.encode())
    ns = dict(base, decode_text_with_best_encoding_helper=decode_text_with_best_encoding,
              QProgressDialog=QtWidgets.QProgressDialog)
    load_file_text = method(src / "manage_files.py", "DialogManageFiles", "load_file_text", ns)
    load_pseudonyms = method(src / "manage_files.py", "DialogManageFiles", "load_pseudonyms", dict(ns))
    manage = Stand(app=app, source=[], av_dialog_open=None, parent_text_edit=QtWidgets.QTextEdit())
    manage.load_pseudonyms = lambda: load_pseudonyms(manage)
    for name in ("Interview 1.txt", "Field notes.txt"):
        # As DialogManageFiles.import_files: copy into documents/, then load.
        shutil.copyfile(inputs / name, Path(app.project_path) / "documents" / name)
        assert load_file_text(manage, str(inputs / name), notify=False)
    app.conn.execute("update source set memo=? where name=?", ("Recorded in Baku.", "Interview 1.txt"))

    # 3. Codes (code_tree.py add_category / add_code SQL), one in a category.
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    cur = app.conn.cursor()
    cur.execute("insert into code_cat (name, memo, owner, date, supercatid) values(?,?,?,?,?)",
                ("Actors", "People and states.", "Ana", now, None))
    catid = cur.lastrowid
    colors = {"Place": "#F781F3", "Person": "#81BEF7", "Reaction": "#F3E2A9"}
    cids = {}
    for code in ("Place", "Person", "Reaction"):
        cur.execute("insert into code_name (name,memo,owner,date,catid,color,supercid) values(?,?,?,?,?,?,?)",
                    (code, f"{code} memo" if code == "Reaction" else "", "Ana", now,
                     catid if code == "Person" else None, colors[code], None))
        cids[code] = cur.lastrowid
    app.conn.commit()

    # 4. Codings by DialogCodeText.mark on a real QPlainTextEdit selection.
    mark = method(src / "code_text.py", "DialogCodeText", "mark", dict(base))
    editor = QtWidgets.QPlainTextEdit()
    codes = [{"cid": c, "name": n, "color": colors[n]} for n, c in cids.items()]
    expected = []
    for file_name, code, coder, quote, memo in CODINGS:
        fid, fulltext = cur.execute("select id, fulltext from source where name=?", (file_name,)).fetchone()
        editor.setPlainText(fulltext)
        pos0 = fulltext.index(quote)
        cursor = editor.textCursor()
        cursor.setPosition(pos0)
        cursor.setPosition(pos0 + len(quote), QtGui.QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        item = QtWidgets.QTreeWidgetItem([code, f"cid:{cids[code]}"])
        app.settings["codername"] = coder
        coder_view = Stand(app=app, file_={"id": fid, "start": 0}, codes=codes, code_text=[],
                           recent_codes=[], ui=Stand(plainTextEdit=editor, tabWidget=QtWidgets.QTabWidget(),
                                                      treeWidget=Stand(currentItem=lambda item=item: item)))
        mark(coder_view)
        if memo:
            cur.execute("update code_text set memo=? where fid=? and pos0=?", (memo, fid, pos0))
        expected.append((file_name, pos0, pos0 + len(quote), quote))
    app.conn.commit()

    # 5. RefiExport, in both line-end modes.
    out_dir.mkdir(parents=True, exist_ok=True)
    for mode, maxqda in (("default", False), ("maxqda-crlf", True)):
        export_dir = work / f"export-{mode}"
        export_dir.mkdir()
        refi.RefiLineEndings.exec = lambda self, maxqda=maxqda: self.ui.radioButton_maxqda.setChecked(maxqda)
        QtWidgets.QFileDialog.getExistingDirectory = staticmethod(lambda *a, d=export_dir: str(d))
        refi.RefiExport(app, QtWidgets.QTextEdit(), "project")
        (written,) = export_dir.glob("*.qdpx")
        target = out_dir / f"qualcoder-{mode}.qdpx"
        shutil.copyfile(written, target)
        with zipfile.ZipFile(target) as z:
            print(target.name, sorted(z.namelist()))
    for row in expected:
        print("%-16s %4d %4d %r" % row)
    del app_qt


if __name__ == "__main__":
    main()
