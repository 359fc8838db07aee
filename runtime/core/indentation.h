/* indentation — the warning misleading-indentation: an entry whose
 * indentation says it belongs to another block than the one it joins.
 *
 * Indentation is not syntax in cjm: an entry belongs to the block above it.
 * So an entry written at a stage's indentation after a step joins that
 * step, and a forgotten `stage` line makes its entries join the previous
 * stage's last step, without an error. As GCC's -Wmisleading-indentation
 * does for C, this check compares what the layout says with what the
 * parser did: an entry of a step, first on its line, indented deeper than
 * the step's stage but not deeper than the step itself, is reported with a
 * note at the step it joined. The model finds such entries while it reads
 * them (cjm_indentation_misleads); cjm_check_indentation reports them.
 * Files of the standard library are not checked. */
#ifndef CJM_INDENTATION_H
#define CJM_INDENTATION_H

#include <stdbool.h>

#include "lang/ast.h"
#include "lang/diag.h"

struct cjm_model;

/* Whether entry e of the step block step, written under the stage block
 * stage, is indented as an entry of the stage. Looks at the source text
 * only for an entry whose column already says so. */
bool cjm_indentation_misleads(const cjm_block *stage, const cjm_block *step, const cjm_entry *e);

/* Reports misleading-indentation for the entries the model found, if
 * enabled. */
void cjm_check_indentation(const struct cjm_model *model, cjm_diags *diags);

#endif
