/* flow_layout — see flow_layout.h. One pass over the steps to choose the
 * nodes, one over their successors for the edges; placing is one more
 * pass over each. */
#include "runtime/flow_layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/grow.h"

static const double MARGIN = 36;
static const double NODE_WIDTH = 170;     /* a step's box */
static const double NODE_PAD = 8;
static const double NODE_GAP = 44;        /* between two steps of a stage */
static const double STAGE_GAP = 36;       /* between two stage boxes */
static const double STAGE_PAD = 14;
static const double NOTE_GAP = 10;
static const double ARC_BASE = 36;        /* the height of an arc over one step */
static const double ARC_MAX = 220;
static const double ARROW = 10;           /* an arrowhead's length */


/* Whether a step has something for persona (always, for NULL). */
static bool step_shown(const cjm_step *step, const cjm_persona *p) {
  if (!p) return true;
  const cjm_moment *m = &step->moment;
  return cjm_personas_include(m->by, m->by_count, p) || cjm_moment_speaks_for(m, p);
}

/* The mean feel of a step and its first emotion word: from the analysis
 * for every persona, from the feels speaking for p with --persona. */
static void step_feel(cjm_flow_node *n, const cjm_analysis *analysis, const cjm_persona *p) {
  const cjm_moment *m = &n->step->moment;
  for (size_t i = 0; i < m->feel_count && !n->word; i++)
    if (!p || cjm_personas_include(m->feels[i].speakers.items, m->feels[i].speakers.count, p)) n->word = m->feels[i].word;
  if (!p) {
    const cjm_mean *mean = &analysis->step_feel[n->step->decl.index];
    n->has_feel = mean->count > 0;
    n->feel = cjm_mean_value(mean);
    return;
  }
  double sum = 0;
  size_t count = 0;
  for (size_t i = 0; i < m->feel_count; i++)
    if (cjm_personas_include(m->feels[i].speakers.items, m->feels[i].speakers.count, p)) {
      sum += m->feels[i].score;
      count++;
    }
  n->has_feel = count > 0;
  if (count) n->feel = sum / (double)count;
}

