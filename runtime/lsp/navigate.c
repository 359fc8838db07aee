/* navigate — the name index of a unit and what is built on it: go to
 * definition, references, document highlight, document and workspace
 * symbols, and rename. */
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/intern.h"
#include "lang/utf8.h"
#include "runtime/lsp/session.h"
#include "runtime/base/grow.h"

/* ---- the index ---------------------------------------------------------------- */

const char *cjm_lsp_kind_word(cjm_lsp_kind kind) {
  static const char *const words[CJM_LSP_KIND_COUNT] = {"persona", "channel", "lane", "metric",
                                                        "stage",   "step",    "module"};
  return kind < CJM_LSP_KIND_COUNT ? words[kind] : "name";
}

/* The growing index while it is built. */
typedef struct index_builder {
  cjm_lsp_unit *u;            /* whose occs grow */
  size_t capacity;            /* room in u->occs */
  const cjm_source *source;   /* the file being walked */
} index_builder;

static void add(index_builder *ib, cjm_lsp_kind kind, const char *name, const cjm_loc *loc, bool decl,
                const cjm_file *module) {
  if (!name || !cjm_loc_has_position(loc) || loc->end_offset < loc->offset) return;
  cjm_lsp_unit *u = ib->u;
  u->occs = cjm_grow(u->occs, u->occ_count, &ib->capacity, sizeof *u->occs);
  u->occs[u->occ_count++] = (cjm_lsp_occ){kind, name, ib->source, loc->offset, loc->end_offset, decl, module};
}

static void add_ids(index_builder *ib, cjm_lsp_kind kind, const cjm_ident_item *ids) {
  for (; ids; ids = ids->next) add(ib, kind, ids->id.name, &ids->id.loc, false, NULL);
}

/* The kind a block head declares. */
static bool block_kind(cjm_block_kind k, cjm_lsp_kind *kind) {
  switch (k) {
  case CJM_BLOCK_PERSONA: *kind = CJM_LSP_PERSONA; return true;
  case CJM_BLOCK_CHANNEL: *kind = CJM_LSP_CHANNEL; return true;
  case CJM_BLOCK_LANE: *kind = CJM_LSP_LANE; return true;
  case CJM_BLOCK_METRIC: *kind = CJM_LSP_METRIC; return true;
  case CJM_BLOCK_STAGE: *kind = CJM_LSP_STAGE; return true;
  case CJM_BLOCK_STEP: *kind = CJM_LSP_STEP; return true;
  default: return false;
  }
}

static void index_block(index_builder *ib, const cjm_block *b) {
  cjm_lsp_kind kind;
  if (block_kind(b->kind, &kind)) add(ib, kind, b->id.name, &b->id.loc, true, NULL);
  bool moment = b->kind == CJM_BLOCK_STAGE || b->kind == CJM_BLOCK_STEP;
  for (const cjm_entry *e = b->entries; e; e = e->next) {
    switch (e->kind) {
    case CJM_ENTRY_BY: add_ids(ib, CJM_LSP_PERSONA, e->ids); break;
    case CJM_ENTRY_VIA: add_ids(ib, CJM_LSP_CHANNEL, e->ids); break;
    case CJM_ENTRY_NEXT: add_ids(ib, CJM_LSP_STEP, e->ids); break;
    case CJM_ENTRY_MEASURE: add(ib, CJM_LSP_METRIC, e->key.name, &e->key.loc, false, NULL); break;
    case CJM_ENTRY_FEEL:
      if (e->for_persona) add(ib, CJM_LSP_PERSONA, e->for_persona->name, &e->for_persona->loc, false, NULL);
      break;
    case CJM_ENTRY_TEXT:
      if (moment) add(ib, CJM_LSP_LANE, e->key.name, &e->key.loc, false, NULL);
      if (e->for_persona) add(ib, CJM_LSP_PERSONA, e->for_persona->name, &e->for_persona->loc, false, NULL);
      break;
    default: break;
    }
  }
  for (const cjm_block *st = b->steps; st; st = st->next) index_block(ib, st);
}

