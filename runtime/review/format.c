/* format — see format.h. One pass over the tree, printing as it goes; the
 * only look at the source text is for blank lines next to comments. */
#include "runtime/review/format.h"

#include <stdio.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/intern.h"
#include "lang/parse.h"
#include "lang/utf8.h"

enum { INDENT = 2 }; /* spaces per level */

/* The state of one formatting run. */
typedef struct printer {
  cjm_strbuf *out;
  const cjm_source *src;  /* the file, for blank lines next to comments */
  bool signed_scale;      /* the file's scale goes below zero: write `feel +1` */
  bool empty;             /* nothing printed yet */
  int last_indent;        /* indentation of the last head or entry printed */
} printer;

/* ---- output primitives ------------------------------------------------------ */

static void put(printer *p, const char *s, size_t n) {
  cjm_strbuf_write(p->out, s, n);
  p->empty = false;
}

static void put_str(printer *p, const char *s) { put(p, s, strlen(s)); }

static void put_indent(printer *p, int n) {
  static const char spaces[] = "                ";
  while (n > 0) {
    int k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;
    put(p, spaces, (size_t)k);
    n -= k;
  }
}

static void put_newline(printer *p) { put(p, "\n", 1); }

/* ---- blank lines in the source ------------------------------------------------ */

/* Whether line of the source holds nothing but spaces and tabs. */
static bool line_blank(const cjm_source *src, uint32_t line) {
  size_t len;
  const char *s = cjm_source_line(src, line, &len);
  if (!s) return false;
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

/* Whether the line above line is blank in the source. */
static bool blank_before(const printer *p, uint32_t line) {
  return line > 1 && line_blank(p->src, line - 1);
}

/* ---- comments ------------------------------------------------------------------ */

/* A comment's text without the spaces and tabs at its end. */
static void put_comment_text(printer *p, const cjm_comment *c) {
  size_t len = c->len;
  while (len > 0 && (c->text[len - 1] == ' ' || c->text[len - 1] == '\t')) len--;
  put(p, c->text, len);
}

static void put_comment_line(printer *p, const cjm_comment *c, int indent) {
  put_indent(p, indent);
  put_comment_text(p, c);
  put_newline(p);
}

/* A comment after code on its line: one space, then the comment. */
static void put_trailing(printer *p, const cjm_comment *c) {
  if (!c) return;
  put(p, " ", 1);
  put_comment_text(p, c);
}

/* Where a comment that ends a block or the file goes: column 1 when it
 * was written there, else under the line above it. */
static int end_indent(const printer *p, const cjm_comment *c) {
  return c->loc.col == 1 ? 0 : p->last_indent;
}

/* Prints leading comments from `from` on at indent, with one blank line
 * where the source has blank lines above a comment (above the first only
 * when blank_first) and above the node, which starts at node_line. */
static void put_leading(printer *p, const cjm_comment *from, int indent, uint32_t node_line,
                        bool blank_first) {
  for (const cjm_comment *c = from; c; c = c->next) {
    if ((c != from || blank_first) && !p->empty && blank_before(p, c->loc.line)) put_newline(p);
    put_comment_line(p, c, indent);
  }
  if (from && blank_before(p, node_line)) put_newline(p);
}

/* Prints what comes before a node: for a node the layout separates by a
 * blank line (a top-level block, a step), the blank line; the node's
 * leading comments; then its inner comments, which the layout cannot keep
 * between the lines of a node it writes on one line: they go just above
 * it, in their order. Leading comments that hug the end of the block
 * before (no blank line above them) and are followed by a blank line
 * belong to that block's end, and stay there, before the blank line. */
static void put_prefix(printer *p, const cjm_comments *comments, int indent, uint32_t node_line,
                       bool separated) {
  const cjm_comment *first = comments->leading;
  if (p->empty || !separated) {
    put_leading(p, first, indent, node_line, true);
    for (const cjm_comment *c = comments->inner; c; c = c->next) put_comment_line(p, c, indent);
    return;
  }
  const cjm_comment *rest = first;
  while (rest && !blank_before(p, rest->loc.line)) rest = rest->next;
  if (rest != first && (rest || blank_before(p, node_line))) {
    for (const cjm_comment *c = first; c != rest; c = c->next) put_comment_line(p, c, end_indent(p, c));
  } else {
    rest = first;
  }
  put_newline(p);
  put_leading(p, rest, indent, node_line, false);
  for (const cjm_comment *c = comments->inner; c; c = c->next) put_comment_line(p, c, indent);
}

/* ---- strings -------------------------------------------------------------------- */

/* Invisible characters that could hide text from a reviewer: bidi
 * embeddings, overrides and isolates, zero-width space, line and
 * paragraph separators, the byte-order mark. */
static bool hidden(uint32_t cp) {
  return cp == 0x200B || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Whether cp is always written as \u{X}: control characters (C0 but tab
 * and newline, DEL, C1) and the hidden ones. */
static bool escaped_always(uint32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || hidden(cp);
}

static void put_u_escape(printer *p, uint32_t cp) {
  char buf[16];
  int n = snprintf(buf, sizeof buf, "\\u{%X}", cp);
  put(p, buf, (size_t)n);
}

/* A one-line string: escapes for '"', '\\', newline and tab, \u{X} for
 * what escaped_always() names; everything else as itself. */
static void put_line_string(printer *p, const cjm_string *s) {
  put(p, "\"", 1);
  const char *t = s->text;
  size_t i = 0, start = 0;
  while (i < s->len) {
    unsigned char c = (unsigned char)t[i];
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      i++;
      continue;
    }
    uint32_t cp = c;
    size_t n = c < 0x80 ? 1 : cjm_utf8_decode(t + i, s->len - i, &cp);
    if (n == 0) n = 1; /* not produced by the lexer; copy the byte */
    const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\t' ? "\\t" : NULL;
    if (!esc && !escaped_always(cp)) {
      i += n;
      continue;
    }
    put(p, t + start, i - start);
    if (esc) put_str(p, esc);
    else put_u_escape(p, cp);
    i += n;
    start = i;
  }
  put(p, t + start, i - start);
  put(p, "\"", 1);
}

/* One line of long text. Quotes are escaped only where three would meet
 * (they would close the text); force_first and force_last escape the
 * first or last character (a space or tab) so that the lexer neither
 * takes a line of white space for a blank line nor strips white space
 * every line starts with. */
static void put_long_line(printer *p, const char *t, size_t len, bool force_first, bool force_last) {
  int quotes = 0;
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)t[i];
    uint32_t cp = c;
    size_t n = c < 0x80 ? 1 : cjm_utf8_decode(t + i, len - i, &cp);
    if (n == 0) n = 1;
    bool force = (i == 0 && force_first) || (i + n == len && force_last);
    if (c == '"') {
      if (quotes == 2) {
        put_str(p, "\\\"");
        quotes = 0;
      } else {
        put(p, "\"", 1);
        quotes++;
      }
      i++;
      continue;
    }
    quotes = 0;
    if (c == '\\') put_str(p, "\\\\");
    else if (force && c == '\t') put_str(p, "\\t");
    else if (force || escaped_always(cp)) put_u_escape(p, cp);
    else put(p, t + i, n);
    i += n;
  }
}

