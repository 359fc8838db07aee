/* parse — turns the text of one journey file into its syntax tree.
 *
 * The parser is pure and reentrant: all state lives in the arguments. It
 * reports lexical and syntax errors to diags and recovers at the next entry
 * or block keyword, so one run shows every error. The tree and all its text
 * live in arena; identifiers are interned in names, so that trees parsed
 * with the same interner share identifier pointers. */
#ifndef CJM_PARSE_H
#define CJM_PARSE_H

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/intern.h"
#include "lang/limits.h"
#include "lang/source.h"

/* Parses src. Always returns a tree (possibly with fewer blocks than
 * written, when errors were found); check cjm_diags_errors() to know
 * whether the file was well formed. limits may be NULL for the defaults. */
cjm_ast_file *cjm_parse(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                        cjm_diags *diags, const cjm_limits *limits);

#endif
