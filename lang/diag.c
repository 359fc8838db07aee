/* diag — see diag.h. */
#include "lang/diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/utf8.h"

/* A warning cjm knows, with its default. */
typedef struct warning_info {
  const char *name;  /* as in -Wname and [name] */
  const char *group; /* a group that switches it too, or NULL */
  bool on;           /* reported unless switched off */
} warning_info;

static const warning_info known_warnings[] = {
    {"unused", NULL, true},
    {"empty-stage", NULL, true},
    {"coverage", NULL, true},
    {"unreachable", NULL, true},
    {"sparse-feel", NULL, true},
    {"not-taking-part", NULL, true},
    {"misleading-indentation", NULL, true},
    {"cliff", "cx", false},
    {"pain-without-opportunity", "cx", false},
};
enum { WARNING_COUNT = sizeof known_warnings / sizeof known_warnings[0] };

typedef enum warn_state { WARN_OFF, WARN_ON, WARN_ERROR } warn_state;

struct cjm_diags {
  cjm_diag *items;                    /* kept diagnostics, report order */
  size_t count, capacity;
  size_t errors;                      /* all errors, kept or not */
  size_t warnings;                    /* warnings kept as warnings */
  size_t max_errors;                  /* 0: no cap */
  size_t kept_errors;                 /* errors among items */
  size_t last_kept;                   /* with the cap reached: the kept error that comes last in
                                         source order, or SIZE_MAX when not known */
  const cjm_source **files;           /* reading order (cjm_diags_add_file) */
  size_t file_count, file_capacity;
  size_t dropped;                     /* errors and warnings past the cap */
  size_t dropped_warnings;            /* warnings past their cap (as many as errors) */
  bool unchecked;                     /* the cap stopped a phase before the end of its input */
  warn_state state[WARNING_COUNT];    /* per known warning */
};

/* Frees what a diagnostic owns. */
static void free_diag(cjm_diag *d) {
  free(d->message);
  for (size_t j = 0; j < d->note_count; j++) free(d->notes[j].message);
  free(d->notes);
}

cjm_diags *cjm_diags_new(void) {
  cjm_diags *diags = cjm_xcalloc(1, sizeof *diags);
  diags->max_errors = CJM_DEFAULT_MAX_ERRORS;
  diags->last_kept = SIZE_MAX;
  for (size_t i = 0; i < WARNING_COUNT; i++) diags->state[i] = known_warnings[i].on ? WARN_ON : WARN_OFF;
  return diags;
}

void cjm_diags_free(cjm_diags *diags) {
  if (!diags) return;
  for (size_t i = 0; i < diags->count; i++) free_diag(&diags->items[i]);
  free(diags->items);
  free(diags->files);
  free(diags);
}

void cjm_diags_clear(cjm_diags *diags) {
  for (size_t i = 0; i < diags->count; i++) free_diag(&diags->items[i]);
  /* Everything back to zero but the settings (and the arrays, reused). */
  cjm_diags kept = *diags;
  *diags = (cjm_diags){.items = kept.items, .capacity = kept.capacity, .files = kept.files,
                       .file_capacity = kept.file_capacity, .max_errors = kept.max_errors,
                       .last_kept = SIZE_MAX};
  memcpy(diags->state, kept.state, sizeof diags->state);
}

void cjm_diags_add_file(cjm_diags *diags, const cjm_source *source) {
  if (diags->file_count == diags->file_capacity) {
    diags->file_capacity = diags->file_capacity ? 2 * diags->file_capacity : 8;
    diags->files = cjm_xrealloc(diags->files, diags->file_capacity * sizeof *diags->files);
  }
  diags->files[diags->file_count++] = source;
}

void cjm_diags_set_max_errors(cjm_diags *diags, size_t max_errors) {
  diags->max_errors = max_errors;
}

const char *const *cjm_warning_names(void) {
  static const char *names[WARNING_COUNT + 1];
  if (!names[0])
    for (size_t i = 0; i < WARNING_COUNT; i++) names[i] = known_warnings[i].name;
  return names;
}

static int warning_index(const char *name) {
  for (size_t i = 0; i < WARNING_COUNT; i++)
    if (strcmp(known_warnings[i].name, name) == 0) return (int)i;
  return -1;
}

/* Sets every warning called name, or belonging to the group name, to
 * state; "all" names every warning. Returns false when nothing matched. */
