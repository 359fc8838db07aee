/* present — see present.h. */
#include "runtime/core/present.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/keywords.h"

void cjm_present_number(cjm_strbuf *out, double value) {
  char buf[64];
  if (value == 0) value = 0; /* no "-0" */
  /* In range before the cast: converting a double beyond long long is
   * undefined (a measure of 1e30 is a valid number). */
  if (value > -1e15 && value < 1e15 && value == (double)(long long)value) {
    snprintf(buf, sizeof buf, "%lld", (long long)value);
  } else {
    for (int precision = 1; precision <= 17; precision++) {
      snprintf(buf, sizeof buf, "%.*g", precision, value);
      if (strtod(buf, NULL) == value && (!strchr(buf, 'e') || precision == 17)) break;
    }
  }
  cjm_strbuf_puts(out, buf);
}

void cjm_present_score(cjm_strbuf *out, const cjm_model *model, double score) {
  if (model->journey.scale_min < 0 && score > 0) cjm_strbuf_puts(out, "+");
  cjm_present_number(out, score);
}

/* Appends a unit after a number: "%" directly, any other unit after a space. */
static void put_unit(cjm_strbuf *out, const char *unit) {
  if (!unit || !*unit) return;
  if (strcmp(unit, "%") != 0) cjm_strbuf_puts(out, " ");
  cjm_strbuf_puts(out, unit);
}

void cjm_present_measure(cjm_strbuf *out, const cjm_measure *measure, bool with_unit) {
  cjm_present_number(out, measure->value);
  if (measure->percent) cjm_strbuf_puts(out, "%");
  else if (with_unit) put_unit(out, measure->metric->unit);
}

void cjm_present_target(cjm_strbuf *out, const cjm_metric *metric, bool ascii) {
  if (!metric->has_target) return;
  if (metric->better == CJM_BETTER_HIGHER) cjm_strbuf_puts(out, ascii ? ">= " : "≥ ");
  if (metric->better == CJM_BETTER_LOWER) cjm_strbuf_puts(out, ascii ? "<= " : "≤ ");
  cjm_present_number(out, metric->target);
  put_unit(out, metric->unit);
}

void cjm_present_score_rounded(char *buf, size_t size, double v, bool plus) {
  double r = round(v * 10) / 10;
  if (r == 0) r = 0; /* no negative zero */
  const char *sign = r > 0 && plus ? "+" : r < 0 ? "\xE2\x88\x92" : "";
  double a = fabs(r);
  if (a == floor(a)) snprintf(buf, size, "%s%.0f", sign, a);
  else snprintf(buf, size, "%s%.1f", sign, a);
}

void cjm_present_value(char *buf, size_t size, double value, bool percent, const char *unit) {
  char number[64];
  snprintf(number, sizeof number, "%g", value);
  bool unit_is_percent = unit && strcmp(unit, "%") == 0;
  if (percent || unit_is_percent) snprintf(buf, size, "%s%%", number);
  else if (unit && *unit) snprintf(buf, size, "%s %s", number, unit);
  else snprintf(buf, size, "%s", number);
}

/* The nth value word (from 0) of the entry kind, in the order of
 * lang/keywords.def, the one list of the language's words; NULL past the
 * last. The model's enumerations list their values in the same order
 * (tests/test_model.c holds them to it). */
static const char *value_word(cjm_entry_kind kind, int nth) {
  for (size_t i = 0; i < CJM_KEYWORD_ROWS; i++) {
    const cjm_keyword *k = &cjm_keywords[i];
    if (k->kind == CJM_KEYWORD_VALUE && k->node == (int)kind && nth-- == 0) return k->word;
  }
  return NULL;
}

const char *cjm_persona_kind_word(cjm_persona_kind kind) {
  return value_word(CJM_ENTRY_KIND, kind == CJM_COMPANY ? 1 : 0);
}

const char *cjm_status_word(cjm_status status) {
  return status == CJM_STATUS_UNSET ? NULL : value_word(CJM_ENTRY_STATUS, status == CJM_STATUS_AS_IS ? 0 : 1);
}

const char *cjm_better_word(cjm_better better) {
  return better == CJM_BETTER_UNSET ? NULL : value_word(CJM_ENTRY_BETTER, better == CJM_BETTER_HIGHER ? 0 : 1);
}
