/* preview — a journey kept up to date, its state and its pictures
 * (preview.h). */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang/arena.h"
#include "lang/intern.h"
#include "lang/utf8.h"
#include "runtime/base/strbuf.h"
#include "runtime/render/graphviz/driver.h"
#include "runtime/serve/preview.h"

/* How many pictures of the good journey are kept (a view and a persona
 * each); the oldest goes first. */
enum { CACHE_SIZE = 8 };

/* A picture drawn from the good journey. */
typedef struct cached_picture {
  bool used;
  cjm_view view;
  char *persona;               /* owned; NULL for every persona */
  cjm_strbuf svg;
} cached_picture;

struct cjm_preview {
  pthread_mutex_t lock;        /* over everything below, loading, drawing and the log */
  pthread_cond_t changed;      /* a new state, or stopping */
  char *path;                  /* owned */
  cjm_load_options load;
  cjm_diags *diags;            /* the caller's */
  FILE *log;
  cjm_print_options log_print;
  const char *log_name;
  cjm_checked_journey good;    /* the last journey free of errors; empty before one */
  unsigned long generation;    /* of the latest load; 0 before any */
  unsigned long good_generation; /* of the good journey; 0 before one */
  char *state;                 /* the latest load's state as JSON, or NULL before any */
  cached_picture cache[CACHE_SIZE];
  size_t next_slot;            /* where the next picture goes when the cache is full */
  bool stopping;
};

cjm_preview *cjm_preview_new(const cjm_preview_options *options) {
  cjm_preview *p = cjm_xcalloc(1, sizeof *p);
  pthread_mutex_init(&p->lock, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&p->changed, &attr);
  pthread_condattr_destroy(&attr);
  p->path = cjm_xstrdup(options->path);
  p->load = options->load;
  p->diags = options->diags;
  p->log = options->log;
  p->log_print = options->log_print;
  p->log_name = options->log_name ? options->log_name : "cjm";
  return p;
}

/* Forgets every picture drawn. */
static void clear_cache(cjm_preview *p) {
  for (size_t i = 0; i < CACHE_SIZE; i++) {
    free(p->cache[i].persona);
    cjm_strbuf_free(&p->cache[i].svg);
    p->cache[i] = (cached_picture){0};
  }
  p->next_slot = 0;
}

void cjm_preview_free(cjm_preview *p) {
  if (!p) return;
  clear_cache(p);
  cjm_checked_free(&p->good);
  free(p->state);
  free(p->path);
  pthread_cond_destroy(&p->changed);
  pthread_mutex_destroy(&p->lock);
  free(p);
}

/* text[0..len) as a JSON string, each ill-formed byte replaced by U+FFFD
 * (jansson takes only UTF-8, and a diagnostic may quote a broken line). */
static json_t *text_json(const char *text, size_t len) {
  cjm_strbuf clean = {0};
  for (size_t i = 0; i < len;) {
    size_t valid = cjm_utf8_validate(text + i, len - i);
    cjm_strbuf_write(&clean, text + i, valid);
    i += valid;
    if (i < len) {
      cjm_strbuf_puts(&clean, "\xEF\xBF\xBD");
      i++;
    }
  }
  json_t *s = json_stringn(clean.data ? clean.data : "", clean.len);
  cjm_strbuf_free(&clean);
  return s ? s : json_string("");
}

/* The words for how a load ended, as the page reads them. */
static const char *status_word(cjm_checked_status status) {
  switch (status) {
  case CJM_CHECKED_OK: return "ok";
  case CJM_CHECKED_ERRORS: return "errors";
  case CJM_CHECKED_UNREADABLE: break;
  }
  return "unreadable";
}

/* The state of a load that ended with status and printed diagnostics, for
 * the page: with the good journey's title and personas. */
