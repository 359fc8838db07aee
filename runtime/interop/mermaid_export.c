/* mermaid_export — a journey as a Mermaid journey diagram (mermaid_export.h). */
#include "runtime/interop/mermaid_export.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/core/budget.h"
#include "runtime/core/present.h"
#include "runtime/interop/cjm_text.h"
#include "runtime/interop/mermaid_import.h"
#include "runtime/interop/mermaid_text.h"

double cjm_mermaid_score(double score, double min, double max) {
  if (min == 1 && max == 5) return round(score * 100) / 100;
  double mapped = 1 + 4 * (score - min) / (max - min);
  mapped = floor(mapped + 0.5);
  return mapped < 1 ? 1 : mapped > 5 ? 5 : mapped;
}

/* Where a text goes in the diagram: what it may not hold differs. */
typedef enum place {
  PLACE_TASK,      /* `[^#:\n;]+`, and not beginning like a keyword or a comment */
  PLACE_SECTION,   /* `section\s[^#:\n;]+` */
  PLACE_ACTOR,     /* between ':' and the end of the line, split at ',' */
  PLACE_TITLE,     /* `title\s[^#\n;]+` */
  PLACE_LINE,      /* accTitle: and accDescr:, the rest of the line */
  PLACE_BLOCK,     /* accDescr { … }, up to '}' */
} place;

/* One export under way. */
typedef struct exporter {
  const cjm_model *model;      /* the journey */
  cjm_strbuf *out;             /* where put_text writes */
  size_t replaced;             /* texts with a character replaced */
} exporter;

/* text[0..len) without JavaScript white space at either end. */
static const char *trim(const char *text, size_t *len) {
  size_t start = 0, end = *len;
  cjm_mermaid_trim(text, &start, &end);
  *len = end - start;
  return text + start;
}

/* Whether a task named text would be read as something else: Mermaid's
 * lexer tries `journey\b`, `title\s`, `accTitle\s*:`, `accDescr\s*[:{]` and
 * `section\s` before a task name. */
static bool reads_as_keyword(const char *text, size_t len) {
  if (cjm_mermaid_starts_word(text, len, 0, "journey")) return len == 7 || !cjm_mermaid_word_byte(text[7]);
  size_t n = cjm_mermaid_starts_word(text, len, 0, "title")     ? 5
             : cjm_mermaid_starts_word(text, len, 0, "section") ? 7
                                                                : 0;
  if (n) return len > n && cjm_mermaid_space_at(text, len, n);
  if (cjm_mermaid_starts_word(text, len, 0, "acctitle") || cjm_mermaid_starts_word(text, len, 0, "accdescr")) {
    size_t i = 8, k;
    while (i < len && (k = cjm_mermaid_space_at(text, len, i))) i += k;
    return i < len && (text[i] == ':' || text[i] == '{');
  }
  return false;
}

/* Whether text[i] is the '#' of `#\w+;`, which Mermaid reads as an HTML
 * entity (`#quot;`, `#35;`) wherever it stands. */
static bool entity_at(const char *text, size_t len, size_t i) {
  size_t j = i + 1;
  while (j < len && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
                     (text[j] >= '0' && text[j] <= '9') || text[j] == '_'))
    j++;
  return j > i + 1 && j < len && text[j] == ';';
}

/* Appends text as it may stand in place, with the characters it may not
 * hold replaced; an empty text gives fallback. */
