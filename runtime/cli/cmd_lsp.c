/* cmd_lsp — `cjm lsp [OPTIONS]`: the language server on standard input
 * and output (runtime/lsp/server.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/cli/cli.h"
#include "runtime/lsp/server.h"

static const char help[] =
    "usage: cjm lsp [OPTIONS]\n"
    "\n"
    "Runs a language server (LSP 3.17) on standard input and output, for\n"
    "editors: diagnostics as you type, go to definition, references, rename,\n"
    "hover, completion, formatting, quick fixes and semantic highlighting.\n"
    "\n"
    "options:\n"
    "  -I DIR              also look for used modules in DIR (repeatable)\n"
    "  -W...               warning options, as for cjm check\n"
    "  --stdio             accepted for editors that pass it; standard\n"
    "                      input and output are always used\n"
    "\n"
    "The client may give initializationOptions: {\"warnings\": [\"-Wall\"],\n"
    "\"maxErrors\": 50, \"includeDirs\": [\"dir\"]}.\n"
    "\n"
    "exit status: 0 after shutdown and exit, 1 when the client went away or\n"
    "sent exit without shutdown, 2 usage errors.\n";

/* --stdio is what editors' clients pass; nothing else is the command's own. */
static cjm_cli_arg lsp_option(void *state, int argc, char **argv, int *i) {
  (void)state;
  (void)argc;
  return strcmp(argv[*i], "--stdio") == 0 ? CJM_ARG_TAKEN : CJM_ARG_NOT_COMMON;
}

static int command_main(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  const char **files = NULL;
  size_t file_count = 0;
  int status = cjm_cli_parse_args(&common, "lsp", argc, argv, lsp_option, NULL, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count) status = cjm_cli_usage_error("lsp", "takes no file");
  if (status == CJM_CLI_GO_ON) {
    /* The -W options again, as text: each document's diagnostics get them. */
    const char **warnings = cjm_xcalloc((size_t)argc + 1, sizeof *warnings);
    size_t warning_count = 0;
    for (int i = 0; i < argc; i++)
      if (strncmp(argv[i], "-W", 2) == 0) warnings[warning_count++] = argv[i];
    cjm_lsp_options options = {.load = cjm_cli_load_options(&common),
                               .warnings = warnings,
                               .warning_count = warning_count};
    status = cjm_lsp_run(STDIN_FILENO, STDOUT_FILENO, &options);
    free(warnings);
  }
  free(files);
  cjm_cli_common_free(&common);
  return status;
}

const cjm_command cjm_command_lsp = {"lsp", "a language server for editors on standard input and output", help,
                                     command_main};
