/* json_write — a JSON document (a jansson value) written out, the same way
 * for every command that prints JSON: two-space indent, keys in the order
 * they were set, UTF-8 unescaped, a final newline, reals to 15 digits.
 *
 * Ownership: cjm_json_write borrows the document; cjm_json_emit takes the
 * caller's reference. Depends on jansson, strbuf.h and lang/diag.h. */
#ifndef CJM_JSON_WRITE_H
#define CJM_JSON_WRITE_H

#include <jansson.h>
#include <stdbool.h>

#include "lang/diag.h"
#include "runtime/base/strbuf.h"

/* Makes jansson allocate through cjm's allocator (lang/arena.h), so that
 * its allocations too exit on out of memory and are counted by the
 * allocation-failure test; jansson's own free() stays free(). Call once,
 * before any other use of jansson (main does). */
void cjm_json_use_cjm_allocator(void);

/* Appends doc to out, indented by two spaces, keys in insertion order,
 * UTF-8 unescaped, followed by a newline. Returns false when jansson
 * cannot encode it. */
bool cjm_json_write(const json_t *doc, cjm_strbuf *out);

/* Writes doc as cjm_json_write does, then releases it (taking the
 * caller's reference). When jansson cannot encode it, reports "cannot encode WHAT as JSON" [io] to
 * diags and returns false: the end of a JSON backend. */
bool cjm_json_emit(json_t *doc, const char *what, cjm_strbuf *out, cjm_diags *diags);

#endif
