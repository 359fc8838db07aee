"""lspclient — drives `cjm lsp` as an editor does: framed JSON-RPC messages
on the server's standard input, responses and notifications read back from
its standard output. Python 3 standard library only.

    with Server(cjm) as s:
        s.initialize()
        s.open(uri, text)
        diags = s.diagnostics(uri)
        r = s.request("textDocument/hover", {...})
"""
import json
import os
import select
import subprocess
import time


class ProtocolError(AssertionError):
    pass


def frame(obj_or_bytes):
    body = obj_or_bytes if isinstance(obj_or_bytes, bytes) else json.dumps(obj_or_bytes).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    def __init__(self, cjm, args=(), cwd=None, env=None, timeout=20.0):
        self.proc = subprocess.Popen([cjm, "lsp", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.timeout = timeout
        self.buf = bytearray()
        self.next_id = 1
        self.notes = []  # notifications not yet taken, in arrival order
        self.responses = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        """Ends the server politely when it still runs (shutdown, exit), so
        that a sanitizer build reports leaks, and fails on any sanitizer
        report in its standard error."""
        if self.proc.poll() is None:
            try:
                self.response(self.request_async("shutdown"))  # an error answer will do
            except Exception:
                pass
            try:
                self.notify("exit")
                self.proc.wait(timeout=self.timeout)
            except Exception:
                self.proc.kill()
        self.proc.wait()
        try:
            err = self.proc.stderr.read().decode(errors="replace")
        except (OSError, ValueError):
            err = ""
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass
        if "Sanitizer" in err or "runtime error:" in err:
            raise AssertionError("the server's sanitizer report:\n" + err[-4000:])

    # ---- writing
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        self.send_raw(frame(msg))

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request_async(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return rid

    # ---- reading
    def _read_some(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise ProtocolError("timed out waiting for the server")
        r, _, _ = select.select([self.proc.stdout], [], [], left)
        if not r:
            raise ProtocolError("timed out waiting for the server")
        chunk = os.read(self.proc.stdout.fileno(), 1 << 22)
        if not chunk:
            raise EOFError("the server closed its output")
        self.buf += chunk

    def read_message(self, deadline=None):
        deadline = deadline or time.monotonic() + self.timeout
        while b"\r\n\r\n" not in self.buf:
            self._read_some(deadline)
        end = self.buf.index(b"\r\n\r\n") + 4
        length = None
        for line in self.buf[:end].split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise ProtocolError("no Content-Length in %r" % self.buf[:end])
        while len(self.buf) < end + length:
            self._read_some(deadline)
        body = bytes(self.buf[end:end + length])
        del self.buf[:end + length]
        return json.loads(body)

    def _pump(self, deadline):
        msg = self.read_message(deadline)
        if "id" in msg and "method" not in msg:
            self.responses[msg["id"]] = msg
        else:
            self.notes.append(msg)

    def response(self, rid):
        deadline = time.monotonic() + self.timeout
        while rid not in self.responses:
            self._pump(deadline)
        return self.responses.pop(rid)

    def request(self, method, params=None):
        """The result of a request; raises ProtocolError on an error response."""
        msg = self.response(self.request_async(method, params))
        if "error" in msg:
            raise ProtocolError("%s failed: %s" % (method, msg["error"]))
        return msg["result"]

    def request_error(self, method, params=None):
        """The error of a request that must fail."""
        msg = self.response(self.request_async(method, params))
        if "error" not in msg:
            raise ProtocolError("%s should have failed, gave %r" % (method, msg.get("result")))
        return msg["error"]

    def notification(self, method, match=lambda p: True):
        deadline = time.monotonic() + self.timeout
        while True:
            for i, n in enumerate(self.notes):
                if n.get("method") == method and match(n.get("params")):
                    return self.notes.pop(i)["params"]
            self._pump(deadline)

    def diagnostics(self, uri):
        """The next diagnostics published for uri."""
        return self.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)["diagnostics"]

    def drain(self, seconds=0.2):
        """Reads what arrives within seconds (for checking nothing more came)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self._pump(deadline)
        except ProtocolError:
            pass

    # ---- the usual steps
    def initialize(self, encodings=None, options=None):
        caps = {}
        if encodings is not None:
            caps["general"] = {"positionEncodings": encodings}
        params = {"processId": None, "rootUri": None, "capabilities": caps}
        if options is not None:
            params["initializationOptions"] = options
        result = self.request("initialize", params)
        self.notify("initialized", {})
        return result

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cjm", "version": version,
                                                             "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes})

    def shutdown_and_exit(self):
        self.request("shutdown")
        self.notify("exit")
        return self.proc.wait(timeout=self.timeout)


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def pos(line, character):
    return {"line": line, "character": character}


def rng(l0, c0, l1, c1):
    return {"start": pos(l0, c0), "end": pos(l1, c1)}


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2