static bool set_named(cjm_diags *diags, const char *name, warn_state state, bool only_if_on) {
  bool matched = false;
  for (size_t i = 0; i < WARNING_COUNT; i++) {
    const warning_info *w = &known_warnings[i];
    if (strcmp(name, "all") != 0 && strcmp(w->name, name) != 0 &&
        !(w->group && strcmp(w->group, name) == 0))
      continue;
    matched = true;
    if (only_if_on && diags->state[i] == WARN_OFF) continue;
    diags->state[i] = state;
  }
  return matched;
}

bool cjm_diags_set_option(cjm_diags *diags, const char *option) {
  if (strncmp(option, "-W", 2) != 0 || option[2] == '\0') return false;
  const char *rest = option + 2;
  if (strcmp(rest, "error") == 0) {
    for (size_t i = 0; i < WARNING_COUNT; i++)
      if (diags->state[i] == WARN_ON) diags->state[i] = WARN_ERROR;
    return true;
  }
  if (strncmp(rest, "error=", 6) == 0) return set_named(diags, rest + 6, WARN_ERROR, false);
  if (strncmp(rest, "no-error=", 9) == 0) return set_named(diags, rest + 9, WARN_ON, true);
  if (strncmp(rest, "no-", 3) == 0) return set_named(diags, rest + 3, WARN_OFF, false);
  /* -WNAME turns a warning on; it keeps -Werror if already set. */
  bool any_error = false;
  for (size_t i = 0; i < WARNING_COUNT; i++) any_error |= diags->state[i] == WARN_ERROR;
  return set_named(diags, rest, any_error ? WARN_ERROR : WARN_ON, false);
}

bool cjm_diags_warning_enabled(const cjm_diags *diags, const char *name) {
  int i = warning_index(name);
  return i >= 0 && diags->state[i] != WARN_OFF;
}

void cjm_diags_set_unchecked(cjm_diags *diags) { diags->unchecked = true; }

bool cjm_diags_full(const cjm_diags *diags) {
  return diags->max_errors && diags->errors >= diags->max_errors;
}

static char *vformat(const char *fmt, va_list ap) {
  /* A null format is the empty text (and GCC, under
   * -fsanitize=nonnull-attribute, sees vsnprintf never given one). */
  if (!fmt) fmt = "";
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0) n = 0;
  char *s = cjm_xmalloc((size_t)n + 1);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

static cjm_diag *add(cjm_diags *diags, cjm_severity severity, bool from_warning, const char *name,
                     const cjm_loc *loc, const char *fmt, va_list ap) {
  if (diags->count == diags->capacity) {
    diags->capacity = diags->capacity ? diags->capacity * 2 : 16;
    diags->items = cjm_xrealloc(diags->items, diags->capacity * sizeof *diags->items);
  }
  cjm_diag *d = &diags->items[diags->count++];
  *d = (cjm_diag){.severity = severity, .from_warning = from_warning, .name = name};
  if (loc) d->loc = *loc;
  d->message = vformat(fmt, ap);
  return d;
}

/* The rank of the file of loc in reading order: 0 for none, the count of
 * files plus 1 for one never registered. */
static size_t file_rank(const cjm_diags *diags, const cjm_loc *loc) {
  if (!loc || !loc->source) return 0;
  for (size_t i = 0; i < diags->file_count; i++)
    if (diags->files[i] == loc->source) return i + 1;
  return diags->file_count + 1;
}

/* Whether a place (rank, loc) comes before kept diagnostic d in source
 * order; ties keep the earlier report. */
static bool place_before(const cjm_diags *diags, size_t rank, const cjm_loc *loc, const cjm_diag *d) {
  size_t other = file_rank(diags, &d->loc);
  if (rank != other) return rank < other;
  uint32_t line = loc ? loc->line : 0, col = loc ? loc->col : 0;
  if (line != d->loc.line) return line < d->loc.line;
  return col < d->loc.col;
}

static bool before_last_kept(cjm_diags *diags, const cjm_loc *loc);

/* With the cap reached: makes room for an error at loc by dropping the
 * kept error that comes last in source order, if loc comes before it.
 * Returns false when the new error is the one to drop. The last kept error
 * is remembered between calls, so that the usual case, errors past the cap
 * that come later, costs one comparison. */
static bool make_room(cjm_diags *diags, const cjm_loc *loc) {
  if (!before_last_kept(diags, loc)) return false;
  size_t last = diags->last_kept;
  free_diag(&diags->items[last]);
  memmove(&diags->items[last], &diags->items[last + 1], (diags->count - last - 1) * sizeof *diags->items);
  diags->count--;
  diags->kept_errors--;
  diags->last_kept = SIZE_MAX; /* found again when needed */
  return true;
}

