/* Unit tests for runtime/lsp/frame: reading Content-Length frames from a
 * descriptor (several in one write, headers in any case, bare "\n" line
 * ends, a missing or malformed length, a body over the limit, input that
 * ends in the middle) and writing them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/lsp/frame.h"

/* A reader on a pipe that holds data[0..len) and is then closed. */
typedef struct piped {
  int fds[2];
  cjm_lsp_reader reader;
} piped;

static void pipe_with(piped *p, const char *data, size_t len, size_t max_body) {
  assert_int_equal(pipe(p->fds), 0);
  assert_int_equal(write(p->fds[1], data, len), (ssize_t)len);
  close(p->fds[1]);
  cjm_lsp_reader_init(&p->reader, p->fds[0], max_body);
}

static void pipe_close(piped *p) {
  cjm_lsp_reader_free(&p->reader);
  close(p->fds[0]);
}

#define PIPE_WITH(p, lit, max) pipe_with(p, lit, sizeof(lit) - 1, max)

/* Reads one frame and asserts its status and, for OK, its body. */
static void expect_frame(piped *p, cjm_lsp_frame_status want, const char *body) {
  char *got;
  size_t len;
  assert_int_equal(cjm_lsp_read_frame(&p->reader, &got, &len), want);
  if (want == CJM_FRAME_OK) {
    assert_non_null(got);
    assert_int_equal(len, strlen(body));
    assert_memory_equal(got, body, len);
    assert_int_equal(got[len], '\0');
  } else {
    assert_null(got);
  }
  free(got);
}

static void reads_frames_written_together(void **state) {
  (void)state;
  piped p;
  PIPE_WITH(&p, "Content-Length: 2\r\n\r\n{}Content-Length: 7\r\n\r\n[1,2,3]", 100);
  expect_frame(&p, CJM_FRAME_OK, "{}");
  expect_frame(&p, CJM_FRAME_OK, "[1,2,3]");
  expect_frame(&p, CJM_FRAME_EOF, NULL);
  pipe_close(&p);
}

static void header_names_ignore_case_and_other_headers(void **state) {
  (void)state;
  piped p;
  PIPE_WITH(&p,
            "content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:   3  \r\n\r\nabc"
            "Content-Length: 1\n\nx",
            100);
  expect_frame(&p, CJM_FRAME_OK, "abc");
  expect_frame(&p, CJM_FRAME_OK, "x"); /* bare "\n" line ends */
  expect_frame(&p, CJM_FRAME_EOF, NULL);
  pipe_close(&p);
}

static void a_body_may_hold_blank_lines_and_nul_bytes(void **state) {
  (void)state;
  piped p;
  PIPE_WITH(&p, "Content-Length: 6\r\n\r\na\r\n\r\nb", 100);
  expect_frame(&p, CJM_FRAME_OK, "a\r\n\r\nb");
  pipe_close(&p);
  char *got;
  size_t len;
  PIPE_WITH(&p, "Content-Length: 3\r\n\r\na\0b", 100);
  assert_int_equal(cjm_lsp_read_frame(&p.reader, &got, &len), CJM_FRAME_OK);
  assert_int_equal(len, 3);
  assert_memory_equal(got, "a\0b", 3);
  free(got);
  pipe_close(&p);
}

static void a_malformed_header_is_reported_and_skipped(void **state) {
  (void)state;
  const char *bad[] = {
      "Content-Type: x\r\n\r\n",          /* no length */
      "Content-Length: abc\r\n\r\n",      /* not a number */
      "Content-Length: -1\r\n\r\n",       /* not a number */
      "Content-Length:\r\n\r\n",          /* empty */
      "Content-Length 5\r\n\r\n",         /* no colon */
      "Content-Length: 1\r\nContent-Length: 2\r\n\r\n", /* two lengths */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char data[256];
    snprintf(data, sizeof data, "%sContent-Length: 2\r\n\r\nok", bad[i]);
    piped p;
    pipe_with(&p, data, strlen(data), 100);
    expect_frame(&p, CJM_FRAME_BAD_HEADER, NULL);
    expect_frame(&p, CJM_FRAME_OK, "ok");
    pipe_close(&p);
  }
}

