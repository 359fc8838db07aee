/* Unit tests for the loader: the search path for `use`, reading each file
 * once, cycles, confinement to the allowed trees, the standard library
 * flag, and reopening a stage declared in a used file. Every test works
 * in its own directory under a temporary root removed at the end. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/tmpdir.h"

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/core/loader.h"
#include "runtime/core/model.h"
#include "tests/diag_expect.h"

/* The temporary directory all tests work under. */
static char tmp_root[] = "/tmp/cjm-test-loader-XXXXXX";

/* ---- files ------------------------------------------------------------------ */

/* Returns dir/rel in one of a few rotating static buffers. */
static const char *at(const char *dir, const char *rel) {
  static char buffers[8][PATH_MAX];
  static size_t next;
  /* Formatted aside, then copied: dir may be one of the buffers. */
  char path[PATH_MAX];
  if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, rel) >= sizeof path) fail_msg("path too long: %s/%s", dir, rel);
  char *buf = buffers[next++ % 8];
  memcpy(buf, path, strlen(path) + 1);
  return buf;
}

/* A fresh directory for one test: tmp_root/name. */
static const char *test_dir(const char *name) {
  const char *dir = at(tmp_root, name);
  tmpdir_make_dirs(dir);
  return dir;
}

/* The directories of one test: dir, a fresh tmp_root/NAME, and in it
 * root (for the main file), inc, path and lib, made when a file is
 * written there. */
typedef struct tree {
  char dir[PATH_MAX], root[PATH_MAX], inc[PATH_MAX], path[PATH_MAX], lib[PATH_MAX];
} tree;

static tree tree_new(const char *name) {
  tree t;
  snprintf(t.dir, sizeof t.dir, "%s", test_dir(name));
  snprintf(t.root, sizeof t.root, "%s", at(t.dir, "root"));
  snprintf(t.inc, sizeof t.inc, "%s", at(t.dir, "inc"));
  snprintf(t.path, sizeof t.path, "%s", at(t.dir, "path"));
  snprintf(t.lib, sizeof t.lib, "%s", at(t.dir, "lib"));
  return t;
}

/* Writes text to dir/rel, creating directories on the way. */
static void write_file(const char *dir, const char *rel, const char *text) {
  assert_true(tmpdir_write(dir, rel, text));
}

/* Writes files in dir: a name and its text, then the next, up to NULL. */
static void write_files(const char *dir, ...) {
  va_list files;
  va_start(files, dir);
  for (const char *rel; (rel = va_arg(files, const char *));) write_file(dir, rel, va_arg(files, const char *));
  va_end(files);
}

static int setup(void **state) {
  (void)state;
  return mkdtemp(tmp_root) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  return tmpdir_remove(tmp_root);
}

/* ---- runs ------------------------------------------------------------------- */

/* One load of a program and what it reported. */
typedef struct run {
  cjm_program *program;
  cjm_diags *diags;
  cjm_load_status status;
} run;

static cjm_load_options options_none(void) {
  return (cjm_load_options){.limits = CJM_LIMITS_DEFAULT};
}

/* Loads the file at path with options, or with none when NULL. */
static run load(const char *path, const cjm_load_options *options) {
  cjm_load_options none = options_none();
  run r = {cjm_program_new(), cjm_diags_new(), CJM_LOAD_OK};
  r.status = cjm_load_file(r.program, path, options ? options : &none, r.diags);
  return r;
}

static void run_free(run *r) {
  cjm_diags_free(r->diags);
  cjm_program_free(r->program);
}

/* The one diagnostic of r, asserted to be called name. */
static const cjm_diag *only_diag(const run *r, const char *name) {
  expect_diag_count(r->diags, 1);
  const cjm_diag *d = cjm_diags_at(r->diags, 0);
  assert_string_equal(d->name, name);
  return d;
}

static bool some_note_has(const cjm_diag *d, const char *part) {
  for (size_t i = 0; i < d->note_count; i++)
    if (strstr(d->notes[i].message, part)) return true;
  return false;
}

