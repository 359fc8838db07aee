/* grow — growable arrays of any element type, for builders whose final
 * size is not known in advance. The caller owns the array and frees it. */
#ifndef CJM_GROW_H
#define CJM_GROW_H

#include <stddef.h>
#include <string.h>

#include "lang/arena.h" /* cjm_xrealloc */

/* Returns items (count elements of size bytes, room for *capacity) with
 * room for one more, doubling the capacity when it is full. */
static inline void *cjm_grow(void *items, size_t count, size_t *capacity, size_t size) {
  if (count < *capacity) return items;
  *capacity = *capacity ? 2 * *capacity : 16;
  return cjm_xrealloc(items, *capacity * size);
}

/* Appends one zeroed element to the array arr of count elements with room
 * for capacity, growing it, and yields a pointer to the element. */
#define CJM_PUSH(arr, count, capacity)                                                   \
  ((arr) = cjm_grow((arr), (count), &(capacity), sizeof *(arr)),                         \
   (void)memset(&(arr)[(count)], 0, sizeof *(arr)), &(arr)[(count)++])

#endif
