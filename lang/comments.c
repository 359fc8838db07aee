/* comments — attaches each comment to the node it belongs to, so that the
 * formatter can print it back in its place.
 *
 * A comment inside a node written over several lines (a block head, an
 * entry) is one of its inner comments; otherwise an own-line comment leads
 * the next block head or entry, a comment after code on the same line
 * trails the node that ends on that line, and comments after the last
 * node trail the file. Blocks are handed over as the parser
 * completes them, in source order, while they are still in the cache; the
 * comments scanned so far are merged with their nodes in one pass. */
#include "lang/parse_ctx.h"

/* Places a comment that comes before a node (or the end of the file):
 * trailing the previous node when it follows code on that node's last
 * line, else at *tail, the end of the node's (or the file's) list. */
static void place(cjm_parse_ctx *ctx, cjm_comment *c, cjm_comment ***tail) {
  cjm_comment_attacher *at = &ctx->attacher;
  if (!c->own_line && at->previous && at->previous_end_line == c->loc.line &&
      !cjm_comments_of(*at->previous)->trailing) {
    if (!*at->previous) *at->previous = CJM_NEW(ctx->arena, cjm_comments);
    (*at->previous)->trailing = c;
    return;
  }
  **tail = c;
  *tail = &c->next;
}

/* Attaches the comments scanned before node and inside it, then makes it
 * the previous; *comments is allocated when it gets one. */
static void visit(cjm_parse_ctx *ctx, const cjm_loc *loc, cjm_comments **comments) {
  cjm_comment_attacher *at = &ctx->attacher;
  cjm_comments found = {0};
  cjm_comment **tail = &found.leading;
  while (at->next < ctx->comment_count && ctx->comments[at->next]->loc.offset < loc->offset)
    place(ctx, ctx->comments[at->next++], &tail);
  tail = &found.inner;
  while (at->next < ctx->comment_count && ctx->comments[at->next]->loc.offset < loc->end_offset) {
    *tail = ctx->comments[at->next++];
    tail = &(*tail)->next;
  }
  if (found.leading || found.inner) {
    *comments = CJM_NEW(ctx->arena, cjm_comments);
    **comments = found;
  }
  at->previous = comments;
  at->previous_end_line = loc->end_line;
}

void cjm_comments_attach_block(cjm_parse_ctx *ctx, cjm_block *block) {
  visit(ctx, &block->head_loc, &block->comments);
  for (cjm_entry *e = block->entries; e; e = e->next) visit(ctx, &e->loc, &e->comments);
}

void cjm_comments_finish(cjm_parse_ctx *ctx) {
  cjm_ast_file *file = ctx->file;
  file->comment_count = ctx->comment_count;
  file->comments = CJM_NEW_ARRAY(ctx->arena, cjm_comment *, ctx->comment_count ? ctx->comment_count : 1);
  for (size_t i = 0; i < ctx->comment_count; i++) file->comments[i] = ctx->comments[i];
  cjm_comment **tail = &file->trailing;
  while (ctx->attacher.next < ctx->comment_count)
    place(ctx, ctx->comments[ctx->attacher.next++], &tail);
}
