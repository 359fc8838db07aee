/* diff_text — a diff as text and as Markdown (see diff_output.h). Both
 * print the same tree: the journey's settings, then personas, channels,
 * lanes and metrics, then stages with their steps, each thing on a line
 * and its changed details under it; then the experience summary. They
 * differ in how a line is marked and how user text is quoted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/review/diff_output.h"
#include "runtime/base/md_text.h"

/* How lines are written. */
typedef struct style {
  cjm_strbuf *out;
  bool md;                       /* Markdown, else text */
  bool color;                    /* text: ANSI colours */
  bool signed_scale;             /* means print with '+' */
  bool rescaled;                 /* the scale changed: shifts and old means are on the new one */
} style;

static const char *const GREEN = "\033[32m", *const RED = "\033[31m", *const YELLOW = "\033[33m",
                         *const CYAN = "\033[36m", *const BOLD = "\033[1m", *const RESET = "\033[0m";

static void put(const style *s, const char *text) { cjm_strbuf_puts(s->out, text); }

static void put_color(const style *s, const char *code) {
  if (s->color && code) put(s, code);
}

/* ---- values ---------------------------------------------------------------------------- */

/* A number as %.*g would write it; '+' before a positive one when sign. */
static void put_number(const style *s, double v, bool sign, int digits) {
  char buf[64];
  if (v > -5e-13 && v < 5e-13) v = 0; /* no "-0" */
  snprintf(buf, sizeof buf, "%s%.*g", sign && v > 0 ? "+" : "", digits, v);
  put(s, buf);
}

/* A mean: at most two decimals, trailing zeros dropped. */
static void put_mean_signed(const style *s, double v, bool sign) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.2f", v);
  char *dot = strchr(buf, '.');
  if (dot) {
    char *end = buf + strlen(buf);
    while (end > dot + 1 && end[-1] == '0') *--end = '\0';
    if (end == dot + 1) *dot = '\0';
  }
  if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
  if (sign && buf[0] != '-' && strcmp(buf, "0") != 0) put(s, "+");
  put(s, buf);
}

static void put_mean(const style *s, double v) { put_mean_signed(s, v, s->signed_scale); }

/* A shift on a new scale: two decimals at most, always signed. */
static void put_signed_mean(const style *s, double v) { put_mean_signed(s, v, true); }


/* User text in double quotes: escaped as cjm writes strings (text), or
 * for Markdown. */
static void put_quoted(const style *s, const char *text) {
  put(s, "\"");
  if (s->md) {
    cjm_md_escape_str(s->out, text);
  } else {
    for (const char *p = text; *p; p++) {
      unsigned char c = (unsigned char)*p;
      if (c == '"') put(s, "\\\"");
      else if (c == '\\') put(s, "\\\\");
      else if (c == '\n') put(s, "\\n");
      else if (c == '\t') put(s, "\\t");
      else if (c < 0x20 || c == 0x7F) cjm_strbuf_printf(s->out, "\\u{%X}", c);
      else cjm_strbuf_write(s->out, p, 1);
    }
  }
  put(s, "\"");
}

/* An identifier: as is, or as Markdown code. */
static void put_id(const style *s, const char *id) {
  if (s->md) put(s, "`");
  put(s, id);
  if (s->md) put(s, "`");
}

/* ---- one detail ----------------------------------------------------------------------------- */

static const char *result_word(cjm_target_result r) {
  return r == CJM_TARGET_MET ? "met" : r == CJM_TARGET_MISSED ? "missed" : NULL;
}

