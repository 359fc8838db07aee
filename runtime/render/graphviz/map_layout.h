/* map_layout — the map view's picture, laid out by cjm on a true grid.
 *
 * From the model and its analysis, computes where everything of the map
 * view goes and what it says, in cjm's own terms and in points (origin
 * at the top left, y growing downwards): the header (title, goal, status,
 * journey-level measures), the persona cards, the stage headers, the
 * columns (one per step; one per stage without steps), the rows (lanes,
 * in the order of reference section 9 and issue 3), the cells with their
 * items (text already wrapped to the cell's width), the emotion curve
 * (points, smooth runs and the dotted bridges over gaps, the neutral line
 * and the scale's bounds), the service-blueprint lines and the legend.
 * A backend only draws what it finds here.
 *
 * Given the marks of a diff (map_marks.h, `cjm diff -T svg`), the layout
 * also says what happened to each thing it places (added, changed or
 * removed: a cjm_mark beside it), puts back where they were the steps,
 * stages, personas, lane entries, `by`, `via` and measures of the old
 * journey that the new one lost, and places the earlier feels on the
 * curve (read on the new scale when the scale changed, as the diff
 * compares them). Without marks every mark is NONE and the layout is the
 * map's.
 *
 * Pure: no Graphviz, no I/O. Linear in the size of the journey (steps,
 * entries, text). A cjm_map_layout owns its arrays and any text it
 * composes (numbers with their units); everything else points into the
 * model, which must outlive it (and with marks into the old journey's
 * model and the marks). Free with cjm_map_layout_free().
 *
 * Built by map_layout.c and its parts (map_grid, map_cells, map_curves,
 * map_cards, map_legend), which share map_layout_build.h among
 * themselves only. */
#ifndef CJM_MAP_LAYOUT_H
#define CJM_MAP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/core/analysis.h"
#include "runtime/review/map_marks.h"
#include "runtime/core/model.h"
#include "runtime/render/graphviz/text_wrap.h"

/* Font sizes, in points, that the layout measured text with. */
#define CJM_MAP_FONT_TITLE 30.0
#define CJM_MAP_FONT_GOAL 15.0
#define CJM_MAP_FONT_META 11.0
#define CJM_MAP_FONT_CARD_NAME 14.0
#define CJM_MAP_FONT_SMALL 9.0
#define CJM_MAP_FONT_BODY 10.0
#define CJM_MAP_FONT_STAGE 14.0
#define CJM_MAP_FONT_STEP 11.0
#define CJM_MAP_FONT_ROW 12.0

/* Padding inside an item's card and between items, in points: the
 * backend draws items with the same values so that they fit. */
#define CJM_MAP_ITEM_PAD 4.0
#define CJM_MAP_ITEM_GAP 4.0
/* Padding inside a stage heading, round its label, and the gap between
 * the label and the stage's summary line, in points: the backend draws
 * the heading with the same values. */
#define CJM_MAP_STAGE_PAD 8.0
#define CJM_MAP_STAGE_SUMMARY_GAP 2.0
/* The widest a block of text or a card gets, however wide the map: long
 * lines are hard to read, and Graphviz ignores widths above 65535. */
#define CJM_MAP_TEXT_MAX_WIDTH 1200.0

/* The border of a step's card (the other cards have none). */
#define CJM_MAP_STEP_BORDER 1.0
/* Room for the coloured marker before an item that speaks for one persona. */
#define CJM_MAP_MARKER_WIDTH 11.0
/* The border of a card (item, heading) that a diff marks. */
#define CJM_MAP_MARK_BORDER 2.0

/* A rectangle in points: top left corner, width and height. */
typedef struct cjm_map_rect {
  double x, y, w, h;
} cjm_map_rect;

/* What a row shows. */
typedef enum cjm_map_row_kind {
  CJM_MAP_ROW_ACTIONS,  /* the step labels, who takes them, and `action` entries */
  CJM_MAP_ROW_CHANNELS, /* channels used (`via`) and `touchpoint` entries */
  CJM_MAP_ROW_LANE,     /* the entries of one lane (thought, pain, a declared lane...) */
  CJM_MAP_ROW_CURVE,    /* the emotion curve */
  CJM_MAP_ROW_METRICS,  /* measures against their targets */
} cjm_map_row_kind;