/* The identifier of the first block of the file a `use` loaded. */
static const char *first_id_of_use(const run *r, size_t use) {
  assert_non_null(r->program->root);
  assert_true(use < r->program->root->use_count);
  const cjm_file *f = r->program->root->uses[use];
  assert_non_null(f);
  assert_non_null(f->ast->blocks);
  return f->ast->blocks->id.name;
}

/* ---- the search path ------------------------------------------------------------ */

static void search_order(void **state) {
  (void)state;
  tree t = tree_new("order");
  write_file(t.root, "main.cjm", "use \"m\"\n");
  write_file(t.root, "m.cjm", "channel from_root\n");
  write_file(t.inc, "m.cjm", "channel from_include\n");
  write_file(t.path, "m.cjm", "channel from_path\n");
  write_file(t.lib, "m.cjm", "channel from_stdlib\n");
  const char *incs[] = {t.inc};
  const char *paths[] = {t.path};
  cjm_load_options o = {.include_dirs = incs, .include_count = 1, .path_dirs = paths,
                        .path_count = 1, .stdlib_dir = t.lib, .limits = CJM_LIMITS_DEFAULT};
  const char *main_path = at(t.root, "main.cjm");
  char main_copy[PATH_MAX];
  snprintf(main_copy, sizeof main_copy, "%s", main_path);

  static const char *const expected[] = {"from_root", "from_include", "from_path", "from_stdlib"};
  const char *dirs[] = {t.root, t.inc, t.path, t.lib};
  for (size_t i = 0; i < 4; i++) {
    run r = load(main_copy, &o);
    assert_int_equal(r.status, CJM_LOAD_OK);
    expect_no_diags(r.diags);
    assert_int_equal(r.program->file_count, 2);
    assert_string_equal(first_id_of_use(&r, 0), expected[i]);
    assert_int_equal(r.program->root->uses[0]->from_stdlib, i == 3);
    assert_int_equal(r.program->root->uses[0]->source->from_stdlib, i == 3);
    assert_false(r.program->root->from_stdlib);
    run_free(&r);
    /* Take away the winner: the next directory in order must win. */
    assert_int_equal(unlink(at(dirs[i], "m.cjm")), 0);
  }

  run r = load(main_copy, &o);
  assert_int_equal(r.status, CJM_LOAD_OK);
  const cjm_diag *d = only_diag(&r, "use-not-found");
  expect_message_part(d, "cannot find module 'm'");
  assert_int_equal(d->loc.line, 1);
  assert_int_equal(d->loc.col, 5);
  assert_int_equal(d->note_count, 4);
  expect_message_part(d, "'m'");
  assert_true(some_note_has(d, "next to this file"));
  assert_true(some_note_has(d, t.inc));
  assert_true(some_note_has(d, t.path));
  assert_true(some_note_has(d, "standard library"));
  assert_null(r.program->root->uses[0]);
  assert_int_equal(r.program->file_count, 1);
  run_free(&r);
}

static void module_uses_its_own_neighbour(void **state) {
  (void)state;
  tree t = tree_new("neighbour");
  write_file(t.root, "main.cjm", "use \"m\"\n");
  write_file(t.inc, "m.cjm", "use \"n\"\n");
  write_file(t.inc, "n.cjm", "channel n\n");
  const char *incs[] = {t.inc};
  cjm_load_options o = {.include_dirs = incs, .include_count = 1, .limits = CJM_LIMITS_DEFAULT};
  run r = load(at(t.root, "main.cjm"), &o);
  expect_no_diags(r.diags);
  assert_int_equal(r.program->file_count, 3);
  const cjm_file *m = r.program->root->uses[0];
  assert_non_null(m->uses[0]);
  assert_string_equal(m->uses[0]->ast->blocks->id.name, "n");
  run_free(&r);
}

static void module_in_a_subdirectory(void **state) {
  (void)state;
  const char *t = test_dir("subdir");
  write_file(t, "main.cjm", "use \"shared/stages\"\nuse \"shared/stages.cjm\"\n");
  write_file(t, "shared/stages.cjm", "stage one\n");
  run r = load(at(t, "main.cjm"), NULL);
  expect_no_diags(r.diags);
  /* With or without the extension, one file. */
  assert_int_equal(r.program->file_count, 2);
  assert_ptr_equal(r.program->root->uses[0], r.program->root->uses[1]);
  assert_string_equal(first_id_of_use(&r, 0), "one");
  run_free(&r);
}

