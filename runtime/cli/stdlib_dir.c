/* stdlib_dir — where the standard library is, for an installed cjm and for
 * one run straight from its build tree. */
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

/* The directory of the running executable, malloc'd, or NULL. */
static char *exe_dir(void) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return NULL;
  buf[n] = '\0';
  char *slash = strrchr(buf, '/');
  if (!slash) return NULL;
  *slash = '\0';
  return cjm_xstrdup(buf);
}

char *cjm_cli_find_stdlib(const char *argv0) {
  (void)argv0;
  const char *env = getenv("CJM_STDLIB");
  if (env && *env) return cjm_xstrdup(env);

  char *dir = exe_dir();
  if (dir) {
    size_t n = strlen(dir) + sizeof "/../share/cjm/stdlib";
    char *installed = cjm_xmalloc(n);
    snprintf(installed, n, "%s/../share/cjm/stdlib", dir);
    char *build = realpath(CJM_BINARY_DIR, NULL);
    char *here = realpath(dir, NULL);
    bool in_build_tree = build && here && strcmp(build, here) == 0;
    free(build);
    free(here);
    free(dir);
    /* Resolved, so that diagnostics name /usr/share/cjm/stdlib/b2b.cjm,
     * not /usr/bin/../share/cjm/stdlib/b2b.cjm. */
    char *resolved = is_dir(installed) && !in_build_tree ? realpath(installed, NULL) : NULL;
    free(installed);
    if (resolved) return resolved;
    if (in_build_tree && is_dir(CJM_STDLIB_SOURCE_DIR)) return cjm_xstrdup(CJM_STDLIB_SOURCE_DIR);
  }
  if (is_dir(CJM_STDLIB_INSTALL_DIR)) return cjm_xstrdup(CJM_STDLIB_INSTALL_DIR);
  if (is_dir(CJM_STDLIB_SOURCE_DIR)) return cjm_xstrdup(CJM_STDLIB_SOURCE_DIR);
  return NULL;
}
