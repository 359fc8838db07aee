/* The fast lexer (lang/fast_lex.c) against the flex rules alone
 * (lang/lexer.l): every journey of the source tree (examples, the standard
 * library, the fixtures and golden inputs), many mutations of them and
 * random texts, each read both ways, must give the same tokens (kind, text,
 * location), the same diagnostics (name, location, message, notes), and
 * parse with the same diagnostics. The random inputs come from a fixed seed,
 * so a failure repeats; it prints the text that broke. In a build without
 * the fast lexer (CJM_FAST_LEXER=OFF) both ways read with the rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lang/keywords.h"
#include "lang/parse.h"
#include "tests/diag_expect.h"
#include "tests/leftovers.h"
#include "tests/text_input.h"

#ifndef CJM_SOURCE_DIR
#error "CJM_SOURCE_DIR: the source tree, whose journeys are read"
#endif

/* ---- reading a text both ways -------------------------------------------------- */

/* One text tokenized with one lexer, and what it needs freed. */
typedef struct lexed {
  text_input in; /* first: the text, read as "t.cjm" */
  cjm_token *tokens;
  size_t count;
} lexed;

static lexed *lex_with(const char *text, size_t len, cjm_lexer lexer) {
  lexed *l = text_input_new(sizeof *l, text, len);
  cjm_parse_options options = {.lexer = lexer};
  l->count = cjm_tokenize_with(l->in.src, l->in.arena, l->in.names, l->in.diags, &options, &l->tokens);
  return l;
}

/* One text parsed with one lexer. */
typedef struct parsed {
  text_input in;
  cjm_ast_file *file;
} parsed;

static parsed *parse_with(const char *text, size_t len, cjm_lexer lexer) {
  parsed *p = text_input_new(sizeof *p, text, len);
  cjm_parse_options options = {.lexer = lexer};
  p->file = cjm_parse_with(p->in.src, p->in.arena, p->in.names, p->in.diags, &options);
  return p;
}

/* Prints text[0..len) with its bytes outside printable ASCII escaped, so
 * that a failing input can be copied into a test; of a long text, the part
 * around byte at. */
static void print_text(const char *what, const char *text, size_t len, size_t at) {
  enum { AROUND = 200 };
  size_t from = len > 2 * AROUND && at > AROUND ? at - AROUND : 0;
  size_t to = len > 2 * AROUND && at + AROUND < len ? at + AROUND : len;
  print_message("%s (%zu bytes; bytes %zu to %zu): \"", what, len, from, to);
  for (size_t i = from; i < to; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\') print_message("\\%c", c);
    else if (c >= 0x20 && c < 0x7f) print_message("%c", c);
    else if (c == '\n') print_message("\\n");
    else print_message("\\x%02X\"\"", c);
  }
  print_message("\"\n");
}

static bool same_loc(const cjm_loc *a, const cjm_loc *b) {
  return a->line == b->line && a->col == b->col && a->end_line == b->end_line && a->end_col == b->end_col &&
         a->offset == b->offset && a->end_offset == b->end_offset;
}

/* Where two lists of diagnostics first differ, or -1. */
static long first_diag_difference(const cjm_diags *a, const cjm_diags *b) {
  size_t n = cjm_diags_count(a), m = cjm_diags_count(b);
  for (size_t i = 0; i < n && i < m; i++) {
    const cjm_diag *x = cjm_diags_at(a, i), *y = cjm_diags_at(b, i);
    bool same = x->severity == y->severity && strcmp(x->name, y->name) == 0 && same_loc(&x->loc, &y->loc) &&
                strcmp(x->message, y->message) == 0 && x->note_count == y->note_count;
    for (size_t k = 0; same && k < x->note_count; k++)
      same = same_loc(&x->notes[k].loc, &y->notes[k].loc) && strcmp(x->notes[k].message, y->notes[k].message) == 0;
    if (!same) return (long)i;
  }
  if (n != m || cjm_diags_errors(a) != cjm_diags_errors(b)) return (long)(n < m ? n : m);
  return -1;
}

