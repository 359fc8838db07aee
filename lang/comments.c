/* comments — attaches each comment to the node it belongs to, so that the
 * formatter can print it back in its place.
 *
 * An own-line comment leads the next block head or entry; a comment after
 * code on the same line trails the node that ends on that line; comments
 * after the last node trail the file. Nodes and comments are both in
 * source order, so one merge pass does it. */
#include "lang/parse_ctx.h"

/* The state of the merge: the next comment to place and the node before. */
typedef struct attacher {
  cjm_comment **comments;   /* every comment, source order */
  size_t count, next;
  cjm_comments *previous;   /* the node visited last, or NULL */
  uint32_t previous_end_line;
} attacher;

/* Places a comment that comes before a node (or the end of the file,
 * where node is NULL): trailing the previous node when it follows code on
 * that node's last line, else leading the node. *tail is the node's (or
 * the file's) list end. */
static void place(attacher *at, cjm_comment *c, cjm_comment ***tail) {
  if (!c->own_line && at->previous && at->previous_end_line == c->loc.line && !at->previous->trailing) {
    at->previous->trailing = c;
    return;
  }
  **tail = c;
  *tail = &c->next;
}

static void visit(attacher *at, const cjm_loc *loc, cjm_comments *comments) {
  cjm_comment **tail = &comments->leading;
  while (at->next < at->count && at->comments[at->next]->loc.offset < loc->offset)
    place(at, at->comments[at->next++], &tail);
  at->previous = comments;
  at->previous_end_line = loc->end_line;
}

static void visit_block(attacher *at, cjm_block *block) {
  visit(at, &block->head_loc, &block->comments);
  for (cjm_entry *e = block->entries; e; e = e->next) visit(at, &e->loc, &e->comments);
  for (cjm_block *step = block->steps; step; step = step->next) visit_block(at, step);
}

void cjm_comments_attach(cjm_parse_ctx *ctx) {
  cjm_ast_file *file = ctx->file;
  file->comment_count = ctx->comment_count;
  file->comments = CJM_NEW_ARRAY(ctx->arena, cjm_comment *, ctx->comment_count ? ctx->comment_count : 1);
  for (size_t i = 0; i < ctx->comment_count; i++) file->comments[i] = ctx->comments[i];

  attacher at = {.comments = ctx->comments, .count = ctx->comment_count};
  for (cjm_block *b = file->blocks; b; b = b->next) visit_block(&at, b);
  cjm_comment **tail = &file->trailing;
  while (at.next < at.count) place(&at, at.comments[at.next++], &tail);
}
