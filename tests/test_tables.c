/* Unit tests for the table and data backends (render_tables.h), the grid
 * they share (table.h), `cjm stats` (stats.h) and the cx warnings
 * (check_cx.h):
 *   - every line of a text grid has the same display width, measured with
 *     lang/utf8 (CJK two columns, combining marks none), at many widths;
 *   - the CSV is read back by a strict RFC 4180 reader: quoting, CRLF,
 *     records of one length, the stage and lane labels where the layout
 *     says, formula-like fields neutralised;
 *   - Markdown keeps its table shape whatever the text holds;
 *   - the JSON parses and follows the model's order;
 *   - the grid's rows, the --persona filter, and the two cx warnings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/core/check_cx.h"
#include "runtime/render/tables/tables.h"
#include "runtime/render/tables/json_doc.h"
#include "runtime/render/tables/stats.h"
#include "runtime/render/tables/table.h"
#include "tests/journey.h"

/* ---- loading ---------------------------------------------------------------------- */

/* A journey of this source tree, clean of errors. */
static journey *load_path(const char *relative) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", CJM_SOURCE_DIR, relative);
  return journey_from_file(path, &(journey_options){.stdlib_dir = CJM_SOURCE_DIR "/stdlib"});
}

/* A journey from text, checked with the warning options given (NULL-ended). */
static journey *load_text(const char *text, const char *const *options) {
  return journey_from_text(text, &(journey_options){.warnings = options, .check = true});
}

/* Renders j with fn and options into a NUL-terminated malloc'd string. */
static char *render(const journey *j, cjm_render_fn fn, cjm_render_options options) {
  cjm_strbuf out = {0};
  assert_true(fn(j->model, j->analysis, &options, &out, j->diags));
  if (!out.data) return calloc(1, 1);
  return out.data;
}

/* Renders the journey in the file relative to the source tree, as render. */
static char *render_file(const char *relative, cjm_render_fn fn, cjm_render_options options) {
  journey *j = load_path(relative);
  char *text = render(j, fn, options);
  journey_free(j);
  return text;
}

static const char *const examples[] = {
    "examples/smartphone.cjm",      "examples/dx_b2b.cjm",       "examples/online_store_ru.cjm",
    "examples/tea_shop_zh.cjm",     "examples/blueprint_clinic.cjm", "tests/golden/tables/hostile.cjm",
};
enum { EXAMPLE_COUNT = sizeof examples / sizeof examples[0] };

/* ---- text: every line of a grid as wide as its top border ------------------------------ */

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Whether a line belongs to a grid (starts with a border character). */
static bool grid_line(const char *line, bool ascii) {
  if (ascii) return line[0] == '+' || line[0] == '|';
  return starts_with(line, "┌") || starts_with(line, "│") || starts_with(line, "├") ||
         starts_with(line, "╞") || starts_with(line, "└");
}

/* Checks the text rendering of j at width: every line fits; within a block
 * every line has the width of the block's top border. Returns the number
 * of grid lines seen. */
static size_t check_alignment(const journey *j, size_t width, bool ascii) {
  char *text = render(j, cjm_render_text, (cjm_render_options){.width = width, .ascii = ascii});
  size_t seen = 0, block_width = 0;
  bool in_block = false;
  for (char *line = text, *end; *line; line = end + 1) {
    end = strchr(line, '\n');
    assert_non_null(end); /* every line ends with a newline */
    size_t len = (size_t)(end - line);
    size_t w = cjm_utf8_width(line, len);
    if (w > width) fail_msg("line of width %zu > %zu: %.*s", w, width, (int)len, line);
    *end = '\0';
    if (!grid_line(line, ascii)) {
      in_block = false;
      continue;
    }
    if (!in_block) {
      block_width = w;
      in_block = true;
    }
    if (w != block_width) fail_msg("width %zu in a block of width %zu: %s", w, block_width, line);
    seen++;
  }
  free(text);
  return seen;
}