static void print_diag(const char *lexer, const cjm_diags *diags, long i) {
  if (i < 0 || (size_t)i >= cjm_diags_count(diags)) {
    print_message("  %s: no diagnostic %ld (%zu in all)\n", lexer, i, cjm_diags_count(diags));
    return;
  }
  const cjm_diag *d = cjm_diags_at(diags, (size_t)i);
  print_message("  %s: %u:%u-%u:%u: %s [%s], %zu notes\n", lexer, d->loc.line, d->loc.col, d->loc.end_line,
                d->loc.end_col, d->message, d->name, d->note_count);
}

/* Where two token lists first differ, or -1. */
static long first_token_difference(const lexed *a, const lexed *b) {
  for (size_t i = 0; i < a->count && i < b->count; i++) {
    const cjm_token *x = &a->tokens[i], *y = &b->tokens[i];
    if (x->kind != y->kind || strcmp(x->text, y->text) != 0 || !same_loc(&x->loc, &y->loc)) return (long)i;
  }
  return a->count == b->count ? -1 : (long)(a->count < b->count ? a->count : b->count);
}

static void print_token(const char *lexer, const lexed *l, long i) {
  if (i < 0 || (size_t)i >= l->count) {
    print_message("  %s: no token %ld (%zu in all)\n", lexer, i, l->count);
    return;
  }
  const cjm_token *t = &l->tokens[i];
  print_message("  %s: token %ld kind %d \"%s\" at %u:%u-%u:%u, bytes %u-%u\n", lexer, i, (int)t->kind, t->text,
                t->loc.line, t->loc.col, t->loc.end_line, t->loc.end_col, t->loc.offset, t->loc.end_offset);
}

/* Asserts that text[0..len), called what, reads alike both ways: tokens
 * and lexical diagnostics, then the diagnostics of a parse. */
static void expect_same_both_ways(const char *what, const char *text, size_t len) {
  lexed *fast = lex_with(text, len, CJM_LEXER_FAST), *flex = lex_with(text, len, CJM_LEXER_FLEX);
  long token = first_token_difference(fast, flex);
  long diag = first_diag_difference(fast->in.diags, flex->in.diags);
  if (token >= 0 || diag >= 0) {
    const cjm_token *t = token >= 0 && (size_t)token < fast->count ? &fast->tokens[token] : NULL;
    const cjm_diag *d = diag >= 0 && (size_t)diag < cjm_diags_count(fast->in.diags)
                            ? cjm_diags_at(fast->in.diags, (size_t)diag) : NULL;
    print_text(what, text, len, t ? t->loc.offset : d ? d->loc.offset : 0);
    if (token >= 0) {
      print_token("fast", fast, token);
      print_token("flex", flex, token);
    }
    if (diag >= 0) {
      print_diag("fast", fast->in.diags, diag);
      print_diag("flex", flex->in.diags, diag);
    }
    fail_msg("%s: the fast lexer and the flex rules read it differently", what);
  }
  text_input_free(fast);
  text_input_free(flex);

  parsed *pfast = parse_with(text, len, CJM_LEXER_FAST), *pflex = parse_with(text, len, CJM_LEXER_FLEX);
  diag = first_diag_difference(pfast->in.diags, pflex->in.diags);
  if (diag >= 0) {
    const cjm_diag *d = (size_t)diag < cjm_diags_count(pfast->in.diags) ? cjm_diags_at(pfast->in.diags, (size_t)diag)
                                                                       : NULL;
    print_text(what, text, len, d ? d->loc.offset : 0);
    print_diag("fast", pfast->in.diags, diag);
    print_diag("flex", pflex->in.diags, diag);
    fail_msg("%s: parsed with the fast lexer and with the flex rules, it gives different diagnostics", what);
  }
  text_input_free(pfast);
  text_input_free(pflex);
}

/* ---- the journeys of the source tree ------------------------------------------ */

