/* md_blocks — see md_blocks.h. One pass over the lines of the document,
 * keeping only what decides whether a line can open a block: the fence
 * it is inside, if any, and the content indentation of the list item it
 * may continue. */
#include "runtime/interop/md_blocks.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/base/grow.h"

/* One line of the document. */
typedef struct md_line {
  size_t start, end, next;     /* its bytes without the line break; the next line */
  size_t indent;               /* columns of leading spaces (a tab counts 4) */
  size_t text;                 /* the first byte after the indentation */
} md_line;

static md_line line_at(const char *t, size_t len, size_t start) {
  md_line l = {.start = start};
  const char *nl = memchr(t + start, '\n', len - start);
  l.next = nl ? (size_t)(nl - t) + 1 : len;
  l.end = nl ? (size_t)(nl - t) : len;
  if (l.end > start && t[l.end - 1] == '\r') l.end--;
  l.text = start;
  while (l.text < l.end && (t[l.text] == ' ' || t[l.text] == '\t')) {
    l.indent += t[l.text] == '\t' ? 4 - l.indent % 4 : 1;
    l.text++;
  }
  return l;
}

static bool blank(const md_line *l) { return l->text == l->end; }

/* The length of the run of c at t[at..end). */
static size_t run_of(const char *t, size_t at, size_t end, char c) {
  size_t n = 0;
  while (at + n < end && t[at + n] == c) n++;
  return n;
}

/* The content indentation of a list item that l opens, or 0. */
static size_t list_item(const char *t, const md_line *l) {
  if (l->indent > 3) return 0;
  size_t p = l->text;
  if (p < l->end && (t[p] == '-' || t[p] == '+' || t[p] == '*')) {
    p++;
  } else {
    size_t digits = 0;
    while (p < l->end && t[p] >= '0' && t[p] <= '9' && digits < 10) p++, digits++;
    if (!digits || p >= l->end || (t[p] != '.' && t[p] != ')')) return 0;
    p++;
  }
  if (p < l->end && t[p] != ' ' && t[p] != '\t') return 0;
  /* One to four spaces after the marker set where the content starts;
   * none, five or more (the content is indented code) or nothing else on
   * the line: one space after the marker. */
  size_t spaces = 0;
  while (p + spaces < l->end && t[p + spaces] == ' ' && spaces < 5) spaces++;
  if (spaces == 0 || spaces > 4 || p + spaces == l->end) spaces = 1;
  return l->indent + (p - l->text) + spaces;
}

/* Whether t[from..to) holds needle. */
static bool holds(const char *t, size_t from, size_t to, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = from; i + n <= to; i++)
    if (memcmp(t + i, needle, n) == 0) return true;
  return false;
}

/* The end marker of the raw HTML block l opens, CommonMark's kinds 1 and 2
 * (<pre>, <script>, <style>, <textarea>, and comments), whose lines are
 * never read as Markdown: "-->", "</pre>"..., or NULL when l opens none. */
static const char *html_block(const char *t, const md_line *l) {
  static const char *const tags[][2] = {{"<!--", "-->"},          {"<pre", "</pre>"},
                                        {"<script", "</script>"}, {"<style", "</style>"},
                                        {"<textarea", "</textarea>"}};
  if (l->indent > 3) return NULL;
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
    size_t n = strlen(tags[i][0]);
    if (l->end - l->text < n || strncasecmp(t + l->text, tags[i][0], n) != 0) continue;
    char after = l->text + n < l->end ? t[l->text + n] : ' ';
    if (i == 0 || after == ' ' || after == '\t' || after == '>') return tags[i][1];
  }
  return NULL;
}

/* Counts code points in t[from..to). */
static uint32_t code_points(const char *t, size_t from, size_t to) {
  uint32_t n = 0;
  for (size_t i = from; i < to; i++) n += ((unsigned char)t[i] & 0xC0) != 0x80;
  return n;
}

