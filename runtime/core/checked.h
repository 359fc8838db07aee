/* checked — a journey read, resolved, checked and analysed, the same way
 * for every tool that needs one: the commands of `cjm`, and the preview
 * that loads it again on every save (serve/).
 *
 * A cjm_checked_journey owns its program, its model and its analysis.
 * Loading prints nothing: the diagnostics go to the cjm_diags passed in,
 * and cjm_checked_print_diags prints them in source order to a stream the
 * caller names. Depends on the loader, the model, the checks and the
 * analysis; never on a renderer, the command line or the environment. */
#ifndef CJM_CHECKED_H
#define CJM_CHECKED_H

#include <stddef.h>
#include <stdio.h>

#include "lang/diag.h"
#include "lang/source.h"
#include "runtime/core/analysis.h"
#include "runtime/core/loader.h"
#include "runtime/core/model.h"

/* A journey loaded for a tool: the program, its model and analysis. */
typedef struct cjm_checked_journey {
  cjm_program *program;
  cjm_model *model;            /* NULL when the file could not be read */
  cjm_analysis *analysis;      /* NULL when the model has errors (before warnings) */
} cjm_checked_journey;

/* How loading a journey ended. */
typedef enum cjm_checked_status {
  CJM_CHECKED_OK,         /* free of errors (warnings allowed): the analysis is computed */
  CJM_CHECKED_ERRORS,     /* errors in the journey (or warnings made errors) */
  CJM_CHECKED_UNREADABLE, /* the file, or a module it uses, could not be read */
} cjm_checked_status;

/* Loads the journey at path ("-" for standard input) and everything it
 * uses, builds its model, and, when there is no error, analyses it and
 * runs the checks that read the analysis. Diagnostics go to diags. Free
 * journey with cjm_checked_free() whatever this returns. */
cjm_checked_status cjm_checked_load(cjm_checked_journey *journey, const char *path, const cjm_load_options *options,
                                    cjm_diags *diags);

/* Like cjm_checked_load() for a journey in memory (the program takes
 * source), its `use` resolved from base_dir first. */
cjm_checked_status cjm_checked_load_source(cjm_checked_journey *journey, cjm_source *source, const char *base_dir,
                                           const cjm_load_options *options, cjm_diags *diags);

/* Prints the diagnostics of diags from the first-th on to out, in source
 * order (the files of journey in reading order, root standing for its
 * first file when not NULL). */
void cjm_checked_print_diags(const cjm_checked_journey *journey, cjm_diags *diags, size_t first,
                             const cjm_source *root, FILE *out, const cjm_print_options *print);

/* Frees what loading made; the journey is then empty. */
void cjm_checked_free(cjm_checked_journey *journey);

#endif
