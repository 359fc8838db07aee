/* loader — see loader.h. */
#include "runtime/core/loader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/parse.h"
#include "runtime/base/grow.h"
#include "runtime/core/suggest.h"

/* The state of one cjm_load_* call. */
typedef struct loader {
  cjm_program *program;
  const cjm_load_options *options;
  cjm_diags *diags;
  char **roots;            /* canonical directories a `use` may reach */
  size_t root_count;
  char *stdlib_real;       /* canonical standard library directory, or NULL */
  const char *base_dir;    /* where a root file held in memory resolves its uses */
  cjm_file **stack;        /* files being loaded, outermost first */
  size_t depth;
} loader;

cjm_program *cjm_program_new(void) {
  cjm_program *program = cjm_xcalloc(1, sizeof *program);
  program->arena = cjm_arena_new();
  program->names = cjm_interner_new(program->arena);
  return program;
}

void cjm_program_free(cjm_program *program) {
  if (!program) return;
  for (size_t i = 0; i < program->file_count; i++) {
    cjm_source_free(program->files[i]->source);
    free(program->files[i]->uses);
    free(program->files[i]);
  }
  free(program->files);
  cjm_interner_free(program->names);
  cjm_arena_free(program->arena);
  free(program);
}

/* ---- paths --------------------------------------------------------------- */

/* A malloc'd copy of the directory part of path ("." when there is none). */
static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return cjm_xstrdup(".");
  if (slash == path) return cjm_xstrdup("/");
  size_t n = (size_t)(slash - path);
  char *dir = cjm_xmalloc(n + 1);
  memcpy(dir, path, n);
  dir[n] = '\0';
  return dir;
}

static char *join(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  char *path = cjm_xmalloc(a + b + 2);
  memcpy(path, dir, a);
  path[a] = '/';
  memcpy(path + a + 1, name, b + 1);
  return path;
}