static void memory_source_resolves_use_against_base_dir(void **state) {
  (void)state;
  tree t = tree_new("memory");
  write_file(t.dir, "cjm_loader_memory_module.cjm", "channel found\n");
  static const char text[] = "use \"cjm_loader_memory_module\"\n";
  cjm_program *program = cjm_program_new();
  cjm_diags *diags = cjm_diags_new();
  cjm_source *src = cjm_source_from_memory("<memory>", text, sizeof text - 1);
  cjm_load_options o = options_none();
  assert_int_equal(cjm_load_source(program, src, t.dir, &o, diags), CJM_LOAD_OK);
  assert_ptr_equal(program->root->source, src);
  size_t count = cjm_diags_count(diags);
  char first[256] = "";
  if (count) snprintf(first, sizeof first, "%s [%s]", cjm_diags_at(diags, 0)->message, cjm_diags_at(diags, 0)->name);
  size_t files = program->file_count;
  bool loaded = program->root->uses[0] != NULL;
  cjm_diags_free(diags);
  cjm_program_free(program);
  /* Regression test, once a bug: cjm_load_source ignores base_dir for the search: a memory source
   * looks for modules in the current directory ("."), so this module is
   * reported as [use-not-found] ("looked ... next to this file (.)"). */
  if (count) fail_msg("unexpected: %s", first);
  assert_int_equal(files, 2);
  assert_true(loaded);
}

/* ---- read once, cycles ---------------------------------------------------------- */

static void file_used_twice_is_read_once(void **state) {
  (void)state;
  const char *t = test_dir("once");
  write_files(t, "main.cjm", "use \"a\"\nuse \"b\"\nuse \"c\"\n",
                 "a.cjm", "use \"c\"\nchannel a\n",
                 "b.cjm", "use \"c\"\nuse \"a\"\nchannel b\n",
                 "c.cjm", "channel c\n",
                 NULL);
  run r = load(at(t, "main.cjm"), NULL);
  expect_no_diags(r.diags);
  assert_int_equal(r.program->file_count, 4);
  const cjm_file *root = r.program->root;
  assert_ptr_equal(r.program->files[0], root);
  assert_int_equal(root->use_count, 3);
  const cjm_file *a = root->uses[0], *b = root->uses[1], *c = root->uses[2];
  assert_int_equal(a->use_count, 1);
  assert_int_equal(b->use_count, 2);
  assert_ptr_equal(a->uses[0], c);
  assert_ptr_equal(b->uses[0], c);
  assert_ptr_equal(b->uses[1], a);
  /* Reading order: depth first, in `use` order. */
  assert_ptr_equal(r.program->files[1], a);
  assert_ptr_equal(r.program->files[2], c);
  assert_ptr_equal(r.program->files[3], b);
  for (size_t i = 0; i < 4; i++) assert_int_equal(r.program->files[i]->state, 2);
  run_free(&r);
}

static void cycle_is_reported_with_its_chain(void **state) {
  (void)state;
  tree t = tree_new("cycle");
  write_files(t.dir, "main.cjm", "use \"a\"\n",
                     "a.cjm", "use \"b\"\n",
                     "b.cjm", "channel x\nuse \"a\"\n",
                     NULL);
  run r = load(at(t.dir, "main.cjm"), NULL);
  assert_int_equal(r.status, CJM_LOAD_OK);
  const cjm_diag *d = only_diag(&r, "use-cycle");
  /* At the `use` that closes the cycle, in b.cjm. */
  assert_int_equal(d->loc.line, 2);
  assert_int_equal(d->loc.col, 5);
  assert_non_null(strstr(d->loc.source->path, "b.cjm"));
  char chain[3 * PATH_MAX];
  snprintf(chain, sizeof chain, "use cycle: %s \xE2\x86\x92 %s \xE2\x86\x92 %s", at(t.dir, "a.cjm"),
           at(t.dir, "b.cjm"), at(t.dir, "a.cjm"));
  assert_string_equal(d->message, chain);
  assert_int_equal(r.program->file_count, 3);
  /* The cyclic `use` loads nothing; the others do. */
  const cjm_file *a = r.program->root->uses[0];
  assert_non_null(a);
  assert_non_null(a->uses[0]);
  assert_null(a->uses[0]->uses[0]);
  run_free(&r);
}

