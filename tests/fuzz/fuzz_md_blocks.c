/* fuzz_md_blocks — libFuzzer harness for the Markdown extractor of
 * `cjm md`: any bytes as a Markdown document, its ```cjm blocks found,
 * each checked as a journey, and the document rewritten. Properties:
 * blocks lie inside the document, in order, without overlapping, each
 * body inside its block; rewriting every block with its own text gives
 * the document back byte for byte. */
#include "tests/fuzz/fuzz.h"

#include "runtime/base/strbuf.h"
#include "runtime/interop/md_blocks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  cjm_md_blocks blocks = {0};
  cjm_md_find_blocks(text, size, "cjm", &blocks);
  const char **same = calloc(blocks.count + 1, sizeof *same);
  FUZZ_ASSERT(same, "memory");
  size_t previous_end = 0;
  for (size_t i = 0; i < blocks.count; i++) {
    const cjm_md_block *b = &blocks.items[i];
    FUZZ_ASSERT(b->line_start <= b->start && b->start <= b->end && b->end <= size, "a block lies inside the document");
    FUZZ_ASSERT(i == 0 || b->line_start >= previous_end, "blocks come in order without overlapping");
    FUZZ_ASSERT(b->start <= b->body && b->body <= b->body_end && b->body_end <= size, "a body lies inside its block");
    FUZZ_ASSERT(b->info + b->info_len <= size, "the info string lies inside the document");
    previous_end = b->end;
    char *own = malloc(b->end - b->start + 1);
    FUZZ_ASSERT(own, "memory");
    memcpy(own, text + b->start, b->end - b->start);
    own[b->end - b->start] = '\0';
    same[i] = own;
    fuzz_journey j;
    fuzz_journey_load(&j, "block.cjm", data + b->body, b->body_end - b->body);
    fuzz_journey_free(&j);
  }
  cjm_strbuf out = {0};
  cjm_md_rewrite(text, size, &blocks, same, &out);
  /* A block's own text may hold a NUL byte, which the replacement (a C
   * string) cannot: compare only when there is none. */
  bool has_nul = memchr(text, '\0', size) != NULL;
  if (!has_nul)
    FUZZ_ASSERT(out.len == size && (size == 0 || memcmp(out.data, text, size) == 0),
                "rewriting each block with itself gives the document back");
  cjm_strbuf_free(&out);
  for (size_t i = 0; i < blocks.count; i++) free((void *)same[i]);
  free(same);
  cjm_md_blocks_free(&blocks);
  return 0;
}