/* One side of a detail. */
static void put_side(const style *s, const cjm_diff_detail *d, const cjm_diff_value *v) {
  switch (d->kind) {
  case CJM_DETAIL_TITLE:
  case CJM_DETAIL_UNIT:
  case CJM_DETAIL_ATTR:
  case CJM_DETAIL_LANE:
    put_quoted(s, v->text ? v->text : "");
    break;
  case CJM_DETAIL_STATUS:
  case CJM_DETAIL_KIND:
  case CJM_DETAIL_BETTER:
    put(s, v->text ? v->text : "(none)");
    break;
  case CJM_DETAIL_SCALE:
    put_number(s, v->num, false, 10);
    put(s, "..");
    put_number(s, v->num2, false, 10);
    break;
  case CJM_DETAIL_TARGET:
    put_number(s, v->num, false, 10);
    break;
  case CJM_DETAIL_FEEL:
    put_number(s, v->num, v->signed_scale, 10); /* as its own journey writes it */
    if (v->text) {
      put(s, " ");
      put_quoted(s, v->text);
    }
    break;
  case CJM_DETAIL_MEASURE:
    put_number(s, v->num, false, 10);
    if (v->percent) put(s, "%");
    break;
  case CJM_DETAIL_BY:
  case CJM_DETAIL_VIA:
  case CJM_DETAIL_NEXT:
    break;
  }
}

/* What a detail is about: "goal", "feel mia", "measure cvr". */
static void put_subject(const style *s, const cjm_diff_detail *d) {
  static const char *const words[] = {
      [CJM_DETAIL_TITLE] = "title",   [CJM_DETAIL_STATUS] = "status", [CJM_DETAIL_SCALE] = "scale",
      [CJM_DETAIL_KIND] = "kind",     [CJM_DETAIL_UNIT] = "unit",     [CJM_DETAIL_TARGET] = "target",
      [CJM_DETAIL_BETTER] = "better", [CJM_DETAIL_BY] = "by",         [CJM_DETAIL_VIA] = "via",
      [CJM_DETAIL_NEXT] = "next",     [CJM_DETAIL_FEEL] = "feel",     [CJM_DETAIL_MEASURE] = "measure",
  };
  if (d->kind == CJM_DETAIL_ATTR || d->kind == CJM_DETAIL_LANE) {
    put(s, d->key);
    return;
  }
  put(s, words[d->kind]);
  if (d->key) {
    put(s, " ");
    put_id(s, d->key);
  }
}

/* A detail without its mark: subject, then old → new or the one side. */
static void put_detail(const style *s, const cjm_diff_detail *d) {
  put_subject(s, d);
  bool has_side = d->kind != CJM_DETAIL_BY && d->kind != CJM_DETAIL_VIA && d->kind != CJM_DETAIL_NEXT;
  if (has_side) {
    put(s, " ");
    bool same_value = d->kind == CJM_DETAIL_MEASURE && d->old.num == d->new.num && d->old.percent == d->new.percent;
    if (d->op == CJM_DIFF_CHANGED && !same_value) {
      put_side(s, d, &d->old);
      put(s, " → ");
      put_side(s, d, &d->new);
    } else {
      put_side(s, d, d->op == CJM_DIFF_REMOVED ? &d->old : &d->new);
    }
  }
  if (d->kind == CJM_DETAIL_LANE && d->persona) {
    put(s, " for ");
    put_id(s, d->persona);
  }
  if (d->kind == CJM_DETAIL_FEEL && d->op == CJM_DIFF_CHANGED && d->shift != 0) {
    put(s, " (");
    if (s->rescaled) {
      put_signed_mean(s, d->shift);
      put(s, " on the new scale, where ");
      put_number(s, d->old.num, d->old.signed_scale, 10);
      put(s, " reads ");
      put_mean_signed(s, d->new.num - d->shift, d->new.signed_scale);
    } else {
      put_number(s, d->shift, true, 10);
    }
    put(s, ")");
  }
  if (d->kind == CJM_DETAIL_SCALE && d->op == CJM_DIFF_CHANGED)
    put(s, " (old feels read on the new scale)");
  if (d->kind == CJM_DETAIL_MEASURE && d->has_target) {
    put(s, " (target ");
    put_number(s, d->target, false, 10);
    const char *was = d->op == CJM_DIFF_CHANGED ? result_word(d->old.result) : NULL;
    const char *now = result_word(d->op == CJM_DIFF_REMOVED ? d->old.result : d->new.result);
    if (now) {
      put(s, ": ");
      if (was && strcmp(was, now) != 0) {
        put(s, was);
        put(s, " → ");
      }
      put(s, now);
    }
    put(s, ")");
  }
}

/* ---- marks --------------------------------------------------------------------------------- */

