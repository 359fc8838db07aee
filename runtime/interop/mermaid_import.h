/* mermaid_import — reads a Mermaid `journey` diagram and writes the cjm
 * journey it describes (`cjm import mermaid`), in the canonical layout.
 *
 * Mermaid's journey grammar is line-based (a keyword or a task per line,
 * no nesting, no escapes), so a small hand-written scanner is the right
 * tool: it applies the rules of Mermaid 11's journey lexer in their order,
 * as that lexer does (the first rule that matches wins), so that a diagram
 * means here what it means to Mermaid. docs/interop.md has the mapping:
 * sections become stages, tasks steps, actors personas (`by`), the score
 * a `feel` on `scale 1..5`; title, accTitle and accDescr the journey's
 * title and attributes; comments stay comments. What cannot be carried
 * over is a located warning (named `import`), never lost in silence; a
 * file that is not a journey diagram, or is binary, not UTF-8 or too
 * large, is a located error.
 *
 * Owns nothing past a call: the result is appended to the caller's strbuf.
 * Diagnostics point into the source, which must outlive their printing.
 * Depends on lang/ (sources, diagnostics, UTF-8), base/strbuf.h,
 * core/present.h (numbers), review/format.h (the canonical layout),
 * cjm_text.h and mermaid_text.h; never on the model or a renderer. */
#ifndef CJM_MERMAID_IMPORT_H
#define CJM_MERMAID_IMPORT_H

#include <stdbool.h>

#include "lang/diag.h"
#include "lang/limits.h"
#include "lang/source.h"
#include "runtime/base/strbuf.h"

/* Translates the Mermaid diagram in src into cjm and appends it to out, in
 * the canonical layout of `cjm fmt`. Reports what it cannot carry over as
 * warnings and what makes src unreadable as errors, both to diags and
 * located in src. Returns false, leaving out as it was, when there is an
 * error. limits may be NULL for the defaults (the string limit applies to
 * each text the result holds). */
bool cjm_mermaid_import(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags, const cjm_limits *limits);

/* How the note `cjm export mermaid` writes above a diagram begins (its
 * first line), and how each of its further lines begins after the `%%`.
 * The importer leaves that note out, up to the `journey` line: it speaks
 * of the cjm journey the diagram was made from, not of the diagram. */
#define CJM_MERMAID_EXPORT_NOTE "%% cjm export:"
#define CJM_MERMAID_EXPORT_NOTE_ITEM "   - "

#endif
