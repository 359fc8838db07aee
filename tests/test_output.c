/* Unit tests for cjm_atomic_write: where a command's output lands. A new
 * file gets the umask's mode; a regular file is replaced atomically and
 * keeps its mode; a failed write leaves it untouched with no temporary
 * file behind; a symbolic link stays a link and its target is replaced; a
 * destination that is not a regular file (a FIFO, /dev/null) is written in
 * place, never replaced; a directory, a missing directory and a dangling
 * link are refused with a clear reason; standard output named as a file
 * (/dev/stdout) onto a file opened for appending appends.
 *
 * Nothing here names a file of /dev as the destination: the code this
 * replaced renamed over it, and the tests run as root. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "stdout_redirect.h"
#include "runtime/base/atomic_write.h"
#include "runtime/base/strbuf.h"
#include "tmpdir.h"

/* The test's temporary directory, made by setup and removed by teardown. */
static char root[PATH_MAX];

static int setup(void **state) {
  (void)state;
  snprintf(root, sizeof root, "%s/cjm-output-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  return tmpdir_remove(root);
}

/* A test run in a temporary directory of its own. */
#define IN_TMPDIR(test) cmocka_unit_test_setup_teardown(test, setup, teardown)

/* root/rel, in a static buffer. */
static const char *in_root(const char *rel) {
  static char path[PATH_MAX];
  if ((size_t)snprintf(path, sizeof path, "%s/%s", root, rel) >= sizeof path) fail();
  return path;
}

/* Commits text to path; returns the error, or NULL on success. */
static const char *commit(const char *text, const char *path) {
  cjm_strbuf out = {0};
  cjm_strbuf_puts(&out, text);
  const char *error = NULL;
  bool ok = cjm_atomic_write(&out, path, &error);
  cjm_strbuf_free(&out);
  if (ok) return NULL;
  assert_non_null(error);
  return error;
}

/* The contents of path (up to 255 bytes), in a static buffer. */
static const char *contents(const char *path) {
  static char buf[256];
  FILE *f = fopen(path, "r");
  if (!f) return "<missing>";
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

/* Whether dir holds a temporary file of cjm_atomic_write. */
static bool temp_left_in(const char *dir) {
  DIR *d = opendir(dir);
  bool found = false;
  for (struct dirent *e; d && (e = readdir(d));) found |= strstr(e->d_name, ".cjm-") != NULL;
  if (d) closedir(d);
  return found;
}

static mode_t mode_of(const char *path) {
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  return st.st_mode & 07777;
}

static void new_file_gets_the_umask_mode(void **state) {
  (void)state;
  mode_t old = umask(027);
  const char *error = commit("new\n", in_root("new.txt"));
  umask(old);
  assert_null(error);
  assert_string_equal(contents(in_root("new.txt")), "new\n");
  assert_int_equal(mode_of(in_root("new.txt")), 0640);
  assert_false(temp_left_in(root));
}

static void regular_file_is_replaced_keeping_its_mode(void **state) {
  (void)state;
  const char *path = in_root("old.txt");
  assert_true(tmpdir_write(root, "old.txt", "old\n"));
  assert_int_equal(chmod(path, 0604), 0);
  struct stat before, after;
  assert_int_equal(stat(path, &before), 0);
  assert_null(commit("replaced\n", path));
  assert_int_equal(stat(path, &after), 0);
  assert_string_equal(contents(path), "replaced\n");
  assert_int_equal(after.st_mode & 07777, 0604);
  assert_true(before.st_ino != after.st_ino); /* renamed into place, not rewritten */
  assert_false(temp_left_in(root));
}

static void failed_write_leaves_the_file_untouched(void **state) {
  (void)state;
  const char *path = in_root("keep.txt");
  assert_true(tmpdir_write(root, "keep.txt", "previous\n"));
  /* Files may not grow past 4 bytes: the write fails with EFBIG. */
  struct rlimit old, small;
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
  small = (struct rlimit){.rlim_cur = 4, .rlim_max = old.rlim_max};
  void (*handler)(int) = signal(SIGXFSZ, SIG_IGN);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
  const char *error = commit("far more than four bytes\n", path);
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, handler);
  assert_non_null(error);
  assert_string_equal(error, strerror(EFBIG));
  assert_string_equal(contents(path), "previous\n");
  assert_false(temp_left_in(root));
}

static void symbolic_link_stays_a_link(void **state) {
  (void)state;
  assert_true(tmpdir_write(root, "sub/target.txt", "old\n"));
  assert_int_equal(chmod(in_root("sub/target.txt"), 0600), 0);
  assert_int_equal(symlink("sub/target.txt", in_root("link.txt")), 0);
  assert_null(commit("through the link\n", in_root("link.txt")));
  struct stat st;
  assert_int_equal(lstat(in_root("link.txt"), &st), 0);
  assert_true(S_ISLNK(st.st_mode));
  assert_string_equal(contents(in_root("sub/target.txt")), "through the link\n");
  assert_int_equal(mode_of(in_root("sub/target.txt")), 0600);
  assert_false(temp_left_in(root));
  assert_false(temp_left_in(in_root("sub")));
}

static void dangling_link_is_refused(void **state) {
  (void)state;
  assert_int_equal(symlink("nowhere.txt", in_root("dangling.txt")), 0);
  const char *error = commit("x\n", in_root("dangling.txt"));
  assert_non_null(error);
  assert_string_equal(error, "a dangling symbolic link (not written through)");
  struct stat st;
  assert_int_equal(lstat(in_root("dangling.txt"), &st), 0);
  assert_true(S_ISLNK(st.st_mode));
  assert_int_not_equal(access(in_root("nowhere.txt"), F_OK), 0);
}

static void fifo_is_written_not_replaced(void **state) {
  (void)state;
  const char *path = in_root("fifo");
  assert_int_equal(mkfifo(path, 0600), 0);
  /* A reader first, so that opening for writing does not wait. */
  int reader = open(path, O_RDONLY | O_NONBLOCK);
  assert_true(reader >= 0);
  assert_null(commit("down the pipe\n", path));
  char buf[64] = {0};
  ssize_t n = read(reader, buf, sizeof buf - 1);
  close(reader);
  assert_int_equal(n, 14);
  assert_string_equal(buf, "down the pipe\n");
  struct stat st;
  assert_int_equal(lstat(path, &st), 0);
  assert_true(S_ISFIFO(st.st_mode));
  assert_false(temp_left_in(root));
}

static void link_to_dev_null_is_written_through(void **state) {
  (void)state;
  struct stat before, after;
  assert_int_equal(stat("/dev/null", &before), 0);
  assert_true(S_ISCHR(before.st_mode));
  assert_int_equal(symlink("/dev/null", in_root("null")), 0);
  assert_null(commit("discarded\n", in_root("null")));
  assert_int_equal(lstat(in_root("null"), &after), 0);
  assert_true(S_ISLNK(after.st_mode));
  assert_int_equal(stat("/dev/null", &after), 0);
  assert_true(S_ISCHR(after.st_mode));
  assert_true(before.st_ino == after.st_ino && before.st_rdev == after.st_rdev);
  assert_false(temp_left_in("/dev"));
  assert_false(temp_left_in(root));
}

static void directories_are_refused(void **state) {
  (void)state;
  tmpdir_make_dirs(in_root("dir"));
  const char *error = commit("x\n", in_root("dir"));
  assert_non_null(error);
  assert_string_equal(error, strerror(EISDIR));
  error = commit("x\n", in_root("missing/out.txt"));
  assert_non_null(error);
  assert_string_equal(error, "no such directory");
  assert_false(temp_left_in(root));
}

static void stdout_by_name_appends_to_an_appended_file(void **state) {
  (void)state;
  const char *path = in_root("log.txt");
  assert_true(tmpdir_write(root, "log.txt", "before\n"));
  int saved = stdout_to(path, O_WRONLY | O_APPEND);
  assert_true(saved >= 0);
  /* /proc/self/fd/1 is what /dev/stdout links to; named directly, a build
   * without this fix fails here without renaming over /dev/stdout. */
  const char *error = commit("after\n", "/proc/self/fd/1");
  stdout_restore(saved);
  assert_null(error);
  assert_string_equal(contents(path), "before\nafter\n");
}

/* A path through a regular file (ENOTDIR) or into a loop of links
 * (ELOOP): refused with the reason, nothing written. */
static void unreachable_paths_are_refused(void **state) {
  (void)state;
  assert_null(commit("plain\n", in_root("plain.txt")));
  const char *error = commit("x\n", in_root("plain.txt/x.txt"));
  assert_string_equal(error, strerror(ENOTDIR));
  assert_string_equal(contents(in_root("plain.txt")), "plain\n");
  assert_int_equal(symlink("loop-b", in_root("loop-a")), 0);
  assert_int_equal(symlink("loop-a", in_root("loop-b")), 0);
  error = commit("x\n", in_root("loop-a"));
  assert_string_equal(error, strerror(ELOOP));
  struct stat st;
  assert_int_equal(lstat(in_root("loop-a"), &st), 0);
  assert_true(S_ISLNK(st.st_mode));
  assert_false(temp_left_in(root));
}

/* A UNIX socket's path: no file to replace, and none that opens for
 * writing (ENXIO): refused with the reason, the socket left as it is. */
static void socket_is_refused(void **state) {
  (void)state;
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  const char *path = in_root("sock");
  if (strlen(path) >= sizeof addr.sun_path) skip();
  strcpy(addr.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  assert_int_equal(bind(fd, (const struct sockaddr *)&addr, sizeof addr), 0);
  assert_string_equal(commit("x\n", path), strerror(ENXIO));
  struct stat st;
  assert_int_equal(lstat(path, &st), 0);
  assert_true(S_ISSOCK(st.st_mode));
  close(fd);
  assert_false(temp_left_in(root));
}

/* Nothing to write (a buffer that never held a byte): an empty new file,
 * an existing file emptied, nothing written to a device or standard
 * output. */
static void empty_output_is_written(void **state) {
  (void)state;
  cjm_strbuf empty = {0};
  const char *error = NULL;
  assert_true(cjm_atomic_write(&empty, in_root("new.txt"), &error));
  assert_string_equal(contents(in_root("new.txt")), "");
  assert_null(commit("old\n", in_root("old.txt")));
  assert_true(cjm_atomic_write(&empty, in_root("old.txt"), &error));
  assert_string_equal(contents(in_root("old.txt")), "");
  assert_true(cjm_atomic_write(&empty, "/dev/null", &error));
  assert_true(cjm_atomic_write(&empty, "-", &error));
  assert_false(temp_left_in(root));
}

/* Another user's file, written by root: replaced atomically, and still
 * that user's (root may give a file away). Skipped when not root. */
static void another_users_file_keeps_its_owner(void **state) {
  (void)state;
  if (geteuid() != 0) skip();
  assert_null(commit("old\n", in_root("theirs.txt")));
  assert_int_equal(chown(in_root("theirs.txt"), 12345, 12346), 0);
  assert_null(commit("new\n", in_root("theirs.txt")));
  struct stat st;
  assert_int_equal(stat(in_root("theirs.txt"), &st), 0);
  assert_int_equal(st.st_uid, 12345);
  assert_int_equal(st.st_gid, 12346);
  assert_string_equal(contents(in_root("theirs.txt")), "new\n");
  assert_false(temp_left_in(root));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      IN_TMPDIR(new_file_gets_the_umask_mode),
      IN_TMPDIR(regular_file_is_replaced_keeping_its_mode),
      IN_TMPDIR(failed_write_leaves_the_file_untouched),
      IN_TMPDIR(symbolic_link_stays_a_link),
      IN_TMPDIR(dangling_link_is_refused),
      IN_TMPDIR(fifo_is_written_not_replaced),
      IN_TMPDIR(link_to_dev_null_is_written_through),
      IN_TMPDIR(directories_are_refused),
      IN_TMPDIR(stdout_by_name_appends_to_an_appended_file),
      IN_TMPDIR(unreachable_paths_are_refused),
      IN_TMPDIR(empty_output_is_written),
      IN_TMPDIR(socket_is_refused),
      IN_TMPDIR(another_users_file_keeps_its_owner),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