/* Whether loc comes before the kept error that comes last in source
 * order (found, and remembered in last_kept, when not known). */
static bool before_last_kept(cjm_diags *diags, const cjm_loc *loc) {
  if (diags->last_kept == SIZE_MAX) {
    for (size_t i = 0; i < diags->count; i++) {
      const cjm_diag *d = &diags->items[i];
      if (d->severity != CJM_ERROR) continue;
      size_t last = diags->last_kept;
      if (last == SIZE_MAX || !place_before(diags, file_rank(diags, &d->loc), &d->loc, &diags->items[last]))
        diags->last_kept = i;
    }
  }
  size_t last = diags->last_kept;
  return last != SIZE_MAX && place_before(diags, file_rank(diags, loc), loc, &diags->items[last]);
}

/* Whether an error at loc is kept, making room for it under the cap; one
 * error, this or another, is dropped when the cap is reached. */
static bool keep_error(cjm_diags *diags, const cjm_loc *loc) {
  if (diags->max_errors && diags->kept_errors >= diags->max_errors) {
    diags->dropped++;
    if (!make_room(diags, loc)) return false;
  }
  diags->kept_errors++;
  return true;
}

cjm_diag *cjm_error(cjm_diags *diags, const char *name, const cjm_loc *loc, const char *fmt, ...) {
  diags->errors++;
  if (!keep_error(diags, loc)) return NULL;
  va_list ap;
  va_start(ap, fmt);
  cjm_diag *d = add(diags, CJM_ERROR, false, name, loc, fmt, ap);
  va_end(ap);
  return d;
}

cjm_diag *cjm_warning(cjm_diags *diags, const char *name, const cjm_loc *loc, const char *fmt,
                      ...) {
  int i = warning_index(name);
  warn_state state = i < 0 ? WARN_ON : diags->state[i];
  if (state == WARN_OFF) return NULL;
  if (state == WARN_ERROR) {
    diags->errors++;
    if (!keep_error(diags, loc)) return NULL;
  } else if (cjm_diags_full(diags)) {
    diags->dropped++;
    return NULL;
  } else if (diags->max_errors && diags->warnings >= diags->max_errors) {
    /* Warnings are capped as errors are: a file of 20,000 unused
     * declarations on one line is not 20,000 snippets. */
    diags->dropped_warnings++;
    return NULL;
  } else {
    diags->warnings++;
  }
  va_list ap;
  va_start(ap, fmt);
  cjm_diag *d = add(diags, state == WARN_ERROR ? CJM_ERROR : CJM_WARNING, state == WARN_ERROR,
                    name, loc, fmt, ap);
  va_end(ap);
  return d;
}

bool cjm_diags_would_keep(cjm_diags *diags, const char *name, const cjm_loc *loc) {
  int i = warning_index(name);
  warn_state state = i < 0 ? WARN_ON : diags->state[i];
  if (state == WARN_OFF) return false;
  if (state == WARN_ERROR)
    return !diags->max_errors || diags->kept_errors < diags->max_errors || before_last_kept(diags, loc);
  return !cjm_diags_full(diags) && !(diags->max_errors && diags->warnings >= diags->max_errors);
}

void cjm_diags_drop_warnings(cjm_diags *diags, const char *name, size_t count) {
  int i = warning_index(name);
  warn_state state = i < 0 ? WARN_ON : diags->state[i];
  if (state == WARN_OFF) return;
  if (state == WARN_ERROR) {
    diags->errors += count;
    diags->dropped += count;
  } else if (cjm_diags_full(diags)) {
    diags->dropped += count;
  } else {
    diags->dropped_warnings += count;
  }
}

void cjm_note(cjm_diag *diag, const cjm_loc *loc, const char *fmt, ...) {
  if (!diag) return;
  diag->notes = cjm_xrealloc(diag->notes, (diag->note_count + 1) * sizeof *diag->notes);
  cjm_diag_note *n = &diag->notes[diag->note_count++];
  n->loc = loc ? *loc : (cjm_loc){0};
  va_list ap;
  va_start(ap, fmt);
  n->message = vformat(fmt, ap);
  va_end(ap);
}

