/* words — see words.h. The lines follow docs/language.md, sections 3 and 4. */
#include "runtime/lsp/words.h"

#include <string.h>

const cjm_lsp_word cjm_lsp_words[] = {
    {"use", CJM_WORD_BLOCK, NULL, "imports the declarations of another journey file: use \"name\""},
    {"journey", CJM_WORD_BLOCK, NULL, "the map itself, with its title: journey \"Title\""},
    {"persona", CJM_WORD_BLOCK, NULL, "who travels, a person, a role or a company: persona ID [\"Label\"]"},
    {"channel", CJM_WORD_BLOCK, NULL, "a medium of contact, such as web, email or store: channel ID [\"Label\"]"},
    {"lane", CJM_WORD_BLOCK, NULL, "a row of the map, what is recorded per stage or step: lane ID [\"Label\"]"},
    {"metric", CJM_WORD_BLOCK, NULL, "a KPI, with its unit, target and better: metric ID [\"Label\"]"},
    {"stage", CJM_WORD_BLOCK, NULL, "a column of the map, a phase of the journey: stage ID [\"Label\"]"},
    {"step", CJM_WORD_BLOCK, NULL, "one moment inside the stage above it: step ID [\"Label\"]"},
    {"by", CJM_WORD_ENTRY, NULL, "the personas involved: by ID, ID..."},
    {"via", CJM_WORD_ENTRY, NULL, "the channels used: via ID, ID..."},
    {"feel", CJM_WORD_ENTRY, NULL, "an emotion on the journey's scale: feel SCORE [\"word\"] [for PERSONA]"},
    {"for", CJM_WORD_CLAUSE, NULL, "the persona a feel or a lane entry speaks for: ... for PERSONA"},
    {"measure", CJM_WORD_ENTRY, NULL, "an observed value of a metric: measure METRIC VALUE"},
    {"next", CJM_WORD_ENTRY, NULL, "the steps that follow this one, where the flow branches or loops: next ID, ID..."},
    {"scale", CJM_WORD_ENTRY, NULL, "the journey's emotion scale: scale MIN..MAX (default -2..2)"},
    {"status", CJM_WORD_ENTRY, NULL, "whether the map shows the journey as it is or as it should be: status as-is|to-be"},
    {"kind", CJM_WORD_ENTRY, NULL, "whether a persona is a person or a company: kind person|company"},
    {"unit", CJM_WORD_ENTRY, NULL, "a metric's unit: unit \"%\""},
    {"target", CJM_WORD_ENTRY, NULL, "a metric's target: target N"},
    {"better", CJM_WORD_ENTRY, NULL, "which way a metric improves: better higher|lower"},
    {"as-is", CJM_WORD_VALUE, "status", "status as-is: the journey as it is today (a current-state map)"},
    {"to-be", CJM_WORD_VALUE, "status", "status to-be: the journey as it should become (a future-state map)"},
    {"person", CJM_WORD_VALUE, "kind", "kind person: the persona is a person (the default)"},
    {"company", CJM_WORD_VALUE, "kind", "kind company: the persona is a company, as B2B maps have"},
    {"higher", CJM_WORD_VALUE, "better", "better higher: a higher value of the metric is better"},
    {"lower", CJM_WORD_VALUE, "better", "better lower: a lower value of the metric is better"},
};

const size_t cjm_lsp_word_count = sizeof cjm_lsp_words / sizeof cjm_lsp_words[0];

const cjm_lsp_word *cjm_lsp_word_find(const char *word, size_t len) {
  for (size_t i = 0; i < cjm_lsp_word_count; i++)
    if (strlen(cjm_lsp_words[i].word) == len && memcmp(cjm_lsp_words[i].word, word, len) == 0)
      return &cjm_lsp_words[i];
  return NULL;
}
