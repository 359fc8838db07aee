/* Unit tests of the live preview's parts below HTTP: cjm_diags_clear
 * (a reload keeps the -W switches and the cap), the kinds of --host
 * addresses, the watcher (a rename over the file is a change, a file
 * beside it is none, the stop descriptor ends a wait; paths it cannot
 * watch, its directory moved or removed, a missing module, saves that
 * never pause), the preview (the state after each load, the last good
 * picture kept while the journey is broken, an unknown persona, stopping
 * the waiters, its log, more pictures than it keeps) and the server's
 * refusals to start. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/diag.h"
#include "lang/limits.h"
#include "runtime/serve/preview.h"
#include "runtime/serve/server.h"
#include "runtime/serve/stop.h"
#include "runtime/serve/watch.h"

static void diags_clear_keeps_the_switches(void **state) {
  (void)state;
  cjm_diags *diags = cjm_diags_new();
  assert_true(cjm_diags_set_option(diags, "-Wno-unused"));
  cjm_diags_set_max_errors(diags, 2);
  for (int i = 0; i < 3; i++) cjm_error(diags, "test", NULL, "error %d", i);
  cjm_warning(diags, "coverage", NULL, "a warning");
  assert_int_equal(cjm_diags_errors(diags), 3);
  cjm_diags_clear(diags);
  assert_int_equal(cjm_diags_count(diags), 0);
  assert_int_equal(cjm_diags_errors(diags), 0);
  assert_int_equal(cjm_diags_warnings(diags), 0);
  assert_false(cjm_diags_full(diags));
  assert_false(cjm_diags_warning_enabled(diags, "unused"));
  assert_true(cjm_diags_warning_enabled(diags, "coverage"));
  for (int i = 0; i < 3; i++) cjm_error(diags, "test", NULL, "again %d", i);
  assert_int_equal(cjm_diags_errors(diags), 3);
  assert_int_equal(cjm_diags_count(diags), 2); /* the cap is still 2 */
  cjm_diags_free(diags);
}

static void host_kinds(void **state) {
  (void)state;
  const char *loopback[] = {"127.0.0.1", "127.5.5.5", "::1", "[::1]", "localhost", "LOCALHOST"};
  const char *other[] = {"0.0.0.0", "::", "192.0.2.1", "10.0.0.1", "2001:db8::1", "[2001:db8::1]",
                         "1::1", "0:1::1", "::1:0:0:1", "::2"};
  const char *invalid[] = {"", "example.com", "1.2.3", "[::1", "::1]", "127.0.0.1:80", "[127.0.0.1]",
                           "256.1.1.1", "localhost.", " 127.0.0.1", "[", "[]"};
  for (size_t i = 0; i < sizeof loopback / sizeof *loopback; i++)
    assert_int_equal(cjm_server_host_kind(loopback[i]), CJM_SERVER_LOOPBACK);
  for (size_t i = 0; i < sizeof other / sizeof *other; i++)
    assert_int_equal(cjm_server_host_kind(other[i]), CJM_SERVER_OTHER);
  for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++)
    assert_int_equal(cjm_server_host_kind(invalid[i]), CJM_SERVER_INVALID);
}

/* A temporary directory and a journey in it. */
typedef struct scratch {
  char dir[64];
  char path[128];
} scratch;

static void scratch_new(scratch *s) {
  snprintf(s->dir, sizeof s->dir, "%s", "/tmp/cjm-test-serve.XXXXXX");
  assert_non_null(mkdtemp(s->dir));
  snprintf(s->path, sizeof s->path, "%s/j.cjm", s->dir);
}

/* Writes text to name in the scratch directory as editors save: a new
 * file renamed over the old one. */
