/* graphviz_map — see graphviz_map.h.
 *
 * Drawing order (outputorder=edgesfirst): the row bands as clusters,
 * and the tints of added and removed columns over them; then every line
 * and curve; then the cards and texts in the order they are made:
 * header, persona cards, stage headings, row headings, cells, the
 * curve's points and words (graphviz_curve), the blueprint lines' names,
 * the legend.
 *
 * A diff's marks change styles only where a mark is set, so that the
 * map without marks is drawn exactly as before: a coloured border (2
 * points, the layout made room for it) on added and changed things, a
 * dashed red border, a pale red background and struck-through red text
 * on removed ones; classes name the marks ("step added", "cell
 * removed"), and tooltips say what changed as `cjm diff` prints it. */
#include "runtime/render/graphviz/map.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/render/graphviz/escape.h"
#include "runtime/render/graphviz/curve.h"
#include "runtime/render/graphviz/style.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

/* ---- look ------------------------------------------------------------------ */

/* The colours of the map are its canvas's theme (style.h): c->theme. */

/* The tint of an entry card in a lane. */
static const char *lane_tint(const cjm_gv_theme *theme, const cjm_lane *lane) {
  return cjm_gv_theme_lane_tint(theme, lane ? lane->decl.id : NULL);
}

/* The stronger tint of a row's heading. */
static const char *heading_tint(const cjm_gv_theme *theme, const cjm_map_row *row) {
  switch (row->kind) {
  case CJM_MAP_ROW_ACTIONS: return theme->actions_heading;
  case CJM_MAP_ROW_CHANNELS: return theme->channels_heading;
  case CJM_MAP_ROW_CURVE: return theme->curve_heading;
  case CJM_MAP_ROW_METRICS: return theme->metrics_heading;
  case CJM_MAP_ROW_LANE: break;
  }
  return cjm_gv_theme_heading_tint(theme, row->lane->decl.id);
}

/* ---- a diff's marks ------------------------------------------------------------ */

/* Appends " WORD" for mark to a class list. */
static void add_class(cjm_strbuf *o, cjm_mark mark) {
  if (mark != CJM_MARK_NONE) cjm_strbuf_printf(o, " %s", cjm_mark_word(mark));
}

/* Sets the class of n: base, then its marks' words ("step changed added"). */
static void set_class(cjm_gv_canvas *c, Agnode_t *n, const char *base, const cjm_mark *marks, size_t count) {
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  cjm_strbuf_puts(o, base);
  for (size_t i = 0; i < count; i++) add_class(o, marks[i]);
  cjm_gv_set(n, c->s.class_, cjm_gv_text(o));
}

/* Outlines a box node in the colour of its mark (as added or changed),
 * or draws it as removed: dashed red on pale red. */
static void outline(cjm_gv_canvas *c, Agnode_t *n, cjm_mark mark, const char *width) {
  if (mark == CJM_MARK_NONE) return;
  cjm_gv_set(n, c->s.color, cjm_gv_theme_mark_colour(c->theme, mark));
  cjm_gv_set(n, c->s.penwidth, width);
  if (mark != CJM_MARK_REMOVED) return;
  cjm_gv_set(n, c->s.style, "rounded,filled,dashed");
  cjm_gv_set(n, c->s.fillcolor, c->theme->removed_fill);
}

/* Appends to a tooltip what the diff says of thing (the persona, lane,
 * stage or step drawn), after a blank line. */
static void tip_entity(cjm_strbuf *o, const cjm_map_layout *L, const void *thing) {
  cjm_strbuf text = {0};
  if (!L->marks || !cjm_map_marks_describe(L->marks, thing, L->scale.min < 0, &text)) return;
  if (o->len) cjm_strbuf_puts(o, "\n\n");
  cjm_escape_gv_tooltip(o, text.data ? text.data : "", text.len);
  cjm_strbuf_free(&text);
}

/* Sets the tooltip of n to what the diff says of thing, if anything. */
static void set_entity_tip(cjm_gv_canvas *c, Agnode_t *n, const cjm_map_layout *L, const void *thing) {
  cjm_strbuf *o = &c->buf2;
  cjm_gv_reset(o);
  tip_entity(o, L, thing);
  if (o->len) cjm_gv_set(n, c->s.tooltip, cjm_gv_text(o));
}

/* A highlight behind a changed block of text in the header, as wide as
 * its widest line (the text is set at size, bold or not). */