/* A service-blueprint line drawn at the top of a row. */
typedef enum cjm_map_line {
  CJM_MAP_LINE_NONE,
  CJM_MAP_LINE_INTERACTION, /* above `frontstage` */
  CJM_MAP_LINE_VISIBILITY,  /* above `backstage` */
  CJM_MAP_LINE_INTERNAL,    /* above `support` (line of internal interaction) */
} cjm_map_line;

typedef struct cjm_map_row {
  cjm_map_row_kind kind;
  const cjm_lane *lane;        /* the lane of a LANE row (and `action`, `touchpoint`); else NULL */
  const char *title;           /* the row heading */
  cjm_map_rect rect;           /* the band, heading column included */
  size_t first_line, line_count; /* the heading, wrapped */
  cjm_map_line line_above;     /* a blueprint line in the gap above the row */
  double line_y;               /* where that line runs */
  cjm_mark mark;               /* its lane's; REMOVED: a lane of the old journey, for the
                                  entries removed with it */
} cjm_map_row;

/* One column of the grid: a step, or a stage that has none. */
typedef struct cjm_map_column {
  const cjm_stage *stage;
  const cjm_step *step;        /* NULL for a stage without steps */
  size_t stage_slot;           /* index into the layout's stages */
  double x, w;
  cjm_mark mark;               /* its step's (or stage's); REMOVED: they are the old journey's,
                                  and only the step's label shows */
} cjm_map_column;

/* A stage heading over its columns. */
typedef struct cjm_map_stage {
  const cjm_stage *stage;
  size_t first_column, column_count;
  cjm_map_rect rect;           /* the heading */
  size_t first_line, line_count; /* the label, wrapped to at most CJM_MAP_TEXT_MAX_WIDTH */
  const char *summary;         /* "feel ⌀ −0.5 · 2 pains · 1 opportunity" (owned) */
  bool pain_without_opportunity;
  cjm_mark mark;               /* REMOVED: a stage of the old journey, without summary */
} cjm_map_stage;

typedef enum cjm_map_item_kind {
  CJM_MAP_ITEM_STEP,           /* a step's label (bold) */
  CJM_MAP_ITEM_PERSONA,        /* a persona taking part in the step (`by`) */
  CJM_MAP_ITEM_CHANNEL,        /* a channel used (`via`) */
  CJM_MAP_ITEM_ENTRY,          /* a lane entry */
  CJM_MAP_ITEM_MEASURE,        /* an observed value against the metric's target */
} cjm_map_item_kind;

/* One thing in a cell, drawn as a small card. */
typedef struct cjm_map_item {
  cjm_map_item_kind kind;
  const cjm_persona *persona;  /* the one persona it speaks for, to colour it; else NULL */
  const cjm_lane_entry *entry; /* ENTRY */
  const cjm_channel *channel;  /* CHANNEL */
  const cjm_measure *measure;  /* MEASURE */
  cjm_target_result result;    /* MEASURE: met, missed or unknown */
  size_t first_line, line_count; /* the text, wrapped; for MEASURE the metric's label,
                                    then the value lines */
  size_t value_lines;          /* MEASURE: how many of the lines, at the end, are the value */
  double height;               /* the card's height, padding included */
  cjm_mark mark;               /* REMOVED: persona, channel, entry or measure are the old
                                  journey's (persona then only colours it: the new journey's
                                  persona of that name) */
} cjm_map_item;

/* A cell: the items of one row in one column, or of a stage's own
 * entries across all its columns (span), or a journey-level measure in
 * the header (row SIZE_MAX, no column). */
typedef struct cjm_map_cell {
  size_t row;
  size_t column, column_count; /* first column and how many it spans */
  const cjm_stage *stage;
  const cjm_step *step;        /* NULL for a stage's own entries */
  cjm_map_rect rect;
  size_t first_item, item_count;
  double text_width;           /* the width items were wrapped to (marker excluded) */
} cjm_map_cell;

/* A persona's feel as the curve places it: whose line it is on, at which
 * moment, where, and what it was. A point of the curve and the ghost of
 * an earlier feel each have one. */
typedef struct cjm_map_feel {
  size_t series;               /* into the layout's series */
  size_t column;               /* its step's column; a stage-level feel: the stage's first */
  const cjm_stage *stage;
  const cjm_step *step;        /* NULL for a stage-level feel */
  double x, y;                 /* the centre of its disc */
  double score;                /* the mean of the feels speaking for the persona there, on the
                                  map's scale */
  const char *word;            /* the first emotion word, or NULL */
} cjm_map_feel;

