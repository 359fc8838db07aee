/* text_check — see text_check.h. */
#include "runtime/interop/text_check.h"

#include <string.h>

#include "lang/utf8.h"

cjm_loc cjm_text_loc(const cjm_source *src, size_t offset) {
  const char *t = src->text;
  size_t at = src->len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  uint32_t line = 1, col = 1;
  for (; at < offset && at < src->len; at++) {
    if (t[at] == '\n') line++, col = 1;
    else if (((unsigned char)t[at] & 0xC0) != 0x80) col++;
  }
  return (cjm_loc){src, line, col, line, col + 1, (uint32_t)offset, (uint32_t)offset + 1};
}

bool cjm_text_check(const cjm_source *src, const char *name, const char *kind, cjm_diags *diags) {
  const char *nul = memchr(src->text, '\0', src->len);
  size_t bad = cjm_utf8_validate(src->text, src->len);
  if (!nul && bad == src->len) return true;
  if (nul && (size_t)(nul - src->text) <= bad) {
    cjm_loc at = cjm_text_loc(src, (size_t)(nul - src->text));
    cjm_error(diags, name, &at, "a NUL byte: this is a binary file, not %s text", kind);
  } else {
    cjm_loc at = cjm_text_loc(src, bad);
    cjm_error(diags, name, &at, "invalid UTF-8 (byte 0x%02X): save the file as %s in UTF-8", (unsigned char)src->text[bad],
              kind);
  }
  return false;
}
