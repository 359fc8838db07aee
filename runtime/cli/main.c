/* main — `cjm COMMAND ...`: dispatches to the commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/cli/cli.h"
#include "runtime/render/graphviz/driver.h"
#include "runtime/core/suggest.h"

/* A command and its entry point. */
typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv, const char *argv0);
} command;

static const command commands[] = {
    {"check", cjm_cmd_check},
    {"render", cjm_cmd_render},
    {"stats", cjm_cmd_stats},
    {"fmt", cjm_cmd_fmt},
    {"diff", cjm_cmd_diff},
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

/* Commands of the reference that this build does not have yet. */
static const char *const planned[] = {"import", "export", "lsp"};

static int unknown_command(const char *name) {
  for (size_t i = 0; i < sizeof planned / sizeof planned[0]; i++) {
    if (strcmp(name, planned[i]) == 0) {
      fprintf(stderr, "cjm: '%s' is not available in cjm %s yet; see 'cjm --help'\n", name, CJM_VERSION);
      return CJM_EXIT_USAGE;
    }
  }
  const char *names[COMMAND_COUNT + 1];
  for (size_t i = 0; i < COMMAND_COUNT; i++) names[i] = commands[i].name;
  names[COMMAND_COUNT] = "help";
  long best = cjm_suggest(name, names, COMMAND_COUNT + 1);
  if (best >= 0)
    fprintf(stderr, "cjm: unknown command '%s'; did you mean '%s'?\n", name, names[best]);
  else
    fprintf(stderr, "cjm: unknown command '%s'; see 'cjm --help'\n", name);
  return CJM_EXIT_USAGE;
}

int main(int argc, char **argv) {
  atexit(cjm_graphviz_shutdown); /* the one Graphviz context, if a render made it */
  if (argc < 2) {
    cjm_cli_print_help(stderr, NULL);
    return CJM_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
    cjm_cli_print_help(stdout, NULL);
    return CJM_EXIT_OK;
  }
  if (strcmp(name, "--version") == 0) {
    printf("cjm %s\n", CJM_VERSION);
    return CJM_EXIT_OK;
  }
  if (strcmp(name, "help") == 0) {
    if (argc > 3) return cjm_cli_usage_error("help", "takes at most one command");
    if (cjm_cli_print_help(stdout, argc == 3 ? argv[2] : NULL)) return CJM_EXIT_OK;
    return unknown_command(argv[2]);
  }
  if (name[0] == '-') return cjm_cli_usage_error(NULL, "unknown option '%s'", name);
  for (size_t i = 0; i < COMMAND_COUNT; i++)
    if (strcmp(name, commands[i].name) == 0) return commands[i].run(argc - 2, argv + 2, argv[0]);
  return unknown_command(name);
}