static void highlight(cjm_gv_canvas *c, const cjm_map_layout *L, const cjm_map_text *t, double size, bool bold,
                      const char *id) {
  cjm_mark mark = t->mark;
  const cjm_map_rect *r = &t->rect;
  double w = 0;
  for (size_t i = 0; i < t->line_count; i++) {
    const cjm_text_line *line = cjm_map_line_at(L, t->first_line + i);
    w = fmax(w, cjm_text_width(line->text, line->len, size, bold));
  }
  cjm_map_rect box = {r->x - 6, r->y - 3, fmin(w, r->w) + 12, r->h + 6};
  Agnode_t *n = cjm_gv_box_at(c, &box, "box", "rounded,filled", cjm_gv_theme_mark_tint(c->theme, mark),
                               cjm_gv_theme_mark_colour(c->theme, mark));
  cjm_gv_set(n, c->s.id, id);
  cjm_mark marks[] = {mark};
  set_class(c, n, "header", marks, 1);
}

/* ---- header and cards -------------------------------------------------------- */

/* A text block of the header or a card (of a removed persona: its name struck through). */
static void draw_text(cjm_gv_canvas *c, const cjm_map_layout *L, const cjm_map_text *t, const char *card_colour,
                      bool removed) {
  const cjm_gv_theme *th = c->theme;
  double size = CJM_MAP_FONT_BODY;
  const char *colour = th->ink;
  bool bold = false, italic = false;
  switch (t->kind) {
  case CJM_MAP_TEXT_TITLE: size = CJM_MAP_FONT_TITLE, colour = th->ink_strong, bold = true; break;
  case CJM_MAP_TEXT_GOAL: size = CJM_MAP_FONT_GOAL, colour = th->ink_soft; break;
  case CJM_MAP_TEXT_META: size = CJM_MAP_FONT_META, colour = th->ink_muted; break;
  case CJM_MAP_TEXT_CARD_NAME: size = CJM_MAP_FONT_CARD_NAME, colour = card_colour, bold = true; break;
  case CJM_MAP_TEXT_CARD_KIND: size = CJM_MAP_FONT_SMALL, colour = th->ink_muted, bold = true; break;
  case CJM_MAP_TEXT_CARD_KEY: size = CJM_MAP_FONT_SMALL, colour = th->ink_muted, bold = true; break;
  case CJM_MAP_TEXT_CARD_VALUE: size = CJM_MAP_FONT_BODY; break;
  case CJM_MAP_TEXT_CARD_QUOTE: size = CJM_MAP_FONT_BODY, colour = th->ink_quiet; break;
  case CJM_MAP_TEXT_CARD_MOMENT: size = CJM_MAP_FONT_SMALL, colour = th->ink_quiet; break;
  }
  static const char *const ids[] = {[CJM_MAP_TEXT_TITLE] = "header-title", [CJM_MAP_TEXT_GOAL] = "header-goal",
                                    [CJM_MAP_TEXT_META] = "header-meta"};
  if (t->mark != CJM_MARK_NONE && t->kind <= CJM_MAP_TEXT_META) highlight(c, L, t, size, bold, ids[t->kind]);
  Agnode_t *n = cjm_gv_text_at(c, &t->rect);
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  if (removed && t->kind == CJM_MAP_TEXT_CARD_NAME)
    cjm_gv_struck_text_block(o, &L->lines, t->first_line, t->line_count, t->rect.w, size, bold, th->removed_ink);
  else
    cjm_gv_text_block(o, &L->lines, t->first_line, t->line_count, t->rect.w, size, colour, bold, italic);
  cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));
}

static void draw_header(cjm_gv_canvas *c, const cjm_map_layout *L) {
  if (L->status) {
    Agnode_t *n = cjm_gv_node_at(c, &L->status_rect);
    cjm_gv_set(n, c->s.shape, "box");
    cjm_gv_set(n, c->s.style, "rounded,filled");
    const char *fill = L->model->journey.status == CJM_STATUS_AS_IS ? c->theme->status_as_is : c->theme->status_to_be;
    cjm_gv_set(n, c->s.fillcolor, fill);
    cjm_gv_set(n, c->s.color, fill);
    cjm_gv_set(n, c->s.id, "status");
    if (L->status_mark != CJM_MARK_NONE) {
      cjm_gv_set(n, c->s.color, cjm_gv_theme_mark_colour(c->theme, L->status_mark));
      cjm_gv_set(n, c->s.penwidth, "3");
      cjm_gv_set(n, c->s.class_, cjm_mark_word(L->status_mark));
    }
    cjm_gv_reset(&c->buf);
    cjm_strbuf_printf(&c->buf, "<FONT POINT-SIZE=\"%.1f\" COLOR=\"%s\"><B>%s</B></FONT>", CJM_MAP_FONT_SMALL,
                      c->theme->status_ink, L->status);
    cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(&c->buf));
  }
  for (size_t i = 0; i < L->text_count; i++) {
    const cjm_map_text *t = &L->texts[i];
    if (t->kind == CJM_MAP_TEXT_TITLE || t->kind == CJM_MAP_TEXT_GOAL || t->kind == CJM_MAP_TEXT_META)
      draw_text(c, L, t, c->theme->ink, false);
  }
}

