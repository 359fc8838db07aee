/* map_layout_build — what the parts of the map's layout share while they
 * build one cjm_map_layout: the builder, the map's dimensions, and the
 * questions every part asks (does this show, what did a diff mark).
 *
 * Private to the map layout's own files: map_layout.c (the entry points,
 * the page top to bottom), map_grid.c (columns, stages, rows), map_cells.c
 * (the items in the cells), map_curves.c (the emotion curves and their
 * words), map_cards.c (the header and the persona cards) and map_legend.c
 * (the legend and the key to a diff's marks). Nothing else includes it:
 * the rest of cjm sees map_layout.h. Every part appends to the layout the
 * builder holds; the layout owns what is appended. */
#ifndef CJM_MAP_LAYOUT_BUILD_H
#define CJM_MAP_LAYOUT_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "runtime/base/grow.h"
#include "runtime/core/present.h"
#include "runtime/render/graphviz/map_layout.h"

/* ---- dimensions, in points ------------------------------------------------- */

/* The page. */
static const double MARGIN = 36;            /* around the whole picture */
static const double MIN_WIDTH = 980;        /* the narrowest picture, however few the columns */
static const double HEADER_CARDS_GAP = 22;  /* between the header and the persona cards */
static const double CARDS_GRID_GAP = 28;    /* between the persona cards and the grid */
static const double GRID_LEGEND_GAP = 26;   /* between the grid and the legend */

/* The grid of stages × rows. */
static const double HEADING_WIDTH = 150;    /* the row-heading column */
static const double HEADING_TEXT = 122;     /* the width of a row heading's text */
static const double HEADING_BOX_INSET = 8;  /* a row heading's box is this much shorter than its row
                                               (map.c insets it by half above and below) */
static const double COLUMN_WIDTH = 184;     /* one step */
static const double CELL_INSET = 4;         /* between a cell and its column's edges */
static const double ROW_PAD = 6;            /* above and below a row's cells */
static const double ROW_GAP = 6;            /* between two rows, and below the stage headings */
static const double LINE_GAP = 24;          /* between two rows a blueprint line runs between */
static const double SPAN_GAP = 4;           /* below a stage's own entries, above its steps' */
static const double MIN_ROW_HEIGHT = 44;    /* the lowest a row gets, however little is in it */

/* The emotion curve. */
static const double PLOT_HEIGHT = 150;      /* the curve's scale, bound to bound */
static const double PLOT_PAD_TOP = 26;      /* from the curve row's top to the scale's upper bound */
static const double PLOT_PAD_BOTTOM = 40;   /* from the scale's lower bound to the row's bottom */
static const double POINT_RADIUS = 5;       /* a point's disc as words and markers keep clear of it
                                               (curve.c draws it a point larger) */
static const double SERIES_SPREAD = 8;      /* at most between the points of two series in one column */
static const double LEVEL_INSET = 6;        /* a stage's level stops this far inside the stage's outer edges */
static const double LEVEL_MARKER_INSET = 10; /* from a stage's left edge to its levels' first marker */
static const double LEVEL_MARKER_CLEARANCE = 6; /* from the last marker to the first step's points' discs */
static const double WORD_CLEARANCE = 2;     /* between a point's disc and its word, above or below */
static const double WORD_PAD = 4;           /* added to a word's measured width, half each side */
static const double WORD_BAND_INSET = 2;    /* words stay this far inside the curve row */
static const double LEVEL_WORD_INSET = 4;   /* from a level's word to the level's right end */
static const double LEVEL_WORD_GAP = 3;     /* between a level and its word, above or below */
static const double PEAK_DEPTH = 1;         /* how far both neighbours must lie below a point for it to be a
                                               peak (above it, a trough) */

/* The header. */
static const double STATUS_PAD = 20;        /* the status pill's width beyond its text, half each side */
static const double STATUS_HEIGHT = 18;     /* the status pill */
static const double STATUS_GAP = 8;         /* below the status pill */
static const double TITLE_GAP = 6;          /* below the title, and below the goal */
static const double META_GAP = 4;           /* below the line of the other attributes */
static const double CHANGE_KEYS_ABOVE = 8;  /* above the key to a diff's marks */
static const double CHANGE_KEYS_BELOW = 4;  /* below it */
static const double MEASURE_CARD_WIDTH = 220; /* a journey-level measure's card */
static const double MEASURE_CARD_GAP = 8;   /* above the journey's measures, and between their cards */

