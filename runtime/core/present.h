/* present — how cjm writes numbers for people: feel scores, means,
 * measures and targets, the same in every table, picture and message.
 *
 * Two styles: exact (tables, stats, the diff, messages: the number as
 * written, in its shortest exact form) and rounded (the pictures: one
 * decimal, a typographic minus). Pure: no I/O, no global state. Depends
 * on the model (for the scale and the units) and strbuf.h. */
#ifndef CJM_PRESENT_H
#define CJM_PRESENT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/base/strbuf.h"
#include "runtime/core/model.h"

/* Appends a number in its shortest exact form: 3, 3.5, -0.25. */
void cjm_present_number(cjm_strbuf *out, double value);

/* Appends a feel score as the journey's scale reads: with a sign ("+1",
 * "0", "-2") on a scale that goes below zero, without ("4") otherwise;
 * fractions as written ("3.5"). */
void cjm_present_score(cjm_strbuf *out, const cjm_model *model, double score);

/* Appends an observed value with its unit: "1.8%", "124 days", "62". With
 * with_unit false, only the number and a `%` written after it. */
void cjm_present_measure(cjm_strbuf *out, const cjm_measure *measure, bool with_unit);

/* Appends a metric's target as "≥ 3%" (better higher), "≤ 90 days" (better
 * lower) or "3.5%" (no direction); ascii writes ">=" and "<=". Appends
 * nothing when the metric has no target. */
void cjm_present_target(cjm_strbuf *out, const cjm_metric *metric, bool ascii);

/* Formats a feel score or a mean to one decimal: "+1", "−0.5" (U+2212),
 * "0"; positive values get a "+" only when plus (scales with negatives). */
void cjm_present_score_rounded(char *buf, size_t size, double v, bool plus);

/* Formats a measure's value with its unit ("1.8%", "18 min") into buf. */
void cjm_present_value(char *buf, size_t size, double value, bool percent, const char *unit);


/* The words the language writes for the model's enumerations, the same in
 * the source, the tables, the JSON and the diff, read from the language's
 * table of words (lang/keywords.def): "person"/"company", "as-is"/"to-be"
 * (NULL when unset), "higher"/"lower" (NULL when unset). */
const char *cjm_persona_kind_word(cjm_persona_kind kind);
const char *cjm_status_word(cjm_status status);
const char *cjm_better_word(cjm_better better);

#endif
