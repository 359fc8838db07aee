/* server — the language server's main loop (see server.h): reading
 * frames, JSON-RPC dispatch through one table of methods, the lifecycle
 * (initialize, shutdown, exit), text synchronisation, cancellation, and
 * publishing diagnostics once a batch of messages has been read. */
#include "runtime/lsp/server.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/lsp/frame.h"
#include "runtime/lsp/session.h"
#include "runtime/base/grow.h"

/* ---- sending --------------------------------------------------------------- */

void cjm_lsp_send(cjm_lsp_server *s, json_t *msg) {
  if (!s->failed) {
    char *text = json_dumps(msg, JSON_COMPACT);
    if (!text || !cjm_lsp_write_frame(s->out_fd, text, strlen(text))) s->failed = true;
    free(text);
  }
  json_decref(msg);
}

void cjm_lsp_notify(cjm_lsp_server *s, const char *method, json_t *params) {
  cjm_lsp_send(s, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* Sends the response to request id (borrowed) for reply (consumed). */
static void respond(cjm_lsp_server *s, json_t *id, cjm_lsp_reply reply) {
  if (reply.raw_result && !reply.error_code) {
    /* the envelope written around the text the handler made */
    char *id_text = json_dumps(id ? id : json_null(), JSON_COMPACT | JSON_ENCODE_ANY);
    size_t n = strlen(reply.raw_result);
    char *msg = cjm_xmalloc(n + strlen(id_text) + 64);
    int k = sprintf(msg, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", id_text);
    memcpy(msg + k, reply.raw_result, n);
    msg[k + n] = '}';
    if (!s->failed && !cjm_lsp_write_frame(s->out_fd, msg, (size_t)k + n + 1)) s->failed = true;
    free(msg);
    free(id_text);
    free(reply.raw_result);
    json_decref(reply.result);
    free(reply.error_message);
    return;
  }
  free(reply.raw_result);
  json_t *msg = json_pack("{s:s,s:O}", "jsonrpc", "2.0", "id", id ? id : json_null());
  if (reply.error_code) {
    json_object_set_new(msg, "error", json_pack("{s:i,s:s}", "code", reply.error_code, "message",
                                                reply.error_message ? reply.error_message : "error"));
    json_decref(reply.result);
  } else {
    json_object_set_new(msg, "result", reply.result ? reply.result : json_null());
  }
  free(reply.error_message);
  cjm_lsp_send(s, msg);
}

/* ---- lifecycle ------------------------------------------------------------ */

/* Appends a malloc'd copy of str to a string list. */
static void push_string(char ***list, size_t *count, const char *str) {
  *list = cjm_xrealloc(*list, (*count + 1) * sizeof **list);
  (*list)[(*count)++] = cjm_xstrdup(str);
}

/* The capabilities the server announces. */
static json_t *capabilities(const cjm_lsp_server *s) {
  json_t *sync = json_pack("{s:b,s:i,s:{s:b}}", "openClose", 1, "change", 2, "save", "includeText", 0);
  json_t *c = json_object();
  json_object_set_new(c, "positionEncoding", json_string(cjm_lsp_encoding_name(s->encoding)));
  json_object_set_new(c, "textDocumentSync", sync);
  json_object_set_new(c, "definitionProvider", json_true());
  json_object_set_new(c, "referencesProvider", json_true());
  json_object_set_new(c, "documentHighlightProvider", json_true());
  json_object_set_new(c, "documentSymbolProvider", json_true());
  json_object_set_new(c, "workspaceSymbolProvider", json_true());
  json_object_set_new(c, "hoverProvider", json_true());
  json_object_set_new(c, "completionProvider",
                      json_pack("{s:[s,s,s]}", "triggerCharacters", " ", "\"", ","));
  json_object_set_new(c, "renameProvider", json_pack("{s:b}", "prepareProvider", 1));
  json_object_set_new(c, "documentFormattingProvider", json_true());
  json_object_set_new(c, "codeActionProvider", json_pack("{s:[s]}", "codeActionKinds", "quickfix"));
  json_object_set_new(c, "semanticTokensProvider",
                      json_pack("{s:o,s:b,s:b}", "legend", cjm_lsp_semantic_legend(), "full", 1, "range", 0));
  return c;
}

/* initialize: picks the position encoding and reads initializationOptions:
 * {"warnings": ["-Wall", "-Wno-unused"], "maxErrors": N, "includeDirs": [...]}. */
static cjm_lsp_reply initialize(cjm_lsp_server *s, json_t *params) {
  if (s->initialized) return cjm_lsp_fail(CJM_RPC_INVALID_REQUEST, "initialize sent twice");
  json_t *encodings = json_object_get(json_object_get(json_object_get(params, "capabilities"), "general"),
                                      "positionEncodings");
  s->encoding = CJM_LSP_UTF16;
  /* The client's order is its preference; utf-8 saves work when offered. */
  size_t i;
  json_t *e;
  json_array_foreach(encodings, i, e) {
    cjm_lsp_encoding enc;
    if (json_is_string(e) && cjm_lsp_encoding_from_name(json_string_value(e), &enc)) {
      s->encoding = enc;
      break;
    }
  }
  json_t *init = json_object_get(params, "initializationOptions");
  json_t *w;
  json_array_foreach(json_object_get(init, "warnings"), i, w) {
    const char *opt = json_string_value(w);
    if (!opt) continue;
    cjm_diags *probe = cjm_diags_new();
    bool known = cjm_diags_set_option(probe, opt);
    cjm_diags_free(probe);
    if (!known) return cjm_lsp_fail(CJM_RPC_INVALID_PARAMS, "unknown warning option '%s'", opt);
    push_string(&s->warnings, &s->warning_count, opt);
  }
  if (json_is_false(json_object_get(init, "incremental"))) s->incremental = false;
  json_t *max = json_object_get(init, "maxErrors");
  if (json_is_integer(max) && json_integer_value(max) >= 0) s->max_errors = (size_t)json_integer_value(max);
  json_array_foreach(json_object_get(init, "includeDirs"), i, w)
    if (json_string_value(w)) push_string(&s->include_dirs, &s->include_count, json_string_value(w));
  for (size_t k = 0; k < s->options->load.include_count; k++)
    push_string(&s->include_dirs, &s->include_count, s->options->load.include_dirs[k]);
  s->load.include_dirs = (const char *const *)s->include_dirs;
  s->load.include_count = s->include_count;
  s->initialized = true;
  return cjm_lsp_ok(json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities(s), "serverInfo", "name",
                              "cjm", "version", "0.1.0"));
}

static cjm_lsp_reply shutdown_request(cjm_lsp_server *s, json_t *params) {
  s->shutdown = true;
  return cjm_lsp_ok(NULL);
}

/* ---- text synchronisation -------------------------------------------------- */

/* textDocument/didOpen */
static void did_open(cjm_lsp_server *s, json_t *params) {
  const char *uri, *text;
  size_t len;
  json_int_t version = 0;
  if (json_unpack(params, "{s:{s:s,s:s%,s?I}}", "textDocument", "uri", &uri, "text", &text, &len, "version",
                  &version) != 0)
    return;
  cjm_lsp_doc *doc = cjm_lsp_docs_open(&s->docs, uri, text, len, version);
  cjm_lsp_unit_open(s, doc);
  cjm_lsp_mark_stale(s, doc->real_path);
}

/* textDocument/didChange: whole texts and ranges, applied in order. */
static void did_change(cjm_lsp_server *s, json_t *params) {
  const char *uri;
  json_int_t version = 0;
  json_t *changes;
  if (json_unpack(params, "{s:{s:s,s?I},s:o}", "textDocument", "uri", &uri, "version", &version,
                  "contentChanges", &changes) != 0)
    return;
  cjm_lsp_doc *doc = cjm_lsp_docs_find(&s->docs, uri);
  if (!doc) return;
  size_t i;
  json_t *change;
  json_array_foreach(changes, i, change) {
    const char *text;
    size_t len;
    json_t *range = NULL;
    if (json_unpack(change, "{s:s%,s?o}", "text", &text, &len, "range", &range) != 0) continue;
    if (!range) {
      cjm_lsp_doc_set_text(&s->docs, doc, text, len);
      continue;
    }
    json_int_t l0, c0, l1, c1;
    if (json_unpack(range, "{s:{s:I,s:I},s:{s:I,s:I}}", "start", "line", &l0, "character", &c0, "end", "line",
                    &l1, "character", &c1) != 0 ||
        l0 < 0 || c0 < 0 || l1 < 0 || c1 < 0 || l0 > UINT32_MAX || l1 > UINT32_MAX || c0 > UINT32_MAX ||
        c1 > UINT32_MAX)
      continue;
    size_t a = cjm_lsp_offset_of(&doc->lines, doc->text, doc->len,
                                 (cjm_lsp_position){(uint32_t)l0, (uint32_t)c0}, s->encoding);
    size_t b = cjm_lsp_offset_of(&doc->lines, doc->text, doc->len,
                                 (cjm_lsp_position){(uint32_t)l1, (uint32_t)c1}, s->encoding);
    if (b < a) {
      size_t t = a;
      a = b;
      b = t;
    }
    cjm_lsp_doc_edit(&s->docs, doc, a, b, text, len);
  }
  doc->version = version;
  cjm_lsp_mark_stale(s, doc->real_path);
}

/* textDocument/didSave: the text is the editor's already; modules saved
 * are re-read by the journeys that use them only through the cache's
 * modification time, so nothing to do but recheck the dependents. */
static void did_save(cjm_lsp_server *s, json_t *params) {
  const char *uri;
  if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0) return;
  cjm_lsp_doc *doc = cjm_lsp_docs_find(&s->docs, uri);
  if (doc) cjm_lsp_mark_stale(s, doc->real_path);
}

/* textDocument/didClose: its diagnostics are cleared; journeys that use it
 * read the file on disk again. */
static void did_close(cjm_lsp_server *s, json_t *params) {
  const char *uri;
  if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0) return;
  cjm_lsp_doc *doc = cjm_lsp_docs_find(&s->docs, uri);
  if (!doc) return;
  char *real = cjm_xstrdup(doc->real_path);
  cjm_lsp_unit_close(s, uri);
  cjm_lsp_docs_close(&s->docs, uri);
  cjm_lsp_mark_stale(s, real);
  free(real);
  cjm_lsp_notify(s, "textDocument/publishDiagnostics", json_pack("{s:s,s:[]}", "uri", uri, "diagnostics"));
}