static void save(const scratch *s, const char *name, const char *text) {
  char tmp[160], to[160];
  snprintf(tmp, sizeof tmp, "%s/.%s.new", s->dir, name);
  snprintf(to, sizeof to, "%s/%s", s->dir, name);
  FILE *f = fopen(tmp, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
  assert_int_equal(rename(tmp, to), 0);
}

static void scratch_free(scratch *s) {
  char command[128];
  snprintf(command, sizeof command, "rm -rf '%s'", s->dir);
  assert_int_equal(system(command), 0);
}

/* Writes a byte to a pipe after a while (a thread). */
static void *stop_later(void *arg) {
  usleep(300 * 1000);
  ssize_t n = write(*(int *)arg, "x", 1);
  (void)n;
  return NULL;
}

static void watcher_sees_renames_not_neighbours(void **state) {
  (void)state;
  scratch s;
  scratch_new(&s);
  save(&s, "j.cjm", "journey \"W\"\n");
  cjm_watch *watch = cjm_watch_new();
  assert_non_null(watch);
  assert_true(cjm_watch_program(watch, s.path, NULL));
  int stop[2];
  assert_int_equal(pipe(stop), 0);
  /* A save by rename is a change (its events queue until the wait). */
  save(&s, "j.cjm", "journey \"W2\"\n");
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_CHANGED);
  /* A file beside it is none: the wait goes on until stopped. */
  save(&s, "notes.txt", "hello\n");
  save(&s, "other.cjm", "journey \"O\"\n");
  pthread_t thread;
  assert_int_equal(pthread_create(&thread, NULL, stop_later, &stop[1]), 0);
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_STOPPED);
  pthread_join(thread, NULL);
  cjm_watch_free(watch);
  close(stop[0]);
  close(stop[1]);
  scratch_free(&s);
}

/* Writes a byte to a pipe after 20 ms: soon after a save, within the
 * quiet moment the wait gives a burst (a thread). */
static void *stop_soon(void *arg) {
  usleep(20 * 1000);
  ssize_t n = write(*(int *)arg, "x", 1);
  (void)n;
  return NULL;
}

/* Saves j.cjm every 40 ms for 800 ms, longer than a burst may delay the
 * wait (a thread). */
static void *save_often(void *arg) {
  const scratch *s = arg;
  for (int i = 0; i < 20; i++) {
    save(s, "j.cjm", i % 2 ? "journey \"A\"\n" : "journey \"B\"\n");
    usleep(40 * 1000);
  }
  return NULL;
}

/* Waits, expecting to be stopped (by a thread 300 ms from now): no change
 * mattered. */
static void wait_expecting_nothing(cjm_watch *watch, int stop[2]) {
  pthread_t thread;
  assert_int_equal(pthread_create(&thread, NULL, stop_later, &stop[1]), 0);
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_STOPPED);
  pthread_join(thread, NULL);
  char byte;
  assert_int_equal(read(stop[0], &byte, 1), 1);
}

static void watcher_refuses_what_it_cannot_watch(void **state) {
  (void)state;
  cjm_watch_free(NULL);
  cjm_watch *watch = cjm_watch_new();
  assert_non_null(watch);
  /* standard input, nothing, a directory, a directory that does not
   * exist, a path too long: nothing watched, errno says why */
  const char *nothing[] = {"-", "", "/tmp/", "/nonexistent-cjm-directory/j.cjm"};
  const int why[] = {ENOENT, ENOENT, EISDIR, ENOENT};
  for (size_t i = 0; i < sizeof nothing / sizeof *nothing; i++) {
    errno = 0;
    assert_false(cjm_watch_program(watch, nothing[i], NULL));
    assert_int_equal(errno, why[i]);
  }
  char long_path[PATH_MAX + 16];
  memset(long_path, 'd', sizeof long_path);
  memcpy(long_path, "/tmp/", 5);
  strcpy(long_path + PATH_MAX + 4, "/j.cjm");
  errno = 0;
  assert_false(cjm_watch_program(watch, long_path, NULL));
  assert_int_equal(errno, ENAMETOOLONG);
  /* a file in the root directory: its directory is "/" */
  assert_true(cjm_watch_program(watch, "/cjm-test-no-such-journey.cjm", NULL));
  cjm_watch_free(watch);
}

