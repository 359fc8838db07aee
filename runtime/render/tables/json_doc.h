/* json_doc — the resolved model and its analysis as JSON documents: the
 * document of `cjm render -T json` and the one of `cjm stats -T json`.
 * docs/cjm.schema.json describes both; docs/tables.md explains them.
 * Objects keep their keys in the order written here and arrays follow the
 * model's order, so the same journey always gives the same bytes.
 *
 * The documents are written as they are walked (base/json_stream.h), in
 * the bytes jansson's json_dumps gives (json_write.h), never built as a
 * tree: a document costs its own size in time and memory, however large
 * (a persona x stage listing of 2,000 x 2,000 is 640 MB of text, and
 * nothing more; bench/README.md, "Personas x stages").
 *
 * Ownership: the writers append to the caller's strbuf; cjm_json_model
 * returns a new reference the caller releases with json_decref().
 * Depends on the model and the analysis only. */
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
enum { CJM_JSON_VERSION = 2 };

/* Appends {"version", "journey", "personas", "channels", "lanes",
 * "metrics", "stages" (each with its "steps"), "analysis"} and a newline
 * to out. With a persona (--persona; NULL: every persona) the document is
 * that persona's: the stages keep only the steps the persona takes part
 * in (cjm_step_shown_for) and only the feels and entries that speak for
 * it; the analysis is read for it (its mean feel overall and per stage,
 * its pains and opportunities, its row of the coverage, the channels of
 * its steps). "personas" still declares every persona, so that each `by`
 * and `speakers` reference resolves. */
void cjm_json_write_model(cjm_strbuf *out, const cjm_model *model, const cjm_analysis *analysis,
                          const cjm_persona *persona);

/* Appends {"version", "journey": {"title", "scale"}, "analysis"} and a
 * newline to out: what `cjm stats -T json` prints. */
void cjm_json_write_stats(cjm_strbuf *out, const cjm_model *model, const cjm_analysis *analysis);

/* The document of cjm_json_write_model for every persona, as a jansson
 * tree (read back from its text), for a tool or a test that walks it. */
json_t *cjm_json_model(const cjm_model *model, const cjm_analysis *analysis);

#endif