size_t cjm_diags_count(const cjm_diags *diags) { return diags->count; }
const cjm_diag *cjm_diags_at(const cjm_diags *diags, size_t i) { return &diags->items[i]; }
cjm_diag *cjm_diags_edit(cjm_diags *diags, size_t i) { return &diags->items[i]; }
size_t cjm_diags_errors(const cjm_diags *diags) { return diags->errors; }
size_t cjm_diags_warnings(const cjm_diags *diags) { return diags->warnings; }

/* ---- source order --------------------------------------------------------- */

/* A diagnostic's place in source order (cjm_diags_sort). */
typedef struct sort_key {
  size_t file;     /* rank of its source; 0 for none */
  uint32_t line, col;
  size_t index;    /* in report order, for stability */
} sort_key;

static bool key_before(const sort_key *a, const sort_key *b) {
  if (a->file != b->file) return a->file < b->file;
  if (a->line != b->line) return a->line < b->line;
  if (a->col != b->col) return a->col < b->col;
  return a->index < b->index;
}

/* Sorts keys[0..n) by key_before, merging through tmp. */
static void merge_sort(sort_key *keys, sort_key *tmp, size_t n) {
  if (n < 2) return;
  size_t half = n / 2;
  merge_sort(keys, tmp, half);
  merge_sort(keys + half, tmp, n - half);
  size_t i = 0, j = half, k = 0;
  while (i < half && j < n) tmp[k++] = key_before(&keys[j], &keys[i]) ? keys[j++] : keys[i++];
  while (i < half) tmp[k++] = keys[i++];
  while (j < n) tmp[k++] = keys[j++];
  memcpy(keys, tmp, n * sizeof *keys);
}

void cjm_diags_sort(cjm_diags *diags, size_t first, const cjm_source *const *order,
                    size_t order_count) {
  if (first >= diags->count) return;
  diags->last_kept = SIZE_MAX; /* indices change */
  size_t n = diags->count - first;
  sort_key *keys = cjm_xmalloc(n * sizeof *keys);
  sort_key *tmp = cjm_xmalloc(n * sizeof *tmp);
  const cjm_source *last_source = NULL; /* diagnostics come in runs per file */
  size_t last_file = 0;
  for (size_t i = 0; i < n; i++) {
    const cjm_loc *loc = &diags->items[first + i].loc;
    size_t file = 0;
    if (loc->source && loc->source == last_source) {
      file = last_file;
    } else if (loc->source) {
      file = order_count + 1;
      for (size_t f = 0; f < order_count; f++)
        if (order[f] == loc->source) {
          file = f + 1;
          break;
        }
      last_source = loc->source;
      last_file = file;
    }
    keys[i] = (sort_key){file, loc->line, loc->col, i};
  }
  merge_sort(keys, tmp, n);
  cjm_diag *sorted = cjm_xmalloc(n * sizeof *sorted);
  for (size_t i = 0; i < n; i++) sorted[i] = diags->items[first + keys[i].index];
  memcpy(diags->items + first, sorted, n * sizeof *sorted);
  free(sorted);
  free(tmp);
  free(keys);
}

/* ---- printing ----------------------------------------------------------- */

#define SGR_BOLD "\033[1m"
#define SGR_RED "\033[1;31m"
#define SGR_MAGENTA "\033[1;35m"
#define SGR_CYAN "\033[1;36m"
#define SGR_GREEN "\033[1;32m"
#define SGR_RESET "\033[0m"

/* Whether cp is a character that must not reach a terminal as itself:
 * C0 and C1 controls, and the invisible format characters that reorder
 * or hide text (bidirectional overrides and isolates, zero-width marks). */
static bool unsafe_to_echo(uint32_t cp) {
  return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0x200b && cp <= 0x200f) ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb);
}

/* Writes text (a message, a path) with each character that must not reach
 * a terminal shown as its escape, \u{1b}, the way the language writes it,
 * and each ill-formed byte as \x{ff}: text quoted from a hostile file can
 * neither drive the terminal nor hide itself. */
static void print_text(const char *text, FILE *out) {
  size_t len = strlen(text);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0) {
      fprintf(out, "\\x{%02x}", (unsigned char)text[i]);
      i++;
    } else if (unsafe_to_echo(cp)) {
      fprintf(out, "\\u{%x}", (unsigned)cp);
      i += n;
    } else {
      fwrite(text + i, 1, n, out);
      i += n;
    }
  }
}

static void print_location(const cjm_loc *loc, FILE *out, bool color) {
  if (color) fputs(SGR_BOLD, out);
  if (!loc->source) fputs("cjm", out);
  else print_text(loc->source->path, out);
  if (loc->source && loc->line) fprintf(out, ":%u:%u", loc->line, loc->col);
  fputs(color ? ":" SGR_RESET " " : ": ", out);
}

