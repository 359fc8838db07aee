/* mermaid_import — a Mermaid journey diagram into cjm (mermaid_import.h).
 *
 * Three passes: the scanner turns the text into tokens by the rules of
 * Mermaid 11's journey lexer (journey.jison), in their order; the reader
 * collects the statements (title, accessibility texts, sections, tasks)
 * and the comments, attaching each comment to the statement after it or,
 * on the same line, before it; the writer prints the cjm journey, which
 * the formatter then lays out canonically. */
#include "runtime/interop/mermaid_import.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/utf8.h"
#include "runtime/base/grow.h"
#include "runtime/core/present.h"
#include "runtime/interop/cjm_text.h"
#include "runtime/interop/mermaid_text.h"
#include "runtime/review/format.h"

/* ---- characters as Mermaid's lexer sees them ------------------------------ */

/* Mermaid turns CR LF and a lone CR into LF before lexing. */
static bool is_nl(char c) { return c == '\n' || c == '\r'; }

/* The end of the line that pos is on. */
static size_t line_end(const char *text, size_t len, size_t pos) {
  while (pos < len && !is_nl(text[pos])) pos++;
  return pos;
}

/* Whether text[start..end) starts with prefix. */
static bool starts_with(const char *text, size_t start, size_t end, const char *prefix) {
  size_t n = strlen(prefix);
  return end - start >= n && memcmp(text + start, prefix, n) == 0;
}

/* ---- the scanner ------------------------------------------------------------ */

typedef enum token_kind {
  TOK_EOF,
  TOK_NEWLINE,
  TOK_COMMENT,      /* %% … or # …: text is the comment's body */
  TOK_DIRECTIVE,    /* %%{ … }%%, which Mermaid removes before lexing */
  TOK_JOURNEY,
  TOK_TITLE,        /* title TEXT: text is TEXT */
  TOK_ACC_TITLE,    /* accTitle: (its value follows) */
  TOK_ACC_DESCR,    /* accDescr: (its value follows) */
  TOK_VALUE,        /* the rest of the line after accTitle: or accDescr: */
  TOK_BLOCK_VALUE,  /* the text of accDescr { … } */
  TOK_SECTION,      /* section TEXT: text is TEXT */
  TOK_TASK_NAME,
  TOK_TASK_DATA,    /* : SCORE [: ACTORS]: text is after the ':' */
  TOK_COLON,        /* a ':' with nothing after it on its line */
  TOK_INVALID,      /* a character no rule takes: ';' */
} token_kind;

typedef struct token {
  token_kind kind;
  size_t start, end;            /* the whole token */
  size_t text, text_end;        /* what it carries (see token_kind) */
  bool unterminated;            /* a directive or accDescr { never closed */
} token;

/* The lexer's start conditions. */
typedef enum lex_mode { MODE_INITIAL, MODE_ACC_TITLE, MODE_ACC_DESCR, MODE_ACC_DESCR_BLOCK } lex_mode;

typedef struct scanner {
  const char *text;
  size_t len, pos;
  lex_mode mode;
} scanner;

/* Scans a run of [^#:\n;] (stop_at_colon) or [^#\n;] from pos. */
static size_t scan_text(const scanner *s, size_t pos, bool stop_at_colon) {
  while (pos < s->len) {
    char c = s->text[pos];
    if (c == '#' || c == ';' || is_nl(c) || (stop_at_colon && c == ':')) break;
    pos++;
  }
  return pos;
}

/* Skips JavaScript white space (\s*) from pos. */
static size_t skip_space(const scanner *s, size_t pos) {
  size_t k;
  while (pos < s->len && (k = cjm_mermaid_space_at(s->text, s->len, pos))) pos += k;
  return pos;
}

/* `title\s[^#\n;]+` and `section\s[^#:\n;]+`: the keyword, one white-space
 * character, then at least one character of the text. Returns the end of
 * the token and sets *text to where the text starts, or returns 0. */
static size_t keyword_line(const scanner *s, const char *word, bool stop_at_colon, size_t *text) {
  size_t p = s->pos + strlen(word), k;
  if (!cjm_mermaid_starts_word(s->text, s->len, s->pos, word) || p >= s->len ||
      !(k = cjm_mermaid_space_at(s->text, s->len, p)))
    return 0;
  *text = p + k;
  size_t end = scan_text(s, *text, stop_at_colon);
  return end > *text ? end : 0;
}