/* One point of a persona's curve. */
typedef struct cjm_map_point {
  cjm_map_feel feel;           /* the feel now */
  bool word_shown;             /* whether the word is drawn: only where it fits beside its
                                  point, and once per shared level (the tooltip has it always) */
  double label_x, label_y;     /* the centre of the word's line */
  double slope;                /* dy/dx of the curve through the point */
  double x0, x1;               /* a stage-level feel of a stage with steps: a level across
                                  x0..x1, its marker at feel's (x, y) near the stage's left edge */
  size_t level_share;          /* such a level: how many series share it (same score and word) */
  bool level_lead;             /* the first of them, which draws the level and its word */
  cjm_mark mark;               /* the feel added or changed */
} cjm_map_point;

/* An earlier feel: where a persona's point was on the curve before a
 * diff's change, or a feel the new journey no longer has. */
typedef struct cjm_map_ghost {
  cjm_map_feel feel;           /* the old feel: its score read on the map's scale when the
                                  scale changed (as the diff compares them), its old word */
  double written;              /* the old score as the old journey wrote it, on its own scale
                                  (scale.old_min..old_max when scale.rescaled; else feel.score) */
  cjm_mark mark;               /* CHANGED: the point it moved to is points[point]; REMOVED */
  size_t point;                /* CHANGED: into the layout's points; else SIZE_MAX */
} cjm_map_ghost;

/* A stretch of a curve: a smooth run through consecutive points, or a
 * dotted bridge over steps without a feel. */
typedef struct cjm_map_run {
  size_t series;
  size_t first_point, point_count; /* into the layout's points */
  bool bridge;
} cjm_map_run;

/* One line of the curve: a persona, or the journey's feels when it has
 * no persona. */
typedef struct cjm_map_series {
  const cjm_persona *persona;  /* NULL: every feel */
  size_t colour;               /* palette index (the persona's declaration index) */
} cjm_map_series;

/* What a block of text in the header or on a persona card is. */
typedef enum cjm_map_text_kind {
  CJM_MAP_TEXT_TITLE,          /* the journey's title */
  CJM_MAP_TEXT_GOAL,           /* its goal */
  CJM_MAP_TEXT_META,           /* owner, other attributes, the scale */
  CJM_MAP_TEXT_CARD_NAME,      /* a persona's label */
  CJM_MAP_TEXT_CARD_KIND,      /* "PERSON" or "COMPANY" */
  CJM_MAP_TEXT_CARD_KEY,       /* an attribute's key ("Role") */
  CJM_MAP_TEXT_CARD_VALUE,     /* its value */
  CJM_MAP_TEXT_CARD_QUOTE,     /* a `quote` attribute */
  CJM_MAP_TEXT_CARD_MOMENT,    /* lowest and highest moments, mean feel (analysis) */
} cjm_map_text_kind;

/* A block of wrapped text placed at rect. */
typedef struct cjm_map_text {
  cjm_map_text_kind kind;
  cjm_map_rect rect;
  size_t first_line, line_count;
  cjm_mark mark;               /* TITLE, GOAL, META: what a diff changed in the header */
} cjm_map_text;

/* A persona card. */
typedef struct cjm_map_card {
  const cjm_persona *persona;
  size_t colour;
  cjm_map_rect rect;
  size_t first_text, text_count; /* its texts, in the layout's texts */
  cjm_mark mark;               /* REMOVED: a persona of the old journey (its name and kind) */
} cjm_map_card;

/* What an entry of the legend explains. */
typedef enum cjm_map_key_kind {
  CJM_MAP_KEY_HEADING,         /* a group's heading */
  CJM_MAP_KEY_SERIES,          /* a persona's line colour */
  CJM_MAP_KEY_FEEL,            /* a point's colour for a value of the scale */
  CJM_MAP_KEY_BRIDGE,          /* the dotted line over steps without a feel */
  CJM_MAP_KEY_MET,             /* a measure that meets its target */
  CJM_MAP_KEY_MISSED,          /* a measure that misses it */
  CJM_MAP_KEY_UNJUDGED,        /* a measure with no target or no `better` */
  CJM_MAP_KEY_ADDED,           /* a diff's marks: added */
  CJM_MAP_KEY_CHANGED,         /* changed or moved */
  CJM_MAP_KEY_REMOVED,         /* removed */
  CJM_MAP_KEY_EARLIER,         /* an earlier feel on the curve */
} cjm_map_key_kind;

