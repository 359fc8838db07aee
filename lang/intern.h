/* intern — one copy of every identifier, so that names compare by pointer.
 *
 * An interner belongs to one run; the strings it returns live in the arena
 * it was created with and stay valid until that arena is freed. Two calls
 * with equal bytes return the same pointer, so identifier equality in the
 * AST and the model is pointer equality. */
#ifndef CJM_INTERN_H
#define CJM_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "lang/arena.h"

typedef struct cjm_interner cjm_interner;

/* Creates an interner whose strings live in arena. */
cjm_interner *cjm_interner_new(cjm_arena *arena);

/* Frees the interner's table (not the strings: they belong to the arena). */
void cjm_interner_free(cjm_interner *names);

/* Makes room for count more strings than the interner holds, so that it
 * does not grow (and rehash) while they are added. Only a hint. */
void cjm_interner_reserve(cjm_interner *names, size_t count);

/* Returns the unique NUL-terminated copy of s[0..len). */
const char *cjm_intern(cjm_interner *names, const char *s, size_t len);

/* Returns the unique copy of the NUL-terminated string s. */
const char *cjm_intern_cstr(cjm_interner *names, const char *s);

/* Returns the interned copy of s[0..len) if there is one, else NULL. */
const char *cjm_intern_lookup(const cjm_interner *names, const char *s, size_t len);

/* The hash the interner uses (32 bits, a word at a time), for tables keyed
 * by text. */
uint32_t cjm_hash_bytes(const char *s, size_t len);

/* A hash for an interned pointer, for tables keyed by identifier. */
static inline uint32_t cjm_hash_ptr(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (uint32_t)x;
}

#endif
