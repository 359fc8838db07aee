/* md_text — see md_text.h. */
#include "runtime/base/md_text.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lang/utf8.h"

static bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void cjm_md_escape(cjm_strbuf *out, const char *text, size_t len) {
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0) {
      cjm_strbuf_puts(out, "\xEF\xBF\xBD");
      i++;
      continue;
    }
    char c = text[i];
    switch (cp) {
    case '\\': case '|': case '`': case '*': case '[': case ']': case '~':
      cjm_strbuf_write(out, "\\", 1);
      cjm_strbuf_write(out, &c, 1);
      break;
    case '_': /* inside a word it cannot start emphasis */
      if (!(i > 0 && is_alnum(text[i - 1]) && i + 1 < len && is_alnum(text[i + 1])))
        cjm_strbuf_puts(out, "\\");
      cjm_strbuf_puts(out, "_");
      break;
    case '<': cjm_strbuf_puts(out, "&lt;"); break;
    case '>': cjm_strbuf_puts(out, "&gt;"); break;
    case '&': cjm_strbuf_puts(out, "&amp;"); break;
    case '@': /* a word joiner keeps `@name` from notifying a GitHub user */
      cjm_strbuf_puts(out, "@");
      if (i + 1 < len && (is_alnum(text[i + 1]) || text[i + 1] == '_' || text[i + 1] == '-'))
        cjm_strbuf_puts(out, "\xE2\x81\xA0");
      break;
    case '\n': cjm_strbuf_puts(out, "<br>"); break;
    case '\t': cjm_strbuf_puts(out, " "); break;
    default:
      if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) cjm_strbuf_puts(out, "\xEF\xBF\xBD");
      else cjm_strbuf_write(out, text + i, n);
    }
    i += n;
  }
}

void cjm_md_escape_str(cjm_strbuf *out, const char *text) { cjm_md_escape(out, text, strlen(text)); }
