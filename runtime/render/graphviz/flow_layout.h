/* flow_layout — what the flow view shows, and where when cjm places it.
 *
 * The flow view draws steps as nodes clustered by stage, with an edge
 * from each step to each of its successors (`next`, or else the step
 * written after it), each node filled by the mean of its feels, and with
 * --detail the step's pains and opportunities as notes. This module
 * decides all of that from the model and its analysis: which steps show
 * (with --persona, those that have something for the persona; an edge to
 * a step that does not show goes on to the next one that does), their
 * labels wrapped, their fill, their notes and edges.
 *
 * It also wraps the flow into rows, so that a long journey reads top to
 * bottom, each row left to right: the stages, whole and in order, are
 * packed greedily into rows of at most CJM_FLOW_ROW_WIDTH points, their
 * widths estimated from the wrapped labels (text_wrap); a stage wider
 * than a row has rows of its own, its steps cut between them, and a box
 * on each. Both drawings follow the same rows.
 *
 * Graphviz's dot engine places small flows (one rank per row). For large
 * ones (its time grows faster than the number of steps)
 * cjm_flow_layout_place() puts the steps of each row on a line in written
 * order, stage after stage, with their notes under them, the edges that
 * skip steps or loop back within a row as arcs above it and the edges
 * between rows along the margins: linear in the number of steps and
 * edges.
 *
 * Pure: no Graphviz. Points, origin at the top left, y downwards. The
 * layout owns its arrays and wrapped lines; it points into the model,
 * which must outlive it. */
#ifndef CJM_FLOW_LAYOUT_H
#define CJM_FLOW_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/core/analysis.h"
#include "runtime/render/graphviz/map_layout.h"
#include "runtime/core/model.h"
#include "runtime/render/graphviz/text_wrap.h"

/* Font sizes the flow view's text is measured with, in points. */
#define CJM_FLOW_FONT_STEP 11.0
#define CJM_FLOW_FONT_FEEL 9.0
#define CJM_FLOW_FONT_NOTE 9.0
/* The width text is wrapped to in a step and in a note. */
#define CJM_FLOW_STEP_TEXT_WIDTH 150.0
#define CJM_FLOW_NOTE_TEXT_WIDTH 150.0
/* The font size of a stage's label. */
#define CJM_FLOW_FONT_STAGE 13.0

/* The widest a row of the flow gets before the next stage goes on a new
 * row, in points: 25 inches, a 2,400-pixel PNG, about nine steps, which
 * still reads on a 16:9 slide. The estimate of a row's width counts its
 * steps' boxes and the gaps below. */
#define CJM_FLOW_ROW_WIDTH 1800.0
/* Between two steps of a row (Graphviz's nodesep), around the steps of a
 * stage (its cluster's margin), and between two stages of a row. */
#define CJM_FLOW_STEP_GAP 36.0
#define CJM_FLOW_STAGE_PAD 12.0
#define CJM_FLOW_STAGE_GAP 18.0
/* The margins between a box's edge and its text: a step's (Graphviz's
 * margin="0.12,0.08") and a note's ("0.1,0.06"). */
#define CJM_FLOW_STEP_MARGIN_X 8.64
#define CJM_FLOW_STEP_MARGIN_Y 5.76
#define CJM_FLOW_NOTE_MARGIN_X 7.2
#define CJM_FLOW_NOTE_MARGIN_Y 4.32

/* A step shown as a node, or the placeholder of a stage without steps. */
typedef struct cjm_flow_node {
  const cjm_step *step;        /* NULL for a stage without steps */
  size_t stage;                /* index into the layout's stages */
  bool has_feel;
  double feel;                 /* the mean feel (of the persona, with --persona) */
  const char *word;            /* the first emotion word, or NULL */
  size_t first_line, line_count; /* the label, wrapped */
  size_t row;                  /* index into the layout's rows */
  double width;                /* its box's estimated width, at least as wide as its notes */
  cjm_map_rect rect;           /* placed layouts only */
} cjm_flow_node;

/* A pain or an opportunity attached to a node (--detail). */
typedef struct cjm_flow_note {
  size_t node;
  const cjm_lane_entry *entry;
  const cjm_persona *persona;  /* the one persona it speaks for, to colour it; else NULL */
  size_t first_line, line_count;
  double width;                /* its box's estimated width */
  cjm_map_rect rect;           /* placed layouts only */
} cjm_flow_note;