cjm_flow_layout *cjm_flow_layout_new(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *only,
                                     bool detail) {
  cjm_flow_layout *L = cjm_xcalloc(1, sizeof *L);
  L->model = model;
  L->only = only;
  L->scale_min = model->journey.scale_min;
  L->scale_max = model->journey.scale_max;
  size_t stage_cap = 0, node_cap = 0, note_cap = 0, edge_cap = 0;
  /* the node of each step of the model, or SIZE_MAX when it does not show */
  size_t *node_of = cjm_xmalloc((model->step_count ? model->step_count : 1) * sizeof *node_of);
  bool many = model->persona_count > 1;
  size_t step_index = 0; /* steps are in stage order, then written order */
  for (size_t s = 0; s < model->stage_count; s++) {
    const cjm_stage *stage = model->stages[s];
    size_t first = L->node_count;
    for (size_t i = 0; i < stage->step_count; i++, step_index++) {
      const cjm_step *step = stage->steps[i];
      node_of[step_index] = SIZE_MAX;
      if (!step_shown(step, only)) continue;
      node_of[step_index] = L->node_count;
      cjm_flow_node *n = CJM_PUSH(L->nodes, L->node_count, node_cap);
      n->step = step;
      n->stage = L->stage_count;
      step_feel(n, analysis, only);
      const char *label = cjm_map_label(&step->decl);
      n->line_count = cjm_text_wrap(&L->lines, label, strlen(label), CJM_FLOW_FONT_STEP, true,
                                    CJM_FLOW_STEP_TEXT_WIDTH);
      n->first_line = L->lines.count - n->line_count;
      if (!detail) continue;
      const cjm_moment *m = &step->moment;
      for (size_t e = 0; e < m->entry_count; e++) {
        const cjm_lane_entry *entry = &m->entries[e];
        const char *lane = entry->lane->decl.id;
        if (!entry->lane->builtin || (strcmp(lane, "pain") != 0 && strcmp(lane, "opportunity") != 0)) continue;
        if (only && !cjm_personas_include(entry->speakers.items, entry->speakers.count, only)) continue;
        cjm_flow_note *note = CJM_PUSH(L->notes, L->note_count, note_cap);
        note->node = L->node_count - 1;
        note->entry = entry;
        note->persona = many && entry->speakers.count == 1 ? entry->speakers.items[0] : NULL;
        note->line_count = cjm_text_wrap(&L->lines, entry->text, strlen(entry->text), CJM_FLOW_FONT_NOTE, false,
                                         CJM_FLOW_NOTE_TEXT_WIDTH);
        note->first_line = L->lines.count - note->line_count;
      }
    }
    if (L->node_count == first && stage->step_count == 0 && !only) {
      cjm_flow_node *n = CJM_PUSH(L->nodes, L->node_count, node_cap);
      n->stage = L->stage_count;
      n->line_count = cjm_text_wrap(&L->lines, "no steps", 8, CJM_FLOW_FONT_NOTE, false, CJM_FLOW_STEP_TEXT_WIDTH);
      n->first_line = L->lines.count - n->line_count;
    }
    if (L->node_count == first) continue;
    cjm_flow_stage *st = CJM_PUSH(L->stages, L->stage_count, stage_cap);
    st->stage = stage;
    st->first_node = first;
    st->node_count = L->node_count - first;
  }

  /* A step that does not show hands its incoming edges on to the next
   * step that does, in written order. */
  size_t *shown_from = cjm_xmalloc((model->step_count + 1) * sizeof *shown_from);
  shown_from[model->step_count] = SIZE_MAX;
  for (size_t i = model->step_count; i-- > 0;)
    shown_from[i] = node_of[i] != SIZE_MAX ? node_of[i] : shown_from[i + 1];

  for (size_t i = 0; i < model->step_count; i++) {
    if (node_of[i] == SIZE_MAX) continue;
    const cjm_step *step = model->steps[i];
    size_t from = node_of[i];
    for (size_t k = 0; k < step->successor_count; k++) {
      size_t j = step->successors[k]->decl.index; /* its place in model->steps */
      if (j >= model->step_count) continue;
      size_t to = shown_from[j];
      if (to == SIZE_MAX) continue;
      if (to == from && j != i) continue; /* the hidden steps looped back to this one */
      cjm_flow_edge *e = CJM_PUSH(L->edges, L->edge_count, edge_cap);
      e->from = from;
      e->to = to;
      e->written = step->has_next;
      e->back = to <= from;
    }
  }
  free(shown_from);
  free(node_of);
  return L;
}

/* Height of a node's box. */
static double node_height(const cjm_flow_node *n) {
  double h = (double)n->line_count * cjm_text_line_height(n->step ? CJM_FLOW_FONT_STEP : CJM_FLOW_FONT_NOTE);
  if (n->step && (n->has_feel || n->word)) h += cjm_text_line_height(CJM_FLOW_FONT_FEEL) + 2;
  return h + 2 * NODE_PAD;
}

static double note_height(const cjm_flow_note *n) {
  return (double)n->line_count * cjm_text_line_height(CJM_FLOW_FONT_NOTE) + 2 * NODE_PAD;
}

/* A straight spline from (x0, y0) to the arrow's base before (x1, y1). */
static void straight(cjm_flow_edge *e, double x0, double y0, double x1, double y1) {
  double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
  double bx = len > ARROW ? x1 - dx / len * ARROW : x1, by = len > ARROW ? y1 - dy / len * ARROW : y1;
  double pts[8] = {x0, y0, x0 + (bx - x0) / 3, y0 + (by - y0) / 3, x0 + 2 * (bx - x0) / 3, y0 + 2 * (by - y0) / 3,
                   bx, by};
  memcpy(e->spline, pts, sizeof pts);
  e->arrow_x = x1;
  e->arrow_y = y1;
}