/* The spaces and tabs a line starts with. */
static size_t leading_white(const char *t, size_t len) {
  size_t w = 0;
  while (w < len && (t[w] == ' ' || t[w] == '\t')) w++;
  return w;
}

/* Long text: the opening quotes end their line, each line of the text
 * follows at indent (empty lines empty), and the closing quotes stand on
 * a line of their own at indent. The lexer removes exactly that. */
static void put_long_string(printer *p, const cjm_string *s, int indent) {
  put_str(p, "\"\"\"\n");
  const char *t = s->text;
  size_t len = s->len;
  /* White space every non-empty line starts with would be taken for
   * indentation: find whether there is some, comparing byte for byte as
   * the lexer does, and from which line. */
  const char *ref = NULL;
  size_t common = 0;
  for (size_t i = 0; len && i <= len;) {
    const char *line = t + i;
    const char *nl = memchr(line, '\n', len - i);
    size_t n = nl ? (size_t)(nl - line) : len - i;
    i += n + 1;
    if (n == 0) continue;
    size_t w = leading_white(line, n);
    if (w == n) w--; /* a line of white space: its last character is escaped */
    if (!ref) {
      ref = line;
      common = w;
    } else {
      size_t k = 0;
      while (k < common && k < w && line[k] == ref[k]) k++;
      common = k;
    }
    if (!nl) break;
  }
  for (size_t i = 0; len && i <= len;) {
    const char *line = t + i;
    const char *nl = memchr(line, '\n', len - i);
    size_t n = nl ? (size_t)(nl - line) : len - i;
    i += n + 1;
    if (n > 0) {
      put_indent(p, indent);
      put_long_line(p, line, n, line == ref && common > 0, leading_white(line, n) == n);
    }
    put_newline(p);
    if (!nl) break;
  }
  put_indent(p, indent);
  put_str(p, "\"\"\"");
}

