/* csv_import — see csv_import.h. The reader is one pass over the bytes;
 * the importer classifies the rows by heading, decides which column is a
 * stage's own and which a step, and writes the journey column by column,
 * so its time is linear in the size of the grid. */
#include "runtime/interop/csv_import.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/limits.h"
#include "lang/utf8.h"
#include "runtime/base/grow.h"
#include "runtime/core/present.h"
#include "runtime/interop/cjm_text.h"
#include "runtime/interop/text_check.h"
#include "runtime/review/format.h"
#include "runtime/render/tables/table.h"

/* ---- the reader ----------------------------------------------------------------- */

/* A position while reading: the byte, its line and column. */
typedef struct pos {
  size_t offset;
  uint32_t line, col;
} pos;

/* Moves past one byte. Lines end at LF, as cjm_source_line counts them;
 * columns count the first bytes of code points. */
static void advance(const char *t, pos *at) {
  unsigned char c = (unsigned char)t[at->offset++];
  if (c == '\n') {
    at->line++;
    at->col = 1;
  } else if ((c & 0xC0) != 0x80) {
    at->col++;
  }
}

static cjm_loc loc_between(const cjm_source *src, pos from, pos to) {
  return (cjm_loc){src, from.line, from.col, to.line, to.col, (uint32_t)from.offset, (uint32_t)to.offset};
}

char cjm_csv_detect_separator(const char *text, size_t len) {
  static const char candidates[] = {',', ';', '\t'};
  size_t counts[3] = {0, 0, 0};
  bool quoted = false;
  for (size_t i = 0; i < len; i++) {
    char c = text[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted)
      for (size_t k = 0; k < 3; k++) counts[k] += c == candidates[k];
  }
  size_t best = 0;
  for (size_t k = 1; k < 3; k++)
    if (counts[k] > counts[best]) best = k;
  return candidates[best];
}

void cjm_csv_cell_name(cjm_strbuf *out, size_t column, size_t row) {
  char letters[16];
  size_t n = 0;
  for (size_t c = column + 1; c > 0 && n < sizeof letters; c = (c - 1) / 26) letters[n++] = (char)('A' + (c - 1) % 26);
  while (n > 0) cjm_strbuf_write(out, &letters[--n], 1);
  cjm_strbuf_printf(out, "%zu", row);
}

bool cjm_csv_read(const cjm_source *src, cjm_csv *csv, cjm_diags *diags) {
  *csv = (cjm_csv){0};
  if (!cjm_text_check(src, "csv", "CSV", diags)) return false;
  const char *t = src->text;
  size_t n = src->len;
  pos at = {0, 1, 1};
  if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) at.offset = 3;
  char sep = csv->separator = cjm_csv_detect_separator(t + at.offset, n - at.offset);
  /* A field's text is at most its bytes and a NUL; fields are at most one
   * per byte and one more. */
  csv->text = cjm_xmalloc(2 * n + 2);
  char *o = csv->text;
  while (at.offset < n) {
    cjm_csv_record *record = CJM_PUSH(csv->records, csv->record_count, csv->record_capacity);
    record->first = csv->field_count;
    for (;;) {
      pos start = at;
      char *text = o;
      if (at.offset < n && t[at.offset] == '"') {
        advance(t, &at);
        for (;;) {
          if (at.offset >= n) {
            pos one = start;
            advance(t, &one);
            cjm_loc loc = loc_between(src, start, one);
            cjm_error(diags, "csv", &loc, "quoted field never closes: a '\"' is missing");
            return false;
          }
          char c = t[at.offset];
          if (c == '"' && at.offset + 1 < n && t[at.offset + 1] == '"') {
            *o++ = '"';
            advance(t, &at);
          } else if (c == '"') {
            advance(t, &at);
            break;
          } else {
            *o++ = c;
          }
          advance(t, &at);
        }
      }
      /* Unquoted text, or what follows a closing quote: kept as written. */
      while (at.offset < n && t[at.offset] != sep && t[at.offset] != '\n' && t[at.offset] != '\r') {
        *o++ = t[at.offset];
        advance(t, &at);
      }
      *o++ = '\0';
      if (csv->field_count == CJM_CSV_MAX_FIELDS) {
        cjm_loc loc = loc_between(src, start, at);
        cjm_error(diags, "limit", &loc, "more than %d cells: too many for a journey grid", CJM_CSV_MAX_FIELDS);
        return false;
      }
      cjm_csv_field *field = CJM_PUSH(csv->fields, csv->field_count, csv->field_capacity);
      *field = (cjm_csv_field){text, (size_t)(o - 1 - text), loc_between(src, start, at)};
      if (at.offset < n && t[at.offset] == sep) {
        advance(t, &at);
        continue;
      }
      if (at.offset < n && t[at.offset] == '\r') advance(t, &at);
      if (at.offset < n && t[at.offset] == '\n') advance(t, &at);
      break;
    }
    record = &csv->records[csv->record_count - 1];
    record->count = csv->field_count - record->first;
    record->loc = csv->fields[record->first].loc;
  }
  return true;
}

