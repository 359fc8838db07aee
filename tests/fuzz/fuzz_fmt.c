/* fuzz_fmt — libFuzzer harness for `cjm fmt`: any bytes formatted, and
 * when they format, three properties checked (review/format.h):
 *   - idempotent: the output formats to itself, byte for byte;
 *   - it keeps the meaning: the output has errors exactly when the input
 *     has (a module missing, a reference unknown), and when neither has,
 *     `cjm diff` finds the two journeys identical;
 *   - it keeps the model's size: as many stages, steps and personas. */
#include "tests/fuzz/fuzz.h"

#include "runtime/base/strbuf.h"
#include "runtime/review/diff.h"
#include "runtime/review/format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cjm_source *src = cjm_source_from_memory("fuzz.cjm", (const char *)data, size);
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf once = {0};
  bool ok = cjm_format_source(src, &once, diags, NULL);
  cjm_diags_print(diags, 0, fuzz_null(), &(cjm_print_options){.show_source = true});
  cjm_diags_free(diags);
  cjm_source_free(src);
  if (!ok) {
    FUZZ_ASSERT(once.len == 0, "a failed format leaves its output as it was");
    cjm_strbuf_free(&once);
    return 0;
  }

  /* Idempotent. */
  cjm_source *formatted = cjm_source_from_memory("fmt.cjm", once.data ? once.data : "", once.len);
  cjm_diags *again_diags = cjm_diags_new();
  cjm_strbuf twice = {0};
  bool again = cjm_format_source(formatted, &twice, again_diags, NULL);
  if (!again) cjm_diags_print(again_diags, 0, stderr, &(cjm_print_options){.show_source = true});
  FUZZ_ASSERT(again, "the output of fmt formats without error");
  if (twice.len != once.len || (once.len && memcmp(once.data, twice.data, once.len) != 0))
    fprintf(stderr, "--- once:\n%.*s\n--- twice:\n%.*s\n", (int)once.len, once.data, (int)twice.len, twice.data);
  FUZZ_ASSERT(twice.len == once.len && (once.len == 0 || memcmp(once.data, twice.data, once.len) == 0),
              "fmt is idempotent");
  cjm_strbuf_free(&twice);
  cjm_diags_free(again_diags);
  cjm_source_free(formatted);

  /* The same journey. */
  fuzz_journey old, new;
  fuzz_journey_load(&old, "fuzz.cjm", data, size);
  fuzz_journey_load(&new, "fuzz.cjm", (const uint8_t *)(once.data ? once.data : ""), once.len);
  FUZZ_ASSERT((cjm_diags_errors(old.diags) == 0) == (cjm_diags_errors(new.diags) == 0),
              "fmt keeps a journey's errors");
  if (old.clean && new.clean) {
    FUZZ_ASSERT(old.model->stage_count == new.model->stage_count, "fmt keeps the stages");
    FUZZ_ASSERT(old.model->step_count == new.model->step_count, "fmt keeps the steps");
    FUZZ_ASSERT(old.model->persona_count == new.model->persona_count, "fmt keeps the personas");
    cjm_diff_side o = {"old", old.model, old.analysis, old.program->names};
    cjm_diff_side n = {"new", new.model, new.analysis, new.program->names};
    cjm_diff *diff = cjm_diff_compute(&o, &n, &(cjm_diff_options){0});
    if (!cjm_diff_identical(diff)) fprintf(stderr, "--- formatted:\n%.*s\n", (int)once.len, once.data);
    FUZZ_ASSERT(cjm_diff_identical(diff), "fmt keeps the model (diff finds no change)");
    cjm_diff_free(diff);
  }
  fuzz_journey_free(&new);
  fuzz_journey_free(&old);
  cjm_strbuf_free(&once);
  return 0;
}