static void watcher_follows_its_directories(void **state) {
  (void)state;
  scratch s;
  scratch_new(&s);
  scratch inner; /* a directory in it */
  snprintf(inner.dir, sizeof inner.dir, "%.40s/sub", s.dir);
  snprintf(inner.path, sizeof inner.path, "%.60s/j.cjm", inner.dir);
  const char *sub = inner.dir, *in_sub = inner.path;
  assert_int_equal(mkdir(sub, 0700), 0);
  save(&s, "j.cjm", "journey \"W\"\n");
  save(&inner, "j.cjm", "journey \"W\"\n");
  cjm_watch *watch = cjm_watch_new();
  int stop[2];
  assert_int_equal(pipe(stop), 0);

  /* Moved to another directory: the first one no longer counts. */
  assert_true(cjm_watch_program(watch, s.path, NULL));
  assert_true(cjm_watch_program(watch, in_sub, NULL));
  save(&s, "j.cjm", "journey \"W2\"\n");
  wait_expecting_nothing(watch, stop);

  /* Its directory removed: a change; then nothing to watch, until the
   * directory is back. */
  char command[160];
  snprintf(command, sizeof command, "rm -rf '%s'", sub);
  assert_int_equal(system(command), 0);
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_CHANGED);
  errno = 0;
  assert_false(cjm_watch_program(watch, in_sub, NULL));
  assert_int_equal(errno, ENOENT); /* (was EINVAL: inotify_rm_watch of the dropped directory) */
  assert_int_equal(mkdir(sub, 0700), 0);
  assert_true(cjm_watch_program(watch, in_sub, NULL));

  /* No stop descriptor: a save is a change all the same. */
  save(&inner, "j.cjm", "journey \"W3\"\n");
  assert_int_equal(cjm_watch_wait(watch, -1), CJM_WATCH_CHANGED);

  /* Stopped in the quiet moment after a save: stopped. */
  pthread_t thread;
  save(&inner, "j.cjm", "journey \"W4\"\n");
  assert_int_equal(pthread_create(&thread, NULL, stop_soon, &stop[1]), 0);
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_STOPPED);
  pthread_join(thread, NULL);
  char byte;
  assert_int_equal(read(stop[0], &byte, 1), 1);

  /* Saves that never pause: the wait returns all the same. */
  assert_true(cjm_watch_program(watch, s.path, NULL));
  assert_int_equal(pthread_create(&thread, NULL, save_often, &s), 0);
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_CHANGED);
  pthread_join(thread, NULL);

  cjm_watch_free(watch);
  close(stop[0]);
  close(stop[1]);
  scratch_free(&s);
}

/* The text of a temporary file (a log), from its start. */
static char *file_text(FILE *f) {
  fflush(f);
  long size = ftell(f);
  assert_true(size >= 0);
  char *text = calloc(1, (size_t)size + 1);
  rewind(f);
  assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
  return text;
}