static void draw_cards(cjm_gv_canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->card_count; i++) {
    const cjm_map_card *card = &L->cards[i];
    bool removed = card->mark == CJM_MARK_REMOVED;
    const char *colour = removed ? c->theme->stage_alert : cjm_gv_theme_persona_colour(c->theme, card->colour);
    Agnode_t *n = cjm_gv_box_at(c, &card->rect, "box", "rounded,filled", c->theme->card_fill, c->theme->card_border);
    cjm_gv_set_id(c, n, c->s.id, "persona-", card->persona->decl.id, NULL, NULL);
    set_class(c, n, "persona", &card->mark, 1);
    if (card->mark != CJM_MARK_NONE) {
      outline(c, n, card->mark, "2");
      set_entity_tip(c, n, L, card->persona);
    }
    cjm_map_rect strip = {card->rect.x + 1, card->rect.y + 1, card->rect.w - 2, 5};
    cjm_gv_box_at(c, &strip, "box", "filled", colour, colour);
    char ink[8];
    const char *name_ink = removed ? colour : cjm_gv_ink_on(ink, colour, c->theme->card_fill);
    for (size_t k = 0; k < card->text_count; k++) draw_text(c, L, &L->texts[card->first_text + k], name_ink, removed);
  }
}

static void draw_stages(cjm_gv_canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->stage_count; i++) {
    const cjm_map_stage *st = &L->stages[i];
    Agnode_t *n = cjm_gv_box_at(c, &st->rect, "box", "rounded,filled", c->theme->stage_fill, c->theme->stage_fill);
    cjm_gv_set_id(c, n, c->s.id, "stage-", st->stage->decl.id, NULL, NULL);
    cjm_gv_set(n, c->s.class_, st->pain_without_opportunity ? "stage pain-without-opportunity" : "stage");
    if (st->pain_without_opportunity) cjm_gv_set(n, c->s.tooltip, cjm_tr("This stage has pains but no opportunity"));
    bool removed = st->mark == CJM_MARK_REMOVED;
    if (st->mark != CJM_MARK_NONE) {
      set_class(c, n, st->pain_without_opportunity ? "stage pain-without-opportunity" : "stage", &st->mark, 1);
      outline(c, n, st->mark, removed ? "1.5" : "3");
      set_entity_tip(c, n, L, st->stage);
    }
    double h = cjm_text_block_height(&L->lines, st->first_line, st->line_count, CJM_MAP_FONT_STAGE) +
               (st->summary ? cjm_text_line_height(CJM_MAP_FONT_SMALL) + CJM_MAP_STAGE_SUMMARY_GAP : 0);
    cjm_map_rect text = {st->rect.x + CJM_MAP_STAGE_PAD, st->rect.y + CJM_MAP_STAGE_PAD,
                         fmin(st->rect.w, CJM_MAP_TEXT_MAX_WIDTH) - 2 * CJM_MAP_STAGE_PAD, h};
    Agnode_t *t = cjm_gv_text_at(c, &text);
    cjm_strbuf *o = &c->buf;
    cjm_gv_reset(o);
    cjm_strbuf_printf(o,
                      "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                      "<TR><TD WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                      text.w);
    cjm_gv_font font = removed ? cjm_gv_open_struck_font(o, CJM_MAP_FONT_STAGE, c->theme->removed_ink, true)
                               : cjm_gv_open_font(o, CJM_MAP_FONT_STAGE, c->theme->stage_ink, true, false);
    cjm_gv_put_lines(o, &L->lines, st->first_line, st->line_count, CJM_MAP_FONT_STAGE);
    cjm_gv_close_font(o, font);
    cjm_strbuf_puts(o, "</TD></TR>");
    if (st->summary) {
      cjm_strbuf_printf(o, "<TR><TD HEIGHT=\"%.0f\"></TD></TR><TR><TD ALIGN=\"LEFT\">", CJM_MAP_STAGE_SUMMARY_GAP);
      const char *ink = st->pain_without_opportunity ? c->theme->stage_alert : c->theme->stage_summary;
      cjm_gv_font summary = cjm_gv_open_font(o, CJM_MAP_FONT_SMALL, ink, false, false);
      cjm_escape_gv_html(o, st->summary, strlen(st->summary), NULL);
      cjm_gv_close_font(o, summary);
      cjm_strbuf_puts(o, "</TD></TR>");
    }
    cjm_strbuf_puts(o, "</TABLE>");
    cjm_gv_set_html(c, t, c->s.label, cjm_gv_text(o));
  }
}

/* The id key of a row: its lane, or a keyword no lane can be called. */
static const char *row_key(const cjm_map_row *row) {
  switch (row->kind) {
  case CJM_MAP_ROW_CHANNELS: return "via";
  case CJM_MAP_ROW_CURVE: return "feel";
  case CJM_MAP_ROW_METRICS: return "measure";
  case CJM_MAP_ROW_ACTIONS:
  case CJM_MAP_ROW_LANE: break;
  }
  return row->lane ? row->lane->decl.id : "action";
}

