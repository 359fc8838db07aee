/* map_cards — the top of the map: the header (a status pill, the
 * journey's title, its goal, its other attributes and scale on one line,
 * with a diff the key to its marks, then the journey-level measures as a
 * row of cards) and the persona cards (name, kind, attributes, quote, and
 * from the analysis the persona's mean feel and its lowest and highest
 * moments). Part of map_layout (see map_layout_build.h).
 *
 * Everything here is a block of text wrapped to its width and stacked
 * downwards; with a diff's marks, the header's texts carry what changed
 * in them, and the personas of the old journey that the new one lost get
 * a card after the others with only their name and kind. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/strbuf.h"
#include "runtime/render/graphviz/map_layout_build.h"
#include "runtime/core/words.h"

/* The separator between the attributes on the header's line. */
#define META_SEPARATOR "   \xC2\xB7   "

/* ---- text ------------------------------------------------------------------- */

/* Adds a block of text at (x, y) wrapped to width; returns its height. */
static double add_marked_text(map_builder *b, cjm_map_text_kind kind, cjm_mark mark, const char *text, double size,
                              bool bold, double x, double y, double width) {
  cjm_map_text *t = PUSH(b, texts, text);
  t->kind = kind;
  t->mark = mark;
  t->line_count = wrap(b, text, size, bold, width, &t->first_line);
  double h = cjm_text_block_height(&b->L->lines, t->first_line, t->line_count, size);
  t->rect = (cjm_map_rect){x, y, width, h};
  return h;
}

/* The same for a text no diff marks. */
static double add_text(map_builder *b, cjm_map_text_kind kind, const char *text, double size, bool bold, double x,
                       double y, double width) {
  return add_marked_text(b, kind, CJM_MARK_NONE, text, size, bold, x, y, width);
}

/* The attribute keys the reference names, as headings in the catalogue
 * (words.h); any other key is shown as written. */
static const char *const known_keys[] = {
    CJM_N_("Goal"), CJM_N_("Owner"), CJM_N_("Role"), CJM_N_("Need"), CJM_N_("Fear"),
    CJM_N_("Motive"), CJM_N_("Quote"), CJM_N_("Segment"),
};

/* An attribute's key as a heading: "lead_time" becomes "Lead time"; a key
 * the reference names in the journey's language. */
static const char *capitalised(map_builder *b, const char *key) {
  char *s = cjm_arena_strndup(b->L->arena, key, strlen(key));
  if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 'a' + 'A');
  for (char *p = s; *p; p++)
    if (*p == '_') *p = ' ';
  for (size_t i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++)
    if (strcmp(s, known_keys[i]) == 0) return cjm_tr(known_keys[i]);
  return s;
}

/* The value of the attribute key among attrs[0..count), or NULL. */
static const char *attr(const cjm_attr *attrs, size_t count, const char *key) {
  for (size_t i = 0; i < count; i++)
    if (strcmp(attrs[i].key, key) == 0) return attrs[i].value;
  return NULL;
}

/* ---- the header ----------------------------------------------------------------- */

/* The other attributes and the scale on one line ("Owner: Ana · Emotion
 * scale −2 to +2"), and with --persona whom the map shows. */
static const char *meta_line(map_builder *b) {
  const cjm_map_layout *L = b->L;
  const cjm_journey *j = &L->model->journey;
  cjm_strbuf meta = {0};
  for (size_t i = 0; i < j->attr_count; i++) {
    if (strcmp(j->attrs[i].key, "goal") == 0 || strcmp(j->attrs[i].key, "lang") == 0) continue;
    cjm_strbuf_printf(&meta, "%s%s: %s", meta.len ? META_SEPARATOR : "", capitalised(b, j->attrs[i].key),
                      j->attrs[i].value);
  }
  char lo[SCORE_TEXT], hi[SCORE_TEXT];
  format_score(b, lo, sizeof lo, L->scale.min);
  format_score(b, hi, sizeof hi, L->scale.max);
  cjm_strbuf_puts(&meta, meta.len ? META_SEPARATOR : "");
  cjm_strbuf_printf(&meta, cjm_tr("Emotion scale %s to %s"), lo, hi);
  if (L->only) {
    cjm_strbuf_puts(&meta, META_SEPARATOR);
    cjm_strbuf_printf(&meta, cjm_tr("Showing only %s"), cjm_map_label(&L->only->decl));
  }
  const char *text = cjm_arena_strndup(L->arena, meta.data, meta.len);
  cjm_strbuf_free(&meta);
  return text;
}

/* The journey-level measures at (x, y), as cards in rows at most w wide:
 * cells outside the grid; then those removed. Returns the y below them. */
