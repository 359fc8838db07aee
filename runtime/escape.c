/* escape — see escape.h. Each function copies runs of ordinary bytes in
 * one write and handles the special bytes one at a time. */
#include "runtime/escape.h"

#include <string.h>

/* U+FFFD REPLACEMENT CHARACTER, for control characters. */
static const char replacement[] = "\xEF\xBF\xBD";

/* Whether byte c is a control character XML cannot carry. */
static int is_bad_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

/* What one special byte becomes, or NULL when it is copied as it is. */
typedef const char *(*escape_byte_fn)(unsigned char c, const char *line_break);

static void escape_with(cjm_output *out, const char *s, size_t len, const char *line_break,
                        escape_byte_fn escape_byte) {
  size_t run = 0;
  for (size_t i = 0; i < len; i++) {
    const char *rep = escape_byte((unsigned char)s[i], line_break);
    if (!rep) continue;
    if (i > run) cjm_output_write(out, s + run, i - run);
    cjm_output_puts(out, rep);
    run = i + 1;
  }
  if (len > run) cjm_output_write(out, s + run, len - run);
}

static const char *plain_byte(unsigned char c, const char *line_break) {
  switch (c) {
  case '\\': return "\\\\";
  case '&': return "&amp;";
  case '\n': return line_break ? line_break : " ";
  case '\r': return "";
  case '\t': return " ";
  default: return is_bad_control(c) ? replacement : NULL;
  }
}

static const char *tooltip_byte(unsigned char c, const char *line_break) {
  (void)line_break;
  switch (c) {
  case '\\': return "\\\\\\\\";
  case '&': return "&amp;";
  case '\r': return "";
  case '\t': return " ";
  default: return is_bad_control(c) ? replacement : NULL;
  }
}

static const char *html_byte(unsigned char c, const char *line_break) {
  switch (c) {
  case '\\': return "\\\\";
  case '&': return "&amp;";
  case '<': return "&lt;";
  case '>': return "&gt;";
  case '"': return "&quot;";
  case '\'': return "&#39;";
  case '\n': return line_break ? line_break : " ";
  case '\r': return "";
  case '\t': return " ";
  default: return is_bad_control(c) ? replacement : NULL;
  }
}

static const char *xml_byte(unsigned char c, const char *line_break) {
  (void)line_break;
  switch (c) {
  case '&': return "&amp;";
  case '<': return "&lt;";
  case '>': return "&gt;";
  case '"': return "&quot;";
  case '\'': return "&#39;";
  case '\r': return "";
  default: return is_bad_control(c) ? replacement : NULL;
  }
}

void cjm_escape_gv_plain(cjm_output *out, const char *s, size_t len, const char *line_break) {
  escape_with(out, s, len, line_break, plain_byte);
}

void cjm_escape_gv_tooltip(cjm_output *out, const char *s, size_t len) {
  escape_with(out, s, len, NULL, tooltip_byte);
}

void cjm_escape_gv_html(cjm_output *out, const char *s, size_t len, const char *line_break) {
  escape_with(out, s, len, line_break, html_byte);
}

void cjm_escape_xml(cjm_output *out, const char *s, size_t len) { escape_with(out, s, len, NULL, xml_byte); }
