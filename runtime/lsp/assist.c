/* assist — what helps while writing: hover, completion by context,
 * formatting through `cjm fmt`'s code, quick fixes, and semantic tokens. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "lang/keywords.h"
#include "lang/arena.h"
#include "lang/intern.h"
#include "lang/parse.h"
#include "lang/utf8.h"
#include "runtime/base/strbuf.h"
#include "runtime/core/present.h"
#include "runtime/lsp/session.h"
#include "runtime/review/format.h"

/* ---- words under the cursor -------------------------------------------------------- */

/* Whether byte c may be part of an identifier or keyword (non-ASCII bytes
 * are taken as identifier characters here: only for finding the word). */
static bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c >= 0x80;
}

/* The word around offset in doc: [*start, *end). */
static void word_around(const cjm_lsp_doc *doc, size_t offset, size_t *start, size_t *end) {
  size_t a = offset, b = offset;
  while (a > 0 && word_byte((unsigned char)doc->text[a - 1])) a--;
  while (b < doc->len && word_byte((unsigned char)doc->text[b])) b++;
  *start = a;
  *end = b;
}

/* Whether offset in doc is inside a string or a comment on its line
 * (read from the line's start: long text over several lines is not seen). */
static bool in_text(const cjm_lsp_doc *doc, size_t offset) {
  size_t i = offset;
  while (i > 0 && doc->text[i - 1] != '\n' && doc->text[i - 1] != '\r') i--;
  bool string = false;
  for (; i < offset; i++) {
    char c = doc->text[i];
    if (string && c == '\\') i++;
    else if (c == '"') string = !string;
    else if (c == '#' && !string) return true;
  }
  return string;
}

/* ---- hover --------------------------------------------------------------------------- */

/* Adds a feel to a running mean. */
static void add_feels(cjm_mean *mean, const cjm_moment *m, const cjm_persona *only) {
  for (size_t i = 0; i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    if (only && !cjm_personas_include(f->speakers.items, f->speakers.count, only)) continue;
    mean->sum += f->score;
    mean->count++;
  }
}

/* Whether a stage or step names channel c in its `via`. */
static bool uses_channel(const cjm_moment *m, const cjm_channel *c) {
  for (size_t i = 0; i < m->via_count; i++)
    if (m->via[i] == c) return true;
  return false;
}

/* Appends "mean feel N (K feels)" when there are feels. */
static void put_mean(cjm_strbuf *out, const cjm_model *model, const cjm_mean *mean) {
  if (!mean->count) return;
  cjm_strbuf_puts(out, "\n\nMean feel: ");
  cjm_present_number(out, cjm_mean_value(mean));
  cjm_strbuf_printf(out, " (%zu feel%s, scale ", mean->count, mean->count == 1 ? "" : "s");
  cjm_present_number(out, model->journey.scale_min);
  cjm_strbuf_puts(out, "..");
  cjm_present_number(out, model->journey.scale_max);
  cjm_strbuf_puts(out, ")");
}

static void put_attrs(cjm_strbuf *out, const cjm_attr *attrs, size_t count) {
  for (size_t i = 0; i < count; i++) {
    cjm_strbuf_printf(out, "%s- %s: ", i == 0 ? "\n\n" : "\n", attrs[i].key);
    /* one line of the value: hovers are short */
    const char *v = attrs[i].value;
    size_t n = strcspn(v, "\n");
    cjm_strbuf_write(out, v, n);
    if (v[n]) cjm_strbuf_puts(out, " …");
  }
}

