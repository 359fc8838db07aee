/* graphviz_pages — parts of a journey drawn on their own: `--stages
 * FIRST..LAST` and the pages of `--split N`.
 *
 * A part (cjm_render_part, backend.h) is a run of stages, the first and
 * the last of them possibly cut at a step. The views draw a part from a
 * shallow copy of the model whose stage list holds only the part's
 * stages (a cut stage as a copy holding only its steps shown); the
 * analysis stays that of the whole journey, so stage summaries, persona
 * cards and the scale are the same on every page. Free of Graphviz.
 * A view owns its arrays until cjm_gv_part_view_close(). */
#ifndef CJM_GRAPHVIZ_PAGES_H
#define CJM_GRAPHVIZ_PAGES_H

#include <stddef.h>

#include "runtime/core/model.h"
#include "runtime/render/backend.h"

/* The model a view draws for a part, and what it allocated. */
typedef struct cjm_gv_part_view {
  cjm_model model;             /* a shallow copy of the journey's: its own stage list */
  cjm_stage **stages;          /* that list */
  cjm_stage cut[2];            /* copies of a first and last stage cut at a step */
} cjm_gv_part_view;

/* The model to draw for part: model itself when part is not set, else
 * view's copy of it, which points into model and lives as long as both
 * view and model. Call cjm_gv_part_view_close() after either way. */
const cjm_model *cjm_gv_part_view_open(cjm_gv_part_view *view, const cjm_model *model, const cjm_render_part *part);

/* Frees what cjm_gv_part_view_open() allocated. */
void cjm_gv_part_view_close(cjm_gv_part_view *view);

/* Cuts range (the whole journey when not set) into pages of at most
 * per_page columns (a step, or a stage without steps), stage boundaries
 * kept where they can be: whole stages go onto a page while they fit;
 * a stage wider than a page starts a new page and is cut into pages of
 * per_page steps, its last piece followed by whole stages as they fit.
 * per_page is at least 1. Returns a malloc'd array of *count pages (one,
 * the range, for a journey without stages). */
cjm_render_part *cjm_gv_pages(const cjm_model *model, const cjm_render_part *range, size_t per_page, size_t *count);

#endif