/* What happened to a thing, as shown: a changed thing whose only change
 * is its place shows as moved. */
typedef enum shown { SHOWN_SAME, SHOWN_ADDED, SHOWN_REMOVED, SHOWN_CHANGED, SHOWN_MOVED } shown;

static shown shown_as(const cjm_diff_entity *e) {
  switch (e->op) {
  case CJM_DIFF_SAME: return SHOWN_SAME;
  case CJM_DIFF_ADDED: return SHOWN_ADDED;
  case CJM_DIFF_REMOVED: return SHOWN_REMOVED;
  case CJM_DIFF_CHANGED: break;
  }
  return cjm_diff_entity_changed(e) || !e->moved ? SHOWN_CHANGED : SHOWN_MOVED;
}

static const char *shown_color(shown k) {
  const char *const colors[] = {NULL, GREEN, RED, YELLOW, CYAN};
  return colors[k];
}

/* The mark of a line: "+ " in text, "**added** " in Markdown. */
static void put_mark(const style *s, shown k, bool strong) {
  static const char *const marks[] = {"  ", "+ ", "- ", "~ ", "> "};
  static const char *const words[] = {"", "added ", "removed ", "", "moved "};
  static const char *const strong_words[] = {"", "**added** ", "**removed** ", "**changed** ", "**moved** "};
  if (!s->md) put(s, marks[k]);
  else put(s, strong ? strong_words[k] : words[k]);
}

static void put_indent(const style *s, int level) {
  for (int i = 0; i < level; i++) put(s, s->md ? "  " : "  ");
  if (s->md) put(s, "- ");
}

/* The line of a thing: mark, kind, id, label, and how it moved. */
static void put_entity_line(const style *s, const cjm_diff_entity *e, int level) {
  shown k = shown_as(e);
  put_indent(s, level);
  put_color(s, shown_color(k));
  put_mark(s, k, true);
  put(s, cjm_diff_kind_word(e->kind));
  if (e->id) {
    put(s, " ");
    put_id(s, e->id);
  }
  const char *label = e->op == CJM_DIFF_REMOVED ? e->old_label : e->new_label ? e->new_label : e->old_label;
  if (label && (!e->id || strcmp(label, e->id) != 0 || e->label_changed)) {
    put(s, " ");
    put_quoted(s, label);
  }
  if (e->label_changed) {
    put(s, " (was ");
    put_quoted(s, e->old_label);
  }
  if (e->moved) {
    put(s, e->label_changed ? "; " : " (");
    /* Markdown says **moved** already. */
    if (!s->md || k != SHOWN_MOVED) put(s, "moved ");
    if (e->old_stage) {
      put(s, "from stage ");
      put_id(s, e->old_stage);
    } else if (e->after) {
      put(s, "after ");
      put_id(s, e->after);
    } else {
      put(s, e->kind == CJM_DIFF_STEP ? "to the start of its stage" : "to the start");
    }
  }
  if (e->label_changed || e->moved) put(s, ")");
  put_color(s, s->color ? RESET : NULL);
  put(s, "\n");
}

static void put_details(const style *s, const cjm_diff_entity *e, int level) {
  for (size_t i = 0; i < e->detail_count; i++) {
    const cjm_diff_detail *d = &e->details[i];
    shown k = d->op == CJM_DIFF_ADDED ? SHOWN_ADDED : d->op == CJM_DIFF_REMOVED ? SHOWN_REMOVED : SHOWN_CHANGED;
    put_indent(s, level);
    put_color(s, shown_color(k));
    put_mark(s, k, false);
    put_detail(s, d);
    put_color(s, s->color ? RESET : NULL);
    put(s, "\n");
  }
}

/* The whole tree: settings, declarations, stages and steps. Text indents
 * details by two levels under their thing, steps by one under their stage. */