static void draw_row_bands(cjm_gv_canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->row_count; i++) {
    const cjm_map_row *row = &L->rows[i];
    Agraph_t *band = cjm_gv_box_cluster(c, NULL, &row->rect, i % 2 ? c->theme->row_band_alt : c->theme->row_band, NULL);
    if (i != L->curve_row) continue;
    /* the curve's positive and negative halves, inside its band */
    const cjm_map_scale *s = &L->scale;
    double x = L->grid.x + L->heading_width, w = L->grid.w - L->heading_width;
    cjm_map_rect pos = {x, s->y_max, w, s->y_neutral - s->y_max};
    cjm_map_rect neg = {x, s->y_neutral, w, s->y_min - s->y_neutral};
    cjm_gv_box_cluster(c, band, &pos, c->theme->curve_positive, NULL);
    cjm_gv_box_cluster(c, band, &neg, c->theme->curve_negative, NULL);
  }
}

/* Tints over the columns of added and removed steps (and stages without
 * steps), from the stage headings down through the grid. */
static void draw_column_marks(cjm_gv_canvas *c, const cjm_map_layout *L) {
  double bottom = L->grid.y + L->grid.h;
  for (size_t i = 0; i < L->column_count; i++) {
    const cjm_map_column *col = &L->columns[i];
    if (col->mark != CJM_MARK_ADDED && col->mark != CJM_MARK_REMOVED) continue;
    double top = L->stages[col->stage_slot].rect.y + L->stages[col->stage_slot].rect.h + 2;
    cjm_map_rect r = {col->x + 2, top, col->w - 4, bottom - top};
    cjm_gv_box_cluster(c, NULL, &r, col->mark == CJM_MARK_ADDED ? c->theme->added_column : c->theme->removed_column, NULL);
  }
}

static void draw_row_headings(cjm_gv_canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->row_count; i++) {
    const cjm_map_row *row = &L->rows[i];
    cjm_map_rect r = {row->rect.x + 2, row->rect.y + 4, L->heading_width - 8, row->rect.h - 8};
    Agnode_t *n = cjm_gv_box_at(c, &r, "box", "rounded,filled", NULL, NULL);
    const char *tint = heading_tint(c->theme, row);
    cjm_gv_set(n, c->s.fillcolor, tint);
    cjm_gv_set(n, c->s.color, tint);
    cjm_gv_set_id(c, n, c->s.id, "row-", row_key(row), NULL, NULL);
    cjm_gv_set(n, c->s.class_, "row");
    if (row->mark != CJM_MARK_NONE) {
      set_class(c, n, "row", &row->mark, 1);
      outline(c, n, row->mark, "2");
      set_entity_tip(c, n, L, row->lane);
    }
    cjm_map_rect text = {r.x + 10, r.y + 8, r.w - 20,
                         cjm_text_block_height(&L->lines, row->first_line, row->line_count, CJM_MAP_FONT_ROW)};
    Agnode_t *t = cjm_gv_text_at(c, &text);
    cjm_strbuf *o = &c->buf;
    cjm_gv_reset(o);
    if (row->mark == CJM_MARK_REMOVED)
      cjm_gv_struck_text_block(o, &L->lines, row->first_line, row->line_count, text.w, CJM_MAP_FONT_ROW, true,
                               c->theme->removed_ink);
    else
      cjm_gv_text_block(o, &L->lines, row->first_line, row->line_count, text.w, CJM_MAP_FONT_ROW, c->theme->ink_strong,
                        true, false);
    cjm_gv_set_html(c, t, c->s.label, cjm_gv_text(o));
  }
}

/* Opens the font of an item's text: struck through in red when removed. */
static cjm_gv_font item_font(cjm_strbuf *o, const cjm_gv_theme *th, const cjm_map_item *item, double size,
                             const char *colour, bool bold) {
  if (item->mark == CJM_MARK_REMOVED) return cjm_gv_open_struck_font(o, size, th->removed_ink, bold);
  return cjm_gv_open_font(o, size, colour, bold, false);
}