/* The next token, by the first rule of Mermaid's lexer that matches. */
static token next_token(scanner *s) {
  const char *t = s->text;
  size_t len = s->len;
  for (;;) {
    size_t p = s->pos;
    token tok = {.start = p};
    if (s->mode == MODE_ACC_TITLE || s->mode == MODE_ACC_DESCR) {
      /* `(?!\n|;|#)*[^\n]*`: the rest of the line */
      tok.kind = TOK_VALUE;
      tok.text = p;
      tok.end = tok.text_end = s->pos = line_end(t, len, p);
      s->mode = MODE_INITIAL;
      return tok;
    }
    if (s->mode == MODE_ACC_DESCR_BLOCK) {
      /* `[\}]` closes the block; `[^\}]*` is its text */
      const char *close = p < len ? memchr(t + p, '}', len - p) : NULL;
      size_t end = close ? (size_t)(close - t) : len;
      if (close && end == p) {
        s->pos = p + 1;
        s->mode = MODE_INITIAL;
        continue;
      }
      if (end == p) { /* end of input inside the block */
        s->mode = MODE_INITIAL;
        continue;
      }
      tok.kind = TOK_BLOCK_VALUE;
      tok.text = p;
      tok.end = tok.text_end = s->pos = end;
      tok.unterminated = !close;
      if (!close) s->mode = MODE_INITIAL;
      return tok;
    }
    if (p >= len) {
      tok.kind = TOK_EOF;
      tok.end = p;
      return tok;
    }
    char c = t[p];
    size_t k;
    /* A directive, removed by Mermaid before its lexer runs; white space
     * before it is skipped (the comment rule would otherwise take it). */
    if (c != '%' && len - p > 3 && (k = cjm_mermaid_space_at(t, len, p)) && len - p - k >= 3 &&
        memcmp(t + p + k, "%%{", 3) == 0) {
      s->pos = p + k;
      continue;
    }
    if (len - p >= 3 && memcmp(t + p, "%%{", 3) == 0) {
      tok.kind = TOK_DIRECTIVE;
      tok.text = p;
      const char *close = NULL;
      for (size_t q = p + 3; q + 3 <= len && !close; q++)
        if (t[q] == '}' && t[q + 1] == '%' && t[q + 2] == '%') close = t + q;
      tok.end = tok.text_end = close ? (size_t)(close - t) + 3 : len;
      tok.unterminated = !close;
      s->pos = tok.end;
      return tok;
    }
    /* `%(?!\{)[^\n]*`: a comment */
    if (c == '%' && (p + 1 >= len || t[p + 1] != '{')) {
      tok.kind = TOK_COMMENT;
      tok.text = p + (p + 1 < len && t[p + 1] == '%' ? 2 : 1);
      tok.end = tok.text_end = s->pos = line_end(t, len, p);
      return tok;
    }
    /* `[^\}]%%[^\n]*`: a comment after any one character (a JavaScript
     * string unit: a character of up to three UTF-8 bytes) */
    if (c != '}') {
      uint32_t cp;
      size_t n = cjm_utf8_decode(t + p, len - p, &cp);
      if (n == 0) n = 1;
      if (n < 4 && len - p - n >= 2 && t[p + n] == '%' && t[p + n + 1] == '%') {
        tok.kind = TOK_COMMENT;
        tok.start = p + n;
        tok.text = p + n + 2;
        tok.end = tok.text_end = s->pos = line_end(t, len, p + n);
        if (len - tok.text >= 1 && t[tok.text] == '{') { /* a directive after all */
          s->pos = p + n;
          continue;
        }
        return tok;
      }
    }
    if (is_nl(c)) { /* `[\n]+` */
      while (s->pos < len && is_nl(t[s->pos])) s->pos++;
      tok.kind = TOK_NEWLINE;
      tok.end = s->pos;
      return tok;
    }
    if ((k = cjm_mermaid_space_at(t, len, p))) { /* `\s+` */
      s->pos = skip_space(s, p);
      continue;
    }
    if (c == '#') { /* `#[^\n]*` */
      tok.kind = TOK_COMMENT;
      tok.text = p + 1;
      tok.end = tok.text_end = s->pos = line_end(t, len, p);
      return tok;
    }
    if (cjm_mermaid_starts_word(t, len, p, "journey") && (p + 7 >= len || !cjm_mermaid_word_byte(t[p + 7]))) {
      tok.kind = TOK_JOURNEY;
      tok.end = s->pos = p + 7;
      return tok;
    }
    size_t text, end;
    if ((end = keyword_line(s, "title", false, &text))) {
      tok.kind = TOK_TITLE;
      tok.text = text;
      tok.end = tok.text_end = s->pos = end;
      return tok;
    }
    bool acc_title = cjm_mermaid_starts_word(t, len, p, "acctitle");
    if (acc_title || cjm_mermaid_starts_word(t, len, p, "accdescr")) {
      size_t q = skip_space(s, p + 8);
      if (q < len && t[q] == ':') {
        tok.kind = acc_title ? TOK_ACC_TITLE : TOK_ACC_DESCR;
        tok.end = s->pos = skip_space(s, q + 1);
        s->mode = acc_title ? MODE_ACC_TITLE : MODE_ACC_DESCR;
        return tok;
      }
      if (!acc_title && q < len && t[q] == '{') {
        s->pos = skip_space(s, q + 1);
        s->mode = MODE_ACC_DESCR_BLOCK;
        continue;
      }
    }
    if ((end = keyword_line(s, "section", true, &text))) {
      tok.kind = TOK_SECTION;
      tok.text = text;
      tok.end = tok.text_end = s->pos = end;
      return tok;
    }
    if (c != '#' && c != ':' && c != ';') { /* `[^#:\n;]+` */
      tok.kind = TOK_TASK_NAME;
      tok.text = p;
      tok.end = tok.text_end = s->pos = scan_text(s, p, true);
      return tok;
    }
    if (c == ':') { /* `:[^#\n;]+`, else `:` */
      end = scan_text(s, p + 1, false);
      tok.kind = end > p + 1 ? TOK_TASK_DATA : TOK_COLON;
      tok.text = p + 1;
      tok.end = tok.text_end = s->pos = end;
      return tok;
    }
    tok.kind = TOK_INVALID; /* `.` */
    tok.end = s->pos = p + 1;
    return tok;
  }
}

/* ---- what the diagram says -------------------------------------------------- */

/* A comment of the diagram (a line of a directive or of the front matter
 * too); which statement it belongs to is said by the statement. */
typedef struct mm_comment {
  size_t text, end;             /* its body: after `%%` or `#`, to the end of its line */
} mm_comment;

/* A run of comments: [first, first + count) of the importer's comments. */
typedef struct comment_run {
  size_t first, count;
} comment_run;