static void text_lines_align(void **state) {
  (void)state;
  static const size_t widths[] = {20, 33, 40, 57, 80, 100, 132, 200};
  for (size_t e = 0; e < EXAMPLE_COUNT; e++) {
    journey *j = load_path(examples[e]);
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
      assert_true(check_alignment(j, widths[w], false) > 0);
      assert_true(check_alignment(j, widths[w], true) > 0);
    }
    journey_free(j);
  }
}

/* The CJK example really has wide characters in its grid, and they count two. */
static void text_cjk_counts_two(void **state) {
  (void)state;
  char *text = render_file("examples/tea_shop_zh.cjm", cjm_render_text, (cjm_render_options){.width = 100});
  const char *cell = strstr(text, "│ 发现");
  assert_non_null(cell);
  const char *eol = strchr(cell, '\n');
  /* "│ 发现" then spaces up to the closing border: the line is as wide as the top border. */
  const char *top = text;
  while (!starts_with(top, "┌")) top = strchr(top, '\n') + 1;
  const char *line = cell;
  while (line > text && line[-1] != '\n') line--;
  assert_int_equal(cjm_utf8_width(line, (size_t)(eol - line)), cjm_utf8_width(top, (size_t)(strchr(top, '\n') - top)));
  assert_true(cjm_utf8_width("发现", strlen("发现")) == 4);
  free(text);
}

/* Colour only when asked, and then the bar's escapes do not count. */
static void text_colour_only_when_asked(void **state) {
  (void)state;
  journey *j = load_path("examples/smartphone.cjm");
  char *plain = render(j, cjm_render_text, (cjm_render_options){.width = 80});
  assert_null(strchr(plain, '\x1b'));
  char *colour = render(j, cjm_render_text, (cjm_render_options){.width = 80, .color = true});
  assert_non_null(strstr(colour, "\x1b[32m"));
  assert_non_null(strstr(colour, "\x1b[31m"));
  free(plain);
  free(colour);
  journey_free(j);
}

/* A hostile escape sequence never reaches the terminal. */
static void text_no_control_characters(void **state) {
  (void)state;
  char *text = render_file("tests/golden/tables/hostile.cjm", cjm_render_text, (cjm_render_options){.width = 100});
  for (const char *p = text; *p; p++)
    if ((unsigned char)*p < 0x20 && *p != '\n') fail_msg("control character 0x%02x in text output", *p);
  free(text);
}

/* ---- csv: a strict RFC 4180 reader ---------------------------------------------------- */

typedef struct csv {
  char ***records;             /* [record][field], NUL-terminated strings */
  size_t *lengths;             /* fields per record */
  size_t count;
} csv;

/* Reads RFC 4180 text: records end in CRLF (the last one too); a field is
 * either quoted (quotes doubled inside, any other byte allowed) or has no
 * quote, comma, CR or LF. Fails the test on anything else. */
static csv csv_read(const char *s) {
  csv c = {0};
  while (*s) {
    c.records = realloc(c.records, (c.count + 1) * sizeof *c.records);
    c.lengths = realloc(c.lengths, (c.count + 1) * sizeof *c.lengths);
    char **fields = NULL;
    size_t n = 0;
    for (;;) {
      size_t cap = strlen(s) + 1, len = 0;
      char *field = malloc(cap);
      if (*s == '"') {
        s++;
        for (;;) {
          if (*s == '\0') fail_msg("unterminated quoted field");
          if (*s == '"' && s[1] == '"') {
            field[len++] = '"';
            s += 2;
          } else if (*s == '"') {
            s++;
            break;
          } else {
            field[len++] = *s++;
          }
        }
      } else {
        while (*s && *s != ',' && *s != '\r') {
          if (*s == '"' || *s == '\n') fail_msg("quote or bare LF in an unquoted field");
          field[len++] = *s++;
        }
      }
      field[len] = '\0';
      fields = realloc(fields, (n + 1) * sizeof *fields);
      fields[n++] = field;
      if (*s == ',') {
        s++;
        continue;
      }
      if (s[0] == '\r' && s[1] == '\n') {
        s += 2;
        break;
      }
      fail_msg("field not followed by a comma or CRLF: '%.20s'", s);
    }
    c.records[c.count] = fields;
    c.lengths[c.count++] = n;
  }
  return c;
}

