/* indentation — see indentation.h. Constant work per entry, plus the
 * indentation of the few lines whose column already misleads. */
#include "runtime/core/indentation.h"

#include <stdbool.h>

#include "runtime/core/model.h"

/* The indentation of the token at loc, in code points (a tab counts one,
 * as columns do), or -1 when something else stands before it on its line. */
static long indentation_of(const cjm_loc *loc) {
  const cjm_source *source = loc->source;
  if (!source || !source->text || loc->offset > source->len) return -1;
  for (uint32_t at = loc->offset; at > 0; at--) {
    char c = source->text[at - 1];
    if (c == '\n') break;
    if (c != ' ' && c != '\t') return -1;
  }
  return (long)loc->col - 1;
}

bool cjm_indentation_misleads(const cjm_block *stage, const cjm_block *step, const cjm_entry *e) {
  /* An entry's location starts at its first token: its column alone rules
   * out most entries, before the source text is looked at. */
  long column = (long)e->loc.col - 1, stage_indent = (long)stage->keyword_loc.col - 1,
       step_indent = (long)step->keyword_loc.col - 1;
  if (column <= stage_indent || column > step_indent) return false;
  /* The same columns also need the stage, the step and the entry each
   * first on its line. */
  return indentation_of(&e->loc) >= 0 && indentation_of(&step->keyword_loc) >= 0 &&
         indentation_of(&stage->keyword_loc) >= 0;
}

void cjm_check_indentation(const cjm_model *model, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "misleading-indentation")) return;
  for (size_t i = 0; i < model->indent_slip_count; i++) {
    const cjm_entry *e = model->indent_slips[i].entry;
    const cjm_step *step = model->indent_slips[i].step;
    const cjm_block *block = step->decl.block;
    cjm_loc keyword = cjm_entry_keyword_loc(e);
    cjm_diag *d = cjm_warning(diags, "misleading-indentation", &keyword,
                              "this entry is indented as an entry of stage '%s', but it belongs to step '%s'",
                              step->stage->decl.id, step->decl.id);
    cjm_note(d, &block->keyword_loc,
             "it joins step '%s', the block above it: an entry belongs to the block it follows, "
             "whatever its indentation (is a 'stage' line missing?)",
             step->decl.id);
  }
}
