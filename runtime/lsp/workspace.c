/* workspace — the analysis of each open document (see session.h): loading
 * it from the editor's text with the modules it uses (open ones from the
 * editor, others from a cache of their files), building the model,
 * running the checks, and turning the diagnostics into the protocol's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/arena.h"
#include "runtime/core/check.h"
#include "runtime/lsp/session.h"
#include "runtime/base/grow.h"

/* ---- replies ------------------------------------------------------------- */

cjm_lsp_reply cjm_lsp_ok(json_t *result) {
  return (cjm_lsp_reply){.result = result};
}

cjm_lsp_reply cjm_lsp_fail(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *message = cjm_xvprintf(fmt, ap);
  va_end(ap);
  return (cjm_lsp_reply){.error_code = code, .error_message = message};
}

/* ---- the module cache ----------------------------------------------------- */

void cjm_lsp_cache_free(cjm_lsp_server *s) {
  for (size_t i = 0; i < s->cache_count; i++) {
    free(s->cache[i].real_path);
    free(s->cache[i].text);
  }
  free(s->cache);
  s->cache = NULL;
  s->cache_count = s->cache_capacity = 0;
}

/* The loader's hook (cjm_load_options.read_module): the editor's text of
 * an open module, or the cached text of a file unchanged since it was
 * read; NULL lets the loader read the file (and report why it cannot). */