/* Appends one item of a cell as a table row. */
static void put_item(cjm_strbuf *o, const cjm_gv_theme *th, const cjm_map_layout *L, const cjm_map_item *item,
                     double td_width) {
  const char *fill = th->entry_fill, *colour = th->ink;
  const char *border = "";
  char marked[64], step_border[64];
  double size = CJM_MAP_FONT_BODY;
  bool bold = false;
  switch (item->kind) {
  case CJM_MAP_ITEM_STEP:
    fill = th->step_fill, size = CJM_MAP_FONT_STEP, bold = true, colour = th->ink_strong;
    snprintf(step_border, sizeof step_border, " BORDER=\"1\" COLOR=\"%s\"", th->step_border);
    border = step_border;
    break;
  case CJM_MAP_ITEM_PERSONA: fill = "transparent", size = CJM_MAP_FONT_SMALL; break;
  case CJM_MAP_ITEM_CHANNEL: fill = th->channel_fill, colour = th->channel_ink; break;
  case CJM_MAP_ITEM_ENTRY: fill = lane_tint(th, item->entry->lane); break;
  case CJM_MAP_ITEM_MEASURE:
    fill = item->result == CJM_TARGET_MET ? th->met_fill : item->result == CJM_TARGET_MISSED ? th->missed_fill
                                                                                             : th->unjudged_fill;
    break;
  }
  const char *style = "rounded";
  if (item->mark != CJM_MARK_NONE) {
    snprintf(marked, sizeof marked, " BORDER=\"%.0f\" COLOR=\"%s\"", CJM_MAP_MARK_BORDER,
             cjm_gv_theme_mark_colour(th, item->mark));
    border = marked;
  }
  if (item->mark == CJM_MARK_REMOVED) fill = th->removed_fill, style = "rounded,dashed";
  const char *marker = item->persona ? cjm_gv_theme_persona_colour(th, item->persona->decl.index) : NULL;
  char ink[8];
  if (marker) /* the persona's colour, dark enough to read on the card (or the row, for no card) */
    colour = cjm_gv_ink_on(ink, marker, strcmp(fill, "transparent") == 0 ? th->row_band : fill);
  cjm_strbuf_printf(o, "<TR><TD BGCOLOR=\"%s\" STYLE=\"%s\"%s WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                    fill, style, border, td_width);
  if (marker) {
    cjm_strbuf_printf(o,
                      "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
                      "<TD VALIGN=\"TOP\" ALIGN=\"LEFT\" WIDTH=\"%.0f\"><FONT POINT-SIZE=\"7\" COLOR=\"%s\">"
                      "\xE2\x97\x8F</FONT></TD><TD WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                      CJM_MAP_MARKER_WIDTH, marker, td_width - 2 * CJM_MAP_ITEM_PAD - CJM_MAP_MARKER_WIDTH);
  }
  if (item->kind == CJM_MAP_ITEM_MEASURE) {
    /* the metric's label at the small size, then the value lines */
    size_t value_lines = item->value_lines;
    size_t label_lines = item->line_count - value_lines;
    cjm_gv_font label_font = item_font(o, th, item, CJM_MAP_FONT_SMALL, th->ink_quiet, false);
    cjm_gv_put_lines(o, &L->lines, item->first_line, label_lines, CJM_MAP_FONT_SMALL);
    cjm_gv_close_font(o, label_font);
    cjm_strbuf_puts(o, "<BR ALIGN=\"LEFT\"/>");
    cjm_gv_put_spacer(o, cjm_text_block_leading(&L->lines, item->first_line, item->line_count, CJM_MAP_FONT_BODY));
    const char *tone = item->result == CJM_TARGET_MET      ? th->met_ink
                       : item->result == CJM_TARGET_MISSED ? th->missed_ink
                                                           : th->unjudged_ink;
    cjm_gv_font value_font = item_font(o, th, item, CJM_MAP_FONT_BODY, tone, true);
    cjm_gv_put_lines(o, &L->lines, item->first_line + label_lines, value_lines, CJM_MAP_FONT_BODY);
    cjm_gv_close_font(o, value_font);
  } else {
    cjm_gv_font font = item_font(o, th, item, size, colour, bold);
    cjm_gv_put_lines(o, &L->lines, item->first_line, item->line_count, size);
    cjm_gv_close_font(o, font);
  }
  if (marker) cjm_strbuf_puts(o, "</TD></TR></TABLE>");
  cjm_strbuf_puts(o, "</TD></TR>");
}

/* Appends to a tooltip a line per marked item of a cell other than its
 * step: "+ pain: text", "- via Website", "~ Demo-request rate 3.4%". */
static void tip_items(cjm_strbuf *o, const cjm_map_layout *L, const cjm_map_cell *cell) {
  static const char *const signs[] = {"", "+ ", "~ ", "- "};
  for (size_t k = 0; k < cell->item_count; k++) {
    const cjm_map_item *item = &L->items[cell->first_item + k];
    if (item->mark == CJM_MARK_NONE || item->kind == CJM_MAP_ITEM_STEP) continue;
    if (o->len) cjm_strbuf_puts(o, "\n");
    cjm_strbuf_puts(o, signs[item->mark]);
    char value[96];
    switch (item->kind) {
    case CJM_MAP_ITEM_PERSONA: {
      cjm_strbuf who = {0};
      for (size_t l = 0; l < item->line_count; l++) {
        const cjm_text_line *line = cjm_map_line_at(L, item->first_line + l);
        cjm_escape_gv_tooltip(&who, line->text, line->len);
      }
      /* TRANSLATORS: a line of the tooltip of a step on a `cjm diff` map, after "+ " or "- ": a persona
         added to or removed from those taking part in it, as in "+ by Mia, student". */
      cjm_strbuf_printf(o, cjm_tr("by %s"), who.data ? who.data : "");
      cjm_strbuf_free(&who);
      break;
    }
    case CJM_MAP_ITEM_CHANNEL: {
      cjm_strbuf which = {0};
      cjm_gv_tip_text(&which, cjm_map_label(&item->channel->decl));
      /* TRANSLATORS: a line of the tooltip of a step on a `cjm diff` map, after "+ " or "- ": a channel
         added to or removed from those it goes through, as in "- via Website". */
      cjm_strbuf_printf(o, cjm_tr("via %s"), which.data ? which.data : "");
      cjm_strbuf_free(&which);
      break;
    }
    case CJM_MAP_ITEM_ENTRY:
      cjm_gv_tip_text(o, cjm_gv_lane_key(item->entry->lane));
      cjm_strbuf_puts(o, ": ");
      cjm_gv_tip_text(o, item->entry->text);
      break;
    case CJM_MAP_ITEM_MEASURE:
      cjm_present_value(value, sizeof value, item->measure->value, item->measure->percent,
                           item->measure->metric->unit);
      cjm_gv_tip_line(o, cjm_map_label(&item->measure->metric->decl), value);
      break;
    case CJM_MAP_ITEM_STEP: break;
    }
  }
}

/* Sets the class of a cell's node: base, then the marks of its column
 * (for a step's own cell) and of its items, each once. */
static void set_cell_class(cjm_gv_canvas *c, Agnode_t *n, const cjm_map_layout *L, const cjm_map_cell *cell,
                           const char *base, cjm_mark column_mark) {
  cjm_mark marks[3];
  size_t count = 0;
  bool seen[4] = {true}; /* NONE is never named */
  for (size_t k = 0; k <= cell->item_count && count < 3; k++) {
    cjm_mark m = k == 0 ? column_mark : L->items[cell->first_item + k - 1].mark;
    if (seen[m]) continue;
    seen[m] = true;
    marks[count++] = m;
  }
  set_class(c, n, base, marks, count);
}

static void draw_cells(cjm_gv_canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->cell_count; i++) {
    const cjm_map_cell *cell = &L->cells[i];
    Agnode_t *n = cjm_gv_text_at(c, &cell->rect);
    cjm_strbuf *o = &c->buf;
    cjm_gv_reset(o);
    cjm_strbuf_printf(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"%.0f\" CELLPADDING=\"%.0f\">",
                      CJM_MAP_ITEM_GAP, CJM_MAP_ITEM_PAD);
    double td_width = cell->rect.w - 2 * CJM_MAP_ITEM_GAP;
    for (size_t k = 0; k < cell->item_count; k++)
      put_item(o, c->theme, L, &L->items[cell->first_item + k], td_width);
    cjm_strbuf_puts(o, "</TABLE>");
    cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));

    const cjm_map_row *row = cell->row < L->row_count ? &L->rows[cell->row] : NULL;
    const char *base;
    cjm_mark column_mark = CJM_MARK_NONE;
    if (!row) {
      const cjm_map_item *item = &L->items[cell->first_item];
      cjm_gv_set_id(c, n, c->s.id, "measure-", item->measure->metric->decl.id, NULL, NULL);
      base = "measure journey";
    } else if (cell->step && row->kind == CJM_MAP_ROW_ACTIONS) {
      /* the step's own element: its id, class and tooltip */
      cjm_gv_set_id(c, n, c->s.id, "step-", cell->step->decl.id, NULL, NULL);
      base = "step";
      column_mark = L->columns[cell->column].mark;
      cjm_gv_step_tooltip(&c->buf2, cell->step, L->only);
      tip_entity(&c->buf2, L, cell->step);
      cjm_gv_set(n, c->s.tooltip, cjm_gv_text(&c->buf2));
    } else if (cell->step) {
      cjm_gv_set_id(c, n, c->s.id, "cell-", row_key(row), cell->stage->decl.id, cell->step->decl.id);
      base = "cell";
    } else {
      cjm_gv_set_id(c, n, c->s.id, "cell-", row_key(row), cell->stage->decl.id, NULL);
      base = "cell stage-level";
    }
    if (!L->marks) {
      cjm_gv_set(n, c->s.class_, base);
      continue;
    }
    set_cell_class(c, n, L, cell, base, column_mark);
    if (column_mark != CJM_MARK_NONE) continue; /* a step's tooltip says it all */
    cjm_gv_reset(&c->buf2);
    tip_items(&c->buf2, L, cell);
    if (c->buf2.len) cjm_gv_set(n, c->s.tooltip, cjm_gv_text(&c->buf2));
  }
}