static void csv_free(csv *c) {
  for (size_t r = 0; r < c->count; r++) {
    for (size_t f = 0; f < c->lengths[r]; f++) free(c->records[r][f]);
    free(c->records[r]);
  }
  free(c->records);
  free(c->lengths);
}

/* The record whose first field is label, or -1. */
static long csv_row(const csv *c, const char *label) {
  for (size_t r = 0; r < c->count; r++)
    if (strcmp(c->records[r][0], label) == 0) return (long)r;
  return -1;
}

static bool plain_number(const char *s) {
  if (*s == '+' || *s == '-') s++;
  size_t digits = strspn(s, "0123456789");
  s += digits;
  if (*s == '.') {
    s++;
    digits += strspn(s, "0123456789");
    s += strspn(s, "0123456789");
  }
  if (*s == '%') s++;
  return digits && !*s;
}

/* Asserts that a field holds text, after an apostrophe when text would
 * run as a formula. */
static void expect_field(const char *field, const char *text) {
  if (text[0] && strchr("=+-@\t\r", text[0]) && !plain_number(text)) {
    assert_int_equal(field[0], '\'');
    field++;
  }
  assert_string_equal(field, text);
}

static void csv_reads_back(void **state) {
  (void)state;
  for (size_t e = 0; e < EXAMPLE_COUNT; e++) {
    journey *j = load_path(examples[e]);
    char *text = render(j, cjm_render_csv, (cjm_render_options){.bom = true});
    assert_true(starts_with(text, "\xEF\xBB\xBF"));
    csv c = csv_read(text + 3);
    cjm_table *t = cjm_table_build(j->model, j->analysis, NULL);
    assert_true(c.count > 1);
    for (size_t r = 0; r < c.count; r++) assert_int_equal(c.lengths[r], t->column_count + 1);
    /* First record: the title, then each stage over its first column. */
    expect_field(c.records[0][0], j->model->journey.title ? j->model->journey.title : "");
    for (size_t g = 0; g < t->group_count; g++)
      expect_field(c.records[0][1 + t->groups[g].first], t->groups[g].stage->decl.label);
    /* The actions row: every step's label, in journey order. */
    long actions = csv_row(&c, "Actions");
    assert_true(actions > 0);
    size_t k = 0;
    for (size_t col = 0; col < t->column_count; col++) {
      const char *field = c.records[actions][1 + col];
      if (!t->columns[col].step) {
        assert_string_equal(field, "");
        continue;
      }
      expect_field(field, j->model->steps[k++]->decl.label);
    }
    assert_int_equal(k, j->model->step_count);
    /* Every lane entry's text is in the record of its row, in its step's column. */
    for (size_t s = 0; s < j->model->step_count; s++) {
      const cjm_step *step = j->model->steps[s];
      for (size_t i = 0; i < step->moment.entry_count; i++) {
        const char *want = step->moment.entries[i].text;
        bool found = false, control = false;
        for (const char *p = want; *p; p++) control |= (unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r';
        if (control) continue; /* shown with U+FFFD in place of the control character */
        for (size_t col = 0; col < t->column_count; col++) {
          if (t->columns[col].step != step) continue;
          for (size_t r = 1; r < c.count; r++) {
            const char *field = c.records[r][1 + col];
            found |= strstr(field, want) != NULL;
          }
        }
        if (!found) fail_msg("entry '%s' of step '%s' not in the CSV", want, step->decl.id);
      }
    }
    /* No field would run as a formula. */
    for (size_t r = 0; r < c.count; r++)
      for (size_t f = 0; f < c.lengths[r]; f++) {
        const char *field = c.records[r][f];
        if (field[0] && strchr("=+-@\t\r", field[0]) && !plain_number(field))
          fail_msg("formula-like field '%s'", field);
      }
    cjm_table_free(t);
    csv_free(&c);
    free(text);
    journey_free(j);
  }
}

static void csv_bom_optional_and_feel_numeric(void **state) {
  (void)state;
  char *text = render_file("examples/tea_shop_zh.cjm", cjm_render_csv, (cjm_render_options){.bom = false});
  assert_false(starts_with(text, "\xEF\xBB\xBF"));
  csv c = csv_read(text);
  long feel = csv_row(&c, "Feel: 小美");
  assert_true(feel > 0);
  for (size_t f = 1; f < c.lengths[feel]; f++) assert_true(!c.records[feel][f][0] || plain_number(c.records[feel][f]));
  long words = csv_row(&c, "Emotion: 小美");
  assert_int_equal(words, feel + 1);
  assert_string_equal(c.records[words][1], "心动");
  /* A long text keeps its line break inside one field. */
  long notes = csv_row(&c, "Notes");
  assert_true(notes > 0);
  assert_non_null(strstr(c.records[notes][c.lengths[notes] - 1], "老陈从不在小程序点单：\n外卖平台"));
  csv_free(&c);
  free(text);
}

static void csv_neutralises_formulas(void **state) {
  (void)state;
  char *text = render_file("tests/golden/tables/hostile.cjm", cjm_render_csv, (cjm_render_options){.bom = false});
  csv c = csv_read(text);
  long actions = csv_row(&c, "Actions");
  assert_string_equal(c.records[actions][1], "'+1+1");
  assert_string_equal(c.records[actions][2], "'@SUM(A1:A9)");
  assert_string_equal(c.records[actions][3], "'-IMPORTXML(x)");
  long channels = csv_row(&c, "Channels");
  assert_string_equal(c.records[channels][1], "'=HYPERLINK(\"http://example.invalid\",\"click\")");
  long feel = csv_row(&c, "Feel: eve");
  assert_string_equal(c.records[feel][1], "-2"); /* a plain number stays a number */
  long words = csv_row(&c, "Emotion: mallory");
  assert_string_equal(c.records[words][3], "+1.5%");
  long thoughts = csv_row(&c, "Thoughts");
  assert_string_equal(c.records[thoughts][2], "'\rcarriage return start");
  assert_null(strchr(text, '\x1b'));
  csv_free(&c);
  free(text);
}

/* ---- md ------------------------------------------------------------------------------ */

/* Unescaped pipes in a line of Markdown. */
static size_t pipes(const char *line, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (line[i] == '\\') i++;
    else if (line[i] == '|') n++;
  }
  return n;
}