enum { NO_COMMENT = (size_t)-1 };

typedef struct mm_section {
  size_t label, label_end;      /* trimmed; empty for the tasks before any section */
  comment_run lead;             /* the comments above it */
  size_t trailing;              /* a comment on its line, or NO_COMMENT */
} mm_section;

typedef struct mm_task {
  size_t label, label_end;      /* trimmed */
  double score;
  bool has_score;               /* false when Mermaid reads no number (NaN) */
  size_t actor_first, actor_count; /* into the importer's actors */
  size_t section;
  comment_run lead;
  size_t trailing;
} mm_task;

/* An actor: a persona. */
typedef struct mm_actor {
  size_t name, name_end;        /* trimmed */
} mm_actor;

/* Where a trailing comment goes: the last statement read. */
typedef enum owner_kind { OWNER_NONE, OWNER_JOURNEY, OWNER_SECTION, OWNER_TASK } owner_kind;

typedef struct importer {
  const cjm_source *src;
  const char *text;
  size_t len;
  cjm_diags *diags;
  cjm_limits limits;
  bool failed;
  size_t *line_starts;          /* built on the first diagnostic */
  size_t line_count, line_capacity;

  mm_comment *comments;
  size_t comment_count, comment_capacity;
  size_t unowned;               /* comments from here on belong to no statement yet */
  size_t *journey_comments;     /* indices of the comments above the journey's head */
  size_t journey_comment_count, journey_comment_capacity;
  size_t journey_trailing;

  cjm_strbuf title, acc_title, acc_descr;
  bool has_title, has_acc_title, has_acc_descr;
  size_t title_at, acc_title_at, acc_descr_at; /* offsets, for "replaces" warnings */

  mm_section *sections;
  size_t section_count, section_capacity;
  mm_task *tasks;
  size_t task_count, task_capacity;
  size_t *actors;               /* persona indices of every task, task after task */
  size_t actor_count, actor_capacity;
  mm_actor *personas;           /* each actor, in order of first appearance */
  size_t persona_count, persona_capacity;
  cjm_name_map persona_index;   /* an actor's name -> its persona */

  owner_kind last;              /* the statement a comment on its line trails */
  size_t last_index, last_end;
} importer;

/* ---- locations ----------------------------------------------------------------- */

/* The byte where each line starts, built on the first diagnostic. */
static void index_lines(importer *im) {
  if (im->line_starts) return;
  CJM_PUSH(im->line_starts, im->line_count, im->line_capacity);
  for (size_t i = 0; i < im->len; i++)
    if (im->text[i] == '\n') *CJM_PUSH(im->line_starts, im->line_count, im->line_capacity) = i + 1;
}

/* The location of text[start..end), cut at the end of its line. */
static cjm_loc loc_of(importer *im, size_t start, size_t end) {
  index_lines(im);
  size_t lo = 0, hi = im->line_count;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (im->line_starts[mid] <= start) lo = mid;
    else hi = mid;
  }
  size_t first = im->line_starts[lo];
  size_t stop = line_end(im->text, im->len, start);
  if (end > stop) end = stop;
  if (end < start) end = start;
  uint32_t col = (uint32_t)(1 + cjm_utf8_count(im->text + first, start - first));
  uint32_t width = (uint32_t)cjm_utf8_count(im->text + start, end - start);
  return (cjm_loc){.source = im->src, .line = (uint32_t)(lo + 1), .col = col, .end_line = (uint32_t)(lo + 1),
                   .end_col = col + (width ? width : 1), .offset = (uint32_t)start,
                   .end_offset = (uint32_t)(end > start ? end : start + 1)};
}

/* ---- collecting ------------------------------------------------------------------ */

/* The comments not yet owned, now leading the statement being read. */
static comment_run take_comments(importer *im) {
  comment_run run = {im->unowned, im->comment_count - im->unowned};
  im->unowned = im->comment_count;
  return run;
}

/* A comment whose body is text[text..end), found at offset at: it trails
 * the statement before it when on that statement's line, else it waits
 * for the next statement. */
static void add_comment(importer *im, size_t text, size_t end, size_t at) {
  /* On the line of the statement before it: it trails that statement. */
  bool same_line = im->last != OWNER_NONE && im->unowned == im->comment_count;
  for (size_t i = im->last_end; same_line && i < at; i++)
    if (is_nl(im->text[i])) same_line = false;
  mm_comment *c = CJM_PUSH(im->comments, im->comment_count, im->comment_capacity);
  c->text = text;
  c->end = end;
  if (!same_line) return;
  size_t index = im->comment_count - 1;
  size_t *slot = im->last == OWNER_JOURNEY ? &im->journey_trailing
                 : im->last == OWNER_SECTION ? &im->sections[im->last_index].trailing
                                             : &im->tasks[im->last_index].trailing;
  if (*slot == NO_COMMENT) {
    *slot = index;
    im->unowned = im->comment_count;
  }
  im->last = OWNER_NONE;
}

/* The comments not yet owned go above the journey's head. */
static void own_by_journey(importer *im) {
  comment_run run = take_comments(im);
  for (size_t i = 0; i < run.count; i++)
    *CJM_PUSH(im->journey_comments, im->journey_comment_count, im->journey_comment_capacity) = run.first + i;
}

/* Sets one of the journey's texts, warning when it replaces an earlier one
 * (Mermaid keeps the last). */