static void put_text(exporter *ex, const char *text, place where, const char *fallback) {
  size_t len = strlen(text);
  text = trim(text, &len);
  if (len == 0 && fallback) {
    text = fallback;
    len = strlen(fallback);
  }
  cjm_strbuf *out = ex->out;
  if (where == PLACE_TASK && reads_as_keyword(text, len)) cjm_strbuf_puts(out, "\xE2\x81\xA0"); /* U+2060 */
  bool replaced = false;
  bool line_start = true; /* PLACE_BLOCK: white space after a line break is dropped */
  bool named = where == PLACE_TASK || where == PLACE_SECTION || where == PLACE_ACTOR;
  for (size_t i = 0; i < len; i++) {
    char c = text[i];
    const char *instead = NULL;
    if (c == '\r' && i + 1 < len && text[i + 1] == '\n') continue;
    if (where == PLACE_BLOCK && (c == '\n' || c == '\r')) {
      cjm_strbuf_puts(out, "\n    ");
      line_start = true;
      continue;
    }
    if (where == PLACE_BLOCK && line_start && (c == ' ' || c == '\t')) continue;
    line_start = false;
    if (c == '\n' || c == '\r') instead = "\xE2\x86\xB5";                           /* ↵ */
    else if (c == ':' && named) instead = "\xEF\xBC\x9A";                             /* ： */
    else if ((c == '#' || c == ';') && where != PLACE_LINE && where != PLACE_BLOCK)
      instead = c == '#' ? "\xEF\xBC\x83" : "\xEF\xBC\x9B";                         /* ＃ ； */
    else if (c == '#' && entity_at(text, len, i)) instead = "\xEF\xBC\x83"; /* Mermaid's #word; */
    else if (c == ',' && where == PLACE_ACTOR) instead = "\xEF\xBC\x8C";              /* ， */
    else if (c == '}' && where == PLACE_BLOCK) instead = "\xEF\xBD\x9D";              /* ｝ */
    /* %% starts a comment or a directive wherever Mermaid sees it, and a
     * task that starts with % is a comment: ％ (U+FF05) */
    else if (c == '%' && ((i > 0 && text[i - 1] == '%') || (i == 0 && where == PLACE_TASK)))
      instead = "\xEF\xBC\x85";
    if (instead) {
      cjm_strbuf_puts(out, instead);
      replaced = true;
    } else {
      cjm_strbuf_write(out, &c, 1);
    }
  }
  if (replaced) ex->replaced++;
}

/* The journey's attribute key, or NULL. */
static const char *attribute(const cjm_model *model, const char *key) {
  for (size_t i = 0; i < model->journey.attr_count; i++)
    if (strcmp(model->journey.attrs[i].key, key) == 0) return model->journey.attrs[i].value;
  return NULL;
}

/* ---- the note of what Mermaid cannot show -------------------------------------------- */

/* Counts of what the diagram leaves out. */
typedef struct losses {
  size_t lane_entries, lanes_used;  /* entries in any lane, and the lanes they are in */
  size_t vias;                      /* stages and steps with `via` */
  size_t words;                     /* feels with an emotion word */
  size_t several_feels, no_feel;    /* steps with more than one feel, with none */
  size_t stage_feels;               /* feels on stages */
  size_t measures, nexts;           /* measures anywhere; steps with `next` */
  size_t persona_attrs;             /* persona attributes, and `kind company` */
  size_t channels;                  /* channels declared */
  size_t personas_unseen;           /* personas in no `by` */
  size_t same_label;                /* personas labelled as another is: one actor to Mermaid */
  size_t attrs;                     /* journey attributes not exported, and the status */
} losses;

/* Adds what moment m holds that Mermaid cannot show; lane_seen marks the
 * lanes met so far. */
static void count_moment(losses *l, const cjm_moment *m, bool *lane_seen, const cjm_model *model) {
  l->lane_entries += m->entry_count;
  for (size_t i = 0; i < m->entry_count; i++) {
    size_t lane = m->entries[i].lane->decl.index;
    if (lane < model->lane_count && !lane_seen[lane]) {
      lane_seen[lane] = true;
      l->lanes_used++;
    }
  }
  l->vias += m->via_count ? 1 : 0;
  for (size_t i = 0; i < m->feel_count; i++) l->words += m->feels[i].word ? 1 : 0;
  l->measures += m->measure_count;
}

