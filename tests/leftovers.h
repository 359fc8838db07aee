/* leftovers — what a failed unit test left allocated.
 *
 * A failing cmocka assertion leaves its test at once, before the test
 * frees what it made. A test object that starts with a `leftover` link
 * and is put on this list is freed by the group teardown leftovers_free
 * instead, so that a failure is not also reported as leaks. Its own free
 * function takes it off the list. Header-only, for tests; one list per
 * test program; everything is static inline. */
#ifndef CJM_TESTS_LEFTOVERS_H
#define CJM_TESTS_LEFTOVERS_H

#include <stddef.h>

/* The link a test object starts with. */
typedef struct leftover {
  struct leftover *next;      /* the next object on the list */
  void (*free)(void *object); /* frees the object, taking it off the list */
} leftover;

/* The objects not yet freed, the newest first. */
static leftover *leftovers;

/* Puts the object that starts with link on the list; free_fn frees it. */
static inline void leftover_add(leftover *link, void (*free_fn)(void *object)) {
  link->free = free_fn;
  link->next = leftovers;
  leftovers = link;
}

/* Takes the object that starts with link off the list. */
static inline void leftover_remove(leftover *link) {
  for (leftover **p = &leftovers; *p; p = &(*p)->next)
    if (*p == link) {
      *p = link->next;
      return;
    }
}

/* A group teardown: frees every object still on the list. */
static inline int leftovers_free(void **state) {
  (void)state;
  while (leftovers) leftovers->free(leftovers);
  return 0;
}

#endif