static void set_text(importer *im, cjm_strbuf *buf, bool *has, size_t *at, const char *what, size_t start,
                     size_t end) {
  if (*has) {
    cjm_loc loc = loc_of(im, start, end);
    cjm_loc first = loc_of(im, *at, *at);
    cjm_diag *d = cjm_warning(im->diags, "import", &loc,
                              "a second %s replaces the first, as in Mermaid; the first is not carried over", what);
    cjm_note(d, &first, "the first %s", what);
  }
  buf->len = 0;
  if (buf->data) buf->data[0] = '\0';
  cjm_strbuf_write(buf, im->text + start, end - start);
  *has = true;
  *at = start;
}

/* accDescr { … }: trimmed, and white space after each line break removed
 * (Mermaid's setAccDescription). */
static void block_description(importer *im, size_t start, size_t end, cjm_strbuf *out) {
  cjm_mermaid_trim(im->text, &start, &end);
  for (size_t i = start; i < end;) {
    char c = im->text[i];
    if (is_nl(c)) {
      cjm_strbuf_write(out, "\n", 1);
      size_t k;
      while (i < end && (k = cjm_mermaid_space_at(im->text, end, i))) i += k;
      continue;
    }
    cjm_strbuf_write(out, &c, 1);
    i++;
  }
}

/* The section a task goes in: the last one, or the stage of the tasks
 * before any section, made on the first such task. */
static size_t current_section(importer *im) {
  if (im->section_count == 0) { /* tasks before the first section */
    mm_section *s = CJM_PUSH(im->sections, im->section_count, im->section_capacity);
    s->trailing = NO_COMMENT;
  }
  return im->section_count - 1;
}

/* The persona of the actor named text[start..end), made on first sight. */
static size_t persona_of(importer *im, size_t start, size_t end) {
  long index = cjm_name_map_get(&im->persona_index, im->text + start, end - start);
  if (index >= 0) return (size_t)index;
  mm_actor *a = CJM_PUSH(im->personas, im->persona_count, im->persona_capacity);
  a->name = start;
  a->name_end = end;
  cjm_name_map_put(&im->persona_index, im->text + start, end - start, (long)(im->persona_count - 1));
  return im->persona_count - 1;
}

/* JavaScript's Number(text): white space around it is ignored; empty text
 * is 0; decimal numbers with an optional sign, fraction and exponent,
 * Infinity, and 0x, 0o, 0b integers. Returns false for NaN. */
static bool js_number(const char *text, size_t start, size_t end, double *value) {
  cjm_mermaid_trim(text, &start, &end);
  size_t n = end - start;
  if (n == 0) {
    *value = 0;
    return true;
  }
  char buf[64];
  if (n >= sizeof buf) return false;
  memcpy(buf, text + start, n);
  buf[n] = '\0';
  const char *s = buf;
  double sign = 1;
  if (*s == '+' || *s == '-') sign = *s++ == '-' ? -1 : 1;
  if (strcmp(s, "Infinity") == 0) {
    *value = sign * INFINITY;
    return true;
  }
  char radix = s == buf && s[0] == '0' ? (char)(s[1] | 0x20) : 0; /* 0x, 0o, 0b in either case */
  if (radix == 'x' || radix == 'o' || radix == 'b') {
    int base = radix == 'x' ? 16 : radix == 'o' ? 8 : 2;
    if (!s[2]) return false;
    double v = 0;
    for (const char *q = s + 2; *q; q++) {
      char lower = (char)(*q | 0x20);
      int d = *q >= '0' && *q <= '9' ? *q - '0' : lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : 99;
      if (d >= base) return false;
      v = v * base + d;
    }
    *value = v;
    return true;
  }
  /* digits [. digits] | . digits, then [e [sign] digits] */
  const char *q = s;
  size_t digits = 0;
  while (*q >= '0' && *q <= '9') q++, digits++;
  if (*q == '.') {
    q++;
    while (*q >= '0' && *q <= '9') q++, digits++;
  }
  if (!digits) return false;
  if (*q == 'e' || *q == 'E') {
    q++;
    if (*q == '+' || *q == '-') q++;
    if (!(*q >= '0' && *q <= '9')) return false;
    while (*q >= '0' && *q <= '9') q++;
  }
  if (*q) return false;
  *value = sign * strtod(s, NULL);
  return true;
}