static void md_keeps_table_shape(void **state) {
  (void)state;
  for (size_t e = 0; e < EXAMPLE_COUNT; e++) {
    journey *j = load_path(examples[e]);
    char *text = render(j, cjm_render_md, (cjm_render_options){0});
    cjm_table *t = cjm_table_build(j->model, j->analysis, NULL);
    size_t rows = 0;
    for (char *line = text, *end; *line; line = end + 1) {
      end = strchr(line, '\n');
      assert_non_null(end);
      if (line[0] != '|') continue;
      assert_int_equal(pipes(line, (size_t)(end - line)), t->column_count + 2);
      rows++;
    }
    assert_int_equal(rows, t->row_count + 2);
    assert_null(strstr(text, "<script"));
    assert_null(strstr(text, "<b>"));
    assert_null(strstr(text, "<i>"));
    cjm_table_free(t);
    free(text);
    journey_free(j);
  }
}

static void md_escapes_hostile_text(void **state) {
  (void)state;
  char *text = render_file("tests/golden/tables/hostile.cjm", cjm_render_md, (cjm_render_options){0});
  static const char *const escaped[] = {"\\| pipe \\| in \\| text \\|", "C:\\\\path\\\\to\\\\file",
                                        "&lt;script&gt;alert(1)&lt;/script&gt;", "\\*\\*bold\\*\\*", "&amp;amp;",
                                        "two lines,<br>", "😣 -2",
                                        "@\u2060mallory" /* no GitHub notification */};
  for (size_t i = 0; i < sizeof escaped / sizeof escaped[0]; i++)
    if (!strstr(text, escaped[i])) fail_msg("no \"%s\" in the Markdown", escaped[i]);
  assert_null(strstr(text, "@mallory"));
  free(text);
}