/* The `%%` note of what the diagram leaves out; nothing when nothing is. */
static void write_note(exporter *ex, const losses *l) {
  cjm_strbuf items = {0};
#define ITEM(count, ...)                                                                                   \
  if (count) {                                                                                             \
    cjm_strbuf_puts(&items, "%%" CJM_MERMAID_EXPORT_NOTE_ITEM);                                            \
    cjm_strbuf_printf(&items, __VA_ARGS__);                                                                \
    cjm_strbuf_puts(&items, "\n");                                                                         \
  }
  ITEM(l->lane_entries, "%zu lane entries in %zu lanes (thought, pain, opportunity...)", l->lane_entries, l->lanes_used)
  ITEM(l->channels, "%zu channels, used by %zu stages and steps (via)", l->channels, l->vias)
  ITEM(l->several_feels, "per-persona feels: %zu steps have several feels, shown as their mean", l->several_feels)
  ITEM(l->no_feel, "%zu steps without a feel, shown at 3 (neutral)", l->no_feel)
  ITEM(l->stage_feels, "%zu feels written on stages rather than steps", l->stage_feels)
  ITEM(l->words, "%zu emotion words of feels", l->words)
  ITEM(ex->model->metric_count + l->measures, "%zu metrics and %zu measures", ex->model->metric_count, l->measures)
  ITEM(l->nexts, "branches: %zu steps with next", l->nexts)
  ITEM(l->personas_unseen, "%zu personas in no step's or stage's by", l->personas_unseen)
  ITEM(l->same_label, "%zu personas labelled as another is, one actor to Mermaid", l->same_label)
  ITEM(l->persona_attrs, "%zu persona attributes and kinds (role, goal, fear...)", l->persona_attrs)
  ITEM(l->attrs, "%zu journey attributes other than the first goal and acc_title, or its status", l->attrs)
  ITEM(ex->replaced, "%zu texts had characters Mermaid cannot hold, replaced by look-alikes (docs/interop.md)",
       ex->replaced)
#undef ITEM
  if (items.len) {
    cjm_strbuf_puts(ex->out,
                    CJM_MERMAID_EXPORT_NOTE " Mermaid's journey diagram cannot show these parts of the journey:\n");
    cjm_strbuf_write(ex->out, items.data, items.len);
  }
  cjm_strbuf_free(&items);
}

/* What model holds that Mermaid cannot show. */
static losses count_losses(const cjm_model *model, const cjm_analysis *analysis) {
  losses l = {0};
  bool *lane_seen = cjm_xcalloc(model->lane_count + 1, sizeof *lane_seen);
  bool *persona_seen = cjm_xcalloc(model->persona_count + 1, sizeof *persona_seen);
  for (size_t s = 0; s < model->stage_count; s++) {
    const cjm_stage *stage = model->stages[s];
    count_moment(&l, &stage->moment, lane_seen, model);
    l.stage_feels += stage->moment.feel_count;
    for (size_t i = 0; i < stage->moment.by_count; i++) persona_seen[stage->moment.by[i]->decl.index] = true;
  }
  for (size_t s = 0; s < model->step_count; s++) {
    const cjm_step *step = model->steps[s];
    count_moment(&l, &step->moment, lane_seen, model);
    if (step->moment.feel_count > 1) l.several_feels++;
    if (analysis->step_feel[s].count == 0) l.no_feel++;
    if (step->has_next) l.nexts++;
    for (size_t i = 0; i < step->moment.by_count; i++) persona_seen[step->moment.by[i]->decl.index] = true;
  }
  cjm_name_map labels = {0};
  for (size_t p = 0; p < model->persona_count; p++) {
    l.personas_unseen += persona_seen[p] ? 0 : 1;
    size_t len = strlen(model->personas[p]->decl.label);
    const char *label = trim(model->personas[p]->decl.label, &len);
    if (cjm_name_map_get(&labels, label, len) >= 0) l.same_label++;
    else cjm_name_map_put(&labels, label, len, (long)p);
    l.persona_attrs += model->personas[p]->attr_count + (model->personas[p]->kind == CJM_COMPANY);
  }
  cjm_name_map_free(&labels);
  l.channels = model->channel_count;
  bool goal_seen = false;
  for (size_t i = 0; i < model->journey.attr_count; i++) {
    const char *key = model->journey.attrs[i].key;
    if (strcmp(key, "goal") == 0 && !goal_seen) goal_seen = true;
    else if (strcmp(key, "acc_title") != 0) l.attrs++;
  }
  l.attrs += model->journey.status != CJM_STATUS_UNSET;
  l.measures += model->journey.measure_count;
  free(lane_seen);
  free(persona_seen);
  return l;
}

/* ---- the diagram ------------------------------------------------------------------------ */