/* A task: NAME : SCORE [: ACTORS [: ignored]]. */
static void read_task(importer *im, const token *name, const token *data) {
  size_t section = current_section(im);
  mm_task *t = CJM_PUSH(im->tasks, im->task_count, im->task_capacity);
  t->section = section;
  t->trailing = NO_COMMENT;
  t->lead = take_comments(im);
  t->label = name->text;
  t->label_end = name->text_end;
  cjm_mermaid_trim(im->text, &t->label, &t->label_end);
  /* the word joiner cjm export puts before a task named like a keyword */
  if (t->label_end - t->label >= 3 && memcmp(im->text + t->label, "\xE2\x81\xA0", 3) == 0) t->label += 3;

  const char *text = im->text;
  size_t p = data->text, end = data->text_end;
  const char *colon = memchr(text + p, ':', end - p);
  size_t score_end = colon ? (size_t)(colon - text) : end;
  t->has_score = js_number(text, p, score_end, &t->score);
  if (!t->has_score) {
    cjm_loc loc = loc_of(im, p, score_end);
    cjm_warning(im->diags, "import", &loc,
                "the score is not a number (Mermaid reads it as NaN); the step gets no feel");
  } else if (!(t->score >= 1 && t->score <= 5)) {
    double clamped = t->score < 1 ? 1 : 5;
    cjm_loc loc = loc_of(im, p, score_end);
    cjm_strbuf v = {0};
    if (isinf(t->score)) cjm_strbuf_puts(&v, t->score < 0 ? "-Infinity" : "Infinity"); /* as Mermaid wrote it */
    else cjm_present_number(&v, t->score);
    cjm_warning(im->diags, "import", &loc, "score %s is outside Mermaid's 1..5; the feel is %g", v.data, clamped);
    cjm_strbuf_free(&v);
    t->score = clamped;
  }
  t->actor_first = im->actor_count;
  if (!colon) return;
  size_t actors = score_end + 1;
  const char *more = memchr(text + actors, ':', end - actors);
  size_t actors_end = more ? (size_t)(more - text) : end;
  if (more) {
    cjm_loc loc = loc_of(im, actors_end, end);
    cjm_warning(im->diags, "import", &loc, "Mermaid ignores what follows a task's third ':'; it is not carried over");
  }
  for (size_t a = actors; a <= actors_end;) {
    const char *comma = memchr(text + a, ',', actors_end - a);
    size_t stop = comma ? (size_t)(comma - text) : actors_end;
    size_t s = a, e = stop;
    cjm_mermaid_trim(text, &s, &e);
    if (s == e) {
      cjm_loc loc = loc_of(im, a, stop);
      cjm_warning(im->diags, "import", &loc, "an empty actor name; no persona is made for it");
    } else {
      size_t persona = persona_of(im, s, e);
      bool seen = false;
      for (size_t i = t->actor_first; i < im->actor_count && !seen; i++) seen = im->actors[i] == persona;
      if (!seen) *CJM_PUSH(im->actors, im->actor_count, im->actor_capacity) = persona;
    }
    a = stop + 1;
  }
  t->actor_count = im->actor_count - t->actor_first;
}

/* Reports an error at text[start..end) and marks the import failed. */
static void error_at(importer *im, size_t start, size_t end, const char *name, const char *message) {
  cjm_loc loc = loc_of(im, start, end);
  cjm_error(im->diags, name, &loc, "%s", message);
  im->failed = true;
}

/* Skips the rest of the line after a syntax error. */
static void recover(importer *im, scanner *s, size_t from) {
  s->pos = line_end(im->text, im->len, from);
  s->mode = MODE_INITIAL;
}

/* The first word of a line, to name the kind of diagram it starts. */
static void not_a_journey(importer *im, const token *tok) {
  size_t end = tok->start;
  while (end < im->len && cjm_mermaid_word_byte(im->text[end])) end++;
  if (tok->kind == TOK_EOF) {
    cjm_loc loc = cjm_loc_file(im->src);
    cjm_error(im->diags, "syntax", &loc, "no Mermaid diagram in this file: a journey diagram starts with 'journey'");
  } else if (end > tok->start) {
    cjm_loc loc = loc_of(im, tok->start, end);
    cjm_error(im->diags, "syntax", &loc,
              "not a Mermaid journey diagram: it starts with '%.*s', a journey diagram with 'journey'",
              (int)(end - tok->start), im->text + tok->start);
  } else {
    cjm_loc loc = loc_of(im, tok->start, tok->end);
    cjm_error(im->diags, "syntax", &loc, "not a Mermaid journey diagram: a journey diagram starts with 'journey'");
  }
  im->failed = true;
}

/* Front matter (--- … --- at the very start): Mermaid reads a `title:` in
 * it; the rest configures Mermaid. Every line is kept as a comment.
 * Returns where the diagram starts. */
static size_t read_front_matter(importer *im, size_t pos) {
  const char *t = im->text;
  if (im->len - pos < 4 || memcmp(t + pos, "---", 3) != 0) return pos;
  size_t p = pos + 3;
  while (p < im->len && (t[p] == ' ' || t[p] == '\t')) p++;
  if (p >= im->len || !is_nl(t[p])) return pos;
  /* find the closing --- */
  size_t close = 0, after = 0;
  for (size_t q = line_end(t, im->len, pos); q < im->len;) {
    while (q < im->len && is_nl(t[q])) q++;
    size_t e = line_end(t, im->len, q);
    size_t r = q + 3;
    if (e - q >= 3 && memcmp(t + q, "---", 3) == 0) {
      while (r < e && (t[r] == ' ' || t[r] == '\t')) r++;
      if (r == e && e < im->len) {
        close = q;
        after = e;
        break;
      }
    }
    q = e;
  }
  if (!close) return pos;
  for (size_t q = pos; q < after;) {
    size_t e = line_end(t, im->len, q);
    mm_comment *c = CJM_PUSH(im->comments, im->comment_count, im->comment_capacity);
    c->text = q;
    c->end = e;
    /* a key: not the --- lines, not indented (a value's part), not a
     * comment, not a blank line */
    if (q > pos && q < close && q < e && t[q] != ' ' && t[q] != '\t' && t[q] != '#') {
      const char *colon = memchr(t + q, ':', e - q);
      size_t key_end = colon ? (size_t)(colon - t) : e;
      /* "title" alone, without a colon, is no key: its value would start
       * past the line's end. */
      if (colon && key_end - q == 5 && memcmp(t + q, "title", 5) == 0) {
        size_t vs = key_end + 1, ve = e;
        cjm_mermaid_trim(t, &vs, &ve);
        if (ve - vs >= 2 && (t[vs] == '"' || t[vs] == '\'') && t[ve - 1] == t[vs]) vs++, ve--;
        set_text(im, &im->title, &im->has_title, &im->title_at, "title", vs, ve);
      } else {
        cjm_loc loc = loc_of(im, q, key_end);
        cjm_warning(im->diags, "import", &loc,
                    "front matter '%.*s' configures Mermaid; cjm has no such setting (kept as a comment)",
                    (int)(key_end - q), t + q);
      }
    }
    q = e;
    if (q < after && t[q] == '\r') q++;
    if (q < after && t[q] == '\n') q++;
  }
  own_by_journey(im);
  return after;
}

