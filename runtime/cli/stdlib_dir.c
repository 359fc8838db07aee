/* stdlib_dir — where the standard library and the catalogues of words
 * (runtime/core/words.h) are, for an installed cjm and for one run
 * straight from its build tree.
 *
 * In order: $CJM_STDLIB; for the binary the build wrote, run from its build
 * directory, the source tree's stdlib/; for any other, PREFIX/share/cjm/stdlib
 * beside its own PREFIX/bin (the executable found through /proc/self/exe,
 * so a prefix that was moved, or unpacked elsewhere, keeps working), then
 * the directory the build was configured to install to. An installed cjm
 * never looks into the source tree it was built from. The catalogues the
 * same way: $CJM_LOCALEDIR; BUILD/locale for the binary the build wrote;
 * PREFIX/share/locale beside PREFIX/bin; the configured one. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/arena.h"
#include "runtime/cli/cli.h"

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running executable, resolved and malloc'd, or NULL:
 * from /proc/self/exe, or else from argv0 when it names a path. */
static char *exe_dir(const char *argv0) {
  char buf[PATH_MAX];
  char *path = NULL;
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = '\0';
    path = cjm_xrealpath(buf);
  } else if (argv0 && strchr(argv0, '/')) {
    path = cjm_xrealpath(argv0);
  }
  if (!path) return NULL;
  char *slash = strrchr(path, '/');
  if (slash == path) slash[1] = '\0';
  else *slash = '\0';
  return path;
}

/* Whether dir is the build directory this binary was written to. */
static bool is_build_dir(const char *dir) {
  char *build = cjm_xrealpath(CJM_BINARY_DIR);
  bool same = build && strcmp(build, dir) == 0;
  free(build);
  return same;
}

/* The directory relative (such as "../share/locale") to the binary's
 * directory dir, resolved, or NULL when there is none; takes dir (NULL
 * allowed). Resolved, so that diagnostics name
 * /usr/share/cjm/stdlib/b2b.cjm, not /usr/bin/../share/cjm/stdlib/b2b.cjm. */
static char *beside_binary(char *dir, const char *relative) {
  if (!dir) return NULL;
  size_t n = strlen(dir) + strlen(relative) + 2;
  char *path = cjm_xmalloc(n);
  snprintf(path, n, "%s/%s", dir, relative);
  free(dir);
  char *resolved = is_dir(path) ? cjm_xrealpath(path) : NULL;
  free(path);
  return resolved;
}

char *cjm_cli_find_stdlib(const char *argv0) {
  const char *env = getenv("CJM_STDLIB");
  if (env && *env) return cjm_xstrdup(env);

  char *dir = exe_dir(argv0);
  if (dir && is_build_dir(dir) && is_dir(CJM_STDLIB_SOURCE_DIR)) {
    free(dir);
    return cjm_xstrdup(CJM_STDLIB_SOURCE_DIR);
  }
  char *beside = beside_binary(dir, "../share/cjm/stdlib");
  if (beside) return beside;
  if (is_dir(CJM_STDLIB_INSTALL_DIR)) return cjm_xstrdup(CJM_STDLIB_INSTALL_DIR);
  return NULL;
}

char *cjm_cli_find_locale_dir(const char *argv0) {
  const char *env = getenv("CJM_LOCALEDIR");
  if (env && *env) return cjm_xstrdup(env);

  char *dir = exe_dir(argv0);
  if (dir && is_build_dir(dir)) {
    free(dir);
    return cjm_xstrdup(CJM_BINARY_DIR "/locale");
  }
  char *beside = beside_binary(dir, "../share/locale");
  if (beside) return beside;
  return cjm_xstrdup(CJM_LOCALE_INSTALL_DIR);
}