void cjm_lsp_unit_index(cjm_lsp_unit *u) {
  if (u->indexed || !u->program) return;
  index_builder ib = {.u = u};
  for (size_t i = 0; i < u->program->file_count; i++) {
    const cjm_file *f = u->program->files[i];
    if (!f->ast) continue;
    ib.source = f->source;
    size_t k = 0;
    for (const cjm_block *b = f->ast->blocks; b; b = b->next) {
      if (b->kind == CJM_BLOCK_USE) {
        const cjm_file *module = k < f->use_count ? f->uses[k] : NULL;
        k++;
        add(&ib, CJM_LSP_MODULE, b->label.text, &b->label.loc, false, module);
        continue;
      }
      index_block(&ib, b);
    }
  }
  u->indexed = true;
}

const cjm_lsp_occ *cjm_lsp_occ_at(cjm_lsp_unit *u, size_t offset) {
  cjm_lsp_unit_index(u);
  const cjm_source *root = cjm_lsp_unit_source(u);
  const cjm_lsp_occ *touching = NULL;
  for (size_t i = 0; i < u->occ_count; i++) {
    const cjm_lsp_occ *o = &u->occs[i];
    if (o->source != root) continue;
    if (o->offset <= offset && offset < o->end_offset) return o;
    if (o->end_offset == offset) touching = o; /* the cursor just after a name */
  }
  return touching;
}

const cjm_decl *cjm_lsp_find_decl(const cjm_lsp_unit *u, cjm_lsp_kind kind, const char *name) {
  const cjm_model *m = u->model;
  if (!m || !name) return NULL;
  const cjm_symtab *t = NULL;
  switch (kind) {
  case CJM_LSP_PERSONA: t = &m->persona_table; break;
  case CJM_LSP_CHANNEL: t = &m->channel_table; break;
  case CJM_LSP_LANE: t = &m->lane_table; break;
  case CJM_LSP_METRIC: t = &m->metric_table; break;
  case CJM_LSP_STAGE: t = &m->stage_table; break;
  case CJM_LSP_STEP: t = &m->step_table; break;
  default: return NULL;
  }
  /* every declared thing starts with its cjm_decl */
  return cjm_symtab_get(t, name);
}

bool cjm_lsp_occ_target(const cjm_lsp_unit *u, const cjm_lsp_occ *occ, cjm_loc *loc) {
  if (occ->kind == CJM_LSP_MODULE) {
    if (!occ->module) return false;
    *loc = (cjm_loc){occ->module->source, 1, 1, 1, 1, 0, 0};
    return true;
  }
  const cjm_decl *d = cjm_lsp_find_decl(u, occ->kind, occ->name);
  if (!d || !d->block || !cjm_loc_has_position(&d->loc)) return false;
  *loc = d->loc;
  return true;
}

/* The canonical path of the file declaring what occ names, or NULL. */
static const char *decl_file(const cjm_lsp_unit *u, const cjm_lsp_occ *occ) {
  cjm_loc loc;
  if (!cjm_lsp_occ_target(u, occ, &loc)) return NULL;
  return loc.source->real_path ? loc.source->real_path : loc.source->path;
}

/* The unit's document and the occurrence under params.position, or an
 * error in *reply (NULL occurrence and no error: nothing there). */
static const cjm_lsp_occ *occ_param(cjm_lsp_server *s, json_t *params, cjm_lsp_unit **unit, cjm_lsp_reply *reply,
                                    size_t *offset) {
  *reply = (cjm_lsp_reply){0};
  cjm_lsp_unit *u = cjm_lsp_unit_for(s, params, reply);
  if (!u) return NULL;
  *unit = u;
  const cjm_lsp_doc *doc = cjm_lsp_unit_doc(s, u);
  size_t at;
  if (!cjm_lsp_param_offset(s, doc, params, &at)) {
    *reply = cjm_lsp_fail(CJM_RPC_INVALID_PARAMS, "params.position is missing or malformed");
    return NULL;
  }
  if (offset) *offset = at;
  return cjm_lsp_occ_at(u, at);
}

/* ---- definition, references, highlight ----------------------------------------------- */

