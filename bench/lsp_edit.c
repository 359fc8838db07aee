/* lsp_edit — times `cjm lsp` from a one-character change to the
 * diagnostics it publishes for it, as an editor would see it.
 *
 *   lsp_edit CJM FILE EDITS
 *
 * Starts `CJM lsp`, initializes it, opens FILE (its text sent in didOpen)
 * and waits for its first diagnostics. Then EDITS times: one incremental
 * didChange that replaces one character of a step's label (alternately
 * with 'X' and back, so the journey stays as it was every other edit),
 * timed from just before the message is written to the moment the
 * publishDiagnostics of that version has been read. Prints one line:
 *
 *   MEDIAN_NS MIN_NS MAX_NS DIAGNOSTICS OPEN_NS CPU_NS
 *
 * (DIAGNOSTICS: how many the first publication had; OPEN_NS: didOpen to
 * the first diagnostics; CPU_NS: the server's processor time per edit,
 * user and system, from /proc/PID/stat, which a loaded machine disturbs
 * less than the wall clock; -1 without /proc). Standalone C11 and POSIX, no JSON library: the
 * messages it writes are fixed, and of the ones it reads it only looks
 * for the method and the version.
 *   cc -std=c11 -O2 -o lsp_edit lsp_edit.c
 */
#define _GNU_SOURCE /* memmem, realpath */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int to_server, from_server;
static char *inbuf;
static size_t in_len, in_cap;

static void die(const char *what) {
  fprintf(stderr, "lsp_edit: %s\n", what);
  exit(2);
}

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void write_all(const char *p, size_t n) {
  while (n) {
    ssize_t k = write(to_server, p, n);
    if (k <= 0) die("write to the server failed");
    p += k;
    n -= (size_t)k;
  }
}

static void send_body(const char *body, size_t n) {
  char head[64];
  int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
  write_all(head, (size_t)h);
  write_all(body, n);
}

/* Reads one message body into a malloc'd string. */
static char *read_message(void) {
  for (;;) {
    char *end = in_len ? memmem(inbuf, in_len, "\r\n\r\n", 4) : NULL;
    if (end) {
      size_t head = (size_t)(end - inbuf) + 4;
      const char *cl = memmem(inbuf, head, "Content-Length:", 15);
      if (!cl) die("a message without Content-Length");
      size_t n = strtoul(cl + 15, NULL, 10);
      if (in_len >= head + n) {
        char *body = malloc(n + 1);
        memcpy(body, inbuf + head, n);
        body[n] = '\0';
        memmove(inbuf, inbuf + head + n, in_len - head - n);
        in_len -= head + n;
        return body;
      }
    }
    if (in_cap - in_len < 65536) {
      in_cap = in_cap ? 2 * in_cap : 1 << 20;
      inbuf = realloc(inbuf, in_cap);
    }
    ssize_t k = read(from_server, inbuf + in_len, in_cap - in_len);
    if (k <= 0) die("the server closed its output");
    in_len += (size_t)k;
  }
}

/* Waits for the diagnostics of version (any version when < 0); returns
 * how many diagnostics they hold. */
static int wait_diagnostics(long version) {
  for (;;) {
    char *m = read_message();
    if (strstr(m, "\"textDocument/publishDiagnostics\"")) {
      char want[64];
      snprintf(want, sizeof want, "\"version\":%ld", version);
      if (version < 0 || strstr(m, want)) {
        int count = 0;
        for (const char *p = m; (p = strstr(p, "\"severity\"")); p++) count++;
        free(m);
        return count;
      }
    }
    free(m);
  }
}

/* The processor time pid has used so far, in ns, or -1. */
static long long cpu_ns(pid_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  const char *p = strrchr(buf, ')'); /* after the command name */
  unsigned long utime, stime;
  if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return -1;
  return (long long)(utime + stime) * (1000000000LL / sysconf(_SC_CLK_TCK));
}

