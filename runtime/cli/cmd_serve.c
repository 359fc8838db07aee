/* cmd_serve — `cjm serve FILE [--port N] [--host ADDR]`: a live preview
 * in the browser. Loads the journey, serves a page that shows its picture
 * (serve/server.h), and loads it again on every save of it or of a module
 * it uses (serve/watch.h), until SIGINT or SIGTERM. docs/preview.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/serve/preview.h"
#include "runtime/serve/server.h"
#include "runtime/serve/stop.h"
#include "runtime/serve/watch.h"
#include "runtime/cli/cli.h"

/* The port without --port. */
enum { DEFAULT_PORT = 8421 };

/* serve's own options. */
typedef struct serve_args {
  const char *host;            /* --host, else the loopback */
  unsigned port;               /* --port; 0 for a free one */
} serve_args;

static cjm_cli_arg serve_option(void *state, int argc, char **argv, int *i) {
  serve_args *args = state;
  bool bad = false;
  const char *value;
  if ((value = cjm_cli_option_value("serve", "--port", argc, argv, i, &bad))) {
    char *end;
    long port = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || port < 0 || port > 65535) {
      cjm_cli_usage_error("serve", "--port takes a port number from 0 (any free port) to 65535, not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->port = (unsigned)port;
  } else if ((value = cjm_cli_option_value("serve", "--host", argc, argv, i, &bad))) {
    if (cjm_server_host_kind(value) == CJM_SERVER_INVALID) {
      cjm_cli_usage_error("serve", "--host takes an IP address (or localhost), not '%s'", value);
      return CJM_ARG_BAD;
    }
    args->host = value;
  } else {
    return bad ? CJM_ARG_BAD : CJM_ARG_NOT_COMMON;
  }
  return CJM_ARG_TAKEN;
}

static const char help[] =
    "usage: cjm serve [OPTIONS] FILE\n"
    "\n"
    "Serves a live preview of the journey in FILE: a page that shows its map or\n"
    "flow, for all personas or one, and updates itself on every save of FILE or\n"
    "of a module it uses. While FILE has errors the page shows them and keeps the\n"
    "last good picture. Prints the page's address; Ctrl-C stops.\n"
    "\n"
    "options:\n"
    "  --port N            the port (default 8421; 0 for any free port)\n"
    "  --host ADDR         the address to listen on (default 127.0.0.1, this machine\n"
    "                      only); any other lets others read the journey: a warning\n"
    "  and the options of 'cjm check' (-I, -W..., --color, --max-errors)\n";

/* Serves until stopped: reloads on each save. */
static int serve(cjm_cli_common *common, const char *path, const serve_args *args) {
  int stop = cjm_stop_fd();
  cjm_watch *watch = cjm_watch_new();
  if (stop < 0 || !watch) {
    fprintf(stderr, "cjm serve: cannot watch %s: %s\n", path, strerror(errno));
    cjm_watch_free(watch);
    return CJM_EXIT_USAGE;
  }
  cjm_preview_options options = {
      .path = path,
      .load = cjm_cli_load_options(common),
      .diags = common->diags,
      .log = stderr,
      .log_print = {.color = common->color, .show_source = true},
      .log_name = "cjm serve",
  };
  cjm_preview *preview = cjm_preview_new(&options);
  cjm_preview_reload(preview, watch);
  cjm_server *server = cjm_server_start(preview, args->host, args->port);
  if (!server) {
    fprintf(stderr, "cjm serve: cannot listen on %s port %u: %s\n", args->host, args->port, strerror(errno));
    cjm_preview_free(preview);
    cjm_watch_free(watch);
    return CJM_EXIT_USAGE;
  }
  char url[128];
  cjm_server_url(server, url, sizeof url);
  printf("%s\n", url);
  fflush(stdout);
  int status = CJM_EXIT_OK;
  for (;;) {
    cjm_watch_result waited = cjm_watch_wait(watch, stop);
    if (waited == CJM_WATCH_STOPPED) break;
    if (waited == CJM_WATCH_FAILED) {
      status = CJM_EXIT_USAGE;
      break;
    }
    cjm_preview_reload(preview, watch);
  }
  cjm_server_stop(server);
  if (status != CJM_EXIT_OK) fprintf(stderr, "cjm serve: cannot watch %s: %s\n", path, strerror(errno));
  cjm_preview_free(preview);
  cjm_watch_free(watch);
  return status;
}

static int command_main(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  serve_args args = {.host = CJM_SERVER_DEFAULT_HOST, .port = DEFAULT_PORT};
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, "serve", argc, argv, serve_option, &args, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count != 1)
    status = cjm_cli_usage_error("serve", "%s", file_count ? "serves one file at a time" : "no file to serve");
  if (status == CJM_CLI_GO_ON && strcmp(files[0], "-") == 0)
    status = cjm_cli_usage_error("serve", "cannot serve standard input: it has no saves to follow");
  if (status == CJM_CLI_GO_ON) {
    if (cjm_server_host_kind(args.host) != CJM_SERVER_LOOPBACK)
      fprintf(stderr,
              "cjm serve: warning: listening on %s, not on the loopback: anyone who can reach this "
              "address can read the journey\n",
              args.host);
    status = serve(&common, files[0], &args);
  }
  free(files);
  cjm_cli_common_free(&common);
  return status;
}

const cjm_command cjm_command_serve = {"serve", "a live preview in the browser, updated on every save", help,
                                       command_main};
