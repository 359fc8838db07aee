/* budget — see budget.h. */
#include "runtime/core/budget.h"

#include <stdint.h>

#include "runtime/base/strbuf.h"

size_t cjm_cells(size_t rows, size_t columns) {
  if (rows && columns > SIZE_MAX / rows) return SIZE_MAX;
  return rows * columns;
}

/* n with a comma between each group of three digits: "900,000,000". */
static void put_count(cjm_strbuf *out, size_t n) {
  char digits[32];
  int len = snprintf(digits, sizeof digits, "%zu", n);
  for (int i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) cjm_strbuf_puts(out, ",");
    cjm_strbuf_write(out, &digits[i], 1);
  }
}

bool cjm_within_budget(const cjm_model *model, cjm_diags *diags, const char *what, size_t rows, size_t columns,
                       const char *narrower) {
  size_t cells = cjm_cells(rows, columns);
  if (cells <= CJM_CELL_BUDGET) return true;
  cjm_strbuf cells_text = {0}, rows_text = {0}, columns_text = {0}, budget_text = {0};
  put_count(&cells_text, cells);
  put_count(&rows_text, rows);
  put_count(&columns_text, columns);
  put_count(&budget_text, CJM_CELL_BUDGET);
  cjm_diag *d = cjm_error(diags, "limit", &model->journey.loc,
                          "%s would have %s cells (%s x %s), over the budget of %s", what, cells_text.data,
                          rows_text.data, columns_text.data, budget_text.data);
  cjm_note(d, NULL, "%s", narrower);
  cjm_strbuf_free(&cells_text);
  cjm_strbuf_free(&rows_text);
  cjm_strbuf_free(&columns_text);
  cjm_strbuf_free(&budget_text);
  return false;
}
