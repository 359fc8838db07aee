/* backend — the interface every renderer implements.
 *
 * A backend turns a resolved model and its analysis into bytes in a
 * cjm_strbuf. It never parses, never reads the syntax tree, and never
 * prints: problems (an unknown persona for --persona, a Graphviz error)
 * go to diags as diagnostics, and the backend returns false. */
#ifndef CJM_BACKEND_H
#define CJM_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/diag.h"
#include "runtime/core/analysis.h"
#include "runtime/core/model.h"
#include "runtime/base/strbuf.h"

typedef enum cjm_view { CJM_VIEW_MAP, CJM_VIEW_FLOW } cjm_view;

struct cjm_map_marks;

/* The colours of a picture (--theme): light (the default), dark, or print
 * (greyscale-safe, persona curves told apart by dash as well as colour).
 * The Graphviz backend's tables of them are in graphviz/style.c. */
typedef enum cjm_theme { CJM_THEME_LIGHT, CJM_THEME_DARK, CJM_THEME_PRINT } cjm_theme;

/* A part of the journey to draw (--stages, a page of --split): the stages
 * model->stages[first_stage..last_stage], of the first only its steps from
 * first_step on, of the last only those before end_step. The analysis
 * stays that of the whole journey. */
typedef struct cjm_render_part {
  bool set;                    /* false: the whole journey */
  size_t first_stage, last_stage; /* indices into model->stages, first <= last */
  size_t first_step;           /* steps of first_stage before this one are left out */
  size_t end_step;             /* steps of last_stage from this one on are left out (SIZE_MAX: none) */
} cjm_render_part;

/* What `cjm render` was asked for. */
typedef struct cjm_render_options {
  const char *format;          /* "svg", "png", "pdf", "dot", "text", "md", "csv", "json" */
  cjm_view view;               /* --view, for the Graphviz formats */
  const cjm_persona *persona;  /* --persona, or NULL for every persona */
  bool detail;                 /* --detail: pains and opportunities on the flow view */
  bool ascii;                  /* --ascii: plain ASCII borders for text */
  size_t width;                /* --width for text; 0: the terminal's, or 100 */
  bool color;                  /* ANSI colour allowed (text on a terminal) */
  bool bom;                    /* a byte-order mark for csv (default on) */
  cjm_language lang;           /* --lang: the language of the words and fonts, or
                                  CJM_LANG_AUTO for the journey's (language.h) */
  const struct cjm_map_marks *marks; /* `cjm diff`: the changes to draw on the map view of the
                                        new journey (map_marks.h), or NULL */
  cjm_theme theme;             /* --theme: the colours of a picture */
  bool transparent;            /* --transparent: no background fill (svg, png) */
  double scale;                /* --scale: png resolution times this (0 or 1: as is) */
  cjm_render_part part;        /* --stages, or a page of --split: what of the journey to draw */
  const cjm_render_part *pages; /* --split with -T pdf: the parts drawn as the pages of one
                                   document, page_count of them (part is then unused); NULL:
                                   one picture. Other formats ignore it */
  size_t page_count;           /* of pages */
  bool exit_after;             /* the process ends right after this render: the Graphviz
                                  backend leaves its graph and layout for the system to
                                  reclaim, as `dot` does with its last graph */
} cjm_render_options;

/* Renders model in options->format into out. Returns false after
 * reporting to diags when it could not. A header declares a backend with
 * this type (`cjm_backend cjm_render_md;`), so that every backend has the
 * same signature; its definition spells the parameters out. */
typedef bool cjm_backend(const cjm_model *model, const cjm_analysis *analysis,
                         const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags);

/* A backend as a command's table of formats holds it. */
typedef cjm_backend *cjm_render_fn;

#endif