/* Whether note is a pain (else an opportunity). */
bool cjm_flow_note_is_pain(const cjm_flow_note *note);

/* The word over a note's text, its kind in capitals ("PAIN",
 * "OPPORTUNITY"), in the language of the words (words.h). */
const char *cjm_flow_note_kind(const cjm_flow_note *note);

/* The most points of an edge's spline in a placed layout: five pieces,
 * for an edge that goes round to another row. */
#define CJM_FLOW_SPLINE_POINTS 16

typedef struct cjm_flow_edge {
  size_t from, to;             /* node indices */
  bool written;                /* from a `next` entry */
  bool back;                   /* to a step written before (a loop) */
  double spline[2 * CJM_FLOW_SPLINE_POINTS]; /* placed layouts: a piecewise cubic Bezier from the
                                                tail to the arrow's base, x and y of each point */
  size_t point_count;          /* placed layouts: its points, 3k + 1 for k pieces */
  double arrow_x, arrow_y;     /* and the arrow's tip */
} cjm_flow_edge;

typedef struct cjm_flow_stage {
  const cjm_stage *stage;
  size_t first_node, node_count;
  size_t first_row, row_count; /* more than one row only for a stage wider than a row,
                                  which then has a box on each */
  size_t first_line, line_count; /* the label, wrapped to its steps' width */
  double label_width;          /* the label's widest line */
  double width;                /* its box's estimated width on one row: its steps or its label */
  cjm_map_rect rect;           /* placed layouts: its box (on its first row) */
} cjm_flow_stage;

/* A row of the flow: consecutive nodes, left to right, of whole stages,
 * or of one stage wider than a row. */
typedef struct cjm_flow_row {
  size_t first_node, node_count;
  size_t first_stage, stage_count;
  double width;                /* estimated: its stage boxes and the gaps between them */
  size_t depth;                /* the most notes under one of its nodes */
  double top, bottom;          /* placed layouts: its band, arcs above it included */
  double box_top;              /* placed layouts: the top of its stage boxes */
} cjm_flow_row;

typedef struct cjm_flow_layout {
  const cjm_model *model;
  const cjm_persona *only;
  double scale_min, scale_max; /* the journey's emotion scale */
  cjm_flow_stage *stages; size_t stage_count;
  cjm_flow_node *nodes; size_t node_count;
  cjm_flow_note *notes; size_t note_count; /* grouped by node, in node order */
  cjm_flow_edge *edges; size_t edge_count;
  cjm_flow_row *rows; size_t row_count; /* top to bottom; at least one when there are nodes */
  cjm_text_lines lines;
  bool placed;                 /* cjm_flow_layout_place() was called */
  double width, height;        /* placed layouts */
  double title_y;              /* placed layouts: the title's top */
} cjm_flow_layout;

/* What the flow view of model shows (only the persona `only` when not
 * NULL; pains and opportunities as notes when detail). */
cjm_flow_layout *cjm_flow_layout_new(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *only,
                                     bool detail);

/* Wraps the flow into rows of at most max_width points (estimated;
 * cjm_flow_layout_new() wraps to CJM_FLOW_ROW_WIDTH): stages in order,
 * each whole on one row, as many on a row as fit; a stage wider than
 * max_width alone on as many rows as its steps need. Linear in the number
 * of nodes. Not after cjm_flow_layout_place(). */
void cjm_flow_layout_wrap(cjm_flow_layout *layout, double max_width);

/* Places the rows top to bottom below a band of title_height points for
 * the title: in each row its nodes, notes and stage boxes on a line, and
 * every edge. */
void cjm_flow_layout_place(cjm_flow_layout *layout, double title_height);

/* The box of stage s on row r, one of its rows, in a placed layout. */
cjm_map_rect cjm_flow_layout_box(const cjm_flow_layout *layout, size_t s, size_t r);

/* What laying the flow out with Graphviz's dot engine would cost, in
 * steps of a plain chain: the nodes, plus the square of the edges that
 * jump (`next` to a step that is not the following one, and loops back)
 * over 50. dot's time grows with that square: measured with 3 `next` per
 * step, 100 steps 0.9 s, 200 steps 10.6 s, 300 steps 46 s, where a chain
 * of 2,000 steps takes 0.7 s. */
size_t cjm_flow_layout_dot_cost(const cjm_flow_layout *layout);

/* Frees a layout. NULL is allowed. */
void cjm_flow_layout_free(cjm_flow_layout *layout);

#endif
