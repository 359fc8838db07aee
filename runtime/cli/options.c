/* options — the options commands share, the environment, and help texts. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/arena.h"
#include "runtime/cli/cli.h"

/* Whether colour suits the terminal on fd: a terminal, NO_COLOR unset or
 * empty, and not TERM=dumb. */
static bool terminal_wants_color(int fd) {
  const char *no_color = getenv("NO_COLOR");
  const char *term = getenv("TERM");
  return isatty(fd) && !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
}

bool cjm_cli_output_color(const cjm_cli_common *common, const char *path) {
  if (common->color_choice) return common->color_choice > 0;
  return strcmp(path, "-") == 0 && terminal_wants_color(STDOUT_FILENO);
}

void cjm_cli_common_init(cjm_cli_common *common, const char *argv0) {
  *common = (cjm_cli_common){0};
  common->diags = cjm_diags_new();
  common->stdlib_dir = cjm_cli_find_stdlib(argv0);
  const char *path = getenv("CJM_PATH");
  if (path && *path) {
    common->path_buffer = cjm_xstrdup(path);
    size_t count = 1;
    for (const char *p = path; *p; p++) count += *p == ':';
    common->path_dirs = cjm_xcalloc(count, sizeof *common->path_dirs);
    for (char *save = NULL, *dir = strtok_r(common->path_buffer, ":", &save); dir;
         dir = strtok_r(NULL, ":", &save))
      common->path_dirs[common->path_count++] = dir;
  }
  common->color = terminal_wants_color(STDERR_FILENO);
}

void cjm_cli_common_free(cjm_cli_common *common) {
  free(common->include_dirs);
  free(common->path_dirs);
  free(common->path_buffer);
  free(common->stdlib_dir);
  cjm_diags_free(common->diags);
}

int cjm_cli_usage_error(const char *command, const char *fmt, ...) {
  fprintf(stderr, "cjm%s%s: ", command ? " " : "", command ? command : "");
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nsee 'cjm help%s%s'\n", command ? " " : "", command ? command : "");
  return CJM_EXIT_USAGE;
}

const char *cjm_cli_option_value(const char *command, const char *name, int argc, char **argv, int *i,
                                 bool *bad) {
  const char *arg = argv[*i];
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0) return NULL;
  if (arg[n] == '=') return arg + n + 1;
  if (arg[n] != '\0') return name[1] != '-' ? arg + n : NULL;
  if (*i + 1 < argc) return argv[++*i];
  cjm_cli_usage_error(command, "option '%s' needs a value", name);
  *bad = true;
  return NULL;
}

/* Whether arg is the option name: --name or --name=…, or for a short
 * option -X…. */
static bool is_option(const char *arg, const char *name) {
  size_t n = strlen(name);
  return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=' || name[1] != '-');
}

cjm_cli_arg cjm_cli_common_arg(cjm_cli_common *common, const char *command, int argc, char **argv,
                               int *i) {
  const char *arg = argv[*i];
  bool bad = false;
  const char *value;
  if ((value = cjm_cli_option_value(command, "-I", argc, argv, i, &bad))) {
    common->include_dirs = cjm_xrealloc(common->include_dirs, (common->include_count + 1) * sizeof(char *));
    common->include_dirs[common->include_count++] = value;
    return CJM_ARG_TAKEN;
  }
  if (strncmp(arg, "-W", 2) == 0) {
    if (!cjm_diags_set_option(common->diags, arg)) {
      fprintf(stderr, "cjm %s: unknown warning option '%s'; warnings are:", command, arg);
      for (const char *const *w = cjm_warning_names(); *w; w++) fprintf(stderr, " %s", *w);
      fputc('\n', stderr);
      return CJM_ARG_BAD;
    }
    return CJM_ARG_TAKEN;
  }
  if (is_option(arg, "--color") || is_option(arg, "--colour")) {
    /* --color=WHEN, --color WHEN as --max-errors N is written, or a bare
     * --color for always (then the next argument is a file). */
    const char *when = strchr(arg, '=') ? strchr(arg, '=') + 1 : "always";
    const char *next = *i + 1 < argc ? argv[*i + 1] : "";
    if (!strchr(arg, '=') && (strcmp(next, "always") == 0 || strcmp(next, "never") == 0 ||
                              strcmp(next, "auto") == 0))
      when = argv[++*i];
    if (strcmp(when, "always") == 0) {
      common->color_choice = 1;
    } else if (strcmp(when, "never") == 0) {
      common->color_choice = -1;
    } else if (strcmp(when, "auto") == 0) {
      common->color_choice = 0;
    } else {
      cjm_cli_usage_error(command, "--color takes auto, always or never, not '%s'", when);
      return CJM_ARG_BAD;
    }
    common->color = common->color_choice ? common->color_choice > 0 : terminal_wants_color(STDERR_FILENO);
    return CJM_ARG_TAKEN;
  }
  if ((value = cjm_cli_option_value(command, "--max-errors", argc, argv, i, &bad))) {
    char *end;
    long n = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || n < 0) {
      cjm_cli_usage_error(command, "--max-errors takes a whole number (0 for no limit), not '%s'", value);
      return CJM_ARG_BAD;
    }
    cjm_diags_set_max_errors(common->diags, (size_t)n);
    return CJM_ARG_TAKEN;
  }
  return bad ? CJM_ARG_BAD : CJM_ARG_NOT_COMMON;
}