/* workspace/didChangeConfiguration and watched files: files on disk may
 * have changed; every journey is checked again. */
static void recheck_all(cjm_lsp_server *s, json_t *params) {
  for (size_t i = 0; i < s->unit_count; i++) {
    s->units[i]->stale = true;
    s->units[i]->others_changed = true;
  }
}

/* cjm/unitInfo, cjm's own request, for tests and for curious users: how
 * the analysis of an open document was last brought up to date, and with
 * {"locations": true} every location of its syntax tree. */
static cjm_lsp_reply unit_info(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_reply reply = {0};
  cjm_lsp_unit *u = cjm_lsp_unit_for(s, params, &reply);
  if (!u) return reply;
  json_t *info = json_pack("{s:I,s:I,s:I,s:b}", "incrementalUpdates", (json_int_t)u->incremental_count,
                            "incrementalTotal", (json_int_t)s->incremental_total, "files",
                            (json_int_t)(u->program ? u->program->file_count : 0), "incremental", s->incremental);
  if (json_is_true(json_object_get(params, "locations")))
    json_object_set_new(info, "locations", cjm_lsp_unit_locations(u));
  return cjm_lsp_ok(info);
}

/* ---- dispatch --------------------------------------------------------------- */

/* A method: a request (reply non-NULL) or a notification (note non-NULL). */
typedef struct method {
  const char *name;                                         /* "textDocument/hover" */
  cjm_lsp_reply (*reply)(cjm_lsp_server *s, json_t *params); /* a request's handler */
  void (*note)(cjm_lsp_server *s, json_t *params);          /* a notification's */
} method;

