/* commands — the table of cjm's commands, and the help built from it. */
#include <string.h>

#include "runtime/cli/cli.h"

/* One row per command, in the order `cjm --help` lists them. */
static const cjm_command *const table[] = {
    &cjm_command_check,
    &cjm_command_render,
    &cjm_command_stats,
    &cjm_command_fmt,
    &cjm_command_diff,
    &cjm_command_lsp,
    &cjm_command_import,
    &cjm_command_export,
    &cjm_command_md,
    &cjm_command_serve,
};

const cjm_command *const *cjm_commands(size_t *count) {
  *count = sizeof table / sizeof table[0];
  return table;
}

const cjm_command *cjm_command_named(const char *name) {
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(table[i]->name, name) == 0) return table[i];
  return NULL;
}

/* `cjm --help`: what cjm is, then each command of the table and its summary. */
static void print_main_help(FILE *out) {
  fputs("usage: cjm COMMAND [OPTIONS] FILE...\n"
        "       cjm --help | --version | help COMMAND\n"
        "\n"
        "cjm reads customer journey maps written in the cjm language, checks them,\n"
        "draws and tabulates them, and formats and compares them for code review.\n"
        "\n"
        "commands:\n",
        out);
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    fprintf(out, "  %-9s %s\n", table[i]->name, table[i]->summary);
  fputs("  help      show the help of a command\n"
        "\n"
        "exit status: 0 clean or warnings only, 1 errors (or warnings under -Werror),\n"
        "2 usage or I/O errors.\n",
        out);
}

bool cjm_cli_print_help(FILE *out, const char *command) {
  if (!command) {
    print_main_help(out);
    return true;
  }
  if (strcmp(command, "help") == 0) {
    fputs("usage: cjm help [COMMAND]\n", out);
    return true;
  }
  const cjm_command *c = cjm_command_named(command);
  if (!c) return false;
  fputs(c->help, out);
  return true;
}
