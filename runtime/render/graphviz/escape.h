/* escape — user text made safe for the places the renderers put it.
 *
 * Pure functions: each appends the escaped form of s[0..len) to a
 * cjm_strbuf used as a string builder, and never fails. Three
 * destinations:
 *  - Graphviz plain strings (label, tooltip, xlabel): stored raw with
 *    agxset, which quotes them for DOT, but Graphviz then interprets
 *    backslash sequences (\n, \l, \N, \G...) inside them;
 *  - Graphviz HTML-like labels (<...>): an XML fragment whose text is
 *    then also searched for backslash sequences;
 *  - SVG/XML character data and attribute values.
 * Control characters other than tab and newline, and the noncharacters
 * U+FFFE and U+FFFF, cannot appear in XML and mean nothing in a picture:
 * every function replaces them with U+FFFD.
 * The input is UTF-8 (the model's strings are valid); bytes are copied as
 * they are otherwise. Depends only on strbuf.h. */
#ifndef CJM_ESCAPE_H
#define CJM_ESCAPE_H

#include <stddef.h>

#include "runtime/base/strbuf.h"

/* Appends s[0..len) as the value of a Graphviz plain label that shows it
 * literally: every backslash doubled, & as &amp;, each newline turned
 * into line_break (a Graphviz sequence such as "\\n" or "\\l"; NULL
 * for a space), a tab into a space. */
void cjm_escape_gv_plain(cjm_strbuf *out, const char *s, size_t len, const char *line_break);

/* Appends s[0..len) as the value of a Graphviz tooltip that shows it
 * literally: every backslash quadrupled, & as &amp;; newlines stay (the
 * SVG carries them), a tab becomes a space. */
void cjm_escape_gv_tooltip(cjm_strbuf *out, const char *s, size_t len);

/* Appends s[0..len) as text inside a Graphviz HTML-like label: every
 * backslash doubled, then & < > " ' as character references, each
 * newline as line_break (an element such as "<BR/>"; NULL for a space),
 * a tab as a space. */
void cjm_escape_gv_html(cjm_strbuf *out, const char *s, size_t len, const char *line_break);

/* Appends s[0..len) as XML character data or a quoted attribute value:
 * & < > " ' as character references; newline and tab kept. */
void cjm_escape_xml(cjm_strbuf *out, const char *s, size_t len);

#endif