cjm_lsp_reply cjm_lsp_definition(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_unit *u;
  cjm_lsp_reply reply;
  const cjm_lsp_occ *occ = occ_param(s, params, &u, &reply, NULL);
  if (!occ) return reply;
  cjm_loc loc;
  if (!cjm_lsp_occ_target(u, occ, &loc)) return cjm_lsp_ok(NULL);
  return cjm_lsp_ok(cjm_lsp_location(s, u, &loc));
}

/* Whether occurrence o of unit v names the same thing as occ of u, whose
 * declaration is in file decl (canonical path). */
static bool same_thing(const cjm_lsp_unit *v, const cjm_lsp_occ *o, const cjm_lsp_occ *occ, const char *decl) {
  if (o->kind != occ->kind || strcmp(o->name, occ->name) != 0) return false;
  if (!decl) return v == NULL; /* unresolved: only within the same unit */
  const char *other = decl_file(v, o);
  return other && strcmp(other, decl) == 0;
}

/* A set of places (a file's canonical path and a byte offset), so that a
 * file two open journeys both load is reported once: open addressing, the
 * table at most half full. */
typedef struct place_set {
  struct place {
    const char *path;    /* NULL: an empty slot */
    uint32_t offset;
  } *slots;
  size_t capacity, count;
} place_set;

/* Adds a place; returns false when it was there already. */
static bool place_add(place_set *set, const char *path, uint32_t offset) {
  if (2 * (set->count + 1) > set->capacity) {
    place_set bigger = {cjm_xcalloc(set->capacity ? 2 * set->capacity : 64, sizeof *bigger.slots),
                        set->capacity ? 2 * set->capacity : 64, 0};
    for (size_t i = 0; i < set->capacity; i++)
      if (set->slots[i].path) place_add(&bigger, set->slots[i].path, set->slots[i].offset);
    free(set->slots);
    *set = bigger;
  }
  size_t mask = set->capacity - 1;
  size_t i = (cjm_hash_bytes(path, strlen(path)) ^ (offset * 2654435761u)) & mask;
  for (; set->slots[i].path; i = (i + 1) & mask)
    if (set->slots[i].offset == offset && strcmp(set->slots[i].path, path) == 0) return false;
  set->slots[i] = (struct place){path, offset};
  set->count++;
  return true;
}

/* The canonical path of an occurrence's file. */
static const char *occ_path(const cjm_lsp_occ *o) {
  return o->source->real_path ? o->source->real_path : o->source->path;
}

/* Calls visit for every occurrence, in every open unit, of what occ (of
 * unit u) names: within u only when it names nothing declared. Each place
 * is visited once. */
typedef void (*visit_fn)(cjm_lsp_server *s, cjm_lsp_unit *v, const cjm_lsp_occ *o, void *data);

static void each_occurrence(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_lsp_occ *occ, visit_fn visit, void *data) {
  const char *decl = decl_file(u, occ);
  place_set seen = {0};
  for (size_t i = 0; i < s->unit_count; i++) {
    cjm_lsp_unit *v = s->units[i];
    if (!decl && v != u) continue;
    cjm_lsp_unit_refresh(s, v);
    cjm_lsp_unit_index(v);
    for (size_t k = 0; k < v->occ_count; k++) {
      const cjm_lsp_occ *o = &v->occs[k];
      if (!(decl ? same_thing(v, o, occ, decl) : (o->kind == occ->kind && strcmp(o->name, occ->name) == 0)))
        continue;
      if (place_add(&seen, occ_path(o), o->offset)) visit(s, v, o, data);
    }
  }
  free(seen.slots);
}

/* references: what add_reference collects. */
typedef struct refs {
  json_t *list;      /* the Locations */
  bool with_decl;    /* context.includeDeclaration */
} refs;

static void add_reference(cjm_lsp_server *s, cjm_lsp_unit *v, const cjm_lsp_occ *o, void *data) {
  refs *r = data;
  if (o->decl && !r->with_decl) return;
  if (o->source->from_stdlib && o->decl && !r->with_decl) return;
  char *uri = cjm_lsp_source_uri(s, o->source);
  json_array_append_new(r->list, json_pack("{s:s,s:o}", "uri", uri, "range",
                                           cjm_lsp_range(s, v, o->source, o->offset, o->end_offset)));
  free(uri);
}

