/* loader — reads a journey file and every file it `use`s (reference
 * section 6): the search path, reading each file once, cycles, and the
 * confinement of `use` to the allowed directory trees.
 *
 * A cjm_program owns everything of one run: the arena and interner the
 * trees live in, the sources, and the loaded files. Diagnostics go to the
 * cjm_diags passed in; their locations point into the program's sources,
 * so print them before freeing the program. */
#ifndef CJM_LOADER_H
#define CJM_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/intern.h"
#include "lang/limits.h"
#include "lang/source.h"

/* Where `use` looks, in this order after the using file's own directory. */
typedef struct cjm_load_options {
  const char *const *include_dirs; /* -I DIR, in command-line order */
  size_t include_count;
  const char *const *path_dirs;    /* the CJM_PATH directories, in order */
  size_t path_count;
  const char *stdlib_dir;          /* the standard library, or NULL */
  cjm_limits limits;
  /* Where a module's text comes from when not from its file, or NULL: an
   * editor's unsaved text (the language server). Called with the path a
   * module was found at and its canonical path, before the file is read;
   * returns a new source named path (the program takes it, and sets its
   * real_path), or NULL to read the file. read_data is passed along. */
  cjm_source *(*read_module)(void *read_data, const char *path, const char *real_path);
  void *read_data;
} cjm_load_options;

/* One file of the program. */
typedef struct cjm_file {
  cjm_source *source;          /* owned by the program */
  cjm_ast_file *ast;
  bool from_stdlib;            /* under the standard library directory */
  struct cjm_file **uses;      /* per `use` block of ast, in order: the file it
                                  names, or NULL when it could not be loaded */
  size_t use_count;
  int state;                   /* loader bookkeeping: 0 new, 1 loading, 2 done */
} cjm_file;

typedef struct cjm_program {
  cjm_arena *arena;            /* trees, names, model */
  cjm_interner *names;
  cjm_file **files;            /* every file read, in reading order */
  size_t file_count, file_capacity;
  cjm_file *root;              /* the file named by the user, NULL on I/O error */
  size_t missing_modules;      /* `use`s whose module was not found */
} cjm_program;

/* Creates an empty program. */
cjm_program *cjm_program_new(void);

/* Frees the program, its sources, trees and everything in its arena. */
void cjm_program_free(cjm_program *program);

/* How loading the root file ended. */
typedef enum cjm_load_status {
  CJM_LOAD_OK,       /* read and parsed; diagnostics may still hold errors */
  CJM_LOAD_IO_ERROR, /* the root file could not be read (reported) */
} cjm_load_status;

/* Reads the file at path ("-" for standard input), parses it, and loads
 * everything it uses. Problems are reported to diags. */
cjm_load_status cjm_load_file(cjm_program *program, const char *path,
                              const cjm_load_options *options, cjm_diags *diags);

/* Like cjm_load_file for a source already in memory (the program takes
 * ownership); `use` is resolved relative to base_dir. */
cjm_load_status cjm_load_source(cjm_program *program, cjm_source *source, const char *base_dir,
                                const cjm_load_options *options, cjm_diags *diags);

#endif
