/* cjm_text — writing cjm source from the text of another format, for the
 * importers: identifiers made from free text in any script, unique within
 * their kind and stable (the same input always gives the same names), and
 * strings quoted as the cjm lexer reads them.
 *
 * A cjm_name_map owns copies of its keys (malloc'd) until
 * cjm_name_map_free(). Nothing here knows a foreign format or the model;
 * it depends on lang/ (UTF-8, the keyword table) and base/strbuf.h only. */
#ifndef CJM_TEXT_H
#define CJM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/base/strbuf.h"

/* The longest identifier cjm_name_make() makes from text, in bytes,
 * before a suffix that keeps it unique. */
enum { CJM_NAME_MAX_BYTES = 48 };

/* The longest fallback name cjm_name_make() takes, in bytes. */
enum { CJM_NAME_FALLBACK_MAX = 32 };

/* A set of strings, each with a number: the identifiers of one kind
 * already made, or any string-to-index map. The zero value is empty. */
typedef struct cjm_name_map {
  struct cjm_name_slot *slots; /* open addressing; NULL while empty */
  size_t count, capacity;      /* capacity is 0 or a power of two */
} cjm_name_map;

/* Frees the map and its keys; it is then empty and may be reused. */
void cjm_name_map_free(cjm_name_map *map);

/* The number stored with key[0..len), or -1 when key is not in map. */
long cjm_name_map_get(const cjm_name_map *map, const char *key, size_t len);

/* Stores key[0..len) with value (replacing an older value), and returns the
 * map's own copy of the key, NUL-terminated. */
const char *cjm_name_map_put(cjm_name_map *map, const char *key, size_t len, long value);

/* Makes a cjm identifier from text[0..len) (valid UTF-8) and records it in
 * taken, which holds the identifiers of its kind already made: ASCII
 * letters lowercased, letters and digits of every script kept, every run
 * of other characters (spaces, punctuation, symbols) one `_`, cut to
 * CJM_NAME_MAX_BYTES (between words where it can). When that leaves
 * nothing, fallback (an identifier of at most CJM_NAME_FALLBACK_MAX
 * bytes) is the name; when it starts with a digit or is a reserved word,
 * it is prefixed with "fallback_"; when it is taken already, "_2", "_3"…
 * is appended. Returns the identifier, owned by taken. */
const char *cjm_name_make(cjm_name_map *taken, const char *text, size_t len, const char *fallback);

/* Whether word[0..len) is a reserved word of cjm (lang/keywords.def),
 * which cannot be an identifier. */
bool cjm_name_reserved(const char *word, size_t len);

/* Appends text[0..len) (valid UTF-8) as a one-line cjm string: in double
 * quotes, with `"`, `\`, line breaks, tabs and other control characters
 * escaped. */
void cjm_text_quote(cjm_strbuf *out, const char *text, size_t len);

#endif