cjm_lsp_reply cjm_lsp_references(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_unit *u;
  cjm_lsp_reply reply;
  const cjm_lsp_occ *occ = occ_param(s, params, &u, &reply, NULL);
  if (!occ) return reply.error_code ? reply : cjm_lsp_ok(json_array());
  refs r = {json_array(), json_is_true(json_object_get(json_object_get(params, "context"), "includeDeclaration"))};
  cjm_lsp_occ copy = *occ;
  each_occurrence(s, u, &copy, add_reference, &r);
  return cjm_lsp_ok(r.list);
}

cjm_lsp_reply cjm_lsp_highlight(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_unit *u;
  cjm_lsp_reply reply;
  const cjm_lsp_occ *occ = occ_param(s, params, &u, &reply, NULL);
  if (!occ) return reply.error_code ? reply : cjm_lsp_ok(json_array());
  json_t *list = json_array();
  const char *decl = decl_file(u, occ);
  for (size_t k = 0; k < u->occ_count; k++) {
    const cjm_lsp_occ *o = &u->occs[k];
    if (o->source != occ->source || o->kind != occ->kind || strcmp(o->name, occ->name) != 0) continue;
    const char *other = decl_file(u, o);
    if ((decl || other) && (!decl || !other || strcmp(decl, other) != 0)) continue;
    json_array_append_new(list, json_pack("{s:o,s:i}", "range", cjm_lsp_range(s, u, o->source, o->offset, o->end_offset),
                                          "kind", o->decl ? 3 : 2));
  }
  return cjm_lsp_ok(list);
}

/* ---- symbols --------------------------------------------------------------------- */

/* The protocol's SymbolKind of a kind. */
static int symbol_kind(cjm_lsp_kind kind) {
  switch (kind) {
  case CJM_LSP_PERSONA: return 5;  /* Class */
  case CJM_LSP_CHANNEL: return 11; /* Interface */
  case CJM_LSP_LANE: return 7;     /* Property */
  case CJM_LSP_METRIC: return 13;  /* Variable */
  case CJM_LSP_STAGE: return 3;    /* Namespace */
  case CJM_LSP_STEP: return 12;    /* Function */
  default: return 2;               /* Module */
  }
}

/* A DocumentSymbol for block b of unit u (children: a stage's steps). */
static json_t *block_symbol(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_block *b) {
  cjm_lsp_kind kind;
  const char *name;
  int sk;
  cjm_loc sel;
  if (b->kind == CJM_BLOCK_JOURNEY) {
    name = b->label.text ? b->label.text : "journey";
    sk = 2;
    sel = b->label.text ? b->label.loc : b->keyword_loc;
  } else if (block_kind(b->kind, &kind) && b->id.name) {
    name = b->id.name;
    sk = symbol_kind(kind);
    sel = b->id.loc;
  } else {
    return NULL;
  }
  cjm_loc whole = b->loc;
  for (const cjm_block *st = b->steps; st; st = st->next)
    if (st->loc.end_offset > whole.end_offset) whole = cjm_loc_span(&whole, &st->loc);
  json_t *sym = json_pack("{s:s,s:i,s:o,s:o}", "name", name, "kind", sk, "range",
                          cjm_lsp_loc_range(s, u, &whole), "selectionRange", cjm_lsp_loc_range(s, u, &sel));
  const char *detail = b->kind == CJM_BLOCK_JOURNEY ? "journey" : b->label.text;
  if (detail && b->kind != CJM_BLOCK_USE) json_object_set_new(sym, "detail", json_string(detail));
  if (b->steps) {
    json_t *children = json_array();
    for (const cjm_block *st = b->steps; st; st = st->next) {
      json_t *c = block_symbol(s, u, st);
      if (c) json_array_append_new(children, c);
    }
    json_object_set_new(sym, "children", children);
  }
  return sym;
}

cjm_lsp_reply cjm_lsp_document_symbols(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_reply reply;
  cjm_lsp_unit *u = cjm_lsp_unit_for(s, params, &reply);
  if (!u) return reply;
  json_t *list = json_array();
  const cjm_file *root = u->program ? u->program->root : NULL;
  for (const cjm_block *b = root && root->ast ? root->ast->blocks : NULL; b; b = b->next) {
    json_t *sym = block_symbol(s, u, b);
    if (sym) json_array_append_new(list, sym);
  }
  return cjm_lsp_ok(list);
}