/* A growing list of file contents. */
typedef struct corpus {
  leftover link; /* on the leftovers list until freed */
  char **texts;
  size_t *lens;
  char **paths;
  size_t count, capacity;
} corpus;

static void corpus_free(void *object) {
  corpus *c = object;
  leftover_remove(&c->link);
  for (size_t i = 0; i < c->count; i++) {
    free(c->texts[i]);
    free(c->paths[i]);
  }
  free(c->texts);
  free(c->lens);
  free(c->paths);
  free(c);
}

static void corpus_add(corpus *c, const char *path) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  long size = ftell(f);
  assert_true(size >= 0);
  rewind(f);
  char *text = malloc((size_t)size + 1);
  assert_non_null(text);
  assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  if (c->count == c->capacity) {
    c->capacity = c->capacity ? 2 * c->capacity : 64;
    c->texts = realloc(c->texts, c->capacity * sizeof *c->texts);
    c->lens = realloc(c->lens, c->capacity * sizeof *c->lens);
    c->paths = realloc(c->paths, c->capacity * sizeof *c->paths);
    assert_true(c->texts && c->lens && c->paths);
  }
  c->texts[c->count] = text;
  c->lens[c->count] = (size_t)size;
  c->paths[c->count] = strdup(path);
  c->count++;
}

/* Adds every *.cjm under dir, its subdirectories included, in name order. */
static void corpus_add_tree(corpus *c, const char *dir) {
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort);
  assert_true(n >= 0);
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    size_t len = strlen(name);
    if (name[0] != '.' && lstat(path, &st) == 0) { /* links are not followed */
      if (S_ISDIR(st.st_mode)) corpus_add_tree(c, path);
      else if (S_ISREG(st.st_mode) && len > 4 && strcmp(name + len - 4, ".cjm") == 0) corpus_add(c, path);
    }
    free(names[i]);
  }
  free(names);
}

/* The journeys of the source tree: examples, the standard library, and the
 * test inputs (fixtures, golden inputs, the render tests' hostile file). */
static corpus *source_journeys(void) {
  corpus *c = calloc(1, sizeof *c);
  assert_non_null(c);
  leftover_add(&c->link, corpus_free);
  corpus_add_tree(c, CJM_SOURCE_DIR "/examples");
  corpus_add_tree(c, CJM_SOURCE_DIR "/stdlib");
  corpus_add_tree(c, CJM_SOURCE_DIR "/tests");
  return c;
}

static void every_journey_of_the_tree(void **state) {
  (void)state;
  corpus *c = source_journeys();
  /* The examples, the five modules and the fixtures at least. */
  assert_true(c->count > 100);
  for (size_t i = 0; i < c->count; i++) expect_same_both_ways(c->paths[i], c->texts[i], c->lens[i]);
  corpus_free(c);
}

/* ---- mutated and random texts ----------------------------------------------------- */

/* xorshift64*: a small generator with a fixed seed, so that runs repeat. */
static uint64_t random_state = 0x9E3779B97F4A7C15ULL;

static uint64_t random_next(void) {
  random_state ^= random_state >> 12;
  random_state ^= random_state << 25;
  random_state ^= random_state >> 27;
  return random_state * 0x2545F4914F6CDD1DULL;
}

static size_t random_below(size_t n) { return n ? (size_t)(random_next() % n) : 0; }

/* Pieces of text that the scanner's rules tell apart or that trip it: the
 * language's words, punctuation, numbers of every shape, quotes straight,
 * curly and long, escapes good and bad, comments, white space and line
 * ends, non-ASCII identifiers, confusables, invisible characters,
 * ill-formed UTF-8, control characters and NUL. */