static int by_value(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc != 4) die("usage: lsp_edit CJM FILE EDITS");
  int edits = atoi(argv[3]);
  FILE *f = fopen(argv[2], "rb");
  if (!f) die("cannot open the journey");
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  if (fread(text, 1, (size_t)size, f) != (size_t)size) die("cannot read the journey");
  text[size] = '\0';
  fclose(f);

  /* the character to change: the first letter of a step's label, on an
   * ASCII line in the middle of the file (so UTF-16 = bytes) */
  long line = 0, target_line = -1, column = -1;
  const char *p = text;
  const char *middle = text + size / 2;
  while (*p) {
    const char *eol = strchr(p, '\n');
    if (!eol) eol = p + strlen(p);
    if (p >= middle && strncmp(p, "  step ", 7) == 0) {
      const char *q = memchr(p, '"', (size_t)(eol - p));
      int ascii = q != NULL;
      for (const char *r = p; ascii && r <= q + 1; r++) ascii = (unsigned char)*r < 0x80;
      if (ascii && q + 1 < eol && ((q[1] >= 'a' && q[1] <= 'z') || (q[1] >= 'A' && q[1] <= 'Z'))) {
        target_line = line;
        column = (long)(q + 1 - p);
        break;
      }
    }
    line++;
    p = *eol ? eol + 1 : eol;
  }
  if (target_line < 0) die("no step label to change");
  char original = text[(p - text) + column];

  int in[2], out[2];
  if (pipe(in) || pipe(out)) die("pipe");
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    execl(argv[1], argv[1], "lsp", (char *)NULL);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  to_server = in[1];
  from_server = out[0];

  const char *init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";
  send_body(init, strlen(init));
  free(read_message());
  const char *inited = "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}";
  send_body(inited, strlen(inited));

  /* didOpen, the text escaped as a JSON string */
  char path[4096];
  if (!realpath(argv[2], path)) die("realpath");
  size_t cap = (size_t)size * 2 + 8192, n = 0;
  char *open = malloc(cap);
  n += (size_t)snprintf(open, cap,
                        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                        "{\"uri\":\"file://%s\",\"languageId\":\"cjm\",\"version\":0,\"text\":\"",
                        path);
  for (long i = 0; i < size; i++) {
    unsigned char c = (unsigned char)text[i];
    if (n + 8 > cap) open = realloc(open, cap *= 2);
    if (c == '"' || c == '\\') {
      open[n++] = '\\';
      open[n++] = (char)c;
    } else if (c == '\n') {
      open[n++] = '\\';
      open[n++] = 'n';
    } else if (c < 0x20) {
      n += (size_t)sprintf(open + n, "\\u%04x", c);
    } else {
      open[n++] = (char)c;
    }
  }
  n += (size_t)snprintf(open + n, cap - n, "\"}}}");
  long long t0 = now_ns();
  send_body(open, n);
  int diagnostics = wait_diagnostics(0);
  long long open_ns = now_ns() - t0;
  free(open);

  long long *times = malloc(sizeof *times * (size_t)(edits > 0 ? edits : 1));
  long long cpu0 = cpu_ns(pid);
  for (int i = 1; i <= edits; i++) {
    char change[512];
    char c = i % 2 ? 'X' : original;
    int len = snprintf(change, sizeof change,
                       "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                       "{\"uri\":\"file://%s\",\"version\":%d},\"contentChanges\":[{\"range\":{\"start\":"
                       "{\"line\":%ld,\"character\":%ld},\"end\":{\"line\":%ld,\"character\":%ld}},\"text\":\"%c\"}]}}",
                       path, i, target_line, column, target_line, column + 1, c);
    long long t = now_ns();
    send_body(change, (size_t)len);
    wait_diagnostics(i);
    times[i - 1] = now_ns() - t;
  }
  long long cpu1 = cpu_ns(pid);
  long long cpu = cpu0 >= 0 && cpu1 >= 0 && edits > 0 ? (cpu1 - cpu0) / edits : -1;
  const char *bye = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}";
  send_body(bye, strlen(bye));
  free(read_message());
  const char *ex = "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";
  send_body(ex, strlen(ex));
  close(to_server);
  int status;
  waitpid(pid, &status, 0);
  qsort(times, (size_t)edits, sizeof *times, by_value);
  printf("%lld %lld %lld %d %lld %lld\n", edits ? times[edits / 2] : 0, edits ? times[0] : 0,
         edits ? times[edits - 1] : 0, diagnostics, open_ns, cpu);
  free(times);
  free(text);
  free(inbuf);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