static void file_using_itself(void **state) {
  (void)state;
  const char *t = test_dir("self");
  write_file(t, "main.cjm", "use \"main\"\nchannel c\n");
  run r = load(at(t, "main.cjm"), NULL);
  const cjm_diag *d = only_diag(&r, "use-cycle");
  expect_message_part(d, "main.cjm \xE2\x86\x92 ");
  assert_int_equal(r.program->file_count, 1);
  run_free(&r);
}

/* ---- confinement ------------------------------------------------------------ */

static void absolute_path_is_refused(void **state) {
  (void)state;
  tree t = tree_new("absolute");
  write_file(t.dir, "inside.cjm", "channel c\n");
  char text[2 * PATH_MAX];
  snprintf(text, sizeof text, "use \"%s\"\n", at(t.dir, "inside"));
  write_file(t.dir, "main.cjm", text);
  run r = load(at(t.dir, "main.cjm"), NULL);
  const cjm_diag *d = only_diag(&r, "use-outside");
  expect_message_part(d, "absolute path");
  assert_int_equal(d->loc.line, 1);
  assert_int_equal(d->loc.col, 5);
  assert_int_equal(r.program->file_count, 1);
  run_free(&r);
}

static void dotdot_above_the_root_is_refused(void **state) {
  (void)state;
  tree t = tree_new("dotdot");
  write_file(t.dir, "secret.cjm", "channel secret\n");
  write_file(t.root, "main.cjm", "use \"../secret\"\nuse \"sub/../ok\"\nuse \"../nothing\"\n");
  write_file(t.root, "ok.cjm", "channel ok\n");
  tmpdir_make_dirs(at(t.root, "sub"));
  run r = load(at(t.root, "main.cjm"), NULL);
  /* Refused by its spelling, the same whether the file outside exists or
   * not, and with no path of it. */
  assert_int_equal(cjm_diags_count(r.diags), 2);
  for (size_t i = 0; i < 2; i++) {
    const cjm_diag *d = cjm_diags_at(r.diags, i);
    assert_string_equal(d->name, "use-outside");
    assert_int_equal(d->loc.line, i == 0 ? 1 : 3);
    expect_message_part(d, i == 0 ? "module '../secret' cannot be followed to a file within the allowed directories"
                                  : "module '../nothing' cannot be followed to a file within the allowed directories");
    assert_false(some_note_has(d, t.dir));
  }
  assert_null(r.program->root->uses[0]);
  /* `..` that stays inside the tree is fine. */
  assert_string_equal(first_id_of_use(&r, 1), "ok");
  assert_int_equal(r.program->file_count, 2);
  run_free(&r);
}

/* Names spelt with '.', doubled slashes, or climbing to the file
 * system's root: read as the path they spell; -I / allows every path. */
static void odd_spellings_of_module_names(void **state) {
  (void)state;
  tree t = tree_new("spellings");
  write_file(t.dir, "secret.cjm", "channel secret\n");
  write_file(t.root, "main.cjm",
             "use \"./ok\"\nuse \"sub//../ok\"\nuse \"../../../../../../../../../../../../x\"\n");
  write_file(t.root, "ok.cjm", "channel ok\n");
  tmpdir_make_dirs(at(t.root, "sub"));
  run r = load(at(t.root, "main.cjm"), NULL);
  assert_string_equal(first_id_of_use(&r, 0), "ok");
  assert_string_equal(first_id_of_use(&r, 1), "ok");
  assert_null(r.program->root->uses[2]);
  assert_int_equal(cjm_diags_count(r.diags), 1);
  assert_string_equal(cjm_diags_at(r.diags, 0)->name, "use-outside");
  assert_int_equal(cjm_diags_at(r.diags, 0)->loc.line, 3);
  run_free(&r);
  /* the root directory as an include directory: everything is within it */
  write_file(t.root, "up.cjm", "use \"../secret\"\n");
  const char *incs[] = {"/"};
  cjm_load_options o = {.include_dirs = incs, .include_count = 1, .limits = CJM_LIMITS_DEFAULT};
  r = load(at(t.root, "up.cjm"), &o);
  expect_no_diags(r.diags);
  assert_string_equal(first_id_of_use(&r, 0), "secret");
  run_free(&r);
}