/* ---- json ----------------------------------------------------------------------------- */

static void json_follows_model(void **state) {
  (void)state;
  for (size_t e = 0; e < EXAMPLE_COUNT; e++) {
    journey *j = load_path(examples[e]);
    char *text = render(j, cjm_render_json, (cjm_render_options){0});
    json_error_t error;
    json_t *doc = json_loads(text, 0, &error);
    if (!doc) fail_msg("%s: %s at %d:%d", examples[e], error.text, error.line, error.column);
    assert_int_equal(json_integer_value(json_object_get(doc, "version")), CJM_JSON_VERSION);
    json_t *stages = json_object_get(doc, "stages");
    assert_int_equal(json_array_size(stages), j->model->stage_count);
    size_t k = 0;
    for (size_t s = 0; s < j->model->stage_count; s++) {
      json_t *stage = json_array_get(stages, s);
      assert_string_equal(json_string_value(json_object_get(stage, "id")), j->model->stages[s]->decl.id);
      json_t *steps = json_object_get(stage, "steps");
      for (size_t i = 0; i < json_array_size(steps); i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(steps, i), "id")),
                            j->model->steps[k++]->decl.id);
    }
    assert_int_equal(k, j->model->step_count);
    json_decref(doc);
    /* The same journey gives the same bytes. */
    char *again = render(j, cjm_render_json, (cjm_render_options){0});
    assert_string_equal(text, again);
    free(again);
    free(text);
    journey_free(j);
  }
}

/* Whether the JSON array of identifiers holds id. */
static bool json_ids_include(const json_t *ids, const char *id) {
  size_t i;
  json_t *item;
  json_array_foreach(ids, i, item) if (strcmp(json_string_value(item), id) == 0) return true;
  return false;
}

/* Whether a feel or entry of the JSON document (item, of step in stage)
 * speaks for persona id, read as a consumer reads "speakers_from". */
static bool json_speaks_for(const json_t *stage, const json_t *step, const json_t *item, const char *id) {
  const char *from = json_string_value(json_object_get(item, "speakers_from"));
  assert_non_null(from);
  if (strcmp(from, "for") == 0) return strcmp(json_string_value(json_object_get(item, "for")), id) == 0;
  if (strcmp(from, "step") == 0) return json_ids_include(json_object_get(step, "by"), id);
  if (strcmp(from, "stage") == 0) return json_ids_include(json_object_get(stage, "by"), id);
  assert_string_equal(from, "everyone");
  return true;
}

/* --persona keeps the JSON to the persona's journey: the steps of its
 * grid, only the feels and entries that speak for it, its analysis. */
static void json_persona_filter(void **state) {
  (void)state;
  journey *j = load_path("examples/dx_b2b.cjm");
  const cjm_persona *it = journey_persona(j, "it_head");
  char *text = render(j, cjm_render_json, (cjm_render_options){.persona = it});
  json_t *doc = json_loads(text, 0, NULL);
  assert_non_null(doc);
  cjm_table *t = cjm_table_build(j->model, j->analysis, it);
  size_t column = 0, steps = 0;
  json_t *stage;
  size_t s;
  json_array_foreach(json_object_get(doc, "stages"), s, stage) {
    json_t *step;
    size_t k;
    json_array_foreach(json_object_get(stage, "steps"), k, step) {
      while (column < t->column_count && !t->columns[column].step) column++;
      assert_true(column < t->column_count);
      assert_string_equal(json_string_value(json_object_get(step, "id")), t->columns[column++].step->decl.id);
      steps++;
      const char *lists[] = {"feels", "entries"};
      for (size_t l = 0; l < 2; l++) {
        json_t *item;
        size_t i;
        json_array_foreach(json_object_get(step, lists[l]), i, item) {
          assert_true(json_speaks_for(stage, step, item, "it_head"));
        }
      }
    }
  }
  assert_true(steps > 0 && steps < j->model->step_count);
  json_t *analysis = json_object_get(doc, "analysis");
  assert_int_equal(json_array_size(json_object_get(analysis, "personas")), 1);
  assert_int_equal(json_array_size(json_object_get(analysis, "steps")), steps);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(analysis, "feel"), "count")),
                   j->analysis->personas[it->decl.index].feel.count);
  json_array_foreach(json_object_get(analysis, "stages"), s, stage) {
    json_t *personas = json_object_get(stage, "personas");
    assert_int_equal(json_array_size(personas), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(personas, 0), "persona")), "it_head");
  }
  assert_int_equal(json_array_size(json_object_get(doc, "personas")), j->model->persona_count);
  cjm_table_free(t);
  json_decref(doc);
  free(text);
  journey_free(j);
}

