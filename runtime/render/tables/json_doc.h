/* json_doc — the resolved model and its analysis as JSON documents, built
 * with jansson: the document of `cjm render -T json` and the one of
 * `cjm stats -T json`. docs/cjm.schema.json describes both; docs/tables.md
 * explains them. Objects keep their keys in the order written here and
 * arrays follow the model's order, so the same journey always gives the
 * same bytes.
 *
 * Ownership: each function returns a new reference the caller releases
 * with json_decref(). Depends on the model and the analysis only. */
#ifndef CJM_JSON_DOC_H
#define CJM_JSON_DOC_H

#include <jansson.h>

#include "lang/diag.h"
#include "runtime/core/analysis.h"
#include "runtime/core/model.h"
#include "runtime/base/json_write.h" /* cjm_json_write, cjm_json_emit */
#include "runtime/base/strbuf.h"

/* The version of the JSON document ("version" at its top); it changes only
 * when a field is removed or changes meaning. */
enum { CJM_JSON_VERSION = 1 };

/* {"version", "journey", "personas", "channels", "lanes", "metrics",
 * "stages" (each with its "steps"), "analysis"}. */
json_t *cjm_json_model(const cjm_model *model, const cjm_analysis *analysis);

/* The same document for one persona (--persona; NULL: every persona, as
 * cjm_json_model): the stages keep only the steps the persona takes part
 * in (cjm_step_shown_for) and only the feels and entries that speak for
 * it; the analysis is read for it (its mean feel overall and per stage,
 * its pains and opportunities, its row of the coverage, the channels of
 * its steps). "personas" still declares every persona, so that each `by`
 * and `speakers` reference resolves. */
json_t *cjm_json_model_for(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *persona);

/* {"version", "journey": {"title", "scale"}, "analysis"}: what `cjm stats`
 * prints. */
json_t *cjm_json_stats(const cjm_model *model, const cjm_analysis *analysis);

#endif