static void dotdot_into_an_include_dir_is_allowed(void **state) {
  (void)state;
  tree t = tree_new("dotdot_inc");
  write_file(t.root, "main.cjm", "use \"../inc/m\"\n");
  write_file(t.inc, "m.cjm", "channel m\n");
  const char *incs[] = {t.inc};
  cjm_load_options o = {.include_dirs = incs, .include_count = 1, .limits = CJM_LIMITS_DEFAULT};
  run r = load(at(t.root, "main.cjm"), &o);
  expect_no_diags(r.diags);
  assert_string_equal(first_id_of_use(&r, 0), "m");
  run_free(&r);
}

static void symlink_pointing_outside_is_refused(void **state) {
  (void)state;
  tree t = tree_new("symlink");
  write_file(t.dir, "outside.cjm", "channel outside\n");
  write_file(t.root, "main.cjm", "use \"link\"\nuse \"inlink\"\nuse \"real\"\nuse \"dangling\"\n");
  write_file(t.root, "real.cjm", "channel real\n");
  assert_int_equal(symlink(at(t.dir, "outside.cjm"), at(t.root, "link.cjm")), 0);
  assert_int_equal(symlink(at(t.root, "real.cjm"), at(t.root, "inlink.cjm")), 0);
  assert_int_equal(symlink(at(t.dir, "missing.cjm"), at(t.root, "dangling.cjm")), 0);
  run r = load(at(t.root, "main.cjm"), NULL);
  /* A link out of the tree and a link to nothing are refused alike, and
   * where they lead is not shown. */
  assert_int_equal(cjm_diags_count(r.diags), 2);
  for (size_t i = 0; i < 2; i++) {
    const cjm_diag *d = cjm_diags_at(r.diags, i);
    assert_string_equal(d->name, "use-outside");
    expect_message_part(d, i == 0 ? "module 'link' cannot be followed" : "module 'dangling' cannot be followed");
    assert_false(some_note_has(d, "outside.cjm"));
    assert_false(some_note_has(d, "missing.cjm"));
  }
  assert_null(r.program->root->uses[0]);
  assert_null(r.program->root->uses[3]);
  /* A link that stays inside is followed, and the file it names is read
   * once whichever name it is used by. */
  assert_string_equal(first_id_of_use(&r, 1), "real");
  assert_ptr_equal(r.program->root->uses[1], r.program->root->uses[2]);
  assert_int_equal(r.program->file_count, 2);
  run_free(&r);
}

static void empty_module_name(void **state) {
  (void)state;
  const char *t = test_dir("emptyname");
  write_file(t, "main.cjm", "use \"\"\n");
  run r = load(at(t, "main.cjm"), NULL);
  expect_message_part(only_diag(&r, "use-not-found"), "empty module name");
  run_free(&r);
}

static void unreadable_root_file(void **state) {
  (void)state;
  const char *t = test_dir("noroot");
  run r = load(at(t, "missing.cjm"), NULL);
  assert_int_equal(r.status, CJM_LOAD_IO_ERROR);
  const cjm_diag *d = only_diag(&r, "io");
  expect_message_part(d, "cannot read file");
  assert_null(r.program->root);
  cjm_diags *more = cjm_diags_new();
  assert_null(cjm_model_build(r.program, more));
  cjm_diags_free(more);
  run_free(&r);
}

static void directory_as_module(void **state) {
  (void)state;
  /* A directory named like a module is found, then refused when read. */
  const char *t = test_dir("dirmodule");
  write_file(t, "main.cjm", "use \"d\"\n");
  tmpdir_make_dirs(at(t, "d.cjm"));
  run r = load(at(t, "main.cjm"), NULL);
  const cjm_diag *d = only_diag(&r, "io");
  expect_message_part(d, "cannot read module 'd'");
  expect_message_part(d, "not a regular file");
  assert_null(r.program->root->uses[0]);
  run_free(&r);
}

