/* ast — the syntax tree of one journey file, as written.
 *
 * Produced by the parser (parse.h), read by the loader, the model builder
 * and the formatter. Every node carries its location, and the comments of
 * the file are attached to the node they precede or follow, so that the
 * formatter can print them back. All nodes live in the run's arena; text
 * is either interned (identifiers) or arena-allocated (strings). Lists are
 * singly linked through `next` in source order. The tree says what was
 * written: it applies no defaults and resolves no reference. */
#ifndef CJM_AST_H
#define CJM_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/source.h"

typedef struct cjm_block cjm_block;

/* A comment: `#` to the end of the line. */
typedef struct cjm_comment {
  const char *text;          /* from '#' to the end of line, arena copy */
  size_t len;
  cjm_loc loc;
  bool own_line;             /* nothing but white space before it on its line */
  struct cjm_comment *next;  /* next comment attached to the same node */
} cjm_comment;

/* The comments attached to a node, each list in source order. A node
 * without any (most of them) has none allocated: its `comments` is NULL,
 * and cjm_comments_of() reads it as three empty lists. */
typedef struct cjm_comments {
  cjm_comment *leading;      /* own-line comments just above the node */
  cjm_comment *inner;        /* comments inside a node written over several lines
                                (between the names of a list, between a keyword
                                and its long text) */
  cjm_comment *trailing;     /* a comment after the node on its last line */
} cjm_comments;

/* An identifier as written. name is interned (compare by pointer); it is
 * NULL where the parser recovered from a missing identifier. */
typedef struct cjm_ident {
  const char *name;
  cjm_loc loc;
} cjm_ident;

/* A list of identifiers, as after `by`, `via` and `next`. */
typedef struct cjm_ident_item {
  cjm_ident id;
  struct cjm_ident_item *next;
} cjm_ident_item;

/* A string literal, decoded (escapes applied, long text dedented). text is
 * NULL when absent. */
typedef struct cjm_string {
  const char *text;   /* NUL-terminated arena copy; may contain no NUL */
  cjm_loc loc;
  uint32_t len;       /* bytes in text (at most the string limit, 1 MiB) */
  bool triple;        /* written as """...""" */
} cjm_string;

/* A number literal: 42, -1, +2, 3.5, 12%. */
typedef struct cjm_number {
  double value;
  const char *text;   /* as written, without the '%' (arena copy) */
  bool percent;       /* written with a trailing '%' */
  bool has_sign;      /* written with a leading '+' or '-' */
  bool invalid;       /* malformed ("1e3"), reported; value is not to be used */
  cjm_loc loc;
} cjm_number;

typedef enum cjm_entry_kind {
  CJM_ENTRY_TEXT,     /* KEY "text" [for PERSONA]: an attribute or a lane entry */
  CJM_ENTRY_BY,       /* by ID, ID... */
  CJM_ENTRY_VIA,      /* via ID, ID... */
  CJM_ENTRY_FEEL,     /* feel SCORE ["word"] [for PERSONA] */
  CJM_ENTRY_MEASURE,  /* measure METRIC VALUE */
  CJM_ENTRY_NEXT,     /* next ID, ID... */
  CJM_ENTRY_STATUS,   /* status as-is|to-be */
  CJM_ENTRY_SCALE,    /* scale MIN..MAX */
  CJM_ENTRY_KIND,     /* kind person|company */
  CJM_ENTRY_UNIT,     /* unit "..." */
  CJM_ENTRY_TARGET,   /* target N */
  CJM_ENTRY_BETTER,   /* better higher|lower */
} cjm_entry_kind;

/* One entry inside a block. Which fields are set depends on kind, and an
 * entry is allocated only up to the last field its kind uses (the fields
 * are in that order: bench/README.md, "Memory"), so read only those:
 *
 *   BY, VIA, NEXT          ids
 *   STATUS, KIND, BETTER   key
 *   UNIT                   text
 *   TEXT                   key, text, for_persona
 *   FEEL                   text, for_persona, number
 *   MEASURE                key, number
 *   TARGET                 number
 *   SCALE                  number, number2
 *
 * Its first token is at cjm_entry_keyword_loc(); cjm_ast_block_locs()
 * visits the locations it has. */