/* The Markdown of a hover over what occ names. */
static void describe(cjm_strbuf *out, const cjm_lsp_unit *u, const cjm_lsp_occ *occ) {
  const cjm_model *m = u->model;
  const cjm_decl *d = cjm_lsp_find_decl(u, occ->kind, occ->name);
  if (occ->kind == CJM_LSP_MODULE) {
    cjm_strbuf_printf(out, "**module** `%s`", occ->name);
    if (occ->module) cjm_strbuf_printf(out, "\n\n%s", occ->module->source->path);
    return;
  }
  if (!d) {
    cjm_strbuf_printf(out, "unknown %s `%s`", cjm_lsp_kind_word(occ->kind), occ->name);
    return;
  }
  cjm_strbuf_printf(out, "**%s** `%s`", cjm_lsp_kind_word(occ->kind), d->id);
  if (d->label && strcmp(d->label, d->id) != 0) cjm_strbuf_printf(out, " — %s", d->label);
  if (d->from_stdlib) cjm_strbuf_puts(out, "\n\n*standard library*");
  cjm_mean mean = {0};
  switch (occ->kind) {
  case CJM_LSP_PERSONA: {
    const cjm_persona *p = (const cjm_persona *)d;
    if (p->kind == CJM_COMPANY) cjm_strbuf_puts(out, "\n\nkind company");
    put_attrs(out, p->attrs, p->attr_count);
    for (size_t i = 0; i < m->stage_count; i++) {
      add_feels(&mean, &m->stages[i]->moment, p);
      for (size_t k = 0; k < m->stages[i]->step_count; k++) add_feels(&mean, &m->stages[i]->steps[k]->moment, p);
    }
    break;
  }
  case CJM_LSP_CHANNEL: {
    const cjm_channel *c = (const cjm_channel *)d;
    put_attrs(out, c->attrs, c->attr_count);
    /* the feels of the stages and steps through the channel (a step
     * without `via` goes through its stage's) */
    for (size_t i = 0; i < m->stage_count; i++) {
      const cjm_stage *st = m->stages[i];
      bool stage_via = uses_channel(&st->moment, c);
      if (stage_via) add_feels(&mean, &st->moment, NULL);
      for (size_t k = 0; k < st->step_count; k++) {
        const cjm_moment *mo = &st->steps[k]->moment;
        if (mo->via_count ? uses_channel(mo, c) : stage_via) add_feels(&mean, mo, NULL);
      }
    }
    break;
  }
  case CJM_LSP_LANE:
    if (((const cjm_lane *)d)->builtin) cjm_strbuf_puts(out, "\n\n*built-in lane*");
    break;
  case CJM_LSP_METRIC: {
    const cjm_metric *x = (const cjm_metric *)d;
    if (x->unit) cjm_strbuf_printf(out, "\n\nunit: %s", x->unit);
    if (x->has_target) {
      cjm_strbuf_puts(out, x->unit ? "  \ntarget: " : "\n\ntarget: ");
      cjm_present_number(out, x->target);
    }
    if (x->better != CJM_BETTER_UNSET) cjm_strbuf_printf(out, " (better %s)", x->better == CJM_BETTER_HIGHER ? "higher" : "lower");
    put_attrs(out, x->attrs, x->attr_count);
    break;
  }
  case CJM_LSP_STAGE: {
    const cjm_stage *st = (const cjm_stage *)d;
    cjm_strbuf_printf(out, "\n\n%zu step%s", st->step_count, st->step_count == 1 ? "" : "s");
    add_feels(&mean, &st->moment, NULL);
    for (size_t k = 0; k < st->step_count; k++) add_feels(&mean, &st->steps[k]->moment, NULL);
    break;
  }
  case CJM_LSP_STEP: {
    const cjm_step *sp = (const cjm_step *)d;
    if (sp->stage) cjm_strbuf_printf(out, "\n\nin stage `%s`", sp->stage->decl.id);
    add_feels(&mean, &sp->moment, NULL);
    break;
  }
  default: break;
  }
  put_mean(out, m, &mean);
}

/* The unit of the document a request names and the byte offset of its
 * params.position; NULL with *reply set (an error or an empty answer)
 * when there is none. */
static cjm_lsp_unit *unit_at_position(cjm_lsp_server *s, json_t *params, cjm_lsp_reply *reply,
                                      const cjm_lsp_doc **doc, size_t *offset) {
  cjm_lsp_unit *u = cjm_lsp_unit_for(s, params, reply);
  if (!u) return NULL;
  *doc = cjm_lsp_unit_doc(s, u);
  if (!cjm_lsp_param_offset(s, *doc, params, offset)) {
    *reply = cjm_lsp_fail(CJM_RPC_INVALID_PARAMS, "params.position is missing or malformed");
    return NULL;
  }
  return u;
}

