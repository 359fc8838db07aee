/* main — `cjm COMMAND ...`: dispatches to the commands of the table
 * (commands.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/json_write.h"
#include "runtime/cli/cli.h"
#include "runtime/render/graphviz/driver.h"
#include "runtime/core/suggest.h"
#include "runtime/core/words.h"

/* Every command of the reference is in the table (commands.c): any other
 * name is a typo, answered with the nearest command. */
static int unknown_command(const char *name) {
  size_t count;
  const cjm_command *const *commands = cjm_commands(&count);
  const char **names = cjm_xcalloc(count + 1, sizeof *names);
  for (size_t i = 0; i < count; i++) names[i] = commands[i]->name;
  names[count] = "help";
  long best = cjm_suggest(name, names, count + 1);
  if (best >= 0)
    fprintf(stderr, "cjm: unknown command '%s'; did you mean '%s'?\n", name, names[best]);
  else
    fprintf(stderr, "cjm: unknown command '%s'; see 'cjm --help'\n", name);
  free(names);
  return CJM_EXIT_USAGE;
}

int main(int argc, char **argv) {
  cjm_json_use_cjm_allocator(); /* jansson allocates through lang/arena.h too */
  atexit(cjm_graphviz_shutdown); /* the one Graphviz context, if a render made it */
  char *locale_dir = cjm_cli_find_locale_dir(argv[0]);
  cjm_words_init(locale_dir); /* the catalogues of the words on maps and tables */
  free(locale_dir);             /* bindtextdomain keeps its own copy */
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
  const cjm_command *command = cjm_command_named(name);
  if (command) return command->run(argc - 2, argv + 2, argv[0]);
  return unknown_command(name);
}