static void fifo_as_module(void **state) {
  (void)state;
  /* A FIFO named by a `use` is refused without opening it: opening would
   * wait for a writer, and the check would hang. */
  const char *t = test_dir("fifomodule");
  write_file(t, "main.cjm", "use \"f\"\n");
  assert_int_equal(mkfifo(at(t, "f.cjm"), 0600), 0);
  run r = load(at(t, "main.cjm"), NULL);
  const cjm_diag *d = only_diag(&r, "io");
  expect_message_part(d, "cannot read module 'f'");
  expect_message_part(d, "not a regular file");
  assert_null(r.program->root->uses[0]);
  run_free(&r);
}

static void fifo_as_root_file(void **state) {
  (void)state;
  /* A FIFO named on the command line is refused too; before, opening it
   * waited for a writer. The alarm turns a hang into a failure. */
  const char *t = test_dir("fiforoot");
  assert_int_equal(mkfifo(at(t, "root.cjm"), 0600), 0);
  alarm(10);
  run r = load(at(t, "root.cjm"), NULL);
  alarm(0);
  assert_int_equal(r.status, CJM_LOAD_IO_ERROR);
  const cjm_diag *d = only_diag(&r, "io");
  expect_message_part(d, "not a regular file");
  run_free(&r);
}

/* ---- limits ------------------------------------------------------------------ */

static void use_depth_limit(void **state) {
  (void)state;
  tree t = tree_new("depth");
  write_files(t.dir, "main.cjm", "use \"a\"\n",
                     "a.cjm", "use \"b\"\n",
                     "b.cjm", "use \"c\"\n",
                     "c.cjm", "channel c\n",
                     NULL);
  cjm_load_options o = options_none();
  o.limits.max_use_depth = 2;
  run r = load(at(t.dir, "main.cjm"), &o);
  size_t count = cjm_diags_count(r.diags);
  uint32_t line = count ? cjm_diags_at(r.diags, 0)->loc.line : 0;
  char where[PATH_MAX] = "";
  if (count) snprintf(where, sizeof where, "%s", cjm_diags_at(r.diags, 0)->loc.source->path);
  size_t files = r.program->file_count;
  run_free(&r);
  /* `use` nested two deep (main uses a, a uses b) is within a limit of 2;
   * b using c, three deep, is the one reported. */
  assert_int_equal(count, 1);
  assert_int_equal(line, 1);
  assert_non_null(strstr(where, "b.cjm"));
  assert_int_equal(files, 3);
}

static void file_count_limit(void **state) {
  (void)state;
  const char *t = test_dir("files");
  write_files(t, "main.cjm", "use \"a\"\nuse \"b\"\nuse \"c\"\nuse \"a\"\n",
                 "a.cjm", "channel a\n",
                 "b.cjm", "channel b\n",
                 "c.cjm", "channel c\n",
                 NULL);
  cjm_load_options o = options_none();
  o.limits.max_files = 3;
  run r = load(at(t, "main.cjm"), &o);
  const cjm_diag *d = only_diag(&r, "limit");
  assert_string_equal(d->message, "more than 3 files in one journey");
  assert_int_equal(d->loc.line, 3);
  assert_int_equal(r.program->file_count, 3);
  /* A file already read is no new file. */
  assert_ptr_equal(r.program->root->uses[3], r.program->root->uses[0]);
  run_free(&r);
}

static void module_size_limit(void **state) {
  (void)state;
  const char *t = test_dir("size");
  write_file(t, "main.cjm", "use \"big\"\n");
  write_file(t, "big.cjm", "channel a_rather_long_identifier\n");
  cjm_load_options o = options_none();
  o.limits.max_file_bytes = 20;
  run r = load(at(t, "main.cjm"), &o);
  expect_message_part(only_diag(&r, "limit"), "module 'big' is 33 bytes, over the limit of 20");
  assert_null(r.program->root->uses[0]);
  run_free(&r);
}