static void preview_waits_for_a_missing_module(void **state) {
  (void)state;
  scratch s;
  scratch_new(&s);
  save(&s, "j.cjm", "journey \"M\"\nuse \"later\"\npersona ann \"Ann\"\nstage s \"S\"\n  step a \"A\" by ann via web\n");
  FILE *log = tmpfile();
  assert_non_null(log);
  cjm_diags *diags = cjm_diags_new();
  cjm_preview_options options = {.path = s.path, .load = {.limits = CJM_LIMITS_DEFAULT}, .diags = diags,
                                 .log = log, .log_name = "test"};
  cjm_preview *preview = cjm_preview_new(&options);
  cjm_watch *watch = cjm_watch_new();
  int stop[2];
  assert_int_equal(pipe(stop), 0);
  assert_int_equal(cjm_preview_reload(preview, watch), CJM_CHECKED_ERRORS);
  char *text = file_text(log);
  if (!strstr(text, "cannot find module 'later'") || !strstr(text, "test: [") ||
      !strstr(text, "j.cjm has 1 error; the page keeps the last good picture"))
    fail_msg("the log lacks the error or its line: %s", text);
  free(text);

  /* Other files than journeys are no change, nor a file named .cjm. */
  save(&s, "notes.txt", "hello\n");
  save(&s, ".cjm", "hello\n");
  wait_expecting_nothing(watch, stop);
  /* Any journey appearing may be the module: a change. */
  save(&s, "later.cjm", "channel web \"Web\"\npersona bob \"Bob\"\n");
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_CHANGED);
  rewind(log);
  assert_int_equal(cjm_preview_reload(preview, watch), CJM_CHECKED_OK);
  text = file_text(log);
  if (!strstr(text, "persona 'bob' is declared but never used") || !strstr(text, "(1 warning)"))
    fail_msg("the log lacks the warning or its line: %s", text);
  free(text);

  /* Removed: the log says it cannot be read. */
  char moved[160];
  snprintf(moved, sizeof moved, "%s/moved.cjm", s.dir);
  assert_int_equal(rename(s.path, moved), 0);
  rewind(log);
  assert_int_equal(cjm_preview_reload(preview, watch), CJM_CHECKED_UNREADABLE);
  text = file_text(log);
  if (!strstr(text, "j.cjm cannot be read; the page keeps the last good picture"))
    fail_msg("the log lacks its line: %s", text);
  free(text);
  assert_int_equal(rename(moved, s.path), 0);
  assert_int_equal(cjm_watch_wait(watch, stop[0]), CJM_WATCH_CHANGED);
  assert_int_equal(cjm_preview_reload(preview, watch), CJM_CHECKED_OK);

  /* The module's journey no longer missing: other journeys are no change. */
  save(&s, "other.cjm", "journey \"O\"\n");
  wait_expecting_nothing(watch, stop);

  /* Two errors, one of them in a line of ill-formed UTF-8: the state has
   * U+FFFD in its place, and the log says "has errors". */
  save(&s, "j.cjm", "journey \"M\"\nuse \"later\"\npersona ann \"Ann\"\nstage s \"S\"\n"
                    "  step a \"A \xff\" by nobody\n  step b \"B\" by nobody2\n");
  rewind(log);
  assert_int_equal(cjm_preview_reload(preview, watch), CJM_CHECKED_ERRORS);
  unsigned long seen = 0;
  char *json;
  assert_int_equal(cjm_preview_wait(preview, &seen, 10, &json), CJM_PREVIEW_STATE);
  if (!strstr(json, "\xEF\xBF\xBD") || strstr(json, "\xff")) fail_msg("no U+FFFD in the state: %s", json);
  free(json);
  text = file_text(log);
  if (!strstr(text, "j.cjm has errors;")) fail_msg("the log lacks its line: %s", text);
  free(text);

  cjm_preview_free(preview);
  cjm_preview_free(NULL);
  cjm_watch_free(watch);
  cjm_diags_free(diags);
  fclose(log);
  close(stop[0]);
  close(stop[1]);
  scratch_free(&s);
}

/* More pictures than the preview keeps: each is drawn, and one drawn
 * again after it was dropped is the same. */
static void preview_draws_more_than_it_keeps(void **state) {
  (void)state;
  scratch s;
  scratch_new(&s);
  save(&s, "j.cjm",
       "journey \"Many\"\npersona p1 \"One\"\npersona p2 \"Two\"\npersona p3 \"Three\"\npersona p4 \"Four\"\n"
       "stage s \"S\"\n  step a \"Step of one\" by p1\n  step b \"Step of two\" by p2\n"
       "  step c \"Step of three\" by p3\n  step d \"Step of four\" by p4\n");
  cjm_diags *diags = cjm_diags_new();
  cjm_preview_options options = {.path = s.path, .load = {.limits = CJM_LIMITS_DEFAULT}, .diags = diags};
  cjm_preview *preview = cjm_preview_new(&options);
  assert_int_equal(cjm_preview_reload(preview, NULL), CJM_CHECKED_OK);
  const char *personas[] = {NULL, "p1", "p2", "p3", "p4"};
  const char *labels[] = {"Step of four", "Step of one", "Step of two", "Step of three", "Step of four"};
  char *first = NULL;
  size_t first_len = 0;
  for (int round = 0; round < 2; round++) {
    for (int view = 0; view < 2; view++) {
      for (size_t i = 0; i < sizeof personas / sizeof *personas; i++) {
        cjm_preview_request request = {.view = view ? CJM_VIEW_FLOW : CJM_VIEW_MAP, .persona = personas[i],
                                       .theme = "light"};
        char *svg;
        size_t len;
        unsigned long generation = 0;
        assert_int_equal(cjm_preview_picture(preview, &request, &svg, &len, &generation), CJM_PREVIEW_PICTURE);
        assert_int_equal(generation, 1);
        if (!strstr(svg, labels[i])) fail_msg("picture %d/%zu lacks %s", view, i, labels[i]);
        if (view == 0 && i == 1) {
          if (round == 0) {
            first = svg;
            first_len = len;
            continue;
          }
          assert_int_equal(len, first_len);
          assert_memory_equal(svg, first, len);
        }
        free(svg);
      }
    }
  }
  free(first);
  cjm_preview_free(preview);
  cjm_diags_free(diags);
  scratch_free(&s);
}

