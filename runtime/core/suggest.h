/* suggest — "did you mean" for identifiers: the declared name nearest to a
 * misspelt one, by edit distance over code points. */
#ifndef CJM_SUGGEST_H
#define CJM_SUGGEST_H

#include <stddef.h>

/* Returns the index in names[0..count) of the name closest to `name`
 * (Damerau-Levenshtein over code points, ties to the earliest), or -1 when
 * none is close enough to be a likely typo: at most one edit for names of
 * up to four characters, two up to eight, three beyond. */
long cjm_suggest(const char *name, const char *const *names, size_t count);

#endif
