#!/usr/bin/env python3
"""lsp_session — `cjm lsp` driven as an editor drives it, one scenario per
CTest: framed JSON-RPC on the server's standard input, its answers and
notifications read back and checked against what `cjm check` and `cjm fmt`
say of the same text.

    lsp_session.py --list                 the scenarios
    lsp_session.py CJM STDLIB SCENARIO    run one (exit 0 when it passes)

Python 3 standard library only.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import ProtocolError, Server, frame, pos, rng, uri_of, utf16_len  # noqa: E402

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


def check(cond, what, *details):
    if not cond:
        raise AssertionError(what + ("".join("\n  " + repr(d) for d in details)))


class Env:
    """The binary, the standard library and a scratch directory."""

    def __init__(self, cjm, stdlib):
        self.cjm = cjm
        self.stdlib = stdlib
        self.dir = tempfile.mkdtemp(prefix="cjm-lsp-")
        self.env = dict(os.environ, CJM_STDLIB=stdlib)
        self.env.pop("CJM_PATH", None)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def server(self, *args):
        return Server(self.cjm, args, cwd=self.dir, env=self.env)

    def run(self, *args):
        return subprocess.run([self.cjm, *args], cwd=self.dir, env=self.env, capture_output=True)

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def doc(uri):
    return {"textDocument": {"uri": uri}}


def at(uri, line, character):
    return {"textDocument": {"uri": uri}, "position": pos(line, character)}


def apply_edits(text, edits):
    """Applies LSP TextEdits (UTF-16 positions) to text."""
    lines = text.split("\n")

    def offset(p):
        before = sum(len(l) + 1 for l in lines[:p["line"]])
        line = lines[p["line"]] if p["line"] < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= p["character"]:
                return before + i
            units += utf16_len(ch)
        return before + len(line)

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                    reverse=True):
        a, b = offset(e["range"]["start"]), offset(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
        lines = text.split("\n")
    return text


def initialized(env, *args, **kw):
    s = env.server(*args)
    s.initialize(**kw)
    return s


# ---- journeys used below ------------------------------------------------------------

PERSONAS = '''persona mia "Mia, first-time buyer"
  role "Student"

persona bob "Bob"
'''

JOURNEY = '''use "personas"
use "b2c"

journey "Buying"

channel shop "Shop"

stage consider
  step look "Looks around" by mia via web
    feel -1 "lost"
    pain "Too many models"

  step ask "Asks" by bob via shop
    feel +2 "helped"
    next look
'''

# ---- lifecycle --------------------------------------------------------------------------


@scenario
def exit_after_shutdown_is_0(env):
    with env.server() as s:
        r = s.initialize()
        check(r["capabilities"]["positionEncoding"] == "utf-16", "utf-16 by default", r)
        check(s.shutdown_and_exit() == 0, "exit after shutdown: status 0")


@scenario
def exit_without_shutdown_is_1(env):
    with env.server() as s:
        s.initialize()
        s.notify("exit")
        check(s.proc.wait(timeout=10) == 1, "exit without shutdown: status 1")


@scenario
def requests_before_initialize_and_after_shutdown_fail(env):
    with env.server() as s:
        e = s.request_error("textDocument/hover", at("file:///x.cjm", 0, 0))
        check(e["code"] == -32002, "not initialized: -32002", e)
        s.initialize()
        e = s.request_error("initialize", {"capabilities": {}})
        check(e["code"] == -32600, "initialize twice", e)
        s.request("shutdown")
        e = s.request_error("workspace/symbol", {"query": ""})
        check(e["code"] == -32600, "after shutdown: invalid request", e)
        s.notify("exit")
        check(s.proc.wait(timeout=10) == 0, "exit 0")


# ---- diagnostics ------------------------------------------------------------------------

CHECK_LINE = re.compile(r"^(.*?):(\d+):(\d+): (error|warning|note): (.*?)(?: \[([^\]]+)\])?$")


def check_output(env, path, *args):
    """cjm check's diagnostics: [(line, col, severity, message, name, [notes])]."""
    out = env.run("check", "--color=never", *args, path).stderr.decode()
    diags = []
    for line in out.splitlines():
        m = CHECK_LINE.match(line)
        if not m:
            continue
        _, l, c, sev, msg, name = m.groups()
        if sev == "note":
            diags[-1][5].append((int(l), int(c), msg))
        else:
            diags.append((int(l), int(c), sev, msg, (name or "").replace("-Werror=", ""), []))
    return diags


def code_point_column(lines, position):
    """cjm's 1-based column (code points) of an LSP position (UTF-16)."""
    line = lines[position["line"]] if position["line"] < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= position["character"]:
            return i + 1
        units += utf16_len(ch)
    return len(line) + 1


def same_as_check(env, published, path, *args):
    want = check_output(env, path, *args)
    lines = open(path, encoding="utf-8").read().split("\n")
    check(len(published) == len(want), "as many diagnostics as cjm check", published, want)
    for d, (l, c, sev, msg, name, notes) in zip(published, want):
        where = (d["range"]["start"]["line"] + 1, code_point_column(lines, d["range"]["start"]))
        check(where == (l, c), "the place of cjm check's diagnostic", d, (l, c, msg))
        check(d["severity"] == (1 if sev == "error" else 2), "severity", d, sev)
        check(d["code"] == name, "the name as code", d, name)
        check(d["message"].split("\n")[0] == msg, "the message", d, msg)
        related = [(r["location"]["range"]["start"]["line"] + 1, r["message"]) for r in d.get("relatedInformation", [])]
        for nl, nc, nmsg in notes:
            check((nl, nmsg) in related or ("note: " + nmsg) in d["message"], "every note kept", d, nmsg)
    return want


@scenario
def diagnostics_are_those_of_cjm_check(env):
    text = ('journey "T"\n\npersona mia "Mia"\npersona bob\nchannel web\nchannel unused_one\n\n'
            'stage s\n  step a "A" by mai via wbe\n    feel -3\n  step b\n    pian "x"\n\nstage empty\n')
    path = env.write("j.cjm", text)
    with initialized(env) as s:
        s.open(uri_of(path), text)
        published = s.diagnostics(uri_of(path))
        want = same_as_check(env, published, path)
        check({"unknown-ref", "scale"} <= {d["code"] for d in published}, "errors named", published)
        # the did-you-mean note points at the declaration
        mai = [d for d in published if "'mai'" in d["message"]][0]
        check(mai["relatedInformation"][0]["location"]["range"]["start"] == pos(2, 8), "note at mia", mai)
        check(len(want) >= 4, "the example has errors", want)
        # a clean text: the warnings of check, then none
        clean = 'journey "T"\npersona mia\nchannel web\nstage s\n  step a by mia via web\n    feel 1\n'
        s.change(uri_of(path), 2, [{"text": clean}])
        env.write("j.cjm", clean)
        same_as_check(env, s.diagnostics(uri_of(path)), path)


@scenario
def warning_options_from_initialization(env):
    text = 'journey "T"\npersona mia\npersona ghost\nchannel web\nstage s\n  step a by mia via web\n    feel 2\n  step b by mia via web\n    feel -2\n'
    path = env.write("w.cjm", text)
    with initialized(env) as s:
        s.open(uri_of(path), text)
        d = s.diagnostics(uri_of(path))
        check([x["code"] for x in d] == ["unused"], "unused by default, no cliff", d)
        same_as_check(env, d, path)
    with initialized(env, options={"warnings": ["-Wno-unused", "-Wcx", "-Werror=cliff"]}) as s:
        s.open(uri_of(path), text)
        d = s.diagnostics(uri_of(path))
        check([x["code"] for x in d] == ["cliff"], "unused off, cliff on", d)
        check(d[0]["severity"] == 1, "-Werror=cliff makes it an error", d)
        same_as_check(env, d, path, "-Wno-unused", "-Wcx", "-Werror=cliff")
    # the error cap: maxErrors, and a closing note on what was left out
    many = 'journey "T"\n' + "".join("stage s%d\n  step a%d by nobody%d\n" % (i, i, i) for i in range(8))
    mpath = env.write("many.cjm", many)
    with initialized(env, options={"maxErrors": 3}) as s:
        s.open(uri_of(mpath), many)
        d = s.diagnostics(uri_of(mpath))
        check([x["severity"] for x in d] == [1, 1, 1, 3] and d[3]["message"].startswith("5 more errors not shown"),
              "three errors, then a note on the five left out", d)
    # includeDirs: a module found only there
    os.makedirs(os.path.join(env.dir, "shared"), exist_ok=True)
    env.write("shared/team.cjm", "persona lead\n")
    upath = env.write("uses.cjm", 'use "team"\njourney "U"\nstage s\n  step a by lead\n')
    utext = open(upath, encoding="utf-8").read()
    with initialized(env) as s:
        s.open(uri_of(upath), utext)
        d = s.diagnostics(uri_of(upath))
        check([x["code"] for x in d][:1] == ["use-not-found"], "not found without includeDirs", d)
    with initialized(env, options={"includeDirs": [os.path.join(env.dir, "shared")]}) as s:
        s.open(uri_of(upath), utext)
        check(s.diagnostics(uri_of(upath)) == [], "found through includeDirs")
        items = s.request("textDocument/completion", at(uri_of(upath), 0, 5))
        check("team" in labels(items), "and offered inside use \"", labels(items))
    with env.server() as s:
        e = s.request_error("initialize", {"capabilities": {}, "initializationOptions": {"warnings": ["-Wnonsense"]}})
        check(e["code"] == -32602 and "nonsense" in e["message"], "an unknown warning is refused", e)
    # on the command line too
    with initialized(env, "-Wno-unused") as s:
        s.open(uri_of(path), text)
        check(s.diagnostics(uri_of(path)) == [], "-Wno-unused on the command line")


@scenario
def utf16_positions_after_a_supplementary_character(env):
    # 𠮷 (U+20BB7) is two UTF-16 units; CJK text before the name
    line = '  step 𠮷 "吉野家で𠮷を食べる" by 小美x'
    text = 'journey "T"\npersona 小美\nstage s\n' + line + '\n'
    path = env.write("u.cjm", text)
    start16 = utf16_len(line[:line.index("小美x")])
    end16 = start16 + utf16_len("小美x")
    with initialized(env) as s:
        s.open(uri_of(path), text)
        d = [x for x in s.diagnostics(uri_of(path)) if x["code"] == "unknown-ref"]
        check(len(d) == 1, "one unknown persona", d)
        check(d[0]["range"] == rng(3, start16, 3, end16), "the squiggle under 小美x in UTF-16", d[0]["range"],
              (start16, end16))
        check(start16 == line.index("小美x") + 2, "the test line has two surrogate pairs before the name")
        # hover on the declaration through a UTF-16 position
        h = s.request("textDocument/hover", at(uri_of(path), 1, 9))
        check("小美" in h["contents"]["value"], "hover on 小美", h)
    with initialized(env, encodings=["utf-8", "utf-16"]) as s:
        s.open(uri_of(path), text)
        d = [x for x in s.diagnostics(uri_of(path)) if x["code"] == "unknown-ref"]
        b = line.encode().index("小美x".encode())
        check(d[0]["range"] == rng(3, b, 3, b + len("小美x".encode())), "in UTF-8 bytes when negotiated", d[0])
    with initialized(env, encodings=["utf-32"]) as s:
        s.open(uri_of(path), text)
        d = [x for x in s.diagnostics(uri_of(path)) if x["code"] == "unknown-ref"]
        c = line.index("小美x")
        check(d[0]["range"]["start"]["character"] == c, "in code points, as cjm's columns, for utf-32", d[0])
        cols = check_output(env, path)
        check(cols[0][1] == c + 1, "cjm check's column agrees", cols)


@scenario
def incremental_changes_are_applied(env):
    text = 'journey "T"\npersona 𠮷子\nstage s\n  step a by 𠮷子\n'
    path = env.write("i.cjm", text)
    u = uri_of(path)
    with initialized(env) as s:
        s.open(u, text)
        check(s.diagnostics(u) == [], "clean at first")
        # replace 子 (after 𠮷, two UTF-16 units: characters 14..15 on line 3) by 了
        s.change(u, 2, [{"range": rng(3, 14, 3, 15), "text": "了"}])
        d = s.diagnostics(u)
        check(len(d) == 1 and d[0]["code"] == "unknown-ref" and "𠮷了" in d[0]["message"], "the edit applied", d)
        check(d[0]["range"] == rng(3, 12, 3, 15), "and located in UTF-16", d[0]["range"])
        # two changes in one notification: insert a line, then fix the name
        s.change(u, 3, [{"range": rng(2, 0, 2, 0), "text": "channel web\n"},
                        {"range": rng(4, 14, 4, 15), "text": "子"}])
        d = s.diagnostics(u)
        check([x["code"] for x in d] == ["unused"], "both applied in order", d)
        # the published version follows the editor's
        s.change(u, 7, [{"range": rng(2, 0, 3, 0), "text": ""}])
        n = s.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == u)
        check(n["version"] == 7 and n["diagnostics"] == [], "version 7, clean", n)
        # the disk was never written: diagnostics come from the editor's text
        check(open(path, encoding="utf-8").read() == text, "disk untouched")