/* A string in its written form; long text is indented under the line
 * that holds it, at line_indent. */
static void put_string(printer *p, const cjm_string *s, int line_indent) {
  if (s->triple) put_long_string(p, s, line_indent + INDENT);
  else put_line_string(p, s);
}

/* ---- numbers ---------------------------------------------------------------------- */

/* A number without leading zeros, trailing zeros after the point, a
 * point with nothing after it, `-` on zero, or `+` unless plus asks for
 * it on a number above zero. */
static void put_number(printer *p, const cjm_number *n, bool plus) {
  const char *t = n->text;
  bool minus = *t == '-';
  if (*t == '+' || *t == '-') t++;
  size_t digits = strspn(t, "0123456789");
  const char *frac = t[digits] == '.' ? t + digits + 1 : NULL;
  while (digits > 1 && *t == '0') {
    t++;
    digits--;
  }
  size_t frac_len = frac ? strspn(frac, "0123456789") : 0;
  while (frac_len > 0 && frac[frac_len - 1] == '0') frac_len--;
  bool zero = digits == 1 && *t == '0' && frac_len == 0;
  if (minus && !zero) put(p, "-", 1);
  else if (plus && !zero) put(p, "+", 1);
  put(p, t, digits);
  if (frac_len) {
    put(p, ".", 1);
    put(p, frac, frac_len);
  }
  if (n->percent) put(p, "%", 1);
}

/* ---- entries and blocks ------------------------------------------------------------- */

static void put_ident(printer *p, const cjm_ident *id) { put_str(p, id->name ? id->name : ""); }

static void put_ids(printer *p, const cjm_ident_item *ids) {
  for (const cjm_ident_item *it = ids; it; it = it->next) {
    if (it != ids) put(p, ", ", 2);
    put_ident(p, &it->id);
  }
}

static void put_for(printer *p, const cjm_ident *persona) {
  if (!persona) return;
  put_str(p, " for ");
  put_ident(p, persona);
}

/* An entry from its keyword to its end, on a line indented by indent. */
static void put_entry_body(printer *p, const cjm_entry *e, int indent) {
  if (e->kind != CJM_ENTRY_TEXT) {
    put_str(p, cjm_entry_keyword(e->kind));
    put(p, " ", 1);
  }
  switch (e->kind) {
  case CJM_ENTRY_TEXT:
    put_ident(p, &e->key);
    put(p, " ", 1);
    put_string(p, &e->text, indent);
    put_for(p, e->for_persona);
    break;
  case CJM_ENTRY_BY:
  case CJM_ENTRY_VIA:
  case CJM_ENTRY_NEXT:
    put_ids(p, e->ids);
    break;
  case CJM_ENTRY_FEEL:
    put_number(p, &e->number, p->signed_scale);
    if (e->text.text) {
      put(p, " ", 1);
      put_string(p, &e->text, indent);
    }
    put_for(p, e->for_persona);
    break;
  case CJM_ENTRY_MEASURE:
    put_ident(p, &e->key);
    put(p, " ", 1);
    put_number(p, &e->number, false);
    break;
  case CJM_ENTRY_STATUS:
  case CJM_ENTRY_KIND:
  case CJM_ENTRY_BETTER:
    put_ident(p, &e->key);
    break;
  case CJM_ENTRY_SCALE:
    put_number(p, &e->number, false);
    put(p, "..", 2);
    put_number(p, &e->number2, false);
    break;
  case CJM_ENTRY_UNIT:
    put_string(p, &e->text, indent);
    break;
  case CJM_ENTRY_TARGET:
    put_number(p, &e->number, false);
    break;
  }
}