/* A journey too wide for its map (3,200 personas by 1,600 stages, over
 * the budget of cells): the picture fails, and the log says why. */
static void preview_reports_a_picture_it_cannot_draw(void **state) {
  (void)state;
  scratch s;
  scratch_new(&s);
  FILE *f = fopen(s.path, "w");
  assert_non_null(f);
  fputs("journey \"Wide\"\n", f);
  for (int i = 0; i < 3200; i++) fprintf(f, "persona p%d\n", i);
  for (int i = 0; i < 1600; i++) fprintf(f, "stage s%d\n  step t%d\n", i, i);
  fputs("  step last \"Last\" by p7\n", f);
  assert_int_equal(fclose(f), 0);
  FILE *log = tmpfile();
  cjm_diags *diags = cjm_diags_new();
  assert_true(cjm_diags_set_option(diags, "-Wno-unused"));
  cjm_preview_options options = {.path = s.path, .load = {.limits = CJM_LIMITS_DEFAULT}, .diags = diags,
                                 .log = log, .log_name = "test"};
  cjm_preview *preview = cjm_preview_new(&options);
  assert_int_equal(cjm_preview_reload(preview, NULL), CJM_CHECKED_OK);
  cjm_preview_request map = {.view = CJM_VIEW_MAP, .theme = "light"};
  char *svg;
  size_t len;
  unsigned long generation = 0;
  rewind(log);
  assert_int_equal(cjm_preview_picture(preview, &map, &svg, &len, &generation), CJM_PREVIEW_FAILED);
  assert_null(svg);
  char *text = file_text(log);
  if (!strstr(text, "error: the map would have 10,272,009 cells (3,209 x 3,201), over the budget of 10,000,000"))
    fail_msg("the log lacks the reason: %s", text);
  free(text);
  cjm_preview_free(preview);
  /* without a log, it fails all the same */
  options.log = NULL;
  preview = cjm_preview_new(&options);
  assert_int_equal(cjm_preview_reload(preview, NULL), CJM_CHECKED_OK);
  assert_int_equal(cjm_preview_picture(preview, &map, &svg, &len, &generation), CJM_PREVIEW_FAILED);
  cjm_preview_free(preview);
  cjm_diags_free(diags);
  fclose(log);
  scratch_free(&s);
}

static void reload_expecting(cjm_preview *preview, cjm_checked_status status, unsigned long generation,
                             const char *const *texts);

/* A journey without a journey line: its state's title is null; a wait of
 * 999 ms (its deadline past the second) with nothing new is quiet. */
static void preview_of_a_journey_without_a_title(void **state) {
  (void)state;
  scratch s;
  scratch_new(&s);
  save(&s, "j.cjm", "persona p \"P\"\nstage s \"S\"\n  step a \"A\" by p\n");
  cjm_diags *diags = cjm_diags_new();
  cjm_preview_options options = {.path = s.path, .load = {.limits = CJM_LIMITS_DEFAULT}, .diags = diags};
  cjm_preview *preview = cjm_preview_new(&options);
  reload_expecting(preview, CJM_CHECKED_OK, 1, (const char *[]){"\"title\":null", "\"file\":\"j.cjm\"", NULL});
  unsigned long seen = 1;
  char *json;
  assert_int_equal(cjm_preview_wait(preview, &seen, 999, &json), CJM_PREVIEW_QUIET);
  assert_null(json);
  cjm_preview_free(preview);
  cjm_diags_free(diags);
  scratch_free(&s);
}