static const char *line_name(cjm_map_line l) {
  switch (l) {
  case CJM_MAP_LINE_INTERACTION: return cjm_tr("Line of interaction");
  case CJM_MAP_LINE_VISIBILITY: return cjm_tr("Line of visibility");
  case CJM_MAP_LINE_INTERNAL: return cjm_tr("Line of internal interaction");
  case CJM_MAP_LINE_NONE: break;
  }
  return "";
}

static void draw_lines(cjm_gv_canvas *c, const cjm_map_layout *L) {
  /* stage boundaries across the grid */
  double top = L->stage_count ? L->stages[0].rect.y + L->stages[0].rect.h + 2 : L->grid.y;
  double bottom = L->grid.y + L->grid.h;
  for (size_t i = 1; i < L->stage_count; i++) {
    double x = L->columns[L->stages[i].first_column].x;
    Agedge_t *e = cjm_gv_line(c, x, top, x, bottom);
    cjm_gv_set(e, c->s.e_color, c->theme->rule);
  }
  for (size_t i = 0; i < L->row_count; i++) {
    const cjm_map_row *row = &L->rows[i];
    if (!row->line_above) continue;
    const char *name = line_name(row->line_above);
    Agedge_t *e = cjm_gv_line(c, L->grid.x, row->line_y, L->grid.x + L->grid.w, row->line_y);
    cjm_gv_set(e, c->s.e_color, c->theme->blueprint_line);
    cjm_gv_set(e, c->s.e_style, "dashed");
    cjm_gv_set(e, c->s.e_penwidth, "1.5");
    cjm_gv_set(e, c->s.e_class, "blueprint-line");
    static const char *const ids[] = {"", "line-interaction", "line-visibility", "line-internal"};
    cjm_gv_set(e, c->s.e_id, ids[row->line_above]);
    /* its name on a white pill over the line, at the left and then at
       every fifth stage */
    for (size_t s = 0; s < L->stage_count || s == 0; s += 5) {
      double x = s == 0 ? L->grid.x + 6 : L->columns[L->stages[s].first_column].x + 6;
      Agnode_t *n = cjm_gv_small_text(c, name, x, row->line_y, CJM_MAP_FONT_SMALL, c->theme->blueprint_ink, true,
                                      "LEFT");
      cjm_gv_set(n, c->s.shape, "box");
      cjm_gv_set(n, c->s.style, "rounded,filled");
      cjm_gv_set(n, c->s.fillcolor, c->theme->blueprint_pill);
      cjm_gv_set(n, c->s.color, c->theme->blueprint_pill);
      if (!L->stage_count) break;
    }
  }
}