/* A piece of text, NUL bytes included. */
typedef struct piece {
  const char *text;
  size_t len;
} piece;
#define P(s) {s, sizeof(s) - 1}
static const piece pieces[] = {
    P(" "), P("  "), P("\t"), P("\n"), P("\r\n"), P("\n\n"), P("#"), P("# note\n"),
    P("\xEF\xBC\x83 full-width comment\n"), P(","), P("."), P(".."), P("..."), P("-"), P("+"), P("%"),
    P("_"), P("'"), P("'x'"), P("\""), P("\"\""), P("\"\"\""), P("\"x\""), P("\"a\\\"b\""),
    P("\"\\u{41}\""), P("\"\\u{D800}\""), P("\"\\q\""), P("\"\\"), P("\"tab\there\""),
    P("\"\xE5\xB0\x8F\""), P("\"\"\"\n  long\n  text\n  \"\"\""), P("\xE2\x80\x9C" "curly" "\xE2\x80\x9D"),
    P("\xC2\xAB" "g" "\xC2\xBB"), P("\xE3\x80\x8C" "k" "\xE3\x80\x8D"), P("0"), P("42"), P("-1"), P("+2"),
    P("3.5"), P("12%"), P(".5"), P("1."), P("1e3"), P("2nd"), P("1\xEF\xBD\x9E" "5"), P("-2..2"),
    P("as-is"), P("to-be"), P("mia"), P("x9"), P("a-b-"), P("_x"), P("\xE6\x80\xBB\xE8\xA3\x81"),
    P("\xD0\xBA\xD0\xBB\xD0\xB8"), P("\xEF\xBC\x8C"), P("\xE3\x80\x81"), P("\xE3\x80\x80"),
    P("\xE2\x80\x8B"), P("\xEF\xBB\xBF"), P("\xE2\x80\xAE"), P("\xFF"), P("\xC0\xAF"), P("\xE0\x80\xAF"),
    P("\xED\xA0\x80"), P("\xF4\x90\x80\x80"), P("\xC2"), P("\x80"), P("\x01"), P("\x7F"), P("\0"),
    P("stages"), P("byway"), P("usex"),
};

/* Appends a random piece, or a random word of the language, to buf. */
static size_t append_piece(char *buf, size_t at, size_t size) {
  const char *text;
  size_t len;
  if (random_below(3) == 0) {
    const cjm_keyword *k = &cjm_keywords[random_below(CJM_KEYWORD_ROWS)];
    text = k->word;
    len = k->len;
  } else {
    const struct piece *p = &pieces[random_below(sizeof pieces / sizeof pieces[0])];
    text = p->text;
    len = p->len;
  }
  if (at + len > size) return at;
  memcpy(buf + at, text, len);
  return at + len;
}

/* Writes into out (of size bytes) a mutation of text[0..len): a few
 * pieces replaced, inserted, deleted or repeated. Returns its length. */
static size_t mutate(const char *text, size_t len, char *out, size_t size) {
  if (len > size / 2) len = size / 2;
  memcpy(out, text, len);
  size_t n = len;
  size_t edits = 1 + random_below(4);
  for (size_t e = 0; e < edits; e++) {
    size_t at = random_below(n + 1);
    char piece_text[64];
    size_t piece_len = append_piece(piece_text, 0, sizeof piece_text);
    switch (random_below(4)) {
    case 0: /* replace a few bytes with a piece */
    case 1: { /* insert a piece */
      size_t cut = random_below(5) * (random_below(2) == 0);
      if (at + cut > n) cut = n - at;
      if (n - cut + piece_len > size) break;
      memmove(out + at + piece_len, out + at + cut, n - at - cut);
      memcpy(out + at, piece_text, piece_len);
      n = n - cut + piece_len;
      break;
    }
    case 2: { /* delete a run */
      size_t cut = 1 + random_below(16);
      if (at + cut > n) cut = n - at;
      memmove(out + at, out + at + cut, n - at - cut);
      n -= cut;
      break;
    }
    default: { /* repeat a run */
      size_t run = 1 + random_below(24);
      if (at + run > n) run = n - at;
      if (n + run > size) break;
      memmove(out + at + run, out + at, n - at);
      n += run;
      break;
    }
    }
  }
  return n;
}