static void root_size_limit_is_located(void **state) {
  (void)state;
  /* The root file over the limit: at its first line and column, as editors
   * read a location, and with no source line to show. */
  const char *t = test_dir("rootsize");
  write_file(t, "big.cjm", "channel a_rather_long_identifier\n");
  cjm_load_options o = options_none();
  o.limits.max_file_bytes = 20;
  run r = load(at(t, "big.cjm"), &o);
  const cjm_diag *d = only_diag(&r, "limit");
  expect_message_part(d, "file is 33 bytes, over the limit of 20 bytes");
  assert_int_equal(d->loc.line, 1);
  assert_int_equal(d->loc.col, 1);
  assert_true(d->loc.source->unread);
  run_free(&r);
}

/* ---- the standard library --------------------------------------------------------- */

/* The stdlib/ directory of this source tree, found from this file's path. */
static const char *source_stdlib(void) {
  static char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", __FILE__);
  char *slash = strrchr(dir, '/');
  assert_non_null(slash);
  snprintf(slash, sizeof dir - (size_t)(slash - dir), "/../stdlib");
  return dir;
}

static void real_stdlib_modules_are_flagged(void **state) {
  (void)state;
  const char *t = test_dir("realstdlib");
  write_file(t, "main.cjm", "use \"b2b\"\nuse \"blueprint\"\njourney \"J\"\n");
  cjm_load_options o = {.stdlib_dir = source_stdlib(), .limits = CJM_LIMITS_DEFAULT};
  run r = load(at(t, "main.cjm"), &o);
  expect_no_diags(r.diags);
  assert_int_equal(r.program->file_count, 3);
  assert_false(r.program->root->from_stdlib);
  assert_false(r.program->root->source->from_stdlib);
  assert_true(r.program->files[1]->from_stdlib);
  assert_true(r.program->files[1]->source->from_stdlib);
  assert_true(r.program->files[2]->from_stdlib);

  cjm_model *m = cjm_model_build(r.program, r.diags);
  assert_non_null(m);
  expect_no_diags(r.diags);
  static const char *const stages[] = {"recognize", "research", "compare", "approve",
                                       "contract",  "onboard",  "retain"};
  assert_int_equal(m->stage_count, 7);
  for (size_t i = 0; i < 7; i++) {
    assert_string_equal(m->stages[i]->decl.id, stages[i]);
    assert_true(m->stages[i]->decl.from_stdlib);
  }
  assert_non_null(cjm_symtab_get(&m->lane_table, cjm_intern_cstr(r.program->names, "content")));
  assert_non_null(cjm_symtab_get(&m->lane_table, cjm_intern_cstr(r.program->names, "frontstage")));
  assert_non_null(cjm_symtab_get(&m->channel_table, cjm_intern_cstr(r.program->names, "tradeshow")));
  cjm_model_free(m);
  run_free(&r);
}

/* ---- reopening a stage ------------------------------------------------------------ */

static void stage_reopened_from_used_file(void **state) {
  (void)state;
  tree t = tree_new("reopen");
  write_file(t.lib, "frame.cjm",
             "stage one \"One\"\n  step s1\nstage two \"Two\"\n  step s2\nstage three\n");
  write_file(t.root, "main.cjm",
             "use \"frame\"\n"
             "journey \"J\"\n"
             "stage zero \"Zero\"\n"
             "  step z\n"
             "stage two\n"
             "  step t2\n"
             "stage one \"One\"\n"
             "  feel 1\n"
             "  step o2\n");
  cjm_load_options o = {.stdlib_dir = t.lib, .limits = CJM_LIMITS_DEFAULT};
  run r = load(at(t.root, "main.cjm"), &o);
  expect_no_diags(r.diags);
  cjm_model *m = cjm_model_build(r.program, r.diags);
  assert_non_null(m);
  expect_no_diags(r.diags);

  /* Stage order is the order of first declaration, in merge order: the
   * used file's stages stand where its `use` is. */
  assert_int_equal(m->stage_count, 4);
  assert_string_equal(m->stages[0]->decl.id, "one");
  assert_string_equal(m->stages[1]->decl.id, "two");
  assert_string_equal(m->stages[2]->decl.id, "three");
  assert_string_equal(m->stages[3]->decl.id, "zero");
  assert_true(m->stages[0]->decl.from_stdlib);
  assert_false(m->stages[3]->decl.from_stdlib);
  assert_string_equal(m->stages[0]->decl.label, "One");
  assert_string_equal(m->stages[1]->decl.label, "Two");
  assert_string_equal(m->stages[2]->decl.label, "three");

  /* Steps from both files, the used file's first. */
  const cjm_stage *one = m->stages[0];
  assert_int_equal(one->block_count, 2);
  assert_int_equal(one->step_count, 2);
  assert_string_equal(one->steps[0]->decl.id, "s1");
  assert_string_equal(one->steps[1]->decl.id, "o2");
  assert_true(one->steps[0]->decl.from_stdlib);
  assert_false(one->steps[1]->decl.from_stdlib);
  assert_ptr_equal(one->steps[1]->stage, one);
  /* The reopening block's entries count for the stage. */
  assert_int_equal(one->moment.feel_count, 1);
  /* Where the map itself first names the stage. */
  assert_int_equal(one->user_loc.line, 7);
  assert_int_equal(one->user_loc.col, 7);
  assert_int_equal(one->decl.loc.line, 1);
  assert_int_equal(m->stages[1]->step_count, 2);
  assert_string_equal(m->stages[1]->steps[1]->decl.id, "t2");

  /* The journey's step order: stage order, then written order. */
  static const char *const steps[] = {"s1", "o2", "s2", "t2", "z"};
  assert_int_equal(m->step_count, 5);
  for (size_t i = 0; i < 5; i++) {
    assert_string_equal(m->steps[i]->decl.id, steps[i]);
    assert_int_equal(m->steps[i]->decl.index, i);
  }
  cjm_model_free(m);
  run_free(&r);
}