@scenario
def editing_a_module_republishes_its_users(env):
    mod = env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    with initialized(env) as s:
        s.open(uri_of(jp), JOURNEY)
        check(s.diagnostics(uri_of(jp)) == [], "clean with the module on disk")
        s.open(uri_of(mod), PERSONAS)
        s.diagnostics(uri_of(mod))
        # unsaved edit of the module: bob renamed to rob
        s.change(uri_of(mod), 2, [{"range": rng(3, 8, 3, 11), "text": "rob"}])
        got = s.diagnostics(uri_of(jp))
        if not got:  # the journey's republication may come after the module's
            got = s.diagnostics(uri_of(jp))
        check(any(d["code"] == "unknown-ref" and "'bob'" in d["message"] for d in got),
              "the journey sees the module's unsaved text", got)
        # closing the module: the journey reads the file on disk again
        s.notify("textDocument/didClose", doc(uri_of(mod)))
        for _ in range(3):
            got = s.diagnostics(uri_of(jp))
            if got == []:
                break
        check(got == [], "back to the disk's text after close", got)
        # an error inside a used module is shown at the `use` that reads it
        s.open(uri_of(mod), PERSONAS + "persona\n")
        for _ in range(3):
            got = s.diagnostics(uri_of(jp))
            if got:
                break
        check(got and got[0]["range"]["start"]["line"] == 0 and "personas.cjm" in got[0]["message"],
              "a module's error at its use", got)


# ---- navigation --------------------------------------------------------------------------


@scenario
def definition_into_used_files_and_the_stdlib(env):
    mod = env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    with initialized(env) as s:
        s.open(uri_of(jp), JOURNEY)
        s.diagnostics(uri_of(jp))
        lines = JOURNEY.split("\n")
        ln = next(i for i, l in enumerate(lines) if "by mia" in l)
        r = s.request("textDocument/definition", at(uri_of(jp), ln, lines[ln].index("mia") + 1))
        check(r["uri"] == uri_of(mod) and r["range"] == rng(0, 8, 0, 11), "mia is declared in personas.cjm", r)
        r = s.request("textDocument/definition", at(uri_of(jp), ln, lines[ln].index("web") + 1))
        std = uri_of(os.path.realpath(os.path.join(env.stdlib, "b2c.cjm")))
        check(r["uri"] == std, "web is declared by the standard library's b2c", r)
        stdlines = open(os.path.join(env.stdlib, "b2c.cjm"), encoding="utf-8").read().split("\n")
        check("web" in stdlines[r["range"]["start"]["line"]], "at its declaration line", r, stdlines[r["range"]["start"]["line"]])
        r = s.request("textDocument/definition", at(uri_of(jp), 0, 7))
        check(r["uri"] == uri_of(mod) and r["range"]["start"] == pos(0, 0), "use \"personas\" opens the module", r)
        ln2 = next(i for i, l in enumerate(lines) if "next look" in l)
        r = s.request("textDocument/definition", at(uri_of(jp), ln2, lines[ln2].index("look") + 2))
        look = next(i for i, l in enumerate(lines) if "step look" in l)
        check(r["uri"] == uri_of(jp) and r["range"]["start"] == pos(look, 7), "next look: the step", r)
        r = s.request("textDocument/definition", at(uri_of(jp), 4, 0))
        check(r is None, "nothing at a blank line", r)
        e = s.request_error("textDocument/definition", at("file:///not/open.cjm", 0, 0))
        check(e["code"] == -32602 and "not open" in e["message"], "a document not open: an error", e)


@scenario
def references_and_highlight_across_files(env):
    mod = env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    j2text = 'use "personas"\njourney "Other"\nstage x\n  step y by mia\n'
    j2 = env.write("other.cjm", j2text)
    with initialized(env) as s:
        s.open(uri_of(jp), JOURNEY)
        s.open(uri_of(j2), j2text)
        lines = JOURNEY.split("\n")
        ln = next(i for i, l in enumerate(lines) if "by mia" in l)
        c = lines[ln].index("mia")
        r = s.request("textDocument/references", dict(at(uri_of(jp), ln, c), context={"includeDeclaration": True}))
        got = sorted((x["uri"], x["range"]["start"]["line"]) for x in r)
        want = sorted([(uri_of(mod), 0), (uri_of(jp), ln), (uri_of(j2), 3)])
        check(got == want, "mia in the module and both journeys", got, want)
        r = s.request("textDocument/references", dict(at(uri_of(jp), ln, c), context={"includeDeclaration": False}))
        check(len(r) == 2, "without the declaration", r)
        look_line = next(i for i, l in enumerate(lines) if "step look" in l)
        h = s.request("textDocument/documentHighlight", at(uri_of(jp), look_line, 8))
        kinds = sorted((x["range"]["start"]["line"], x["kind"]) for x in h)
        nxt = next(i for i, l in enumerate(lines) if "next look" in l)
        check(kinds == [(look_line, 3), (nxt, 2)], "the declaration written, the reference read", kinds)


@scenario
def document_and_workspace_symbols(env):
    env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY + "\nstage buy\n  step pay \"Pays\"\n\nmetric nps\n")
    text = open(jp, encoding="utf-8").read()
    with initialized(env) as s:
        s.open(uri_of(jp), text)
        syms = s.request("textDocument/documentSymbol", doc(uri_of(jp)))
        names = [(x["name"], x["kind"]) for x in syms]
        check(names == [("Buying", 2), ("shop", 11), ("consider", 3), ("buy", 3), ("nps", 13)], "top level", names)
        consider = syms[2]
        check([c["name"] for c in consider["children"]] == ["look", "ask"], "a stage holds its steps", consider)
        check(consider["range"]["end"]["line"] >= consider["children"][-1]["range"]["end"]["line"],
              "the stage's range covers its steps", consider)
        check(syms[3]["children"][0]["detail"] == "Pays", "labels as detail", syms[3])
        ws = s.request("workspace/symbol", {"query": "o"})
        got = sorted(x["name"] for x in ws)
        check(got == sorted(["shop", "consider", "look", "bob"]), "every open journey's own names with 'o'", got)
        check(all(x["location"]["uri"].startswith("file://") for x in ws), "with locations", ws)


# ---- hover and completion ---------------------------------------------------------------------


@scenario
def hover_shows_labels_attributes_and_mean_feel(env):
    env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    lines = JOURNEY.split("\n")
    with initialized(env) as s:
        s.open(uri_of(jp), JOURNEY)
        ln = next(i for i, l in enumerate(lines) if "by mia" in l)
        h = s.request("textDocument/hover", at(uri_of(jp), ln, lines[ln].index("mia")))["contents"]["value"]
        check("Mia, first-time buyer" in h and "role: Student" in h and "Mean feel: -1" in h, "persona hover", h)
        st = lines.index("stage consider")
        h = s.request("textDocument/hover", at(uri_of(jp), st, 7))["contents"]["value"]
        check("**stage** `consider`" in h and "Mean feel: 0.5" in h and "2 steps" in h, "stage hover", h)
        ask = next(i for i, l in enumerate(lines) if "step ask" in l)
        h = s.request("textDocument/hover", at(uri_of(jp), ask, 8))["contents"]["value"]
        check("Asks" in h and "Mean feel: 2" in h, "step hover", h)
        h = s.request("textDocument/hover", at(uri_of(jp), lines.index('channel shop "Shop"'), 9))["contents"]["value"]
        check("**channel** `shop` — Shop" in h and "Mean feel: 2 (1 feel" in h, "channel hover: the feels through it", h)
        h = s.request("textDocument/hover", at(uri_of(jp), ln + 1, 5))["contents"]["value"]
        check(h.startswith("**feel**") and "SCORE" in h, "a keyword's line of the reference", h)
        r = s.request("textDocument/hover", at(uri_of(jp), 2, 0))
        check(r is None, "nothing on a blank line", r)
        text = JOURNEY.replace('"Asks" by bob via shop', '"Asks by phone" by bob via shop # by the way')
        s.change(uri_of(jp), 2, [{"text": text}])
        line = text.split("\n")[ask]
        r = s.request("textDocument/hover", at(uri_of(jp), ask, line.index("by phone")))
        check(r is None, "no keyword hover inside a string", r)
        r = s.request("textDocument/hover", at(uri_of(jp), ask, line.index("by the")))
        check(r is None, "nor inside a comment", r)
        r = s.request("textDocument/hover", at(uri_of(jp), ask, line.index("by bob")))
        check(r and r["contents"]["value"].startswith("**by**"), "but on the keyword after the string", r)


def labels(items):
    return sorted(i["label"] for i in items)


@scenario
def completion_by_context(env):
    env.write("personas.cjm", PERSONAS)
    env.write("shared_stages.cjm", "stage a\n")
    base = 'use "personas"\nuse "b2c"\njourney "J"\nstatus as-is\nmetric nps\nlane backstage\nstage s\n  step one "One"\n  step two\n'
    cases = [
        ("  step three by ", ["bob", "mia"]),
        ("  step three by mia, ", ["bob", "mia"]),
        ("    feel -1 for m", ["bob", "mia"]),
        ("  step three via ", ["app", "chat", "email", "phone", "social", "store", "web"]),
        ("    next ", ["one", "three", "two"]),
        ("    measure ", ["nps"]),
        ("  status ", ["as-is", "to-be"]),
        ("    kind ", ["company", "person"]),
    ]
    jp = env.write("journey.cjm", base)
    with initialized(env) as s:
        for i, (line, want) in enumerate(cases):
            text = base + '  step three\n' + line + "\n"
            s.change(uri_of(jp), i + 2, [{"text": text}]) if i else s.open(uri_of(jp), text)
            nl = text.count("\n") - 1
            items = s.request("textDocument/completion", at(uri_of(jp), nl, utf16_len(line)))
            items = items["items"] if isinstance(items, dict) else items
            check(labels(items) == sorted(want), "completion after %r" % line, labels(items), want)
        # the start of an entry: keywords and lanes
        text = base + "    \n"
        s.change(uri_of(jp), 50, [{"text": text}])
        items = s.request("textDocument/completion", at(uri_of(jp), text.count("\n") - 1, 4))
        got = labels(items)
        check({"feel", "by", "stage", "pain", "thought", "backstage"} <= set(got), "entry keywords and lanes", got)
        check("mia" not in got, "no persona at the start of an entry", got)
        # nothing inside a comment or a label
        for line in ["  step three by mia # by ", '  step three "by ']:
            text = base + line + "\n"
            s.change(uri_of(jp), 52, [{"text": text}])
            got = s.request("textDocument/completion", at(uri_of(jp), text.count("\n") - 1, utf16_len(line)))
            check(got == [], "no completion in %r" % line, got)
        # module names inside use "
        text = 'use "\n' + base
        s.change(uri_of(jp), 51, [{"text": text}])
        got = labels(s.request("textDocument/completion", at(uri_of(jp), 0, 5)))
        check({"personas", "shared_stages", "b2c", "b2b", "aisas", "blueprint"} <= set(got) and "journey" not in got,
              "modules next to the file and in the standard library", got)


# ---- rename ---------------------------------------------------------------------------------------


@scenario
def rename_across_two_files(env):
    mod = env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    with initialized(env) as s:
        s.open(uri_of(jp), JOURNEY)
        s.open(uri_of(mod), PERSONAS)
        lines = JOURNEY.split("\n")
        ln = next(i for i, l in enumerate(lines) if "by mia" in l)
        c = lines[ln].index("mia") + 1
        p = s.request("textDocument/prepareRename", at(uri_of(jp), ln, c))
        check(p["placeholder"] == "mia" and p["range"] == rng(ln, c - 1, ln, c + 2), "prepareRename", p)
        edit = s.request("textDocument/rename", dict(at(uri_of(jp), ln, c), newName="美咲"))
        changes = edit["changes"]
        check(sorted(changes) == sorted([uri_of(jp), uri_of(mod)]), "edits in both files", changes)
        new_j = apply_edits(JOURNEY, changes[uri_of(jp)])
        new_m = apply_edits(PERSONAS, changes[uri_of(mod)])
        check("by 美咲 via web" in new_j and new_m.startswith('persona 美咲 "Mia'), "renamed", new_j, new_m)
        s.change(uri_of(mod), 2, [{"text": new_m}])
        s.change(uri_of(jp), 2, [{"text": new_j}])
        s.drain(0.3)
        env.write("personas.cjm", new_m)
        env.write("journey.cjm", new_j)
        check(check_output(env, jp) == [], "cjm check agrees after the rename")
        # the new name is taken now: renaming bob to it is refused
        ask = next(i for i, l in enumerate(new_j.split("\n")) if "by bob" in l)
        e = s.request_error("textDocument/rename", dict(at(uri_of(jp), ask, new_j.split("\n")[ask].index("bob")),
                                                        newName="美咲"))
        check("already exists" in e["message"], "a taken name is refused", e)


@scenario
def rename_refusals(env):
    env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    lines = JOURNEY.split("\n")
    with initialized(env) as s:
        s.open(uri_of(jp), JOURNEY)
        ln = next(i for i, l in enumerate(lines) if "by mia" in l)
        e = s.request_error("textDocument/prepareRename", at(uri_of(jp), ln, lines[ln].index("by")))
        check("keyword" in e["message"], "a keyword", e)
        e = s.request_error("textDocument/prepareRename", at(uri_of(jp), ln, lines[ln].index("web")))
        check("standard library" in e["message"], "a standard library name", e)
        pain = next(i for i, l in enumerate(lines) if "pain" in l)
        e = s.request_error("textDocument/prepareRename", at(uri_of(jp), pain, 5))
        check("built-in" in e["message"], "a built-in lane", e)
        shop = lines.index('channel shop "Shop"')
        for bad in ["two words", "by", "9lives", "a,b", "小美，", ""]:
            e = s.request_error("textDocument/rename", dict(at(uri_of(jp), shop, 9), newName=bad))
            check("not a valid identifier" in e["message"], "invalid new name %r" % bad, e)
        e = s.request_error("textDocument/rename", dict(at(uri_of(jp), ln, lines[ln].index("mia")), newName="bob"))
        check("already exists" in e["message"], "a taken name", e)
        ok = s.request("textDocument/rename", dict(at(uri_of(jp), shop, 9), newName="store-2"))
        check(len(ok["changes"][uri_of(jp)]) == 2, "shop: its declaration and its use", ok)


