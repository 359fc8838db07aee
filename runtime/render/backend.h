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