static const method methods[] = {
    {"initialize", initialize, NULL},
    {"shutdown", shutdown_request, NULL},
    {"textDocument/didOpen", NULL, did_open},
    {"textDocument/didChange", NULL, did_change},
    {"textDocument/didSave", NULL, did_save},
    {"textDocument/didClose", NULL, did_close},
    {"workspace/didChangeWatchedFiles", NULL, recheck_all},
    {"workspace/didChangeConfiguration", NULL, recheck_all},
    {"textDocument/definition", cjm_lsp_definition, NULL},
    {"textDocument/references", cjm_lsp_references, NULL},
    {"textDocument/documentHighlight", cjm_lsp_highlight, NULL},
    {"textDocument/documentSymbol", cjm_lsp_document_symbols, NULL},
    {"workspace/symbol", cjm_lsp_workspace_symbols, NULL},
    {"textDocument/hover", cjm_lsp_hover, NULL},
    {"textDocument/completion", cjm_lsp_completion, NULL},
    {"textDocument/prepareRename", cjm_lsp_prepare_rename, NULL},
    {"textDocument/rename", cjm_lsp_rename, NULL},
    {"textDocument/formatting", cjm_lsp_formatting, NULL},
    {"textDocument/codeAction", cjm_lsp_code_action, NULL},
    {"textDocument/semanticTokens/full", cjm_lsp_semantic_tokens, NULL},
    {"cjm/unitInfo", unit_info, NULL},
};

