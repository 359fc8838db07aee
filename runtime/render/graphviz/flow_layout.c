/* flow_layout — see flow_layout.h. One pass over the steps to choose the
 * nodes, one over their successors for the edges; wrapping is one pass
 * over the nodes, placing one more over the nodes and two over the
 * edges. */
#include "runtime/render/graphviz/flow_layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/grow.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

static const double MARGIN = 36;
static const double NODE_MIN_WIDTH = 54;  /* Graphviz's smallest node, 0.75 inches */
static const double NOTE_GAP = 10;
static const double LABEL_GAP = 6;        /* between a stage's label and its steps */
static const double LABEL_WIDTH = 240;    /* a stage's label wraps no narrower than this */
static const double ROW_GAP = 12;         /* between a row's stage boxes and the next row's band */
static const double CHANNEL = 24;         /* at the top of a row's band, for the edges from other rows */
static const double STEP_PITCH = 190;     /* a typical step and its gap, to scale arcs */
static const double ARC_BASE = 36;        /* the height of an arc over one step */
static const double ARC_MAX = 160;
static const double ARROW = 10;           /* an arrowhead's length */


/* Whether a step has something for persona (always, for NULL). */
static bool step_shown(const cjm_step *step, const cjm_persona *p) {
  if (!p) return true;
  const cjm_moment *m = &step->moment;
  return cjm_personas_include(m->by, m->by_count, p) || cjm_moment_speaks_for(m, p);
}

/* The emotion word shown beside a step's feel of score shown: the first
 * word among the feels counted (every feel, or those speaking for p with
 * --persona) whose own score is the one shown, to a tenth, so that the
 * word always describes the number beside it; else none (a mean of -0.3
 * is not "determined" because one persona was, at +1). */
static const char *word_for(const cjm_moment *m, const cjm_persona *p, double shown) {
  for (size_t i = 0; i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    if (!f->word || (p && !cjm_speaks_for(&f->speakers, p))) continue;
    if (round(f->score * 10) == round(shown * 10)) return f->word;
  }
  return NULL;
}

/* The mean feel of a step and its emotion word (word_for): from the
 * analysis for every persona, from the feels speaking for p with
 * --persona. */
static void step_feel(cjm_flow_node *n, const cjm_analysis *analysis, const cjm_persona *p) {
  const cjm_moment *m = &n->step->moment;
  if (!p) {
    const cjm_mean *mean = &analysis->step_feel[n->step->decl.index];
    n->has_feel = mean->count > 0;
    n->feel = cjm_mean_value(mean);
  } else {
    double sum = 0;
    size_t count = 0;
    for (size_t i = 0; i < m->feel_count; i++)
      if (cjm_speaks_for(&m->feels[i].speakers, p)) {
        sum += m->feels[i].score;
        count++;
      }
    n->has_feel = count > 0;
    if (count) n->feel = sum / (double)count;
  }
  n->word = n->has_feel ? word_for(m, p, n->feel) : NULL;
}

/* The widest of lines [first, first + count) at size points. */
static double lines_width(const cjm_text_lines *lines, size_t first, size_t count, double size, bool bold) {
  double w = 0;
  for (size_t i = first; i < first + count; i++)
    w = fmax(w, cjm_text_width(lines->items[i].text, lines->items[i].len, size, bold));
  return w;
}

/* The estimated width of a node's box: its label, and the line of its
 * mean feel and word, as graphviz_flow writes them. */
static double node_box_width(const cjm_flow_layout *L, const cjm_flow_node *n) {
  bool step = n->step != NULL;
  double w = lines_width(&L->lines, n->first_line, n->line_count, step ? CJM_FLOW_FONT_STEP : CJM_FLOW_FONT_NOTE, step);
  if (step && (n->has_feel || n->word)) {
    char score[32] = "";
    if (n->has_feel) cjm_present_score_rounded(score, sizeof score, n->feel, L->scale_min < 0);
    double feel = cjm_text_width(score, strlen(score), CJM_FLOW_FONT_FEEL, true);
    if (n->word)
      feel += cjm_text_width(" ", 1, CJM_FLOW_FONT_FEEL, false) +
              cjm_text_width(n->word, strlen(n->word), CJM_FLOW_FONT_FEEL, false);
    w = fmax(w, feel);
  }
  return fmax(NODE_MIN_WIDTH, w + 2 * CJM_FLOW_STEP_MARGIN_X);
}

