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
 * Graphviz's dot engine places small flows. For large ones (its time
 * grows faster than the number of steps) cjm_flow_layout_place() puts
 * the steps on one line in written order, stage after stage, with their
 * notes under them and the edges that skip steps or loop back as arcs
 * above: linear in the number of steps and edges.
 *
 * Pure: no Graphviz. Points, origin at the top left, y downwards. The
 * layout owns its arrays and wrapped lines; it points into the model,
 * which must outlive it. */
#ifndef CJM_FLOW_LAYOUT_H
#define CJM_FLOW_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/analysis.h"
#include "runtime/map_layout.h"
#include "runtime/model.h"
#include "runtime/text_wrap.h"

/* Font sizes the flow view's text is measured with, in points. */
#define CJM_FLOW_FONT_STEP 11.0
#define CJM_FLOW_FONT_FEEL 9.0
#define CJM_FLOW_FONT_NOTE 9.0
/* The width text is wrapped to in a step and in a note. */
#define CJM_FLOW_STEP_TEXT_WIDTH 150.0
#define CJM_FLOW_NOTE_TEXT_WIDTH 150.0

/* A step shown as a node, or the placeholder of a stage without steps. */
typedef struct cjm_flow_node {
  const cjm_step *step;        /* NULL for a stage without steps */
  size_t stage;                /* index into the layout's stages */
  bool has_feel;
  double feel;                 /* the mean feel (of the persona, with --persona) */
  const char *word;            /* the first emotion word, or NULL */
  size_t first_line, line_count; /* the label, wrapped */
  cjm_map_rect rect;           /* placed layouts only */
} cjm_flow_node;

/* A pain or an opportunity attached to a node (--detail). */
typedef struct cjm_flow_note {
  size_t node;
  const cjm_lane_entry *entry;
  const cjm_persona *persona;  /* the one persona it speaks for, to colour it; else NULL */
  size_t first_line, line_count;
  cjm_map_rect rect;           /* placed layouts only */
} cjm_flow_note;

typedef struct cjm_flow_edge {
  size_t from, to;             /* node indices */
  bool written;                /* from a `next` entry */
  bool back;                   /* to a step written before (a loop) */
  double spline[8];            /* placed layouts: a cubic Bezier from the tail to the arrow's base */
  double arrow_x, arrow_y;     /* and the arrow's tip */
} cjm_flow_edge;

typedef struct cjm_flow_stage {
  const cjm_stage *stage;
  size_t first_node, node_count;
  size_t first_line, line_count; /* the label, wrapped (placed layouts) */
  cjm_map_rect rect;           /* placed layouts: the cluster's box */
} cjm_flow_stage;

typedef struct cjm_flow_layout {
  const cjm_model *model;
  const cjm_persona *only;
  double scale_min, scale_max; /* the journey's emotion scale */
  cjm_flow_stage *stages; size_t stage_count;
  cjm_flow_node *nodes; size_t node_count;
  cjm_flow_note *notes; size_t note_count; /* grouped by node, in node order */
  cjm_flow_edge *edges; size_t edge_count;
  cjm_text_lines lines;
  bool placed;                 /* cjm_flow_layout_place() was called */
  double width, height;        /* placed layouts */
  double title_y;              /* placed layouts: the title's top */
} cjm_flow_layout;

/* What the flow view of model shows (only the persona `only` when not
 * NULL; pains and opportunities as notes when detail). */
cjm_flow_layout *cjm_flow_layout_new(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *only,
                                     bool detail);

/* Places the nodes, notes, stage boxes and edges on one line, below a
 * band of title_height points for the title. */
void cjm_flow_layout_place(cjm_flow_layout *layout, double title_height);

/* Frees a layout. NULL is allowed. */
void cjm_flow_layout_free(cjm_flow_layout *layout);

#endif