# ---- formatting ------------------------------------------------------------------------------------


@scenario
def formatting_equals_cjm_fmt(env):
    root = os.path.dirname(env.stdlib.rstrip("/"))
    inputs = sorted(os.path.join(root, "examples", f) for f in os.listdir(os.path.join(root, "examples"))
                    if f.endswith(".cjm"))
    messy = env.write("messy.cjm", '# lead\njourney   "M"   # trailing\n\n\n   persona  mia\n'
                                   'stage s   \n    step a by mia\n        feel +1.50 "ok"\n# end\n')
    inputs.append(messy)
    with initialized(env) as s:
        for path in inputs:
            text = open(path, encoding="utf-8").read()
            u = uri_of(path)
            s.open(u, text)
            edits = s.request("textDocument/formatting", dict(doc(u), options={"tabSize": 2, "insertSpaces": True}))
            want = env.run("fmt", path).stdout.decode()
            got = apply_edits(text, edits)
            check(got == want, "formatting %s equals cjm fmt" % os.path.basename(path), got[:300], want[:300])
            check("# lead" in got and "# trailing" in got if path == messy else True, "comments kept", got)
            s.notify("textDocument/didClose", doc(u))
        broken = env.write("broken.cjm", 'persona "x\n')
        s.open(uri_of(broken), 'persona "x\n')
        e = s.request_error("textDocument/formatting", dict(doc(uri_of(broken)), options={}))
        check("errors" in e["message"], "a broken file is not formatted", e)


# ---- code actions -------------------------------------------------------------------------------------


@scenario
def quick_fixes(env):
    text = 'journey "T"\npersona mia\npersona 老板\nchannel web\nstage s\n  step a by mai via web\n  step b by 小美，老板\n  step c by ceo\n'
    path = env.write("q.cjm", text)
    u = uri_of(path)
    with initialized(env) as s:
        s.open(u, text)
        diags = s.diagnostics(u)

        def actions(line):
            d = [x for x in diags if x["range"]["start"]["line"] == line]
            return s.request("textDocument/codeAction", {"textDocument": {"uri": u}, "range": d[0]["range"],
                                                         "context": {"diagnostics": d}})

        a = actions(5)
        fix = [x for x in a if x["title"] == "Change to 'mia'"]
        check(fix and fix[0]["kind"] == "quickfix" and fix[0]["isPreferred"], "did you mean as a quick fix", a)
        fixed = apply_edits(text, fix[0]["edit"]["changes"][u])
        check("step a by mia via web" in fixed, "the fix applied", fixed)
        a = actions(6)
        comma = [x for x in a if "with ','" in x["title"]]
        check(comma, "a full-width comma replaced by ','", a)
        fixed = apply_edits(text, comma[0]["edit"]["changes"][u])
        check("by 小美,老板" in fixed, "the comma fixed", fixed)
        a = actions(7)
        declare = [x for x in a if x["title"] == "Declare persona `ceo`"]
        check(declare, "declare the unknown persona", a)
        fixed = apply_edits(text, declare[0]["edit"]["changes"][u])
        env.write("q.cjm", fixed)
        out = check_output(env, path)
        check(not any("'ceo'" in d[3] for d in out), "ceo is declared after the fix", fixed, out)


# ---- semantic tokens ------------------------------------------------------------------------------------


@scenario
def semantic_tokens(env):
    env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    with initialized(env) as s:
        legend = s.request("shutdown") if False else None
        s.open(uri_of(jp), JOURNEY)
        caps = None
    with env.server() as s:
        caps = s.initialize()["capabilities"]["semanticTokensProvider"]["legend"]
        s.open(uri_of(jp), JOURNEY)
        data = s.request("textDocument/semanticTokens/full", doc(uri_of(jp)))["data"]
        check(len(data) % 5 == 0 and data, "five numbers per token", data)
        toks, line, char = {}, 0, 0
        lines = JOURNEY.split("\n")
        for i in range(0, len(data), 5):
            dl, dc, n, t, m = data[i:i + 5]
            line += dl
            char = dc if dl else char + dc
            text = lines[line][char:char + n]  # ASCII journey: UTF-16 = characters
            mods = {caps["tokenModifiers"][b] for b in range(len(caps["tokenModifiers"])) if m & (1 << b)}
            toks.setdefault(text, []).append((caps["tokenTypes"][t], mods))
        check(("class", set()) in toks["mia"], "a persona reference", toks["mia"])
        check(("interface", {"declaration"}) in toks["shop"], "a channel declaration", toks["shop"])
        check(("interface", {"defaultLibrary"}) in toks["web"], "a standard library channel", toks["web"])
        check(("namespace", {"declaration", "defaultLibrary"}) in toks["consider"] or
              ("namespace", {"declaration"}) in toks["consider"], "a stage", toks["consider"])
        check(("number", {"negative"}) in toks["-1"] and ("number", {"positive"}) in toks["+2"], "feels by sign", toks)
        check(("keyword", set()) in toks["step"] and ("string", set()) in toks['"Asks"'], "keywords and strings", toks)
        check(("function", set()) in toks["look"] and ("enumMember", {"defaultLibrary"}) in toks["pain"],
              "steps and lanes by kind", toks)
        # every example, in UTF-16: each token's text is what its type says
        root = os.path.dirname(env.stdlib.rstrip("/"))
        words = {"use", "journey", "persona", "channel", "lane", "metric", "stage", "step", "by", "via", "feel",
                 "for", "measure", "next", "scale", "status", "kind", "unit", "target", "better"}
        extra = 'journey "T"\npersona 小美\nstage s\n  step 𠮷 "𠮷野家" by 小美\n    feel -1 "困る" for 小美\n'
        texts = [open(os.path.join(root, "examples", f), encoding="utf-8").read()
                 for f in sorted(os.listdir(os.path.join(root, "examples"))) if f.endswith(".cjm")] + [extra]
        for n, text in enumerate(texts):
            u = "file:///tmp/cjm-tokens-%d.cjm" % n
            s.open(u, text)
            data = s.request("textDocument/semanticTokens/full", doc(u))["data"]
            lines = [l.encode("utf-16-le") for l in text.split("\n")]
            line = char = 0
            seen, found = set(), set()
            for i in range(0, len(data), 5):
                dl, dc, length, t, m = data[i:i + 5]
                line += dl
                char = dc if dl else char + dc
                piece = lines[line][2 * char:2 * (char + length)].decode("utf-16-le")
                kind = caps["tokenTypes"][t]
                seen.add(kind)
                found.add((line, piece, kind))
                if kind == "keyword":
                    check(piece in words, "a keyword token is a keyword", n, line, char, piece)
                elif kind in ("class", "interface", "enumMember", "variable", "namespace", "function"):
                    check(re.fullmatch(r"[^\s\"#,]+", piece), "a name token is a name", n, line, char, piece)
                elif kind == "string":
                    check(piece.startswith('"') or n < len(texts) - 1, "a string token starts with a quote", piece)
                elif kind == "comment":
                    check(piece.startswith("#"), "a comment token starts with #", n, line, piece)
            check({"keyword", "class", "namespace", "function"} <= seen, "the kinds of a journey", seen)
            if n == len(texts) - 1:
                # after 𠮷 (two UTF-16 units), names and strings still fall where they are
                check({(3, "𠮷", "function"), (3, '"𠮷野家"', "string"), (3, "小美", "class"),
                       (4, "-1", "number"), (4, "小美", "class")} <= found, "tokens after 𠮷", sorted(found))


# ---- incremental updates ------------------------------------------------------------------------


def edit_position(text, offset):
    """The LSP position (UTF-16) of a character offset in text."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return pos(line, utf16_len(text[start:offset]))


def same_tree(a, b, u, what):
    """Both servers' syntax trees of u hold the same locations."""
    la = a.request("cjm/unitInfo", dict(doc(u), locations=True))["locations"]
    lb = b.request("cjm/unitInfo", dict(doc(u), locations=True))["locations"]
    if la != lb:
        diff = next(i for i in range(min(len(la), len(lb)) + 1) if i >= min(len(la), len(lb)) or la[i] != lb[i])
        check(False, "the same syntax tree after " + what, len(la), len(lb), diff, la[diff:diff + 3], lb[diff:diff + 3])


@scenario
def incremental_equals_whole(env):
    """Edits applied to two servers, one reparsing only the blocks an edit
    touches, one rebuilding whole: every answer must be the same."""
    import random
    root = os.path.dirname(env.stdlib.rstrip("/"))
    example = os.environ.get("CJM_LSP_TEST_EXAMPLE", "smartphone.cjm")  # other examples and seeds by hand
    text = open(os.path.join(root, "examples", example), encoding="utf-8").read()
    text += '\n# a closing comment\n\nstage 最後 "最後の段階"\n  step 𠮷 "𠮷野家" by mia\n    feel +1\n'
    path = env.write("inc.cjm", text)
    u = uri_of(path)
    rnd = random.Random(int(os.environ.get("CJM_LSP_TEST_SEED", "1234")))
    a = initialized(env)
    b = initialized(env, options={"incremental": False})
    try:
        for srv in (a, b):
            srv.open(u, text)
        check(a.diagnostics(u) == b.diagnostics(u), "the same at first")
        edits = 0
        before_join = None
        for round_ in range(400):
            if edits == 100:
                break
            lines = text.split("\n")
            kind = rnd.choice(["letter", "letter", "letter", "step", "delete", "comment", "blank", "typo", "mend",
                               "scale", "join"])
            ln = rnd.randrange(len(lines))
            start = sum(len(l) + 1 for l in lines[:ln])
            line = lines[ln]
            if kind == "letter" and '"' in line:
                i = line.index('"') + 1
                a0, a1, new = start + i, start + min(i + 1, len(line)), rnd.choice("xyzé漢𠮷")
            elif kind == "step" and line.startswith("  step "):
                a0 = a1 = start
                new = '  step s%d "Step %d" by mia\n    feel -1\n\n' % (round_, round_)
            elif kind == "delete" and re.match(r"    (feel|thought|pain|opportunity|measure) ", line):
                a0, a1, new = start, start + len(line) + 1, ""
            elif kind == "comment" and re.match(r"(stage|persona|channel|  step) ", line):
                a0 = a1 = start
                new = "# comment %d\n" % round_
            elif kind == "blank" and re.match(r"(stage|  step) ", line):
                a0 = a1 = start
                new = "\n"
            elif kind == "typo" and " by mia" in line:
                i = line.index(" by mia") + 4
                a0, a1, new = start + i, start + i + 3, "mai"
            elif kind == "mend" and " by mai" in line:
                i = line.index(" by mai") + 4
                a0, a1, new = start + i, start + i + 3, "mia"
            elif kind == "scale" and line.startswith("    feel "):
                i = line.index("feel ") + 5
                j = line.find(" ", i)
                a0, a1, new = start + i, start + (j if j > 0 else len(line)), rnd.choice(["+5", "0", "-2", "+1"])
            elif kind == "join" and before_join is None and ln + 1 < len(lines):
                before_join = text  # two lines joined: a syntax error, most often
                a0, a1, new = start + len(line), start + len(line) + 1, " "
            elif kind == "join" and before_join is not None:
                a0, a1, new = 0, len(text), before_join  # mended: the whole text sent again
                before_join = None
            else:
                continue
            a1 = min(a1, len(text))
            change = {"range": {"start": edit_position(text, a0), "end": edit_position(text, a1)}, "text": new}
            text = text[:a0] + new + text[a1:]
            edits += 1
            for srv in (a, b):
                srv.change(u, edits + 1, [change])
            da, db = a.diagnostics(u), b.diagnostics(u)
            check(da == db, "diagnostics after edit %d (%s)" % (edits, kind), da, db)
            same_tree(a, b, u, "edit %d (%s)" % (edits, kind))
            if edits % 10 == 0:
                for method, params in [("textDocument/documentSymbol", doc(u)),
                                       ("textDocument/semanticTokens/full", doc(u)),
                                       ("textDocument/references", dict(at(u, 6, 9), context={"includeDeclaration": True})),
                                       ("textDocument/hover", at(u, 6, 9))]:
                    ra, rb = a.request(method, params), b.request(method, params)
                    check(ra == rb, "%s after edit %d" % (method, edits), ra, rb)
        # the fast path was taken, and the slow one does what its name says
        ia = a.request("cjm/unitInfo", doc(u))
        ib = b.request("cjm/unitInfo", doc(u))
        check(ib["incrementalTotal"] == 0 and not ib["incremental"], "whole rebuilds only when off", ib)
        check(edits >= 60, "enough edits", edits)
        check(ia["incrementalTotal"] >= 10 or example != "smartphone.cjm", "and many edits took the incremental path", ia)
        # and the final text checks as cjm check says
        env.write("inc.cjm", text)
        same_as_check(env, da, path)
    finally:
        a.__exit__()
        b.__exit__()