/* ---- the grid ---------------------------------------------------------------------- */

static void grid_rows_in_order(void **state) {
  (void)state;
  journey *j = load_path("examples/blueprint_clinic.cjm");
  cjm_table *t = cjm_table_build(j->model, j->analysis, NULL);
  static const char *const want[] = {"Actions", "Action details", "Channels", "Thoughts", "Feel: patient",
                                     "Pains", "Opportunities", "Frontstage actions", "Backstage actions", "Support processes",
                                     "Physical evidence", "No-show rate", "Time in the waiting room",
                                     "Net promoter score", "Notes"};
  assert_int_equal(t->row_count, sizeof want / sizeof want[0]);
  for (size_t r = 0; r < t->row_count; r++) assert_string_equal(t->rows[r].label, want[r]);
  assert_int_equal(t->column_count, j->model->step_count);
  cjm_table_free(t);
  journey_free(j);
}

static void grid_persona_filter(void **state) {
  (void)state;
  journey *j = load_path("examples/dx_b2b.cjm");
  const cjm_persona *it = journey_persona(j, "it_head");
  cjm_table *t = cjm_table_build(j->model, j->analysis, it);
  size_t feel_rows = 0;
  for (size_t r = 0; r < t->row_count; r++) {
    const cjm_table_row *row = &t->rows[r];
    if (row->kind == CJM_ROW_FEEL) {
      feel_rows++;
      assert_ptr_equal(row->persona, it);
    }
    for (size_t c = 0; c < t->column_count; c++)
      for (size_t i = 0; i < row->cells[c].count; i++) assert_null(row->cells[c].items[i].persona);
  }
  assert_int_equal(feel_rows, 1);
  assert_int_equal(t->group_count, j->model->stage_count);
  for (size_t c = 0; c < t->column_count; c++) {
    const cjm_step *step = t->columns[c].step;
    if (!step || !step->moment.by_count) continue;
    bool involved = false;
    for (size_t b = 0; b < step->moment.by_count; b++) involved |= step->moment.by[b] == it;
    for (size_t f = 0; f < step->moment.feel_count; f++)
      for (size_t s = 0; s < step->moment.feels[f].speakers.count; s++)
        involved |= step->moment.feels[f].speakers.items[s] == it;
    assert_true(involved);
  }
  cjm_table_free(t);
  journey_free(j);
}

/* ---- stats ------------------------------------------------------------------------- */

static void stats_names_gaps(void **state) {
  (void)state;
  journey *j = load_text("journey \"J\"\npersona p\nstage a \"Alpha\"\n  step x by p\n    feel 1\n    pain \"slow\"\n"
                         "stage b \"Beta\"\n  step y by p\n    feel -1\n    opportunity \"faster\"\n",
                         NULL);
  char *text = render(j, cjm_stats_text, (cjm_render_options){.width = 80});
  assert_non_null(strstr(text, "Stages with pains but no opportunity: Alpha."));
  assert_non_null(strstr(text, "+1: x (Alpha)"));
  char *md = render(j, cjm_stats_md, (cjm_render_options){0});
  assert_non_null(strstr(md, "### Stages"));
  char *json = render(j, cjm_stats_json, (cjm_render_options){0});
  assert_non_null(strstr(json, "\"pain_without_opportunity\": true"));
  free(text);
  free(md);
  free(json);
  journey_free(j);
}

