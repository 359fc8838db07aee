/* fuzz_csv_import — libFuzzer harness for `cjm import csv`: any bytes as
 * a CSV file, read into records (each field's location inside the file)
 * and imported as the grid of docs/tables.md. Property (fuzz_import.h):
 * an import fails exactly when it reports an error, and what it writes
 * is a journey in the canonical layout. */
#include "tests/fuzz/fuzz_import.h"

#include "runtime/interop/csv_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cjm_source *src = cjm_source_from_memory("fuzz.csv", (const char *)data, size);
  cjm_diags *diags = cjm_diags_new();
  cjm_csv csv = {0};
  if (cjm_csv_read(src, &csv, diags)) {
    for (size_t i = 0; i < csv.field_count; i++) {
      const cjm_csv_field *f = &csv.fields[i];
      FUZZ_ASSERT(f->text[f->len] == '\0', "a field's text ends with a NUL byte");
      FUZZ_ASSERT(f->loc.offset <= f->loc.end_offset && f->loc.end_offset <= size, "a field lies inside the file");
    }
  }
  cjm_csv_free(&csv);
  cjm_diags_free(diags);
  cjm_source_free(src);
  fuzz_import(cjm_csv_import, "fuzz.csv", data, size);
  return 0;
}