static void put_tree(const style *s, const cjm_diff *diff) {
  int deeper = s->md ? 1 : 2;
  if (diff->journey) {
    put_entity_line(s, diff->journey, 0);
    put_details(s, diff->journey, deeper);
  }
  for (size_t i = 0; i < diff->thing_count; i++) {
    put_entity_line(s, diff->things[i], 0);
    put_details(s, diff->things[i], deeper);
  }
  for (size_t i = 0; i < diff->stage_count; i++) {
    const cjm_diff_stage *st = &diff->stages[i];
    put_entity_line(s, st->entity, 0);
    put_details(s, st->entity, deeper);
    for (size_t k = 0; k < st->step_count; k++) {
      put_entity_line(s, st->steps[k], 1);
      put_details(s, st->steps[k], 1 + deeper);
    }
  }
}

/* ---- the experience summary ------------------------------------------------------------------ */

/* Whether two means are equal (an old one read on a new scale may be off
 * by a rounding error). */
static bool same_mean(double a, double b) { return a - b < 1e-9 && b - a < 1e-9; }

/* One cell: "old → new", or the value when it did not change; "–" for
 * no feel. */
static void put_cell(const style *s, const cjm_diff_mean *m) {
  bool changed = m->old_has != m->new_has || (m->old_has && !same_mean(m->old_value, m->new_value));
  if (!changed) {
    if (m->new_has) put_mean(s, m->new_value);
    else put(s, "–");
    return;
  }
  if (m->old_has) put_mean(s, m->old_value);
  else put(s, "–");
  put(s, " → ");
  if (m->new_has) put_mean(s, m->new_value);
  else put(s, "–");
}

/* The colour of a cell: better green, worse red. */
static const char *cell_color(const cjm_diff_mean *m) {
  if (!m->old_has || !m->new_has || same_mean(m->old_value, m->new_value)) return NULL;
  return m->new_value > m->old_value ? GREEN : RED;
}

/* The cell (column c of row r) as a string, the way put_cell writes it. */
static char *cell_text(const style *s, const cjm_diff *diff, size_t r, size_t c) {
  cjm_strbuf buf = {0};
  style plain = *s;
  plain.out = &buf;
  plain.color = false;
  const cjm_diff_feel_row *row = &diff->rows[r];
  if (c == 0) cjm_strbuf_puts(&buf, row->stage ? row->stage : "overall");
  else put_cell(&plain, c == 1 && !diff->personas_only ? &row->all : &row->personas[c - 1 - !diff->personas_only]);
  char *text = buf.data ? buf.data : cjm_xstrdup("");
  return text;
}

static void put_summary_text(const style *s, const cjm_diff *diff) {
  size_t cols = 1 + !diff->personas_only + diff->persona_count;
  size_t rows = diff->row_count;
  char **cells = cjm_xcalloc((rows + 1) * cols, sizeof *cells);
  size_t *width = cjm_xcalloc(cols, sizeof *width);
  for (size_t c = 0; c < cols; c++) {
    const char *head = c == 0 ? "stage" : c == 1 && !diff->personas_only ? "all"
                                                                        : diff->personas[c - 1 - !diff->personas_only];
    cells[c] = cjm_xstrdup(head);
  }
  for (size_t r = 0; r < rows; r++)
    for (size_t c = 0; c < cols; c++) cells[(r + 1) * cols + c] = cell_text(s, diff, r, c);
  for (size_t i = 0; i < (rows + 1) * cols; i++) {
    size_t w = cjm_utf8_width(cells[i], strlen(cells[i]));
    if (w > width[i % cols]) width[i % cols] = w;
  }
  put_color(s, BOLD);
  put(s, "experience: mean feel, old → new");
  if (s->rescaled) put(s, " (old on the new scale)");
  put_color(s, s->color ? RESET : NULL);
  put(s, "\n");
  for (size_t r = 0; r <= rows; r++) {
    put(s, " ");
    for (size_t c = 0; c < cols; c++) {
      const char *text = cells[r * cols + c];
      const cjm_diff_feel_row *row = r ? &diff->rows[r - 1] : NULL;
      const cjm_diff_mean *m = !row || c == 0 ? NULL
                               : c == 1 && !diff->personas_only ? &row->all
                                                                : &row->personas[c - 1 - !diff->personas_only];
      const char *color = r == 0 ? BOLD : m ? cell_color(m) : NULL;
      put(s, " ");
      put_color(s, color);
      put(s, text);
      put_color(s, s->color && color ? RESET : NULL);
      if (c + 1 < cols)
        for (size_t pad = cjm_utf8_width(text, strlen(text)); pad < width[c] + 1; pad++) put(s, " ");
    }
    put(s, "\n");
  }
  for (size_t i = 0; i < (rows + 1) * cols; i++) free(cells[i]);
  free(cells);
  free(width);
}