/* The whitespace-separated words of the grid lines of text (borders
 * dropped), each once, as a list of malloc'd strings ended by NULL. */
static char **grid_words(const char *text) {
  size_t count = 0;
  char **words = calloc(1, sizeof *words);
  char *copy = strdup(text);
  for (char *line = copy, *end; *line; line = end + 1) {
    end = strchr(line, '\n');
    *end = '\0';
    if (!starts_with(line, "│")) continue;
    for (char *save = NULL, *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
      if (strcmp(w, "│") == 0) continue;
      bool seen = false;
      for (size_t i = 0; i < count && !seen; i++) seen = strcmp(words[i], w) == 0;
      if (seen) continue;
      words = realloc(words, (count + 2) * sizeof *words);
      words[count++] = strdup(w);
      words[count] = NULL;
    }
  }
  free(copy);
  return words;
}

static void free_words(char **words) {
  for (char **w = words; *w; w++) free(*w);
  free(words);
}

static bool ascii_only(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80) return false;
  return true;
}

/* A journey in Japanese, whose stage labels are wider than a narrow page. */
static const char japanese[] =
    "journey \"オンラインで家具を買う\"\n  scale -2..2\n"
    "persona 花子 \"花子、会社員\"\npersona 太郎 \"太郎、学生\"\nchannel ウェブ \"ウェブサイト\"\n"
    "stage 認知 \"ソーシャルメディアで知る\"\n  step 見る \"広告を見る\" by 花子 via ウェブ\n    feel -1 \"不安\"\n"
    "    pain \"送料がわからない\"\n"
    "stage 比較 \"ほかの店と値段を比べる\"\n  step 比べる \"比べる\" by 花子, 太郎\n    feel 1 for 花子\n"
    "    feel -2 for 太郎\n    opportunity \"送料を最初に出す\"\n"
    "stage 購入 \"購入\"\n  step 買う \"買う\" by 太郎 via ウェブ\n    feel 2\n";

/* `cjm stats -T text` fits the width: at every width each line fits, and
 * every word made of ASCII (numbers, English labels, headers) is whole,
 * as it is on a page wide enough for every table (width 10000), unless it
 * is wider than half a block; a number is always whole. */
static void stats_text_fits_width(void **state) {
  (void)state;
  static const size_t widths[] = {20, 33, 40, 57, 60, 80, 100, 132};
  for (size_t e = 0; e <= EXAMPLE_COUNT; e++) {
    journey *j = e < EXAMPLE_COUNT ? load_path(examples[e]) : load_text(japanese, NULL);
    char *wide = render(j, cjm_stats_text, (cjm_render_options){.width = 10000});
    char **whole = grid_words(wide);
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
      char *text = render(j, cjm_stats_text, (cjm_render_options){.width = widths[w]});
      for (char *line = text, *end; *line; line = end + 1) {
        end = strchr(line, '\n');
        size_t width = cjm_utf8_width(line, (size_t)(end - line));
        if (width > widths[w])
          fail_msg("%s: line of width %zu > %zu: %.*s", e < EXAMPLE_COUNT ? examples[e] : "japanese", width,
                   widths[w], (int)(end - line), line);
      }
      char **words = grid_words(text);
      for (char **word = words; *word; word++) {
        if (!ascii_only(*word)) continue;
        bool number = strpbrk(*word, "0123456789") && strspn(*word, "0123456789.+-%") == strlen(*word);
        bool found = false;
        for (char **k = whole; *k && !found; k++)
          found = strcmp(*k, *word) == 0 ||
                  (!number && strstr(*k, *word) && cjm_utf8_width(*k, strlen(*k)) > (widths[w] - 7) / 2);
        if (!found)
          fail_msg("%s at width %zu: \"%s\" is a piece of a word", e < EXAMPLE_COUNT ? examples[e] : "japanese",
                   widths[w], *word);
      }
      free_words(words);
      free(text);
    }
    free_words(whole);
    free(wide);
    journey_free(j);
  }
}