@scenario
def incremental_on_a_clean_journey(env):
    """On a journey without diagnostics, edits inside it are reparsed
    block by block, and give what a whole rebuild gives."""
    root = os.path.dirname(env.stdlib.rstrip("/"))
    text = open(os.path.join(root, "examples", "dx_b2b.cjm"), encoding="utf-8").read()
    path = env.write("clean.cjm", text)
    u = uri_of(path)
    a = initialized(env)
    b = initialized(env, options={"incremental": False})
    try:
        for srv in (a, b):
            srv.open(u, text)
        check(a.diagnostics(u) == b.diagnostics(u), "the same at first")
        lines = text.split("\n")
        targets = [i for i, l in enumerate(lines) if l.startswith("  step ") and '"' in l]
        version = 1
        for n, ln in enumerate(targets[:12]):
            version += 1
            c = utf16_len(lines[ln][:lines[ln].index('"') + 1])
            change = {"range": rng(ln, c, ln, c + 1), "text": "Z"}
            for srv in (a, b):
                srv.change(u, version, [change])
            da, db = a.diagnostics(u), b.diagnostics(u)
            check(da == db, "diagnostics after edit %d" % n, da, db)
            same_tree(a, b, u, "edit %d" % n)
        info = a.request("cjm/unitInfo", doc(u))
        check(info["incrementalUpdates"] == 12, "every edit took the incremental path", info)
        # a step added and a typo made and mended
        ln = targets[3]
        added = '  step added "Added" by it_head'
        c = added.index("it_head")
        for change in [{"range": rng(ln, 0, ln, 0), "text": added + "\n"},
                       {"range": rng(ln, c, ln, c + 7), "text": "it_haed"},
                       {"range": rng(ln, c, ln, c + 7), "text": "it_head"}]:
            version += 1
            for srv in (a, b):
                srv.change(u, version, [change])
            da, db = a.diagnostics(u), b.diagnostics(u)
            check(da == db, "diagnostics after %r" % change["text"], da, db)
            same_tree(a, b, u, repr(change["text"]))
            if change["text"] == "it_haed":
                check(len(da) == 1 and "it_haed" in da[0]["message"], "the typo reported", da)
        info = a.request("cjm/unitInfo", doc(u))
        check(info["incrementalUpdates"] == 15, "and so did these", info)
        for method, params in [("textDocument/documentSymbol", doc(u)), ("textDocument/semanticTokens/full", doc(u)),
                               ("workspace/symbol", {"query": "i"})]:
            check(a.request(method, params) == b.request(method, params), method)
    finally:
        a.__exit__()
        b.__exit__()


# ---- robustness ---------------------------------------------------------------------------------------


@scenario
def malformed_input_gets_error_responses(env):
    with initialized(env) as s:
        s.send_raw(b"Content-Length: abc\r\n\r\n")
        m = s.read_message()
        check(m["id"] is None and m["error"]["code"] == -32700, "a malformed header", m)
        s.send_raw(frame(b'{"jsonrpc": "2.0", "id": 5, "method": '))
        m = s.read_message()
        check(m["id"] is None and m["error"]["code"] == -32700, "invalid JSON", m)
        s.send_raw(frame(b'[1, 2]'))
        m = s.read_message()
        check(m["error"]["code"] == -32600, "not a request", m)
        e = s.request_error("cjm/noSuchMethod", {})
        check(e["code"] == -32601, "an unknown method", e)
        s.notify("cjm/noSuchNotification", {})
        s.notify("$/setTrace", {"value": "off"})
        e = s.request_error("textDocument/hover", at("file:///nowhere.cjm", 0, 0))
        check(e["code"] == -32602, "a document that is not open", e)
        e = s.request_error("textDocument/hover", {"textDocument": {"uri": 5}})
        check(e["code"] == -32602, "params of the wrong type", e)
        s.notify("textDocument/didChange", {"textDocument": {"uri": "file:///nowhere.cjm", "version": 2},
                                            "contentChanges": [{"text": "x"}]})
        s.notify("textDocument/didOpen", {"textDocument": {"uri": 7}})
        check(s.request("workspace/symbol", {"query": ""}) == [], "still serving")
        check(s.shutdown_and_exit() == 0, "and exits cleanly")


@scenario
def a_50_mb_message(env):
    with initialized(env) as s:
        junk = "x" * (50 << 20)
        big = ('{"jsonrpc":"2.0","id":77,"method":"cjm/unknown","params":{"junk":"%s"}}' % junk).encode()
        s.send_raw(frame(big))
        m = s.response(77)
        check(m["error"]["code"] == -32601, "answered", m["error"])
        # a 50 MB document: opened, checked, answered
        text = 'journey "Big"\npersona mia\nstage s\n' + "# " + "y" * (50 << 20) + "\n  step a by mia\n"
        u = "file:///tmp/cjm-lsp-big.cjm"
        s.open(u, text)
        d = s.diagnostics(u)
        check(d == [], "a 50 MB journey checks clean", d)
        check(s.shutdown_and_exit() == 0, "exit 0")


@scenario
def client_disappears(env):
    path = env.write("c.cjm", 'journey "T"\n')
    s = env.server()
    s.initialize()
    s.open(uri_of(path), 'journey "T"\n')
    s.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")  # half a message, then gone
    s.proc.stdin.close()
    code = s.proc.wait(timeout=10)
    check(code == 1, "input ending without exit: status 1", code)
    s.__exit__()
    # a client that stops reading: the server's writes fail, and it exits
    s = env.server()
    s.initialize()
    s.proc.stdout.close()
    try:
        for i in range(20):
            s.open("file:///tmp/gone%d.cjm" % i, 'journey "x"\nstage\n')
            s.request_async("workspace/symbol", {"query": ""})
    except BrokenPipeError:
        pass
    code = s.proc.wait(timeout=10)
    check(code == 1, "output gone: status 1, no signal", code)
    s.__exit__()


