/* diff_output — a cjm_diff (diff.h) printed for people and for tools:
 *   text  a tree by stage, one change per line, marked + - ~ > and
 *         coloured on a terminal, then the experience summary as a table;
 *   md    the same as nested lists with the summary as a Markdown table,
 *         ready to paste as a pull request comment;
 *   json  the diff as data, for tools.
 * Each printer appends to a cjm_strbuf and never fails (json only when
 * jansson cannot encode). diff_text.c holds text and md, diff_json.c
 * json. Depends on diff.h, strbuf.h and jansson. */
#ifndef CJM_DIFF_OUTPUT_H
#define CJM_DIFF_OUTPUT_H

#include <stdbool.h>

#include "runtime/review/diff.h"
#include "runtime/base/strbuf.h"

/* How a diff is printed. */
typedef struct cjm_diff_print_options {
  bool color;          /* text: ANSI colours */
  bool header;         /* text and md: name both files first (`--- OLD`, `+++ NEW`) */
} cjm_diff_print_options;

/* Appends diff as text. Prints nothing for identical journeys unless
 * options->header, which then adds a line saying so. */
void cjm_diff_write_text(const cjm_diff *diff, const cjm_diff_print_options *options, cjm_strbuf *out);

/* Appends one thing of a diff, its line and then its details, as
 * cjm_diff_write_text prints it without colour (scores with '+' when
 * signed_scale, as the diff's): for a tooltip on the thing. */
void cjm_diff_write_entity_text(const cjm_diff_entity *entity, bool signed_scale, cjm_strbuf *out);

/* Appends diff as GitHub-flavoured Markdown. */
void cjm_diff_write_md(const cjm_diff *diff, const cjm_diff_print_options *options, cjm_strbuf *out);

/* Appends diff as a JSON document. Returns false when it cannot be encoded. */
bool cjm_diff_write_json(const cjm_diff *diff, cjm_strbuf *out);

#endif
