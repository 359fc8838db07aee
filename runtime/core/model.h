/* model — the resolved journey: what the files of a program mean once
 * merged, with every reference pointing at its declaration and the
 * defaults of the reference applied (section 4: who a feel speaks for).
 *
 * Built from a loaded program by cjm_model_build(), which reports the
 * errors of section 5 that concern declarations and references. Every
 * object lives in the program's arena and is read-only afterwards; the
 * model must not outlive its program. Backends read the model, never the
 * syntax tree. Arrays are in journey order: declaration order for
 * personas, channels, lanes and metrics; first-declaration order for
 * stages; stage order, then written order, for steps. */
#ifndef CJM_MODEL_H
#define CJM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/ast.h"
#include "lang/diag.h"
#include "runtime/core/language.h"
#include "runtime/core/loader.h"
#include "runtime/core/symtab.h"

/* A free attribute: goal "…", role "…", owner "…". */
typedef struct cjm_attr {
  const char *key;             /* interned */
  const char *value;
  cjm_loc loc;
} cjm_attr;

/* What every declared thing has. */
typedef struct cjm_decl {
  const char *id;              /* interned */
  const char *label;           /* the label, or the id when none was given */
  cjm_loc loc;                 /* the identifier in its (first) declaration */
  const cjm_block *block;      /* the (first) declaring block; NULL for built-ins */
  size_t index;                /* position in its array */
  const cjm_source *label_source; /* the file the label in force was written in; NULL for a
                                     built-in lane not relabelled */
  bool from_stdlib;            /* declared by the standard library */
  bool used;                   /* referenced anywhere */
  bool relabelled;             /* the label was given again in another file: a module's
                                  stage, persona, channel or lane (or a built-in lane)
                                  relabelled for this journey (language.md section 3) */
} cjm_decl;

typedef enum cjm_persona_kind { CJM_PERSON, CJM_COMPANY } cjm_persona_kind;

typedef struct cjm_persona {
  cjm_decl decl;
  cjm_persona_kind kind;
  cjm_attr *attrs;
  size_t attr_count;
} cjm_persona;

typedef struct cjm_channel {
  cjm_decl decl;
  cjm_attr *attrs;
  size_t attr_count;
} cjm_channel;

typedef struct cjm_lane {
  cjm_decl decl;
  bool builtin;                /* action, touchpoint, thought, need, pain, opportunity, note */
} cjm_lane;

typedef enum cjm_better { CJM_BETTER_UNSET, CJM_BETTER_HIGHER, CJM_BETTER_LOWER } cjm_better;

typedef struct cjm_metric {
  cjm_decl decl;
  const char *unit;            /* NULL when not given */
  bool has_target;
  double target;
  cjm_better better;
  cjm_attr *attrs;
  size_t attr_count;
} cjm_metric;

/* Where the personas an entry speaks for come from (section 4): its `for`,
 * else the step's `by`, else the stage's `by`, else everyone. */
typedef enum cjm_speaker_source {
  CJM_SPEAKERS_UNSET,          /* only while the model is being built */
  CJM_SPEAKERS_FOR,            /* written with `for`: one persona */
  CJM_SPEAKERS_STEP_BY,        /* the `by` of its step */
  CJM_SPEAKERS_STAGE_BY,       /* the `by` of its stage (shared by the stage's steps) */
  CJM_SPEAKERS_EVERYONE,       /* every persona of the journey */
} cjm_speaker_source;

/* The personas an entry speaks for, after the defaults. The list is
 * shared, never copied: the persona of `for`, a `by` list, or the model's
 * personas; so the model costs what the journey says even when a `by` of
 * thousands of personas is inherited by thousands of steps. Test a
 * persona with cjm_speaks_for (logarithmic), not by walking items. */
typedef struct cjm_speakers {
  struct cjm_persona **items;
  uint32_t count;
  uint8_t source;              /* cjm_speaker_source */
  const uint32_t *sorted;      /* the persona indices of a long `by` list, ascending; else NULL */
} cjm_speakers;

typedef struct cjm_feel {
  double score;
  const char *word;            /* NULL when not given */
  cjm_speakers speakers;
  const cjm_loc *loc;          /* its entry's (the model points into the tree) */
} cjm_feel;

typedef struct cjm_lane_entry {
  cjm_lane *lane;
  const char *text;
  cjm_speakers speakers;
  const cjm_loc *loc;          /* its entry's */
} cjm_lane_entry;

typedef struct cjm_measure {
  cjm_metric *metric;
  double value;
  bool percent;
  const cjm_loc *loc;          /* its entry's */
} cjm_measure;

/* What a stage or a step records: who, through which channels, how it
 * feels, the lane entries and the measures, each in written order. */
typedef struct cjm_moment {
  cjm_persona **by;
  size_t by_count;
  const uint32_t *by_sorted;   /* the indices of by, ascending, when it is long (else NULL) */
  cjm_channel **via;
  size_t via_count;
  cjm_feel *feels;
  size_t feel_count;
  cjm_lane_entry *entries;
  size_t entry_count;
  cjm_measure *measures;
  size_t measure_count;
} cjm_moment;