/* One entry of the legend: a sample at the left of rect, then its text. */
typedef struct cjm_map_key {
  cjm_map_key_kind kind;
  size_t series;               /* SERIES */
  double value;                /* FEEL */
  const char *text;            /* static, the model's, or owned */
  cjm_map_rect rect;
} cjm_map_key;

/* The width of a legend entry's sample, and the gap between the sample
 * and the entry's text. */
#define CJM_MAP_KEY_SAMPLE 26.0
#define CJM_MAP_KEY_SAMPLE_GAP 6.0

/* The most values marked on the curve's axis. */
#define CJM_MAP_TICKS_MAX 16

/* The emotion scale as drawn. */
typedef struct cjm_map_scale {
  double min, max, neutral;    /* the journey's scale and its midpoint */
  double y_min, y_max, y_neutral; /* where they are */
  double ticks[CJM_MAP_TICKS_MAX]; /* values marked on the axis */
  double tick_y[CJM_MAP_TICKS_MAX];
  size_t tick_count;
  bool rescaled;               /* a diff's, and the scale changed: earlier feels are read on
                                  this one */
  double old_min, old_max;     /* rescaled: the old journey's scale */
} cjm_map_scale;

typedef struct cjm_map_layout {
  const cjm_model *model;
  const cjm_persona *only;     /* --persona, or NULL */
  const cjm_map_marks *marks;  /* a diff's marks, or NULL */
  double width, height;        /* the whole picture */
  cjm_map_rect header;         /* title block */
  const char *status;          /* "AS-IS", "TO-BE" or NULL */
  cjm_map_rect status_rect;
  cjm_mark status_mark;
  cjm_map_rect grid;           /* stage headings and rows, heading column included */
  double heading_width;        /* the row-heading column */
  cjm_map_text *texts; size_t text_count;
  cjm_map_card *cards; size_t card_count;
  cjm_map_stage *stages; size_t stage_count;
  cjm_map_column *columns; size_t column_count;
  cjm_map_row *rows; size_t row_count;
  cjm_map_cell *cells; size_t cell_count;
  cjm_map_item *items; size_t item_count;
  cjm_map_series *series; size_t series_count;
  cjm_map_point *points; size_t point_count;
  cjm_map_run *runs; size_t run_count;
  cjm_map_ghost *ghosts; size_t ghost_count;
  cjm_map_scale scale;
  size_t curve_row;            /* index of the curve row, or row_count when none */
  cjm_map_rect legend;         /* the legend's band */
  cjm_map_key *keys; size_t key_count;
  cjm_text_lines lines;        /* every wrapped line, referenced by index */
  struct cjm_arena *arena;     /* composed text */
} cjm_map_layout;

/* What to show for a declaration: its label in the language of the
 * rendering (cjm_decl_label), or its identifier when the label is empty. */
static inline const char *cjm_map_label(const cjm_decl *decl) {
  return decl->label && decl->label[0] ? cjm_decl_label(decl) : decl->id;
}

/* The journey's title as shown, or fallback when it has none (or an
 * empty one). */
static inline const char *cjm_map_title(const cjm_model *model, const char *fallback) {
  const char *title = model->journey.title;
  return title && title[0] ? title : fallback;
}

/* Lays out the map of model (only the persona `only` when not NULL). */
cjm_map_layout *cjm_map_layout_new(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *only);

/* Lays out the map of model, the new journey of a diff, with the diff's
 * marks (NULL: the same as cjm_map_layout_new). marks must outlive the
 * layout. */
cjm_map_layout *cjm_map_layout_new_marked(const cjm_model *model, const cjm_analysis *analysis,
                                          const cjm_persona *only, const cjm_map_marks *marks);

/* Frees a layout. NULL is allowed. */
void cjm_map_layout_free(cjm_map_layout *layout);

/* The line at index i of the layout's wrapped lines. */
static inline const cjm_text_line *cjm_map_line_at(const cjm_map_layout *layout, size_t i) {
  return &layout->lines.items[i];
}

#endif
