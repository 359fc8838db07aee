/* session — what the parts of the language server share: the server's
 * state, the analysis of each open document (a "unit": the program loaded
 * from the editor's text, its model, its diagnostics, and an index of
 * every name written in it), and JSON helpers for positions and ranges.
 *
 * Private to runtime/lsp. The server owns its units and documents; a unit
 * owns its program, model, analysis, diagnostics and index, and is
 * rebuilt whole when its document or a module it uses changes. Pointers
 * into a unit (occurrences, sources) are valid until it is rebuilt. */
#ifndef CJM_LSP_SESSION_H
#define CJM_LSP_SESSION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/diag.h"
#include "lang/source.h"
#include "runtime/core/analysis.h"
#include "runtime/core/loader.h"
#include "runtime/core/model.h"
#include "runtime/lsp/document.h"
#include "runtime/lsp/position.h"
#include "runtime/lsp/server.h"

/* What a name names. */
typedef enum cjm_lsp_kind {
  CJM_LSP_PERSONA,
  CJM_LSP_CHANNEL,
  CJM_LSP_LANE,
  CJM_LSP_METRIC,
  CJM_LSP_STAGE,
  CJM_LSP_STEP,
  CJM_LSP_MODULE, /* the module named by `use "…"` */
  CJM_LSP_KIND_COUNT
} cjm_lsp_kind;

/* One name as written: a declaration (or a stage reopened) or a
 * reference. */
typedef struct cjm_lsp_occ {
  cjm_lsp_kind kind;
  const char *name;             /* interned in the unit's program; MODULE: the text */
  const cjm_source *source;     /* the file it is written in */
  uint32_t offset, end_offset;  /* its bytes in source->text */
  bool decl;                    /* a block head declaring (or reopening) it */
  const cjm_file *module;       /* MODULE: the file loaded, or NULL */
} cjm_lsp_occ;

/* The analysis of one open document. */
typedef struct cjm_lsp_unit {
  char *uri;                    /* the document's URI (malloc'd) */
  cjm_program *program;
  cjm_model *model;             /* NULL when nothing could be loaded */
  cjm_analysis *analysis;       /* NULL when the model has errors */
  cjm_diags *diags;
  bool stale;                   /* the text or a module changed since it was built */
  bool published;               /* its diagnostics have been sent since it was built */
  cjm_lsp_occ *occs;            /* the name index, built on demand (malloc'd) */
  size_t occ_count;
  bool indexed;
  cjm_lsp_lines *lines;         /* per program file, built on demand (malloc'd array);
                                   the root file uses its document's index */
  uint64_t generation;          /* the document's generation it was built from */
  /* for incremental updates (incremental.c) */
  size_t load_diags;            /* diagnostics reported while loading, at the last whole build */
  size_t arena_full_build;      /* bytes in the program's arena after the last whole build */
  cjm_arena *model_arena;       /* the model's arena after an incremental update, else NULL */
  cjm_program *shadow;          /* the program as the model saw it then: the same files,
                                   model_arena as its arena (malloc'd; frees nothing) */
  size_t incremental_count;     /* incremental updates since the last whole build */
  bool others_changed;          /* a file it uses changed since the last whole build:
                                   no incremental update then */
} cjm_lsp_unit;

/* A cached text of a module read from disk, reused while the file's size
 * and modification time stay the same. */
typedef struct cjm_lsp_cached {
  char *real_path;              /* the module's canonical path (malloc'd) */
  char *text;                   /* its text when read (malloc'd) */
  size_t len;                   /* bytes in text */
  int64_t mtime_ns;             /* the file's modification time then */
  int64_t size;                 /* and its size then */
} cjm_lsp_cached;

/* The server. */
typedef struct cjm_lsp_server {
  int out_fd;
  const cjm_lsp_options *options;
  cjm_lsp_docs docs;
  cjm_lsp_unit **units;         /* one per open document (malloc'd) */
  size_t unit_count, unit_capacity;
  cjm_lsp_cached *cache;        /* module texts (malloc'd) */
  size_t cache_count, cache_capacity;
  cjm_lsp_encoding encoding;    /* negotiated positionEncoding */
  char **warnings;              /* -W options: command line, then initializationOptions */
  size_t warning_count;
  size_t max_errors;            /* the error cap, as --max-errors */
  char **include_dirs;          /* -I from initializationOptions, then the command line */
  size_t include_count;
  cjm_load_options load;        /* options->load with include_dirs */
  cjm_lsp_unit **retired;       /* the analyses replaced in this batch, freed once its
                                   diagnostics are out (malloc'd) */
  size_t retired_count, retired_capacity;
  bool initialized;             /* `initialize` was answered */
  bool shutdown;                /* `shutdown` was answered */
  bool exited;                  /* `exit` arrived */
  bool failed;                  /* writing to the client failed: stop */
  size_t incremental_total;     /* incremental updates of every unit so far */
  bool incremental;             /* reparse only the blocks an edit touches (incremental.c);
                                   off with initializationOptions {"incremental": false} */
} cjm_lsp_server;