void cjm_csv_free(cjm_csv *csv) {
  free(csv->fields);
  free(csv->records);
  free(csv->text);
  *csv = (cjm_csv){0};
}

/* ---- the importer's state --------------------------------------------------------- */

/* What a row of the grid is, read from its heading. */
typedef enum row_kind {
  ROW_ACTIONS,
  ROW_CHANNELS,
  ROW_LANE,     /* a built-in lane, or one the journey declares */
  ROW_METRIC,   /* a declared row of numbers */
  ROW_FEEL,
  ROW_EMOTION,
} row_kind;

/* A row: its heading record and the records that continue it (an empty
 * first field). */
typedef struct row {
  row_kind kind;
  size_t first, count;       /* records [first, first + count) */
  const char *name;          /* LANE, METRIC: its id; FEEL, EMOTION: the persona's, or NULL */
  long persona;              /* FEEL, EMOTION: index into importer.personas, or -1 */
  size_t emotion;            /* FEEL: the index of its Emotion row, or SIZE_MAX */
} row;

/* A column of the grid (field index >= 1). */
typedef struct grid_column {
  size_t stage;              /* index into importer.stages */
  const cjm_csv_field *action; /* its field in the Actions row, or NULL */
  bool own;                  /* the stage's own entries, not a step */
  const char *id;            /* a step's identifier */
} grid_column;

typedef struct stage {
  const cjm_csv_field *label;
  const char *id;
  size_t first, count;       /* columns */
} stage;

/* A declaration the grid implies: a persona, channel, lane or metric. */
typedef struct decl {
  const char *id;            /* owned by its decls' ids */
  const char *label;         /* as written (owned by its decls' by_label) */
  bool labelled;             /* written with its label (else the id is the label) */
} decl;

/* The declarations of one kind, the identifiers taken and the index of
 * each by its label. */
typedef struct decls {
  const char *keyword;       /* "persona", "channel"... */
  const char *fallback;      /* the identifier of a label without letters (not a reserved word) */
  decl *items;
  size_t count, capacity;
  cjm_name_map ids;          /* identifiers taken */
  cjm_name_map by_label;     /* label -> index into items */
} decls;

typedef struct importer {
  const cjm_source *src;
  cjm_diags *diags;
  cjm_csv csv;
  cjm_limits limits;
  bool decimal_comma;        /* ';' or tab separated: 1,5 is a number */
  size_t header;             /* the record of the title and stages */
  size_t width;              /* fields that hold something: the label and the columns */
  grid_column *columns;           /* [width], [0] unused */
  stage *stages;
  size_t stage_count, stage_capacity;
  row *rows;
  size_t row_count, row_capacity;
  decls personas, channels, lanes, metrics;
  cjm_name_map stage_ids, step_ids; /* identifiers taken */
} importer;

/* The field of record r in column c, or NULL when the record is shorter. */
static const cjm_csv_field *field_at(const importer *im, size_t r, size_t c) {
  const cjm_csv_record *rec = &im->csv.records[r];
  return c < rec->count ? &im->csv.fields[rec->first + c] : NULL;
}

static bool field_empty(const cjm_csv_field *f) { return !f || f->len == 0; }

/* A field's text as the user meant it: without the apostrophe a
 * spreadsheet-safe export puts before = + - @ tab CR (docs/tables.md). */
static const char *field_text(const cjm_csv_field *f, size_t *len) {
  if (f->len >= 2 && f->text[0] == '\'' && strchr("=+-@\t\r", f->text[1])) {
    *len = f->len - 1;
    return f->text + 1;
  }
  *len = f->len;
  return f->text;
}

/* Reports an error at field f: message, then the cell quoted and named. */
static void cell_error(importer *im, const cjm_csv_field *f, size_t record, size_t column, const char *what) {
  cjm_strbuf cell = {0};
  size_t len = f->len;
  size_t cut = len > 40 ? 40 : len;
  while (cut < len && (f->text[cut] & 0xC0) == 0x80) cut--; /* at a code point */
  cjm_strbuf_write(&cell, f->text, cut);
  if (cut < len) cjm_strbuf_puts(&cell, "…");
  cjm_strbuf name = {0};
  cjm_csv_cell_name(&name, column, record + 1);
  cjm_error(im->diags, "csv", &f->loc, "%s: '%s' (cell %s)", what, cell.data ? cell.data : "", name.data);
  cjm_strbuf_free(&cell);
  cjm_strbuf_free(&name);
}

