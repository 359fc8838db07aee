/* fuzz_diff — libFuzzer harness for `cjm diff`: the input is two journeys
 * separated by a line "=====" (without one, the second is the first with
 * its last line dropped), each loaded as `cjm diff` loads them; when both
 * are free of errors they are compared both ways and every printer runs
 * (text with and without colour and header, md, json). Properties:
 *   - `diff X X` is empty: a journey compared with itself is identical,
 *     counts nothing and prints nothing as text;
 *   - a diff of two journeys and the diff back report as many things
 *     added as the other removed. */
#include "tests/fuzz/fuzz.h"

#include "runtime/base/strbuf.h"
#include "runtime/review/diff.h"
#include "runtime/review/diff_output.h"

/* Prints diff every way into one buffer, and returns whether text
 * without a header printed nothing. */
static bool print_all(const cjm_diff *diff) {
  cjm_strbuf out = {0};
  cjm_diff_write_text(diff, &(cjm_diff_print_options){0}, &out);
  bool empty = out.len == 0;
  cjm_diff_write_text(diff, &(cjm_diff_print_options){.color = true, .header = true}, &out);
  cjm_diff_write_md(diff, &(cjm_diff_print_options){.header = true}, &out);
  FUZZ_ASSERT(cjm_diff_write_json(diff, &out), "a diff encodes as JSON");
  cjm_strbuf_free(&out);
  return empty;
}

static cjm_diff_side side(const char *name, const fuzz_journey *j) {
  return (cjm_diff_side){name, j->model, j->analysis, j->program->names};
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char separator[] = "\n=====\n";
  const uint8_t *second = NULL;
  size_t first_size = size, second_size = 0;
  for (size_t i = 0; i + sizeof separator - 1 <= size; i++) {
    if (memcmp(data + i, separator, sizeof separator - 1) == 0) {
      first_size = i + 1;
      second = data + i + sizeof separator - 1;
      second_size = size - (size_t)(second - data);
      break;
    }
  }
  if (!second) {
    second = data;
    second_size = size;
    while (second_size && data[second_size - 1] == '\n') second_size--;
    while (second_size && data[second_size - 1] != '\n') second_size--;
  }
  fuzz_journey old, new;
  fuzz_journey_load(&old, "old.cjm", data, first_size);
  fuzz_journey_load(&new, "new.cjm", second, second_size);
  if (old.clean) {
    cjm_diff_side o = side("old", &old);
    cjm_diff *same = cjm_diff_compute(&o, &o, &(cjm_diff_options){0});
    FUZZ_ASSERT(cjm_diff_identical(same), "diff X X is identical");
    cjm_diff_counts counts = cjm_diff_count(same);
    FUZZ_ASSERT(counts.added + counts.removed + counts.changed + counts.moved == 0, "diff X X counts nothing");
    FUZZ_ASSERT(print_all(same), "diff X X prints nothing");
    cjm_diff_free(same);
  }
  if (old.clean && new.clean) {
    cjm_diff_side o = side("old", &old), n = side("new", &new);
    const char *persona = new.model->persona_count ? new.model->personas[0]->decl.id : NULL;
    cjm_diff *forth = cjm_diff_compute(&o, &n, &(cjm_diff_options){0});
    cjm_diff *back = cjm_diff_compute(&n, &o, &(cjm_diff_options){0});
    cjm_diff *one = cjm_diff_compute(&o, &n, &(cjm_diff_options){.persona = persona});
    FUZZ_ASSERT(cjm_diff_identical(forth) == cjm_diff_identical(back), "diff is symmetric in identity");
    cjm_diff_counts f = cjm_diff_count(forth), b = cjm_diff_count(back);
    FUZZ_ASSERT(f.added == b.removed && f.removed == b.added, "what one diff adds the other removes");
    print_all(forth);
    print_all(back);
    print_all(one);
    cjm_diff_free(one);
    cjm_diff_free(back);
    cjm_diff_free(forth);
    /* Either side absent: a file git shows as added or deleted. */
    cjm_diff_side none = {"/dev/null", NULL, NULL, NULL};
    cjm_diff *added = cjm_diff_compute(&none, &n, &(cjm_diff_options){0});
    print_all(added);
    cjm_diff_free(added);
  }
  fuzz_journey_free(&new);
  fuzz_journey_free(&old);
  return 0;
}