static cjm_source *read_module(void *data, const char *path, const char *real_path) {
  cjm_lsp_server *s = data;
  cjm_lsp_doc *doc = cjm_lsp_docs_find_path(&s->docs, real_path);
  if (doc) return cjm_source_from_memory(path, doc->text, doc->len);
  struct stat st;
  if (stat(real_path, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
  int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
  cjm_lsp_cached *hit = NULL;
  for (size_t i = 0; i < s->cache_count && !hit; i++)
    if (strcmp(s->cache[i].real_path, real_path) == 0) hit = &s->cache[i];
  if (hit && hit->mtime_ns == mtime && hit->size == (int64_t)st.st_size)
    return cjm_source_from_memory(path, hit->text, hit->len);
  cjm_read_status status;
  size_t size;
  cjm_source *src = cjm_source_read(path, s->load.limits.max_file_bytes, &status, &size);
  if (!src) return NULL;
  if (!hit) {
    s->cache = cjm_grow(s->cache, s->cache_count, &s->cache_capacity, sizeof *s->cache);
    hit = &s->cache[s->cache_count++];
    *hit = (cjm_lsp_cached){.real_path = cjm_xstrdup(real_path)};
  }
  free(hit->text);
  hit->text = cjm_xmalloc(src->len + 1);
  memcpy(hit->text, src->text, src->len);
  hit->text[src->len] = '\0';
  hit->len = src->len;
  hit->mtime_ns = mtime;
  hit->size = (int64_t)st.st_size;
  /* a private mapping of a large file: hand out a copy in memory instead */
  cjm_source *copy = cjm_source_from_memory(path, hit->text, hit->len);
  cjm_source_free(src);
  return copy;
}

/* ---- units ---------------------------------------------------------------- */

/* Frees what a unit built from its document, keeping its URI. */
static void unit_clear(cjm_lsp_unit *u) {
  if (u->lines) {
    for (size_t i = 0; u->program && i < u->program->file_count; i++) cjm_lsp_lines_free(&u->lines[i]);
    free(u->lines);
  }
  free(u->occs);
  cjm_analysis_free(u->analysis);
  cjm_model_free(u->model);
  cjm_program_free(u->program);
  cjm_diags_free(u->diags);
  if (u->model_arena) cjm_arena_free(u->model_arena);
  free(u->shadow);
  u->model_arena = NULL;
  u->shadow = NULL;
  u->lines = NULL;
  u->occs = NULL;
  u->occ_count = 0;
  u->indexed = false;
  u->analysis = NULL;
  u->model = NULL;
  u->program = NULL;
  u->diags = NULL;
}

void cjm_lsp_unit_free(cjm_lsp_unit *u) {
  if (!u) return;
  unit_clear(u);
  free(u->uri);
  free(u);
}

cjm_lsp_doc *cjm_lsp_unit_doc(const cjm_lsp_server *s, const cjm_lsp_unit *u) {
  return cjm_lsp_docs_find(&s->docs, u->uri);
}

const cjm_source *cjm_lsp_unit_source(const cjm_lsp_unit *u) {
  return u->program && u->program->root ? u->program->root->source : NULL;
}

/* A malloc'd copy of the directory part of path ("." when there is none). */
static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return cjm_xstrdup(".");
  if (slash == path) return cjm_xstrdup("/");
  return cjm_xstrndup(path, (size_t)(slash - path));
}

/* Loads, resolves and checks the document's text as `cjm check` does. */
static void unit_build(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_lsp_doc *doc) {
  u->diags = cjm_diags_new();
  cjm_diags_set_max_errors(u->diags, s->max_errors);
  for (size_t i = 0; i < s->warning_count; i++) cjm_diags_set_option(u->diags, s->warnings[i]);
  u->program = cjm_program_new();
  cjm_source *src = cjm_source_from_memory(doc->path, doc->text, doc->len);
  if (access(doc->real_path, F_OK) == 0) src->real_path = cjm_xstrdup(doc->real_path);
  if (doc->len > s->load.limits.max_file_bytes) {
    /* As the loader reports a file over the limit: at 1:1, nothing read. */
    cjm_source *named = cjm_source_from_memory(doc->path, "", 0);
    cjm_source_free(src);
    cjm_loc start = {named, 1, 1, 1, 1, 0, 0};
    cjm_error(u->diags, "limit", &start, "file is %zu bytes, over the limit of %zu bytes", doc->len,
              s->load.limits.max_file_bytes);
    /* the stand-in's own "file is empty" is not the document's: dropped */
    cjm_diags *stand_in = cjm_diags_new();
    cjm_load_source(u->program, named, ".", &s->load, stand_in);
    cjm_diags_free(stand_in);
  } else {
    char *base = dir_of(doc->path);
    cjm_load_source(u->program, src, base, &s->load, u->diags);
    free(base);
  }
  size_t errors = cjm_diags_errors(u->diags);
  u->load_diags = cjm_diags_count(u->diags) + errors;
  u->model = cjm_model_build(u->program, u->diags);
  if (u->model && cjm_diags_errors(u->diags) == errors && errors == 0) {
    u->analysis = cjm_analyse(u->model);
    cjm_check_analysed(u->model, u->analysis, u->diags);
  }
  const cjm_program *p = u->program;
  const cjm_source **order = cjm_xcalloc(p->file_count + 1, sizeof *order);
  for (size_t i = 0; i < p->file_count; i++) order[i] = p->files[i]->source;
  cjm_diags_sort(u->diags, 0, order, p->file_count);
  free(order);
  u->lines = cjm_xcalloc(p->file_count + 1, sizeof *u->lines);
  u->arena_full_build = cjm_arena_used(p->arena);
  u->incremental_count = 0;
  u->others_changed = false;
  u->generation = doc->generation;
  u->stale = false;
  u->published = false;
}

cjm_lsp_unit *cjm_lsp_unit_open(cjm_lsp_server *s, const cjm_lsp_doc *doc) {
  cjm_lsp_unit_close(s, doc->uri);
  cjm_lsp_unit *u = cjm_xcalloc(1, sizeof *u);
  u->uri = cjm_xstrdup(doc->uri);
  u->stale = true;
  s->units = cjm_grow(s->units, s->unit_count, &s->unit_capacity, sizeof *s->units);
  s->units[s->unit_count++] = u;
  return u;
}

void cjm_lsp_unit_close(cjm_lsp_server *s, const char *uri) {
  for (size_t i = 0; i < s->unit_count; i++) {
    if (strcmp(s->units[i]->uri, uri) != 0) continue;
    cjm_lsp_unit_free(s->units[i]);
    memmove(s->units + i, s->units + i + 1, (s->unit_count - i - 1) * sizeof *s->units);
    s->unit_count--;
    return;
  }
}

void cjm_lsp_unit_refresh(cjm_lsp_server *s, cjm_lsp_unit *u) {
  if (!u->stale && u->program) return;
  const cjm_lsp_doc *doc = cjm_lsp_unit_doc(s, u);
  if (!doc) return;
  if (u->program) {
    /* a second rebuild in one batch frees what the first left at once, so
     * that a batch never holds more than one old analysis */
    if (s->retired_count) cjm_lsp_free_retired(s);
    if (cjm_lsp_unit_incremental(s, u, doc)) return;
    /* the old analysis moves out whole, to be freed after publishing */
    cjm_lsp_unit *old = cjm_xmalloc(sizeof *old);
    *old = *u;
    old->uri = NULL;
    cjm_lsp_retire(s, old);
    *u = (cjm_lsp_unit){.uri = u->uri, .stale = true};
  }
  cjm_load_options *load = &s->load;
  load->read_module = read_module;
  load->read_data = s;
  unit_build(s, u, doc);
}

/* Whether u's program read the file real_path. */
static bool unit_reads(const cjm_lsp_unit *u, const char *real_path) {
  if (!u->program) return false;
  for (size_t i = 0; i < u->program->file_count; i++) {
    const char *r = u->program->files[i]->source->real_path;
    if (r && strcmp(r, real_path) == 0) return true;
  }
  return false;
}

void cjm_lsp_retire(cjm_lsp_server *s, cjm_lsp_unit *u) {
  s->retired = cjm_grow(s->retired, s->retired_count, &s->retired_capacity, sizeof *s->retired);
  s->retired[s->retired_count++] = u;
}

void cjm_lsp_free_retired(cjm_lsp_server *s) {
  for (size_t i = 0; i < s->retired_count; i++) cjm_lsp_unit_free(s->retired[i]);
  s->retired_count = 0;
}

void cjm_lsp_mark_stale(cjm_lsp_server *s, const char *real_path) {
  for (size_t i = 0; i < s->unit_count; i++) {
    cjm_lsp_unit *u = s->units[i];
    const cjm_lsp_doc *doc = cjm_lsp_unit_doc(s, u);
    bool own = doc && strcmp(doc->real_path, real_path) == 0;
    if (own || unit_reads(u, real_path)) u->stale = true;
    if (!own && unit_reads(u, real_path)) u->others_changed = true;
  }
}

void cjm_lsp_publish_stale(cjm_lsp_server *s) {
  for (size_t i = 0; i < s->unit_count && !s->failed; i++) {
    cjm_lsp_unit *u = s->units[i];
    if (!u->stale && u->published) continue;
    cjm_lsp_unit_refresh(s, u);
    const cjm_lsp_doc *doc = cjm_lsp_unit_doc(s, u);
    json_t *params = json_object();
    json_object_set_new(params, "uri", json_string(u->uri));
    if (doc) json_object_set_new(params, "version", json_integer(doc->version));
    json_object_set_new(params, "diagnostics", cjm_lsp_unit_diagnostics(s, u));
    cjm_lsp_notify(s, "textDocument/publishDiagnostics", params);
    u->published = true;
  }
}

cjm_lsp_unit *cjm_lsp_unit_for(cjm_lsp_server *s, json_t *params, cjm_lsp_reply *reply) {
  const char *uri = NULL;
  if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0) {
    *reply = cjm_lsp_fail(CJM_RPC_INVALID_PARAMS, "params.textDocument.uri is missing");
    return NULL;
  }
  for (size_t i = 0; i < s->unit_count; i++) {
    if (strcmp(s->units[i]->uri, uri) != 0) continue;
    cjm_lsp_unit_refresh(s, s->units[i]);
    return s->units[i];
  }
  *reply = cjm_lsp_fail(CJM_RPC_INVALID_PARAMS, "document not open: %s", uri);
  return NULL;
}