cjm_lsp_reply cjm_lsp_hover(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_reply reply = {0};
  const cjm_lsp_doc *doc;
  size_t offset;
  cjm_lsp_unit *u = unit_at_position(s, params, &reply, &doc, &offset);
  if (!u) return reply;
  const cjm_lsp_occ *occ = cjm_lsp_occ_at(u, offset);
  cjm_strbuf out = {0};
  json_t *range;
  if (occ && u->model) {
    describe(&out, u, occ);
    range = cjm_lsp_range(s, u, occ->source, occ->offset, occ->end_offset);
  } else {
    size_t a, b;
    word_around(doc, offset, &a, &b);
    const cjm_keyword *k = b > a && !in_text(doc, a) ? cjm_keyword_find(doc->text + a, b - a) : NULL;
    if (!k) return cjm_lsp_ok(NULL);
    cjm_strbuf_printf(&out, "**%s** — %s", k->word, k->help);
    range = cjm_lsp_doc_range(s, doc, a, b);
  }
  json_t *hover = json_pack("{s:{s:s,s:s%},s:o}", "contents", "kind", "markdown", "value", out.data, out.len,
                            "range", range);
  cjm_strbuf_free(&out);
  return cjm_lsp_ok(hover);
}

/* ---- completion ----------------------------------------------------------------------- */

/* CompletionItemKind of a kind. */
static int completion_kind(cjm_lsp_kind kind) {
  static const int kinds[CJM_LSP_KIND_COUNT] = {7, 8, 20, 6, 19, 3, 9};
  return kind < CJM_LSP_KIND_COUNT ? kinds[kind] : 1;
}

static void add_item(json_t *items, const char *label, int kind, const char *detail) {
  json_t *item = json_pack("{s:s,s:i}", "label", label, "kind", kind);
  if (detail) json_object_set_new(item, "detail", json_string(detail));
  json_array_append_new(items, item);
}

/* Adds every declared thing of kind in the model. */
static void add_declared(json_t *items, const cjm_model *m, cjm_lsp_kind kind) {
  if (!m) return;
  size_t count = 0;
  void *const *things = NULL;
  switch (kind) {
  case CJM_LSP_PERSONA: things = (void *const *)m->personas; count = m->persona_count; break;
  case CJM_LSP_CHANNEL: things = (void *const *)m->channels; count = m->channel_count; break;
  case CJM_LSP_LANE: things = (void *const *)m->lanes; count = m->lane_count; break;
  case CJM_LSP_METRIC: things = (void *const *)m->metrics; count = m->metric_count; break;
  case CJM_LSP_STAGE: things = (void *const *)m->stages; count = m->stage_count; break;
  case CJM_LSP_STEP: things = (void *const *)m->steps; count = m->step_count; break;
  default: return;
  }
  for (size_t i = 0; i < count; i++) {
    const cjm_decl *d = things[i];
    add_item(items, d->id, completion_kind(kind), d->label);
  }
}

/* Adds the keywords of one kind. */
static void add_keywords(json_t *items, cjm_keyword_kind kind) {
  for (size_t i = 0; i < (size_t)CJM_KEYWORD_ROWS; i++)
    if (cjm_keywords[i].kind == kind) add_item(items, cjm_keywords[i].word, 14, cjm_keywords[i].help);
}

/* Adds the value words of the entry keyword word (status: as-is, to-be). */
static void add_values(json_t *items, const cjm_keyword *entry) {
  for (size_t i = 0; i < (size_t)CJM_KEYWORD_ROWS; i++)
    if (cjm_keywords[i].kind == CJM_KEYWORD_VALUE && entry->kind == CJM_KEYWORD_ENTRY && cjm_keywords[i].node == entry->node)
      add_item(items, cjm_keywords[i].word, 12, cjm_keywords[i].help);
}

/* Adds the modules in dir (name.cjm, as "name"), skipping duplicates. */
static void add_modules_in(json_t *items, const char *dir, const char *self) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (n <= 4 || strcmp(e->d_name + n - 4, ".cjm") != 0 || e->d_name[0] == '.') continue;
    if (self && strcmp(e->d_name, self) == 0) continue;
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
    bool dup = false;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) dup |= strcmp(json_string_value(json_object_get(it, "label")), name) == 0;
    if (!dup) add_item(items, name, 9, dir);
  }
  closedir(d);
}

/* One word of a line before the cursor. */
typedef struct line_word {
  size_t start, end;  /* its bytes in the line */
  bool comma_after;   /* a ',' follows it */
  bool string;        /* a string literal, not a word */
} line_word;

/* Splits line[0..n) into words, strings and commas (at most max words;
 * the last ones are kept). Returns the count; *in_string is set when the
 * line ends inside a string, *string_start to where that string began. */