static void a_header_block_over_the_limit_is_refused(void **state) {
  (void)state;
  size_t n = CJM_LSP_MAX_HEADER * 3;
  char *data = malloc(n);
  memset(data, 'x', n);
  piped p;
  assert_int_equal(pipe(p.fds), 0);
  /* a writer that sends endless junk without a blank line */
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(p.fds[0]);
    ssize_t w = write(p.fds[1], data, n);
    _exit(w == (ssize_t)n ? 0 : 1);
  }
  close(p.fds[1]);
  cjm_lsp_reader_init(&p.reader, p.fds[0], 100);
  expect_frame(&p, CJM_FRAME_BAD_HEADER, NULL);
  cjm_lsp_reader_free(&p.reader);
  close(p.fds[0]);
  free(data);
  int status;
  waitpid(pid, &status, 0);
}

static void a_body_over_the_limit_is_dropped(void **state) {
  (void)state;
  piped p;
  PIPE_WITH(&p, "Content-Length: 20\r\n\r\n01234567890123456789Content-Length: 2\r\n\r\nok", 10);
  expect_frame(&p, CJM_FRAME_TOO_LARGE, NULL);
  expect_frame(&p, CJM_FRAME_OK, "ok");
  pipe_close(&p);
  /* a length too large for any integer */
  PIPE_WITH(&p, "Content-Length: 99999999999999999999999999\r\n\r\nabc", 10);
  expect_frame(&p, CJM_FRAME_TRUNCATED, NULL);
  pipe_close(&p);
}

static void input_that_ends_inside_a_frame_is_truncated(void **state) {
  (void)state;
  piped p;
  PIPE_WITH(&p, "Content-Length: 10\r\n\r\nabc", 100);
  expect_frame(&p, CJM_FRAME_TRUNCATED, NULL);
  pipe_close(&p);
  PIPE_WITH(&p, "Content-Len", 100);
  expect_frame(&p, CJM_FRAME_TRUNCATED, NULL);
  pipe_close(&p);
  PIPE_WITH(&p, "\r\n\r\n", 100); /* blank lines between frames, then the end */
  expect_frame(&p, CJM_FRAME_EOF, NULL);
  pipe_close(&p);
}

static void a_large_body_arrives_whole(void **state) {
  (void)state;
  size_t n = 3u << 20;
  char *body = malloc(n + 1);
  for (size_t i = 0; i < n; i++) body[i] = (char)('a' + i % 26);
  body[n] = '\0';
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    _exit(cjm_lsp_write_frame(fds[1], body, n) ? 0 : 1);
  }
  close(fds[1]);
  piped p = {.fds = {fds[0], -1}};
  cjm_lsp_reader_init(&p.reader, fds[0], n);
  expect_frame(&p, CJM_FRAME_OK, body);
  expect_frame(&p, CJM_FRAME_EOF, NULL);
  pipe_close(&p);
  int status;
  waitpid(pid, &status, 0);
  assert_int_equal(status, 0);
  free(body);
}

static void write_frame_writes_the_length_header(void **state) {
  (void)state;
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  assert_true(cjm_lsp_write_frame(fds[1], "{\"a\":1}", 7));
  close(fds[1]);
  char buf[64];
  ssize_t n = read(fds[0], buf, sizeof buf);
  assert_int_equal(n, 28);
  assert_memory_equal(buf, "Content-Length: 7\r\n\r\n{\"a\":1}", 28);
  close(fds[0]);
}

static void write_frame_to_a_closed_pipe_fails(void **state) {
  (void)state;
  signal(SIGPIPE, SIG_IGN);
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  close(fds[0]);
  assert_false(cjm_lsp_write_frame(fds[1], "{}", 2));
  close(fds[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_frames_written_together),
      cmocka_unit_test(header_names_ignore_case_and_other_headers),
      cmocka_unit_test(a_body_may_hold_blank_lines_and_nul_bytes),
      cmocka_unit_test(a_malformed_header_is_reported_and_skipped),
      cmocka_unit_test(a_header_block_over_the_limit_is_refused),
      cmocka_unit_test(a_body_over_the_limit_is_dropped),
      cmocka_unit_test(input_that_ends_inside_a_frame_is_truncated),
      cmocka_unit_test(a_large_body_arrives_whole),
      cmocka_unit_test(write_frame_writes_the_length_header),
      cmocka_unit_test(write_frame_to_a_closed_pipe_fails),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