void cjm_md_find_blocks(const char *text, size_t len, const char *lang, cjm_md_blocks *blocks) {
  size_t lang_len = strlen(lang);
  char fence = 0;              /* the fence we are inside: '`' or '~', 0 when none */
  size_t fence_len = 0, fence_indent = 0;
  cjm_md_block *open = NULL;   /* the block of lang we are inside, if any */
  size_t list_indent = 0;      /* content indentation of the list item lines may continue */
  const char *html_end = NULL; /* the end marker of the raw HTML block we are inside */
  uint32_t number = 1;
  for (size_t at = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; at < len; number++) {
    md_line l = line_at(text, len, at);
    at = l.next;
    if (fence) {
      size_t n = run_of(text, l.text, l.end, fence);
      size_t after = l.text + n;
      while (after < l.end && (text[after] == ' ' || text[after] == '\t')) after++;
      if (n >= fence_len && after == l.end && l.indent <= fence_indent + 3) {
        if (open) {
          open->body_end = l.start;
          open->end = l.end;
          open->closed = true;
        }
        fence = 0;
        open = NULL;
      }
      continue;
    }
    if (html_end) {
      if (holds(text, l.start, l.end, html_end)) html_end = NULL;
      continue;
    }
    if (blank(&l)) continue;
    const char *html = html_block(text, &l);
    if (html && !holds(text, l.text + 4, l.end, html)) {
      html_end = html; /* a comment or <pre> running over several lines */
      continue;
    }
    if (html) continue;
    size_t item = list_item(text, &l);
    bool in_item = list_indent && l.indent >= list_indent;
    if (!in_item) list_indent = item;
    else if (item) list_indent = item; /* a nested list */
    size_t base = in_item ? list_indent : 0;
    if (l.indent - base > 3) continue; /* indented code */
    if (item) {
      /* "- ```": a fence opening the item's content, not a block */
      size_t p = l.start;
      for (size_t col = 0; p < l.end && col < item; p++) col += text[p] == '\t' ? 4 - col % 4 : 1;
      char c = p < l.end ? text[p] : 0;
      size_t n = (c == '`' || c == '~') ? run_of(text, p, l.end, c) : 0;
      if (n >= 3) {
        fence = c;
        fence_len = n;
        fence_indent = item;
      }
      continue;
    }
    char c = text[l.text];
    size_t n = (c == '`' || c == '~') ? run_of(text, l.text, l.end, c) : 0;
    if (n < 3) continue;
    if (c == '`' && memchr(text + l.text + n, '`', l.end - l.text - n)) continue; /* inline code */
    fence = c;
    fence_len = n;
    fence_indent = l.indent;
    if (in_item) continue; /* a fence inside a list item: not a block */
    size_t word = l.text + n;
    while (word < l.end && (text[word] == ' ' || text[word] == '\t')) word++;
    size_t word_end = word;
    while (word_end < l.end && text[word_end] != ' ' && text[word_end] != '\t') word_end++;
    if (word_end - word != lang_len || memcmp(text + word, lang, lang_len) != 0) continue;
    size_t info = word_end, info_end = l.end;
    while (info < info_end && (text[info] == ' ' || text[info] == '\t')) info++;
    while (info_end > info && (text[info_end - 1] == ' ' || text[info_end - 1] == '\t')) info_end--;
    open = CJM_PUSH(blocks->items, blocks->count, blocks->capacity);
    *open = (cjm_md_block){
        .start = l.text,
        .end = len,
        .line_start = l.start,
        .body = l.next,
        .body_end = len,
        .line = number,
        .col = (uint32_t)(l.text - l.start) + 1,
        .body_line = number + 1,
        .info = info,
        .info_len = info_end - info,
        .info_col = code_points(text, l.start, info) + 1,
    };
  }
}

void cjm_md_blocks_free(cjm_md_blocks *blocks) {
  free(blocks->items);
  *blocks = (cjm_md_blocks){0};
}

void cjm_md_rewrite(const char *text, size_t len, const cjm_md_blocks *blocks, const char *const *replacements,
                    cjm_strbuf *out) {
  size_t at = 0;
  for (size_t i = 0; i < blocks->count; i++) {
    const cjm_md_block *b = &blocks->items[i];
    cjm_strbuf_write(out, text + at, b->start - at);
    cjm_strbuf_puts(out, replacements[i]);
    at = b->end;
  }
  cjm_strbuf_write(out, text + at, len - at);
}