/* The sample of a mark: a small card with its border; struck text when removed. */
static void draw_mark_key(cjm_gv_canvas *c, const cjm_map_key *k, double x, double cy) {
  cjm_mark mark = k->kind == CJM_MAP_KEY_ADDED ? CJM_MARK_ADDED : k->kind == CJM_MAP_KEY_CHANGED ? CJM_MARK_CHANGED
                                                                                                  : CJM_MARK_REMOVED;
  cjm_map_rect r = {x, cy - 8, CJM_MAP_KEY_SAMPLE, 16};
  Agnode_t *n = cjm_gv_node_at(c, &r);
  cjm_gv_set(n, c->s.shape, "box");
  cjm_gv_set(n, c->s.style, "rounded,filled");
  cjm_gv_set(n, c->s.fillcolor, c->theme->card_fill);
  outline(c, n, mark, "2");
  cjm_gv_set_id(c, n, c->s.id, "key-", cjm_mark_word(mark), NULL, NULL);
  cjm_gv_set(n, c->s.class_, "key");
  cjm_gv_reset(&c->buf);
  cjm_gv_font font = mark == CJM_MARK_REMOVED ? cjm_gv_open_struck_font(&c->buf, 8, c->theme->removed_ink, false)
                                              : cjm_gv_open_font(&c->buf, 8, c->theme->ink_muted, false, false);
  cjm_strbuf_puts(&c->buf, "abc");
  cjm_gv_close_font(&c->buf, font);
  cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(&c->buf));
}

/* The sample of an earlier feel: a faded hollow ghost of a point. */
static void draw_earlier_key(cjm_gv_canvas *c, double x, double cy) {
  cjm_map_rect r = {x + CJM_MAP_KEY_SAMPLE / 2 - 6, cy - 6, 12, 12};
  char faded[16];
  snprintf(faded, sizeof faded, "%s99", c->theme->ink_muted);
  Agnode_t *n = cjm_gv_box_at(c, &r, "circle", "filled", NULL, faded);
  cjm_gv_set(n, c->s.penwidth, "2");
  cjm_gv_set_id(c, n, c->s.id, "key-", "earlier", NULL, NULL);
  cjm_gv_set(n, c->s.class_, "key");
}

