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
 * note at the step it joined. Files of the standard library are not
 * checked. Reads only the syntax trees and their source text. */
#ifndef CJM_INDENTATION_H
#define CJM_INDENTATION_H

#include "lang/diag.h"
#include "runtime/core/loader.h"

/* Reports misleading-indentation for the files of program, if enabled. */
void cjm_check_indentation(const cjm_program *program, cjm_diags *diags);

#endif
