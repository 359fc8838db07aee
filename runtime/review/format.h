/* format — the canonical layout of one journey file (`cjm fmt`).
 *
 * Works on the syntax tree of ONE file as written: it resolves no `use`
 * and builds no model, so a module formats on its own. The layout is the
 * one docs/language.md ("Canonical layout") describes: blocks at column 1,
 * entries indented two spaces per level, one entry per line, a blank line
 * between top-level blocks and before each step, canonical strings and
 * numbers, and every comment printed back where its node is.
 *
 * Formatting is idempotent (formatted text formats to itself) and keeps
 * the meaning: the output parses to the same tree, up to layout and the
 * place of comments written inside an entry. The output goes to a
 * cjm_strbuf the caller owns; the parse has its own arena, freed before
 * returning. Depends on lang/ and strbuf.h. */
#ifndef CJM_FORMAT_H
#define CJM_FORMAT_H

#include <stdbool.h>

#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/limits.h"
#include "lang/source.h"
#include "runtime/base/strbuf.h"

/* Appends the canonical layout of file to out. file must have been parsed
 * without error (a tree built during recovery may have lost text); its
 * source must still be alive, as blank lines next to comments are read
 * from it. */
void cjm_format_ast(const cjm_ast_file *file, cjm_strbuf *out);

/* Parses src (reporting lexical and syntax errors to diags) and, when it
 * has no error, appends its canonical layout to out and returns true.
 * Returns false, leaving out as it was, when src has an error. limits
 * may be NULL for the defaults. */
bool cjm_format_source(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags,
                       const cjm_limits *limits);

#endif
