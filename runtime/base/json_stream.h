/* json_stream — a JSON document written as it is walked, straight into a
 * cjm_strbuf, without building a tree of values first: what `cjm render
 * -T json` and `cjm stats -T json` print, at the cost of their output and
 * nothing more (bench/README.md, "Personas x stages").
 *
 * The bytes are those of json_write.h (jansson's json_dumps with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)), so that
 * either writer gives the same document: each member and element on a
 * line of its own, indented two spaces a level, a comma ending every line
 * but the last; `"key": value`; `[]` and `{}` when empty; strings with
 * `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t` and the other control
 * characters as `\u00XX` (upper-case hex), everything else, UTF-8
 * included, as it is; a string that is not valid UTF-8 as a whole U+FFFD;
 * integers in decimal; reals as "%.15g" with ".0" added when that has
 * neither a point nor an exponent, and the exponent without '+' or leading
 * zeros ("1e20", "1e-5").
 *
 * The caller writes keys and values in document order: a key only inside
 * an object, each followed by exactly one value. The stream owns nothing;
 * the strbuf it appends to is the caller's. Depends on strbuf.h and
 * lang/utf8.h only. */
#ifndef CJM_JSON_STREAM_H
#define CJM_JSON_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/base/strbuf.h"

/* A document being written. Initialise with cjm_jstream_init. */
typedef struct cjm_jstream {
  cjm_strbuf *out;             /* where the text goes (the caller's) */
  size_t depth;                /* containers open */
  bool empty;                  /* the innermost open container has no member yet */
  bool after_key;              /* a key was written; its value comes next */
} cjm_jstream;

/* Starts a document that appends to out. */
void cjm_jstream_init(cjm_jstream *js, cjm_strbuf *out);

/* Ends the document: a final newline, as cjm_json_write adds. Every
 * container must have been closed. */
void cjm_jstream_finish(cjm_jstream *js);

/* Opens an object ({) or an array ([), as a value. */
void cjm_jstream_begin_object(cjm_jstream *js);
void cjm_jstream_begin_array(cjm_jstream *js);

/* Closes the innermost object or array. */
void cjm_jstream_end_object(cjm_jstream *js);
void cjm_jstream_end_array(cjm_jstream *js);

/* The key of the next member of the innermost object: plain ASCII
 * without characters to escape (the document's own field names). */
void cjm_jstream_key(cjm_jstream *js, const char *key);

/* A string value, escaped; null for NULL; U+FFFD for text that is not
 * valid UTF-8. */
void cjm_jstream_string(cjm_jstream *js, const char *s);

/* The string prefix followed by s, as one value (escaped as one string,
 * replaced as one when either is not valid UTF-8). */
void cjm_jstream_string2(cjm_jstream *js, const char *prefix, const char *s);

/* null, true or false. */
void cjm_jstream_null(cjm_jstream *js);
void cjm_jstream_bool(cjm_jstream *js, bool value);

/* An integer value. */
void cjm_jstream_integer(cjm_jstream *js, long long value);

/* A real value, formatted as jansson formats a real (above). */
void cjm_jstream_real(cjm_jstream *js, double value);

/* A number: an integer when value is whole and within +-2^53, else a
 * real. */
void cjm_jstream_number(cjm_jstream *js, double value);

#endif