bool cjm_flow_note_is_pain(const cjm_flow_note *note) { return strcmp(note->entry->lane->decl.id, "pain") == 0; }

const char *cjm_flow_note_kind(const cjm_flow_note *note) {
  return cjm_flow_note_is_pain(note)
             /* TRANSLATORS: the word in small bold capitals over a pain's text, in a note beside a step of
                the flow view (--detail). Capitals where the language has them. */
             ? cjm_tr("PAIN")
             /* TRANSLATORS: the word in small bold capitals over an opportunity's text, in a note beside a
                step of the flow view (--detail). Capitals where the language has them. */
             : cjm_tr("OPPORTUNITY");
}

/* The estimated width of a note's box: its kind in capitals over its text. */
static double note_box_width(const cjm_flow_layout *L, const cjm_flow_note *n) {
  const char *kind = cjm_flow_note_kind(n);
  double w = fmax(cjm_text_width(kind, strlen(kind), CJM_FLOW_FONT_NOTE, true),
                  lines_width(&L->lines, n->first_line, n->line_count, CJM_FLOW_FONT_NOTE, false));
  return fmax(NODE_MIN_WIDTH, w + 2 * CJM_FLOW_NOTE_MARGIN_X);
}

/* Sizes every node and note, and wraps each stage's label to its steps'
 * width (or to LABEL_WIDTH, for a narrow stage). */
static void measure(cjm_flow_layout *L) {
  for (size_t i = 0; i < L->node_count; i++) L->nodes[i].width = node_box_width(L, &L->nodes[i]);
  for (size_t i = 0; i < L->note_count; i++) {
    cjm_flow_note *note = &L->notes[i];
    note->width = note_box_width(L, note);
    cjm_flow_node *n = &L->nodes[note->node];
    n->width = fmax(n->width, note->width);
  }
  for (size_t s = 0; s < L->stage_count; s++) {
    cjm_flow_stage *st = &L->stages[s];
    double content = 0;
    for (size_t i = st->first_node; i < st->first_node + st->node_count; i++)
      content += L->nodes[i].width + (i > st->first_node ? CJM_FLOW_STEP_GAP : 0);
    const char *label = cjm_map_label(&st->stage->decl);
    st->line_count = cjm_text_wrap(&L->lines, label, strlen(label), CJM_FLOW_FONT_STAGE, false,
                                   fmin(fmax(content, LABEL_WIDTH), CJM_MAP_TEXT_MAX_WIDTH));
    st->first_line = L->lines.count - st->line_count;
    st->label_width = lines_width(&L->lines, st->first_line, st->line_count, CJM_FLOW_FONT_STAGE, false);
    st->width = fmax(content, st->label_width) + 2 * CJM_FLOW_STAGE_PAD;
  }
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
  /* indexed by a step's place in model->steps (its decl.index): a model
     of a part of the journey (pages.h) lists only some stages, but every
     step */
  for (size_t i = 0; i < model->step_count; i++) node_of[i] = SIZE_MAX;
  for (size_t s = 0; s < model->stage_count; s++) {
    const cjm_stage *stage = model->stages[s];
    size_t first = L->node_count;
    for (size_t i = 0; i < stage->step_count; i++) {
      const cjm_step *step = stage->steps[i];
      if (!step_shown(step, only)) continue;
      node_of[step->decl.index] = L->node_count;
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
        if (only && !cjm_speaks_for(&entry->speakers, only)) continue;
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
      const char *none = cjm_tr("no steps");
      n->line_count = cjm_text_wrap(&L->lines, none, strlen(none), CJM_FLOW_FONT_NOTE, false, CJM_FLOW_STEP_TEXT_WIDTH);
      n->first_line = L->lines.count - n->line_count;
    }
    if (L->node_count == first) continue;
    cjm_flow_stage *st = CJM_PUSH(L->stages, L->stage_count, stage_cap);
    st->stage = stage;
    st->first_node = first;
    st->node_count = L->node_count - first;
  }

  measure(L);

  /* A step that does not show hands its incoming edges on to the next
   * step that does, in written order. */
  size_t *shown_from = cjm_xmalloc((model->step_count + 1) * sizeof *shown_from);
  /* A step outside the stages drawn (a part of the journey, pages.h)
     hands nothing on: an edge to it is not drawn. */
  bool *in_view = cjm_xcalloc(model->step_count + 1, sizeof *in_view);
  for (size_t s = 0; s < model->stage_count; s++)
    for (size_t i = 0; i < model->stages[s]->step_count; i++) in_view[model->stages[s]->steps[i]->decl.index] = true;
  shown_from[model->step_count] = SIZE_MAX;
  for (size_t i = model->step_count; i-- > 0;)
    shown_from[i] = !in_view[i] ? SIZE_MAX : node_of[i] != SIZE_MAX ? node_of[i] : shown_from[i + 1];
  free(in_view);

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
  cjm_flow_layout_wrap(L, CJM_FLOW_ROW_WIDTH);
  return L;
}

