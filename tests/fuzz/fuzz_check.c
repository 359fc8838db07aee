/* fuzz_check — libFuzzer harness: any bytes as a journey file, through
 * what `cjm check -Wall -Wcx` does (parse, `use` of the standard library,
 * model, analysis, every check) and the diagnostics printed, with and
 * without colour. Also tokenizes the text with each lexer, as a language
 * server's highlighting does. Crashes and sanitizer reports are the
 * findings; there is no property beyond not failing. */
#include "tests/fuzz/fuzz.h"

#include "lang/arena.h"
#include "lang/intern.h"
#include "lang/parse.h"

/* Tokenizes src with one lexer into a scratch arena. */
static void tokenize(const cjm_source *src, cjm_lexer lexer) {
  cjm_arena *arena = cjm_arena_new();
  cjm_interner *names = cjm_interner_new(arena);
  cjm_diags *diags = cjm_diags_new();
  cjm_parse_options options = {.lexer = lexer};
  cjm_token *tokens;
  cjm_tokenize_with(src, arena, names, diags, &options, &tokens);
  cjm_diags_free(diags);
  cjm_interner_free(names);
  cjm_arena_free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_journey j;
  fuzz_journey_load(&j, "fuzz.cjm", data, size);
  fuzz_journey_free(&j);
  cjm_source *src = cjm_source_from_memory("fuzz.cjm", (const char *)data, size);
  tokenize(src, CJM_LEXER_FAST);
  tokenize(src, CJM_LEXER_FLEX);
  cjm_source_free(src);
  return 0;
}