/* Whether query is empty or a case-insensitive (ASCII) substring of name. */
static bool matches(const char *name, const char *query) {
  size_t n = strlen(name), q = strlen(query);
  if (q == 0) return true;
  for (size_t i = 0; i + q <= n; i++) {
    size_t k = 0;
    while (k < q) {
      char a = name[i + k], b = query[k];
      if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
      if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
      if (a != b) break;
      k++;
    }
    if (k == q) return true;
  }
  return false;
}

/* The most workspace symbols one answer holds: an editor filters as the
 * user types, and a query matching every step of a huge journey would
 * otherwise build a reply of hundreds of megabytes. */
enum { MAX_WORKSPACE_SYMBOLS = 5000 };

cjm_lsp_reply cjm_lsp_workspace_symbols(cjm_lsp_server *s, json_t *params) {
  const char *query = json_string_value(json_object_get(params, "query"));
  if (!query) query = "";
  json_t *list = json_array();
  /* the same declaration seen from two open journeys is listed once */
  place_set seen = {0};
  for (size_t i = 0; i < s->unit_count && json_array_size(list) < MAX_WORKSPACE_SYMBOLS; i++) {
    cjm_lsp_unit *u = s->units[i];
    cjm_lsp_unit_refresh(s, u);
    cjm_lsp_unit_index(u);
    for (size_t k = 0; k < u->occ_count && json_array_size(list) < MAX_WORKSPACE_SYMBOLS; k++) {
      const cjm_lsp_occ *o = &u->occs[k];
      if (!o->decl || o->source->from_stdlib || !matches(o->name, query)) continue;
      if (!place_add(&seen, occ_path(o), o->offset)) continue;
      char *uri = cjm_lsp_source_uri(s, o->source);
      json_array_append_new(list, json_pack("{s:s,s:i,s:{s:s,s:o},s:s}", "name", o->name, "kind",
                                            symbol_kind(o->kind), "location", "uri", uri, "range",
                                            cjm_lsp_range(s, u, o->source, o->offset, o->end_offset),
                                            "containerName", cjm_lsp_kind_word(o->kind)));
      free(uri);
    }
  }
  free(seen.slots);
  return cjm_lsp_ok(list);
}

/* ---- rename ------------------------------------------------------------------------- */

/* Why occ cannot be renamed, or NULL when it can. */
static const char *refusal(const cjm_lsp_unit *u, const cjm_lsp_occ *occ) {
  if (occ->kind == CJM_LSP_MODULE) return "a module is renamed by renaming its file";
  const cjm_decl *d = cjm_lsp_find_decl(u, occ->kind, occ->name);
  if (occ->kind == CJM_LSP_LANE && d && !d->block) return "a built-in lane cannot be renamed";
  if (d && d->from_stdlib) return "a name of the standard library cannot be renamed";
  if (!d) return "this name is not declared anywhere";
  return NULL;
}

/* The word under offset in doc, for messages about keywords. */
static bool keyword_at(const cjm_lsp_doc *doc, size_t offset) {
  size_t a = offset, b = offset;
  while (a > 0 && ((doc->text[a - 1] >= 'a' && doc->text[a - 1] <= 'z') || doc->text[a - 1] == '-')) a--;
  while (b < doc->len && ((doc->text[b] >= 'a' && doc->text[b] <= 'z') || doc->text[b] == '-')) b++;
  if (b == a || b - a > 16) return false;
  char word[17];
  memcpy(word, doc->text + a, b - a);
  word[b - a] = '\0';
  return cjm_is_keyword(word);
}

