/* render_json — the resolved model and its analysis as JSON
 * (render_tables.h); the document is written by json_doc.h and described by
 * docs/cjm.schema.json; --persona keeps one persona's journey. */
#include "runtime/render/tables/json_doc.h"
#include "runtime/render/tables/tables.h"

bool cjm_render_json(const cjm_model *model, const cjm_analysis *analysis,
                     const cjm_render_options *options, cjm_strbuf *out, cjm_diags *diags) {
  (void)diags;
  cjm_json_write_model(out, model, analysis, options->persona);
  return true;
}