/* The stop descriptor is made once: asked again, the same. */
static void stop_descriptor_is_made_once(void **state) {
  (void)state;
  int fd = cjm_stop_fd();
  assert_true(fd >= 0);
  assert_int_equal(cjm_stop_fd(), fd);
  assert_false(cjm_stop_requested());
}

static void server_refuses_to_start(void **state) {
  (void)state;
  cjm_server_stop(NULL);
  scratch s;
  scratch_new(&s);
  save(&s, "j.cjm", "journey \"S\"\n");
  cjm_diags *diags = cjm_diags_new();
  cjm_preview_options options = {.path = s.path, .load = {.limits = CJM_LIMITS_DEFAULT}, .diags = diags};
  cjm_preview *preview = cjm_preview_new(&options);
  /* no address, a port too high */
  errno = 0;
  assert_null(cjm_server_start(preview, "example.com", 0));
  assert_int_equal(errno, EINVAL);
  errno = 0;
  assert_null(cjm_server_start(preview, "127.0.0.1", 65536));
  assert_int_equal(errno, EINVAL);
  /* addresses this machine does not have (documentation addresses) */
  errno = 0;
  assert_null(cjm_server_start(preview, "192.0.2.1", 0));
  assert_int_not_equal(errno, 0);
  const char *v6[] = {"2001:db8::1", "1::", "0:1::", "::1:0:0:0", "::2"}; /* each word of :: in turn not 0 */
  for (size_t i = 0; i < sizeof v6 / sizeof *v6; i++) {
    errno = 0;
    assert_null(cjm_server_start(preview, v6[i], 0));
    assert_int_not_equal(errno, 0);
  }
  /* a port in use */
  cjm_server *first = cjm_server_start(preview, "127.0.0.1", 0);
  assert_non_null(first);
  unsigned port = cjm_server_port(first);
  assert_true(port > 0);
  char url[64], want[64];
  cjm_server_url(first, url, sizeof url);
  snprintf(want, sizeof want, "http://127.0.0.1:%u/", port);
  assert_string_equal(url, want);
  errno = 0;
  assert_null(cjm_server_start(preview, "localhost", port));
  assert_int_equal(errno, EADDRINUSE);
  cjm_server_stop(first);
  cjm_preview_free(preview);
  cjm_diags_free(diags);
  scratch_free(&s);
}

/* Reloads preview, expecting status, then the next state: its generation
 * `generation`, holding each of the NULL-terminated texts. */
static void reload_expecting(cjm_preview *preview, cjm_checked_status status, unsigned long generation,
                             const char *const *texts) {
  assert_int_equal(cjm_preview_reload(preview, NULL), status);
  unsigned long seen = generation - 1;
  char *json;
  assert_int_equal(cjm_preview_wait(preview, &seen, 10, &json), CJM_PREVIEW_STATE);
  assert_int_equal(seen, generation);
  for (const char *const *text = texts; *text; text++) {
    if (!strstr(json, *text)) fail_msg("the state lacks %s: %s", *text, json);
  }
  free(json);
}

/* The map of the good journey: holding has, not holding lacks (or NULL),
 * drawn from the load of that generation. */
static void map_expecting(cjm_preview *preview, const char *has, const char *lacks, unsigned long generation) {
  cjm_preview_request map = {.view = CJM_VIEW_MAP, .theme = "light"};
  char *svg;
  size_t len;
  unsigned long drawn = 0;
  assert_int_equal(cjm_preview_picture(preview, &map, &svg, &len, &drawn), CJM_PREVIEW_PICTURE);
  assert_true(len > 0 && strstr(svg, has));
  if (lacks) assert_null(strstr(svg, lacks));
  assert_int_equal(drawn, generation);
  free(svg);
}