/* A new row starting at node first, of stage s. Returns its index. */
static size_t new_row(cjm_flow_layout *L, size_t *capacity, size_t first, size_t s) {
  cjm_flow_row *row = CJM_PUSH(L->rows, L->row_count, *capacity);
  row->first_node = first;
  row->first_stage = s;
  return L->row_count - 1;
}

void cjm_flow_layout_wrap(cjm_flow_layout *L, double max_width) {
  free(L->rows);
  L->rows = NULL;
  L->row_count = 0;
  size_t capacity = 0, row = SIZE_MAX; /* the row being filled, SIZE_MAX when the next stage starts one */
  for (size_t s = 0; s < L->stage_count; s++) {
    cjm_flow_stage *st = &L->stages[s];
    size_t end = st->first_node + st->node_count;
    st->first_row = L->row_count;
    if (st->width > max_width && st->node_count > 1) {
      /* alone on rows of its own, cut between steps */
      double room = max_width - 2 * CJM_FLOW_STAGE_PAD, w = 0;
      row = SIZE_MAX;
      for (size_t i = st->first_node; i < end; i++) {
        double nw = L->nodes[i].width;
        if (row == SIZE_MAX || w + CJM_FLOW_STEP_GAP + nw > room) {
          row = new_row(L, &capacity, i, s);
          L->rows[row].stage_count = 1;
          w = nw;
        } else {
          w += CJM_FLOW_STEP_GAP + nw;
        }
        L->rows[row].node_count++;
        L->rows[row].width = w + 2 * CJM_FLOW_STAGE_PAD;
        L->nodes[i].row = row;
      }
      st->row_count = L->row_count - st->first_row;
      row = SIZE_MAX;
      continue;
    }
    if (row == SIZE_MAX || L->rows[row].width + CJM_FLOW_STAGE_GAP + st->width > max_width) {
      row = new_row(L, &capacity, st->first_node, s);
    } else {
      L->rows[row].width += CJM_FLOW_STAGE_GAP;
      st->first_row = row;
    }
    cjm_flow_row *r = &L->rows[row];
    r->width += st->width;
    r->stage_count++;
    r->node_count += st->node_count;
    st->row_count = 1;
    for (size_t i = st->first_node; i < end; i++) L->nodes[i].row = row;
  }
  /* notes are grouped by node: count each node's run */
  for (size_t i = 0, run = 0; i < L->note_count; i++) {
    run = i > 0 && L->notes[i - 1].node == L->notes[i].node ? run + 1 : 1;
    cjm_flow_row *r = &L->rows[L->nodes[L->notes[i].node].row];
    if (run > r->depth) r->depth = run;
  }
}