/* The persona cards. */
static const double CARD_WIDTH = 300;       /* a card; when all fit on one row, they widen to fill it */
static const double CARD_MAX_WIDTH = 400;   /* lines of a card's text stay short enough to read */
static const double CARD_GAP = 16;          /* between two cards, across and down */
static const double CARD_PAD = 12;          /* inside a card, round its texts */
static const double CARD_STRIP = 4;         /* room for the persona's colour strip along a card's top
                                               (map.c draws it), above the padding */
static const double CARD_NAME_GAP = 2;      /* below the persona's name */
static const double CARD_SECTION_GAP = 6;   /* below the kind ("PERSON"), and below a quote */
static const double CARD_ATTR_GAP = 5;      /* below an attribute's value */
static const double CARD_MOMENTS_GAP = 2;   /* above the mean feel and the lowest and highest moments */

/* The legend. */
static const double KEY_HEIGHT = 18;        /* one line of entries */
static const double KEY_GAP = 18;           /* after a legend entry */
static const double KEY_HEADING_GAP = 10;   /* after a group's heading */
static const double KEY_LINE_GAP = 6;       /* between two lines of entries */
static const double GROUP_GAP = 16;         /* before a legend group */

/* ---- other measures: shares, counts, bytes --------------------------------- */

/* All series' points in one column take at most this share of its width. */
static const double SERIES_SPREAD_SHARE = 0.4;
/* The markers of a stage's levels stand at most this many point radii
 * apart, centre to centre: a little more than a disc. */
static const double LEVEL_MARKER_PITCH = 2.2;
/* Fritsch-Carlson: the slopes at the two ends of a piece of a run, each
 * divided by the piece's own slope, stay within a circle of this radius,
 * so that the cubic between them is monotone. */
static const double MONOTONE_BOUND = 3;
/* A scale of whole numbers at most this many apart gets a tick on every
 * whole number; any other, on its bounds and quarters (SCALE_PARTS). */
static const double UNIT_TICKS_MAX = 10;
static const int SCALE_PARTS = 4;
/* The scale drawn in place of a broken one (reported already): the
 * language's default. */
static const double BROKEN_SCALE_MIN = -2;
static const double BROKEN_SCALE_MAX = 2;

/* Room for text composed on the stack, in bytes: a score ("−0.5"), "feel "
 * and a score, a measure's value or target with its unit. */
enum { SCORE_TEXT = 24, FEEL_TEXT = 32, VALUE_TEXT = 96 };

/* ---- the builder ------------------------------------------------------------ */

/* What laying out needs besides the layout: capacities and settings. */
typedef struct map_builder {
  cjm_map_layout *L;          /* the layout being built */
  const cjm_analysis *analysis; /* the journey's: stage summaries, persona cards */
  size_t text_cap, card_cap, stage_cap, column_cap, row_cap, cell_cap, item_cap, series_cap,
      point_cap, run_cap, ghost_cap, key_cap; /* what the layout's arrays have room for */
  bool many_personas;         /* the journey has several: colour what speaks for one */
  size_t *lane_row;           /* [lane_count]: the row of each lane, or SIZE_MAX */
  size_t actions_row, channels_row, metrics_row; /* those rows, or SIZE_MAX */
  const cjm_map_marks *marks; /* a diff's, or NULL */
  const cjm_lane **gone_lanes; /* marks: lanes of the old journey only, with removed entries */
  size_t *gone_row;           /* their rows */
  size_t gone_count, gone_cap; /* how many gone lanes, and room for how many */
} map_builder;

/* Appends a zeroed element to the layout's array field. */
#define PUSH(b, field, name) CJM_PUSH((b)->L->field, (b)->L->name##_count, (b)->name##_cap)

/* ---- what every part asks ----------------------------------------------------- */

/* Wraps text into the layout's lines; *first receives the first index.
 * Returns the number of lines. */
static inline size_t wrap(map_builder *b, const char *text, double size, bool bold, double width, size_t *first) {
  *first = b->L->lines.count;
  if (!text) text = "";
  return cjm_text_wrap(&b->L->lines, text, strlen(text), size, bold, width);
}