typedef struct cjm_stage cjm_stage;

typedef struct cjm_step {
  cjm_decl decl;
  cjm_stage *stage;
  const cjm_block *stage_block; /* the stage block it is written under (a stage may be
                                   reopened in several) */
  cjm_moment moment;
  struct cjm_step **next;      /* as written with `next` */
  size_t next_count;
  bool has_next;               /* a `next` entry was written (maybe empty after errors) */
  struct cjm_step **successors;/* the flow: `next`, or else the following step */
  size_t successor_count;
} cjm_step;

struct cjm_stage {
  cjm_decl decl;
  const cjm_block **blocks;    /* every block declaring or reopening it, in order */
  size_t block_count;
  cjm_loc user_loc;            /* the first declaration in the map's own files,
                                  or decl.loc when there is none */
  cjm_moment moment;           /* stage-level entries */
  cjm_step **steps;
  size_t step_count;
};

typedef enum cjm_status { CJM_STATUS_UNSET, CJM_STATUS_AS_IS, CJM_STATUS_TO_BE } cjm_status;

typedef struct cjm_journey {
  bool declared;
  const char *title;           /* NULL when no journey block */
  cjm_loc loc;
  const cjm_block *block;
  cjm_attr *attrs;
  size_t attr_count;
  cjm_status status;
  double scale_min, scale_max; /* -2..2 unless `scale` says otherwise */
  cjm_measure *measures;
  size_t measure_count;
  const char *lang;            /* the `lang` attribute as written (BCP 47), NULL when none */
  cjm_language language;       /* the language of lang; CJM_LANG_AUTO without one, for
                                  cjm_language_for to detect from the text (language.h) */
} cjm_journey;

typedef struct cjm_model {
  cjm_journey journey;
  cjm_persona **personas;
  size_t persona_count;
  cjm_channel **channels;
  size_t channel_count;
  cjm_lane **lanes;            /* built-ins first, then declared */
  size_t lane_count;
  cjm_metric **metrics;
  size_t metric_count;
  cjm_stage **stages;
  size_t stage_count;
  cjm_step **steps;
  size_t step_count;
  /* Entries of steps indented as entries of their stage (indentation.h),
   * found while the entries are read; reported by the checks. */
  struct cjm_indent_slip { const cjm_entry *entry; const cjm_step *step; } *indent_slips;
  size_t indent_slip_count, indent_slip_capacity;
  /* lookup by interned identifier */
  cjm_symtab persona_table, channel_table, lane_table, metric_table, stage_table, step_table;
} cjm_model;

/* Builds the model of a loaded program, reporting declaration and
 * reference errors to diags. Returns NULL only when the program has no
 * root file. The model lives in the program's arena; free it with
 * cjm_model_free() before freeing the program. */
cjm_model *cjm_model_build(cjm_program *program, cjm_diags *diags);

/* Frees the model's lookup tables (its objects belong to the arena). */
void cjm_model_free(cjm_model *model);

/* The label to show for decl in the thread's language (words.h): a label
 * in force that the standard library wrote, in the catalogue's words for
 * the language (the journey's own label, when it relabels the
 * declaration, wins); any other label as written. */
const char *cjm_decl_label(const cjm_decl *decl);

/* Lookups by interned identifier; NULL when absent. */
cjm_persona *cjm_model_persona(const cjm_model *model, const char *id);
cjm_stage *cjm_model_stage(const cjm_model *model, const char *id);
cjm_step *cjm_model_step(const cjm_model *model, const char *id);

/* Whether persona is one of personas[0..count): a `by` list, or the items
 * of cjm_speakers. */
bool cjm_personas_include(cjm_persona *const *personas, size_t count, const cjm_persona *persona);

/* Whether persona is in moment's `by` (logarithmic in a long list). */
bool cjm_moment_by_includes(const cjm_moment *moment, const cjm_persona *persona);

/* Whether a feel or a lane entry with these speakers speaks for persona;
 * logarithmic in the speakers at worst. */
bool cjm_speaks_for(const cjm_speakers *speakers, const cjm_persona *persona);

/* The same for a persona named by its identifier, which may be of another
 * model (the other journey of a diff). */
bool cjm_speaks_for_named(const cjm_speakers *speakers, const char *persona_id);

/* Whether a feel or a lane entry of moment speaks for persona. */
bool cjm_moment_speaks_for(const cjm_moment *moment, const cjm_persona *persona);

/* Whether a step belongs to persona's journey, the steps `--persona` keeps:
 * the persona takes part in it (its `by`, else its stage's `by`, else
 * everyone), or one of its feels or entries speaks for the persona. Every
 * step does when persona is NULL. */
bool cjm_step_shown_for(const cjm_step *step, const cjm_persona *persona);

/* The names of the built-in lanes, NULL-terminated. */
const char *const *cjm_builtin_lanes(void);

#endif
