/* Unit tests for the fenced-block extractor of `cjm md`
 * (runtime/interop/md_blocks.h): which fences open a block by CommonMark's
 * rules (backticks and tildes, longer fences, up to three spaces of
 * indentation; not in another fence, an indented code block, a block
 * quote or a list item), where each block and its content lie (bytes,
 * lines, columns, the info string), and a rewrite that changes nothing
 * but the blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "runtime/interop/md_blocks.h"

/* The blocks of text, for "cjm". */
static cjm_md_blocks find(const char *text) {
  cjm_md_blocks blocks = {0};
  cjm_md_find_blocks(text, strlen(text), "cjm", &blocks);
  return blocks;
}

/* The content of block b of text, as a new string. */
static char *body(const char *text, const cjm_md_block *b) {
  return strndup(text + b->body, b->body_end - b->body);
}

static void fences_of_both_kinds(void **state) {
  (void)state;
  const char *text = "# T\n\n```cjm\na\n```\n\n~~~~ cjm view=flow  persona=mia \nb\n~~~\n~~~~~\n\ntail\n";
  cjm_md_blocks blocks = find(text);
  assert_int_equal(blocks.count, 2);
  char *a = body(text, &blocks.items[0]);
  char *b = body(text, &blocks.items[1]);
  assert_string_equal(a, "a\n");
  assert_string_equal(b, "b\n~~~\n"); /* a shorter fence does not close */
  assert_int_equal(blocks.items[0].line, 3);
  assert_int_equal(blocks.items[0].body_line, 4);
  assert_int_equal(blocks.items[0].col, 1);
  assert_true(blocks.items[0].closed);
  assert_int_equal(blocks.items[1].line, 7);
  assert_int_equal(blocks.items[1].info_len, strlen("view=flow  persona=mia"));
  assert_memory_equal(text + blocks.items[1].info, "view=flow  persona=mia", blocks.items[1].info_len);
  assert_int_equal(blocks.items[1].info_col, 10);
  free(a);
  free(b);
  cjm_md_blocks_free(&blocks);
}

/* Lists as CommonMark reads them: ordered items with '.' or ')', '+' and
 * '*' bullets, a tab after the marker or in the indentation, a marker
 * with nothing after it, numbers of more than nine digits (no item), a
 * marker not followed by a space (no item), a nested list, an item
 * starting with indented code (its content one space after the marker:
 * the fence below it belonged to the item, which was taken for a block);
 * a fence in an item is no block, one after the list is. */
static void lists_of_every_kind(void **state) {
  (void)state;
  const char *in_items[] = {
      "1. item\n\n   ```cjm\n   x\n   ```\n",
      "12) item\n\n    ```cjm\n    x\n    ```\n",
      "+ item\n\n  ```cjm\n  x\n  ```\n",
      "*\titem\n\n\t```cjm\n\tx\n\t```\n",
      "-\n  ```cjm\n  x\n  ```\n",
      "- a\n  - b\n\n    ```cjm\n    x\n    ```\n",
      "-     code\n\n  ```cjm\n  x\n  ```\n",
  };
  for (size_t i = 0; i < sizeof in_items / sizeof *in_items; i++) {
    cjm_md_blocks blocks = find(in_items[i]);
    if (blocks.count) fail_msg("case %zu found a block in a list item", i);
    cjm_md_blocks_free(&blocks);
  }
  const char *not_items[] = {
      "12345678901. no item\n```cjm\nx\n```\n",
      "1.no item\n```cjm\nx\n```\n",
      "-no item\n```cjm\nx\n```\n",
      "1 no item\n```cjm\nx\n```\n",
      "1\n```cjm\nx\n```\n",
      "<prefix>\n```cjm\nx\n```\n",
      "\xEF\xBB\xBF```cjm\nx\n```\n",
  };
  for (size_t i = 0; i < sizeof not_items / sizeof *not_items; i++) {
    cjm_md_blocks blocks = find(not_items[i]);
    if (blocks.count != 1) fail_msg("case %zu found %zu blocks, not 1", i, blocks.count);
    cjm_md_blocks_free(&blocks);
  }
  /* "<pre" at the end of its line opens raw HTML too; a space and a tab
   * reach column 4: indented code */
  const char *no_block[] = {"<pre\n```cjm\nx\n```\n</pre>\n", " \t```cjm\nx\n```\n"};
  for (size_t i = 0; i < 2; i++) {
    cjm_md_blocks blocks = find(no_block[i]);
    assert_int_equal(blocks.count, 0);
    cjm_md_blocks_free(&blocks);
  }
}

