/* graphviz_curve — see graphviz_curve.h.
 *
 * Node order: the ghosts of earlier feels, then per point its ring (when
 * marked), its disc and its word; the curves are edges between the
 * first and last point of each run, drawn before every node. */
#include "runtime/render/graphviz/curve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/graphviz/style.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

/* The radius of a point, of the ring round a marked one, and of the
 * ghost of an earlier feel. */
static const double POINT_RADIUS = 6;
static const double RING_RADIUS = 11;
static const double GHOST_RADIUS = 6;
/* The marker of a stage-level feel, smaller than a step's point. */
static const double LEVEL_RADIUS = 4;
/* The darkest background a word of the curve sits on is its halo over
 * the tint of the plot's negative half: the theme's curve_negative. */

/* Writes into o the tooltip of a feel: its score on the map's scale, its
 * word and its persona ("−1 tired — Mia"), after the key lead and ": "
 * when lead is not NULL ("earlier: ", "removed: ", in the language of the
 * words) and with note, when not NULL, after the word. */
static void put_feel_tip(cjm_strbuf *o, const cjm_map_layout *L, const char *lead, const cjm_map_feel *f,
                         const char *note) {
  const cjm_persona *persona = L->series[f->series].persona;
  char score[32];
  cjm_present_score_rounded(score, sizeof score, f->score, L->scale.min < 0);
  cjm_gv_reset(o);
  if (lead) cjm_strbuf_printf(o, "%s: ", lead);
  cjm_strbuf_puts(o, score);
  if (f->word) {
    cjm_strbuf_puts(o, " ");
    cjm_gv_tip_text(o, f->word);
  }
  if (note) cjm_strbuf_printf(o, " %s", note);
  if (persona) {
    cjm_strbuf_puts(o, " \xE2\x80\x94 ");
    cjm_gv_tip_text(o, cjm_map_label(&persona->decl));
  }
}

/* ---- a diff's marks on the curve ------------------------------------------ */

/* The ring round a point whose feel was added or changed. */
static void draw_ring(cjm_gv_canvas *c, const cjm_map_point *p) {
  const cjm_map_feel *f = &p->feel;
  cjm_map_rect r = {f->x - RING_RADIUS, f->y - RING_RADIUS, 2 * RING_RADIUS, 2 * RING_RADIUS};
  Agnode_t *n = cjm_gv_box_at(c, &r, "circle", "filled",
                              p->mark == CJM_MARK_ADDED ? c->theme->added_ring : c->theme->changed_ring,
                              cjm_gv_theme_mark_colour(c->theme, p->mark));
  cjm_gv_set(n, c->s.penwidth, "2.5");
}

/* When the scale changed, what a ghost's score was as written: "(+2 on
 * the old scale −2 to +2)"; NULL otherwise. */
static const char *written_note(char *buf, size_t size, const cjm_map_layout *L, const cjm_map_ghost *g) {
  const cjm_map_scale *s = &L->scale;
  if (!s->rescaled) return NULL;
  bool plus = s->old_min < 0;
  char written[32], lo[32], hi[32];
  cjm_present_score_rounded(written, sizeof written, g->written, plus);
  cjm_present_score_rounded(lo, sizeof lo, s->old_min, plus);
  cjm_present_score_rounded(hi, sizeof hi, s->old_max, plus);
  /* TRANSLATORS: in the tooltip of an earlier feel on a `cjm diff` map whose scale changed: the score
     the old journey wrote (first %s) and the old scale's ends (second and third), as in "(+2 on the old
     scale −2 to +2)". Reorder with %1$s, %2$s, %3$s. */
  snprintf(buf, size, cjm_tr("(%s on the old scale %s to %s)"), written, lo, hi);
  return buf;
}

/* The ghosts of earlier feels: hollow discs in the persona's colour,
 * faded (red when the feel is gone), with "was −1" beside them; returns
 * their nodes. Their place and number are on the map's scale (when the
 * scale changed, the old score read on it, as the diff compares feels);
 * the tooltip then says what the old journey wrote. */
