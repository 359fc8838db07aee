/* indentation — see indentation.h. Linear in the entries, plus the
 * indentation of each line it looks at. */
#include "runtime/core/indentation.h"

#include <stdbool.h>

#include "lang/ast.h"

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

/* Checks the entries of the steps of one stage block. */
static void check_stage(const cjm_block *stage, cjm_diags *diags) {
  long stage_indent = indentation_of(&stage->keyword_loc);
  if (stage_indent < 0) return;
  for (const cjm_block *step = stage->steps; step; step = step->next) {
    long step_indent = indentation_of(&step->keyword_loc);
    if (step_indent <= stage_indent) continue; /* a flat layout says nothing */
    for (const cjm_entry *e = step->entries; e; e = e->next) {
      cjm_loc keyword = cjm_entry_keyword_loc(e);
      long indent = indentation_of(&keyword);
      if (indent <= stage_indent || indent > step_indent) continue;
      const char *stage_name = stage->id.name ? stage->id.name : "?";
      const char *step_name = step->id.name ? step->id.name : "?";
      cjm_diag *d = cjm_warning(diags, "misleading-indentation", &keyword,
                                "this entry is indented as an entry of stage '%s', but it belongs to "
                                "step '%s'",
                                stage_name, step_name);
      cjm_note(d, &step->keyword_loc,
               "it joins step '%s', the block above it: an entry belongs to the block it follows, "
               "whatever its indentation (is a 'stage' line missing?)",
               step_name);
    }
  }
}

void cjm_check_indentation(const cjm_program *program, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "misleading-indentation")) return;
  for (size_t i = 0; i < program->file_count; i++) {
    const cjm_file *file = program->files[i];
    if (file->from_stdlib || !file->ast) continue;
    for (const cjm_block *block = file->ast->blocks; block; block = block->next)
      if (block->kind == CJM_BLOCK_STAGE) check_stage(block, diags);
  }
}