/* Reads the whole diagram into im. */
static void read_diagram(importer *im, size_t start) {
  scanner s = {.text = im->text, .len = im->len, .pos = read_front_matter(im, start)};
  bool seen_journey = false;
  bool in_note = false; /* inside the note cjm export writes above the diagram */
  size_t journey_at = 0;
  for (;;) {
    if (cjm_diags_full(im->diags)) {
      cjm_diags_set_unchecked(im->diags);
      return;
    }
    token tok = next_token(&s);
    switch (tok.kind) {
    case TOK_EOF:
      if (!seen_journey && !im->failed) not_a_journey(im, &tok);
      return;
    case TOK_NEWLINE:
      continue;
    case TOK_COMMENT:
      if (!seen_journey && tok.text == tok.start + 2 &&
          (in_note ? starts_with(im->text, tok.text, tok.end, CJM_MERMAID_EXPORT_NOTE_ITEM)
                   : starts_with(im->text, tok.start, tok.end, CJM_MERMAID_EXPORT_NOTE))) {
        in_note = true;
        continue;
      }
      add_comment(im, tok.text, tok.text_end, tok.start);
      continue;
    case TOK_DIRECTIVE: {
      cjm_loc loc = loc_of(im, tok.start, tok.end);
      if (tok.unterminated) {
        error_at(im, tok.start, tok.start + 3, "syntax", "a directive '%%{' that is never closed with '}%%'");
        return;
      }
      cjm_warning(im->diags, "import", &loc,
                  "a %%%%{…}%%%% directive configures Mermaid; cjm has no such setting (kept as a comment)");
      for (size_t q = tok.start; q < tok.end;) {
        size_t e = line_end(im->text, tok.end, q);
        add_comment(im, q, e, q);
        while (e < tok.end && is_nl(im->text[e])) e++;
        q = e;
      }
      continue;
    }
    default:
      break;
    }
    in_note = false;
    if (!seen_journey) {
      if (tok.kind != TOK_JOURNEY) {
        not_a_journey(im, &tok);
        return;
      }
      if (memcmp(im->text + tok.start, "journey", 7) != 0) { /* Mermaid's detector: /^\s*journey/ */
        cjm_loc loc = loc_of(im, tok.start, tok.end);
        cjm_error(im->diags, "syntax", &loc,
                  "not a Mermaid journey diagram: Mermaid knows one by 'journey' in lower case, not '%.7s'",
                  im->text + tok.start);
        im->failed = true;
        return;
      }
      seen_journey = true;
      journey_at = tok.start;
      own_by_journey(im);
      im->last = OWNER_NONE;
      continue;
    }
    size_t end = tok.end;
    switch (tok.kind) {
    case TOK_JOURNEY: {
      cjm_loc loc = loc_of(im, tok.start, tok.end);
      cjm_loc first = loc_of(im, journey_at, journey_at + 7);
      cjm_diag *d = cjm_error(im->diags, "syntax", &loc,
                              "'%.*s' again: a Mermaid file holds one diagram (a task named so needs other words)",
                              (int)(tok.end - tok.start), im->text + tok.start);
      cjm_note(d, &first, "the diagram starts here");
      im->failed = true;
      recover(im, &s, tok.end);
      continue;
    }
    case TOK_TITLE: {
      own_by_journey(im);
      size_t a = tok.text, b = tok.text_end;
      cjm_mermaid_trim(im->text, &a, &b);
      set_text(im, &im->title, &im->has_title, &im->title_at, "title", a, b);
      im->last = OWNER_JOURNEY;
      break;
    }
    case TOK_ACC_TITLE:
    case TOK_ACC_DESCR: {
      own_by_journey(im);
      token value = next_token(&s);
      size_t a = value.text, b = value.text_end;
      cjm_mermaid_trim(im->text, &a, &b);
      if (tok.kind == TOK_ACC_TITLE)
        set_text(im, &im->acc_title, &im->has_acc_title, &im->acc_title_at, "accTitle", a, b);
      else
        set_text(im, &im->acc_descr, &im->has_acc_descr, &im->acc_descr_at, "accDescr", a, b);
      end = value.end;
      im->last = OWNER_NONE; /* the value runs to the end of the line */
      break;
    }
    case TOK_BLOCK_VALUE: {
      own_by_journey(im);
      set_text(im, &im->acc_descr, &im->has_acc_descr, &im->acc_descr_at, "accDescr", tok.text, tok.text);
      im->acc_descr.len = 0;
      block_description(im, tok.text, tok.text_end, &im->acc_descr);
      if (tok.unterminated) {
        cjm_loc loc = loc_of(im, tok.start, tok.start);
        cjm_warning(im->diags, "import", &loc,
                    "'accDescr {' is never closed with '}': Mermaid takes the rest of the file as the description");
      }
      im->last = OWNER_NONE;
      break;
    }
    case TOK_SECTION: {
      mm_section *sec = CJM_PUSH(im->sections, im->section_count, im->section_capacity);
      sec->label = tok.text;
      sec->label_end = tok.text_end;
      cjm_mermaid_trim(im->text, &sec->label, &sec->label_end);
      sec->lead = take_comments(im);
      sec->trailing = NO_COMMENT;
      if (sec->label == sec->label_end) { /* keep it apart from the tasks before any section */
        sec->label = tok.start;
        sec->label_end = tok.start + 7;
        cjm_loc loc = loc_of(im, tok.start, tok.end);
        cjm_warning(im->diags, "import", &loc, "a section without a name; the stage is labelled 'section'");
      }
      im->last = OWNER_SECTION;
      im->last_index = im->section_count - 1;
      break;
    }
    case TOK_TASK_NAME: {
      token data = next_token(&s);
      if (data.kind != TOK_TASK_DATA) {
        size_t at = data.kind == TOK_COLON ? data.start : tok.text_end;
        error_at(im, at, at + 1, "syntax",
                 data.kind == TOK_COLON ? "a task wants a score after its ':' (Task: 5: Actor, Actor)"
                                        : "a task wants ':' and a score after its name (Task: 5: Actor, Actor)");
        recover(im, &s, data.kind == TOK_NEWLINE || data.kind == TOK_EOF ? tok.end : data.start);
        continue;
      }
      read_task(im, &tok, &data);
      end = data.end;
      im->last = OWNER_TASK;
      im->last_index = im->task_count - 1;
      break;
    }
    case TOK_TASK_DATA:
    case TOK_COLON:
      error_at(im, tok.start, tok.start + 1, "syntax", "a ':' with no task name before it");
      recover(im, &s, tok.start);
      continue;
    case TOK_INVALID:
      error_at(im, tok.start, tok.end, "syntax",
               im->text[tok.start] == ';' ? "Mermaid's journey diagrams have no ';' outside accTitle and accDescr"
                                          : "a character Mermaid's journey diagrams do not allow here");
      recover(im, &s, tok.start);
      continue;
    case TOK_VALUE: /* only after accTitle: and accDescr:, read there */
    default:
      continue;
    }
    im->last_end = end;
  }
}

