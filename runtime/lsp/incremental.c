/* incremental — bringing a unit up to date after an edit by parsing again
 * only the top-level blocks the edit touched (bench/README.md, "cjm lsp").
 *
 * The unchanged blocks keep their trees, in the program's arena and with
 * its interner, and the blocks after the edit have their locations moved
 * by the bytes and lines the edit added; the root source takes the new
 * text. The model is then built again whole, into an arena of its own that
 * the next edit frees, and checked as `cjm check` checks. It is only tried
 * where the result must equal a whole rebuild: the journey had no
 * diagnostic while loading (no lexical, syntax or `use` problem), the new
 * blocks parse without one, no `use` block is involved, and the blocks
 * around the edit are separated from it by no comment; else the caller
 * rebuilds whole. The lsp tests compare the two ways edit by edit. */
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/parse.h"
#include "runtime/core/check.h"
#include "runtime/lsp/session.h"

/* How far the blocks after an edit move. */
typedef struct shift {
  const cjm_source *source; /* the root source every moved location names */
  long long bytes;          /* added to offsets */
  long long lines;          /* added to line numbers */
} shift;

static void move(cjm_loc *loc, void *data) {
  const shift *by = data;
  if (!loc->source) return;
  loc->source = by->source;
  loc->offset = (uint32_t)((long long)loc->offset + by->bytes);
  loc->end_offset = (uint32_t)((long long)loc->end_offset + by->bytes);
  if (loc->line) loc->line = (uint32_t)((long long)loc->line + by->lines);
  if (loc->end_line) loc->end_line = (uint32_t)((long long)loc->end_line + by->lines);
}

/* Appends a location to a list, as [line, col, end_line, end_col,
 * offset, end_offset]. */
static void list_loc(cjm_loc *l, void *list) {
  json_array_append_new(list, json_pack("[I,I,I,I,I,I]", (json_int_t)l->line, (json_int_t)l->col,
                                        (json_int_t)l->end_line, (json_int_t)l->end_col, (json_int_t)l->offset,
                                        (json_int_t)l->end_offset));
}

json_t *cjm_lsp_unit_locations(const cjm_lsp_unit *u) {
  json_t *list = json_array();
  const cjm_file *root = u->program ? u->program->root : NULL;
  if (!root || !root->ast) return list;
  /* the walk only reads here: list_loc changes nothing */
  for (cjm_block *b = root->ast->blocks; b; b = b->next) cjm_ast_block_locs(b, list_loc, list);
  for (size_t i = 0; i < root->ast->comment_count; i++) list_loc(&root->ast->comments[i]->loc, list);
  for (cjm_comment *c = root->ast->trailing; c; c = c->next) list_loc(&c->loc, list);
  return list;
}

/* Where a top-level block's text begins: the start of the line of its
 * first leading comment, or of its head; *line receives that line. */
static size_t block_start(const cjm_block *b, const char *text, long long *line) {
  size_t at = b->keyword_loc.offset;
  *line = b->keyword_loc.line;
  for (const cjm_comment *c = cjm_comments_of(b->comments)->leading; c; c = c->next)
    if (c->loc.offset < at) {
      at = c->loc.offset;
      *line = c->loc.line;
    }
  while (at > 0 && text[at - 1] != '\n') at--;
  return at;
}

/* Whether the line before the line that starts at offset at is empty. */
static bool blank_line_before(const char *text, size_t at) {
  if (at < 2 || text[at - 1] != '\n') return false;
  return text[at - 2] == '\n' || (at >= 3 && text[at - 2] == '\r' && text[at - 3] == '\n');
}

/* Counts the line ends in text[0..n). */
static long long newlines(const char *text, size_t n) {
  long long k = 0;
  for (size_t i = 0; i < n; i++) k += text[i] == '\n';
  return k;
}

/* The most top-level blocks an edit may reparse, and how much an arena may
 * grow by reparsed blocks before a whole rebuild starts it afresh. */
enum { MAX_REPARSED_BLOCKS = 64 };

