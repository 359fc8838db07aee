/* comments — attaches each comment to the node it belongs to, so that the
 * formatter can print it back in its place.
 *
 * An own-line comment leads the next block head or entry; a comment after
 * code on the same line trails the node that ends on that line; comments
 * after the last node trail the file. Nodes and comments are both in
 * source order, so one merge pass does it. */
#include <stdlib.h>

#include "lang/parse_ctx.h"

/* A node a comment can attach to. */
typedef struct anchor {
  uint32_t start, end;     /* byte span */
  uint32_t end_line;
  cjm_comments *comments;
} anchor;

typedef struct anchors {
  anchor *items;
  size_t count, capacity;
} anchors;

static void push(anchors *list, const cjm_loc *loc, cjm_comments *comments) {
  if (list->count == list->capacity) {
    list->capacity = list->capacity ? list->capacity * 2 : 64;
    list->items = cjm_xrealloc(list->items, list->capacity * sizeof *list->items);
  }
  list->items[list->count++] = (anchor){loc->offset, loc->end_offset, loc->end_line, comments};
}

static void collect_block(anchors *list, cjm_block *block) {
  push(list, &block->head_loc, &block->comments);
  for (cjm_entry *e = block->entries; e; e = e->next) push(list, &e->loc, &e->comments);
  for (cjm_block *step = block->steps; step; step = step->next) collect_block(list, step);
}

static void append(cjm_comment **list, cjm_comment *comment) {
  while (*list) list = &(*list)->next;
  *list = comment;
}

void cjm_comments_attach(cjm_parse_ctx *ctx) {
  cjm_ast_file *file = ctx->file;
  file->comment_count = ctx->comment_count;
  file->comments = CJM_NEW_ARRAY(ctx->arena, cjm_comment *, ctx->comment_count ? ctx->comment_count : 1);
  for (size_t i = 0; i < ctx->comment_count; i++) file->comments[i] = ctx->comments[i];

  anchors list = {0};
  for (cjm_block *b = file->blocks; b; b = b->next) collect_block(&list, b);

  size_t next = 0; /* first anchor that starts after the current comment */
  for (size_t i = 0; i < ctx->comment_count; i++) {
    cjm_comment *c = ctx->comments[i];
    while (next < list.count && list.items[next].start < c->loc.offset) next++;
    anchor *before = next > 0 ? &list.items[next - 1] : NULL;
    if (!c->own_line && before && before->end_line == c->loc.line && !before->comments->trailing) {
      before->comments->trailing = c;
    } else if (next < list.count) {
      append(&list.items[next].comments->leading, c);
    } else {
      append(&file->trailing, c);
    }
  }
  free(list.items);
}