/* ---- writing the journey ------------------------------------------------------------ */

/* Writes comment index as a cjm comment line at indent. */
static void write_comment(importer *im, cjm_strbuf *out, size_t index, const char *indent) {
  const mm_comment *c = &im->comments[index];
  cjm_strbuf_puts(out, indent);
  cjm_strbuf_write(out, "#", 1);
  size_t a = c->text, b = c->end;
  while (b > a && (im->text[b - 1] == ' ' || im->text[b - 1] == '\t')) b--;
  if (a < b && im->text[a] != ' ') cjm_strbuf_write(out, " ", 1);
  /* control characters cannot stand in a cjm comment */
  bool replaced = false;
  for (size_t i = a; i < b; i++) {
    unsigned char ch = (unsigned char)im->text[i];
    if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
      if (!replaced) {
        cjm_loc loc = loc_of(im, i, i + 1);
        cjm_warning(im->diags, "import", &loc,
                    "a control character (U+%04X) cannot stand in a cjm comment; it is written as U+FFFD", ch);
      }
      replaced = true;
      cjm_strbuf_puts(out, "\xEF\xBF\xBD");
    } else {
      cjm_strbuf_write(out, &im->text[i], 1);
    }
  }
  cjm_strbuf_write(out, "\n", 1);
}

/* Writes the comments of run, each on its line. */
static void write_run(importer *im, cjm_strbuf *out, comment_run run, const char *indent) {
  for (size_t i = 0; i < run.count; i++) write_comment(im, out, run.first + i, indent);
}

/* Ends a head line, with comment index after it unless NO_COMMENT. */
static void write_trailing(importer *im, cjm_strbuf *out, size_t index) {
  if (index == NO_COMMENT) {
    cjm_strbuf_write(out, "\n", 1);
    return;
  }
  cjm_strbuf_write(out, " ", 1);
  write_comment(im, out, index, "");
}

/* Appends text as a cjm string, or reports it over the string limit. */
static void write_string(importer *im, cjm_strbuf *out, const char *text, size_t len, size_t at) {
  if (len > im->limits.max_string_bytes) {
    cjm_loc loc = loc_of(im, at, at + 1);
    cjm_error(im->diags, "limit", &loc, "a text of %zu bytes, over cjm's limit of %zu bytes for a string", len,
              im->limits.max_string_bytes);
    im->failed = true;
  }
  cjm_text_quote(out, text, len);
}

/* Writes the journey the diagram describes: its comments, the journey
 * block, the personas, then each stage and its steps. */