static bool within(const char *path, const char *root) {
  size_t n = strlen(root);
  if (n == 1 && root[0] == '/') return true;
  return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static void add_root(loader *ld, const char *dir) {
  if (!dir) return;
  char *real = cjm_xrealpath(dir);
  if (!real) return;
  ld->roots = cjm_xrealloc(ld->roots, (ld->root_count + 1) * sizeof *ld->roots);
  ld->roots[ld->root_count++] = real;
}

static bool allowed(const loader *ld, const char *real) {
  for (size_t i = 0; i < ld->root_count; i++)
    if (within(real, ld->roots[i])) return true;
  return false;
}

/* Whether the module name, looked up in dir, stays by its spelling alone
 * within the allowed directories: dir made canonical, name appended and
 * its `.` and `..` resolved as text. A name that climbs out is refused
 * before the file system is asked about it, so that whether something
 * exists outside is never told (hostile input, finding 11). */
static bool spelt_within(const loader *ld, const char *dir, const char *name) {
  char *real_dir = cjm_xrealpath(dir);
  if (!real_dir) return true; /* a missing directory holds nothing to find */
  size_t cap = strlen(real_dir) + strlen(name) + 2;
  char *path = cjm_xmalloc(cap);
  strcpy(path, real_dir);
  free(real_dir);
  size_t len = strlen(path);
  for (const char *part = name; *part;) {
    size_t n = strcspn(part, "/");
    if (n == 2 && part[0] == '.' && part[1] == '.') {
      while (len > 1 && path[len - 1] != '/') len--;
      if (len > 1) len--; /* the slash, unless it is the root's */
      path[len] = '\0';
    } else if (n > 0 && !(n == 1 && part[0] == '.')) {
      if (len > 1) path[len++] = '/';
      memcpy(path + len, part, n);
      len += n;
      path[len] = '\0';
    }
    part += n;
    while (*part == '/') part++;
  }
  bool ok = allowed(ld, path);
  free(path);
  return ok;
}

/* The canonical path of the open file fd, or NULL (malloc'd). */
static char *real_path_of(int fd) {
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  char *real = cjm_xmalloc(PATH_MAX + 1);
  ssize_t n = readlink(link, real, PATH_MAX);
  if (n <= 0 || real[0] != '/') {
    free(real);
    return NULL;
  }
  real[n] = '\0';
  return real;
}

/* Reports a module that cannot be followed to a file within the allowed
 * directories: named out of them, or a link that leads out of them or to
 * nothing. One message for all, and no path beyond what the user wrote. */
static void report_outside(loader *ld, const cjm_loc *at, const char *name) {
  cjm_diag *d = cjm_error(ld->diags, "use-outside", at,
                          "module '%s' cannot be followed to a file within the allowed directories", name);
  cjm_note(d, NULL, "a use may reach only the root file's directory, -I and CJM_PATH "
                    "directories and the standard library");
}

/* ---- files --------------------------------------------------------------- */

/* A new file of program, registered with diags in reading order (the order
 * diagnostics are kept and printed in). */
static cjm_file *file_new(cjm_program *program, cjm_source *source, cjm_diags *diags) {
  cjm_diags_add_file(diags, source);
  cjm_file *file = cjm_xcalloc(1, sizeof *file);
  file->source = source;
  if (program->file_count == program->file_capacity) {
    program->file_capacity = program->file_capacity ? program->file_capacity * 2 : 8;
    program->files = cjm_xrealloc(program->files, program->file_capacity * sizeof *program->files);
  }
  program->files[program->file_count++] = file;
  return file;
}

static cjm_file *find_loaded(const cjm_program *program, const char *real) {
  for (size_t i = 0; i < program->file_count; i++) {
    const char *other = program->files[i]->source->real_path;
    if (other && strcmp(other, real) == 0) return program->files[i];
  }
  return NULL;
}

static void parse_file(loader *ld, cjm_file *file) {
  cjm_program *program = ld->program;
  file->from_stdlib = ld->stdlib_real && file->source->real_path &&
                      within(file->source->real_path, ld->stdlib_real);
  file->source->from_stdlib = file->from_stdlib;
  file->ast = cjm_parse(file->source, program->arena, program->names, ld->diags,
                        &ld->options->limits);
}

static void load_uses(loader *ld, cjm_file *file);

/* The modules in dir (files NAME.cjm) whose name, with the directory part
 * of the wanted name, is nearest to wanted; appends them to *names. At most
 * MODULES_LISTED per directory are read, so a huge directory costs little. */
enum { MODULES_LISTED = 512 };
static void list_modules(cjm_arena *arena, const char *dir, const char *wanted, const char ***names,
                         size_t *count, size_t *capacity) {
  const char *slash = strrchr(wanted, '/');
  char *sub = slash ? cjm_arena_printf(arena, "%s/%.*s", dir, (int)(slash - wanted), wanted) : NULL;
  DIR *d = opendir(sub ? sub : dir);
  if (!d) return;
  size_t listed = 0;
  for (struct dirent *e; listed < MODULES_LISTED && (e = readdir(d));) {
    size_t n = strlen(e->d_name);
    if (n <= 4 || strcmp(e->d_name + n - 4, ".cjm") != 0 || e->d_name[0] == '.') continue;
    *names = cjm_grow(*names, *count, capacity, sizeof **names);
    (*names)[(*count)++] = slash ? cjm_arena_printf(arena, "%.*s/%.*s", (int)(slash - wanted), wanted,
                                                    (int)(n - 4), e->d_name)
                                 : cjm_arena_printf(arena, "%.*s", (int)(n - 4), e->d_name);
    listed++;
  }
  closedir(d);
}

/* Reports that the module named at `use` cannot be found, listing where
 * cjm looked and the nearest module that exists there. */
static void report_not_found(loader *ld, const cjm_block *use, const char *file_name,
                             const char *const *dirs, size_t dir_count) {
  cjm_diag *d = cjm_error(ld->diags, "use-not-found", &use->label.loc,
                          "cannot find module '%s'", use->label.text);
  cjm_program *program = ld->program;
  program->missing_modules++;
  if (!d) return;
  cjm_note(d, NULL, "looked for '%s' next to this file (%s)", file_name, dirs[0]);
  const cjm_load_options *o = ld->options;
  for (size_t i = 0; i < o->include_count; i++) cjm_note(d, NULL, "and in -I %s", o->include_dirs[i]);
  for (size_t i = 0; i < o->path_count; i++) cjm_note(d, NULL, "and in CJM_PATH %s", o->path_dirs[i]);
  if (o->stdlib_dir) cjm_note(d, NULL, "and in the standard library (%s)", o->stdlib_dir);

  const char *wanted = use->label.text;
  size_t n = strlen(wanted);
  int stem = n > 4 && strcmp(wanted + n - 4, ".cjm") == 0 ? (int)(n - 4) : (int)n;
  const char *bare = cjm_arena_printf(program->arena, "%.*s", stem, wanted);
  const char **names = NULL;
  size_t count = 0, capacity = 0;
  for (size_t i = 0; i < dir_count; i++) list_modules(program->arena, dirs[i], bare, &names, &count, &capacity);
  long best = cjm_suggest(bare, names, count);
  if (best >= 0) cjm_note(d, NULL, "did you mean '%s'?", names[best]);
  free(names);
}

/* Reports a `use` that closes a cycle: the chain from target to file. */
static void report_cycle(loader *ld, const cjm_block *use, const cjm_file *target) {
  size_t from = 0;
  while (from < ld->depth && ld->stack[from] != target) from++;
  size_t size = 1;
  for (size_t i = from; i < ld->depth; i++) size += strlen(ld->stack[i]->source->path) + 5;
  size += strlen(target->source->path);
  char *chain = cjm_xmalloc(size);
  chain[0] = '\0';
  for (size_t i = from; i < ld->depth; i++) {
    strcat(chain, ld->stack[i]->source->path);
    strcat(chain, " \xE2\x86\x92 ");
  }
  strcat(chain, target->source->path);
  cjm_error(ld->diags, "use-cycle", &use->label.loc, "use cycle: %s", chain);
  free(chain);
}

/* Resolves one `use` of file: finds, confines, reads and parses the module.
 * Returns the loaded file, or NULL after reporting why not. */
static cjm_file *load_use(loader *ld, cjm_file *file, const cjm_block *use) {
  const char *name = use->label.text;
  if (!name) return NULL; /* a syntax error, already reported */
  const cjm_loc *at = &use->label.loc;
  if (!*name) {
    cjm_error(ld->diags, "use-not-found", at, "empty module name");
    return NULL;
  }
  if (name[0] == '/') {
    cjm_diag *d = cjm_error(ld->diags, "use-outside", at, "absolute path '%s' in use", name);
    cjm_note(d, NULL, "a use names a module relative to the search path, such as \"b2b\" or \"shared/stages\"");
    return NULL;
  }
  size_t n = strlen(name);
  bool has_extension = n > 4 && strcmp(name + n - 4, ".cjm") == 0;
  const char *file_name = has_extension ? name : cjm_arena_printf(ld->program->arena, "%s.cjm", name);

  /* The search path: next to the file, -I, CJM_PATH, the standard library. */
  char *base = file->source->real_path ? dir_of(file->source->path) : cjm_xstrdup(ld->base_dir);
  const cjm_load_options *o = ld->options;
  size_t dir_count = 1 + o->include_count + o->path_count + (o->stdlib_dir ? 1 : 0);
  const char **dirs = cjm_xmalloc(dir_count * sizeof *dirs);
  for (size_t i = 0; i < dir_count; i++)
    dirs[i] = i == 0                                  ? base
              : i <= o->include_count                 ? o->include_dirs[i - 1]
              : i <= o->include_count + o->path_count ? o->path_dirs[i - 1 - o->include_count]
                                                      : o->stdlib_dir;
  char *found = NULL;
  bool spelt_outside = false;
  for (size_t i = 0; i < dir_count && !found; i++) {
    const char *dir = dirs[i];
    if (!dir) continue;
    if (!spelt_within(ld, dir, file_name)) {
      spelt_outside = true;
      continue;
    }
    /* Next to a file named without a directory: the module is named so too,
     * so that a chain of files reads in one spelling (a.cjm → b.cjm). */
    char *candidate = i == 0 && !strchr(file->source->path, '/') && file->source->real_path
                          ? cjm_xstrdup(file_name)
                          : join(dir, file_name);
    /* lstat: a link that leads nowhere is found, and refused below as one
     * that leads outside is. A directory is reported when read. */
    struct stat st;
    if (lstat(candidate, &st) == 0) found = candidate;
    else free(candidate);
  }
  if (!found && spelt_outside) report_outside(ld, at, name);
  else if (!found) report_not_found(ld, use, file_name, dirs, dir_count);
  free(dirs);
  free(base);
  if (!found) return NULL;

  /* The file is opened once, and its own canonical path is checked, so
   * that what is checked is what is read, whatever is renamed meanwhile.
   * Opened without waiting: a FIFO is refused below, not waited on. */
  int fd = open(found, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  char *real = fd >= 0 ? real_path_of(fd) : NULL;
  if (fd >= 0 && !real) real = cjm_xrealpath(found); /* no /proc: checked by name */
  if (!real || !allowed(ld, real)) {
    if (fd >= 0) close(fd);
    report_outside(ld, at, name);
    free(real);
    free(found);
    return NULL;
  }

  cjm_file *loaded = find_loaded(ld->program, real);
  if (loaded) {
    close(fd);
    free(real);
    free(found);
    if (loaded->state == 1) {
      report_cycle(ld, use, loaded);
      return NULL;
    }
    return loaded;
  }
  if (ld->depth > ld->options->limits.max_use_depth) {
    cjm_error(ld->diags, "limit", at, "use nested more than %zu deep", ld->options->limits.max_use_depth);
    close(fd);
    free(real);
    free(found);
    return NULL;
  }
  if (ld->program->file_count >= ld->options->limits.max_files) {
    cjm_error(ld->diags, "limit", at, "more than %zu files in one journey", ld->options->limits.max_files);
    close(fd);
    free(real);
    free(found);
    return NULL;
  }

  /* A module is a regular file: opening a FIFO or a device named by a
   * `use` would wait for a writer that never comes. */
  cjm_read_status status = CJM_READ_NOT_FILE;
  size_t size = 0;
  struct stat st;
  cjm_source *source = o->read_module ? o->read_module(o->read_data, found, real) : NULL;
  bool regular = source || (fstat(fd, &st) == 0 && S_ISREG(st.st_mode));
  if (!source && regular) {
    source = cjm_source_read_fd(fd, found, o->limits.max_file_bytes, &status, &size);
    fd = -1; /* taken */
  }
  if (fd >= 0) close(fd);
  if (!source) {
    if (status == CJM_READ_TOO_LARGE)
      cjm_error(ld->diags, "limit", at, "module '%s' is %zu bytes, over the limit of %zu", name,
                size, ld->options->limits.max_file_bytes);
    else
      cjm_error(ld->diags, "io", at, "cannot read module '%s' (%s): %s", name, found,
                status == CJM_READ_NOT_FILE ? "not a regular file" : strerror(errno));
    free(real);
    free(found);
    return NULL;
  }
  free(found);
  source->real_path = real;
  cjm_file *module = file_new(ld->program, source, ld->diags);
  parse_file(ld, module);
  load_uses(ld, module);
  return module;
}

static void load_uses(loader *ld, cjm_file *file) {
  file->state = 1;
  ld->stack = cjm_xrealloc(ld->stack, (ld->depth + 1) * sizeof *ld->stack);
  ld->stack[ld->depth++] = file;
  size_t count = 0;
  for (const cjm_block *b = file->ast->blocks; b; b = b->next) count += b->kind == CJM_BLOCK_USE;
  file->uses = cjm_xcalloc(count ? count : 1, sizeof *file->uses);
  for (const cjm_block *b = file->ast->blocks; b; b = b->next) {
    if (b->kind != CJM_BLOCK_USE) continue;
    bool full = cjm_diags_full(ld->diags);
    if (full) cjm_diags_set_unchecked(ld->diags);
    file->uses[file->use_count++] = full ? NULL : load_use(ld, file, b);
  }
  ld->depth--;
  file->state = 2;
}

static cjm_load_status load_root(loader *ld, cjm_source *source, const char *base_dir) {
  const cjm_load_options *o = ld->options;
  ld->base_dir = base_dir;
  add_root(ld, base_dir);
  for (size_t i = 0; i < o->include_count; i++) add_root(ld, o->include_dirs[i]);
  for (size_t i = 0; i < o->path_count; i++) add_root(ld, o->path_dirs[i]);
  add_root(ld, o->stdlib_dir);
  ld->stdlib_real = o->stdlib_dir ? cjm_xrealpath(o->stdlib_dir) : NULL;

  cjm_file *root = file_new(ld->program, source, ld->diags);
  ld->program->root = root;
  parse_file(ld, root);
  load_uses(ld, root);

  for (size_t i = 0; i < ld->root_count; i++) free(ld->roots[i]);
  free(ld->roots);
  free(ld->stdlib_real);
  free(ld->stack);
  return CJM_LOAD_OK;
}

cjm_load_status cjm_load_source(cjm_program *program, cjm_source *source, const char *base_dir,
                                const cjm_load_options *options, cjm_diags *diags) {
  loader ld = {.program = program, .options = options, .diags = diags};
  return load_root(&ld, source, base_dir);
}

cjm_load_status cjm_load_file(cjm_program *program, const char *path,
                              const cjm_load_options *options, cjm_diags *diags) {
  cjm_read_status status;
  size_t size;
  cjm_source *source = cjm_source_read(path, options->limits.max_file_bytes, &status, &size);
  if (!source) {
    /* The file itself stands in as the location: a source with no text,
     * named as a source read from it would be. */
    cjm_source *named = cjm_source_from_memory(strcmp(path, "-") == 0 ? "<stdin>" : path, "", 0);
    named->unread = true;
    file_new(program, named, diags);
    cjm_loc loc = cjm_loc_file(named);
    if (status == CJM_READ_TOO_LARGE) {
      /* At 1:1, where the file goes over the limit: editors jump there. */
      cjm_loc start = {named, 1, 1, 1, 1, 0, 0};
      cjm_error(diags, "limit", &start, "file is %zu bytes, over the limit of %zu bytes", size,
                options->limits.max_file_bytes);
      return CJM_LOAD_OK;
    }
    cjm_error(diags, "io", &loc, "cannot read file: %s",
              status == CJM_READ_NOT_FILE ? "not a regular file" : strerror(errno));
    return CJM_LOAD_IO_ERROR;
  }
  bool is_stdin = strcmp(path, "-") == 0;
  source->real_path = is_stdin ? NULL : cjm_xrealpath(path);
  char *base = is_stdin ? cjm_xstrdup(".") : dir_of(path);
  loader ld = {.program = program, .options = options, .diags = diags};
  cjm_load_status result = load_root(&ld, source, base);
  free(base);
  return result;
}