bool cjm_lsp_param_offset(const cjm_lsp_server *s, const cjm_lsp_doc *doc, json_t *params, size_t *offset) {
  json_int_t line, character;
  if (json_unpack(params, "{s:{s:I,s:I}}", "position", "line", &line, "character", &character) != 0 ||
      line < 0 || character < 0 || line > UINT32_MAX || character > UINT32_MAX)
    return false;
  cjm_lsp_position pos = {(uint32_t)line, (uint32_t)character};
  *offset = cjm_lsp_offset_of(&doc->lines, doc->text, doc->len, pos, s->encoding);
  return true;
}

/* ---- positions -------------------------------------------------------------- */

/* The index of src among u's program files, or -1. */
static long file_index(const cjm_lsp_unit *u, const cjm_source *src) {
  for (size_t i = 0; u->program && i < u->program->file_count; i++)
    if (u->program->files[i]->source == src) return (long)i;
  return -1;
}

/* A JSON position. */
static json_t *position_json(cjm_lsp_position p) {
  return json_pack("{s:I,s:I}", "line", (json_int_t)p.line, "character", (json_int_t)p.character);
}

/* The range of [start, end) in text with line index lines. */
static json_t *range_in(const cjm_lsp_lines *lines, const char *text, size_t len, size_t start, size_t end,
                        cjm_lsp_encoding enc) {
  if (end < start) end = start;
  return json_pack("{s:o,s:o}", "start", position_json(cjm_lsp_position_of(lines, text, len, start, enc)), "end",
                   position_json(cjm_lsp_position_of(lines, text, len, end, enc)));
}