static size_t split_line(const char *line, size_t n, line_word *words, size_t max, bool *in_string,
                         size_t *string_start) {
  size_t count = 0;
  *in_string = false;
  for (size_t i = 0; i < n;) {
    char c = line[i];
    if (c == '#') break;
    if (c == ' ' || c == '\t' || c == '\r') {
      i++;
      continue;
    }
    if (c == ',') {
      if (count) words[count - 1].comma_after = true;
      i++;
      continue;
    }
    line_word w = {.start = i};
    if (c == '"') {
      size_t j = i + 1;
      while (j < n && line[j] != '"') j += line[j] == '\\' ? 2 : 1;
      if (j >= n) {
        *in_string = true;
        *string_start = i;
        return count;
      }
      w.end = j + 1;
      w.string = true;
    } else {
      size_t j = i;
      while (j < n && line[j] != ' ' && line[j] != '\t' && line[j] != ',' && line[j] != '"' && line[j] != '#') j++;
      w.end = j;
    }
    if (count == max) {
      memmove(words, words + 1, (max - 1) * sizeof *words);
      count--;
    }
    words[count++] = w;
    i = w.end;
  }
  return count;
}

cjm_lsp_reply cjm_lsp_completion(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_reply reply = {0};
  const cjm_lsp_doc *doc;
  size_t offset;
  cjm_lsp_unit *u = unit_at_position(s, params, &reply, &doc, &offset);
  if (!u) return reply;
  size_t line_start = offset;
  while (line_start > 0 && doc->text[line_start - 1] != '\n' && doc->text[line_start - 1] != '\r') line_start--;
  size_t word_start = offset;
  while (word_start > line_start && word_byte((unsigned char)doc->text[word_start - 1])) word_start--;
  json_t *items = json_array();
  enum { MAX_WORDS = 64 };
  line_word words[MAX_WORDS];
  bool in_string;
  size_t string_start = 0;
  const char *line = doc->text + line_start;
  size_t count = split_line(line, offset - line_start, words, MAX_WORDS, &in_string, &string_start);
  if (in_string) {
    /* inside `use "…`: module names */
    if (count == 1 && words[0].end - words[0].start == 3 && memcmp(line + words[0].start, "use", 3) == 0) {
      const char *slash = strrchr(doc->path, '/');
      char *dir = slash ? cjm_xstrndup(doc->path, (size_t)(slash - doc->path)) : cjm_xstrdup(".");
      add_modules_in(items, dir, slash ? slash + 1 : doc->path);
      free(dir);
      for (size_t i = 0; i < s->load.include_count; i++) add_modules_in(items, s->load.include_dirs[i], NULL);
      for (size_t i = 0; i < s->load.path_count; i++) add_modules_in(items, s->load.path_dirs[i], NULL);
      if (s->load.stdlib_dir) add_modules_in(items, s->load.stdlib_dir, NULL);
    }
    return cjm_lsp_ok(items);
  }
  if (in_text(doc, offset)) return cjm_lsp_ok(items); /* in a comment */
  /* the words before the one being typed */
  size_t before = count;
  if (before && words[before - 1].end == offset - line_start && word_start < offset) before--;
  const cjm_model *m = u->model;
  if (before == 0) {
    /* the start of an entry or a block */
    add_keywords(items, CJM_KEYWORD_BLOCK);
    add_keywords(items, CJM_KEYWORD_ENTRY);
    add_declared(items, m, CJM_LSP_LANE);
    return cjm_lsp_ok(items);
  }
  /* the keyword that governs the cursor: the word before it, or the
   * keyword of a list the cursor continues (`by a, b, |`) */
  size_t k = before - 1;
#define KEYWORD_AT(i) (words[i].string ? NULL : cjm_keyword_find(line + words[i].start, words[i].end - words[i].start))
  bool continues_list = words[k].comma_after;
  if (continues_list)
    while (k > 0 && !KEYWORD_AT(k) && (words[k - 1].comma_after || KEYWORD_AT(k - 1))) k--;
  const cjm_keyword *kw = KEYWORD_AT(k);
#undef KEYWORD_AT
  if (kw) {
    const char *w = kw->word;
    bool list = strcmp(w, "by") == 0 || strcmp(w, "via") == 0 || strcmp(w, "next") == 0;
    if (continues_list && !list) kw = NULL;
    else if (strcmp(w, "by") == 0 || strcmp(w, "for") == 0) add_declared(items, m, CJM_LSP_PERSONA);
    else if (strcmp(w, "via") == 0) add_declared(items, m, CJM_LSP_CHANNEL);
    else if (strcmp(w, "next") == 0) add_declared(items, m, CJM_LSP_STEP);
    else if (strcmp(w, "measure") == 0) add_declared(items, m, CJM_LSP_METRIC);
    else if (strcmp(w, "stage") == 0) add_declared(items, m, CJM_LSP_STAGE);
    else add_values(items, kw);
    if (json_array_size(items)) return cjm_lsp_ok(items);
  }
  /* after a name or a string on a head line: by, via, for and the like */
  for (size_t i = 0; i < (size_t)CJM_KEYWORD_ROWS; i++) {
    const char *w = cjm_keywords[i].word;
    if (strcmp(w, "by") == 0 || strcmp(w, "via") == 0 || strcmp(w, "for") == 0)
      add_item(items, w, 14, cjm_keywords[i].help);
  }
  return cjm_lsp_ok(items);
}

