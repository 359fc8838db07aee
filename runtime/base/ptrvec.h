/* ptrvec — a growable array of pointers for building arrays whose final
 * size is not known in advance. The vector owns its storage until
 * cjm_ptrvec_finish() moves the contents into an arena. */
#ifndef CJM_PTRVEC_H
#define CJM_PTRVEC_H

#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"

typedef struct cjm_ptrvec {
  void **items;
  size_t count, capacity;
} cjm_ptrvec;

/* Appends p. */
static inline void cjm_ptrvec_push(cjm_ptrvec *v, void *p) {
  if (v->count == v->capacity) {
    v->capacity = v->capacity ? v->capacity * 2 : 8;
    v->items = cjm_xrealloc(v->items, v->capacity * sizeof *v->items);
  }
  v->items[v->count++] = p;
}

/* Copies the pointers into arena, frees the vector's storage, and returns
 * the arena array (never NULL; *count receives the length). */
static inline void *cjm_ptrvec_finish(cjm_ptrvec *v, cjm_arena *arena, size_t *count) {
  void **out = cjm_arena_alloc(arena, (v->count ? v->count : 1) * sizeof *out);
  if (v->count) memcpy(out, v->items, v->count * sizeof *out);
  *count = v->count;
  free(v->items);
  *v = (cjm_ptrvec){0};
  return out;
}

#endif