/* A task: the step's label, its score, its actors. */
static void write_task(exporter *ex, const cjm_step *step, const cjm_analysis *analysis) {
  const cjm_model *model = ex->model;
  cjm_strbuf *out = ex->out;
  cjm_strbuf_puts(out, "    ");
  put_text(ex, step->decl.label, PLACE_TASK, step->decl.id);
  cjm_strbuf_puts(out, ": ");
  const cjm_mean *feel = &analysis->step_feel[step->decl.index];
  double min = model->journey.scale_min, max = model->journey.scale_max;
  double score = feel->count ? cjm_mermaid_score(cjm_mean_value(feel), min, max) : 3;
  cjm_present_number(out, score);
  cjm_persona *const *by = step->moment.by_count ? step->moment.by : step->stage->moment.by;
  size_t by_count = step->moment.by_count ? step->moment.by_count : step->stage->moment.by_count;
  for (size_t i = 0; i < by_count; i++) {
    cjm_strbuf_puts(out, i ? ", " : ": ");
    put_text(ex, by[i]->decl.label, PLACE_ACTOR, by[i]->decl.id);
  }
  cjm_strbuf_puts(out, "\n");
}

bool cjm_mermaid_export(const cjm_model *model, const cjm_analysis *analysis,
                        const cjm_mermaid_export_options *options, cjm_strbuf *out, cjm_diags *diags) {
  /* A task lists its actors, its step's `by` or else its stage's, so a
   * stage `by` of thousands of personas over thousands of steps would be
   * a diagram of gigabytes: over the budget of cells, refused. */
  size_t actors = 0;
  for (size_t i = 0; i < model->step_count; i++) {
    const cjm_step *step = model->steps[i];
    actors += step->moment.by_count ? step->moment.by_count : step->stage->moment.by_count;
  }
  if (!cjm_within_budget(model, diags, "the diagram's lists of actors", model->step_count,
                         model->step_count ? actors / model->step_count + (actors % model->step_count != 0) : 0,
                         "Mermaid repeats a stage's 'by' on each of its tasks: give the steps their own 'by'"))
    return false;
  exporter ex = {.model = model};
  cjm_strbuf body = {0};
  ex.out = &body;
  cjm_strbuf_puts(&body, "journey\n");
  if (model->journey.title && model->journey.title[0]) {
    cjm_strbuf_puts(&body, "  title ");
    put_text(&ex, model->journey.title, PLACE_TITLE, NULL);
    cjm_strbuf_puts(&body, "\n");
  }
  /* the accessible title: the journey's acc_title, else its title */
  const char *acc_title = attribute(model, "acc_title");
  if (!acc_title && model->journey.title && model->journey.title[0]) acc_title = model->journey.title;
  if (acc_title) {
    cjm_strbuf_puts(&body, "  accTitle: ");
    put_text(&ex, acc_title, PLACE_LINE, NULL);
    cjm_strbuf_puts(&body, "\n");
  }
  const char *goal = attribute(model, "goal");
  if (goal && strpbrk(goal, "\r\n")) {
    cjm_strbuf_puts(&body, "  accDescr {\n    ");
    put_text(&ex, goal, PLACE_BLOCK, NULL);
    cjm_strbuf_puts(&body, "\n  }\n");
  } else if (goal) {
    cjm_strbuf_puts(&body, "  accDescr: ");
    put_text(&ex, goal, PLACE_LINE, NULL);
    cjm_strbuf_puts(&body, "\n");
  }
  for (size_t s = 0; s < model->stage_count; s++) {
    const cjm_stage *stage = model->stages[s];
    size_t len = strlen(stage->decl.label);
    trim(stage->decl.label, &len);
    /* the first stage without a label holds the tasks before any section */
    if (s > 0 || len > 0) {
      cjm_strbuf_puts(&body, "  section ");
      put_text(&ex, stage->decl.label, PLACE_SECTION, stage->decl.id);
      cjm_strbuf_puts(&body, "\n");
    }
    for (size_t i = 0; i < stage->step_count; i++) write_task(&ex, stage->steps[i], analysis);
  }
  if (!options->quiet) {
    losses l = count_losses(model, analysis);
    ex.out = out;
    write_note(&ex, &l);
  }
  cjm_strbuf_write(out, body.data, body.len);
  size_t chars = cjm_utf8_count(body.data, body.len);
  if (chars > CJM_MERMAID_MAX_TEXT) {
    cjm_loc loc = model->journey.declared ? model->journey.loc
                  : options->file           ? cjm_loc_file(options->file)
                                            : (cjm_loc){0};
    cjm_warning(diags, "export", &loc,
                "the diagram has %zu characters; Mermaid draws at most %d unless its maxTextSize setting allows more",
                chars, CJM_MERMAID_MAX_TEXT);
  }
  cjm_strbuf_free(&body);
  return true;
}