/* ---- formatting ------------------------------------------------------------------------ */

cjm_lsp_reply cjm_lsp_formatting(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_reply reply = {0};
  const char *uri = NULL;
  json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri);
  const cjm_lsp_doc *doc = uri ? cjm_lsp_docs_find(&s->docs, uri) : NULL;
  if (!doc) {
    cjm_lsp_unit_for(s, params, &reply);
    return reply;
  }
  cjm_source *src = cjm_source_from_memory(doc->path, doc->text, doc->len);
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  bool ok = cjm_format_source(src, &out, diags, &s->load.limits);
  cjm_diags_free(diags);
  cjm_source_free(src);
  if (!ok) {
    cjm_strbuf_free(&out);
    return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "the file has errors: fix them to format it");
  }
  json_t *edits = json_array();
  if (out.len != doc->len || memcmp(out.data ? out.data : "", doc->text, doc->len) != 0)
    json_array_append_new(edits, json_pack("{s:o,s:s%}", "range", cjm_lsp_doc_range(s, doc, 0, doc->len), "newText",
                                           out.data ? out.data : "", out.len));
  cjm_strbuf_free(&out);
  return cjm_lsp_ok(edits);
}

/* ---- code actions ------------------------------------------------------------------------ */

/* A quick fix replacing [start, end) of doc with text. */
static json_t *quick_fix(cjm_lsp_server *s, const cjm_lsp_doc *doc, const char *title, size_t start, size_t end,
                         const char *text, json_t *diagnostic, bool preferred) {
  json_t *edit = json_pack("{s:o,s:s}", "range", cjm_lsp_doc_range(s, doc, start, end), "newText", text);
  json_t *changes = json_object();
  json_object_set_new(changes, doc->uri, json_pack("[o]", edit));
  json_t *action = json_pack("{s:s,s:s,s:{s:o}}", "title", title, "kind", "quickfix", "edit", "changes", changes);
  if (diagnostic) json_object_set_new(action, "diagnostics", json_pack("[O]", diagnostic));
  if (preferred) json_object_set_new(action, "isPreferred", json_true());
  return action;
}

/* The name inside the first pair of single quotes of message, malloc'd. */
static char *quoted(const char *message, const char *prefix) {
  if (strncmp(message, prefix, strlen(prefix)) != 0) return NULL;
  const char *a = strchr(message, '\'');
  const char *b = a ? strchr(a + 1, '\'') : NULL;
  return b ? cjm_xstrndup(a + 1, (size_t)(b - a - 1)) : NULL;
}

/* Where a new persona goes: before the first stage (or step) block of the
 * root file, else at its end. */
static size_t persona_insertion(const cjm_lsp_unit *u, const cjm_lsp_doc *doc, bool *at_end) {
  const cjm_file *root = u->program->root;
  for (const cjm_block *b = root->ast ? root->ast->blocks : NULL; b; b = b->next)
    if ((b->kind == CJM_BLOCK_STAGE || b->kind == CJM_BLOCK_STEP) && b->keyword_loc.source) {
      size_t at = b->keyword_loc.offset;
      while (at > 0 && doc->text[at - 1] != '\n') at--;
      /* above the comments that lead the stage */
      for (const cjm_comment *c = cjm_comments_of(b->comments)->leading; c; c = c->next)
        if (c->loc.offset < at) {
          at = c->loc.offset;
          while (at > 0 && doc->text[at - 1] != '\n') at--;
        }
      *at_end = false;
      return at;
    }
  *at_end = true;
  return doc->len;
}