static void mutations_of_the_tree(void **state) {
  (void)state;
  enum { MUTANTS = 3000, MAX_BYTES = 8192 };
  corpus *c = source_journeys();
  char *buf = malloc(2 * MAX_BYTES);
  assert_non_null(buf);
  for (size_t m = 0; m < MUTANTS; m++) {
    size_t i = random_below(c->count);
    /* A window of the file, so that every part of a long one is reached. */
    size_t start = c->lens[i] > MAX_BYTES ? random_below(c->lens[i] - MAX_BYTES) : 0;
    size_t n = mutate(c->texts[i] + start, c->lens[i] - start, buf, 2 * MAX_BYTES);
    char what[4200];
    snprintf(what, sizeof what, "mutant %zu of %s", m, c->paths[i]);
    expect_same_both_ways(what, buf, n);
  }
  free(buf);
  corpus_free(c);
}

static void random_texts(void **state) {
  (void)state;
  enum { TEXTS = 3000, MAX_BYTES = 600 };
  char buf[MAX_BYTES];
  for (size_t t = 0; t < TEXTS; t++) {
    size_t n = 0, pieces_wanted = 1 + random_below(60);
    for (size_t p = 0; p < pieces_wanted; p++) n = append_piece(buf, n, sizeof buf);
    char what[64];
    snprintf(what, sizeof what, "random text %zu", t);
    expect_same_both_ways(what, buf, n);
  }
}

/* A text past the 8 KiB binary probe, so that its NUL bytes are scanned:
 * then the mutations above can place them anywhere. */
static void texts_past_the_binary_probe(void **state) {
  (void)state;
  enum { PREFIX = 9000, TEXTS = 300 };
  char *buf = malloc(PREFIX + 700);
  assert_non_null(buf);
  memset(buf, ' ', PREFIX);
  buf[PREFIX - 1] = '\n';
  for (size_t t = 0; t < TEXTS; t++) {
    size_t n = PREFIX, pieces_wanted = 1 + random_below(40);
    for (size_t p = 0; p < pieces_wanted; p++) n = append_piece(buf, n, PREFIX + 700);
    char what[64];
    snprintf(what, sizeof what, "long random text %zu", t);
    expect_same_both_ways(what, buf, n);
  }
  free(buf);
}

/* The switch: an explicit choice, else CJM_LEXER, else the fast lexer
 * where it is built. */
static void the_switch(void **state) {
  (void)state;
  cjm_lexer fast = cjm_fast_lexer_built() ? CJM_LEXER_FAST : CJM_LEXER_FLEX;
  const char *saved = getenv("CJM_LEXER");
  char *copy = saved ? strdup(saved) : NULL;
  assert_int_equal(unsetenv("CJM_LEXER"), 0);
  assert_int_equal(cjm_lexer_chosen(CJM_LEXER_DEFAULT), fast);
  assert_int_equal(cjm_lexer_chosen(CJM_LEXER_FAST), fast);
  assert_int_equal(cjm_lexer_chosen(CJM_LEXER_FLEX), CJM_LEXER_FLEX);
  assert_int_equal(setenv("CJM_LEXER", "flex", 1), 0);
  assert_int_equal(cjm_lexer_chosen(CJM_LEXER_DEFAULT), CJM_LEXER_FLEX);
  assert_int_equal(cjm_lexer_chosen(CJM_LEXER_FAST), fast); /* an explicit choice wins */
  assert_int_equal(setenv("CJM_LEXER", "fast", 1), 0);
  assert_int_equal(cjm_lexer_chosen(CJM_LEXER_DEFAULT), fast);
  if (copy) setenv("CJM_LEXER", copy, 1);
  else unsetenv("CJM_LEXER");
  free(copy);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_switch),
      cmocka_unit_test(every_journey_of_the_tree),
      cmocka_unit_test(mutations_of_the_tree),
      cmocka_unit_test(random_texts),
      cmocka_unit_test(texts_past_the_binary_probe),
  };
  return cmocka_run_group_tests(tests, NULL, leftovers_free);
}
