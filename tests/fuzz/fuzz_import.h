/* fuzz_import — what the importers' harnesses share: the property that
 * what an importer writes is a journey in the canonical layout (it
 * formats to itself without error). Header-only, for tests/fuzz/. */
#ifndef CJM_TESTS_FUZZ_IMPORT_H
#define CJM_TESTS_FUZZ_IMPORT_H

#include "tests/fuzz/fuzz.h"

#include "runtime/base/strbuf.h"
#include "runtime/review/format.h"

/* An importer (mermaid_import.h, csv_import.h). */
typedef bool fuzz_importer(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags, const cjm_limits *limits);

/* Imports data[0..size) named name with import; when it succeeds, checks
 * that the result is a journey in the canonical layout and loads it as
 * `cjm check` would. */
static inline void fuzz_import(fuzz_importer *import, const char *name, const uint8_t *data, size_t size) {
  cjm_source *src = cjm_source_from_memory(name, (const char *)data, size);
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf out = {0};
  bool ok = import(src, &out, diags, NULL);
  cjm_diags_print(diags, 0, fuzz_null(), &(cjm_print_options){.show_source = true});
  FUZZ_ASSERT(ok || out.len == 0, "a failed import leaves its output as it was");
  FUZZ_ASSERT(ok == (cjm_diags_errors(diags) == 0), "an import fails exactly when it reports an error");
  if (ok) {
    cjm_source *journey = cjm_source_from_memory("imported.cjm", out.data ? out.data : "", out.len);
    cjm_diags *fmt_diags = cjm_diags_new();
    cjm_strbuf formatted = {0};
    bool formats = cjm_format_source(journey, &formatted, fmt_diags, NULL);
    if (!formats || formatted.len != out.len || memcmp(formatted.data, out.data, out.len) != 0) {
      fprintf(stderr, "--- imported:\n%.*s\n--- formatted:\n%.*s\n", (int)out.len, out.data, (int)formatted.len,
              formatted.data);
      cjm_diags_print(fmt_diags, 0, stderr, &(cjm_print_options){.show_source = true});
    }
    FUZZ_ASSERT(formats, "what an importer writes parses without error");
    FUZZ_ASSERT(formatted.len == out.len && memcmp(formatted.data, out.data, out.len) == 0,
                "what an importer writes is in the canonical layout");
    cjm_strbuf_free(&formatted);
    cjm_diags_free(fmt_diags);
    cjm_source_free(journey);
    fuzz_journey j;
    fuzz_journey_load(&j, "imported.cjm", (const uint8_t *)(out.data ? out.data : ""), out.len);
    fuzz_journey_free(&j);
  }
  cjm_strbuf_free(&out);
  cjm_diags_free(diags);
  cjm_source_free(src);
}

#endif