cjm_lsp_reply cjm_lsp_code_action(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_reply reply = {0};
  cjm_lsp_unit *u = cjm_lsp_unit_for(s, params, &reply);
  if (!u) return reply;
  const cjm_lsp_doc *doc = cjm_lsp_unit_doc(s, u);
  json_int_t l0 = 0, c0 = 0, l1 = 0, c1 = 0;
  json_unpack(params, "{s:{s:{s:I,s:I},s:{s:I,s:I}}}", "range", "start", "line", &l0, "character", &c0, "end", "line",
              &l1, "character", &c1);
  size_t a = cjm_lsp_offset_of(&doc->lines, doc->text, doc->len, (cjm_lsp_position){(uint32_t)l0, (uint32_t)c0}, s->encoding);
  size_t b = cjm_lsp_offset_of(&doc->lines, doc->text, doc->len, (cjm_lsp_position){(uint32_t)l1, (uint32_t)c1}, s->encoding);
  json_t *actions = json_array();
  const cjm_source *root = cjm_lsp_unit_source(u);
  json_t *published = cjm_lsp_unit_diagnostics(s, u);
  size_t shown = 0;
  for (size_t i = 0; i < cjm_diags_count(u->diags); i++) {
    const cjm_diag *d = cjm_diags_at(u->diags, i);
    bool here = d->loc.source == root && cjm_loc_has_position(&d->loc);
    /* the published list has the same order, minus what other files hide */
    json_t *pd = NULL;
    if (here) {
      for (; shown < json_array_size(published); shown++) {
        json_t *cand = json_array_get(published, shown);
        if (strcmp(json_string_value(json_object_get(cand, "message")), d->message) == 0 ||
            strncmp(json_string_value(json_object_get(cand, "message")), d->message, strlen(d->message)) == 0) {
          pd = cand;
          shown++;
          break;
        }
      }
    }
    if (!here || d->loc.end_offset < a || d->loc.offset > b) continue;
    /* did you mean: replace the name */
    for (size_t k = 0; k < d->note_count; k++) {
      char *name = quoted(d->notes[k].message, "did you mean '");
      if (!name) continue;
      char title[512];
      snprintf(title, sizeof title, "Change to '%s'", name);
      json_array_append_new(actions, quick_fix(s, doc, title, d->loc.offset, d->loc.end_offset, name, pd, true));
      free(name);
    }
    /* declare an unknown persona */
    char *persona = strcmp(d->name, "unknown-ref") == 0 ? quoted(d->message, "unknown persona '") : NULL;
    if (persona) {
      bool at_end;
      size_t at = persona_insertion(u, doc, &at_end);
      char title[512], text[512];
      snprintf(title, sizeof title, "Declare persona `%s`", persona);
      if (at_end) snprintf(text, sizeof text, "%spersona %s\n", doc->len && doc->text[doc->len - 1] != '\n' ? "\n\n" : "\n", persona);
      else snprintf(text, sizeof text, "persona %s\n\n", persona);
      json_array_append_new(actions, quick_fix(s, doc, title, at, at, text, pd, false));
      free(persona);
    }
    /* a full-width or other confusable character */
    if (strcmp(d->name, "stray-char") == 0 && d->loc.offset < doc->len) {
      uint32_t cp;
      size_t n = cjm_utf8_decode(doc->text + d->loc.offset, doc->len - d->loc.offset, &cp);
      const char *what = NULL;
      const char *ascii = n ? cjm_utf8_confusable(cp, &what) : NULL;
      if (ascii) {
        char title[256];
        if (*ascii) snprintf(title, sizeof title, "Replace '%.*s' with '%s'", (int)n, doc->text + d->loc.offset, ascii);
        else snprintf(title, sizeof title, "Delete the invisible character U+%04X", (unsigned)cp);
        json_array_append_new(actions, quick_fix(s, doc, title, d->loc.offset, d->loc.offset + n, ascii, pd, true));
      }
    }
  }
  json_decref(published);
  return cjm_lsp_ok(actions);
}

/* ---- semantic tokens ------------------------------------------------------------------------- */