/* Height of a node's box. */
static double node_height(const cjm_flow_layout *L, const cjm_flow_node *n) {
  double h = cjm_text_block_height(&L->lines, n->first_line, n->line_count,
                                   n->step ? CJM_FLOW_FONT_STEP : CJM_FLOW_FONT_NOTE);
  if (n->step && (n->has_feel || n->word)) h += cjm_text_line_height(CJM_FLOW_FONT_FEEL) + 2;
  return h + 2 * CJM_FLOW_STEP_MARGIN_Y + 4;
}

static double note_height(const cjm_flow_layout *L, const cjm_flow_note *n) {
  /* its kind's line, then its text, apart from it as its lines are from each other */
  return cjm_text_line_height(CJM_FLOW_FONT_NOTE) +
         cjm_text_block_leading(&L->lines, n->first_line, n->line_count, CJM_FLOW_FONT_NOTE) +
         cjm_text_block_height(&L->lines, n->first_line, n->line_count, CJM_FLOW_FONT_NOTE) + 2 * CJM_FLOW_NOTE_MARGIN_Y + 4;
}

/* The edge along the polyline of n points xy (x, y pairs), each segment
 * a straight cubic piece, the last one ending at the arrow's base. */
static void polyline(cjm_flow_edge *e, const double *xy, size_t n) {
  double x1 = xy[2 * n - 2], y1 = xy[2 * n - 1], x0 = xy[2 * n - 4], y0 = xy[2 * n - 3];
  double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
  double bx = len > ARROW ? x1 - dx / len * ARROW : x1, by = len > ARROW ? y1 - dy / len * ARROW : y1;
  double *p = e->spline;
  p[0] = xy[0];
  p[1] = xy[1];
  size_t k = 1;
  for (size_t i = 1; i < n; i++) {
    double ax = xy[2 * i - 2], ay = xy[2 * i - 1], cx = i == n - 1 ? bx : xy[2 * i], cy = i == n - 1 ? by : xy[2 * i + 1];
    double piece[6] = {ax + (cx - ax) / 3, ay + (cy - ay) / 3, ax + 2 * (cx - ax) / 3, ay + 2 * (cy - ay) / 3, cx, cy};
    memcpy(&p[2 * k], piece, sizeof piece);
    k += 3;
  }
  e->point_count = k;
  e->arrow_x = x1;
  e->arrow_y = y1;
}

/* The height of an arc over the line between x0 and x1. */
static double arc_height(double x0, double x1) {
  return fmin(ARC_MAX, ARC_BASE + 14 * fabs(x1 - x0) / STEP_PITCH);
}

/* Where an arc from a to b leaves a and reaches b. */
static void arc_ends(const cjm_flow_edge *e, const cjm_map_rect *a, const cjm_map_rect *b, double *x0, double *x1) {
  *x0 = a->x + a->w / 2 + (e->back ? -12 : 12);
  *x1 = b->x + b->w / 2 + (e->back ? 12 : -12);
}

/* An arc over the row from the top of one node to the top of another. */
static void arc(cjm_flow_edge *e, const cjm_map_rect *a, const cjm_map_rect *b, double top) {
  double x0, x1;
  arc_ends(e, a, b, &x0, &x1);
  double peak = top - arc_height(x0, x1), y0 = a->y, y1 = b->y;
  double pts[8] = {x0, y0, x0, peak, x1, peak, x1, y1 - ARROW};
  memcpy(e->spline, pts, sizeof pts);
  e->point_count = 4;
  e->arrow_x = x1;
  e->arrow_y = y1;
}

/* Whether an edge is drawn straight: to the next node of the same row. */
static bool edge_straight(const cjm_flow_layout *L, const cjm_flow_edge *e) {
  return e->to == e->from + 1 && !e->back && L->nodes[e->from].row == L->nodes[e->to].row;
}

