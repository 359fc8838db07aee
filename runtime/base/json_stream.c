/* json_stream — see json_stream.h. */
#include "runtime/base/json_stream.h"

#include <stdio.h>
#include <string.h>

#include "lang/utf8.h"

enum { INDENT = 2 };

static const char spaces[] = "                                                                ";

void cjm_jstream_init(cjm_jstream *js, cjm_strbuf *out) { *js = (cjm_jstream){.out = out, .empty = true}; }

void cjm_jstream_finish(cjm_jstream *js) { cjm_strbuf_write(js->out, "\n", 1); }

/* A line break and the indent of depth levels. */
static void newline(cjm_jstream *js, size_t depth) {
  cjm_strbuf_write(js->out, "\n", 1);
  for (size_t n = depth * INDENT; n > 0;) {
    size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
    cjm_strbuf_write(js->out, spaces, k);
    n -= k;
  }
}

/* What comes before a value or a key: nothing after a key or at the top,
 * else the comma after the previous member and the new member's line. */
static void before(cjm_jstream *js) {
  if (js->after_key) {
    js->after_key = false;
    return;
  }
  if (js->depth == 0) return;
  if (!js->empty) cjm_strbuf_write(js->out, ",", 1);
  newline(js, js->depth);
  js->empty = false;
}

static void begin(cjm_jstream *js, char open) {
  before(js);
  cjm_strbuf_write(js->out, &open, 1);
  js->depth++;
  js->empty = true;
}

static void end(cjm_jstream *js, char close) {
  js->depth--;
  if (!js->empty) newline(js, js->depth);
  cjm_strbuf_write(js->out, &close, 1);
  js->empty = false; /* the container just closed is a member of its parent */
}

void cjm_jstream_begin_object(cjm_jstream *js) { begin(js, '{'); }
void cjm_jstream_begin_array(cjm_jstream *js) { begin(js, '['); }
void cjm_jstream_end_object(cjm_jstream *js) { end(js, '}'); }
void cjm_jstream_end_array(cjm_jstream *js) { end(js, ']'); }

void cjm_jstream_key(cjm_jstream *js, const char *key) {
  before(js);
  cjm_strbuf_write(js->out, "\"", 1);
  cjm_strbuf_puts(js->out, key);
  cjm_strbuf_write(js->out, "\": ", 3);
  js->after_key = true;
}

/* Whether s[0..len) is valid UTF-8, quickly when it is ASCII. */
static bool valid_utf8(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80) return cjm_utf8_validate(s + i, len - i) == len - i;
  return true;
}

/* The bytes of s[0..len) inside a string, escaped. */
static void escaped(cjm_strbuf *out, const char *s, size_t len) {
  size_t run = 0; /* start of the bytes not yet written */
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    cjm_strbuf_write(out, s + run, i - run);
    run = i + 1;
    char seq[8];
    const char *text = seq;
    switch (c) {
    case '"': text = "\\\""; break;
    case '\\': text = "\\\\"; break;
    case '\b': text = "\\b"; break;
    case '\f': text = "\\f"; break;
    case '\n': text = "\\n"; break;
    case '\r': text = "\\r"; break;
    case '\t': text = "\\t"; break;
    default: snprintf(seq, sizeof seq, "\\u%04X", (unsigned)c); break;
    }
    cjm_strbuf_puts(out, text);
  }
  cjm_strbuf_write(out, s + run, len - run);
}

void cjm_jstream_string2(cjm_jstream *js, const char *prefix, const char *s) {
  size_t plen = strlen(prefix), len = strlen(s);
  before(js);
  cjm_strbuf_write(js->out, "\"", 1);
  if (valid_utf8(prefix, plen) && valid_utf8(s, len)) {
    escaped(js->out, prefix, plen);
    escaped(js->out, s, len);
  } else {
    cjm_strbuf_write(js->out, "\xEF\xBF\xBD", 3);
  }
  cjm_strbuf_write(js->out, "\"", 1);
}

void cjm_jstream_string(cjm_jstream *js, const char *s) {
  if (!s) cjm_jstream_null(js);
  else cjm_jstream_string2(js, "", s);
}

void cjm_jstream_null(cjm_jstream *js) {
  before(js);
  cjm_strbuf_write(js->out, "null", 4);
}

void cjm_jstream_bool(cjm_jstream *js, bool value) {
  before(js);
  if (value) cjm_strbuf_write(js->out, "true", 4);
  else cjm_strbuf_write(js->out, "false", 5);
}

void cjm_jstream_integer(cjm_jstream *js, long long value) {
  char buf[24], *p = buf + sizeof buf;
  unsigned long long u = value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value;
  do *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (value < 0) *--p = '-';
  before(js);
  cjm_strbuf_write(js->out, p, (size_t)(buf + sizeof buf - p));
}

void cjm_jstream_real(cjm_jstream *js, double value) {
  char buf[40];
  int n = snprintf(buf, sizeof buf - 3, "%.15g", value);
  size_t len = n > 0 ? (size_t)n : 0;
  if (!strchr(buf, '.') && !strchr(buf, 'e')) { /* read back as a real, not an integer */
    memcpy(buf + len, ".0", 3);
    len += 2;
  }
  char *e = strchr(buf, 'e');
  if (e) { /* "1e+20" -> "1e20", "1e-05" -> "1e-5" */
    char *start = e + 1, *digits = start + 1;
    if (*start == '-') start++;
    while (*digits == '0') digits++;
    if (digits != start) {
      memmove(start, digits, len + 1 - (size_t)(digits - buf));
      len -= (size_t)(digits - start);
    }
  }
  before(js);
  cjm_strbuf_write(js->out, buf, len);
}

void cjm_jstream_number(cjm_jstream *js, double value) {
  if (value > -9007199254740992.0 && value < 9007199254740992.0 && value == (double)(long long)value)
    cjm_jstream_integer(js, (long long)value);
  else
    cjm_jstream_real(js, value);
}
