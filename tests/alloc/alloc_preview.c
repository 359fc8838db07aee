/* alloc_preview — what `cjm serve` computes for a page, in one process,
 * for the allocation-failure test (alloc_fail.sh, case "serve-preview"):
 * the journey loaded, the page's state (its JSON, as the event stream
 * sends it), the map and flow pictures and a persona's map, each asked
 * twice (the second from the cache). Prints nothing when everything
 * succeeds; a failure of its own is reported and ends with status 1, and
 * running out of memory ends, as anywhere in cjm, with status 2.
 *
 * Usage: alloc_preview JOURNEY STDLIB_DIR [PERSONA] */
#include <stdio.h>
#include <stdlib.h>

#include "lang/diag.h"
#include "lang/limits.h"
#include "runtime/serve/preview.h"

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: alloc_preview JOURNEY STDLIB_DIR [PERSONA]\n");
    return 1;
  }
  cjm_diags *diags = cjm_diags_new();
  cjm_preview_options options = {.path = argv[1],
                                 .load = {.stdlib_dir = argv[2], .limits = CJM_LIMITS_DEFAULT},
                                 .diags = diags};
  cjm_preview *preview = cjm_preview_new(&options);
  int status = 0;
  if (cjm_preview_reload(preview, NULL) != CJM_CHECKED_OK) {
    fprintf(stderr, "alloc_preview: %s did not load cleanly\n", argv[1]);
    status = 1;
  }
  unsigned long seen = 0;
  char *json = NULL;
  if (status == 0 && cjm_preview_wait(preview, &seen, 10, &json) != CJM_PREVIEW_STATE) {
    fprintf(stderr, "alloc_preview: no state after the load\n");
    status = 1;
  }
  free(json);
  const cjm_preview_request requests[] = {
      {.view = CJM_VIEW_MAP, .theme = "light"},
      {.view = CJM_VIEW_FLOW, .theme = "dark"},
      {.view = CJM_VIEW_MAP, .persona = argc > 3 ? argv[3] : NULL, .theme = "light"},
  };
  for (size_t i = 0; status == 0 && i < 2 * sizeof requests / sizeof requests[0]; i++) {
    char *svg = NULL;
    size_t len = 0;
    unsigned long generation = 0;
    cjm_preview_result r = cjm_preview_picture(preview, &requests[i % 3], &svg, &len, &generation);
    if (r != CJM_PREVIEW_PICTURE || len == 0) {
      fprintf(stderr, "alloc_preview: picture %zu not drawn (%d)\n", i, (int)r);
      status = 1;
    }
    free(svg);
  }
  cjm_preview_free(preview);
  cjm_diags_free(diags);
  return status;
}