/* A score of this layout's scale: signed when the scale has negatives. */
static inline void format_score(const map_builder *b, char *buf, size_t size, double v) {
  cjm_present_score_rounded(buf, size, v, b->L->scale.min < 0);
}

/* Whether something spoken for speakers shows in this layout. */
static inline bool shown(const map_builder *b, const cjm_speakers *s) {
  return !b->L->only || cjm_speaks_for(s, b->L->only);
}

/* The persona to colour an entry with, or NULL. */
static inline const cjm_persona *colour_of(const map_builder *b, const cjm_speakers *s) {
  return b->many_personas && s->count == 1 ? s->items[0] : NULL;
}

/* The mark of a thing of the new journey. */
static inline cjm_mark mark_of(const map_builder *b, const void *thing) {
  return b->marks ? cjm_map_marks_of(b->marks, thing) : CJM_MARK_NONE;
}

/* The things removed from a moment of the new journey (NULL: from the
 * journey's own measures). */
static inline const cjm_removed *removed_from(const map_builder *b, const cjm_moment *m, size_t *count) {
  *count = 0;
  return b->marks ? cjm_map_marks_removed(b->marks, m, count) : NULL;
}

/* Whether a removed thing shows with the --persona. */
static inline bool removed_shown(const map_builder *b, const cjm_removed *r) {
  if (!b->L->only || r->kind != CJM_REMOVED_ENTRY) return true;
  return cjm_speaks_for_named(&r->entry->speakers, b->L->only->decl.id);
}

/* ---- the parts, in the order the layout is built ---------------------------- */

/* map_grid.c: the columns (steps, stages without steps, and with marks
 * the removed ones where they were) and the stage headings over them. */
void cjm_map_add_columns(map_builder *b);

/* map_grid.c: the rows that have something in them, in their order, and
 * the blueprint lines above them. */
void cjm_map_add_rows(map_builder *b);

/* map_grid.c: the row of a lane's entries (a lane of the old journey
 * only, with marks: the row of its removed entries), or SIZE_MAX. */
size_t cjm_map_lane_row(map_builder *b, const cjm_lane *lane);

/* map_grid.c: places the columns after the row headings and sets the
 * picture's width; returns the grid's width. */
double cjm_map_place_columns(map_builder *b);

/* map_curves.c: the series, one per persona shown (one for every feel
 * without personas). */
void cjm_map_add_series(map_builder *b);

/* map_cells.c: the items of every moment shown, in cells sized but not
 * yet placed. */
void cjm_map_add_cells(map_builder *b);

/* map_cards.c: the header from y (status, title, goal, the other
 * attributes, the key to a diff's marks, journey-level measures); returns
 * the y below it. */
double cjm_map_place_header(map_builder *b, double y);

/* map_cards.c: the persona cards in rows from y; returns the y below them. */
double cjm_map_place_cards(map_builder *b, double y);

/* map_grid.c: the stage headings at y; returns their height. */
double cjm_map_place_stages(map_builder *b, double y);

/* map_grid.c: row heights and every cell's place from y (the curve row
 * sets the scale); returns the y below the last row. */
double cjm_map_place_rows(map_builder *b, double y);

/* map_curves.c: the scale's bounds, neutral line and ticks, in the curve
 * row whose top is top. */
void cjm_map_set_scale(map_builder *b, double top);

/* map_curves.c: the points, runs and ghosts of every series in the curve
 * row, and their words. */
void cjm_map_place_curves(map_builder *b);

/* map_legend.c: with marks, the key to them in the header at y; returns
 * the y below it. */
double cjm_map_place_change_keys(map_builder *b, double y);

/* map_legend.c: the legend from y; returns the y below it. */
double cjm_map_place_legend(map_builder *b, double y);

/* ---- shared by the cells and the header's measures (map_cells.c) ------------ */

/* The mark of a measure: its own, or its metric's when that changed. */
cjm_mark cjm_map_measure_mark(const map_builder *b, const cjm_measure *ms);

/* Wraps an item's text for a card text_width wide; sets its lines and height. */
void cjm_map_shape_item(map_builder *b, cjm_map_item *item, const char *text, double text_width);

#endif
