/* mermaid_export — a journey as a Mermaid `journey` diagram (`cjm export
 * mermaid`).
 *
 * Stages become sections, steps tasks, the labels of a step's `by`
 * personas (else its stage's) its actors, and its feel the task's score,
 * mapped from the journey's scale onto Mermaid's 1..5 (cjm_mermaid_score).
 * The title becomes `title`, and `accTitle` unless an `acc_title`
 * attribute gives another; the first `goal` becomes `accDescr`. Mermaid's grammar has no escapes, so the
 * characters a task, a section, an actor or the title cannot hold are
 * replaced by visible look-alikes (`:` ：, `#` ＃, `;` ；, `,` in an actor
 * ，, a line break ↵, `%%` %％, the `#` of an entity `#word;` ＃), and a
 * task that begins like a Mermaid keyword gets an invisible word joiner
 * (U+2060) first. What Mermaid cannot
 * show (lanes, channels, per-persona feels, metrics, branches…) is listed
 * in a `%%` note at the top unless options->quiet. docs/interop.md has the
 * whole mapping.
 *
 * A backend like those of render/: it reads the model and its analysis,
 * never the syntax tree, appends to the caller's strbuf and reports to
 * diags. Depends on core/, base/strbuf.h and mermaid_text.h only. */
#ifndef CJM_MERMAID_EXPORT_H
#define CJM_MERMAID_EXPORT_H

#include <stdbool.h>

#include "lang/diag.h"
#include "runtime/base/strbuf.h"
#include "runtime/core/analysis.h"
#include "runtime/core/model.h"

/* What `cjm export mermaid` was asked for. */
typedef struct cjm_mermaid_export_options {
  bool quiet;                  /* --quiet: no note of what Mermaid cannot show */
  const cjm_source *file;      /* the journey's file: where a warning about the whole
                                  diagram points when the journey has no journey line
                                  (NULL: nowhere) */
} cjm_mermaid_export_options;

/* Mermaid draws at most this many characters by default (its maxTextSize
 * setting); a longer export is written with a warning. */
enum { CJM_MERMAID_MAX_TEXT = 50000 };

/* Appends model as a Mermaid journey diagram to out. analysis is the
 * model's (cjm_analyse). Returns true; a diagram too long for Mermaid's
 * default is a warning in diags. */
bool cjm_mermaid_export(const cjm_model *model, const cjm_analysis *analysis,
                        const cjm_mermaid_export_options *options, cjm_strbuf *out, cjm_diags *diags);

/* A feel on the scale min..max as Mermaid's score: on 1..5 the score
 * itself (a mean to two decimals); on any other scale mapped linearly,
 * min to 1 and max to 5, and rounded to the nearest whole number, a half
 * upwards. */
double cjm_mermaid_score(double score, double min, double max);

#endif