@scenario
def cancel_request(env):
    path = env.write("k.cjm", 'journey "T"\npersona mia\n')
    with initialized(env) as s:
        s.open(uri_of(path), 'journey "T"\npersona mia\n')
        rid = s.next_id
        s.next_id += 1
        req = {"jsonrpc": "2.0", "id": rid, "method": "textDocument/hover", "params": at(uri_of(path), 1, 9)}
        cancel = {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": rid}}
        s.send_raw(frame(req) + frame(cancel))
        m = s.response(rid)
        check(m.get("error", {}).get("code") == -32800, "a request cancelled before it ran", m)
        # a cancel for a request already answered is accepted silently
        s.notify("$/cancelRequest", {"id": rid})
        check(s.request("textDocument/hover", at(uri_of(path), 1, 9)) is not None, "still serving")


# ---- every request everywhere -------------------------------------------------------------------


def utf16_slice(text, r):
    """The text of an LSP range (UTF-16 positions) in text."""
    lines = text.split("\n")

    def offset(p):
        if p["line"] >= len(lines):
            return len(text)
        before = sum(len(l) + 1 for l in lines[:p["line"]])
        units = 0
        for i, ch in enumerate(lines[p["line"]]):
            if units >= p["character"]:
                return before + i
            units += utf16_len(ch)
        return before + len(lines[p["line"]])

    return text[offset(r["start"]):offset(r["end"])]


def word_positions(text):
    """Positions (UTF-16) at the start, inside and just after every word,
    and on every space and quote between them."""
    out = []
    for ln, line in enumerate(text.split("\n")):
        for m in re.finditer(r'[^\s",#]+|"|#|,', line):
            for k in sorted({m.start(), m.start() + (m.end() - m.start()) // 2, m.end()}):
                out.append((ln, utf16_len(line[:k])))
    return out


def within(p, r):
    key = lambda q: (q["line"], q["character"])
    return key(r["start"]) <= key(p) <= key(r["end"])


def file_text(uri, open_texts):
    from urllib.parse import unquote, urlparse
    if uri in open_texts:
        return open_texts[uri]
    with open(unquote(urlparse(uri).path), encoding="utf-8") as f:
        return f.read()


@scenario
def every_request_everywhere(env):
    """Hover, definition, references, highlights, rename, completion and
    quick fixes at the start, middle and end of every word of every
    example: each answer has its shape, and where they name a place, the
    text there is the name."""
    root = os.path.dirname(env.stdlib.rstrip("/"))
    names = sorted(f for f in os.listdir(os.path.join(root, "examples")) if f.endswith(".cjm"))
    extra = ('use "b2c"\njourney "Odds"\npersona acme "ACME"\n  kind company\npersona 小美\n'
             'lane ops "Operations"\nmetric nps "NPS"\n  unit "points"\n  target 50\n  better higher\n'
             'metric bare\n  target 3\n  better lower\n'
             'stage s "S"\n  step a "A" by acme, 小美 via web\n    feel -1 "x" for 小美\n    measure nps 40\n'
             '    ops "o"\n    pain "p"\n  step b by ghost via nowhere\n    next a, c\n    measure nope 1\n')
    texts = {n: open(os.path.join(root, "examples", n), encoding="utf-8").read() for n in names}
    texts["odds.cjm"] = extra
    with initialized(env) as s:
        hovers = set()
        for name, text in texts.items():
            path = env.write(name, text)
            u = uri_of(path)
            s.open(u, text)
            published = s.diagnostics(u)
            open_texts = {u: text}
            lines = text.split("\n")
            places = word_positions(text)
            methods = ["textDocument/hover", "textDocument/definition", "textDocument/documentHighlight",
                       "textDocument/prepareRename", "textDocument/completion"]
            answers = {}
            for ln, ch in places:
                # a few requests at a time: neither side's pipe fills up
                pending = [(m, s.request_async(m, at(u, ln, ch))) for m in methods]
                pending.append(("textDocument/references",
                                s.request_async("textDocument/references",
                                                dict(at(u, ln, ch), context={"includeDeclaration": True}))))
                pending.append(("textDocument/rename",
                                s.request_async("textDocument/rename", dict(at(u, ln, ch), newName="renamed_x"))))
                for m, rid in pending:
                    answers[(m, ln, ch)] = s.response(rid)
            for (m, ln, ch), msg in answers.items():
                where = "%s %s at %d:%d (%r)" % (name, m, ln, ch, lines[ln])
                here = pos(ln, ch)
                if m in ("textDocument/prepareRename", "textDocument/rename") and "error" in msg:
                    check(msg["error"]["code"] == -32803 and msg["error"]["message"], "a refusal with a reason", where, msg)
                    continue
                check("error" not in msg, "no error", where, msg)
                r = msg["result"]
                if m == "textDocument/hover":
                    check(r is None or (r["contents"]["kind"] == "markdown" and r["contents"]["value"]), "hover", where, r)
                    if r:
                        hovers.add(r["contents"]["value"].split("\n")[0].split("`")[0])
                elif m == "textDocument/definition":
                    if r is None:
                        continue
                    target = file_text(r["uri"], open_texts)
                    got = utf16_slice(target, r["range"])
                    check(r["range"]["start"] == r["range"]["end"] or re.fullmatch(r'[^\s",#]+', got),
                          "a definition's range holds a name", where, r, got)
                elif m == "textDocument/documentHighlight":
                    check(isinstance(r, list), "highlights are a list", where, r)
                    texts_at = {utf16_slice(text, h["range"]) for h in r}
                    check(len(texts_at) <= 1, "every highlight holds the same name", where, texts_at)
                    check(not r or any(within(here, h["range"]) for h in r), "the cursor is in one", where, r)
                elif m == "textDocument/references":
                    check(isinstance(r, list), "references are a list", where, r)
                    got = {utf16_slice(file_text(x["uri"], open_texts), x["range"]) for x in r}
                    check(len(got) <= 1, "every reference holds the same name", where, got)
                    d = answers[("textDocument/definition", ln, ch)].get("result")
                    if r and d and d["range"]["start"] != d["range"]["end"] and "/stdlib/" not in d["uri"]:
                        check(d in r, "the declaration is among the references", where, d, r)
                elif m == "textDocument/prepareRename":
                    check(within(here, r["range"]) and utf16_slice(text, r["range"]) == r["placeholder"],
                          "prepareRename: the name under the cursor", where, r)
                elif m == "textDocument/rename":
                    p = answers[("textDocument/prepareRename", ln, ch)]
                    check("result" in p, "rename and prepareRename agree", where, p, r)
                    for uri, edits in r["changes"].items():
                        for e in edits:
                            check(e["newText"] == "renamed_x" and
                                  utf16_slice(file_text(uri, open_texts), e["range"]) == p["result"]["placeholder"],
                                  "each edit replaces the old name", where, e)
                elif m == "textDocument/completion":
                    items = r["items"] if isinstance(r, dict) else r
                    check(all(isinstance(i["label"], str) and i["label"] for i in items), "labelled items", where, r)
            # quick fixes for every published diagnostic, and for none
            for d in published:
                a = s.request("textDocument/codeAction", {"textDocument": {"uri": u}, "range": d["range"],
                                                          "context": {"diagnostics": [d]}})
                for x in a:
                    check(x["kind"] == "quickfix" and x["edit"]["changes"][u], "a quick fix edits the document", x)
            a = s.request("textDocument/codeAction", {"textDocument": {"uri": u}, "range": rng(0, 0, 0, 0),
                                                      "context": {"diagnostics": []}})
            check(isinstance(a, list), "code actions are a list", a)
            syms = s.request("textDocument/documentSymbol", doc(u))
            check(syms and all(x["name"] for x in syms), "document symbols", name, syms)
        # the hovers of each kind of name were seen
        for kind in ["**persona** ", "**channel** ", "**stage** ", "**step** ", "**metric** ", "**lane** ",
                     "**module** ", "unknown persona ", "unknown channel "]:
            check(kind in hovers, "a hover on a " + kind, sorted(hovers))
        odds = uri_of(os.path.join(env.dir, "odds.cjm"))
        lines = extra.split("\n")
        hover = lambda ln, word: s.request("textDocument/hover", at(odds, ln, lines[ln].index(word) + 1))
        h = hover(2, "acme")["contents"]["value"]
        check("kind company" in h, "a company persona", h)
        h = hover(6, "nps")["contents"]["value"]
        check("unit: points" in h and "target: 50" in h and "(better higher)" in h, "a metric's unit and target", h)
        h = hover(10, "bare")["contents"]["value"]
        check("target: 3" in h and "(better lower)" in h and "unit" not in h, "a metric without a unit", h)
        h = hover(5, "ops")["contents"]["value"]
        check("**lane** `ops` — Operations" in h, "a lane", h)
        h = hover(18, "pain")["contents"]["value"]
        check(h.startswith("**lane** `pain`") and "*built-in lane*" in h, "a built-in lane", h)
        h = hover(0, "b2c")["contents"]["value"]
        check(h.startswith("**module** `b2c`") and "b2c.cjm" in h, "a module: its file", h)
        h = hover(19, "ghost")["contents"]["value"]
        check(h == "unknown persona `ghost`", "an undeclared persona", h)
        h = hover(14, " a ")["contents"]["value"]
        check("in stage `s`" in h, "a step's stage", h)
        # workspace symbols: case does not matter
        got = {x["name"] for x in s.request("workspace/symbol", {"query": "ACM"})}
        check(got == {"acme"}, "workspace symbols ignore case", got)
        got = s.request("workspace/symbol", {"query": "zzzz-nothing"})
        check(got == [], "nothing matches", got)


@scenario
def odd_messages_and_params(env):
    text = 'journey "T"\npersona mia\nchannel web\nstage s\n  step a by mia via web\n    feel 1\n'
    path = env.write("o.cjm", text)
    u = uri_of(path)
    with env.server() as s:
        # before initialize: notifications are dropped, requests refused
        s.open(u, text)
        e = s.request_error("cjm/unitInfo", doc(u))
        check(e["code"] == -32002, "not initialized", e)
        r = s.initialize(encodings=[5, "utf-7", "utf-8"], options={"warnings": [3, "-Wall"], "maxErrors": -4,
                                                                   "includeDirs": [7, env.dir]})
        check(r["capabilities"]["positionEncoding"] == "utf-8", "the first known encoding", r)
        e = s.request_error("cjm/unitInfo", doc(u))
        check(e["code"] == -32602 and "not open" in e["message"], "the early didOpen was dropped", e)
        s.open(u, text)
        check(s.diagnostics(u) == [], "clean")
        info = s.request("cjm/unitInfo", doc(u))
        check(info["files"] == 1 and info["incremental"] is True, "unitInfo", info)
        # a client's response to a request of ours (we send none) is ignored
        s.send({"jsonrpc": "2.0", "id": 99, "result": None})
        s.send({"jsonrpc": "2.0", "id": 98, "error": {"code": 1, "message": "x"}})
        # a request id must be a number or a string
        s.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})
        m = s.read_message()
        check(m["id"] is None and m["error"]["code"] == -32600 and "request id" in m["error"]["message"],
              "an object as id", m)
        s.send({"jsonrpc": "2.0", "id": "seven", "method": "workspace/symbol", "params": {"query": "mia"}})
        m = s.response("seven")
        check([x["name"] for x in m["result"]] == ["mia"], "a string id is answered", m)
        # params missing or of the wrong kind
        for method in ["textDocument/hover", "textDocument/definition", "textDocument/references",
                       "textDocument/documentHighlight", "textDocument/completion", "textDocument/prepareRename",
                       "textDocument/rename", "textDocument/codeAction", "textDocument/formatting",
                       "textDocument/semanticTokens/full", "textDocument/documentSymbol", "cjm/unitInfo"]:
            e = s.request_error(method, [1, 2])
            check(e["code"] == -32602 and ("uri" in e["message"] or method.endswith("rename")),
                  "%s without a document" % method, e)
            e = s.request_error(method, at("file:///not/open.cjm", 0, 0))
            check(e["code"] == -32602, "%s on a document not open" % method, e)
        for method in ["textDocument/hover", "textDocument/definition", "textDocument/references",
                       "textDocument/documentHighlight", "textDocument/completion", "textDocument/prepareRename",
                       "textDocument/rename"]:
            for bad in [None, {"line": -1, "character": 0}, {"line": 0}, {"line": 1 << 40, "character": 0}]:
                params = dict(doc(u), newName="x")
                if bad is not None:
                    params["position"] = bad
                e = s.request_error(method, params)
                check(e["code"] == -32602 and "position" in e["message"], "%s with position %r" % (method, bad), e)
        e = s.request_error("textDocument/rename", at(u, 1, 9))
        check(e["code"] == -32602 and "newName" in e["message"], "rename without newName", e)
        e = s.request_error("textDocument/rename", dict(at(u, 0, 2), newName="x"))
        check("keyword" in e["message"], "renaming a keyword", e)
        e = s.request_error("textDocument/rename", dict(at(u, 0, 9), newName="x"))
        check("no name" in e["message"], "renaming inside a label", e)
        e = s.request_error("textDocument/prepareRename", at(u, 0, 9))
        check("no name" in e["message"], "nothing to rename inside a label", e)
        # a position past the end of a line or of the text lands at its end
        check(s.request("textDocument/hover", at(u, 1, 500)) is not None, "past the end of 'persona mia'")
        check(s.request("textDocument/hover", at(u, 500, 0)) is None, "past the end of the text")
        # didChange: a reversed range is put right, malformed changes skipped
        s.change(u, 2, [{"range": rng(1, 11, 1, 8), "text": "bob"},
                        {"range": {"start": pos(0, 0)}, "text": "ignored"},
                        {"range": rng(-1, 0, 0, 0), "text": "ignored"},
                        {"text": 5},
                        {"range": rng(4, 12, 4, 15), "text": "bob"}])
        d = s.diagnostics(u)
        check(d == [], "bob in both places", d)
        got = s.request("textDocument/formatting", dict(doc(u), options={}))
        fpath = env.write("f.cjm", text.replace("mia", "bob"))
        check(apply_edits(text.replace("mia", "bob"), got) == env.run("fmt", fpath).stdout.decode(),
              "formatted as cjm fmt does", got)
        # a change to a document not open, a save and a close of one, ignored
        s.change("file:///not/open.cjm", 2, [{"text": "x"}])
        s.notify("textDocument/didSave", doc("file:///not/open.cjm"))
        s.notify("textDocument/didClose", doc("file:///not/open.cjm"))
        s.notify("textDocument/didClose", {"textDocument": 3})
        s.notify("textDocument/didSave", {})
        s.notify("textDocument/didChange", {"textDocument": {"uri": u}})
        # a save, and files changed on disk: checked again, published again
        s.notify("textDocument/didSave", doc(u))
        check(s.diagnostics(u) == [], "a save republishes")
        s.notify("workspace/didChangeWatchedFiles", {"changes": []})
        check(s.diagnostics(u) == [], "changed files republish")
        s.notify("workspace/didChangeConfiguration", {"settings": {}})
        check(s.diagnostics(u) == [], "and so does a new configuration")
        # a notification with params that are not an object
        s.notify("workspace/didChangeWatchedFiles", [1])
        check(s.diagnostics(u) == [], "still served")
        # unitInfo with the locations of the tree
        info = s.request("cjm/unitInfo", dict(doc(u), locations=True))
        check(isinstance(info["locations"], list) and info["locations"], "the locations", info)
        check(s.shutdown_and_exit() == 0, "exit 0")


@scenario
def diagnostics_of_modules_and_the_cap(env):
    # an error two `use`s away is shown at the root's `use` that leads to it,
    # with its place in the module as related information
    env.write("b.cjm", 'use "c"\npersona bob\n')
    c = env.write("c.cjm", 'channel web\npersona\n')
    text = 'journey "A"\nuse "other"\nuse "b"\nstage s\n  step a by bob\n'
    env.write("other.cjm", 'channel shop\n')
    a = env.write("a.cjm", text)
    with initialized(env) as s:
        s.open(uri_of(a), text)
        got = s.diagnostics(uri_of(a))
        errors = [d for d in got if d["severity"] == 1]
        check(errors and errors[0]["range"]["start"] == pos(2, 4), "at the use of b", got)
        check(errors[0]["message"].startswith(c + ":3:1: "), "the module's place in the message", errors[0])
        rel = errors[0].get("relatedInformation", [])
        check(rel and rel[0]["location"]["uri"] == uri_of(c), "the module's place as related information", errors[0])
    # more errors than maxErrors: one note says how many more
    text = 'journey "M"\nstage s\n  step a by x1\n  step b by x2\n  step c by x3\n'
    m = env.write("m.cjm", text)
    with initialized(env, options={"maxErrors": 2}) as s:
        s.open(uri_of(m), text)
        got = s.diagnostics(uri_of(m))
        check(len([d for d in got if d["severity"] == 1]) == 2, "two errors kept", got)
        notes = [d for d in got if d["severity"] == 3]
        check(len(notes) == 1 and notes[0]["message"] == "1 more error not shown: at most 2 are reported (maxErrors)",
              "one more error, in the singular", got)


@scenario
def include_dirs_from_the_command_line(env):
    os.makedirs(os.path.join(env.dir, "lib"), exist_ok=True)
    env.write("lib/crew.cjm", "persona lead\n")
    text = 'use "crew"\njourney "C"\nstage s\n  step a by lead\n'
    path = env.write("c.cjm", text)
    with initialized(env, "-I", os.path.join(env.dir, "lib"), "--stdio") as s:
        s.open(uri_of(path), text)
        check(s.diagnostics(uri_of(path)) == [], "found through -I")
        r = s.request("textDocument/definition", at(uri_of(path), 3, 12))
        check(r["uri"] == uri_of(os.path.join(env.dir, "lib", "crew.cjm")), "lead is in lib/crew.cjm", r)
        got = labels(s.request("textDocument/completion", at(uri_of(path), 0, 5)))
        check({"crew", "b2c", "c"} - set(got) == {"c"}, "completion offers -I's modules and the standard library", got)
    r = env.run("lsp", "file.cjm")
    check(r.returncode == 2 and b"takes no file" in r.stderr, "cjm lsp takes no file", r)
    r = env.run("lsp", "--no-such-option")
    check(r.returncode == 2, "an unknown option", r)

@scenario
def fixes_and_completions_at_the_edges(env):
    with initialized(env) as s:
        # an invisible character and a no-break space: deleted, replaced
        text = 'journey "T"\npersona mia\nstage s\n  step a\u00ad by mia\n  step b\u00a0by mia\n'
        path = env.write("stray.cjm", text)
        u = uri_of(path)
        s.open(u, text)
        diags = s.diagnostics(u)
        stray = [d for d in diags if d["code"] == "stray-char"]
        check(len(stray) == 2, "two stray characters", diags)
        titles = []
        for d in stray:
            for a in s.request("textDocument/codeAction", {"textDocument": {"uri": u}, "range": d["range"],
                                                           "context": {"diagnostics": [d]}}):
                titles.append(a["title"])
                text = apply_edits(text, a["edit"]["changes"][u])
        check("Delete the invisible character U+00AD" in titles and "Replace '\u00a0' with ' '" in titles,
              "the stray characters' fixes", titles)
        check(text.endswith("  step a by mia\n  step b by mia\n"), "both applied", text)
        # declaring a persona: before the first stage or step, above the
        # comments that lead it
        for body, want in [('journey "T"\n# lead\n# more\nstage s\n  step a by ceo\n',
                            'journey "T"\npersona ceo\n\n# lead\n# more\nstage s\n'),
                           ('journey "T"\nlane l\nmetric m\n  target 3\n\n# ceo appears here\n# note\n'
                            '  step a by ceo', 'target 3\n\npersona ceo\n\n# ceo appears here\n'),
                           ('journey "T"\n  step a by ceo\n', 'journey "T"\npersona ceo\n\n  step a')]:
            s.change(u, 10, [{"text": body}])
            d = [x for x in s.diagnostics(u) if "'ceo'" in x["message"]]
            a = s.request("textDocument/codeAction", {"textDocument": {"uri": u}, "range": d[0]["range"],
                                                      "context": {"diagnostics": d}})
            fix = [x for x in a if x["title"] == "Declare persona `ceo`"]
            got = apply_edits(body, fix[0]["edit"]["changes"][u])
            check(want in got, "persona declared where it belongs", body, got)
        # a code action over a range without diagnostics, and without context
        a = s.request("textDocument/codeAction", {"textDocument": {"uri": u}, "range": rng(0, 0, 0, 1)})
        check(a == [], "no fix on the journey line", a)
        # completion: tabs, escaped quotes, commas, and a long line (only the last words count)
        base = 'journey "T"\npersona mia\npersona bob\nchannel web\nstage s\n  step a\n'
        for line, want in [('  step b\t"x \\" y"\tby ', ["bob", "mia"]),
                           ('  step b by mia,bob, ', ["bob", "mia"]),
                           ('  step b "' + " ".join("w%d" % i for i in range(40)) + '" via web by ', ["bob", "mia"]),
                           ("  step b " + " ".join("w%d" % i for i in range(40)) + " by ", ["bob", "mia"]),
                           ("    next ", ["a"]),
                           ]:
            t = base + line + "\n"
            s.change(u, 20, [{"text": t}])
            got = labels(s.request("textDocument/completion", at(u, t.count("\n") - 1, utf16_len(line))))
            check(got == sorted(want), "completion after %r" % line[-30:], got)
        # \r\n line ends: positions and completion still find the line
        t = base.replace("\n", "\r\n") + "  step b by \r\n"
        s.change(u, 21, [{"text": t}])
        got = labels(s.request("textDocument/completion", at(u, 6, 12)))
        check(got == ["bob", "mia"], "completion in a \\r\\n text", got)
        h = s.request("textDocument/hover", at(u, 1, 9))
        check("**persona** `mia`" in h["contents"]["value"], "hover in a \\r\\n text", h)
        # a document that does not parse: tokens, symbols and completion still answer
        broken = 'journey\nstage "x\n  step by by\n    feel ++\n'
        s.change(u, 30, [{"text": broken}])
        check(s.diagnostics(u), "the broken text has errors")
        toks = s.request("textDocument/semanticTokens/full", doc(u))
        check(isinstance(toks["data"], list) and len(toks["data"]) % 5 == 0, "tokens of a broken text", toks)
        syms = s.request("textDocument/documentSymbol", doc(u))
        check(isinstance(syms, list), "symbols of a broken text", syms)
        got = s.request("textDocument/completion", at(u, 2, 10))
        check(isinstance(got, list), "completion in a broken text", got)
        e = s.request_error("textDocument/formatting", dict(doc(u), options={}))
        check("errors" in e["message"], "a broken text is not formatted", e)
        # an empty document
        s.change(u, 31, [{"text": ""}])
        s.diagnostics(u)
        check(s.request("textDocument/semanticTokens/full", doc(u)) == {"data": []}, "no tokens")
        check(s.request("textDocument/documentSymbol", doc(u)) == [], "no symbols")
        e = s.request_error("textDocument/formatting", dict(doc(u), options={}))
        check("errors" in e["message"], "an empty text lacks its journey line", e)
        # a journey without a label, and stages of a module: symbols
        s.change(u, 32, [{"text": 'journey\npersona mia "Mia"\nstage s "S"\n  step a "A" by mia\n  step b\nstage t\n'}])
        s.diagnostics(u)
        syms = s.request("textDocument/documentSymbol", doc(u))
        names = [x["name"] for x in syms]
        check(names[:2] == ["journey", "mia"] and "s" in names, "symbols of an unlabelled journey", syms)
        stage = [x for x in syms if x["name"] == "s"][0]
        check([c["name"] for c in stage["children"]] == ["a", "b"] and stage.get("detail") == "S",
              "a stage's steps as children", stage)


# ---- the corners the sessions above leave out --------------------------------------------------


@scenario
def initialization_options_that_are_ignored(env):
    text = 'journey "T"\npersona mia\npersona ghost\nstage s\n  step a by mia\n'
    path = env.write("n.cjm", text)
    u = uri_of(path)
    with env.server() as s:
        r = s.initialize(encodings=["utf-7", 8], options={"incremental": False, "maxErrors": "3",
                                                          "warnings": "-Wno-unused", "includeDirs": "lib"})
        check(r["capabilities"]["positionEncoding"] == "utf-16", "no known encoding offered: utf-16", r)
        s.open(u, text)
        d = s.diagnostics(u)
        check([x["code"] for x in d] == ["unused"], "warnings that are not a list: ignored", d)
        info = s.request("cjm/unitInfo", doc(u))
        check(info["incremental"] is False, "incremental: false is kept", info)
        # without incremental analysis an edit inside a block rebuilds the whole unit
        s.change(u, 2, [{"range": rng(4, 12, 4, 15), "text": "ghost"}])
        d = s.diagnostics(u)
        check(d and "'mia'" in d[0]["message"] and d[0]["code"] == "unused", "mia is now the unused one", d)
        info = s.request("cjm/unitInfo", doc(u))
        check(info["incrementalUpdates"] == 0, "no incremental update", info)


@scenario
def edits_with_ranges_out_of_bounds(env):
    text = 'journey "T"\npersona mia\nstage s\n  step a by mia\n'
    path = env.write("e.cjm", text)
    u = uri_of(path)
    big = 1 << 33
    with initialized(env) as s:
        s.open(u, text)
        check(s.diagnostics(u) == [], "clean")
        # every coordinate negative or over 32 bits in turn: each change skipped
        bad = [rng(0, -1, 0, 0), rng(0, 0, -1, 0), rng(0, 0, 0, -1), rng(big, 0, 0, 0), rng(0, big, 0, 0),
               rng(0, 0, big, 0), rng(0, 0, 0, big), {"start": "x", "end": "y"}]
        s.change(u, 2, [{"range": r, "text": "BROKEN"} for r in bad])
        check(s.diagnostics(u) == [], "no malformed range applied")
        info = s.request("textDocument/documentSymbol", doc(u))
        check([x["name"] for x in info] == ["T", "mia", "s"], "the text unchanged", info)
        # contentChanges that is not a list: nothing applied
        s.notify("textDocument/didChange", {"textDocument": {"uri": u, "version": 3}, "contentChanges": {"text": ""}})
        check(s.diagnostics(u) == [], "still the same text")
        # a range past the end of the text: clamped to its end
        s.change(u, 4, [{"range": rng(40, 0, 50, 9), "text": "persona bob\n"}])
        d = s.diagnostics(u)
        check([x["code"] for x in d] == ["unused"] and "'bob'" in d[0]["message"], "appended at the end", d)
        # an edit across lines: from inside 'persona mia' to inside the step
        s.change(u, 5, [{"range": rng(1, 9, 3, 12), "text": "ia\nstage t\n  step b by bob, "}])
        syms = s.request("textDocument/documentSymbol", doc(u))
        check([x["name"] for x in syms] == ["T", "mia", "t", "bob"], "the lines joined and split", syms)
        d = s.diagnostics(u)
        check(d == [], "bob and mia both used now", d)
        # delete everything, then type a journey in pieces
        s.change(u, 6, [{"range": rng(0, 0, 99, 0), "text": ""}])
        d = s.diagnostics(u)
        check(d and d[0]["severity"] == 1, "an empty text lacks its journey", d)
        check(s.request("textDocument/hover", at(u, 0, 0)) is None, "nothing to hover in an empty text")
        check(s.request("textDocument/definition", at(u, 3, 4)) is None, "nothing to define past the end")
        check(s.request("textDocument/documentHighlight", at(u, 0, 0)) == [], "nothing to highlight")
        for i, piece in enumerate(['journey "T"\n', "persona ", "x\n"]):
            s.change(u, 7 + i, [{"range": rng(9, 0, 9, 0), "text": piece}])
        s.drain(0.3)
        pub = [n["params"] for n in s.notes if n.get("method") == "textDocument/publishDiagnostics"]
        s.notes.clear()
        check(pub and pub[-1]["version"] == 9 and [x["code"] for x in pub[-1]["diagnostics"]] == ["unused"],
              "the last publication: version 9, x unused", pub)
        syms = s.request("textDocument/documentSymbol", doc(u))
        check([x["name"] for x in syms] == ["T", "x"], "typed back", syms)
        # characters past the end of a line, and negative characters, in requests
        e = s.request_error("textDocument/hover", at(u, 1, -3))
        check(e["code"] == -32602, "a negative character", e)
        e = s.request_error("textDocument/hover", at(u, 1, 1 << 40))
        check(e["code"] == -32602, "a character over 32 bits", e)


@scenario
def messages_the_server_drops_or_refuses(env):
    text = 'journey "T"\npersona mia\n'
    path = env.write("m.cjm", text)
    u = uri_of(path)
    with initialized(env) as s:
        s.open(u, text)
        s.diagnostics(u)
        # an object with neither method nor result: refused, with its id
        s.send({"jsonrpc": "2.0", "id": 41})
        m = s.response(41)
        check(m["error"]["code"] == -32600, "no method: not a request", m)
        s.send({"jsonrpc": "2.0", "id": 42, "method": 7})
        m = s.response(42)
        check(m["error"]["code"] == -32600, "a method that is not a string", m)
        # null and fractional ids
        for bad in [None, 1.5, True]:
            s.send({"jsonrpc": "2.0", "id": bad, "method": "workspace/symbol", "params": {"query": ""}})
            m = s.read_message()
            check(m["id"] is None and "request id" in m["error"]["message"], "id %r refused" % (bad,), m)
        # a notification as a request, a request as a notification
        e = s.request_error("textDocument/didOpen", {"textDocument": {"uri": u, "text": "x", "version": 1}})
        check(e["code"] == -32601 and "didOpen" in e["message"], "a notification sent as a request", e)
        s.notify("workspace/symbol", {"query": ""})
        s.notify("shutdown")
        check([x["name"] for x in s.request("workspace/symbol", {"query": "mia"})] == ["mia"],
              "a request sent as a notification: nothing happens, not even a shutdown")
        # blank lines between messages are skipped
        rid = s.next_id
        s.next_id += 1
        s.send_raw(b"\r\n\r\n" + frame({"jsonrpc": "2.0", "id": rid, "method": "workspace/symbol",
                                        "params": {"query": "mia"}}))
        check(len(s.response(rid)["result"]) == 1, "answered after blank lines")
        # three hundred messages in one write: all answered, in order
        first = s.next_id
        s.send_raw(b"".join(frame({"jsonrpc": "2.0", "id": first + i, "method": "workspace/symbol",
                                   "params": {"query": "mi"}}) for i in range(300)))
        s.next_id += 300
        got = [s.response(first + i)["result"][0]["name"] for i in range(300)]
        check(got == ["mia"] * 300, "three hundred answers", got[:3])
        # after shutdown: notifications are dropped
        s.request("shutdown")
        s.open("file:///late.cjm", 'journey "late"\n')
        s.drain(0.3)
        check(not [n for n in s.notes if n.get("method") == "textDocument/publishDiagnostics"],
              "no diagnostics after shutdown", s.notes)
        # exit, then more messages in the same write: never read
        s.send_raw(frame({"jsonrpc": "2.0", "method": "exit"}) +
                   frame({"jsonrpc": "2.0", "id": 999, "method": "workspace/symbol", "params": {}}))
        check(s.proc.wait(timeout=10) == 0, "exit 0 after shutdown")
        rest = bytes(s.buf) + s.proc.stdout.read()
        check(b"999" not in rest and 999 not in s.responses, "nothing answered after exit", rest)


@scenario
def cancels_that_match_nothing(env):
    text = 'journey "T"\npersona mia\n'
    path = env.write("k.cjm", text)
    u = uri_of(path)
    with initialized(env) as s:
        s.open(u, text)
        rid = s.next_id
        s.next_id += 1
        req = {"jsonrpc": "2.0", "id": rid, "method": "textDocument/hover", "params": at(u, 1, 9)}
        # a client response, a cancel without id, a cancel of another request: the request still runs
        s.send_raw(frame({"jsonrpc": "2.0", "id": 7, "result": None}) + frame(req) +
                   frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {}}) +
                   frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": rid + 100}}) +
                   frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": str(rid)}}))
        m = s.response(rid)
        check("result" in m and "**persona** `mia`" in m["result"]["contents"]["value"], "answered", m)