/* The head line of a block. The `by` and `via` entries a stage or step
 * starts with join its head line, as in `step pay "Pays" by mia via web`,
 * unless a comment comes between (or inside one: it would go above the
 * head). Returns the first entry left. */
static const cjm_entry *put_head(printer *p, const cjm_block *b, int indent) {
  put_indent(p, indent);
  put_str(p, cjm_block_keyword(b->kind));
  if (b->id.name) {
    put(p, " ", 1);
    put_ident(p, &b->id);
  }
  if (b->label.text) {
    put(p, " ", 1);
    put_string(p, &b->label, indent);
  }
  const cjm_comment *trailing = cjm_comments_of(b->comments)->trailing;
  const cjm_entry *e = b->entries;
  bool join = (b->kind == CJM_BLOCK_STAGE || b->kind == CJM_BLOCK_STEP) && !trailing &&
              !(b->label.text && b->label.triple);
  while (join && e && (e->kind == CJM_ENTRY_BY || e->kind == CJM_ENTRY_VIA) && !cjm_comments_of(e->comments)->leading &&
         !cjm_comments_of(e->comments)->inner) {
    put(p, " ", 1);
    put_entry_body(p, e, indent);
    trailing = cjm_comments_of(e->comments)->trailing;
    e = e->next;
    if (trailing) break;
  }
  put_trailing(p, trailing);
  put_newline(p);
  p->last_indent = indent;
  return e;
}

/* A block at indent: its comments, head, entries and steps. separated:
 * the layout puts a blank line before it. */
static void put_block(printer *p, const cjm_block *b, int indent, bool separated) {
  put_prefix(p, cjm_comments_of(b->comments), indent, b->head_loc.line, separated);
  const cjm_entry *e = put_head(p, b, indent);
  bool head_last = true; /* the last line printed is the head's */
  for (; e; e = e->next) {
    put_prefix(p, cjm_comments_of(e->comments), indent + INDENT, e->loc.line, false);
    put_indent(p, indent + INDENT);
    put_entry_body(p, e, indent + INDENT);
    put_trailing(p, cjm_comments_of(e->comments)->trailing);
    put_newline(p);
    p->last_indent = indent + INDENT;
    head_last = false;
  }
  for (const cjm_block *s = b->steps; s; s = s->next) {
    put_block(p, s, indent + INDENT, !head_last);
    head_last = false;
  }
}

/* Whether the file's own scale goes below zero (the default -2..2 does). */
static bool scale_is_signed(const cjm_ast_file *file) {
  for (const cjm_block *b = file->blocks; b; b = b->next) {
    if (b->kind != CJM_BLOCK_JOURNEY) continue;
    for (const cjm_entry *e = b->entries; e; e = e->next)
      if (e->kind == CJM_ENTRY_SCALE) return e->number.value < 0;
    return true;
  }
  return true;
}

void cjm_format_ast(const cjm_ast_file *file, cjm_strbuf *out) {
  printer p = {.out = out, .src = file->source, .signed_scale = scale_is_signed(file), .empty = true};
  bool after_use = false;
  for (const cjm_block *b = file->blocks; b; b = b->next) {
    /* Consecutive `use` lines stay together, as imports do. */
    put_block(&p, b, 0, !(after_use && b->kind == CJM_BLOCK_USE));
    after_use = b->kind == CJM_BLOCK_USE;
  }
  for (const cjm_comment *c = file->trailing; c; c = c->next) {
    if (!p.empty && blank_before(&p, c->loc.line)) put_newline(&p);
    put_comment_line(&p, c, end_indent(&p, c));
  }
}

bool cjm_format_source(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags,
                       const cjm_limits *limits) {
  cjm_arena *arena = cjm_arena_new();
  cjm_interner *names = cjm_interner_new(arena);
  size_t errors = cjm_diags_errors(diags);
  const cjm_ast_file *file = cjm_parse(src, arena, names, diags, limits);
  bool ok = cjm_diags_errors(diags) == errors;
  if (ok) cjm_format_ast(file, out);
  cjm_interner_free(names);
  cjm_arena_free(arena);
  return ok;
}