static void draw_legend(cjm_gv_canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->key_count; i++) {
    const cjm_map_key *k = &L->keys[i];
    double cy = k->rect.y + k->rect.h / 2;
    double tx = k->rect.x + CJM_MAP_KEY_SAMPLE + CJM_MAP_KEY_SAMPLE_GAP;
    double sx0 = k->rect.x, sx1 = k->rect.x + CJM_MAP_KEY_SAMPLE;
    switch (k->kind) {
    case CJM_MAP_KEY_HEADING:
      cjm_gv_small_text(c, k->text, k->rect.x, cy, CJM_MAP_FONT_META, c->theme->ink_strong, true, "LEFT");
      continue;
    case CJM_MAP_KEY_ADDED:
    case CJM_MAP_KEY_CHANGED:
    case CJM_MAP_KEY_REMOVED:
      draw_mark_key(c, k, sx0, cy);
      break;
    case CJM_MAP_KEY_EARLIER:
      draw_earlier_key(c, sx0, cy);
      break;
    case CJM_MAP_KEY_SERIES: {
      Agedge_t *e = cjm_gv_line(c, sx0, cy, sx1, cy);
      cjm_gv_set(e, c->s.e_color, cjm_gv_theme_persona_colour(c->theme, L->series[k->series].colour));
      cjm_gv_set(e, c->s.e_penwidth, "2.5");
      const char *dash = cjm_gv_theme_persona_dash(c->theme, L->series[k->series].colour);
      if (strcmp(dash, "solid") != 0) cjm_gv_set(e, c->s.e_style, dash);
      break;
    }
    case CJM_MAP_KEY_BRIDGE: {
      Agedge_t *e = cjm_gv_line(c, sx0, cy, sx1, cy);
      cjm_gv_set(e, c->s.e_color, c->theme->ink_muted);
      cjm_gv_set(e, c->s.e_style, "dotted");
      cjm_gv_set(e, c->s.e_penwidth, "1.5");
      break;
    }
    case CJM_MAP_KEY_FEEL: {
      char fill[8];
      cjm_gv_theme_feel_colour(c->theme, fill, cjm_gv_feel_position(k->value, L->scale.min, L->scale.max));
      cjm_map_rect r = {sx0 + CJM_MAP_KEY_SAMPLE / 2 - 6, cy - 6, 12, 12};
      cjm_gv_box_at(c, &r, "circle", "filled", fill, c->theme->ink_muted);
      break;
    }
    case CJM_MAP_KEY_MET:
    case CJM_MAP_KEY_MISSED:
    case CJM_MAP_KEY_UNJUDGED: {
      const cjm_gv_theme *th = c->theme;
      const char *fill = k->kind == CJM_MAP_KEY_MET ? th->met_fill : k->kind == CJM_MAP_KEY_MISSED ? th->missed_fill
                                                                                                 : th->unjudged_fill;
      const char *ink = k->kind == CJM_MAP_KEY_MET ? th->met_ink : k->kind == CJM_MAP_KEY_MISSED ? th->missed_ink
                                                                                               : th->unjudged_ink;
      const char *mark = k->kind == CJM_MAP_KEY_MET      ? "\xE2\x9C\x93" /* ✓ */
                         : k->kind == CJM_MAP_KEY_MISSED ? "\xE2\x9C\x97" /* ✗ */
                                                         : "\xE2\x80\x93"; /* – */
      cjm_map_rect r = {sx0, cy - 8, CJM_MAP_KEY_SAMPLE, 16};
      Agnode_t *n = cjm_gv_node_at(c, &r);
      cjm_gv_set(n, c->s.shape, "box");
      cjm_gv_set(n, c->s.style, "rounded,filled");
      cjm_gv_set(n, c->s.fillcolor, fill);
      cjm_gv_set(n, c->s.color, fill);
      cjm_gv_reset(&c->buf);
      cjm_strbuf_printf(&c->buf, "<FONT POINT-SIZE=\"9\" COLOR=\"%s\"><B>%s</B></FONT>", ink, mark);
      cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(&c->buf));
      break;
    }
    }
    cjm_gv_small_text(c, k->text, tx, cy, CJM_MAP_FONT_BODY, c->theme->ink_soft, false, "LEFT");
  }
}

void cjm_gv_build_map(cjm_gv_canvas *c, const cjm_map_layout *L) {
  Agraph_t *g = c->g;
  cjm_gv_graph_attr(g, "layout", "nop2");
  cjm_gv_graph_attr(g, "outputorder", "edgesfirst");
  cjm_gv_graph_attr(g, "splines", "true");
  cjm_gv_page_corners(c, L->width, L->height);
  draw_row_bands(c, L);
  if (L->marks) draw_column_marks(c, L);
  draw_header(c, L);
  draw_cards(c, L);
  draw_stages(c, L);
  draw_row_headings(c, L);
  draw_cells(c, L);
  if (L->curve_row < L->row_count) {
    cjm_gv_draw_scale(c, L);
    cjm_gv_draw_curves(c, L);
  }
  draw_lines(c, L);
  draw_legend(c, L);
}