static void put_summary_md(const style *s, const cjm_diff *diff) {
  put(s, "\n#### Experience: mean feel, old → new");
  if (s->rescaled) put(s, " (old on the new scale)");
  put(s, "\n\n| stage |");
  if (!diff->personas_only) put(s, " all |");
  for (size_t p = 0; p < diff->persona_count; p++) {
    put(s, " ");
    put_id(s, diff->personas[p]);
    put(s, " |");
  }
  put(s, "\n| --- |");
  for (size_t c = !diff->personas_only; c > 0; c--) put(s, " ---: |");
  for (size_t p = 0; p < diff->persona_count; p++) put(s, " ---: |");
  put(s, "\n");
  for (size_t r = 0; r < diff->row_count; r++) {
    const cjm_diff_feel_row *row = &diff->rows[r];
    put(s, "| ");
    if (row->stage) {
      cjm_md_escape_str(s->out, row->label);
      put(s, " (");
      put_id(s, row->stage);
      put(s, ")");
    } else {
      put(s, "**overall**");
    }
    put(s, " |");
    if (!diff->personas_only) {
      put(s, " ");
      put_cell(s, &row->all);
      put(s, " |");
    }
    for (size_t p = 0; p < diff->persona_count; p++) {
      put(s, " ");
      put_cell(s, &row->personas[p]);
      put(s, " |");
    }
    put(s, "\n");
  }
}

/* ---- the two printers ------------------------------------------------------------------------- */

void cjm_diff_write_text(const cjm_diff *diff, const cjm_diff_print_options *options, cjm_strbuf *out) {
  style s = {.out = out, .color = options->color, .signed_scale = diff->signed_scale, .rescaled = diff->rescaled};
  if (options->header) {
    put_color(&s, BOLD);
    put(&s, "--- ");
    put(&s, diff->old_name);
    put(&s, "\n+++ ");
    put(&s, diff->new_name);
    put_color(&s, s.color ? RESET : NULL);
    put(&s, "\n");
    if (cjm_diff_identical(diff)) put(&s, "  no change in meaning (layout and comments only)\n");
  }
  put_tree(&s, diff);
  if (diff->row_count) put_summary_text(&s, diff);
}

void cjm_diff_write_entity_text(const cjm_diff_entity *entity, bool signed_scale, cjm_strbuf *out) {
  style s = {.out = out, .signed_scale = signed_scale};
  put_entity_line(&s, entity, 0);
  put_details(&s, entity, 2);
}

void cjm_diff_write_md(const cjm_diff *diff, const cjm_diff_print_options *options, cjm_strbuf *out) {
  style s = {.out = out, .md = true, .signed_scale = diff->signed_scale, .rescaled = diff->rescaled};
  put(&s, "### Journey changes\n\n");
  if (options->header) {
    put(&s, "`");
    put(&s, diff->old_name);
    put(&s, "` → `");
    put(&s, diff->new_name);
    put(&s, "`\n\n");
  }
  if (cjm_diff_identical(diff)) {
    put(&s, "No change in meaning.\n");
    return;
  }
  /* A thing moved and changed counts in both. */
  cjm_diff_counts c = cjm_diff_count(diff);
  const size_t counts[] = {c.added, c.removed, c.changed, c.moved};
  static const char *const names[] = {"added", "removed", "changed", "moved"};
  bool first = true;
  for (size_t k = 0; k < 4; k++) {
    if (!counts[k]) continue;
    cjm_strbuf_printf(out, "%s%zu %s", first ? "" : ", ", counts[k], names[k]);
    first = false;
  }
  if (!first) put(&s, "\n\n");
  put_tree(&s, diff);
  if (diff->row_count) put_summary_md(&s, diff);
}