static Agnode_t **draw_ghosts(cjm_gv_canvas *c, const cjm_map_layout *L) {
  Agnode_t **nodes = cjm_xcalloc(L->ghost_count, sizeof *nodes);
  for (size_t i = 0; i < L->ghost_count; i++) {
    const cjm_map_ghost *g = &L->ghosts[i];
    const cjm_map_feel *f = &g->feel;
    const cjm_map_series *series = &L->series[f->series];
    bool removed = g->mark == CJM_MARK_REMOVED;
    cjm_map_rect r = {f->x - GHOST_RADIUS, f->y - GHOST_RADIUS, 2 * GHOST_RADIUS, 2 * GHOST_RADIUS};
    Agnode_t *n = nodes[i] = cjm_gv_box_at(c, &r, "circle", "filled",
                                         removed ? c->theme->removed_fill : c->theme->point_hollow, NULL);
    char faded[16]; /* the persona's colour, half transparent */
    snprintf(faded, sizeof faded, "%s99",
             removed ? c->theme->removed : cjm_gv_theme_persona_colour(c->theme, series->colour));
    cjm_gv_set(n, c->s.color, faded);
    cjm_gv_set(n, c->s.penwidth, "2");
    const char *who = series->persona ? series->persona->decl.id : "journey";
    cjm_gv_set_id(c, n, c->s.id, "feel-was-", who, f->stage->decl.id, f->step ? f->step->decl.id : NULL);
    cjm_gv_set(n, c->s.class_, removed ? "feel earlier removed" : "feel earlier changed");
    char note[128];
    const char *lead = removed
                           /* TRANSLATORS: what a `cjm diff` map shows as gone: in its legend, and the
                              key of the tooltip of a removed feel, as in "removed: −1 lost — Mia". */
                           ? cjm_tr("removed")
                           /* TRANSLATORS: the key of the tooltip of an earlier feel on a `cjm diff` map
                              (a hollow disc where the old journey had it), as in "earlier: −1 annoyed — Mia". */
                           : cjm_tr("earlier");
    put_feel_tip(&c->buf2, L, lead, f, written_note(note, sizeof note, L, g));
    cjm_gv_set(n, c->s.tooltip, cjm_gv_text(&c->buf2));
    /* beside the ghost, away from the other personas' points: the
       first half of the series have theirs to the right */
    char score[32], was[64];
    cjm_present_score_rounded(score, sizeof score, f->score, L->scale.min < 0);
    /* TRANSLATORS: small text beside an earlier feel on a `cjm diff` map: its old score, as in "was −1". */
    snprintf(was, sizeof was, cjm_tr("was %s"), score);
    bool left = 2 * f->series + 1 < L->series_count;
    double gap = GHOST_RADIUS + 3;
    Agnode_t *w = cjm_gv_small_text(c, was, left ? f->x - gap : f->x + gap, f->y, CJM_MAP_FONT_SMALL,
                                    removed ? c->theme->removed_ink : c->theme->earlier_ink, false,
                                    left ? "RIGHT" : "LEFT");
    cjm_gv_set(w, c->s.shape, "box");
    cjm_gv_set(w, c->s.style, "rounded,filled");
    cjm_gv_set(w, c->s.fillcolor, c->theme->halo);
    cjm_gv_set(w, c->s.color, c->theme->halo_line);
  }
  return nodes;
}

/* The line from an earlier feel to the ring where it is now, unless
 * they are too close for one. */
static void draw_shift(cjm_gv_canvas *c, const cjm_map_ghost *ghost, Agnode_t *from, Agnode_t *to,
                       const cjm_map_point *point) {
  const cjm_map_feel *g = &ghost->feel, *p = &point->feel;
  double dx = p->x - g->x, dy = p->y - g->y, len = hypot(dx, dy);
  if (len < GHOST_RADIUS + RING_RADIUS + 4) return;
  dx /= len, dy /= len;
  double x0 = g->x + dx * (GHOST_RADIUS + 1), y0 = g->y + dy * (GHOST_RADIUS + 1);
  double x1 = p->x - dx * (RING_RADIUS + 1), y1 = p->y - dy * (RING_RADIUS + 1);
  Agedge_t *e = agedge(c->g, from, to, NULL, 1);
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  for (int k = 0; k < 4; k++) cjm_gv_put_point(c, o, x0 + (x1 - x0) * k / 3, y0 + (y1 - y0) * k / 3);
  cjm_gv_set(e, c->s.e_pos, cjm_gv_text(o));
  cjm_gv_set(e, c->s.e_style, "dashed");
  cjm_gv_set(e, c->s.e_color, c->theme->changed);
  cjm_gv_set(e, c->s.e_penwidth, "1.5");
  cjm_gv_set(e, c->s.e_class, "feel-shift");
}

