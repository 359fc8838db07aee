/* limits — the explicit bounds on input that keep a hostile or broken file
 * from exhausting time or memory. Each has its own diagnostic, named
 * [limit], and is documented in docs/language.md. */
#ifndef CJM_LIMITS_H
#define CJM_LIMITS_H

#include <stddef.h>

typedef struct cjm_limits {
  size_t max_file_bytes;    /* one source file */
  size_t max_string_bytes;  /* one string literal, after decoding */
  size_t max_ident_bytes;   /* one identifier */
  size_t max_use_depth;     /* nesting of `use` from the root file */
  size_t max_files;         /* files read in one run */
} cjm_limits;

/* The defaults: 64 MiB files, 1 MiB strings, 256-byte identifiers, `use`
 * nested 32 deep, 1,000 files. */
#define CJM_LIMITS_DEFAULT                                                                  \
  ((cjm_limits){.max_file_bytes = 64u << 20, .max_string_bytes = 1u << 20,                  \
                .max_ident_bytes = 256, .max_use_depth = 32, .max_files = 1000})

#endif