static double place_measures(map_builder *b, double x, double y, double w) {
  cjm_map_layout *L = b->L;
  const cjm_journey *j = &L->model->journey;
  size_t removed_count;
  const cjm_removed *removed = removed_from(b, NULL, &removed_count);
  if (!(j->measure_count + removed_count)) return y;
  y += MEASURE_CARD_GAP;
  double cx = x, row_h = 0;
  size_t row_first = L->cell_count;
  for (size_t i = 0; i < j->measure_count + removed_count; i++) {
    bool gone = i >= j->measure_count;
    const cjm_measure *ms = gone ? removed[i - j->measure_count].measure : &j->measures[i];
    if (cx + MEASURE_CARD_WIDTH > x + w && cx > x) {
      cx = x;
      y += row_h + MEASURE_CARD_GAP;
      row_h = 0;
      row_first = L->cell_count;
    }
    cjm_map_cell *cell = PUSH(b, cells, cell);
    double text_width = MEASURE_CARD_WIDTH - 2 * CJM_MAP_ITEM_GAP - 2 * CJM_MAP_ITEM_PAD;
    *cell = (cjm_map_cell){.row = SIZE_MAX, .first_item = L->item_count, .item_count = 1, .text_width = text_width};
    cjm_map_item *item = PUSH(b, items, item);
    *item = (cjm_map_item){.kind = CJM_MAP_ITEM_MEASURE, .measure = ms,
                           .result = cjm_metric_judge(ms->metric, ms->value),
                           .mark = gone ? CJM_MARK_REMOVED : cjm_map_measure_mark(b, ms)};
    cjm_map_shape_item(b, item, cjm_map_label(&ms->metric->decl), text_width);
    cell = &L->cells[L->cell_count - 1];
    double h = item->height + 2 * CJM_MAP_ITEM_GAP;
    cell->rect = (cjm_map_rect){cx, y, MEASURE_CARD_WIDTH, h};
    if (h > row_h) row_h = h;
    for (size_t k = row_first; k < L->cell_count; k++) L->cells[k].rect.h = row_h;
    cx += MEASURE_CARD_WIDTH + MEASURE_CARD_GAP;
  }
  return y + row_h;
}

/* The header: status, title, goal, the other attributes, the key to a
 * diff's marks, the journey-level measures; returns the y below it. */
double cjm_map_place_header(map_builder *b, double y) {
  cjm_map_layout *L = b->L;
  const cjm_journey *j = &L->model->journey;
  double x = MARGIN, w = fmin(L->width - 2 * MARGIN, CJM_MAP_TEXT_MAX_WIDTH);
  double top = y;
  cjm_header_marks marks = {0};
  if (b->marks) marks = cjm_map_marks_header(b->marks);
  if (j->status != CJM_STATUS_UNSET) {
    L->status = j->status == CJM_STATUS_AS_IS ? cjm_tr("AS-IS") : cjm_tr("TO-BE");
    L->status_mark = marks.status;
    double pw = cjm_text_width(L->status, strlen(L->status), CJM_MAP_FONT_SMALL, true) + STATUS_PAD;
    L->status_rect = (cjm_map_rect){x, y, pw, STATUS_HEIGHT};
    y += STATUS_HEIGHT + STATUS_GAP;
  }
  const char *title = cjm_map_title(L->model, cjm_tr("Journey map"));
  y += add_marked_text(b, CJM_MAP_TEXT_TITLE, marks.title, title, CJM_MAP_FONT_TITLE, true, x, y, w) + TITLE_GAP;
  const char *goal = attr(j->attrs, j->attr_count, "goal");
  if (goal)
    y += add_marked_text(b, CJM_MAP_TEXT_GOAL, marks.goal, goal, CJM_MAP_FONT_GOAL, false, x, y, w) + TITLE_GAP;
  y += add_marked_text(b, CJM_MAP_TEXT_META, marks.meta, meta_line(b), CJM_MAP_FONT_META, false, x, y, w) + META_GAP;
  if (b->marks) y = cjm_map_place_change_keys(b, y + CHANGE_KEYS_ABOVE) + CHANGE_KEYS_BELOW;
  y = place_measures(b, x, y, w);
  L->header = (cjm_map_rect){x, top, w, y - top};
  return y;
}

/* ---- the persona cards -------------------------------------------------------------- */

/* "Lowest: Month-end closing runs late again (−2, exhausted)" */
static const char *moment_text(map_builder *b, const char *what, const cjm_moment_ref *ref) {
  char score[SCORE_TEXT];
  format_score(b, score, sizeof score, ref->feel->score);
  const char *where = ref->step ? cjm_map_label(&ref->step->decl) : cjm_map_label(&ref->stage->decl);
  if (ref->feel->word)
    return cjm_arena_printf(b->L->arena, cjm_tr("%s: %s (%s, %s)"), what, where, score, ref->feel->word);
  return cjm_arena_printf(b->L->arena, cjm_tr("%s: %s (%s)"), what, where, score);
}

