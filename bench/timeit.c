/* timeit — runs a command once and prints its wall time.
 *
 *   timeit [-e ERRFILE] CMD [ARG...]
 *
 * The command's standard output goes to /dev/null, its standard error to
 * ERRFILE (default /dev/null). On standard output timeit prints one line:
 *
 *   NANOSECONDS EXIT_STATUS MAX_RSS_KB CPU_NANOSECONDS
 *
 * The clock (CLOCK_MONOTONIC) starts just before fork and stops when the
 * child has been reaped, so the shell's own overhead is not counted.
 * CPU_NANOSECONDS is the child's processor time, user and system: on a
 * machine shared with other work it varies much less than the wall time.
 * timeit exits 0 when it could run the command, whatever the command's
 * exit status (which it prints); 2 on its own errors. A command killed by
 * a signal is reported with exit status 128 + the signal number.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *errfile = "/dev/null";
  int i = 1;
  if (i + 1 < argc && strcmp(argv[i], "-e") == 0) {
    errfile = argv[i + 1];
    i += 2;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: timeit [-e ERRFILE] CMD [ARG...]\n");
    return 2;
  }
  int out = open("/dev/null", O_WRONLY);
  int err = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0 || err < 0) {
    perror("timeit: open");
    return 2;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("timeit: fork");
    return 2;
  }
  if (pid == 0) {
    dup2(out, 1);
    dup2(err, 2);
    execvp(argv[i], argv + i);
    perror("timeit: exec");
    _exit(127);
  }
  int status;
  struct rusage usage;
  if (waitpid(pid, &status, 0) < 0) {
    perror("timeit: waitpid");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  getrusage(RUSAGE_CHILDREN, &usage); /* the only child: its peak RSS */
  long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  long long cpu = ((long long)usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000000LL +
                 ((long long)usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000LL;
  printf("%lld %d %ld %lld\n", ns, code, usage.ru_maxrss, cpu);
  return 0;
}