/* ---- the scale and the curves ---------------------------------------------- */

void cjm_gv_draw_scale(cjm_gv_canvas *c, const cjm_map_layout *L) {
  const cjm_map_scale *s = &L->scale;
  double x0 = L->grid.x + L->heading_width, x1 = L->grid.x + L->grid.w;
  for (size_t i = 0; i < s->tick_count; i++) {
    double y = s->tick_y[i];
    bool bound = s->ticks[i] == s->min || s->ticks[i] == s->max;
    bool neutral = fabs(s->ticks[i] - s->neutral) < 1e-9;
    if (!bound && !neutral) {
      Agedge_t *e = cjm_gv_line(c, x0, y, x1, y);
      cjm_gv_set(e, c->s.e_color, c->theme->scale_tick);
      cjm_gv_set(e, c->s.e_style, "dotted");
    }
    char label[24];
    cjm_present_score_rounded(label, sizeof label, s->ticks[i], s->min < 0);
    cjm_gv_small_text(c, label, x0 - 8, y, CJM_MAP_FONT_SMALL, neutral ? c->theme->ink_soft : c->theme->ink_muted,
                      neutral || bound, "RIGHT");
  }
  if (fabs(s->neutral - round(s->neutral)) > 1e-9 || s->tick_count == 0 ||
      fabs(s->ticks[s->tick_count / 2] - s->neutral) > 1e-9) {
    char label[24];
    cjm_present_score_rounded(label, sizeof label, s->neutral, s->min < 0);
    cjm_gv_small_text(c, label, x0 - 8, s->y_neutral, CJM_MAP_FONT_SMALL, c->theme->ink_soft, true, "RIGHT");
  }
  Agedge_t *top = cjm_gv_line(c, x0, s->y_max, x1, s->y_max);
  cjm_gv_set(top, c->s.e_color, c->theme->scale_max);
  cjm_gv_set(top, c->s.e_style, "dashed");
  cjm_gv_set(top, c->s.e_id, "scale-max");
  Agedge_t *bottom = cjm_gv_line(c, x0, s->y_min, x1, s->y_min);
  cjm_gv_set(bottom, c->s.e_color, c->theme->scale_min);
  cjm_gv_set(bottom, c->s.e_style, "dashed");
  cjm_gv_set(bottom, c->s.e_id, "scale-min");
  Agedge_t *zero = cjm_gv_line(c, x0, s->y_neutral, x1, s->y_neutral);
  cjm_gv_set(zero, c->s.e_color, c->theme->scale_neutral);
  cjm_gv_set(zero, c->s.e_penwidth, "1.2");
  cjm_gv_set(zero, c->s.e_id, "scale-neutral");
}