json_t *cjm_lsp_doc_range(const cjm_lsp_server *s, const cjm_lsp_doc *doc, size_t start, size_t end) {
  return range_in(&doc->lines, doc->text, doc->len, start, end, s->encoding);
}

/* The line index of src in u: the document's own for the root file while
 * the document holds the text the unit was built from (no second scan of
 * a large file), else built on demand. */
static const cjm_lsp_lines *lines_of(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_source *src, long i) {
  const cjm_lsp_doc *doc = src == cjm_lsp_unit_source(u) ? cjm_lsp_unit_doc(s, u) : NULL;
  if (doc && doc->generation == u->generation && doc->len == src->len) return &doc->lines;
  cjm_lsp_lines *lines = &u->lines[i];
  if (!lines->starts) cjm_lsp_lines_build(lines, src->text, src->len);
  return lines;
}

json_t *cjm_lsp_range(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_source *src, size_t start, size_t end) {
  long i = file_index(u, src);
  if (i < 0 || !src->text) return range_in(&(cjm_lsp_lines){(uint32_t[]){0}, 1}, "", 0, 0, 0, s->encoding);
  return range_in(lines_of(s, u, src, i), src->text, src->len, start, end, s->encoding);
}

json_t *cjm_lsp_loc_range(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_loc *loc) {
  if (!cjm_loc_has_position(loc)) return cjm_lsp_range(s, u, NULL, 0, 0);
  size_t start = loc->offset, end = loc->end_offset;
  if (start == 0 && end == 0 && (loc->line > 1 || loc->col > 1)) {
    /* a location given by line and column only */
    long i = file_index(u, loc->source);
    if (i >= 0) {
      const cjm_source *src = loc->source;
      const cjm_lsp_lines *lines = lines_of(s, u, src, i);
      start = cjm_lsp_offset_of_column(lines, src->text, src->len, loc->line, loc->col);
      end = cjm_lsp_offset_of_column(lines, src->text, src->len, loc->end_line, loc->end_col);
    }
  }
  return cjm_lsp_range(s, u, loc->source, start, end);
}

char *cjm_lsp_source_uri(const cjm_lsp_server *s, const cjm_source *src) {
  if (!src) return NULL;
  const char *real = src->real_path ? src->real_path : src->path;
  const cjm_lsp_doc *doc = cjm_lsp_docs_find_path(&s->docs, real);
  if (doc) return cjm_xstrdup(doc->uri);
  if (real[0] != '/') {
    char *abs = cjm_xrealpath(real);
    if (abs) {
      char *uri = cjm_lsp_path_to_uri(abs);
      free(abs);
      return uri;
    }
  }
  return cjm_lsp_path_to_uri(real);
}

json_t *cjm_lsp_location(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_loc *loc) {
  char *uri = cjm_lsp_source_uri(s, loc->source);
  if (!uri) return NULL;
  json_t *l = json_pack("{s:s,s:o}", "uri", uri, "range", cjm_lsp_loc_range(s, u, loc));
  free(uri);
  return l;
}

/* ---- diagnostics ----------------------------------------------------------- */

/* Whether file, or a file it uses (transitively), is target; seen marks
 * the files visited (by program index). */
static bool reaches(const cjm_lsp_unit *u, const cjm_file *file, const cjm_source *target, bool *seen) {
  if (!file) return false;
  if (file->source == target) return true;
  long i = file_index(u, file->source);
  if (i < 0 || seen[i]) return false;
  seen[i] = true;
  for (size_t k = 0; k < file->use_count; k++)
    if (reaches(u, file->uses[k], target, seen)) return true;
  return false;
}