bool cjm_lsp_unit_incremental(cjm_lsp_server *s, cjm_lsp_unit *u, const cjm_lsp_doc *doc) {
  if (!s->incremental || !u->program || !u->model || u->load_diags || u->others_changed) return false;
  cjm_program *p = u->program;
  cjm_file *root = p->root;
  if (!root || !root->ast || !root->source || root->source->unread) return false;
  cjm_source *src = root->source;
  if (doc->len > s->load.limits.max_file_bytes || doc->len > UINT32_MAX / 2) return false;
  if (cjm_arena_used(p->arena) > u->arena_full_build + u->arena_full_build / 2 + (1u << 20)) return false;

  /* what changed: the bytes between the common prefix and suffix */
  const char *old = src->text, *new = doc->text;
  size_t old_len = src->len, new_len = doc->len;
  size_t pre = 0, max_pre = old_len < new_len ? old_len : new_len;
  enum { CHUNK = 4096 }; /* compared a page at a time, then byte by byte */
  while (pre + CHUNK <= max_pre && memcmp(old + pre, new + pre, CHUNK) == 0) pre += CHUNK;
  while (pre < max_pre && old[pre] == new[pre]) pre++;
  size_t suf = 0;
  while (suf + CHUNK <= max_pre - pre && memcmp(old + old_len - suf - CHUNK, new + new_len - suf - CHUNK, CHUNK) == 0)
    suf += CHUNK;
  while (suf < max_pre - pre && old[old_len - 1 - suf] == new[new_len - 1 - suf]) suf++;
  if (pre == old_len && pre == new_len) return false; /* nothing to do here */

  /* the top-level blocks, with where each begins */
  size_t count = 0;
  for (cjm_block *b = root->ast->blocks; b; b = b->next) count++;
  if (count == 0) return false;
  cjm_block **blocks = cjm_xmalloc(count * sizeof *blocks);
  size_t *starts = cjm_xmalloc((count + 1) * sizeof *starts);
  long long *start_lines = cjm_xmalloc((count + 1) * sizeof *start_lines);
  size_t n = 0;
  for (cjm_block *b = root->ast->blocks; b; b = b->next) {
    blocks[n] = b;
    start_lines[n] = 1;
    starts[n] = n == 0 ? 0 : block_start(b, old, &start_lines[n]);
    n++;
  }
  starts[count] = old_len;
  bool ok = true;
  for (size_t i = 1; i < count && ok; i++) ok = starts[i] >= starts[i - 1];
  /* the blocks the edit touches, one more on each side */
  size_t first = 0, last = count - 1;
  size_t change_end = old_len - suf;
  while (first + 1 < count && starts[first + 1] < pre) first++;
  while (last > 0 && starts[last] > change_end) last--;
  if (first > 0) first--;
  if (last + 1 < count) last++;
  /* ... and on until the blocks at either end begin the region cleanly:
   * no comment above them, or one with a blank line above it (which no
   * parse can read as the end of the block before), and for the block
   * after the region a blank line the edit did not touch */
  while (last + 1 < count && cjm_comments_of(blocks[last + 1]->comments)->leading &&
         !(blank_line_before(old, starts[last + 1]) && change_end + 3 <= starts[last + 1]))
    last++;
  while (first > 0 && cjm_comments_of(blocks[first]->comments)->leading && !blank_line_before(old, starts[first])) first--;
  ok = ok && last >= first && last - first < MAX_REPARSED_BLOCKS;
  for (size_t i = first; i <= last && ok; i++) ok = blocks[i]->kind != CJM_BLOCK_USE;
  size_t r0 = starts[first], r1 = starts[last + 1];
  ok = ok && r0 <= pre && r1 >= change_end;
  long long base_line = start_lines[first]; /* the text before r0 is unchanged */
  free(start_lines);
  if (!ok) {
    free(blocks);
    free(starts);
    return false;
  }
  long long delta = (long long)new_len - (long long)old_len;
  size_t new_r1 = (size_t)((long long)r1 + delta);

  /* the region parsed again on its own, into the program's arena */
  cjm_source *part = cjm_source_from_memory(src->path, new + r0, new_r1 - r0);
  cjm_diags *part_diags = cjm_diags_new();
  for (size_t i = 0; i < s->warning_count; i++) cjm_diags_set_option(part_diags, s->warnings[i]);
  cjm_ast_file *ast = cjm_parse(part, p->arena, p->names, part_diags, &s->load.limits);
  ok = cjm_diags_count(part_diags) == 0 && cjm_diags_errors(part_diags) == 0;
  for (const cjm_block *b = ast->blocks; b && ok; b = b->next) ok = b->kind != CJM_BLOCK_USE && b->kind != CJM_BLOCK_STEP;
  cjm_diags_free(part_diags);
  if (!ok) {
    cjm_source_free(part);
    free(blocks);
    free(starts);
    return false;
  }

  /* From here on the unit changes. The new blocks take their place in the
   * file, at the region's line and offset; the blocks after move. */
  shift in = {src, (long long)r0, base_line - 1};
  for (cjm_block *b = ast->blocks; b; b = b->next) cjm_ast_block_locs(b, move, &in);
  for (size_t i = 0; i < ast->comment_count; i++) move(&ast->comments[i]->loc, &in);
  long long line_delta = newlines(new + r0, new_r1 - r0) - newlines(old + r0, r1 - r0);
  shift after = {src, delta, line_delta};
  for (size_t i = last + 1; i < count; i++) cjm_ast_block_locs(blocks[i], move, &after);
  /* every comment: those before the region stay, the region's are new,
   * those after move */
  cjm_ast_file *file = root->ast;
  size_t before = 0, behind = 0;
  for (size_t i = 0; i < file->comment_count; i++) {
    size_t at = file->comments[i]->loc.offset;
    before += at < r0;
    behind += at >= r1;
  }
  size_t total = before + ast->comment_count + behind;
  cjm_comment **comments = cjm_arena_alloc(p->arena, (total ? total : 1) * sizeof *comments);
  size_t k = 0;
  for (size_t i = 0; i < file->comment_count; i++)
    if (file->comments[i]->loc.offset < r0) comments[k++] = file->comments[i];
  for (size_t i = 0; i < ast->comment_count; i++) comments[k++] = ast->comments[i];
  for (size_t i = 0; i < file->comment_count; i++)
    if (file->comments[i]->loc.offset >= r1) {
      move(&file->comments[i]->loc, &after);
      comments[k++] = file->comments[i];
    }
  file->comments = comments;
  file->comment_count = k;
  if (last + 1 == count) file->trailing = ast->trailing; /* the region ends the file */
  /* the list of blocks */
  cjm_block *tail = ast->blocks;
  while (tail && tail->next) tail = tail->next;
  cjm_block *next = last + 1 < count ? blocks[last + 1] : NULL;
  if (tail) tail->next = next;
  cjm_block *head = ast->blocks ? ast->blocks : next;
  if (first == 0) file->blocks = head;
  else blocks[first - 1]->next = head;
  free(blocks);
  free(starts);
  cjm_source_free(part);

  /* the root source takes the new text (its line index is made again on
   * demand) */
  char *text = cjm_xmalloc(new_len + 2);
  memcpy(text, new, new_len);
  text[new_len] = text[new_len + 1] = '\0';
  free(src->text);
  src->text = text;
  src->len = new_len;
  free(src->line_starts);
  src->line_starts = NULL;
  src->line_count = 0;

  /* The model again, whole, into its own arena; what it replaces is
   * retired, to be freed after the diagnostics are out. */
  cjm_lsp_unit *old_parts = cjm_xcalloc(1, sizeof *old_parts);
  old_parts->model = u->model;
  old_parts->analysis = u->analysis;
  old_parts->diags = u->diags;
  old_parts->occs = u->occs;
  old_parts->model_arena = u->model_arena;
  old_parts->shadow = u->shadow;
  cjm_lsp_retire(s, old_parts);
  u->occs = NULL;
  u->occ_count = 0;
  u->indexed = false;
  u->analysis = NULL;
  u->diags = cjm_diags_new();
  cjm_diags_set_max_errors(u->diags, s->max_errors);
  for (size_t i = 0; i < s->warning_count; i++) cjm_diags_set_option(u->diags, s->warnings[i]);
  /* the model reads the program's files and interner but allocates in
   * model_arena: a copy of the program that differs only in its arena */
  u->model_arena = cjm_arena_new();
  u->shadow = cjm_xmalloc(sizeof *u->shadow);
  *u->shadow = *p;
  u->shadow->arena = u->model_arena;
  u->model = cjm_model_build(u->shadow, u->diags);
  if (u->model && cjm_diags_errors(u->diags) == 0) {
    u->analysis = cjm_analyse(u->model);
    cjm_check_analysed(u->model, u->analysis, u->diags);
  }
  const cjm_source **order = cjm_xcalloc(p->file_count + 1, sizeof *order);
  for (size_t i = 0; i < p->file_count; i++) order[i] = p->files[i]->source;
  cjm_diags_sort(u->diags, 0, order, p->file_count);
  free(order);
  for (size_t i = 0; i < p->file_count; i++) {
    if (p->files[i]->source != src) continue;
    cjm_lsp_lines_free(&u->lines[i]);
  }
  u->generation = doc->generation;
  u->stale = false;
  u->published = false;
  u->incremental_count++;
  s->incremental_total++;
  return true;
}