/* One card's texts at (x, y), width wide; returns its height. */
static double fill_card(map_builder *b, cjm_map_card *card, double x, double y, double width) {
  const cjm_persona *p = card->persona;
  double w = width - 2 * CARD_PAD, cx = x + CARD_PAD, cy = y + CARD_PAD + CARD_STRIP;
  card->first_text = b->L->text_count;
  cy += add_text(b, CJM_MAP_TEXT_CARD_NAME, cjm_map_label(&p->decl), CJM_MAP_FONT_CARD_NAME, true, cx, cy, w) +
        CARD_NAME_GAP;
  cy += add_text(b, CJM_MAP_TEXT_CARD_KIND, p->kind == CJM_COMPANY ? cjm_tr("COMPANY") : cjm_tr("PERSON"), CJM_MAP_FONT_SMALL, true,
                 cx, cy, w) + CARD_SECTION_GAP;
  if (card->mark == CJM_MARK_REMOVED) { /* of the old journey: its name is what matters */
    card->text_count = b->L->text_count - card->first_text;
    return cy - y + CARD_PAD;
  }
  for (size_t i = 0; i < p->attr_count; i++) {
    const cjm_attr *a = &p->attrs[i];
    if (strcmp(a->key, "quote") == 0) {
      const char *q = cjm_arena_printf(b->L->arena, "\xE2\x80\x9C%s\xE2\x80\x9D", a->value); /* “…” */
      cy += add_text(b, CJM_MAP_TEXT_CARD_QUOTE, q, CJM_MAP_FONT_BODY, false, cx, cy, w) + CARD_SECTION_GAP;
      continue;
    }
    cy += add_text(b, CJM_MAP_TEXT_CARD_KEY, capitalised(b, a->key), CJM_MAP_FONT_SMALL, true, cx, cy, w);
    cy += add_text(b, CJM_MAP_TEXT_CARD_VALUE, a->value, CJM_MAP_FONT_BODY, false, cx, cy, w) + CARD_ATTR_GAP;
  }
  const cjm_persona_analysis *pa = &b->analysis->personas[p->decl.index];
  if (pa->feel.count) {
    char mean[SCORE_TEXT];
    format_score(b, mean, sizeof mean, cjm_mean_value(&pa->feel));
    cy += CARD_MOMENTS_GAP;
    cy += add_text(b, CJM_MAP_TEXT_CARD_MOMENT,
                   cjm_arena_printf(b->L->arena,
                                    cjm_ntr("Mean feel %s over %zu moment", "Mean feel %s over %zu moments",
                                            pa->feel.count),
                                    mean, pa->feel.count),
                   CJM_MAP_FONT_SMALL, false, cx, cy, w);
    if (pa->lowest.feel)
      cy += add_text(b, CJM_MAP_TEXT_CARD_MOMENT, moment_text(b, cjm_tr("Lowest"), &pa->lowest), CJM_MAP_FONT_SMALL, false,
                     cx, cy, w);
    if (pa->highest.feel && pa->highest.feel != pa->lowest.feel)
      cy += add_text(b, CJM_MAP_TEXT_CARD_MOMENT, moment_text(b, cjm_tr("Highest"), &pa->highest), CJM_MAP_FONT_SMALL,
                     false, cx, cy, w);
  }
  card->text_count = b->L->text_count - card->first_text;
  return cy - y + CARD_PAD;
}

/* The persona cards in rows from y, then with a diff's marks the removed
 * personas; returns the y below them. */
double cjm_map_place_cards(map_builder *b, double y) {
  cjm_map_layout *L = b->L;
  const cjm_model *model = L->model;
  double x0 = MARGIN, right = L->width - MARGIN;
  double x = x0, row_h = 0;
  size_t gone_count = 0; /* then the removed personas */
  const cjm_persona *const *gone = b->marks && !L->only ? cjm_map_marks_removed_personas(b->marks, &gone_count) : NULL;
  /* one row of cards when they fit, wider (up to CARD_MAX_WIDTH) when the map has room */
  size_t n = L->only ? 1 : model->persona_count + gone_count;
  double width = CARD_WIDTH;
  if (n && (double)n * (CARD_WIDTH + CARD_GAP) - CARD_GAP <= right - x0)
    width = fmin(CARD_MAX_WIDTH, (right - x0 - (double)(n - 1) * CARD_GAP) / (double)n);
  for (size_t i = 0; i < model->persona_count + gone_count; i++) {
    const cjm_persona *p = i < model->persona_count ? model->personas[i] : gone[i - model->persona_count];
    if (L->only && p != L->only) continue;
    if (x + width > right && x > x0) { /* each card as tall as its text */
      y += row_h + CARD_GAP;
      x = x0;
      row_h = 0;
    }
    cjm_map_card *card = PUSH(b, cards, card);
    card->persona = p;
    card->colour = p->decl.index;
    card->mark = i < model->persona_count ? mark_of(b, p) : CJM_MARK_REMOVED;
    double h = fill_card(b, card, x, y, width);
    card->rect = (cjm_map_rect){x, y, width, h};
    if (h > row_h) row_h = h;
    x += width + CARD_GAP;
  }
  return L->card_count ? y + row_h : y;
}
