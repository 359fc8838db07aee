/* stop — SIGINT and SIGTERM as a descriptor to wait for (stop.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "runtime/serve/stop.h"

static int pipe_fds[2] = {-1, -1};
static volatile sig_atomic_t requested;

/* Async-signal-safe: a flag and one byte into a non-blocking pipe. */
static void on_signal(int signo) {
  (void)signo;
  int saved = errno;
  requested = 1;
  if (pipe_fds[1] >= 0) {
    ssize_t n = write(pipe_fds[1], "x", 1);
    (void)n; /* a full pipe is readable already */
  }
  errno = saved;
}

int cjm_stop_fd(void) {
  if (pipe_fds[0] >= 0) return pipe_fds[0];
  if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    pipe_fds[0] = pipe_fds[1] = -1;
    return -1;
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  signal(SIGPIPE, SIG_IGN);
  return pipe_fds[0];
}

bool cjm_stop_requested(void) { return requested != 0; }