static const method *find_method(const char *name) {
  for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
    if (strcmp(methods[i].name, name) == 0) return &methods[i];
  return NULL;
}

/* Messages read in one batch, before any is handled: a later
 * $/cancelRequest can still cancel an earlier request, and the changes
 * of a burst of typing are checked once. */
typedef struct batch {
  json_t **items;
  size_t count, capacity;
} batch;

/* Whether id (a request id) is cancelled by a $/cancelRequest in b. */
static bool cancelled(const batch *b, json_t *id) {
  for (size_t i = 0; i < b->count; i++) {
    const char *m = json_string_value(json_object_get(b->items[i], "method"));
    if (!m || strcmp(m, "$/cancelRequest") != 0) continue;
    json_t *cid = json_object_get(json_object_get(b->items[i], "params"), "id");
    if (cid && json_equal(cid, id)) return true;
  }
  return false;
}

/* Handles one message. */
static void handle(cjm_lsp_server *s, json_t *msg, const batch *b) {
  json_t *id = json_object_get(msg, "id");
  const char *name = json_string_value(json_object_get(msg, "method"));
  json_t *params = json_object_get(msg, "params");
  bool request = id != NULL;
  if (!json_is_object(msg) || !name) {
    /* a response to a request of ours (we send none), or nonsense */
    if (json_is_object(msg) && (json_object_get(msg, "result") || json_object_get(msg, "error"))) return;
    respond(s, id, cjm_lsp_fail(CJM_RPC_INVALID_REQUEST, "not a JSON-RPC request"));
    return;
  }
  if (request && !json_is_integer(id) && !json_is_string(id)) {
    respond(s, NULL, cjm_lsp_fail(CJM_RPC_INVALID_REQUEST, "a request id is a number or a string"));
    return;
  }
  if (strcmp(name, "exit") == 0) {
    s->exited = true;
    return;
  }
  const method *m = find_method(name);
  if (!request) {
    if (!m || !m->note) return; /* unknown notifications ($/…) are dropped */
    if (!s->initialized || s->shutdown) return;
    m->note(s, json_is_object(params) ? params : NULL);
    return;
  }
  if (!m || !m->reply) {
    respond(s, id, cjm_lsp_fail(CJM_RPC_METHOD_NOT_FOUND, "unknown method '%s'", name));
    return;
  }
  if (!s->initialized && m->reply != initialize) {
    respond(s, id, cjm_lsp_fail(CJM_RPC_NOT_INITIALIZED, "the server is not initialized"));
    return;
  }
  if (s->shutdown) {
    respond(s, id, cjm_lsp_fail(CJM_RPC_INVALID_REQUEST, "the server is shutting down"));
    return;
  }
  if (cancelled(b, id)) {
    respond(s, id, cjm_lsp_fail(CJM_RPC_CANCELLED, "cancelled"));
    return;
  }
  json_t *p = json_is_object(params) ? params : NULL;
  json_t *empty = p ? NULL : json_object();
  respond(s, id, m->reply(s, p ? p : empty));
  json_decref(empty);
}

