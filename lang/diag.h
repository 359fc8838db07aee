/* diag — the diagnostics of a run, collected as data and printed as
 * compilers print them.
 *
 * Every phase (lexer, parser, loader, model, checks) reports here; nothing
 * else in the library writes to a stream. A cjm_diags owns its diagnostics
 * and their messages; locations point into sources owned by the caller,
 * which must outlive the printing. The warning switches (-W options) and
 * the error cap live here too, so every phase honours them the same way. */
#ifndef CJM_DIAG_H
#define CJM_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lang/source.h"

typedef enum cjm_severity { CJM_NOTE, CJM_WARNING, CJM_ERROR } cjm_severity;

/* A note attached to a diagnostic: "did you mean", "first declared here". */
typedef struct cjm_diag_note {
  cjm_loc loc;   /* may name no position */
  char *message; /* owned */
} cjm_diag_note;

typedef struct cjm_diag {
  cjm_severity severity; /* CJM_WARNING or CJM_ERROR, after -Werror */
  bool from_warning;     /* an error only because of -Werror */
  const char *name;      /* the diagnostic's name, a static string */
  cjm_loc loc;           /* where; may name only a file */
  char *message;         /* owned */
  cjm_diag_note *notes;  /* owned array */
  size_t note_count;
} cjm_diag;

typedef struct cjm_diags cjm_diags;

/* The default cap on errors, as --max-errors. */
enum { CJM_DEFAULT_MAX_ERRORS = 50 };

/* Creates an empty collection with the default warnings and cap. */
cjm_diags *cjm_diags_new(void);

/* Frees the collection and every diagnostic in it. NULL is allowed. */
void cjm_diags_free(cjm_diags *diags);

/* Forgets every diagnostic, count and registered file, keeping the
 * warning switches and the cap: for a tool that checks a journey again on
 * every save (cjm render --watch, cjm serve). */
void cjm_diags_clear(cjm_diags *diags);

/* Sets the error cap; 0 means no cap. */
void cjm_diags_set_max_errors(cjm_diags *diags, size_t max_errors);

/* Applies one warning option: -Werror, -Wall, -WNAME, -Wno-NAME,
 * -Werror=NAME, -Wno-error=NAME (NAME a warning or a group). Returns false,
 * changing nothing, for an option or name it does not know. */
bool cjm_diags_set_option(cjm_diags *diags, const char *option);

/* Whether the warning called name would be reported. */
bool cjm_diags_warning_enabled(const cjm_diags *diags, const char *name);

/* Registers source as the next file in reading order (the loader calls
 * it for each file it reads). The cap keeps the errors that come first in
 * that order, and by line and column within a file, whichever phase found
 * them; a source never registered comes after every registered one. */
void cjm_diags_add_file(cjm_diags *diags, const cjm_source *source);

/* Reports an error. Returns the diagnostic, to attach notes, or NULL when
 * it is not kept (the error is then only counted): when the cap is reached
 * and the kept errors all come before it in source order. When the cap is
 * reached and it comes before one of them, the last kept error in source
 * order is dropped instead. The result is valid until the next report. */
cjm_diag *cjm_error(cjm_diags *diags, const char *name, const cjm_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports a warning; NULL when it is switched off or the cap is reached
 * (the error cap, or as many warnings as the error cap already kept). */
cjm_diag *cjm_warning(cjm_diags *diags, const char *name, const cjm_loc *loc, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));

/* Whether a warning called name at loc would be kept now: switched on,
 * and within the caps. A check about to report many warnings asks before
 * each, and once the answer is no counts the rest with
 * cjm_diags_drop_warnings rather than reporting them one by one. */
bool cjm_diags_would_keep(cjm_diags *diags, const char *name, const cjm_loc *loc);

/* Counts count warnings called name as reported and dropped by the caps,
 * as count calls of cjm_warning would, after cjm_diags_would_keep said
 * no (at loc, or at a place after it). */
void cjm_diags_drop_warnings(cjm_diags *diags, const char *name, size_t count);

/* Attaches a note to diag; does nothing when diag is NULL. loc may be NULL. */
void cjm_note(cjm_diag *diag, const cjm_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The number of diagnostics kept, and the i-th of them in report order. */
size_t cjm_diags_count(const cjm_diags *diags);
const cjm_diag *cjm_diags_at(const cjm_diags *diags, size_t i);

/* The kept diagnostic i, to add a note to it later (cjm_note); valid until
 * the next diagnostic is reported. */
cjm_diag *cjm_diags_edit(cjm_diags *diags, size_t i);

/* Errors reported (including those past the cap, and promoted warnings). */
size_t cjm_diags_errors(const cjm_diags *diags);

/* Warnings reported and kept as warnings. */
size_t cjm_diags_warnings(const cjm_diags *diags);

/* Records that a phase stopped before the end of the input because the
 * cap was reached, for cjm_diags_print_dropped. */
void cjm_diags_set_unchecked(cjm_diags *diags);

/* Whether the error cap has been reached: phases may stop early when it
 * has, as long as what they would still find comes later in source order. */
bool cjm_diags_full(const cjm_diags *diags);

/* Names of every warning, in documentation order, NULL-terminated. */
const char *const *cjm_warning_names(void);

/* Puts the diagnostics from the first-th on in source order, keeping
 * report order among equals: by file (the rank of its source in
 * order[0..order_count); diagnostics of no file first, of a file not in
 * order last), then line, then column. Notes stay with their diagnostic. */
void cjm_diags_sort(cjm_diags *diags, size_t first, const cjm_source *const *order,
                    size_t order_count);

/* Options for printing. */
typedef struct cjm_print_options {
  bool color;        /* ANSI colours */
  bool show_source;  /* the source line and a caret under the span */
} cjm_print_options;

/* Prints one diagnostic and its notes. */
void cjm_diag_print(const cjm_diag *diag, FILE *out, const cjm_print_options *options);

/* Prints the diagnostics from the first-th on, in report order. */
void cjm_diags_print(const cjm_diags *diags, size_t first, FILE *out,
                     const cjm_print_options *options);

/* Prints a note that the error cap stopped the run, with how many
 * diagnostics were left out, and one that warnings past the same cap were
 * left out; prints nothing when no cap was reached. */
void cjm_diags_print_dropped(const cjm_diags *diags, FILE *out, const cjm_print_options *options);

#endif