static void reopened_stage_relabels_across_files(void **state) {
  (void)state;
  const char *t = test_dir("reopen_label");
  write_file(t, "frame.cjm", "stage one \"One\"\n");
  write_file(t, "main.cjm", "use \"frame\"\nstage one \"Uno\"\n  step a\nstage one \"Eins\"\n");
  run r = load(at(t, "main.cjm"), NULL);
  expect_no_diags(r.diags);
  cjm_model *m = cjm_model_build(r.program, r.diags);
  /* The module's label gives way to the journey's, with no error... */
  assert_int_equal(m->stage_count, 1);
  assert_string_equal(m->stages[0]->decl.label, "Uno");
  assert_true(m->stages[0]->decl.relabelled);
  assert_int_equal(m->stages[0]->step_count, 1);
  /* ...but a second, different label in the same file is an error. */
  const cjm_diag *d = only_diag(&r, "reopen");
  assert_string_equal(d->message, "stage 'one' is reopened with label \"Eins\", but its label is \"Uno\"");
  assert_int_equal(d->loc.line, 4);
  assert_int_equal(d->loc.col, 11);
  assert_int_equal(d->note_count, 1);
  assert_non_null(strstr(d->notes[0].loc.source->path, "frame.cjm"));
  cjm_model_free(m);
  run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(search_order),
      cmocka_unit_test(module_uses_its_own_neighbour),
      cmocka_unit_test(module_in_a_subdirectory),
      cmocka_unit_test(memory_source_resolves_use_against_base_dir),
      cmocka_unit_test(file_used_twice_is_read_once),
      cmocka_unit_test(cycle_is_reported_with_its_chain),
      cmocka_unit_test(file_using_itself),
      cmocka_unit_test(absolute_path_is_refused),
      cmocka_unit_test(dotdot_above_the_root_is_refused),
      cmocka_unit_test(odd_spellings_of_module_names),
      cmocka_unit_test(dotdot_into_an_include_dir_is_allowed),
      cmocka_unit_test(symlink_pointing_outside_is_refused),
      cmocka_unit_test(empty_module_name),
      cmocka_unit_test(unreadable_root_file),
      cmocka_unit_test(directory_as_module),
      cmocka_unit_test(fifo_as_module),
      cmocka_unit_test(fifo_as_root_file),
      cmocka_unit_test(use_depth_limit),
      cmocka_unit_test(file_count_limit),
      cmocka_unit_test(module_size_limit),
      cmocka_unit_test(root_size_limit_is_located),
      cmocka_unit_test(real_stdlib_modules_are_flagged),
      cmocka_unit_test(stage_reopened_from_used_file),
      cmocka_unit_test(reopened_stage_relabels_across_files),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
