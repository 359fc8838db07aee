/* grow — growable arrays, the one way cjm builds an array whose final size
 * it does not know in advance:
 *   cjm_grow / CJM_PUSH   an array of any element type, held by its owner
 *                         as (items, count, capacity);
 *   cjm_ptrvec            an array of pointers that is moved into an arena
 *                         once complete (cjm_ptrvec_finish).
 * Both double their capacity when full, starting at 8. The caller owns the
 * array and frees it (free(), or cjm_ptrvec_finish). */
#ifndef CJM_GROW_H
#define CJM_GROW_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h" /* cjm_xrealloc, cjm_arena_alloc */

/* Returns items (count elements of size bytes, room for *capacity) with
 * room for one more, doubling the capacity when it is full. */
static inline void *cjm_grow(void *items, size_t count, size_t *capacity, size_t size) {
  if (count < *capacity) return items;
  *capacity = *capacity ? 2 * *capacity : 8;
  return cjm_xrealloc(items, *capacity * size);
}

/* Appends one zeroed element to the array arr of count elements with room
 * for capacity, growing it, and yields a pointer to the element. */
#define CJM_PUSH(arr, count, capacity)                                                   \
  ((arr) = cjm_grow((arr), (count), &(capacity), sizeof *(arr)),                         \
   (void)memset(&(arr)[(count)], 0, sizeof *(arr)), &(arr)[(count)++])

/* A growable array of pointers; the zero value is empty. */
typedef struct cjm_ptrvec {
  void **items;
  size_t count, capacity;
} cjm_ptrvec;

/* Appends p. */
static inline void cjm_ptrvec_push(cjm_ptrvec *v, void *p) {
  v->items = cjm_grow(v->items, v->count, &v->capacity, sizeof *v->items);
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
