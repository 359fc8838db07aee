/* md_text — user text made safe for a cell of a GitHub-flavoured Markdown
 * table.
 *
 * Backslashes, pipes and the characters of inline markup (` * [ ] ~, and
 * _ where it could start emphasis) are backslash-escaped; < > & become
 * character references, so HTML in user text shows as text; an @ before a
 * name character gets a word joiner (U+2060) after it, so that `@name`
 * pasted into a GitHub comment notifies nobody; a line break becomes
 * <br>, a tab a space, other control characters U+FFFD. Shared by the
 * Markdown of `cjm render`, `cjm stats` and `cjm diff`. Pure:
 * appends to a cjm_strbuf. Depends on lang/utf8 and strbuf.h only. */
#ifndef CJM_MD_TEXT_H
#define CJM_MD_TEXT_H

#include <stddef.h>

#include "runtime/base/strbuf.h"

/* Appends s[0..len) escaped for a Markdown table cell. */
void cjm_md_escape(cjm_strbuf *out, const char *s, size_t len);

/* Appends the NUL-terminated s escaped for a Markdown table cell. */
void cjm_md_escape_str(cjm_strbuf *out, const char *s);

#endif
