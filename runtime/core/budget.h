/* budget — what a view that sets personas against steps or stages may
 * cost. A grid, a map, the tables of `stats` and the summary of `diff`
 * give each persona a row, a curve or a column across the journey, and a
 * small file can make that enormous: 30,000 personas and 30,000 one-step
 * stages are 1.9 MB of journey and 900,000,000 cells. Such a view is
 * refused past a budget of cells with a `limit` error that says how to
 * ask for less (docs/language.md, section 7). The sparse outputs (check,
 * fmt, `-T json`, `stats -T json`) cost what the journey says and have no
 * budget.
 *
 * Depends on the model and diagnostics only. */
#ifndef CJM_BUDGET_H
#define CJM_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/diag.h"
#include "runtime/core/model.h"

/* The most cells (rows x columns) a dense view
 * handles: ten times the grid of the 100,000-step benchmark journey. */
enum { CJM_CELL_BUDGET = 10000000 };

/* rows x columns, saturating at SIZE_MAX. */
size_t cjm_cells(size_t rows, size_t columns);

/* Whether a view of cells fits the budget. If not, reports the `limit`
 * error "WHAT would have N cells (ROWS x COLUMNS), more than the B ..."
 * at the journey, with the note narrower (how to ask for less), and
 * returns false. */
bool cjm_within_budget(const cjm_model *model, cjm_diags *diags, const char *what, size_t rows, size_t columns,
                       const char *narrower);

#endif
