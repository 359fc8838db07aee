/* escape — see escape.h. Each function copies runs of ordinary bytes in
 * one write and handles the special bytes one at a time. */
#include "runtime/render/graphviz/escape.h"

#include <stdbool.h>
#include <string.h>

/* U+FFFD REPLACEMENT CHARACTER, for control characters and the
 * noncharacters U+FFFE and U+FFFF. */
static const char replacement[] = "\xEF\xBF\xBD";

/* Whether byte c is a control character XML cannot carry. */
static int is_bad_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

/* Whether s[0..len) starts with U+FFFE or U+FFFF, the two noncharacters
 * XML cannot carry either (EF BF BE, EF BF BF): Graphviz's HTML-like
 * labels and SVG would not be well-formed with them. */
static bool is_xml_nonchar(const char *s, size_t len) {
  return len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF &&
         ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF);
}

/* What a destination does with the bytes that need care; & always
 * becomes &amp;, a carriage return is dropped and a control character
 * replaced. */
typedef struct dialect {
  const char *backslash;       /* what a backslash becomes; NULL: kept */
  bool markup;                 /* < > " ' become character references */
  bool breaks;                 /* a newline becomes the line break (a space without one); else kept */
  bool tab_as_space;           /* a tab becomes a space; else kept */
} dialect;

static const dialect gv_plain = {.backslash = "\\\\", .breaks = true, .tab_as_space = true};
static const dialect gv_tooltip = {.backslash = "\\\\\\\\", .tab_as_space = true};
static const dialect gv_html = {.backslash = "\\\\", .markup = true, .breaks = true, .tab_as_space = true};
static const dialect xml = {.markup = true};

/* What byte c becomes in d, or NULL when it is copied as it is. */
static const char *escape_byte(const dialect *d, unsigned char c, const char *line_break) {
  switch (c) {
  case '\\': return d->backslash;
  case '&': return "&amp;";
  case '<': return d->markup ? "&lt;" : NULL;
  case '>': return d->markup ? "&gt;" : NULL;
  case '"': return d->markup ? "&quot;" : NULL;
  case '\'': return d->markup ? "&#39;" : NULL;
  case '\n': return !d->breaks ? NULL : line_break ? line_break : " ";
  case '\r': return "";
  case '\t': return d->tab_as_space ? " " : NULL;
  default: return is_bad_control(c) ? replacement : NULL;
  }
}

static void escape_with(cjm_strbuf *out, const char *s, size_t len, const char *line_break, const dialect *d) {
  size_t run = 0;
  for (size_t i = 0; i < len; i++) {
    size_t width = 1;
    const char *rep = escape_byte(d, (unsigned char)s[i], line_break);
    if (!rep && is_xml_nonchar(s + i, len - i)) rep = replacement, width = 3;
    if (!rep) continue;
    if (i > run) cjm_strbuf_write(out, s + run, i - run);
    cjm_strbuf_puts(out, rep);
    i += width - 1;
    run = i + 1;
  }
  if (len > run) cjm_strbuf_write(out, s + run, len - run);
}

void cjm_escape_gv_plain(cjm_strbuf *out, const char *s, size_t len, const char *line_break) {
  escape_with(out, s, len, line_break, &gv_plain);
}

void cjm_escape_gv_tooltip(cjm_strbuf *out, const char *s, size_t len) {
  escape_with(out, s, len, NULL, &gv_tooltip);
}

void cjm_escape_gv_html(cjm_strbuf *out, const char *s, size_t len, const char *line_break) {
  escape_with(out, s, len, line_break, &gv_html);
}

void cjm_escape_xml(cjm_strbuf *out, const char *s, size_t len) { escape_with(out, s, len, NULL, &xml); }