static void preview_keeps_the_last_good_picture(void **state) {
  (void)state;
  scratch s;
  scratch_new(&s);
  save(&s, "j.cjm",
       "journey \"Preview\"\npersona ann \"Ann\"\nstage s \"S\"\n  step a \"First label\" by ann\n");
  cjm_diags *diags = cjm_diags_new();
  cjm_preview_options options = {.path = s.path, .load = {.limits = CJM_LIMITS_DEFAULT}, .diags = diags};
  cjm_preview *preview = cjm_preview_new(&options);
  unsigned long seen = 0;
  char *json;
  /* Nothing loaded yet: no state, no picture. */
  assert_int_equal(cjm_preview_wait(preview, &seen, 10, &json), CJM_PREVIEW_QUIET);
  cjm_preview_request map = {.view = CJM_VIEW_MAP, .theme = "light"};
  char *svg;
  size_t len;
  unsigned long generation = 0;
  assert_int_equal(cjm_preview_picture(preview, &map, &svg, &len, &generation), CJM_PREVIEW_NO_JOURNEY);
  free(svg);

  reload_expecting(preview, CJM_CHECKED_OK, 1,
                   (const char *[]){"\"status\":\"ok\"", "\"picture\":1",
                                    "\"personas\":[{\"id\":\"ann\",\"label\":\"Ann\"}]", NULL});
  map_expecting(preview, "First label", NULL, 1);
  cjm_preview_request nobody = {.view = CJM_VIEW_FLOW, .persona = "nobody", .theme = "dark"};
  assert_int_equal(cjm_preview_picture(preview, &nobody, &svg, &len, &generation), CJM_PREVIEW_NO_PERSONA);
  free(svg);

  /* Broken: a new state with the diagnostics, the same picture. */
  save(&s, "j.cjm", "journey \"Preview\"\npersona ann \"Ann\"\nstage s \"S\"\n  step a \"Second\" by bob\n");
  reload_expecting(preview, CJM_CHECKED_ERRORS, 2,
                   (const char *[]){"\"status\":\"errors\"", "\"picture\":1", "unknown persona 'bob'", NULL});
  map_expecting(preview, "First label", NULL, 1);

  /* Removed: unreadable, the picture stays. */
  assert_int_equal(unlink(s.path), 0);
  reload_expecting(preview, CJM_CHECKED_UNREADABLE, 3, (const char *[]){"\"status\":\"unreadable\"", NULL});
  map_expecting(preview, "First label", NULL, 1);

  /* Fixed: a new picture. */
  save(&s, "j.cjm", "journey \"Preview\"\npersona ann \"Ann\"\nstage s \"S\"\n  step a \"Third label\" by ann\n");
  reload_expecting(preview, CJM_CHECKED_OK, 4, (const char *[]){"\"status\":\"ok\"", "\"picture\":4", NULL});
  map_expecting(preview, "Third label", "First label", 4);

  /* Nothing new: quiet; stopped: every wait returns at once. */
  seen = 4;
  assert_int_equal(cjm_preview_wait(preview, &seen, 10, &json), CJM_PREVIEW_QUIET);
  cjm_preview_stop(preview);
  assert_int_equal(cjm_preview_wait(preview, &seen, 60000, &json), CJM_PREVIEW_STOPPING);
  cjm_preview_free(preview);
  cjm_diags_free(diags);
  scratch_free(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(diags_clear_keeps_the_switches),
      cmocka_unit_test(host_kinds),
      cmocka_unit_test(watcher_sees_renames_not_neighbours),
      cmocka_unit_test(preview_keeps_the_last_good_picture),
      cmocka_unit_test(watcher_refuses_what_it_cannot_watch),
      cmocka_unit_test(watcher_follows_its_directories),
      cmocka_unit_test(preview_waits_for_a_missing_module),
      cmocka_unit_test(preview_draws_more_than_it_keeps),
      cmocka_unit_test(preview_reports_a_picture_it_cannot_draw),
      cmocka_unit_test(preview_of_a_journey_without_a_title),
      cmocka_unit_test(stop_descriptor_is_made_once),
      cmocka_unit_test(server_refuses_to_start),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