@scenario
def names_the_server_refuses_and_finds(env):
    env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    lines = JOURNEY.split("\n")
    u = uri_of(jp)
    with initialized(env) as s:
        s.open(u, JOURNEY)
        s.diagnostics(u)
        ln = next(i for i, l in enumerate(lines) if "by bob" in l)
        c = lines[ln].index("bob")
        for bad in ["", "x" * 257, "stage", "9lives", "-x", "a b", "a.b", "caf\u00e9\u2603"]:
            e = s.request_error("textDocument/rename", dict(at(u, ln, c), newName=bad))
            check(e["code"] == -32803 and "not a valid identifier" in e["message"], "newName %r refused" % bad, e)
        for good in ["Bob_2", "_b-b", "b\u00e9b"]:
            r = s.request("textDocument/rename", dict(at(u, ln, c), newName=good))
            check(all(x["newText"] == good for es in r["changes"].values() for x in es), "renamed to %r" % good, r)
        # references without a context: the declaration left out
        r = s.request("textDocument/references", at(u, ln, c))
        check([x["uri"] for x in r] == [u], "bob used once, declared elsewhere", r)
        # workspace symbols: case-insensitive, and without a query
        got = sorted(x["name"] for x in s.request("workspace/symbol", {"query": "SHO"}))
        check(got == ["shop"], "SHO finds shop", got)
        got = sorted(x["name"] for x in s.request("workspace/symbol", {}))
        check({"shop", "consider", "look", "ask", "mia", "bob"} <= set(got), "no query: every name", got)
        got = [x["name"] for x in s.request("workspace/symbol", {"query": "zzz"})]
        check(got == [], "nothing with zzz", got)
        # a built-in lane
        text = 'journey "L"\npersona p\nstage s\n  step a by p\n    action "x"\n'
        lp = env.write("lane.cjm", text)
        s.open(uri_of(lp), text)
        s.diagnostics(uri_of(lp))
        e = s.request_error("textDocument/prepareRename", at(uri_of(lp), 4, 6))
        check(e["message"] == "a built-in lane cannot be renamed", "the action lane is not renamed", e)