/* Whether an edge wraps: from the last node of a row to the first of the next. */
static bool edge_wraps(const cjm_flow_layout *L, const cjm_flow_edge *e) {
  return e->to == e->from + 1 && !e->back && L->nodes[e->from].row != L->nodes[e->to].row;
}

/* Places the nodes of each row and the stage boxes left to right;
 * returns the right end of the widest row. */
static double place_columns(cjm_flow_layout *L) {
  double right = MARGIN;
  for (size_t r = 0; r < L->row_count; r++) {
    const cjm_flow_row *row = &L->rows[r];
    double x = MARGIN;
    size_t row_end = row->first_node + row->node_count;
    for (size_t s = row->first_stage; s < row->first_stage + row->stage_count; s++) {
      cjm_flow_stage *st = &L->stages[s];
      size_t first = st->first_node > row->first_node ? st->first_node : row->first_node;
      size_t end = st->first_node + st->node_count < row_end ? st->first_node + st->node_count : row_end;
      double x0 = x;
      x += CJM_FLOW_STAGE_PAD;
      for (size_t i = first; i < end; i++) {
        L->nodes[i].rect.x = x;
        L->nodes[i].rect.w = L->nodes[i].width;
        x += L->nodes[i].width + CJM_FLOW_STEP_GAP;
      }
      x += CJM_FLOW_STAGE_PAD - CJM_FLOW_STEP_GAP;
      if (st->row_count == 1) x = x0 + st->width; /* room for its label too */
      if (r == st->first_row) st->rect = (cjm_map_rect){x0, 0, x - x0, 0};
      right = fmax(right, x);
      x += CJM_FLOW_STAGE_GAP;
    }
  }
  return right;
}