/* ---- JSON-RPC ---- */

/* Sends msg (consumed) to the client. */
void cjm_lsp_send(cjm_lsp_server *s, json_t *msg);

/* Sends a notification (params consumed). */
void cjm_lsp_notify(cjm_lsp_server *s, const char *method, json_t *params);

/* The error codes the server answers with. */
enum {
  CJM_RPC_PARSE_ERROR = -32700,
  CJM_RPC_INVALID_REQUEST = -32600,
  CJM_RPC_METHOD_NOT_FOUND = -32601,
  CJM_RPC_INVALID_PARAMS = -32602,
  CJM_RPC_INTERNAL_ERROR = -32603,
  CJM_RPC_NOT_INITIALIZED = -32002,
  CJM_RPC_REQUEST_FAILED = -32803,
  CJM_RPC_CANCELLED = -32800,
};

/* What a request handler gives back: a result (consumed), or an error. */
typedef struct cjm_lsp_reply {
  json_t *result;        /* NULL means JSON null when error_code is 0 */
  char *raw_result;      /* instead of result: the result as JSON text (malloc'd),
                            for replies too large to build as jansson values */
  int error_code;
  char *error_message;   /* malloc'd */
} cjm_lsp_reply;

/* A reply with result (consumed). */
cjm_lsp_reply cjm_lsp_ok(json_t *result);

/* An error reply with a formatted message. */
cjm_lsp_reply cjm_lsp_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- documents and units ---- */

/* The unit of the open document named by params.textDocument.uri, brought
 * up to date; NULL with *reply set to an error when it is not open. */
cjm_lsp_unit *cjm_lsp_unit_for(cjm_lsp_server *s, json_t *params, cjm_lsp_reply *reply);

/* The open document a unit analyses. */
cjm_lsp_doc *cjm_lsp_unit_doc(const cjm_lsp_server *s, const cjm_lsp_unit *u);

/* Brings u up to date with the editor's texts. */
void cjm_lsp_unit_refresh(cjm_lsp_server *s, cjm_lsp_unit *u);

/* The root source of a unit (the open document's text). */
const cjm_source *cjm_lsp_unit_source(const cjm_lsp_unit *u);

/* Builds the name index of u if it has none. */
void cjm_lsp_unit_index(cjm_lsp_unit *u);

/* The occurrence in u's root file at byte offset (a name touching the
 * offset on either side), or NULL. */
const cjm_lsp_occ *cjm_lsp_occ_at(cjm_lsp_unit *u, size_t offset);

/* The declaration an occurrence names in u's model: its loc (with source),
 * or false when there is none (an unknown name, a built-in lane). For a
 * module, the start of its file. */
bool cjm_lsp_occ_target(const cjm_lsp_unit *u, const cjm_lsp_occ *occ, cjm_loc *loc);

/* The declared thing of kind and interned name in u's model, as its
 * cjm_decl, or NULL. */
const cjm_decl *cjm_lsp_find_decl(const cjm_lsp_unit *u, cjm_lsp_kind kind, const char *name);

/* The word of a kind ("persona"). */
const char *cjm_lsp_kind_word(cjm_lsp_kind kind);

/* The byte offset of params.position in doc; false on a malformed position. */
bool cjm_lsp_param_offset(const cjm_lsp_server *s, const cjm_lsp_doc *doc, json_t *params, size_t *offset);

/* ---- positions as JSON ---- */

/* The LSP range of bytes [start, end) of source src as loaded in u (its
 * line index built on demand). */
json_t *cjm_lsp_range(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_source *src, size_t start, size_t end);

/* The LSP range of a cjm location in u (0:0 when it names no position). */
json_t *cjm_lsp_loc_range(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_loc *loc);

/* The LSP range of bytes [start, end) of an open document. */
json_t *cjm_lsp_doc_range(const cjm_lsp_server *s, const cjm_lsp_doc *doc, size_t start, size_t end);

/* The URI of a source: the open document's URI when it is open, else a
 * file: URI of its canonical path (malloc'd). */
char *cjm_lsp_source_uri(const cjm_lsp_server *s, const cjm_source *src);

/* A Location {uri, range} of a cjm location in u. */
json_t *cjm_lsp_location(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_loc *loc);

