/* fuzz_render — libFuzzer harness for the backends: any bytes as a
 * journey and, when it checks clean, every table backend (text in
 * several widths, with --ascii and colour, md, csv with and without a
 * byte-order mark, json), the stats in each format, and the graph of the
 * map and flow views (-T dot, before layout: Graphviz's layout and
 * drawing are not cjm's code), for everyone, for its first persona, and
 * with --detail. Property: a backend never fails, and reports no error,
 * on a journey that checks clean. */
#include "tests/fuzz/fuzz.h"

#include "runtime/base/strbuf.h"
#include "runtime/render/graphviz/driver.h"
#include "runtime/render/tables/stats.h"
#include "runtime/render/tables/tables.h"

/* Renders with one backend, asserting that it succeeds without error. */
static void render(const fuzz_journey *j, cjm_render_fn backend, cjm_render_options options) {
  cjm_strbuf out = {0};
  size_t errors = cjm_diags_errors(j->diags);
  bool ok = backend(j->model, j->analysis, &options, &out, j->diags);
  if (!ok || cjm_diags_errors(j->diags) != errors)
    cjm_diags_print(j->diags, 0, stderr, &(cjm_print_options){.show_source = true});
  FUZZ_ASSERT(ok, "a backend succeeds on a journey that checks clean");
  FUZZ_ASSERT(cjm_diags_errors(j->diags) == errors, "a backend reports no error on a clean journey");
  cjm_strbuf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_journey j;
  fuzz_journey_load(&j, "fuzz.cjm", data, size);
  if (j.clean) {
    size_t width = 10 + size % 150;
    const cjm_persona *personas[2] = {NULL, j.model->persona_count ? j.model->personas[0] : NULL};
    for (size_t p = 0; p < 2; p++) {
      if (p == 1 && !personas[1]) break;
      const cjm_persona *persona = personas[p];
      render(&j, cjm_render_text, (cjm_render_options){.format = "text", .persona = persona, .width = width});
      render(&j, cjm_render_text,
             (cjm_render_options){.format = "text", .persona = persona, .width = 20, .ascii = true, .color = true});
      render(&j, cjm_render_md, (cjm_render_options){.format = "md", .persona = persona});
      render(&j, cjm_render_csv, (cjm_render_options){.format = "csv", .persona = persona, .bom = p == 0});
      render(&j, cjm_render_json, (cjm_render_options){.format = "json", .persona = persona});
      render(&j, cjm_stats_text, (cjm_render_options){.format = "text", .persona = persona, .width = width});
      render(&j, cjm_stats_md, (cjm_render_options){.format = "md", .persona = persona});
      render(&j, cjm_stats_json, (cjm_render_options){.format = "json", .persona = persona});
      for (int detail = 0; detail < 2; detail++) {
        render(&j, cjm_render_graphviz,
               (cjm_render_options){.format = "dot", .view = CJM_VIEW_MAP, .persona = persona, .detail = detail});
        render(&j, cjm_render_graphviz,
               (cjm_render_options){.format = "dot", .view = CJM_VIEW_FLOW, .persona = persona, .detail = detail});
      }
    }
  }
  fuzz_journey_free(&j);
  return 0;
}
