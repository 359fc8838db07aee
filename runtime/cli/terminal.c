/* terminal — what the CLI asks of the terminal it writes to. */
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "runtime/cli/cli.h"

size_t cjm_cli_terminal_width(int fd) {
  struct winsize ws;
  if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  const char *columns = getenv("COLUMNS");
  if (columns && *columns) {
    char *end;
    long n = strtol(columns, &end, 10);
    if (*end == '\0' && n >= 20 && n <= 10000) return (size_t)n;
  }
  return 100;
}