cjm_cli_arg cjm_cli_output_arg(cjm_cli_output_args *args, const char *command, int argc, char **argv, int *i) {
  bool bad = false;
  const char *value;
  if ((value = cjm_cli_option_value(command, "-T", argc, argv, i, &bad)) ||
      (value = cjm_cli_option_value(command, "--format", argc, argv, i, &bad))) {
    args->options.format = value;
  } else if ((value = cjm_cli_option_value(command, "-o", argc, argv, i, &bad)) ||
             (value = cjm_cli_option_value(command, "--output", argc, argv, i, &bad))) {
    args->output = value;
  } else if ((value = cjm_cli_option_value(command, "--width", argc, argv, i, &bad))) {
    char *end;
    long w = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || w < 20 || w > 10000) {
      cjm_cli_usage_error(command, "--width takes a number of columns from 20 to 10000, not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->options.width = (size_t)w;
    args->width_given = true;
  } else if ((value = cjm_cli_option_value(command, "--lang", argc, argv, i, &bad))) {
    if (!cjm_language_tag_valid(value)) {
      cjm_cli_usage_error(command, "--lang takes a language tag such as en, ja, zh-Hans, zh-Hant or ru, not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->options.lang = cjm_language_of_tag(value);
  } else if (bad) {
    return CJM_ARG_BAD;
  } else if (strcmp(argv[*i], "--ascii") == 0) {
    args->options.ascii = true;
  } else {
    return CJM_ARG_NOT_COMMON;
  }
  return CJM_ARG_TAKEN;
}

int cjm_cli_parse_args(cjm_cli_common *common, const char *command, int argc, char **argv,
                       cjm_cli_option_fn own, void *state, const char ***files, size_t *file_count) {
  *files = cjm_xcalloc((size_t)argc + 1, sizeof **files);
  *file_count = 0;
  bool options_done = false, stdin_named = false;
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
      /* Standard input can be read once. */
      if (strcmp(arg, "-") == 0 && stdin_named)
        return cjm_cli_usage_error(command, "standard input ('-') given twice");
      stdin_named |= strcmp(arg, "-") == 0;
      (*files)[(*file_count)++] = arg;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      options_done = true;
      continue;
    }
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      cjm_cli_print_help(stdout, command);
      return CJM_EXIT_OK;
    }
    cjm_cli_arg taken = cjm_cli_common_arg(common, command, argc, argv, &i);
    if (taken == CJM_ARG_NOT_COMMON && own) taken = own(state, argc, argv, &i);
    if (taken == CJM_ARG_BAD) return CJM_EXIT_USAGE;
    if (taken == CJM_ARG_NOT_COMMON) return cjm_cli_usage_error(command, "unknown option '%s'", arg);
  }
  return CJM_CLI_GO_ON;
}

cjm_load_options cjm_cli_load_options(const cjm_cli_common *common) {
  return (cjm_load_options){
      .include_dirs = common->include_dirs,
      .include_count = common->include_count,
      .path_dirs = (const char *const *)common->path_dirs,
      .path_count = common->path_count,
      .stdlib_dir = common->stdlib_dir,
      .limits = CJM_LIMITS_DEFAULT,
  };
}

cjm_source *cjm_cli_read_source(const char *path, const cjm_limits *limits, int *status) {
  cjm_read_status read_status;
  size_t size = 0;
  cjm_source *src = cjm_source_read(path, limits->max_file_bytes, &read_status, &size);
  if (src) return src;
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
  if (read_status == CJM_READ_TOO_LARGE)
    fprintf(stderr, "%s:1:1: error: file is %zu bytes, over the limit of %zu bytes [limit]\n", name, size,
            limits->max_file_bytes);
  else
    fprintf(stderr, "%s: error: cannot read file: %s [io]\n", name,
            read_status == CJM_READ_NOT_FILE ? "not a regular file" : strerror(errno));
  *status = read_status == CJM_READ_TOO_LARGE ? CJM_EXIT_ERRORS : CJM_EXIT_USAGE;
  return NULL;
}

cjm_cli_arg cjm_cli_output_file_arg(const char *command, int argc, char **argv, int *i, const char **output) {
  bool bad = false;
  const char *value;
  if ((value = cjm_cli_option_value(command, "-o", argc, argv, i, &bad)) ||
      (value = cjm_cli_option_value(command, "--output", argc, argv, i, &bad))) {
    *output = value;
    return CJM_ARG_TAKEN;
  }
  return bad ? CJM_ARG_BAD : CJM_ARG_NOT_COMMON;
}

int cjm_cli_run_one_file(const char *command, int argc, char **argv, const char *argv0, cjm_cli_option_fn option,
                         void *state, cjm_cli_file_fn run, const char *no_file, const char *several_files) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, command, argc, argv, option, state, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count != 1)
    status = cjm_cli_usage_error(command, "%s", file_count ? several_files : no_file);
  if (status == CJM_CLI_GO_ON) status = run(files[0], state, &common);
  free(files);
  cjm_cli_common_free(&common);
  return status;
}

int cjm_cli_format_first(const char *command, int argc, char **argv, const char *help, const char *usage) {
  if (argc == 0) return cjm_cli_usage_error(command, "which format? '%s'", usage);
  if (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0) {
    fputs(help, stdout);
    return CJM_EXIT_OK;
  }
  return CJM_CLI_GO_ON;
}