static void print_severity(cjm_severity severity, FILE *out, bool color) {
  static const char *const words[] = {"note", "warning", "error"};
  static const char *const colors[] = {SGR_CYAN, SGR_MAGENTA, SGR_RED};
  if (color) fprintf(out, "%s%s:" SGR_RESET " ", colors[severity], words[severity]);
  else fprintf(out, "%s: ", words[severity]);
}

/* Writes the source line with control and format characters and
 * ill-formed bytes replaced, so that a hostile file cannot drive or
 * reorder the terminal. Each replaced character shows as one column. */
static void print_source_line(const char *text, size_t len, FILE *out) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0) {
      fputs("\xEF\xBF\xBD", out);
      i++;
    } else if (unsafe_to_echo(cp)) {
      fputc(cp == '\t' ? ' ' : '?', out);
      i += n;
    } else {
      fwrite(text + i, 1, n, out);
      i += n;
    }
  }
}

/* The number of bytes of text[0..len) that fit in `columns` display
 * columns. */
static size_t bytes_within_width(const char *text, size_t len, size_t columns) {
  size_t i = 0, width = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    size_t w = n == 0 ? 1 : unsafe_to_echo(cp) ? 1 : (size_t)cjm_char_width(cp);
    if (width + w > columns) break;
    width += w;
    i += n ? n : 1;
  }
  return i;
}

/* Display columns of the first `count` code points of text[0..len). */
static size_t width_of_prefix(const char *text, size_t len, size_t count, size_t *bytes) {
  size_t i = 0, width = 0;
  for (size_t k = 0; k < count && i < len; k++) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0) {
      width += 1;
      i += 1;
    } else {
      width += unsafe_to_echo(cp) ? 1 : (size_t)cjm_char_width(cp);
      i += n;
    }
  }
  if (bytes) *bytes = i;
  return width;
}

/* Lines longer than this many columns are shown as a window around the
 * caret, so that a minified or binary file does not flood the terminal. */
enum { SNIPPET_WIDTH = 120, SNIPPET_LEAD = 40 };

/* Lines up to this many bytes are measured whole to decide whether they
 * need a window; a longer one always gets one. */
enum { SNIPPET_MEASURE_BYTES = 4096 };

/* Whether the display width of text[0..len) is more than columns; reads
 * no further than it must. */
static bool width_exceeds(const char *text, size_t len, size_t columns) {
  return bytes_within_width(text, len, columns) < len;
}

/* The start of the shortest tail of text[0..end) at least columns wide
 * (the start of text when it is narrower): walks back from end, so that a
 * caret far along a long line costs only the window it shows. */
static size_t back_by_width(const char *text, size_t end, size_t columns) {
  size_t at = end, width = 0;
  while (at > 0 && width < columns) {
    size_t start = at - 1;
    while (start > 0 && at - start < 4 && ((unsigned char)text[start] & 0xC0) == 0x80) start--;
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + start, at - start, &cp);
    if (n != at - start) start = at - 1, n = 0; /* an ill-formed byte: one column, as forward */
    width += n == 0 ? 1 : unsafe_to_echo(cp) ? 1 : (size_t)cjm_char_width(cp);
    at = start;
  }
  return at;
}

/* The byte offset, within its line text[0..len), of loc's first
 * character: from the location's byte offset when it has one, else by
 * counting code points. */
static size_t caret_byte(const cjm_loc *loc, const char *text, size_t len) {
  size_t line_start = (size_t)(text - loc->source->text);
  bool has_offset = loc->offset != 0 || (loc->line == 1 && loc->col == 1);
  if (has_offset && loc->offset >= line_start && loc->offset - line_start <= len) return loc->offset - line_start;
  size_t bytes;
  width_of_prefix(text, len, loc->col - 1, &bytes);
  return bytes;
}

/* Prints the source line of loc with a caret under it. A long line shows
 * as a window around the caret. Costs what the window shows, whatever the
 * length of the line (hostile input, finding 6). */
