/* check_cx — the journey-experience warnings of group `cx`, off by
 * default and turned on with -Wcx, -Wcliff or -Wpain-without-opportunity:
 *   cliff                     a persona's feel drops by at least half the
 *                             width of the scale between two consecutive
 *                             steps that have a feel for that persona, in
 *                             journey order;
 *   pain-without-opportunity  a stage with a pain but no opportunity.
 * Reads the model and its analysis, reports to diags; nothing else. */
#ifndef CJM_CHECK_CX_H
#define CJM_CHECK_CX_H

#include "lang/diag.h"
#include "runtime/core/analysis.h"
#include "runtime/core/model.h"

/* Reports the enabled cx warnings of model to diags. */
void cjm_check_cx(const cjm_model *model, const cjm_analysis *analysis, cjm_diags *diags);

#endif
