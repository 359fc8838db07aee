/* graphviz_pages — see pages.h. */
#include "runtime/render/graphviz/pages.h"

#include <stdint.h>
#include <stdlib.h>

#include "lang/arena.h"
#include "runtime/base/grow.h"

const cjm_model *cjm_gv_part_view_open(cjm_gv_part_view *view, const cjm_model *model, const cjm_render_part *part) {
  *view = (cjm_gv_part_view){0};
  if (!part->set || model->stage_count == 0) return model;
  size_t first = part->first_stage < model->stage_count ? part->first_stage : model->stage_count - 1;
  size_t last = part->last_stage < model->stage_count ? part->last_stage : model->stage_count - 1;
  if (last < first) last = first;
  size_t n = last - first + 1;
  view->model = *model;
  view->stages = cjm_xmalloc(n * sizeof *view->stages);
  for (size_t i = 0; i < n; i++) {
    cjm_stage *stage = model->stages[first + i];
    size_t from = i == 0 ? part->first_step : 0;
    size_t to = i == n - 1 && part->end_step < stage->step_count ? part->end_step : stage->step_count;
    if (from > to) from = to;
    if (from > 0 || to < stage->step_count) {
      cjm_stage *cut = &view->cut[i == 0 ? 0 : 1];
      *cut = *stage;
      cut->steps = stage->steps + from;
      cut->step_count = to - from;
      stage = cut;
    }
    view->stages[i] = stage;
  }
  view->model.stages = view->stages;
  view->model.stage_count = n;
  return &view->model;
}

void cjm_gv_part_view_close(cjm_gv_part_view *view) {
  free(view->stages);
  view->stages = NULL;
}

/* A page being filled. */
typedef struct page_fill {
  cjm_render_part part;
  size_t columns;              /* on it so far; 0: none started */
} page_fill;

/* Appends the page being filled, if any, to pages. */
static void flush(page_fill *cur, cjm_render_part **pages, size_t *count, size_t *cap) {
  if (!cur->columns) return;
  cjm_render_part *p = CJM_PUSH(*pages, *count, *cap);
  *p = cur->part;
  cur->columns = 0;
}

cjm_render_part *cjm_gv_pages(const cjm_model *model, const cjm_render_part *range, size_t per_page, size_t *count) {
  cjm_render_part *pages = NULL;
  size_t cap = 0;
  *count = 0;
  if (per_page == 0) per_page = 1;
  cjm_render_part all = {.set = true, .first_stage = 0, .last_stage = model->stage_count - 1, .end_step = SIZE_MAX};
  const cjm_render_part *r = range->set ? range : &all;
  if (model->stage_count == 0) {
    pages = cjm_xmalloc(sizeof *pages);
    pages[0] = *range;
    *count = 1;
    return pages;
  }
  page_fill cur = {0};
  for (size_t s = r->first_stage; s <= r->last_stage && s < model->stage_count; s++) {
    const cjm_stage *stage = model->stages[s];
    size_t from = s == r->first_stage ? r->first_step : 0;
    size_t to = s == r->last_stage && r->end_step < stage->step_count ? r->end_step : stage->step_count;
    size_t steps = to > from ? to - from : 0;
    size_t columns = steps ? steps : 1;
    if (cur.columns && cur.columns + columns <= per_page) { /* the whole stage joins the page */
      cur.part.last_stage = s;
      cur.part.end_step = to;
      cur.columns += columns;
      continue;
    }
    flush(&cur, &pages, count, &cap);
    size_t at = from;
    while (steps > per_page) { /* a stage wider than a page: pages of its own */
      cur = (page_fill){{true, s, s, at, at + per_page}, per_page};
      flush(&cur, &pages, count, &cap);
      at += per_page;
      steps -= per_page;
    }
    cur = (page_fill){{true, s, s, at, to}, steps ? steps : 1};
  }
  flush(&cur, &pages, count, &cap);
  return pages;
}