static void print_snippet(const cjm_loc *loc, FILE *out, bool color) {
  size_t len;
  const char *text = cjm_source_line(loc->source, loc->line, &len);
  if (!text) {
    text = "";
    len = 0;
  }
  size_t caret = len ? caret_byte(loc, text, len) : 0;
  /* Cut a window when the caret would stand far to the right or the line
   * is very long: start SNIPPET_LEAD / 2 columns before the caret. */
  size_t skip_bytes = 0;
  bool cut_left = false, cut_right = false;
  if (len > SNIPPET_MEASURE_BYTES || cjm_utf8_width(text, len) > SNIPPET_WIDTH) {
    if (width_exceeds(text, caret, SNIPPET_LEAD)) {
      skip_bytes = back_by_width(text, caret, SNIPPET_LEAD / 2);
      cut_left = true;
    }
    size_t window_bytes = bytes_within_width(text + skip_bytes, len - skip_bytes, SNIPPET_WIDTH);
    cut_right = skip_bytes + window_bytes < len;
    text += skip_bytes;
    len = window_bytes;
    caret = caret >= skip_bytes ? caret - skip_bytes : 0;
    if (caret > len) caret = len;
  }

  char gutter[16];
  int gw = snprintf(gutter, sizeof gutter, "%u", loc->line);
  if (gw < 5) gw = 5;
  fprintf(out, " %*u | %s", gw, loc->line, cut_left ? "..." : "");
  print_source_line(text, len, out);
  fputs(cut_right ? "...\n" : "\n", out);

  size_t start_bytes = caret;
  size_t before = width_of_prefix(text, caret, (size_t)-1, NULL) + (cut_left ? 3 : 0);
  size_t span_chars = 1;
  if (loc->end_line == loc->line && loc->end_col > loc->col) span_chars = loc->end_col - loc->col;
  else if (loc->end_line > loc->line) span_chars = (size_t)-1; /* to the end of the line */
  size_t width = width_of_prefix(text + start_bytes, len - start_bytes, span_chars, NULL);
  if (width == 0) width = 1;
  fprintf(out, " %*s | ", gw, "");
  for (size_t i = 0; i < before; i++) fputc(' ', out);
  if (color) fputs(SGR_GREEN, out);
  fputc('^', out);
  for (size_t i = 1; i < width; i++) fputc('~', out);
  if (color) fputs(SGR_RESET, out);
  fputc('\n', out);
}

void cjm_diag_print(const cjm_diag *diag, FILE *out, const cjm_print_options *options) {
  bool color = options && options->color;
  print_location(&diag->loc, out, color);
  print_severity(diag->severity, out, color);
  print_text(diag->message, out);
  if (diag->name) fprintf(out, " [%s%s]", diag->from_warning ? "-Werror=" : "", diag->name);
  fputc('\n', out);
  if (options && options->show_source && cjm_loc_has_position(&diag->loc) && !diag->loc.source->unread)
    print_snippet(&diag->loc, out, color);
  for (size_t i = 0; i < diag->note_count; i++) {
    const cjm_diag_note *note = &diag->notes[i];
    if (note->loc.source) print_location(&note->loc, out, color);
    else print_location(&diag->loc, out, color);
    print_severity(CJM_NOTE, out, color);
    print_text(note->message, out);
    fputc('\n', out);
  }
}

void cjm_diags_print(const cjm_diags *diags, size_t first, FILE *out,
                     const cjm_print_options *options) {
  for (size_t i = first; i < diags->count; i++) cjm_diag_print(&diags->items[i], out, options);
}

void cjm_diags_print_dropped(const cjm_diags *diags, FILE *out, const cjm_print_options *options) {
  bool color = options && options->color;
  if (diags->dropped_warnings) {
    fputs(color ? SGR_BOLD "cjm:" SGR_RESET " " : "cjm: ", out);
    print_severity(CJM_NOTE, out, color);
    fprintf(out, "%zu more %s not shown after %zu (--max-errors=N raises the limit, 0 removes it)\n",
            diags->dropped_warnings, diags->dropped_warnings == 1 ? "warning" : "warnings", diags->warnings);
  }
  if (!diags->dropped && !cjm_diags_full(diags)) return;
  fputs(color ? SGR_BOLD "cjm:" SGR_RESET " " : "cjm: ", out);
  print_severity(CJM_NOTE, out, color);
  fprintf(out, "stopped after %zu %s", diags->max_errors, diags->max_errors == 1 ? "error" : "errors");
  if (diags->dropped)
    fprintf(out, "; %zu more %s not shown", diags->dropped, diags->dropped == 1 ? "diagnostic" : "diagnostics");
  if (diags->dropped && diags->unchecked) fputs(", and the rest of the input was not checked", out);
  else if (!diags->dropped) fputs("; the rest of the input was not checked", out);
  fputs(" (--max-errors=N raises the limit, 0 removes it)\n", out);
}