static char *state_json(const cjm_preview *p, cjm_checked_status status, const char *diagnostics, size_t len) {
  json_t *state = json_object();
  json_object_set_new(state, "generation", json_integer((json_int_t)p->generation));
  json_object_set_new(state, "status", json_string(status_word(status)));
  json_object_set_new(state, "errors", json_integer((json_int_t)cjm_diags_errors(p->diags)));
  json_object_set_new(state, "warnings", json_integer((json_int_t)cjm_diags_warnings(p->diags)));
  json_object_set_new(state, "diagnostics", text_json(diagnostics, len));
  json_object_set_new(state, "picture", json_integer((json_int_t)p->good_generation));
  const char *slash = strrchr(p->path, '/');
  json_object_set_new(state, "file", text_json(slash ? slash + 1 : p->path, strlen(slash ? slash + 1 : p->path)));
  const cjm_model *model = p->good.model;
  const char *title = model && model->journey.title ? model->journey.title : NULL;
  json_object_set_new(state, "title", title ? text_json(title, strlen(title)) : json_null());
  json_t *personas = json_array();
  for (size_t i = 0; model && i < model->persona_count; i++) {
    const cjm_decl *decl = &model->personas[i]->decl;
    json_t *persona = json_object();
    json_object_set_new(persona, "id", text_json(decl->id, strlen(decl->id)));
    json_object_set_new(persona, "label", text_json(decl->label, strlen(decl->label)));
    json_array_append_new(personas, persona);
  }
  json_object_set_new(state, "personas", personas);
  char *text = json_dumps(state, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(state);
  return text;
}

/* Prints the diagnostics of journey to out as print says, in source
 * order, with the note that the cap stopped the run. */
static void print_diags(cjm_preview *p, const cjm_checked_journey *journey, FILE *out,
                        const cjm_print_options *print) {
  cjm_checked_print_diags(journey, p->diags, 0, NULL, out, print);
  cjm_diags_print_dropped(p->diags, out, print);
}

/* The line in the log that says how a load ended. */
static void log_load(const cjm_preview *p, cjm_checked_status status) {
  char clock[16] = "";
  time_t now = time(NULL);
  struct tm local;
  if (localtime_r(&now, &local)) strftime(clock, sizeof clock, "%H:%M:%S", &local);
  size_t errors = cjm_diags_errors(p->diags), warnings = cjm_diags_warnings(p->diags);
  if (status == CJM_CHECKED_OK)
    fprintf(p->log, "%s: [%s] loaded %s (%zu warning%s)\n", p->log_name, clock, p->path, warnings,
            warnings == 1 ? "" : "s");
  else
    fprintf(p->log, "%s: [%s] %s %s; the page keeps the last good picture\n", p->log_name, clock, p->path,
            status == CJM_CHECKED_ERRORS ? (errors == 1 ? "has 1 error" : "has errors") : "cannot be read");
  fflush(p->log);
}

cjm_checked_status cjm_preview_reload(cjm_preview *p, cjm_watch *watch) {
  pthread_mutex_lock(&p->lock);
  cjm_diags_clear(p->diags);
  cjm_checked_journey journey;
  cjm_checked_status status = cjm_checked_load(&journey, p->path, &p->load, p->diags);
  if (p->log) {
    print_diags(p, &journey, p->log, &p->log_print);
    fflush(p->log);
  }
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  if (mem) {
    cjm_print_options plain = {.color = false, .show_source = true};
    print_diags(p, &journey, mem, &plain);
    fclose(mem);
  }
  if (watch) cjm_watch_program(watch, p->path, journey.program);
  p->generation++;
  if (status == CJM_CHECKED_OK) {
    clear_cache(p);
    cjm_checked_free(&p->good);
    p->good = journey;
    p->good_generation = p->generation;
  } else {
    cjm_checked_free(&journey);
  }
  if (p->log) log_load(p, status);
  free(p->state);
  p->state = state_json(p, status, text ? text : "", text ? len : 0);
  free(text);
  pthread_cond_broadcast(&p->changed);
  pthread_mutex_unlock(&p->lock);
  return status;
}

/* The cached picture for request, or NULL. */
static cached_picture *find_cached(cjm_preview *p, const cjm_preview_request *request) {
  for (size_t i = 0; i < CACHE_SIZE; i++) {
    cached_picture *c = &p->cache[i];
    if (c->used && c->view == request->view &&
        (c->persona && request->persona ? strcmp(c->persona, request->persona) == 0
                                        : !c->persona && !request->persona))
      return c;
  }
  return NULL;
}

/* Draws request from the good journey into a slot of the cache; NULL
 * when it could not (reported to the log) or the persona is unknown
 * (*unknown set). */
static cached_picture *draw(cjm_preview *p, const cjm_preview_request *request, bool *unknown) {
  const cjm_persona *persona = NULL;
  if (request->persona) {
    const char *id = cjm_intern_lookup(p->good.program->names, request->persona, strlen(request->persona));
    persona = id ? cjm_model_persona(p->good.model, id) : NULL;
    if (!persona) {
      *unknown = true;
      return NULL;
    }
  }
  /* request->theme is not passed on: the renderer has no themes yet. */
  cjm_render_options options = {.format = "svg", .view = request->view, .persona = persona, .bom = true};
  cjm_diags *diags = cjm_diags_new();
  cjm_strbuf svg = {0};
  bool ok = cjm_render_graphviz(p->good.model, p->good.analysis, &options, &svg, diags);
  if (!ok && p->log) {
    cjm_diags_print(diags, 0, p->log, &p->log_print);
    fflush(p->log);
  }
  cjm_diags_free(diags);
  if (!ok) {
    cjm_strbuf_free(&svg);
    return NULL;
  }
  size_t slot = 0;
  while (slot < CACHE_SIZE && p->cache[slot].used) slot++;
  if (slot == CACHE_SIZE) {
    slot = p->next_slot;
    p->next_slot = (p->next_slot + 1) % CACHE_SIZE;
    free(p->cache[slot].persona);
    cjm_strbuf_free(&p->cache[slot].svg);
  }
  p->cache[slot] = (cached_picture){.used = true,
                                    .view = request->view,
                                    .persona = request->persona ? cjm_xstrdup(request->persona) : NULL,
                                    .svg = svg};
  return &p->cache[slot];
}

cjm_preview_result cjm_preview_picture(cjm_preview *p, const cjm_preview_request *request, char **svg,
                                       size_t *len, unsigned long *generation) {
  *svg = NULL;
  *len = 0;
  pthread_mutex_lock(&p->lock);
  cjm_preview_result result = CJM_PREVIEW_NO_JOURNEY;
  if (p->good.model) {
    bool unknown = false;
    cached_picture *c = find_cached(p, request);
    if (!c) c = draw(p, request, &unknown);
    if (c) {
      *svg = cjm_xcalloc(1, c->svg.len + 1);
      if (c->svg.len) memcpy(*svg, c->svg.data, c->svg.len);
      *len = c->svg.len;
      *generation = p->good_generation;
      result = CJM_PREVIEW_PICTURE;
    } else {
      result = unknown ? CJM_PREVIEW_NO_PERSONA : CJM_PREVIEW_FAILED;
    }
  }
  pthread_mutex_unlock(&p->lock);
  return result;
}

cjm_preview_wait_result cjm_preview_wait(cjm_preview *p, unsigned long *seen, int timeout_ms, char **json) {
  *json = NULL;
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&p->lock);
  cjm_preview_wait_result result = CJM_PREVIEW_QUIET;
  for (;;) {
    if (p->stopping) {
      result = CJM_PREVIEW_STOPPING;
      break;
    }
    if (p->state && p->generation != *seen) {
      *json = cjm_xstrdup(p->state);
      *seen = p->generation;
      result = CJM_PREVIEW_STATE;
      break;
    }
    if (pthread_cond_timedwait(&p->changed, &p->lock, &deadline) == ETIMEDOUT) break;
  }
  pthread_mutex_unlock(&p->lock);
  return result;
}

void cjm_preview_stop(cjm_preview *p) {
  pthread_mutex_lock(&p->lock);
  p->stopping = true;
  pthread_cond_broadcast(&p->changed);
  pthread_mutex_unlock(&p->lock);
}
