/* table — the journey as a grid: the layout of the spreadsheet template
 * that journey-mapping teams use, built once from the model and printed
 * by the text, md and csv backends.
 *
 * Columns are grouped by stage, in stage order. Each stage has one column
 * per step (its sub-columns, in journey order) and, first, a column of its
 * own for what is written on the stage itself, when it has any such entry
 * or no step at all. Rows come in this order, each only when one of its
 * cells has something:
 *   Actions         the step labels (what the persona does at each step)
 *   Action details  the `action` lane
 *   Channels        the `via` channels, by label
 *   Touchpoints     the `touchpoint` lane
 *   Thoughts        the `thought` lane
 *   Feel: ID        one row per persona, its feels (a single row "Feel"
 *                   when the journey has no persona)
 *   Pains, Opportunities, Needs
 *   the journey's own lanes, in declaration order, by label
 *   one row per metric, its observed values, by label
 *   Notes           the `note` lane
 * A cell holds items in written order. An entry written `for` a persona
 * carries that persona, and the backends show it as "ID: text".
 *
 * With a persona filter (--persona) only that persona's feel row is built,
 * only the entries and feels that speak for it are kept, and only the steps
 * it takes part in; every stage keeps at least one column.
 *
 * Ownership: a cjm_table owns its arrays and row labels (malloc'd); items
 * point into the model and the analysis, which must outlive the table.
 * Depends on the model and the analysis only. */
#ifndef CJM_TABLE_H
#define CJM_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/core/analysis.h"
#include "lang/diag.h"
#include "runtime/core/model.h"
#include "runtime/base/strbuf.h"

/* What a cell item is. */
typedef enum cjm_table_item_kind {
  CJM_ITEM_TEXT,    /* a step label, a channel label or a lane entry */
  CJM_ITEM_FEEL,    /* a feel: its score and emotion word */
  CJM_ITEM_MEASURE, /* an observed value of a metric */
} cjm_table_item_kind;

/* One thing shown in a cell. */
typedef struct cjm_table_item {
  cjm_table_item_kind kind;
  const char *text;                   /* TEXT: the text; FEEL: the word or NULL */
  const cjm_persona *persona;         /* the entry was written `for` this persona and
                                         the table shows several: "ID: text"; else NULL */
  const cjm_feel *feel;               /* FEEL */
  const cjm_observation *observation; /* MEASURE */
} cjm_table_item;

/* The items of one row in one column. */
typedef struct cjm_table_cell {
  cjm_table_item *items;              /* malloc'd */
  size_t count, capacity;
} cjm_table_cell;

typedef enum cjm_table_row_kind {
  CJM_ROW_ACTIONS,  /* the step labels */
  CJM_ROW_CHANNELS, /* the `via` channels */
  CJM_ROW_LANE,     /* a lane's entries */
  CJM_ROW_FEEL,     /* one persona's feels */
  CJM_ROW_METRIC,   /* one metric's observations */
} cjm_table_row_kind;

/* The heading of each row every grid may have, in English, in the order
 * the grid shows them: the one list that the table backends print and
 * `cjm import csv` reads back. lane names the built-in lane of a
 * CJM_ROW_LANE row. A feel row is headed "Feel", or "Feel: ID" for one
 * persona's; the CSV follows it with "Emotion" ("Emotion: ID"). When the
 * tables print the journey's language, each language gets such a list.
 * The list ends with a row whose label is NULL. */
typedef struct cjm_table_heading {
  cjm_table_row_kind kind;
  const char *lane;                   /* CJM_ROW_LANE: the built-in lane's id */
  const char *label;                  /* "Actions", "Action details"... */
} cjm_table_heading;

extern const cjm_table_heading cjm_table_headings[];

/* The words before ": ID" in the headings of feel rows and the CSV's
 * emotion rows. */
#define CJM_TABLE_FEEL "Feel"
#define CJM_TABLE_EMOTION "Emotion"

/* The heading of the row of kind (and, for CJM_ROW_LANE, of the built-in
 * lane called lane) in cjm_table_headings, or NULL when it has none. */
const char *cjm_table_heading_of(cjm_table_row_kind kind, const char *lane);

/* Appends the line under a grid's title, in the thread's language
 * (words.h): "As-is journey, feel on a scale of -2..2" ("To-be journey,
 * …", or "Journey, …" without a status). */
void cjm_table_put_scale_line(cjm_strbuf *out, const cjm_model *model);

/* One row of the grid. */
typedef struct cjm_table_row {
  cjm_table_row_kind kind;
  char *label;                        /* shown in the first column (malloc'd) */
  const cjm_lane *lane;               /* LANE */
  const cjm_persona *persona;         /* FEEL: whose feels; NULL for every feel */
  const cjm_metric *metric;           /* METRIC */
  cjm_table_cell *cells;              /* [column_count] (malloc'd) */
  size_t max_items;                   /* the most items in one of its cells */
} cjm_table_row;

/* One column: a step, or a stage's own entries. */
typedef struct cjm_table_column {
  const cjm_stage *stage;
  const cjm_step *step;               /* NULL: the stage's own column */
  size_t group;                       /* index into cjm_table.groups */
} cjm_table_column;

/* A stage and the columns under it. */
typedef struct cjm_table_group {
  const cjm_stage *stage;
  size_t first, count;                /* columns [first, first + count) */
} cjm_table_group;

typedef struct cjm_table {
  const cjm_model *model;
  const cjm_analysis *analysis;
  const cjm_persona *persona;         /* the filter, or NULL for every persona */
  cjm_table_group *groups;            /* one per stage, in stage order (malloc'd) */
  size_t group_count;
  cjm_table_column *columns;          /* malloc'd */
  size_t column_count, column_capacity;
  cjm_table_row *rows;                /* malloc'd */
  size_t row_count, row_capacity;
} cjm_table;

/* Whether the grid of model (of persona, when not NULL) is within the
 * budget of cells (core/budget.h); reports a `limit` error when not. Each
 * grid backend asks before cjm_table_build. */
bool cjm_table_within_budget(const cjm_model *model, const cjm_persona *persona, cjm_diags *diags);

/* Builds the grid of model, showing only persona when it is not NULL.
 * Free it with cjm_table_free(). */
cjm_table *cjm_table_build(const cjm_model *model, const cjm_analysis *analysis,
                           const cjm_persona *persona);

/* Frees a table. NULL is allowed. */
void cjm_table_free(cjm_table *table);

/* Appends an item as plain text: "ID: text" for an entry that names its
 * persona, "+1 curious" for a feel, "1.8%" or "124 days" for a measure. */
void cjm_table_put_item(cjm_strbuf *out, const cjm_table *table, const cjm_table_item *item);

/* Where score stands on the journey's scale, from 0 (its minimum) to 1. */
double cjm_table_feel_position(const cjm_model *model, double score);

#endif