void cjm_flow_layout_place(cjm_flow_layout *L, double title_height) {
  double right = place_columns(L);
  /* the highest arc within each row, for the height of its band */
  double *arcs = cjm_xcalloc(L->row_count ? L->row_count : 1, sizeof *arcs);
  for (size_t i = 0; i < L->edge_count; i++) {
    const cjm_flow_edge *e = &L->edges[i];
    size_t r = L->nodes[e->from].row;
    if (r != L->nodes[e->to].row || edge_straight(L, e)) continue;
    double x0, x1;
    arc_ends(e, &L->nodes[e->from].rect, &L->nodes[e->to].rect, &x0, &x1);
    arcs[r] = fmax(arcs[r], arc_height(x0, x1));
  }
  /* rows top to bottom: a channel and the arcs, the stage labels, the
     steps and their notes */
  double y = MARGIN + title_height;
  size_t note = 0;
  for (size_t r = 0; r < L->row_count; r++) {
    cjm_flow_row *row = &L->rows[r];
    row->top = y;
    double stage_top = y + CHANNEL + arcs[r], labels = 0;
    for (size_t s = row->first_stage; s < row->first_stage + row->stage_count; s++)
      labels = fmax(labels, cjm_text_block_height(&L->lines, L->stages[s].first_line, L->stages[s].line_count,
                                                  CJM_FLOW_FONT_STAGE) +
                                LABEL_GAP);
    row->box_top = stage_top;
    double node_top = stage_top + CJM_FLOW_STAGE_PAD + labels, bottom = node_top;
    for (size_t i = row->first_node; i < row->first_node + row->node_count; i++) {
      cjm_flow_node *n = &L->nodes[i];
      n->rect.y = node_top;
      n->rect.h = node_height(L, n);
      double ny = node_top + n->rect.h + NOTE_GAP;
      for (; note < L->note_count && L->notes[note].node == i; note++) {
        cjm_flow_note *nt = &L->notes[note];
        nt->rect = (cjm_map_rect){n->rect.x, ny, n->rect.w, note_height(L, nt)};
        ny += nt->rect.h + NOTE_GAP;
      }
      bottom = fmax(bottom, ny - NOTE_GAP);
    }
    row->bottom = bottom + CJM_FLOW_STAGE_PAD;
    for (size_t s = row->first_stage; s < row->first_stage + row->stage_count; s++) {
      cjm_flow_stage *st = &L->stages[s];
      if (st->first_row != r) continue;
      st->rect.y = stage_top;
      st->rect.h = row->bottom - stage_top;
    }
    y = row->bottom + ROW_GAP;
  }
  double gutter_left = MARGIN / 2, gutter_right = right + CJM_FLOW_STAGE_GAP;
  for (size_t i = 0; i < L->edge_count; i++) {
    cjm_flow_edge *e = &L->edges[i];
    const cjm_map_rect *a = &L->nodes[e->from].rect, *b = &L->nodes[e->to].rect;
    const cjm_flow_row *ra = &L->rows[L->nodes[e->from].row], *rb = &L->rows[L->nodes[e->to].row];
    if (edge_straight(L, e)) {
      double ym = a->y + fmin(a->h, b->h) / 2;
      double xy[4] = {a->x + a->w, ym, b->x, ym};
      polyline(e, xy, 2);
    } else if (ra == rb) {
      arc(e, a, b, ra->top + CHANNEL + arcs[ra - L->rows]);
    } else if (edge_wraps(L, e)) {
      /* out of the row's last step to the right, past its stage's box,
         down to the next row's channel, left to the margin, and into the
         first step's side */
      cjm_map_rect box = cjm_flow_layout_box(L, L->nodes[e->from].stage, L->nodes[e->from].row);
      double x1 = box.x + box.w + CJM_FLOW_STAGE_GAP / 2, yc = rb->top + CHANNEL / 3;
      double ya = a->y + a->h / 2, yb = b->y + b->h / 2;
      double xy[12] = {a->x + a->w, ya, x1, ya, x1, yc, gutter_left, yc, gutter_left, yb, b->x, yb};
      polyline(e, xy, 6);
    } else {
      /* up out of the step, along its row's channel to the right margin,
         to the other row's channel, and down into the step */
      double x0 = a->x + a->w / 2 + (e->back ? -8 : 8), x1 = b->x + b->w / 2 + (e->back ? 8 : -8);
      double y0 = ra->top + 2 * CHANNEL / 3, y1 = rb->top + 2 * CHANNEL / 3;
      double xy[12] = {x0, a->y, x0, y0, gutter_right, y0, gutter_right, y1, x1, y1, x1, b->y};
      polyline(e, xy, 6);
    }
  }
  free(arcs);
  L->width = right + MARGIN;
  L->height = (L->row_count ? y - ROW_GAP : y) + MARGIN;
  L->title_y = MARGIN;
  L->placed = true;
}

cjm_map_rect cjm_flow_layout_box(const cjm_flow_layout *L, size_t s, size_t r) {
  const cjm_flow_stage *st = &L->stages[s];
  if (r == st->first_row) return st->rect;
  /* a further row of a stage wider than a row: round its steps there */
  const cjm_flow_row *row = &L->rows[r];
  const cjm_map_rect *first = &L->nodes[row->first_node].rect;
  const cjm_map_rect *last = &L->nodes[row->first_node + row->node_count - 1].rect;
  double x0 = first->x - CJM_FLOW_STAGE_PAD, x1 = last->x + last->w + CJM_FLOW_STAGE_PAD;
  return (cjm_map_rect){x0, row->box_top, x1 - x0, row->bottom - row->box_top};
}

void cjm_flow_layout_free(cjm_flow_layout *L) {
  if (!L) return;
  free(L->stages);
  free(L->nodes);
  free(L->notes);
  free(L->edges);
  free(L->rows);
  cjm_text_lines_free(&L->lines);
  free(L);
}

size_t cjm_flow_layout_dot_cost(const cjm_flow_layout *L) {
  size_t jumps = 0;
  for (size_t i = 0; i < L->edge_count; i++) jumps += L->edges[i].to != L->edges[i].from + 1 || L->edges[i].back;
  return L->node_count + jumps * jumps / 50;
}
