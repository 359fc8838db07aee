/* check — the warnings of reference section 5 over a built model: unused,
 * empty-stage, coverage, unreachable and sparse-feel. The errors of that
 * section are reported while the model is built (model.h); this module
 * only reads the model and reports. Declarations from the standard library
 * are never reported. */
#ifndef CJM_CHECK_H
#define CJM_CHECK_H

#include "lang/diag.h"
#include "runtime/core/analysis.h"
#include "runtime/core/model.h"

/* Reports every enabled warning for model to diags. */
void cjm_check(const cjm_model *model, cjm_diags *diags);

/* The same, reading an analysis of model the caller already has. */
void cjm_check_analysed(const cjm_model *model, const cjm_analysis *analysis, cjm_diags *diags);

#endif