void cjm_gv_draw_curves(cjm_gv_canvas *c, const cjm_map_layout *L) {
  const cjm_map_scale *s = &L->scale;
  /* earlier feels first, under the points */
  Agnode_t **ghosts = L->ghost_count ? draw_ghosts(c, L) : NULL;
  /* the runs' edges join point nodes; edges are drawn before every node
     (outputorder=edgesfirst), so the points sit on their lines */
  Agnode_t **nodes = cjm_xcalloc(L->point_count ? L->point_count : 1, sizeof *nodes);
  for (size_t i = 0; i < L->point_count; i++) {
    const cjm_map_point *p = &L->points[i];
    const cjm_map_feel *f = &p->feel;
    const cjm_map_series *series = &L->series[f->series];
    const char *colour = cjm_gv_theme_persona_colour(c->theme, series->colour);
    bool level = p->x1 > p->x0;
    if (level && p->level_lead) { /* a stage's own feel: a level across the stage, one per
                                     score and word, in the persona's colour when it is theirs alone */
      Agedge_t *e = cjm_gv_line(c, p->x0, f->y, p->x1, f->y);
      cjm_gv_set(e, c->s.e_color, p->level_share > 1 ? c->theme->ink_muted : colour);
      cjm_gv_set(e, c->s.e_style, "dashed");
      cjm_gv_set(e, c->s.e_penwidth, p->level_share > 1 ? "1.5" : "2");
      cjm_gv_set(e, c->s.e_class, "feel-level");
    }
    if (p->mark != CJM_MARK_NONE) draw_ring(c, p);
    double r = level ? LEVEL_RADIUS : POINT_RADIUS;
    cjm_map_rect disc = {f->x - r, f->y - r, 2 * r, 2 * r};
    char fill[8];
    cjm_gv_theme_feel_colour(c->theme, fill, cjm_gv_feel_position(f->score, s->min, s->max));
    Agnode_t *n = cjm_gv_box_at(c, &disc, "circle", "filled", fill, colour);
    nodes[i] = n;
    cjm_gv_set(n, c->s.penwidth, "2");
    const char *who = series->persona ? series->persona->decl.id : "journey";
    cjm_gv_set_id(c, n, c->s.id, "feel-", who, f->stage->decl.id, f->step ? f->step->decl.id : NULL);
    cjm_gv_set(n, c->s.class_,
               p->mark == CJM_MARK_NONE ? "feel" : p->mark == CJM_MARK_ADDED ? "feel added" : "feel changed");
    put_feel_tip(&c->buf2, L, NULL, f, NULL);
    cjm_gv_set(n, c->s.tooltip, cjm_gv_text(&c->buf2));
    if (p->word_shown) { /* on a light halo, so that a line under it does not cross it */
      char ink[8];
      const char *word_ink = c->theme->ink_soft;
      if (level && p->level_share > 1) word_ink = c->theme->ink_muted;
      else if (L->series_count > 1) word_ink = cjm_gv_ink_on(ink, colour, c->theme->curve_negative);
      Agnode_t *w = cjm_gv_small_text(c, f->word, p->label_x, p->label_y, CJM_MAP_FONT_SMALL, word_ink, false,
                                      "CENTER");
      cjm_gv_set(w, c->s.shape, "box");
      cjm_gv_set(w, c->s.style, "rounded,filled");
      cjm_gv_set(w, c->s.fillcolor, c->theme->halo);
      cjm_gv_set(w, c->s.color, c->theme->halo_line);
    }
  }
  for (size_t i = 0; i < L->run_count; i++) {
    const cjm_map_run *run = &L->runs[i];
    if (run->point_count < 2) continue;
    const cjm_map_point *p = &L->points[run->first_point];
    Agedge_t *e = agedge(c->g, nodes[run->first_point], nodes[run->first_point + run->point_count - 1], NULL, 1);
    cjm_strbuf *o = &c->buf;
    cjm_gv_reset(o);
    cjm_gv_put_point(c, o, p[0].feel.x, p[0].feel.y);
    for (size_t k = 0; k + 1 < run->point_count; k++) {
      const cjm_map_feel *a = &p[k].feel, *b = &p[k + 1].feel;
      double dx = (b->x - a->x) / 3;
      double sa = run->bridge ? (b->y - a->y) / (b->x - a->x) : p[k].slope;
      double sb = run->bridge ? sa : p[k + 1].slope;
      cjm_gv_put_point(c, o, a->x + dx, a->y + sa * dx);
      cjm_gv_put_point(c, o, b->x - dx, b->y - sb * dx);
      cjm_gv_put_point(c, o, b->x, b->y);
    }
    cjm_gv_set(e, c->s.e_pos, cjm_gv_text(o));
    const char *colour = cjm_gv_theme_persona_colour(c->theme, L->series[run->series].colour);
    cjm_gv_set(e, c->s.e_color, colour);
    if (run->bridge) {
      cjm_gv_set(e, c->s.e_style, "dotted");
      cjm_gv_set(e, c->s.e_penwidth, "1.5");
      cjm_gv_set(e, c->s.e_class, "curve bridge");
    } else {
      cjm_gv_set(e, c->s.e_penwidth, "2.5");
      cjm_gv_set(e, c->s.e_class, "curve");
      const char *dash = cjm_gv_theme_persona_dash(c->theme, L->series[run->series].colour);
      if (strcmp(dash, "solid") != 0) cjm_gv_set(e, c->s.e_style, dash);
    }
  }
  for (size_t i = 0; i < L->ghost_count; i++) {
    const cjm_map_ghost *g = &L->ghosts[i];
    if (g->point != SIZE_MAX) draw_shift(c, g, ghosts[i], nodes[g->point], &L->points[g->point]);
  }
  free(ghosts);
  free(nodes);
}
