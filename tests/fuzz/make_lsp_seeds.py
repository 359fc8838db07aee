#!/usr/bin/env python3
"""make_lsp_seeds — writes seeds for fuzz_lsp (tests/fuzz/fuzz_lsp.c): for
each journey named on the command line, one input that opens it and sends
every request the server answers at a few places, then edits it. Each
input is a list of JSON-RPC bodies separated by lines "---", the form the
harness frames itself. Usage: make_lsp_seeds.py OUTDIR FILE.cjm..."""
import json
import os
import sys


def seed(text):
    uri = "file:///fuzz/a.cjm"
    doc = {"uri": uri}
    msgs = [{"method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": uri, "languageId": "cjm", "version": 1, "text": text}}}]
    lines = text.split("\n")
    places = [(0, 0), (min(2, len(lines) - 1), 9), (len(lines) // 2, 10), (len(lines) - 1, 3)]
    rid = 10
    for line, character in places:
        pos = {"textDocument": doc, "position": {"line": line, "character": character}}
        for method in ("textDocument/hover", "textDocument/completion", "textDocument/definition",
                       "textDocument/documentHighlight", "textDocument/prepareRename"):
            msgs.append({"id": rid, "method": method, "params": pos})
            rid += 1
        msgs.append({"id": rid, "method": "textDocument/references",
                     "params": dict(pos, context={"includeDeclaration": True})})
        msgs.append({"id": rid + 1, "method": "textDocument/rename", "params": dict(pos, newName="renamed")})
        rid += 2
    rng = {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}
    msgs += [{"id": rid, "method": "textDocument/formatting",
              "params": {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": True}}},
             {"id": rid + 1, "method": "textDocument/documentSymbol", "params": {"textDocument": doc}},
             {"id": rid + 2, "method": "textDocument/semanticTokens/full", "params": {"textDocument": doc}},
             {"id": rid + 3, "method": "textDocument/codeAction",
              "params": {"textDocument": doc, "range": rng, "context": {"diagnostics": []}}},
             {"id": rid + 4, "method": "workspace/symbol", "params": {"query": "s"}},
             {"method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": 2},
                         "contentChanges": [{"range": rng, "text": "stage x\n  step y by z\n"}]}},
             {"id": rid + 5, "method": "textDocument/hover",
              "params": {"textDocument": doc, "position": {"line": 1, "character": 8}}},
             {"method": "$/cancelRequest", "params": {"id": rid + 5}},
             {"method": "textDocument/didClose", "params": {"textDocument": doc}}]
    return "\n---\n".join(json.dumps(dict({"jsonrpc": "2.0"}, **m), ensure_ascii=False) for m in msgs)


def main(argv):
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        name = os.path.basename(path).replace(".cjm", ".lsp")
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(seed(text))


if __name__ == "__main__":
    main(sys.argv)
