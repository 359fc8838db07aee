/* json_write — see json_write.h. */
#include "runtime/base/json_write.h"

#include <stdlib.h>

#include "lang/arena.h"

void cjm_json_use_cjm_allocator(void) { json_set_alloc_funcs(cjm_xmalloc, free); }

bool cjm_json_write(const json_t *doc, cjm_strbuf *out) {
  char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
  if (!text) return false;
  cjm_strbuf_puts(out, text);
  cjm_strbuf_puts(out, "\n");
  free(text);
  return true;
}

bool cjm_json_emit(json_t *doc, const char *what, cjm_strbuf *out, cjm_diags *diags) {
  bool ok = cjm_json_write(doc, out);
  json_decref(doc);
  if (!ok) cjm_error(diags, "io", NULL, "cannot encode %s as JSON", what);
  return ok;
}