typedef struct cjm_entry {
  cjm_entry_kind kind;
  cjm_loc loc;                /* the whole entry */
  cjm_comments *comments;     /* NULL when none is attached */
  struct cjm_entry *next;
  /* the fields of the kinds, each kind's last decides its size */
  cjm_ident_item *ids;        /* BY, VIA, NEXT: the identifiers */
  cjm_ident key;              /* TEXT: the key; MEASURE: the metric;
                                 STATUS, KIND, BETTER: the value */
  cjm_string text;            /* TEXT: the text; FEEL: the word; UNIT: the unit */
  cjm_ident *for_persona;     /* TEXT, FEEL: after `for`; NULL if absent */
  cjm_number number;          /* FEEL: the score; MEASURE: the value;
                                 SCALE: the minimum; TARGET: the target */
  cjm_number number2;         /* SCALE: the maximum */
} cjm_entry;

typedef enum cjm_block_kind {
  CJM_BLOCK_USE,
  CJM_BLOCK_JOURNEY,
  CJM_BLOCK_PERSONA,
  CJM_BLOCK_CHANNEL,
  CJM_BLOCK_LANE,
  CJM_BLOCK_METRIC,
  CJM_BLOCK_STAGE,
  CJM_BLOCK_STEP,
} cjm_block_kind;

/* A block: a head keyword, an identifier and label (or a string for `use`
 * and `journey`), its entries, and for a stage the steps written under it. */
struct cjm_block {
  cjm_block_kind kind;
  cjm_loc loc;                /* head to last entry (steps excluded) */
  cjm_loc head_loc;           /* the head line: keyword, identifier, label */
  cjm_loc keyword_loc;        /* the head keyword */
  cjm_ident id;               /* NULL name for use and journey, or after an error */
  cjm_string label;           /* the label; `use`: the module; `journey`: the title */
  cjm_entry *entries;
  cjm_block *steps;           /* STAGE: its steps, in order */
  cjm_comments *comments;     /* around the head; NULL when none */
  struct cjm_block *next;
  /* STAGE: the steps again, as an array of step_count (arena), for readers
   * that look ahead of the list; NULL and 0 for other blocks. */
  struct cjm_block **step_array;
  size_t step_count;
};

/* One parsed file. */
typedef struct cjm_ast_file {
  const cjm_source *source;
  cjm_block *blocks;          /* top-level blocks in order; steps hang off their stage,
                                 a step outside any stage is kept here (and reported) */
  cjm_comment **comments;     /* every comment, source order (arena array) */
  size_t comment_count;
  cjm_comment *trailing;      /* comments after the last node of the file */
} cjm_ast_file;

/* The comments of a node, given its `comments`: three empty lists for NULL. */
static inline const cjm_comments *cjm_comments_of(const cjm_comments *comments) {
  static const cjm_comments none;
  return comments ? comments : &none;
}

/* The location of an entry's first token: its keyword, or for KEY "..."
 * its key. */
cjm_loc cjm_entry_keyword_loc(const cjm_entry *e);

/* The keyword that opens a block of kind k ("persona"). */
const char *cjm_block_keyword(cjm_block_kind k);

/* Whether word is a reserved word of the language. An identifier spelt so
 * in the tree is a keyword the parser read as a name after reporting it
 * (`by via`): later phases report nothing more about it. */
bool cjm_is_keyword(const char *word);

/* The keyword that opens an entry of kind k ("feel"); "" for TEXT. */
const char *cjm_entry_keyword(cjm_entry_kind k);

/* Calls visit(loc, data) on every location of block b: its own, those of
 * its entries that their kinds have (with their identifiers), and those of
 * its steps in turn; not its comments' (the file lists every comment).
 * The one walk for a reader that must reach every location of the tree,
 * as the language server moves them after an edit (lsp/incremental.c). */
void cjm_ast_block_locs(cjm_block *b, void (*visit)(cjm_loc *loc, void *data), void *data);

/* The number of items in an identifier list. */
size_t cjm_ident_list_length(const cjm_ident_item *ids);

#endif