/* The `use` block of the root file through which src was loaded, or NULL. */
static const cjm_block *use_leading_to(const cjm_lsp_unit *u, const cjm_source *src) {
  const cjm_file *root = u->program->root;
  size_t k = 0;
  bool *seen = cjm_xcalloc(u->program->file_count + 1, sizeof *seen);
  const cjm_block *found = NULL;
  for (const cjm_block *b = root->ast ? root->ast->blocks : NULL; b && !found; b = b->next) {
    if (b->kind != CJM_BLOCK_USE) continue;
    if (k < root->use_count && reaches(u, root->uses[k], src, seen)) found = b;
    k++;
  }
  free(seen);
  return found;
}

/* Adds diagnostic d's notes to obj: those with a place as
 * relatedInformation, the others appended to message (a strbuf-like
 * growing string). */
static json_t *diag_json(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_diag *d, const cjm_source *root) {
  size_t cap = strlen(d->message) + 1;
  for (size_t i = 0; i < d->note_count; i++) cap += strlen(d->note_count ? d->notes[i].message : "") + 8;
  const cjm_block *via = NULL;
  bool elsewhere = cjm_loc_has_position(&d->loc) && d->loc.source != root;
  if (elsewhere) {
    via = use_leading_to(u, d->loc.source);
    if (!via || d->loc.source->from_stdlib) return NULL;
    cap += strlen(d->loc.source->path) + 48;
  }
  char *message = cjm_xmalloc(cap);
  if (elsewhere)
    snprintf(message, cap, "%s:%u:%u: %s", d->loc.source->path, d->loc.line, d->loc.col, d->message);
  else
    snprintf(message, cap, "%s", d->message);
  json_t *related = json_array();
  if (elsewhere) {
    json_t *here = cjm_lsp_location(s, u, &d->loc);
    if (here) json_array_append_new(related, json_pack("{s:o,s:s}", "location", here, "message", d->message));
  }
  for (size_t i = 0; i < d->note_count; i++) {
    const cjm_diag_note *n = &d->notes[i];
    json_t *where = cjm_loc_has_position(&n->loc) ? cjm_lsp_location(s, u, &n->loc) : NULL;
    if (where) {
      json_array_append_new(related, json_pack("{s:o,s:s}", "location", where, "message", n->message));
    } else {
      strcat(message, "\nnote: ");
      strcat(message, n->message);
    }
  }
  json_t *range = elsewhere ? cjm_lsp_loc_range(s, u, &via->label.loc) : cjm_lsp_loc_range(s, u, &d->loc);
  json_t *obj = json_pack("{s:o,s:i,s:s,s:s,s:s}", "range", range, "severity", d->severity == CJM_ERROR ? 1 : 2,
                          "code", d->name, "source", "cjm", "message", message);
  free(message);
  if (json_array_size(related)) json_object_set_new(obj, "relatedInformation", related);
  else json_decref(related);
  return obj;
}

json_t *cjm_lsp_unit_diagnostics(cjm_lsp_server *s, cjm_lsp_unit *u) {
  json_t *list = json_array();
  if (!u->diags) return list;
  const cjm_source *root = cjm_lsp_unit_source(u);
  size_t kept_errors = 0;
  for (size_t i = 0; i < cjm_diags_count(u->diags); i++) {
    const cjm_diag *diag = cjm_diags_at(u->diags, i);
    kept_errors += diag->severity == CJM_ERROR;
    json_t *d = diag_json(s, u, diag, root);
    if (d) json_array_append_new(list, d);
  }
  /* As cjm check's closing note: the errors past the cap. */
  size_t errors = cjm_diags_errors(u->diags);
  if (errors > kept_errors) {
    char message[160];
    snprintf(message, sizeof message, "%zu more error%s not shown: at most %zu are reported (maxErrors)",
             errors - kept_errors, errors - kept_errors == 1 ? "" : "s", s->max_errors);
    json_array_append_new(list, json_pack("{s:o,s:i,s:s,s:s}", "range", cjm_lsp_range(s, u, NULL, 0, 0),
                                          "severity", 3, "source", "cjm", "message", message));
  }
  return list;
}