/* The legend: token types and modifiers, in the order of the numbers sent. */
enum {
  TT_KEYWORD, TT_STRING, TT_NUMBER, TT_COMMENT, TT_PERSONA, TT_CHANNEL, TT_LANE, TT_METRIC, TT_STAGE, TT_STEP,
  TT_PROPERTY, TT_VALUE, TT_COUNT
};
/* persona class, channel interface, lane enumMember, metric variable,
 * stage namespace, step function, an attribute's key property, a value
 * word (status as-is) enum */
static const char *const token_types[TT_COUNT] = {
    "keyword", "string", "number", "comment", "class", "interface", "enumMember", "variable", "namespace",
    "function", "property", "enum"};
enum { TM_DECLARATION = 1, TM_DEFAULT_LIBRARY = 2, TM_POSITIVE = 4, TM_NEGATIVE = 8 };
static const char *const token_modifiers[] = {"declaration", "defaultLibrary", "positive", "negative"};

json_t *cjm_lsp_semantic_legend(void) {
  json_t *types = json_array(), *mods = json_array();
  for (size_t i = 0; i < TT_COUNT; i++) json_array_append_new(types, json_string(token_types[i]));
  for (size_t i = 0; i < sizeof token_modifiers / sizeof token_modifiers[0]; i++)
    json_array_append_new(mods, json_string(token_modifiers[i]));
  return json_pack("{s:o,s:o}", "tokenTypes", types, "tokenModifiers", mods);
}

/* The encoder of relative token positions, writing the numbers as JSON
 * text: a large journey has millions of them. */
typedef struct token_writer {
  cjm_strbuf data;          /* "n,n,n,..." */
  uint32_t line, character; /* of the previous token */
  const cjm_lsp_server *s;
  const cjm_lsp_doc *doc;
  /* where counting units last stopped: tokens come in order, so each is
   * counted from the one before on its line, not from the line's start */
  uint32_t at_line;
  size_t at_offset;
  uint32_t at_units;
} token_writer;

/* The position of offset, counted on from the writer's last stop. */
static cjm_lsp_position token_position(token_writer *w, size_t offset) {
  const cjm_lsp_doc *doc = w->doc;
  size_t line_start = w->at_line < doc->lines.count ? doc->lines.starts[w->at_line] : doc->len;
  size_t next = w->at_line + 1 < doc->lines.count ? doc->lines.starts[w->at_line + 1] : (size_t)-1;
  cjm_lsp_position p;
  size_t stop; /* the start of the character offset is in */
  if (offset < w->at_offset || offset < line_start || offset >= next) {
    p = cjm_lsp_position_of(&doc->lines, doc->text, doc->len, offset, w->s->encoding);
    stop = cjm_lsp_offset_of(&doc->lines, doc->text, doc->len, p, w->s->encoding);
  } else {
    size_t end = cjm_lsp_line_end(&doc->lines, doc->text, doc->len, w->at_line);
    uint32_t units = w->at_units;
    size_t i = w->at_offset;
    while (i < offset && i < end) {
      size_t n;
      uint32_t u = cjm_lsp_char_units(doc->text + i, end - i, w->s->encoding, &n);
      if (i + n > offset) break;
      units += u;
      i += n;
    }
    p = (cjm_lsp_position){w->at_line, units};
    stop = i;
  }
  w->at_line = p.line;
  w->at_offset = stop;
  w->at_units = p.character;
  return p;
}

/* Emits the token [start, end) of the document, one piece per line. */
static void emit(token_writer *w, size_t start, size_t end, int type, int mods) {
  const cjm_lsp_doc *doc = w->doc;
  while (start < end) {
    cjm_lsp_position p = token_position(w, start);
    size_t line_end = cjm_lsp_line_end(&doc->lines, doc->text, doc->len, p.line);
    size_t piece_end = end < line_end ? end : line_end;
    cjm_lsp_position q = token_position(w, piece_end);
    if (q.character > p.character) {
      uint32_t dl = p.line - w->line, dc = dl ? p.character : p.character - w->character;
      cjm_strbuf_printf(&w->data, "%s%u,%u,%u,%d,%d", w->data.len ? "," : "", dl, dc, q.character - p.character,
                        type, mods);
      w->line = p.line;
      w->character = p.character;
    }
    if (p.line + 1 >= doc->lines.count) break;
    start = doc->lines.starts[p.line + 1];
  }
}

