/* map_items — reading a map layout's items in unit tests.
 * Header-only, for tests; everything is static inline. */
#ifndef CJM_TESTS_MAP_ITEMS_H
#define CJM_TESTS_MAP_ITEMS_H

#include "runtime/render/graphviz/map_layout.h"
#include "runtime/base/strbuf.h"

/* The text of item's lines in L joined by spaces (caller frees). */
static inline char *item_text(const cjm_map_layout *L, const cjm_map_item *item) {
  cjm_strbuf out = {0};
  for (size_t i = 0; i < item->line_count; i++) {
    const cjm_text_line *l = cjm_map_line_at(L, item->first_line + i);
    if (i) cjm_strbuf_puts(&out, " ");
    cjm_strbuf_write(&out, l->text, l->len);
  }
  if (!out.data) cjm_strbuf_puts(&out, "");
  return out.data;
}

#endif
