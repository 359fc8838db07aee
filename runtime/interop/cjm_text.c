/* cjm_text — identifiers and strings for cjm source written by an importer. */
#include "runtime/interop/cjm_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/keywords.h"
#include "lang/utf8.h"

/* One entry of a name map. */
typedef struct cjm_name_slot {
  char *key;                   /* malloc'd, NUL-terminated; NULL for a free slot */
  size_t len;
  long value;
  uint64_t hash;
} cjm_name_slot;

/* FNV-1a over key[0..len). */
static uint64_t hash_of(const char *key, size_t len) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)key[i]) * 0x100000001b3ULL;
  return h;
}

void cjm_name_map_free(cjm_name_map *map) {
  for (size_t i = 0; i < map->capacity; i++) free(map->slots[i].key);
  free(map->slots);
  *map = (cjm_name_map){0};
}

/* The slot that holds key, or the free slot where it would go. */
static cjm_name_slot *find(const cjm_name_map *map, const char *key, size_t len, uint64_t hash) {
  size_t mask = map->capacity - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    cjm_name_slot *s = &map->slots[i];
    if (!s->key || (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0)) return s;
  }
}

long cjm_name_map_get(const cjm_name_map *map, const char *key, size_t len) {
  if (!map->capacity) return -1;
  const cjm_name_slot *s = find(map, key, len, hash_of(key, len));
  return s->key ? s->value : -1;
}

/* Doubles the table (starting at 64 slots), rehashing every key. */
static void grow(cjm_name_map *map) {
  cjm_name_map bigger = {.capacity = map->capacity ? 2 * map->capacity : 64, .count = map->count};
  bigger.slots = cjm_xcalloc(bigger.capacity, sizeof *bigger.slots);
  for (size_t i = 0; i < map->capacity; i++)
    if (map->slots[i].key) *find(&bigger, map->slots[i].key, map->slots[i].len, map->slots[i].hash) = map->slots[i];
  free(map->slots);
  *map = bigger;
}

const char *cjm_name_map_put(cjm_name_map *map, const char *key, size_t len, long value) {
  if (2 * (map->count + 1) > map->capacity) grow(map);
  uint64_t hash = hash_of(key, len);
  cjm_name_slot *s = find(map, key, len, hash);
  if (!s->key) {
    s->key = cjm_xmalloc(len + 1);
    memcpy(s->key, key, len);
    s->key[len] = '\0';
    s->len = len;
    s->hash = hash;
    map->count++;
  }
  s->value = value;
  return s->key;
}

bool cjm_name_reserved(const char *word, size_t len) {
  const cjm_keyword *k = cjm_keyword_find(word, len);
  return k && k->kind != CJM_KEYWORD_VALUE;
}

/* The identifier text[0..len) makes before it is made unique, into buf
 * (room for CJM_NAME_MAX_BYTES + 1 bytes); returns its length. */
static size_t base_name(const char *text, size_t len, char *buf) {
  size_t n = 0;
  bool gap = false; /* a separator is due before the next kept character */
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = cjm_utf8_decode(text + i, len - i, &cp);
    if (k == 0) k = 1, cp = 0xFFFD;
    bool ascii_word = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    bool keep = cp < 0x80 ? ascii_word : cjm_utf8_is_ident_char(cp);
    if (!keep) {
      gap = n > 0;
      i += k;
      continue;
    }
    size_t need = k + (gap ? 1 : 0);
    if (n + need > CJM_NAME_MAX_BYTES) {
      /* cut between words when a word would be cut in two */
      size_t cut = n;
      while (!gap && cut > CJM_NAME_MAX_BYTES / 2 && buf[cut - 1] != '_') cut--;
      if (!gap && cut > CJM_NAME_MAX_BYTES / 2) n = cut;
      break;
    }
    if (gap) buf[n++] = '_';
    gap = false;
    for (size_t j = 0; j < k; j++) {
      char c = text[i + j];
      buf[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    i += k;
  }
  while (n && buf[n - 1] == '_') n--;
  buf[n] = '\0';
  return n;
}

const char *cjm_name_make(cjm_name_map *taken, const char *text, size_t len, const char *fallback) {
  char base[CJM_NAME_MAX_BYTES + 1];
  size_t n = base_name(text, len, base);
  /* the name, then room for a suffix: no allocation but the map's own copy */
  char name[CJM_NAME_MAX_BYTES + CJM_NAME_FALLBACK_MAX + 32];
  size_t name_len;
  if (n == 0)
    name_len = (size_t)snprintf(name, sizeof name - 24, "%s", fallback);
  else if ((base[0] >= '0' && base[0] <= '9') || cjm_name_reserved(base, n))
    name_len = (size_t)snprintf(name, sizeof name - 24, "%s_%s", fallback, base);
  else
    name_len = (size_t)snprintf(name, sizeof name - 24, "%s", base);
  if (name_len > sizeof name - 25) name_len = sizeof name - 25; /* a fallback over its limit, cut */
  long next = cjm_name_map_get(taken, name, name_len);
  if (next < 0) return cjm_name_map_put(taken, name, name_len, 2);
  /* taken: the name remembers the next suffix to try, so that many texts
   * making the same name cost one probe each, not one per name before */
  size_t candidate_len;
  for (;; next++) {
    candidate_len = name_len + (size_t)snprintf(name + name_len, 24, "_%ld", next);
    if (cjm_name_map_get(taken, name, candidate_len) < 0) break;
  }
  cjm_name_map_put(taken, name, name_len, next + 1);
  return cjm_name_map_put(taken, name, candidate_len, 2);
}

void cjm_text_quote(cjm_strbuf *out, const char *text, size_t len) {
  cjm_strbuf_write(out, "\"", 1);
  size_t run = 0; /* start of the bytes not yet written */
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
    cjm_strbuf_write(out, text + run, i - run);
    run = i + 1;
    if (c == '"') cjm_strbuf_puts(out, "\\\"");
    else if (c == '\\') cjm_strbuf_puts(out, "\\\\");
    else if (c == '\n') cjm_strbuf_puts(out, "\\n");
    else if (c == '\t') cjm_strbuf_puts(out, "\\t");
    else if (c == 0) cjm_strbuf_puts(out, "\\u{fffd}"); /* cjm strings cannot hold U+0000 */
    else cjm_strbuf_printf(out, "\\u{%x}", c);
  }
  cjm_strbuf_write(out, text + run, len - run);
  cjm_strbuf_write(out, "\"", 1);
}