/* Sorts occurrences by offset. */
static int by_offset(const void *a, const void *b) {
  const cjm_lsp_occ *x = *(const cjm_lsp_occ *const *)a, *y = *(const cjm_lsp_occ *const *)b;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

cjm_lsp_reply cjm_lsp_semantic_tokens(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_reply reply = {0};
  cjm_lsp_unit *u = cjm_lsp_unit_for(s, params, &reply);
  if (!u) return reply;
  const cjm_lsp_doc *doc = cjm_lsp_unit_doc(s, u);
  const cjm_source *root = cjm_lsp_unit_source(u);
  if (!root || !u->program) return cjm_lsp_ok(json_pack("{s:[]}", "data"));
  cjm_lsp_unit_index(u);
  /* the root's names by offset */
  const cjm_lsp_occ **names = cjm_xcalloc(u->occ_count + 1, sizeof *names);
  size_t name_count = 0;
  for (size_t i = 0; i < u->occ_count; i++)
    if (u->occs[i].source == root && u->occs[i].kind != CJM_LSP_MODULE) names[name_count++] = &u->occs[i];
  qsort(names, name_count, sizeof *names, by_offset);
  /* the tokens, scanned again from the root's text */
  cjm_arena *arena = cjm_arena_new();
  cjm_interner *interner = cjm_interner_new(arena);
  cjm_diags *diags = cjm_diags_new();
  cjm_diags_set_max_errors(diags, 0);
  cjm_token *tokens;
  size_t count = cjm_tokenize(root, arena, interner, diags, &tokens);
  double middle = u->model ? (u->model->journey.scale_min + u->model->journey.scale_max) / 2 : 0;
  token_writer w = {.s = s, .doc = doc};
  size_t n = 0;
  const cjm_keyword *entry = NULL; /* the keyword of the current entry */
  for (size_t i = 0; i < count; i++) {
    const cjm_token *t = &tokens[i];
    size_t start = t->loc.offset, end = t->loc.end_offset;
    if (end > doc->len || end < start) continue;
    int type = -1, mods = 0;
    switch (t->kind) {
    case CJM_TOKEN_BLOCK_KEYWORD:
    case CJM_TOKEN_ENTRY_KEYWORD:
      type = TT_KEYWORD;
      entry = cjm_keyword_find(t->text, strlen(t->text));
      break;
    case CJM_TOKEN_STRING: type = TT_STRING; break;
    case CJM_TOKEN_COMMENT: type = TT_COMMENT; break;
    case CJM_TOKEN_NUMBER:
      type = TT_NUMBER;
      if (entry && strcmp(entry->word, "feel") == 0) {
        double v = strtod(doc->text + start, NULL);
        mods = v > middle ? TM_POSITIVE : v < middle ? TM_NEGATIVE : 0;
        entry = NULL; /* the score only, not a later number */
      }
      break;
    case CJM_TOKEN_IDENT: {
      while (n < name_count && names[n]->offset < start) n++;
      if (n < name_count && names[n]->offset == start) {
        const cjm_lsp_occ *o = names[n];
        static const int types[] = {TT_PERSONA, TT_CHANNEL, TT_LANE, TT_METRIC, TT_STAGE, TT_STEP};
        type = types[o->kind];
        if (o->decl) mods |= TM_DECLARATION;
        const cjm_decl *d = cjm_lsp_find_decl(u, o->kind, o->name);
        if (d && (d->from_stdlib || !d->block)) mods |= TM_DEFAULT_LIBRARY;
      } else if (entry && cjm_keyword_find(t->text, strlen(t->text)) &&
                 cjm_keyword_find(t->text, strlen(t->text))->kind == CJM_KEYWORD_VALUE) {
        type = TT_VALUE; /* status as-is: a value word */
      } else {
        type = TT_PROPERTY; /* an attribute's key */
      }
      break;
    }
    default: break;
    }
    if (type >= 0) emit(&w, start, end, type, mods);
  }
  free(names);
  cjm_diags_free(diags);
  cjm_interner_free(interner);
  cjm_arena_free(arena);
  cjm_lsp_reply done = {.raw_result = cjm_xmalloc(w.data.len + 16)};
  sprintf(done.raw_result, "{\"data\":[%s]}", w.data.data ? w.data.data : "");
  cjm_strbuf_free(&w.data);
  return done;
}
