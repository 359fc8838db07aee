/* render_json — the resolved model and its analysis as JSON
 * (render_tables.h); the document is built by json_doc.h and described by
 * docs/cjm.schema.json. */
#include "runtime/json_doc.h"
#include "runtime/render_tables.h"

bool cjm_render_json(const cjm_model *model, const cjm_analysis *analysis,
                     const cjm_render_options *options, cjm_output *out, cjm_diags *diags) {
  (void)options;
  return cjm_json_emit(cjm_json_model(model, analysis), "the journey", out, diags);
}