/* Whether more input is waiting (a whole frame buffered, or bytes on the
 * descriptor). */
static bool more_waiting(const cjm_lsp_reader *r) {
  for (size_t i = r->start; i < r->end; i++)
    if (r->buf[i] != '\r' && r->buf[i] != '\n') return true;
  struct pollfd p = {.fd = r->fd, .events = POLLIN};
  return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* Reads one frame into the batch; false when input has ended. */
static bool read_one(cjm_lsp_server *s, cjm_lsp_reader *r, batch *b) {
  char *body;
  size_t len;
  cjm_lsp_frame_status st = cjm_lsp_read_frame(r, &body, &len);
  switch (st) {
  case CJM_FRAME_OK: break;
  case CJM_FRAME_EOF:
  case CJM_FRAME_TRUNCATED:
  case CJM_FRAME_IO: return false;
  case CJM_FRAME_BAD_HEADER:
    respond(s, NULL, cjm_lsp_fail(CJM_RPC_PARSE_ERROR, "malformed header: no valid Content-Length"));
    return true;
  case CJM_FRAME_TOO_LARGE:
    respond(s, NULL, cjm_lsp_fail(CJM_RPC_INVALID_REQUEST, "message over the limit of %zu bytes, dropped",
                                  r->max_body));
    return true;
  }
  json_error_t error;
  json_t *msg = json_loadb(body, len, 0, &error);
  free(body);
  if (!msg) {
    respond(s, NULL, cjm_lsp_fail(CJM_RPC_PARSE_ERROR, "invalid JSON: %s", error.text));
    return true;
  }
  b->items = cjm_grow(b->items, b->count, &b->capacity, sizeof *b->items);
  b->items[b->count++] = msg;
  return true;
}

int cjm_lsp_run(int in_fd, int out_fd, const cjm_lsp_options *options) {
  /* A client that goes away makes write() fail with EPIPE, not kill us. */
  struct sigaction ignore = {.sa_handler = SIG_IGN}, old;
  sigaction(SIGPIPE, &ignore, &old);
  cjm_lsp_server s = {.out_fd = out_fd, .options = options, .load = options->load,
                      .max_errors = CJM_DEFAULT_MAX_ERRORS, .incremental = true};
  for (size_t i = 0; i < options->warning_count; i++) push_string(&s.warnings, &s.warning_count, options->warnings[i]);
  cjm_lsp_reader reader;
  cjm_lsp_reader_init(&reader, in_fd, options->max_body ? options->max_body : CJM_LSP_DEFAULT_MAX_BODY);
  batch b = {0};
  bool open = true;
  while (open && !s.exited && !s.failed) {
    /* a batch: one message, then whatever else is already waiting */
    open = read_one(&s, &reader, &b);
    for (size_t n = 1; open && n < 256 && more_waiting(&reader); n++) open = read_one(&s, &reader, &b);
    for (size_t i = 0; i < b.count; i++)
      if (!s.exited && !s.failed) handle(&s, b.items[i], &b);
    /* freed after the whole batch: cancelled() reads every message of it */
    for (size_t i = 0; i < b.count; i++) json_decref(b.items[i]);
    b.count = 0;
    if (!s.exited && s.initialized) cjm_lsp_publish_stale(&s);
    cjm_lsp_free_retired(&s);
  }
  free(b.items);
  cjm_lsp_reader_free(&reader);
  cjm_lsp_free_retired(&s);
  free(s.retired);
  for (size_t i = 0; i < s.unit_count; i++) cjm_lsp_unit_free(s.units[i]);
  free(s.units);
  cjm_lsp_docs_free(&s.docs);
  cjm_lsp_cache_free(&s);
  for (size_t i = 0; i < s.warning_count; i++) free(s.warnings[i]);
  free(s.warnings);
  for (size_t i = 0; i < s.include_count; i++) free(s.include_dirs[i]);
  free(s.include_dirs);
  sigaction(SIGPIPE, &old, NULL);
  return s.exited && s.shutdown ? 0 : 1;
}