static void fences_that_are_not_blocks(void **state) {
  (void)state;
  const char *cases[] = {
      "````md\n```cjm\nx\n```\n````\n",       /* inside another fence */
      "    ```cjm\n    x\n    ```\n",         /* indented code */
      "> ```cjm\n> x\n> ```\n",               /* a block quote */
      "- item\n\n  ```cjm\n  x\n  ```\n",      /* a list item's content */
      "- ```cjm\n  x\n  ```\n",               /* a fence opening a list item */
      "```cjmx\nx\n```\n",                    /* another language */
      "``` cjm`\nx\n```\n",                   /* a backtick in a backtick info string */
      "text ```cjm\nx\n```\n",                /* not at the start of the line */
      "<!--\n```cjm\nx\n```\n-->\n",           /* commented out */
      "<pre>\n```cjm\nx\n```\n</pre>\n",       /* raw HTML */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cjm_md_blocks blocks = find(cases[i]);
    if (blocks.count) fail_msg("case %zu found a block", i);
    cjm_md_blocks_free(&blocks);
  }
  /* after a comment or <pre> closes, a fence is a block again */
  cjm_md_blocks blocks = find("<!-- one line -->\n```cjm\nx\n```\n<PRE class=a>\n</pre>\n~~~cjm\ny\n~~~\n");
  assert_int_equal(blocks.count, 2);
  cjm_md_blocks_free(&blocks);
  /* after a list ends, a fence is a block again */
  blocks = find("- item\n\n```cjm\nx\n```\n");
  assert_int_equal(blocks.count, 1);
  cjm_md_blocks_free(&blocks);
  /* after a fence inside a list item, the next block is found */
  blocks = find("- ```js\n  ```cjm\n  ```\n\n```cjm\ny\n```\n");
  assert_int_equal(blocks.count, 1);
  assert_int_equal(blocks.items[0].line, 5);
  cjm_md_blocks_free(&blocks);
}

static void indented_fences_and_crlf(void **state) {
  (void)state;
  const char *text = "p\r\n   ```cjm\r\n   a\r\n   ```  \r\nq\r\n";
  cjm_md_blocks blocks = find(text);
  assert_int_equal(blocks.count, 1);
  const cjm_md_block *b = &blocks.items[0];
  assert_int_equal(b->col, 4);
  assert_int_equal(b->start, 6);
  char *a = body(text, b);
  assert_string_equal(a, "   a\r\n");
  free(a);
  assert_memory_equal(text + b->end, "\r\nq", 3); /* the line break stays */
  cjm_md_blocks_free(&blocks);
}

static void an_unclosed_block_runs_to_the_end(void **state) {
  (void)state;
  const char *text = "```cjm\na\nb";
  cjm_md_blocks blocks = find(text);
  assert_int_equal(blocks.count, 1);
  assert_false(blocks.items[0].closed);
  assert_int_equal(blocks.items[0].body_end, strlen(text));
  cjm_md_blocks_free(&blocks);
}

static void the_rewrite_changes_only_the_blocks(void **state) {
  (void)state;
  const char *text = "\xEF\xBB\xBF# T\r\n\n  ```cjm x\n  a\n  ```\nmiddle `code`\n~~~cjm\nb\n~~~\nend without newline";
  cjm_md_blocks blocks = find(text);
  assert_int_equal(blocks.count, 2);
  const char *replacements[] = {"![one](o-1.svg)", "![two](o-2.svg)"};
  cjm_strbuf out = {0};
  cjm_md_rewrite(text, strlen(text), &blocks, replacements, &out);
  assert_string_equal(out.data, "\xEF\xBB\xBF# T\r\n\n  ![one](o-1.svg)\nmiddle `code`\n![two](o-2.svg)\nend without newline");
  cjm_strbuf_free(&out);
  /* without blocks, every byte is copied */
  cjm_md_blocks none = {0};
  cjm_md_rewrite(text, strlen(text), &none, NULL, &out);
  assert_string_equal(out.data, text);
  cjm_strbuf_free(&out);
  cjm_md_blocks_free(&blocks);
}

static void many_blocks(void **state) {
  (void)state;
  cjm_strbuf doc = {0};
  for (int i = 0; i < 5000; i++) cjm_strbuf_printf(&doc, "para %d\n\n```cjm\njourney \"%d\"\n```\n\n", i, i);
  cjm_md_blocks blocks = {0};
  cjm_md_find_blocks(doc.data, doc.len, "cjm", &blocks);
  assert_int_equal(blocks.count, 5000);
  assert_int_equal(blocks.items[4999].line, 4999 * 6 + 3);
  cjm_md_blocks_free(&blocks);
  cjm_strbuf_free(&doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fences_of_both_kinds),
      cmocka_unit_test(fences_that_are_not_blocks),
      cmocka_unit_test(lists_of_every_kind),
      cmocka_unit_test(indented_fences_and_crlf),
      cmocka_unit_test(an_unclosed_block_runs_to_the_end),
      cmocka_unit_test(the_rewrite_changes_only_the_blocks),
      cmocka_unit_test(many_blocks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
