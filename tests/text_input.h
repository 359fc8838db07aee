/* text_input — a journey text in memory, with what the front end needs to
 * read it: its source, an arena, an interner and diagnostics.
 *
 * A test object starts with a text_input (lexed, parsed: the tokens or
 * the tree go after it), made by text_input_new and freed, whole, by
 * text_input_free; until then it is on the leftovers list
 * (tests/leftovers.h). Header-only, for tests (include cmocka.h first);
 * everything is static inline. */
#ifndef CJM_TESTS_TEXT_INPUT_H
#define CJM_TESTS_TEXT_INPUT_H

#include <stdlib.h>

#include "lang/arena.h"
#include "lang/diag.h"
#include "lang/intern.h"
#include "lang/source.h"
#include "tests/leftovers.h"

typedef struct text_input {
  leftover link; /* on the leftovers list until freed */
  cjm_source *src;
  cjm_arena *arena;
  cjm_interner *names;
  cjm_diags *diags;
} text_input;

/* Frees the test object that starts with a text_input, and all it holds. */
static inline void text_input_free(void *object) {
  text_input *in = object;
  leftover_remove(&in->link);
  cjm_diags_free(in->diags);
  cjm_interner_free(in->names);
  cjm_arena_free(in->arena);
  cjm_source_free(in->src);
  free(object);
}

/* A zeroed test object of size bytes that starts with a text_input
 * holding text[0..len) as the file "t.cjm". */
static inline void *text_input_new(size_t size, const char *text, size_t len) {
  text_input *in = calloc(1, size);
  assert_non_null(in);
  leftover_add(&in->link, text_input_free);
  in->src = cjm_source_from_memory("t.cjm", text, len);
  in->arena = cjm_arena_new();
  in->names = cjm_interner_new(in->arena);
  in->diags = cjm_diags_new();
  return in;
}

#endif