@scenario
def documents_without_a_directory_or_in_the_root(env):
    text = 'use "nowhere"\njourney "T"\npersona mia\nstage s\n  step a by mia\n'
    with initialized(env) as s:
        for u in ["untitled:Untitled-1", "file:///cjm-lsp-top.cjm"]:
            s.open(u, text)
            d = s.diagnostics(u)
            check([x["code"] for x in d] == ["use-not-found"], "%s: the module looked for" % u, d)
            got = labels(s.request("textDocument/completion", at(u, 0, 5)))
            check("b2c" in got, "%s: the standard library offered" % u, got)
            h = s.request("textDocument/hover", at(u, 2, 9))
            check("**persona** `mia`" in h["contents"]["value"], "%s: hover" % u, h)


@scenario
def modules_changed_on_disk_and_modules_that_are_not_files(env):
    mod = env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    u = uri_of(jp)
    with initialized(env) as s:
        s.open(u, JOURNEY)
        check(s.diagnostics(u) == [], "clean")
        # the module rewritten on disk (a later mtime): read again on the next check
        time.sleep(0.02)
        env.write("personas.cjm", PERSONAS.replace("bob", "rob"))
        st = os.stat(mod)
        os.utime(mod, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
        s.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri_of(mod), "type": 2}]})
        d = s.diagnostics(u)
        check(any("'bob'" in x["message"] for x in d), "bob gone from the module on disk", d)
        lines = JOURNEY.split("\n")
        ln = next(i for i, l in enumerate(lines) if "by mia" in l)
        r = s.request("textDocument/definition", at(u, ln, lines[ln].index("mia")))
        check(r["uri"] == uri_of(mod) and r["range"]["start"]["line"] == 0, "mia still in the module", r)
        # the module replaced by a directory of the same name: not found
        os.remove(mod)
        os.mkdir(mod)
        s.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri_of(mod), "type": 3}]})
        d = s.diagnostics(u)
        check(d and d[0]["code"] == "io" and "not a regular file" in d[0]["message"] and
              d[0]["range"]["start"]["line"] == 0, "a directory is no module", d)
        # and removed: not found either
        os.rmdir(mod)
        s.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri_of(mod), "type": 3}]})
        d = s.diagnostics(u)
        check(d and d[0]["code"] == "use-not-found", "a removed module", d)



@scenario
def incremental_falls_back_where_it_must(env):
    """Edits the block-wise reparse must leave to a whole rebuild, and
    edits far from the ends of a long text: two servers, one incremental,
    must agree on the tree and the diagnostics, and the incremental one
    counts only the updates it could make."""
    env.write("personas.cjm", PERSONAS)
    many = "".join("# persona number %d\npersona p%d\n" % (i, i) for i in range(70))
    text = ('use "personas"\njourney "T"\n' + many + "\npersona z\n\nchannel web\n\n" +
            "# " + "long comment " * 400 + "\nstage s\n  step a by mia, p0 via web\n    feel 1\n")
    path = env.write("f.cjm", text)
    u = uri_of(path)
    a = initialized(env)
    b = initialized(env, options={"incremental": False})

    def updates():
        return a.request("cjm/unitInfo", doc(u))["incrementalTotal"]

    def edit(version, changes, what, incremental):
        before = updates()
        for srv in (a, b):
            srv.change(u, version, changes)
        da, db = a.diagnostics(u), b.diagnostics(u)
        check(da == db, "the same diagnostics after " + what, da, db)
        same_tree(a, b, u, what)
        check(updates() - before == (1 if incremental else 0), "incremental or not: " + what, incremental)
        return da

    try:
        for srv in (a, b):
            srv.open(u, text)
        check(a.diagnostics(u) == b.diagnostics(u), "the same at first")
        lines = text.split("\n")
        web = lines.index("channel web")
        # a rename of the channel, with more than a page of text after it
        edit(2, [{"range": rng(web, 8, web, 11), "text": "app"}], "an edit a page before the end", True)
        # the same text again: nothing to reparse
        cur = text.replace("channel web", "channel app")
        edit(3, [{"text": cur}], "the same text sent again", False)
        # the block next to a use: the whole file again
        edit(4, [{"range": rng(1, 9, 1, 10), "text": "U"}], "an edit beside a use", False)
        # among seventy personas each led by a comment: too many blocks to reparse
        edit(5, [{"range": rng(40, 9, 40, 11), "text": "q"}], "an edit among commented blocks", False)
        # an edit that leaves the region unparsable, then one that mends it
        d = edit(6, [{"range": rng(web, 0, web, 7), "text": "chanel"}], "a region that does not parse", False)
        check(d and d[0]["severity"] == 1, "the broken line reported", d)
        edit(7, [{"range": rng(web, 0, web, 6), "text": "channel"}], "the region mended", False)
        edit(8, [{"range": rng(web, 8, web, 11), "text": "web"}], "and edited again", True)
        # a step's line: its stage parsed again
        last = len(lines) - 3
        edit(9, [{"range": rng(last, 7, last, 8), "text": "b"}], "an edit inside a step", True)
        # an edit in the same write as a change on disk: the whole unit again
        before = updates()
        for srv in (a, b):
            srv.send_raw(frame({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
                                "params": {"changes": []}}) +
                         frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                "params": {"textDocument": {"uri": u, "version": 10},
                                           "contentChanges": [{"range": rng(web, 8, web, 11), "text": "app"}]}}))
        da, db = a.diagnostics(u), b.diagnostics(u)
        check(da == db, "the same diagnostics after files changed", da, db)
        same_tree(a, b, u, "files changed")
        check(updates() == before, "files changed: no incremental update")
        edit(11, [{"range": rng(web, 8, web, 11), "text": "web"}], "and the next", True)
    finally:
        a.__exit__()
        b.__exit__()
    # a text without blocks: nothing to reparse
    with initialized(env) as s:
        cpath = env.write("c.cjm", "# only a comment\n")
        s.open(uri_of(cpath), "# only a comment\n")
        first = s.diagnostics(uri_of(cpath))
        s.change(uri_of(cpath), 2, [{"range": rng(0, 2, 0, 6), "text": "just"}])
        check(s.diagnostics(uri_of(cpath)) == first, "still the missing journey", first)
        info = s.request("cjm/unitInfo", doc(uri_of(cpath)))
        check(info["incrementalUpdates"] == 0, "no incremental update without blocks", info)



@scenario
def hover_and_completion_off_the_common_path(env):
    os.makedirs(os.path.join(env.dir, "path1"))
    env.write("path1/crew.cjm", "persona lead\n")
    env.write(".hidden.cjm", "persona h\n")
    env.write("notes.txt", "not a module\n")
    env.write("b2c.cjm", "persona q\n")  # the standard library's name, next to the file
    env.env["CJM_PATH"] = os.path.join(env.dir, "path1")
    text = 'use "nowhere"\njourney "T"\npersona bob "bob"\nmetric nps\n  target 40\n  step a by bob # who by \n'
    u = uri_of(env.write("a.cjm", text))
    with initialized(env) as s:
        s.open(u, text)
        d = s.diagnostics(u)
        check(d[0]["code"] == "use-not-found" and "CJM_PATH " + os.path.join(env.dir, "path1") in d[0]["message"],
              "CJM_PATH searched", d)
        h = s.request("textDocument/hover", at(u, 0, 6))["contents"]["value"]
        check(h == "**module** `nowhere`", "a module not found: its name only", h)
        h = s.request("textDocument/hover", at(u, 2, 9))["contents"]["value"]
        check(h == "**persona** `bob`", "a label equal to the name is not repeated", h)
        h = s.request("textDocument/hover", at(u, 3, 8))["contents"]["value"]
        check(h == "**metric** `nps`\n\ntarget: 40", "a target without a unit", h)
        got = s.request("textDocument/completion", at(u, 5, len("  step a by bob # who by ")))
        check(got == [], "nothing offered inside a comment", got)
        got = labels(s.request("textDocument/completion", at(u, 0, 5)))
        check(got == ["aisas", "b2b", "b2c", "blueprint", "crew"],
              "modules of CJM_PATH and the standard library, b2c once, no hidden file, not the file itself", got)
        # a formatted text: no edit
        s.change(u, 2, [{"text": 'journey "T"\n'}])
        s.diagnostics(u)
        got = s.request("textDocument/formatting", dict(doc(u), options={}))
        check(got == [], "already formatted", got)



@scenario
def rename_checks_every_journey_that_sees_the_name(env):
    env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY)
    btext = 'use "personas"\njourney "B"\npersona zed\nstage s\n  step a by mia, zed\n'
    ctext = 'journey "C"\npersona kai\nstage s\n  step a by kai\n'
    bp, cp = env.write("b.cjm", btext), env.write("c.cjm", ctext)
    lines = JOURNEY.split("\n")
    ln = next(i for i, l in enumerate(lines) if "by mia" in l)
    c = lines[ln].index("mia")
    with initialized(env) as s:
        for path, text in [(jp, JOURNEY), (bp, btext), (cp, ctext)]:
            s.open(uri_of(path), text)
            s.diagnostics(uri_of(path))
        # kai is declared only in a journey that does not use personas: free
        r = s.request("textDocument/rename", dict(at(uri_of(jp), ln, c), newName="kai"))
        check(sorted(r["changes"]) == sorted([uri_of(jp), uri_of(bp), uri_of(env.dir + "/personas.cjm")]),
              "mia renamed in the module and both its users, not in c.cjm", sorted(r["changes"]))
        # zed is declared in b.cjm, which sees mia: taken
        e = s.request_error("textDocument/rename", dict(at(uri_of(jp), ln, c), newName="zed"))
        check("a persona named 'zed' already exists" in e["message"], "zed taken in b.cjm", e)
        # the references of a name of the standard library, without its declaration
        w = next(i for i, l in enumerate(lines) if "via web" in l)
        r = s.request("textDocument/references", dict(at(uri_of(jp), w, lines[w].index("web")),
                                                      context={"includeDeclaration": False}))
        check([(x["uri"], x["range"]["start"]["line"]) for x in r] == [(uri_of(jp), w)], "web used once", r)
        r = s.request("textDocument/references", dict(at(uri_of(jp), w, lines[w].index("web")),
                                                      context={"includeDeclaration": True}))
        check(len(r) == 2 and any(x["uri"].endswith("/b2c.cjm") for x in r), "and declared in b2c", r)



@scenario
def a_message_over_the_limit_is_dropped(env):
    with initialized(env) as s:
        n = (96 << 20) + 1
        s.send_raw(b"Content-Length: %d\r\n\r\n" % n)
        chunk = b" " * (1 << 20)
        for _ in range(96):
            s.send_raw(chunk)
        s.send_raw(b" ")
        m = s.read_message()
        check(m["id"] is None and m["error"]["code"] == -32600 and "over the limit of 100663296 bytes" in
              m["error"]["message"], "refused, the limit named", m)
        check(s.request("workspace/symbol", {"query": ""}) == [], "the next message read as usual")



@scenario
def a_module_error_found_past_a_missing_module_and_a_shared_one(env):
    env.write("a.cjm", 'use "c"\npersona pa\n')
    env.write("b.cjm", 'use "c"\nuse "d"\npersona pb\n')
    env.write("c.cjm", "persona pc\n")
    env.write("d.cjm", "persona pd\npersona\n")
    text = 'use "nowhere"\nuse "a"\nuse "b"\njourney "T"\nstage s\n  step x by pa, pb, pc, pd\n'
    u = uri_of(env.write("root.cjm", text))
    with initialized(env) as s:
        s.open(u, text)
        d = s.diagnostics(u)
        got = [(x["code"], x["range"]["start"]["line"]) for x in d]
        check(got[0] == ("use-not-found", 0), "the missing module at its use", d)
        mod = [x for x in d if "d.cjm" in x["message"]]
        check(len(mod) == 1 and mod[0]["range"]["start"]["line"] == 2 and mod[0]["severity"] == 1,
              "d.cjm's error shown at use \"b\", reached through b after a and c were seen", d)
        rel = mod[0].get("relatedInformation", [])
        places = [(r["location"]["uri"], r["location"]["range"]["start"]["line"]) for r in rel]
        dp = uri_of(os.path.join(env.dir, "d.cjm"))
        check(places == [(dp, 2), (dp, 1)], "the end of d.cjm and the block it opened, related", rel)



@scenario
def workspace_symbols_once_each_and_at_most_5000(env):
    mod = env.write("personas.cjm", PERSONAS)
    jp = env.write("journey.cjm", JOURNEY.replace("channel shop", "channel Shop").replace("via shop", "via Shop"))
    with initialized(env) as s:
        s.open(uri_of(mod), PERSONAS)
        s.open(uri_of(jp), open(jp, encoding="utf-8").read())
        got = [(x["name"], x["location"]["uri"]) for x in s.request("workspace/symbol", {"query": "mia"})]
        check(got == [("mia", uri_of(mod))], "mia, seen from the module and its user, listed once", got)
        got = [x["name"] for x in s.request("workspace/symbol", {"query": "sHOP"})]
        check(got == ["Shop"], "capitals on both sides", got)
        many = 'journey "M"\n' + "".join("persona p%d\n" % i for i in range(5100))
        mp = env.write("many.cjm", many)
        s.open(uri_of(mp), many)
        got = s.request("workspace/symbol", {"query": "p"})
        check(len(got) == 5000, "at most 5000 symbols", len(got))



