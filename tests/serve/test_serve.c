/* Unit tests of the live preview's parts below HTTP: cjm_diags_clear
 * (a reload keeps the -W switches and the cap), the kinds of --host
 * addresses, the watcher (a rename over the file is a change, a file
 * beside it is none, the stop descriptor ends a wait), and the preview
 * (the state after each load, the last good picture kept while the
 * journey is broken, an unknown persona, stopping the waiters). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/diag.h"
#include "lang/limits.h"
#include "runtime/serve/preview.h"
#include "runtime/serve/server.h"
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
  const char *other[] = {"0.0.0.0", "::", "192.0.2.1", "10.0.0.1", "2001:db8::1", "[2001:db8::1]"};
  const char *invalid[] = {"", "example.com", "1.2.3", "[::1", "::1]", "127.0.0.1:80", "[127.0.0.1]",
                           "256.1.1.1", "localhost.", " 127.0.0.1"};
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
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