/* Whether s[0..len) matches word, ignoring ASCII case and surrounding spaces. */
static bool heading_is(const char *s, size_t len, const char *word) {
  while (len && s[0] == ' ') s++, len--;
  while (len && s[len - 1] == ' ') len--;
  size_t n = strlen(word);
  if (len != n) return false;
  for (size_t i = 0; i < n; i++) {
    char a = s[i], b = word[i];
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

/* ---- numbers ---------------------------------------------------------------- */

/* Reads a number written in a cell: [+-]digits[.digits], with ',' for
 * '.' in a semicolon- or tab-separated file, and a '%' after it when
 * percent is allowed. Returns false for anything else. */
static bool read_number(const importer *im, const char *s, size_t len, bool percent_ok, double *value,
                        bool *percent) {
  while (len && s[0] == ' ') s++, len--;
  while (len && s[len - 1] == ' ') len--;
  char buf[64];
  size_t i = 0, k = 0;
  bool digits = false;
  *percent = false;
  if (len == 0 || len >= sizeof buf) return false;
  if (s[i] == '+' || s[i] == '-') buf[k++] = s[i++];
  while (i < len && s[i] >= '0' && s[i] <= '9') buf[k++] = s[i++], digits = true;
  if (digits && i + 1 < len && (s[i] == '.' || (s[i] == ',' && im->decimal_comma)) && s[i + 1] >= '0' &&
      s[i + 1] <= '9') {
    buf[k++] = '.';
    i++;
    while (i < len && s[i] >= '0' && s[i] <= '9') buf[k++] = s[i++];
  }
  if (percent_ok && i < len && s[i] == '%') *percent = true, i++;
  if (!digits || i != len) return false;
  buf[k] = '\0';
  *value = strtod(buf, NULL);
  return isfinite(*value) && fabs(*value) < 1e15;
}

/* ---- identifiers ------------------------------------------------------------ */

/* Whether s[0..len) is an identifier of the language that is not a
 * reserved word. */
static bool valid_id(const importer *im, const char *s, size_t len) {
  if (len == 0 || len > im->limits.max_ident_bytes || cjm_name_reserved(s, len)) return false;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    uint32_t cp = c;
    size_t n = c < 0x80 ? 1 : cjm_utf8_decode(s + i, len - i, &cp);
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (cp >= 0x80 && cjm_utf8_is_ident_char(cp));
    bool more = (c >= '0' && c <= '9') || c == '-';
    if (!n || !(letter || (i > 0 && more))) return false;
    i += n;
  }
  return true;
}

/* The declaration of d labelled label[0..len), declared on first sight
 * with an identifier made from the label. */
static size_t declare(decls *d, const char *label, size_t len) {
  long known = cjm_name_map_get(&d->by_label, label, len);
  if (known >= 0) return (size_t)known;
  decl *x = CJM_PUSH(d->items, d->count, d->capacity);
  x->label = cjm_name_map_put(&d->by_label, label, len, (long)d->count - 1);
  x->id = cjm_name_make(&d->ids, label, len, d->fallback);
  x->labelled = true;
  return d->count - 1;
}

/* The persona a feel row names (what follows "Feel: "): that text as its
 * identifier when it is one, else an identifier made from it, labelled
 * with the text. */
static size_t declare_persona(importer *im, const char *name, size_t len) {
  decls *d = &im->personas;
  long known = cjm_name_map_get(&d->by_label, name, len);
  if (known >= 0) return (size_t)known;
  if (!valid_id(im, name, len) || cjm_name_map_get(&d->ids, name, len) >= 0) return declare(d, name, len);
  decl *x = CJM_PUSH(d->items, d->count, d->capacity);
  x->label = cjm_name_map_put(&d->by_label, name, len, (long)d->count - 1);
  x->id = cjm_name_map_put(&d->ids, name, len, 2);
  return d->count - 1;
}

/* ---- reading the grid ------------------------------------------------------------ */

static bool record_blank(const importer *im, size_t r) {
  const cjm_csv_record *rec = &im->csv.records[r];
  for (size_t i = 0; i < rec->count; i++)
    if (im->csv.fields[rec->first + i].len) return false;
  return true;
}

static bool unknown_layout(importer *im, const cjm_loc *loc, const char *why) {
  cjm_diag *d = cjm_error(im->diags, "csv", loc, "unknown layout: %s", why);
  cjm_note(d, NULL, "cjm reads the grid 'cjm render -T csv' writes: the title and the stage labels "
                    "first, then one row per heading (docs/tables.md)");
  return false;
}

static bool heading_kind(const char *s, size_t len, row_kind *kind, const char **lane, const char **name,
                         size_t *name_len);

/* Finds the header and the grid's width, and checks that no record is
 * longer than the header with something in the extra fields. */
static bool read_shape(importer *im) {
  const cjm_csv *csv = &im->csv;
  size_t r = 0;
  while (r < csv->record_count && record_blank(im, r)) r++;
  if (r == csv->record_count) {
    cjm_loc loc = cjm_loc_file(im->src);
    return unknown_layout(im, &loc, "the file holds no cell");
  }
  /* Empty records before the first are skipped, unless a row heading
   * follows them: then the first is the header of a journey without a
   * title whose stage has no label. */
  const cjm_csv_field *first = field_at(im, r, 0);
  size_t len;
  const char *text = field_text(first, &len);
  row_kind kind;
  const char *lane, *name;
  if (r > 0 && heading_kind(text, len, &kind, &lane, &name, &len)) r = 0;
  im->header = r;
  const cjm_csv_record *head = &csv->records[r];
  im->width = 1;
  bool ok = true;
  for (size_t k = r; k < csv->record_count; k++) {
    const cjm_csv_record *rec = &csv->records[k];
    for (size_t i = rec->count; i-- > 1;) {
      if (!csv->fields[rec->first + i].len) continue;
      if (i >= head->count && ok) {
        cjm_strbuf what = {0};
        cjm_strbuf_printf(&what, "ragged row: record %zu has %zu fields, the first record %zu", k + 1,
                          rec->count, head->count);
        cell_error(im, &csv->fields[rec->first + i], k, i, what.data);
        cjm_strbuf_free(&what);
        ok = false;
      }
      if (i + 1 > im->width) im->width = i + 1;
      break;
    }
  }
  if (im->width == 1)
    for (size_t k = r + 1; k < csv->record_count; k++)
      if (!record_blank(im, k))
        return unknown_layout(im, &head->loc, "the first row names no stage after the journey's title");
  return ok; /* an empty B1 is a stage without a label, as the grid writes one */
}

/* The stages and their columns, from the header: a label starts a stage
 * (an empty B1, a stage without one). */
static void read_stages(importer *im) {
  im->columns = cjm_xcalloc(im->width, sizeof *im->columns);
  for (size_t c = 1; c < im->width; c++) {
    const cjm_csv_field *f = field_at(im, im->header, c);
    if (!field_empty(f) || c == 1) {
      stage *s = CJM_PUSH(im->stages, im->stage_count, im->stage_capacity);
      s->label = f;
      s->first = c;
    }
    im->stages[im->stage_count - 1].count++;
    im->columns[c].stage = im->stage_count - 1;
  }
}

/* The kind of row a heading names; for Feel and Emotion rows, *name
 * receives what follows ": " (or NULL). */
static bool heading_kind(const char *s, size_t len, row_kind *kind, const char **lane, const char **name,
                         size_t *name_len) {
  *name = NULL;
  *name_len = 0;
  *lane = NULL;
  const char *colon = memchr(s, ':', len);
  if (colon) {
    const char *rest = colon + 1;
    size_t rest_len = len - (size_t)(rest - s);
    while (rest_len && *rest == ' ') rest++, rest_len--;
    while (rest_len && rest[rest_len - 1] == ' ') rest_len--;
    bool feel = heading_is(s, (size_t)(colon - s), CJM_TABLE_FEEL);
    if ((feel || heading_is(s, (size_t)(colon - s), CJM_TABLE_EMOTION)) && rest_len) {
      *kind = feel ? ROW_FEEL : ROW_EMOTION;
      *name = rest;
      *name_len = rest_len;
      return true;
    }
  }
  if (heading_is(s, len, CJM_TABLE_EMOTION)) {
    *kind = ROW_EMOTION;
    return true;
  }
  /* The English headings; localised ones (once the tables print the
   * journey's language) are looked up here too, one list per language. */
  for (const cjm_table_heading *h = cjm_table_headings; h->label; h++) {
    if (!heading_is(s, len, h->label)) continue;
    *kind = h->kind == CJM_ROW_ACTIONS    ? ROW_ACTIONS
            : h->kind == CJM_ROW_CHANNELS ? ROW_CHANNELS
            : h->kind == CJM_ROW_FEEL     ? ROW_FEEL
                                          : ROW_LANE;
    *lane = h->lane;
    return true;
  }
  return false;
}

/* Whether every non-empty cell of row r is a number. */
static bool row_numeric(const importer *im, const row *rw) {
  for (size_t k = rw->first; k < rw->first + rw->count; k++)
    for (size_t c = 1; c < im->width; c++) {
      const cjm_csv_field *f = field_at(im, k, c);
      double v;
      bool percent;
      if (!field_empty(f) && !read_number(im, f->text, f->len, true, &v, &percent)) return false;
    }
  return true;
}

/* Splits the records after the header into rows and reads their headings. */
static bool read_rows(importer *im) {
  bool ok = true;
  size_t r = im->header + 1;
  while (r < im->csv.record_count && record_blank(im, r)) r++;
  for (; r < im->csv.record_count; r++) {
    const cjm_csv_field *head = field_at(im, r, 0);
    if (field_empty(head)) {
      if (im->row_count) {
        im->rows[im->row_count - 1].count++;
        continue;
      }
      return unknown_layout(im, &im->csv.records[r].loc, "a record with no heading before the first row");
    }
    row *rw = CJM_PUSH(im->rows, im->row_count, im->row_capacity);
    rw->first = r;
    rw->count = 1;
    rw->emotion = SIZE_MAX;
    rw->persona = -1;
    size_t len;
    const char *text = field_text(head, &len);
    const char *lane, *name;
    size_t name_len;
    if (!heading_kind(text, len, &rw->kind, &lane, &name, &name_len)) {
      rw->kind = ROW_LANE;
      rw->name = NULL; /* declared below, once metrics are told apart */
      continue;
    }
    if (rw->kind == ROW_LANE) rw->name = lane;
    if ((rw->kind == ROW_FEEL || rw->kind == ROW_EMOTION) && name) {
      rw->persona = (long)declare_persona(im, name, name_len);
      rw->name = im->personas.items[rw->persona].id;
    }
    if (rw->kind == ROW_EMOTION) {
      /* (the row above is a feel row, so it has no emotion row yet) */
      row *feel = im->row_count >= 2 ? &im->rows[im->row_count - 2] : NULL;
      if (!feel || feel->kind != ROW_FEEL || feel->name != rw->name) {
        cell_error(im, head, r, 0, "an emotion row must follow the feel row of the same persona");
        ok = false;
      } else {
        feel->emotion = im->row_count - 1;
      }
    }
  }
  /* Declared rows: a row of numbers is a metric when only metrics follow
   * it, as the grid puts metrics after the lanes; others are lanes. */
  bool metrics = true;
  for (size_t i = im->row_count; i-- > 0;) {
    row *rw = &im->rows[i];
    if (rw->kind != ROW_LANE || rw->name) continue;
    metrics = metrics && row_numeric(im, rw);
    if (metrics) rw->kind = ROW_METRIC;
  }
  for (size_t i = 0; i < im->row_count; i++) {
    row *rw = &im->rows[i];
    if ((rw->kind != ROW_LANE && rw->kind != ROW_METRIC) || rw->name) continue;
    size_t len;
    const char *label = field_text(field_at(im, rw->first, 0), &len);
    decls *d = rw->kind == ROW_LANE ? &im->lanes : &im->metrics;
    size_t index = declare(d, label, len);
    rw->name = d->items[index].id;
  }
  bool plain_feel = false;
  for (size_t i = 0; i < im->row_count; i++) plain_feel |= im->rows[i].kind == ROW_FEEL && !im->rows[i].name;
  if (plain_feel && im->personas.count) {
    for (size_t i = 0; i < im->row_count; i++)
      if (im->rows[i].kind == ROW_FEEL && !im->rows[i].name)
        cell_error(im, field_at(im, im->rows[i].first, 0), im->rows[i].first, 0,
                   "a feel row without a persona, in a grid whose other feel rows name theirs ('Feel: ID')");
    ok = false;
  }
  return ok;
}

/* The steps: a column is a step when its Actions cell has a label; the
 * first column of a stage with an empty one holds the stage's own
 * entries; any other without a label is a step labelled "". Without an
 * Actions row, a stage of one column is its own entries. */
static bool read_columns(importer *im) {
  bool ok = true;
  const row *actions = NULL;
  for (size_t i = 0; i < im->row_count; i++)
    if (im->rows[i].kind == ROW_ACTIONS) {
      if (!actions) actions = &im->rows[i];
      else {
        cell_error(im, field_at(im, im->rows[i].first, 0), im->rows[i].first, 0, "a second Actions row");
        ok = false;
      }
    }
  for (size_t s = 0; s < im->stage_count; s++) {
    stage *st = &im->stages[s];
    size_t len;
    const char *label = field_text(st->label, &len);
    st->id = cjm_name_make(&im->stage_ids, label, len, "phase");
    for (size_t c = st->first; c < st->first + st->count; c++) {
      grid_column *col = &im->columns[c];
      for (size_t k = actions ? actions->first : 0; actions && k < actions->first + actions->count; k++) {
        const cjm_csv_field *f = field_at(im, k, c);
        if (field_empty(f)) continue;
        if (col->action) {
          cell_error(im, f, k, c, "a second action in one column: a step has one label");
          ok = false;
        }
        col->action = f;
      }
      col->own = !col->action && c == st->first && (actions || st->count == 1);
      if (col->own) continue;
      if (col->action) {
        label = field_text(col->action, &len);
        col->id = cjm_name_make(&im->step_ids, label, len, "moment");
      } else {
        col->id = cjm_name_make(&im->step_ids, st->id, strlen(st->id), "moment");
      }
    }
  }
  return ok;
}

/* ---- writing the journey ------------------------------------------------------- */

static void put_decls(cjm_strbuf *out, const decls *d) {
  for (size_t i = 0; i < d->count; i++) {
    const decl *x = &d->items[i];
    cjm_strbuf_printf(out, "%s %s", d->keyword, x->id);
    if (x->labelled) {
      cjm_strbuf_puts(out, " ");
      cjm_text_quote(out, x->label, strlen(x->label));
    }
    cjm_strbuf_puts(out, "\n");
  }
}

/* Checks the length of a text against the limit on strings. */
static bool text_fits(importer *im, const cjm_csv_field *f, size_t record, size_t column) {
  if (f->len <= im->limits.max_string_bytes) return true;
  cell_error(im, f, record, column, "cell longer than the limit on a text");
  return false;
}

/* The number in a feel or metric cell, written canonically to out. */
static bool put_number(importer *im, cjm_strbuf *out, const cjm_csv_field *f, size_t record, size_t column,
                       bool metric, double *value) {
  bool percent;
  if (!read_number(im, f->text, f->len, metric, value, &percent)) {
    cell_error(im, f, record, column, metric ? "a measure that is not a number" : "a feel that is not a number");
    return false;
  }
  if (!metric && fabs(*value) > 1000) {
    cell_error(im, f, record, column, "a feel score far outside any emotion scale (at most 1000 either way)");
    return false;
  }
  cjm_present_number(out, *value);
  if (percent) cjm_strbuf_puts(out, "%");
  return true;
}

/* The persona an entry "ID: text" names, in a grid of several personas
 * (or -1); *skip receives the length of "ID: ". */
static long marker(const importer *im, const char *text, size_t len, size_t *skip) {
  const char *colon = im->personas.count >= 2 ? memchr(text, ':', len) : NULL;
  if (!colon || colon + 1 >= text + len || colon[1] != ' ') return -1;
  *skip = (size_t)(colon + 2 - text);
  return cjm_name_map_get(&im->personas.by_label, text, (size_t)(colon - text));
}

/* The entries of column c (a step's or a stage's), indented by indent. */
static bool put_entries(importer *im, cjm_strbuf *out, size_t c, const char *indent, double *low, double *high) {
  bool ok = true;
  bool several = im->personas.count >= 2;
  long *felt = cjm_xcalloc(im->personas.count + 1, sizeof *felt); /* feels per persona */
  for (size_t i = 0; i < im->row_count; i++) {
    const row *rw = &im->rows[i];
    if (rw->kind == ROW_ACTIONS || rw->kind == ROW_CHANNELS || rw->kind == ROW_EMOTION) continue;
    for (size_t k = rw->first; k < rw->first + rw->count; k++) {
      const cjm_csv_field *f = field_at(im, k, c);
      if (field_empty(f)) continue;
      size_t len;
      const char *text = field_text(f, &len);
      if (rw->kind == ROW_FEEL) {
        if (rw->persona >= 0 && felt[rw->persona]++) {
          cell_error(im, f, k, c, "a second feel for one persona in one column");
          ok = false;
          continue;
        }
        cjm_strbuf_printf(out, "%sfeel ", indent);
        double v;
        if (!put_number(im, out, f, k, c, false, &v)) {
          ok = false;
          continue;
        }
        if (v < *low) *low = v;
        if (v > *high) *high = v;
        const row *em = rw->emotion == SIZE_MAX ? NULL : &im->rows[rw->emotion];
        size_t at = em ? em->first + (k - rw->first) : 0;
        const cjm_csv_field *word = em && at < em->first + em->count ? field_at(im, at, c) : NULL;
        if (!field_empty(word)) {
          const char *w = field_text(word, &len);
          ok &= text_fits(im, word, at, c);
          cjm_strbuf_puts(out, " ");
          cjm_text_quote(out, w, len);
        }
        if (rw->name && several) cjm_strbuf_printf(out, " for %s", rw->name);
        cjm_strbuf_puts(out, "\n");
      } else if (rw->kind == ROW_METRIC) {
        cjm_strbuf_printf(out, "%smeasure %s ", indent, rw->name);
        double v;
        ok &= put_number(im, out, f, k, c, true, &v);
        cjm_strbuf_puts(out, "\n");
      } else {
        ok &= text_fits(im, f, k, c);
        /* "ID: text" is an entry written for persona ID, in a grid of several. */
        size_t skip;
        long p = marker(im, text, len, &skip);
        const char *persona = p >= 0 ? im->personas.items[p].id : NULL;
        if (persona) text += skip, len -= skip;
        cjm_strbuf_printf(out, "%s%s ", indent, rw->name);
        cjm_text_quote(out, text, len);
        if (persona) cjm_strbuf_printf(out, " for %s", persona);
        cjm_strbuf_puts(out, "\n");
      }
    }
    if (cjm_diags_full(im->diags)) {
      ok = false;
      break;
    }
  }
  free(felt);
  /* Emotion words with no feel above them. */
  for (size_t i = 0; i < im->row_count; i++) {
    const row *rw = &im->rows[i];
    if (rw->kind != ROW_FEEL || rw->emotion == SIZE_MAX) continue;
    const row *em = &im->rows[rw->emotion];
    for (size_t k = em->first; k < em->first + em->count; k++) {
      const cjm_csv_field *word = field_at(im, k, c);
      size_t above = rw->first + (k - em->first);
      if (field_empty(word)) continue;
      if (above >= rw->first + rw->count || field_empty(field_at(im, above, c))) {
        cell_error(im, word, k, c, "an emotion word with no feel score above it");
        ok = false;
      }
    }
  }
  return ok;
}

/* The channels of column c, as " via a, b" (each once). */
static void put_via(importer *im, cjm_strbuf *out, size_t c, const char *prefix) {
  size_t written = 0;
  size_t *seen = NULL, seen_count = 0, seen_capacity = 0;
  for (size_t i = 0; i < im->row_count; i++) {
    const row *rw = &im->rows[i];
    if (rw->kind != ROW_CHANNELS) continue;
    for (size_t k = rw->first; k < rw->first + rw->count; k++) {
      const cjm_csv_field *f = field_at(im, k, c);
      if (field_empty(f)) continue;
      size_t len;
      const char *label = field_text(f, &len);
      size_t ch = declare(&im->channels, label, len);
      bool dup = false;
      for (size_t j = 0; j < seen_count; j++) dup |= seen[j] == ch;
      if (dup) continue;
      *CJM_PUSH(seen, seen_count, seen_capacity) = ch;
      cjm_strbuf_printf(out, "%s%s", written++ ? ", " : prefix, im->channels.items[ch].id);
    }
  }
  free(seen);
}

/* The personas taking part in column c, as " by a, b": those with a feel
 * in it and those an entry names ("ID: text"), in declaration order. */
static void put_by(importer *im, cjm_strbuf *out, size_t c) {
  if (!im->personas.count) return;
  bool *in = cjm_xcalloc(im->personas.count, sizeof *in);
  for (size_t i = 0; i < im->row_count; i++) {
    const row *rw = &im->rows[i];
    if (rw->kind != ROW_FEEL && rw->kind != ROW_LANE) continue;
    for (size_t k = rw->first; k < rw->first + rw->count; k++) {
      const cjm_csv_field *f = field_at(im, k, c);
      if (field_empty(f)) continue;
      size_t len, skip;
      const char *text = field_text(f, &len);
      long p = rw->kind == ROW_FEEL ? rw->persona : marker(im, text, len, &skip);
      if (p >= 0) in[p] = true;
    }
  }
  size_t written = 0;
  for (size_t p = 0; p < im->personas.count; p++)
    if (in[p]) cjm_strbuf_printf(out, "%s%s", written++ ? ", " : " by ", im->personas.items[p].id);
  free(in);
}

/* The body of the journey: stages and steps, with their entries. The
 * declarations go before it once the channels are known. */
static bool put_stages(importer *im, cjm_strbuf *out, double *low, double *high) {
  bool ok = true;
  for (size_t s = 0; s < im->stage_count && !cjm_diags_full(im->diags); s++) {
    const stage *st = &im->stages[s];
    size_t len;
    const char *label = field_text(st->label, &len);
    ok &= text_fits(im, st->label, im->header, st->first);
    cjm_strbuf_printf(out, "\nstage %s ", st->id);
    cjm_text_quote(out, label, len);
    cjm_strbuf_puts(out, "\n");
    for (size_t c = st->first; c < st->first + st->count; c++) {
      const grid_column *col = &im->columns[c];
      if (col->own) {
        cjm_strbuf via = {0};
        put_via(im, &via, c, "  via ");
        if (via.len) cjm_strbuf_printf(out, "%s\n", via.data);
        cjm_strbuf_free(&via);
        ok &= put_entries(im, out, c, "  ", low, high);
        continue;
      }
      cjm_strbuf_printf(out, "  step %s ", col->id);
      label = col->action ? field_text(col->action, &len) : ""; /* no label: "", as the grid shows */
      if (!col->action) len = 0;
      cjm_text_quote(out, label, len);
      put_by(im, out, c);
      put_via(im, out, c, " via ");
      cjm_strbuf_puts(out, "\n");
      ok &= put_entries(im, out, c, "    ", low, high);
    }
  }
  return ok;
}

/* The emotion scale the scores fit: the default -2..2, else 1..MAX for
 * scores from 1, 0..MAX from 0, -M..M around zero. (Past the first test,
 * scores from 0 or 1 reach above 2.) */
static void put_scale(cjm_strbuf *out, double low, double high) {
  if (low > high || (low >= -2 && high <= 2)) return;
  double top = ceil(high), bottom = floor(low);
  if (bottom >= 1) cjm_strbuf_printf(out, "  scale 1..%.0f\n", top);
  else if (bottom >= 0) cjm_strbuf_printf(out, "  scale 0..%.0f\n", top);
  else {
    double m = fmax(-bottom, top);
    cjm_strbuf_printf(out, "  scale -%.0f..%.0f\n", m, m);
  }
}

/* Appends the canonical layout of the journey text to out, freeing text
 * first (only the formatter's copy is needed); false, after reporting at
 * the grid, in the unexpected case that it does not parse. */
static bool put_formatted(const cjm_source *src, cjm_diags *diags, const cjm_limits *limits, cjm_strbuf *text,
                          cjm_strbuf *out) {
  cjm_source *made = cjm_source_from_memory(src->path, text->data ? text->data : "", text->len);
  cjm_strbuf_free(text);
  cjm_diags *private = cjm_diags_new();
  bool ok = cjm_format_source(made, out, private, limits);
  if (!ok) {
    const cjm_diag *d = cjm_diags_count(private) ? cjm_diags_at(private, 0) : NULL;
    cjm_loc loc = cjm_loc_file(src);
    cjm_error(diags, "csv", &loc, "the journey made from this grid does not parse (a bug of cjm): %s",
              d ? d->message : "?");
  }
  cjm_diags_free(private);
  cjm_source_free(made);
  return ok;
}

/* Frees what the importer holds: the grid read, the rows, columns and
 * declarations. */
static void importer_free(importer *im) {
  free(im->columns);
  free(im->stages);
  free(im->rows);
  decls *all[] = {&im->personas, &im->channels, &im->lanes, &im->metrics};
  for (size_t i = 0; i < 4; i++) {
    free(all[i]->items);
    cjm_name_map_free(&all[i]->ids);
    cjm_name_map_free(&all[i]->by_label);
  }
  cjm_name_map_free(&im->stage_ids);
  cjm_name_map_free(&im->step_ids);
  cjm_csv_free(&im->csv);
  *im = (importer){.src = im->src, .diags = im->diags, .limits = im->limits};
}

bool cjm_csv_import(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags, const cjm_limits *limits) {
  importer im = {.src = src, .diags = diags, .limits = limits ? *limits : CJM_LIMITS_DEFAULT};
  size_t first = cjm_diags_count(diags);
  /* Each kind's word, and the name of a label without letters or digits
   * (and the prefix of one that starts with a digit): never reserved. */
  im.personas = (decls){.keyword = "persona", .fallback = "someone"};
  im.channels = (decls){.keyword = "channel", .fallback = "medium"};
  im.lanes = (decls){.keyword = "lane", .fallback = "row"};
  im.metrics = (decls){.keyword = "metric", .fallback = "kpi"};
  /* A declared lane may not take the identifier of a built-in one. */
  for (const cjm_table_heading *h = cjm_table_headings; h->label; h++)
    if (h->lane) cjm_name_map_put(&im.lanes.ids, h->lane, strlen(h->lane), 2);
  bool ok = cjm_csv_read(src, &im.csv, diags);
  im.decimal_comma = im.csv.separator != ',';
  ok = ok && read_shape(&im);
  if (ok) read_stages(&im);
  ok = ok && read_rows(&im);
  ok = ok && read_columns(&im);
  if (ok) {
    double low = INFINITY, high = -INFINITY;
    cjm_strbuf body = {0}, text = {0};
    ok = put_stages(&im, &body, &low, &high);
    const cjm_csv_field *title = field_at(&im, im.header, 0);
    size_t len;
    const char *words = field_text(title, &len);
    ok &= text_fits(&im, title, im.header, 0);
    cjm_strbuf_puts(&text, "journey ");
    cjm_text_quote(&text, words, len);
    cjm_strbuf_puts(&text, "\n");
    put_scale(&text, low, high);
    put_decls(&text, &im.personas);
    put_decls(&text, &im.channels);
    put_decls(&text, &im.lanes);
    put_decls(&text, &im.metrics);
    if (body.len) cjm_strbuf_write(&text, body.data, body.len);
    cjm_strbuf_free(&body);
    importer_free(&im); /* the grid is not needed to lay the text out */
    if (ok) ok = put_formatted(src, diags, &im.limits, &text, out);
    cjm_strbuf_free(&text);
  }
  importer_free(&im);
  cjm_diags_sort(diags, first, &src, 1); /* column by column found: by place read */
  return ok;
}