@scenario
def no_fix_for_a_character_without_a_lookalike(env):
    text = 'journey "T"\npersona mia\nstage s\n  step a "a # b" by mia\n    feel 1 \u2603\n'
    u = uri_of(env.write("a.cjm", text))
    with initialized(env) as s:
        s.open(u, text)
        d = s.diagnostics(u)
        check([x["code"] for x in d] == ["stray-char"] and "U+2603" in d[0]["message"], "the snowman reported", d)
        a = s.request("textDocument/codeAction", {"textDocument": {"uri": u}, "range": d[0]["range"],
                                                  "context": {"diagnostics": d}})
        check(a == [], "no ASCII lookalike: no fix", a)
        # a '#' inside a string opens no comment: after it, names are offered
        line = '  step a "a # b" by '
        got = labels(s.request("textDocument/completion", at(u, 3, len(line))))
        check(got == ["mia"], "completion after a string holding '#'", got)



@scenario
def names_without_a_place_of_their_own(env):
    text = ('use "nowhere"\njourney "L"\npersona p\nlane extra "Extra"\nstage s\n  step a by p\n'
            '    action "x"\n    extra "y"\n')
    u = uri_of(env.write("a.cjm", text))
    with initialized(env) as s:
        s.open(u, text)
        check([x["code"] for x in s.diagnostics(u)] == ["use-not-found"], "only the missing module")
        # a module not found and a built-in lane: nowhere to go
        check(s.request("textDocument/definition", at(u, 0, 7)) is None, "no file for a module not found")
        check(s.request("textDocument/definition", at(u, 6, 6)) is None, "no declaration of the action lane")
        r = s.request("textDocument/definition", at(u, 7, 6))
        check(r == {"uri": u, "range": rng(3, 5, 3, 10)}, "a lane of the journey: its declaration", r)
        h = s.request("textDocument/hover", at(u, 6, 6))["contents"]["value"]
        check(h == "**lane** `action`\n\n*built-in lane*", "the built-in lane's hover", h)
        h = s.request("textDocument/hover", at(u, 7, 6))["contents"]["value"]
        check(h == "**lane** `extra` — Extra", "the journey's lane", h)
        e = s.request_error("textDocument/prepareRename", at(u, 0, 7))
        check(e["message"] == "a module is renamed by renaming its file", "a module", e)
        r = s.request("textDocument/prepareRename", at(u, 7, 6))
        check(r == {"range": rng(7, 4, 7, 9), "placeholder": "extra"}, "a lane of the journey is renamed", r)
        # references without a context leave the declaration out
        r = s.request("textDocument/references", at(u, 7, 6))
        check([x["range"] for x in r] == [rng(7, 4, 7, 9)], "extra used once", r)
        r = s.request("textDocument/references", at(u, 6, 6))
        check([x["range"] for x in r] == [rng(6, 4, 6, 10)], "action used once, declared nowhere", r)



@scenario
def a_document_over_the_file_limit(env):
    text = 'journey "T"\npersona mia\nstage s\n  step a by mia\n'
    u = uri_of(env.write("big.cjm", text))
    limit = 64 << 20
    with initialized(env) as s:
        s.open(u, text)
        check(s.diagnostics(u) == [], "clean")
        # an edit that takes the text over the limit: one error, at the start
        s.change(u, 2, [{"range": rng(1, 0, 1, 0), "text": "# " + "z" * limit + "\n"}])
        d = s.diagnostics(u)
        size = len(text) + limit + 3
        check([x["code"] for x in d] == ["limit"] and d[0]["range"]["start"] == pos(0, 0) and
              d[0]["message"] == "file is %d bytes, over the limit of %d bytes" % (size, limit),
              "over the limit: not read", d)
        check(s.request("textDocument/documentSymbol", doc(u)) == [], "no symbols of a text not read")
        # back under the limit: checked again
        s.change(u, 3, [{"range": rng(1, 0, 2, 0), "text": ""}])
        check(s.diagnostics(u) == [], "clean again")
        syms = s.request("textDocument/documentSymbol", doc(u))
        check([x["name"] for x in syms] == ["T", "mia", "s"], "its symbols back", syms)



@scenario
def uris_and_headers_as_clients_write_them(env):
    os.makedirs(os.path.join(env.dir, "Dir \u00e9"))
    env.write("Dir \u00e9/m.cjm", "persona mia\n")
    env.write("Dir \u00e9/x%G1.cjm", "")
    text = 'use "m"\njourney "T"\nstage s\n  step a by mia\n'
    base = "file://" + env.dir
    with initialized(env) as s:
        for u in [base + "/Dir%20%C3%A9/j.cjm", base + "/Dir%20%c3%a9/k.cjm?x=1#top",
                  "file://localhost" + env.dir + "/Dir%20%C3%A9/l.cjm", base + "/Dir%20%c3%A9/x%G1.cjm"]:
            s.open(u, text)
            check(s.diagnostics(u) == [], "%s: m.cjm found beside it" % u)
            r = s.request("textDocument/definition", at(u, 3, 12))
            check(r["uri"] == uri_of(os.path.join(env.dir, "Dir \u00e9", "m.cjm")), "%s: mia in m.cjm" % u, r)
        # another host's file: no path, its modules not found; opened twice, the second text wins
        u = "file://elsewhere/j.cjm"
        s.open(u, text)
        d = s.diagnostics(u)
        check([x["code"] for x in d][:1] == ["use-not-found"], "no m.cjm on another host", d)
        s.open(u, 'journey "T"\npersona mia\nstage s\n  step a by mia\n', version=2)
        check(s.diagnostics(u) == [], "reopened with a new text")
        # headers in other cases and spacing, a Content-Type, bare line feeds
        for head in [b"content-length:\t%d \t\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
                     b"Content-Length: %d\n\n", b"Content-Length: %d\r\n\n"]:
            rid = s.next_id
            s.next_id += 1
            body = json.dumps({"jsonrpc": "2.0", "id": rid, "method": "workspace/symbol",
                               "params": {"query": "zzz"}}).encode()
            s.send_raw(head % len(body) + body)
            m = s.response(rid)
            check(m.get("result") == [], "answered after the header %r" % head, m)



@scenario
def completion_on_lines_written_oddly(env):
    base = 'journey "T"\npersona mia\npersona bob\nstage s\n  step a\n'
    u = uri_of(env.write("a.cjm", base))
    with initialized(env) as s:
        s.open(u, base)
        for version, (line, want) in enumerate([
                ("  , by ", ["bob", "mia"]),  # a comma before any word
                ("  step b " + " ".join("w%d" % i for i in range(200)) + " by ", ["bob", "mia"]),  # more words than kept
                ("  step b by mia#c", []),  # a comment right after a name
                ('  step b "x"by ', ["bob", "mia"]),  # a keyword right after a label
                ("  step b by mia , ", ["bob", "mia"])], start=2):
            t = base + line + "\n"
            s.change(u, version, [{"text": t}])
            got = labels(s.request("textDocument/completion", at(u, t.count("\n") - 1, len(line))))
            check(got == want, "completion after %r" % line[-24:], got, want)
        # lines ended by a lone carriage return
        t = 'journey "T"\rpersona mia\rstage s\r  step a by '
        s.change(u, 20, [{"text": t}])
        got = labels(s.request("textDocument/completion", at(u, 3, 12)))
        check(got == ["mia"], "completion in a text of \\r line ends", got)
        h = s.request("textDocument/hover", at(u, 1, 9))
        check(h["contents"]["value"] == "**persona** `mia`" and h["range"] == rng(1, 8, 1, 11), "hover there", h)



@scenario
def semantic_tokens_of_numbers_on_a_scale_of_its_own(env):
    text = ('journey "T"\n  scale 1..5\npersona mia\nmetric nps\n  target 40\nstage s\n  step a by mia\n'
            '    feel 3\n  step b by mia\n    feel 2\n  step c by mia\n    feel 5 "glad"\n')
    u = uri_of(env.write("t.cjm", text))
    with env.server() as s:
        caps = s.initialize()["capabilities"]["semanticTokensProvider"]["legend"]
        s.open(u, text)
        d = s.diagnostics(u)
        check([x["code"] for x in d] == ["unused"], "only the metric unused", d)
        data = s.request("textDocument/semanticTokens/full", doc(u))["data"]
        lines = text.split("\n")
        toks, line, char = [], 0, 0
        for i in range(0, len(data), 5):
            dl, dc, n, t, m = data[i:i + 5]
            line += dl
            char = dc if dl else char + dc
            mods = {caps["tokenModifiers"][b] for b in range(len(caps["tokenModifiers"])) if m & (1 << b)}
            toks.append((line, lines[line][char:char + n], caps["tokenTypes"][t], mods))
        numbers = [(l, w, mods) for l, w, k, mods in toks if k == "number"]
        check(numbers == [(1, "1", set()), (1, "5", set()), (4, "40", set()), (7, "3", set()), (9, "2", {"negative"}),
                          (11, "5", {"positive"})],
              "feels measured from the middle of 1..5, other numbers plain", numbers)



@scenario
def headers_repeated_or_too_long_and_words_at_a_dash(env):
    os.makedirs(os.path.join(env.dir, "lib"))
    env.write("lib/crew.cjm", "persona lead\n")
    text = 'use "crew"\njourney "T"\nstage s\n  step a by lead\n    feel -1\n    feel'
    u = uri_of(env.write("a.cjm", text))
    with initialized(env, options={"includeDirs": ["lib"]}) as s:
        s.open(u, text)
        d = s.diagnostics(u)
        check(d and all(x["range"]["start"]["line"] == 5 for x in d), "only the last feel wrong: crew found in lib/", d)
        # a module found through a relative directory: an absolute URI
        r = s.request("textDocument/definition", at(u, 3, 12))
        check(r["uri"] == uri_of(os.path.join(env.dir, "lib", "crew.cjm")), "lib/crew.cjm, absolute", r)
        # rename next to and on the dash of -1, and on a keyword that ends the text
        for p, want in [((4, 10), "there is no name to rename here"), ((4, 9), "there is no name to rename here"),
                        ((4, 8), "a keyword cannot be renamed"), ((5, 8), "a keyword cannot be renamed")]:
            e = s.request_error("textDocument/prepareRename", at(u, *p))
            check(e["message"] == want, "prepareRename at %r" % (p,), e)
        got = [x["name"] for x in s.request("workspace/symbol", {"query": "1a"})]
        check(got == [], "a digit in the query", got)

        def asked(rid):
            body = json.dumps({"jsonrpc": "2.0", "id": rid, "method": "workspace/symbol",
                               "params": {"query": "lead"}}).encode()
            return body

        b = asked(500)
        s.send_raw(b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (len(b), len(b)) + b)
        m = s.response(500)
        check([x["name"] for x in m["result"]] == ["lead"], "the same length twice: read", m)
        s.send_raw(b"Content-Length: 5\r\nContent-Length: 6\r\n\r\n")
        m = s.read_message()
        check(m["id"] is None and m["error"]["code"] == -32700, "two lengths that differ: refused", m)
        s.send_raw(b"X-Junk: " + b"a" * 9000 + b"\r\nContent-Length: 2\r\n\r\n")
        m = s.read_message()
        check(m["id"] is None and m["error"]["code"] == -32700, "a header over 8 KiB: refused", m)
        b = asked(501)
        s.send_raw(frame(b))
        check(s.response(501)["result"][0]["name"] == "lead", "and the next message read")



@scenario
def incremental_on_crlf_lines_and_commented_blocks(env):
    text = ('journey "T"\r\npersona mia\r\n\r\n# the web\r\nchannel web\r\n\r\n# the shop\r\nchannel shop\r\n'
            '# right after\r\nchannel app\r\n\r\nstage s\r\n  step a by mia via web, shop, app\r\n    feel 1\r\n')
    u = uri_of(env.write("crlf.cjm", text))
    a = initialized(env)
    b = initialized(env, options={"incremental": False})
    try:
        for srv in (a, b):
            srv.open(u, text)
        check(a.diagnostics(u) == b.diagnostics(u) == [], "clean in both")
        total = 0
        for version, (r, new, what) in enumerate([
                (rng(4, 8, 4, 11), "net", "a channel led by a comment after a blank \\r\\n line"),
                (rng(1, 8, 1, 11), "ann", "a persona before a commented channel"),
                (rng(7, 8, 7, 12), "kiosk", "a channel whose follower's comment touches it"),
                (rng(9, 8, 9, 11), "mob", "the channel led by that comment")], start=2):
            for srv in (a, b):
                srv.change(u, version, [{"range": r, "text": new}])
            da, db = a.diagnostics(u), b.diagnostics(u)
            check(da == db and da, "the same diagnostics after " + what, da, db)
            same_tree(a, b, u, what)
            total = a.request("cjm/unitInfo", doc(u))["incrementalTotal"]
        check(total >= 1, "some edits reparsed only their blocks", total)
    finally:
        a.__exit__()
        b.__exit__()


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        print("\n".join(SCENARIOS))
        return 0
    if len(argv) != 4 or argv[3] not in SCENARIOS:
        print(__doc__, file=sys.stderr)
        return 2
    env = Env(os.path.abspath(argv[1]), os.path.abspath(argv[2]))
    try:
        SCENARIOS[argv[3]](env)
    except (AssertionError, ProtocolError, EOFError) as e:
        print("FAIL %s: %s" % (argv[3], e), file=sys.stderr)
        return 1
    finally:
        env.cleanup()
    print("ok %s" % argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
