/* text_check — whether a file handed to an importer or to `cjm md` is
 * text: no NUL byte (a binary file) and valid UTF-8 throughout, each a
 * located error at the first offending byte, so that a wrong file is
 * refused clearly before anything reads it.
 *
 * Owns nothing. Depends on lang/ (sources, diagnostics, UTF-8) only. */
#ifndef CJM_TEXT_CHECK_H
#define CJM_TEXT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/diag.h"
#include "lang/source.h"

/* Checks src; reports the first NUL byte or invalid UTF-8 sequence to
 * diags as an error named name ("csv", "md"), saying the file should be
 * saved as kind ("CSV UTF-8"), and returns false; true when src is text. */
bool cjm_text_check(const cjm_source *src, const char *name, const char *kind, cjm_diags *diags);

/* The location of the byte at offset in src: its line and column (in
 * code points, after a byte-order mark), one character long. */
cjm_loc cjm_text_loc(const cjm_source *src, size_t offset);

#endif