cjm_lsp_reply cjm_lsp_prepare_rename(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_unit *u;
  cjm_lsp_reply reply;
  size_t offset = 0;
  const cjm_lsp_occ *occ = occ_param(s, params, &u, &reply, &offset);
  if (reply.error_code) return reply;
  if (!occ) {
    const cjm_lsp_doc *doc = cjm_lsp_unit_doc(s, u);
    if (keyword_at(doc, offset)) return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "a keyword cannot be renamed");
    return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "there is no name to rename here");
  }
  const char *why = refusal(u, occ);
  if (why) return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "%s", why);
  return cjm_lsp_ok(json_pack("{s:o,s:s}", "range", cjm_lsp_range(s, u, occ->source, occ->offset, occ->end_offset),
                              "placeholder", occ->name));
}

/* Whether name is an identifier of the language (docs/language.md,
 * section 2) and no keyword. */
static bool valid_identifier(const char *name) {
  size_t n = strlen(name);
  if (n == 0 || n > 256 || cjm_is_keyword(name)) return false;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)name[i];
    if (c < 0x80) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      bool more = (c >= '0' && c <= '9') || c == '-';
      if (!(letter || (i > 0 && more))) return false;
      i++;
      continue;
    }
    uint32_t cp;
    size_t k = cjm_utf8_decode(name + i, n - i, &cp);
    if (k == 0 || !cjm_utf8_is_ident_char(cp)) return false;
    i += k;
  }
  return true;
}

/* rename: the edits, grouped by URI in a JSON object. */
typedef struct renaming {
  json_t *changes;        /* URI -> [TextEdit] */
  const char *new_name;
} renaming;

static void add_edit(cjm_lsp_server *s, cjm_lsp_unit *v, const cjm_lsp_occ *o, void *data) {
  renaming *r = data;
  char *uri = cjm_lsp_source_uri(s, o->source);
  json_t *edits = json_object_get(r->changes, uri);
  if (!edits) {
    edits = json_array();
    json_object_set_new(r->changes, uri, edits);
  }
  json_array_append_new(edits, json_pack("{s:o,s:s}", "range", cjm_lsp_range(s, v, o->source, o->offset, o->end_offset),
                                         "newText", r->new_name));
  free(uri);
}

cjm_lsp_reply cjm_lsp_rename(cjm_lsp_server *s, json_t *params) {
  cjm_lsp_unit *u;
  cjm_lsp_reply reply;
  size_t offset = 0;
  const char *new_name = json_string_value(json_object_get(params, "newName"));
  if (!new_name) return cjm_lsp_fail(CJM_RPC_INVALID_PARAMS, "params.newName is missing");
  const cjm_lsp_occ *occ = occ_param(s, params, &u, &reply, &offset);
  if (reply.error_code) return reply;
  if (!occ) {
    if (keyword_at(cjm_lsp_unit_doc(s, u), offset)) return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "a keyword cannot be renamed");
    return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "there is no name to rename here");
  }
  const char *why = refusal(u, occ);
  if (why) return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "%s", why);
  if (!valid_identifier(new_name))
    return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "'%s' is not a valid identifier", new_name);
  /* taken in any open journey that sees this declaration */
  const char *decl = decl_file(u, occ);
  for (size_t i = 0; i < s->unit_count; i++) {
    cjm_lsp_unit *v = s->units[i];
    cjm_lsp_unit_refresh(s, v);
    if (!v->program) continue;
    const char *interned = cjm_intern_lookup(v->program->names, new_name, strlen(new_name));
    const cjm_decl *taken = interned ? cjm_lsp_find_decl(v, occ->kind, interned) : NULL;
    if (!taken) continue;
    bool sees = v == u;
    if (!sees && decl) {
      const cjm_decl *mine = cjm_lsp_find_decl(v, occ->kind, cjm_intern_lookup(v->program->names, occ->name, strlen(occ->name)));
      sees = mine && mine->loc.source && strcmp(mine->loc.source->real_path ? mine->loc.source->real_path : mine->loc.source->path, decl) == 0;
    }
    if (sees)
      return cjm_lsp_fail(CJM_RPC_REQUEST_FAILED, "a %s named '%s' already exists", cjm_lsp_kind_word(occ->kind), new_name);
  }
  renaming r = {json_object(), new_name};
  cjm_lsp_occ copy = *occ;
  each_occurrence(s, u, &copy, add_edit, &r);
  return cjm_lsp_ok(json_pack("{s:o}", "changes", r.changes));
}