/* ---- features: each a request handler on the request's params ---- */

/* textDocument/definition: the Location of what the name under the
 * cursor names (in this file, a used file or the standard library), or
 * null. */
cjm_lsp_reply cjm_lsp_definition(cjm_lsp_server *s, json_t *params);

/* textDocument/references: every Location of that name in the open
 * journeys and the files they use (context.includeDeclaration honoured). */
cjm_lsp_reply cjm_lsp_references(cjm_lsp_server *s, json_t *params);

/* textDocument/documentHighlight: the name's places in this file. */
cjm_lsp_reply cjm_lsp_highlight(cjm_lsp_server *s, json_t *params);

/* textDocument/documentSymbol: the file's declarations as a tree. */
cjm_lsp_reply cjm_lsp_document_symbols(cjm_lsp_server *s, json_t *params);

/* workspace/symbol: the declarations of every open journey matching the
 * query. */
cjm_lsp_reply cjm_lsp_workspace_symbols(cjm_lsp_server *s, json_t *params);

/* textDocument/prepareRename: the name's range and text, or an error
 * saying why it cannot be renamed. */
cjm_lsp_reply cjm_lsp_prepare_rename(cjm_lsp_server *s, json_t *params);

/* textDocument/rename: a WorkspaceEdit renaming the name everywhere it is
 * written, or an error for an invalid or taken new name. */
cjm_lsp_reply cjm_lsp_rename(cjm_lsp_server *s, json_t *params);

/* textDocument/hover: Markdown on the name or keyword under the cursor. */
cjm_lsp_reply cjm_lsp_hover(cjm_lsp_server *s, json_t *params);

/* textDocument/completion: the items the context of the cursor allows. */
cjm_lsp_reply cjm_lsp_completion(cjm_lsp_server *s, json_t *params);

/* textDocument/formatting: one edit to `cjm fmt`'s layout, none when the
 * text is in it, an error when the text has errors. */
cjm_lsp_reply cjm_lsp_formatting(cjm_lsp_server *s, json_t *params);

/* textDocument/codeAction: quick fixes for the diagnostics in the range. */
cjm_lsp_reply cjm_lsp_code_action(cjm_lsp_server *s, json_t *params);

/* textDocument/semanticTokens/full: every token of the file, classified. */
cjm_lsp_reply cjm_lsp_semantic_tokens(cjm_lsp_server *s, json_t *params);

/* The legend of semantic tokens, for the server's capabilities. */
json_t *cjm_lsp_semantic_legend(void);

/* ---- the workspace (workspace.c) ---- */

/* Creates the unit of a document just opened. */
cjm_lsp_unit *cjm_lsp_unit_open(cjm_lsp_server *s, const cjm_lsp_doc *doc);

/* Frees the unit of uri, if any. */
void cjm_lsp_unit_close(cjm_lsp_server *s, const char *uri);

/* Frees a unit. */
void cjm_lsp_unit_free(cjm_lsp_unit *u);

/* Marks stale the unit of doc and every unit whose program reads the file
 * real_path. */
void cjm_lsp_mark_stale(cjm_lsp_server *s, const char *real_path);

/* Rebuilds every stale unit and publishes its diagnostics. */
void cjm_lsp_publish_stale(cjm_lsp_server *s);

/* The diagnostics of u's root file as LSP Diagnostic objects. */
json_t *cjm_lsp_unit_diagnostics(cjm_lsp_server *s, cjm_lsp_unit *u);

/* Hands the parts of an analysis a refresh replaced (u, consumed) to be
 * freed after the batch's diagnostics are published. */
void cjm_lsp_retire(cjm_lsp_server *s, cjm_lsp_unit *u);

/* Brings u up to date with doc by parsing again only the top-level blocks
 * an edit touched, when the result is sure to equal a whole rebuild;
 * returns false, having changed nothing, when it is not (incremental.c). */
bool cjm_lsp_unit_incremental(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_lsp_doc *doc);

/* Every location in the syntax tree of u's root file, in tree order, as
 * [line, col, end_line, end_col, offset, end_offset]: for the tests that
 * compare incremental updates with whole rebuilds (cjm/unitInfo). */
json_t *cjm_lsp_unit_locations(const cjm_lsp_unit *u);

/* Frees the analyses that refreshed units left behind: after the
 * diagnostics of a batch have been published, so that freeing a large
 * journey's tree does not delay them. */
void cjm_lsp_free_retired(cjm_lsp_server *s);

/* Frees the module cache. */
void cjm_lsp_cache_free(cjm_lsp_server *s);

#endif