/* An arc over the line from the top of one node to the top of another. */
static void arc(cjm_flow_edge *e, const cjm_map_rect *a, const cjm_map_rect *b, double top) {
  double x0 = a->x + a->w / 2 + (e->back ? -12 : 12), x1 = b->x + b->w / 2 + (e->back ? 12 : -12);
  double span = fabs(x1 - x0) / (NODE_WIDTH + NODE_GAP);
  double h = fmin(ARC_MAX, ARC_BASE + 14 * span);
  double y0 = a->y, y1 = b->y, peak = top - h;
  double pts[8] = {x0, y0, x0, peak, x1, peak, x1, y1 - ARROW};
  memcpy(e->spline, pts, sizeof pts);
  e->arrow_x = x1;
  e->arrow_y = y1;
}

void cjm_flow_layout_place(cjm_flow_layout *L, double title_height) {
  double top = MARGIN + title_height;
  double line_top = top + ARC_MAX + 20 + STAGE_PAD + 2 * cjm_text_line_height(CJM_MAP_FONT_STAGE);
  double x = MARGIN, bottom = line_top;
  size_t note = 0;
  for (size_t s = 0; s < L->stage_count; s++) {
    cjm_flow_stage *st = &L->stages[s];
    const char *label = cjm_map_label(&st->stage->decl);
    double x0 = x;
    x += STAGE_PAD;
    for (size_t i = st->first_node; i < st->first_node + st->node_count; i++) {
      cjm_flow_node *n = &L->nodes[i];
      n->rect = (cjm_map_rect){x, line_top, NODE_WIDTH, node_height(n)};
      double y = line_top + n->rect.h + NOTE_GAP;
      for (; note < L->note_count && L->notes[note].node == i; note++) {
        cjm_flow_note *nt = &L->notes[note];
        nt->rect = (cjm_map_rect){x, y, NODE_WIDTH, note_height(nt)};
        y += nt->rect.h + NOTE_GAP;
      }
      if (y > bottom) bottom = y;
      x += NODE_WIDTH + NODE_GAP;
    }
    x += STAGE_PAD - NODE_GAP;
    double w = x - x0;
    st->line_count = cjm_text_wrap(&L->lines, label, strlen(label), CJM_MAP_FONT_STAGE, true,
                                   fmin(w, CJM_MAP_TEXT_MAX_WIDTH) - 2 * STAGE_PAD);
    st->first_line = L->lines.count - st->line_count;
    st->rect = (cjm_map_rect){x0, 0, w, 0}; /* its height once the lowest note is known */
    x += STAGE_GAP;
  }
  double stage_top = line_top - STAGE_PAD - 2 * cjm_text_line_height(CJM_MAP_FONT_STAGE);
  for (size_t s = 0; s < L->stage_count; s++) {
    L->stages[s].rect.y = stage_top;
    L->stages[s].rect.h = bottom + STAGE_PAD - stage_top;
  }
  for (size_t i = 0; i < L->edge_count; i++) {
    cjm_flow_edge *e = &L->edges[i];
    const cjm_map_rect *a = &L->nodes[e->from].rect, *b = &L->nodes[e->to].rect;
    if (e->to == e->from + 1 && !e->back) {
      double y = line_top + fmin(a->h, b->h) / 2;
      straight(e, a->x + a->w, y, b->x, y);
    } else {
      arc(e, a, b, stage_top);
    }
  }
  L->width = (L->stage_count ? x - STAGE_GAP : x) + MARGIN;
  L->height = bottom + STAGE_PAD + MARGIN;
  L->title_y = MARGIN;
  L->placed = true;
}

void cjm_flow_layout_free(cjm_flow_layout *L) {
  if (!L) return;
  free(L->stages);
  free(L->nodes);
  free(L->notes);
  free(L->edges);
  cjm_text_lines_free(&L->lines);
  free(L);
}