/* ---- cx warnings -------------------------------------------------------------------------- */

static const char cliff_text[] = "journey \"J\"\n  scale 1..5\npersona p\npersona q\n"
                                 "stage a\n  step x by p, q\n    feel 5 for p\n    feel 3 for q\n"
                                 "    opportunity \"o\"\n"
                                 "  step y by q\n    feel 1\n    pain \"ouch\"\n"
                                 "  step z by p, q\n    feel 3 for p\n    feel 2 for q\n";

static void cx_off_by_default(void **state) {
  (void)state;
  journey *j = load_text(cliff_text, NULL);
  assert_int_equal(diags_count_named(j->diags, "cliff"), 0);
  assert_int_equal(diags_count_named(j->diags, "pain-without-opportunity"), 0);
  journey_free(j);
}

static void cx_cliff(void **state) {
  (void)state;
  static const char *const options[] = {"-Wcliff", NULL};
  journey *j = load_text(cliff_text, options);
  /* p: 5 -> 3 is a drop of 2, half of 1..5: a cliff. q: 3 -> 1 too; 1 -> 2 is a rise. */
  assert_int_equal(diags_count_named(j->diags, "cliff"), 2);
  assert_int_equal(diags_count_named(j->diags, "pain-without-opportunity"), 0);
  /* found in journey order: q's at step y, then p's at step z */
  const cjm_diag *d = cjm_diags_at(j->diags, 0);
  assert_string_equal(d->message, "the feel of 'q' drops from 3 to 1 between steps 'x' and 'y'");
  assert_int_equal(d->loc.line, 11);
  d = cjm_diags_at(j->diags, 1);
  assert_string_equal(d->message, "the feel of 'p' drops from 5 to 3 between steps 'x' and 'z'");
  assert_int_equal(d->loc.line, 14);
  assert_int_equal(d->note_count, 1);
  journey_free(j);
}

static void cx_pain_without_opportunity(void **state) {
  (void)state;
  static const char *const options[] = {"-Wcx", NULL};
  journey *j = load_text("persona p\nstage a\n  step x\n    feel 1\n    pain \"slow\"\n    pain \"dull\"\n"
                         "stage b\n  step y\n    feel 0\n    pain \"p\"\n    opportunity \"o\"\n",
                         options);
  assert_int_equal(diags_count_named(j->diags, "pain-without-opportunity"), 1);
  const cjm_diag *d = cjm_diags_at(j->diags, cjm_diags_count(j->diags) - 1);
  assert_string_equal(d->message, "stage 'a' has 2 pains but no opportunity");
  assert_int_equal(d->note_count, 1);
  assert_int_equal(d->notes[0].loc.line, 5);
  journey_free(j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_lines_align),
      cmocka_unit_test(text_cjk_counts_two),
      cmocka_unit_test(text_colour_only_when_asked),
      cmocka_unit_test(text_no_control_characters),
      cmocka_unit_test(csv_reads_back),
      cmocka_unit_test(csv_bom_optional_and_feel_numeric),
      cmocka_unit_test(csv_neutralises_formulas),
      cmocka_unit_test(md_keeps_table_shape),
      cmocka_unit_test(md_escapes_hostile_text),
      cmocka_unit_test(json_follows_model),
      cmocka_unit_test(json_persona_filter),
      cmocka_unit_test(grid_rows_in_order),
      cmocka_unit_test(grid_persona_filter),
      cmocka_unit_test(stats_names_gaps),
      cmocka_unit_test(stats_text_fits_width),
      cmocka_unit_test(cx_off_by_default),
      cmocka_unit_test(cx_cliff),
      cmocka_unit_test(cx_pain_without_opportunity),
  };
  return cmocka_run_group_tests(tests, NULL, leftovers_free);
}