static void write_journey(importer *im, cjm_strbuf *out) {
  for (size_t i = 0; i < im->journey_comment_count; i++) write_comment(im, out, im->journey_comments[i], "");
  cjm_strbuf_puts(out, "journey ");
  write_string(im, out, im->title.data ? im->title.data : "", im->title.len, im->title_at);
  write_trailing(im, out, im->journey_trailing);
  /* an accTitle that repeats the title is what cjm export writes for a
   * journey without acc_title: it comes back from the title */
  bool same_titles = im->has_title && im->title.len == im->acc_title.len &&
                     memcmp(im->title.data ? im->title.data : "", im->acc_title.data ? im->acc_title.data : "",
                            im->title.len) == 0;
  if (im->has_acc_title && !same_titles) {
    cjm_strbuf_puts(out, "  acc_title ");
    write_string(im, out, im->acc_title.data ? im->acc_title.data : "", im->acc_title.len, im->acc_title_at);
    cjm_strbuf_write(out, "\n", 1);
  }
  if (im->has_acc_descr) {
    cjm_strbuf_puts(out, "  goal ");
    write_string(im, out, im->acc_descr.data ? im->acc_descr.data : "", im->acc_descr.len, im->acc_descr_at);
    cjm_strbuf_write(out, "\n", 1);
  }
  cjm_strbuf_puts(out, "  scale 1..5\n");

  cjm_name_map persona_ids = {0}, stage_ids = {0}, step_ids = {0};
  const char **persona_id = cjm_xcalloc(im->persona_count + 1, sizeof *persona_id);
  for (size_t p = 0; p < im->persona_count; p++) {
    size_t a = im->personas[p].name, b = im->personas[p].name_end;
    persona_id[p] = cjm_name_make(&persona_ids, im->text + a, b - a, "actor");
    cjm_strbuf_printf(out, "\npersona %s ", persona_id[p]);
    write_string(im, out, im->text + a, b - a, a);
    cjm_strbuf_write(out, "\n", 1);
  }
  size_t next_task = 0;
  for (size_t i = 0; i < im->section_count; i++) {
    const mm_section *sec = &im->sections[i];
    cjm_strbuf_write(out, "\n", 1);
    write_run(im, out, sec->lead, "");
    const char *id = sec->label == sec->label_end
                         ? cjm_name_make(&stage_ids, "", 0, "unsectioned")
                         : cjm_name_make(&stage_ids, im->text + sec->label, sec->label_end - sec->label, "section");
    cjm_strbuf_printf(out, "stage %s ", id);
    write_string(im, out, im->text + sec->label, sec->label_end - sec->label, sec->label);
    write_trailing(im, out, sec->trailing);
    for (; next_task < im->task_count && im->tasks[next_task].section == i; next_task++) {
      const mm_task *t = &im->tasks[next_task];
      cjm_strbuf_write(out, "\n", 1);
      write_run(im, out, t->lead, "  ");
      const char *step = cjm_name_make(&step_ids, im->text + t->label, t->label_end - t->label, "task");
      cjm_strbuf_printf(out, "  step %s ", step);
      write_string(im, out, im->text + t->label, t->label_end - t->label, t->label);
      for (size_t a = 0; a < t->actor_count; a++)
        cjm_strbuf_printf(out, "%s%s", a ? ", " : " by ", persona_id[im->actors[t->actor_first + a]]);
      write_trailing(im, out, t->trailing);
      if (t->has_score) {
        cjm_strbuf_puts(out, "    feel ");
        cjm_present_number(out, t->score);
        cjm_strbuf_write(out, "\n", 1);
      }
    }
  }
  comment_run end = take_comments(im);
  if (end.count) cjm_strbuf_write(out, "\n", 1);
  write_run(im, out, end, "");
  free(persona_id);
  cjm_name_map_free(&persona_ids);
  cjm_name_map_free(&stage_ids);
  cjm_name_map_free(&step_ids);
}

/* ---- checks on the bytes --------------------------------------------------------------- */

/* A binary file, a NUL byte or text that is not UTF-8: a located error. */
static bool check_bytes(importer *im) {
  const char *nul = memchr(im->text, '\0', im->len);
  if (nul) {
    size_t at = (size_t)(nul - im->text);
    error_at(im, at, at + 1, "encoding",
             at < 8192 ? "NUL byte: this is a binary file, not a Mermaid diagram" : "NUL byte in a Mermaid diagram");
    return false;
  }
  size_t bad = cjm_utf8_validate(im->text, im->len);
  if (bad < im->len) {
    cjm_loc loc = loc_of(im, bad, bad + 1);
    cjm_error(im->diags, "encoding", &loc, "invalid UTF-8 (byte 0x%02X): a Mermaid diagram is UTF-8 text",
              (unsigned char)im->text[bad]);
    im->failed = true;
    return false;
  }
  return true;
}

bool cjm_mermaid_import(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags, const cjm_limits *limits) {
  importer im = {.src = src,
                 .text = src->text,
                 .len = src->len,
                 .diags = diags,
                 .limits = limits ? *limits : CJM_LIMITS_DEFAULT,
                 .journey_trailing = NO_COMMENT};
  bool ok = false;
  if (im.len > im.limits.max_file_bytes) {
    cjm_loc loc = loc_of(&im, 0, 0);
    cjm_error(diags, "limit", &loc, "file is %zu bytes, over the limit of %zu bytes", im.len, im.limits.max_file_bytes);
  } else if (check_bytes(&im)) {
    size_t start = im.len >= 3 && memcmp(im.text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    read_diagram(&im, start);
    cjm_strbuf text = {0};
    if (!im.failed) write_journey(&im, &text);
    if (!im.failed) {
      /* the layout of `cjm fmt`, made by the formatter itself */
      cjm_source *made = cjm_source_from_memory(src->path, text.data ? text.data : "", text.len);
      cjm_diags *made_diags = cjm_diags_new();
      ok = cjm_format_source(made, out, made_diags, &im.limits);
      if (!ok) { /* a bug of the importer: say so, at the file */
        const cjm_diag *first = cjm_diags_count(made_diags) ? cjm_diags_at(made_diags, 0) : NULL;
        cjm_loc loc = cjm_loc_file(src);
        cjm_error(diags, "import", &loc,
                  "internal error: the journey made from this diagram does not read back (%u:%u: %s)",
                  first ? (unsigned)first->loc.line : 0, first ? (unsigned)first->loc.col : 0,
                  first ? first->message : "no diagnostic");
      }
      cjm_diags_free(made_diags);
      cjm_source_free(made);
    }
    cjm_strbuf_free(&text);
  }
  free(im.line_starts);
  free(im.comments);
  free(im.journey_comments);
  cjm_strbuf_free(&im.title);
  cjm_strbuf_free(&im.acc_title);
  cjm_strbuf_free(&im.acc_descr);
  free(im.sections);
  free(im.tasks);
  free(im.actors);
  free(im.personas);
  cjm_name_map_free(&im.persona_index);
  return ok;
}
