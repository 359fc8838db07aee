/* arena — bump allocation for everything that lives as long as one run.
 *
 * AST nodes, interned identifiers, decoded strings and the resolved model
 * are allocated here and freed together by cjm_arena_free(). Nothing
 * allocated from an arena is freed on its own.
 *
 * Every allocation of cjm comes here: the arenas, the cjm_x* functions
 * below (nothing else calls malloc, calloc, realloc, strdup, strndup or
 * realpath with a NULL buffer), flex's and bison's buffers (lexer.l,
 * parser.y) and jansson's (the CLI hands it cjm_xmalloc). Out of memory
 * prints "cjm: out of memory" and exits with status 2, the only place in
 * the library that ends the process: a journey that does not fit in
 * memory cannot be checked partially in any useful way. Outputs are
 * written at the end of a command (base/atomic_write.h), so none is left
 * half written. In a build with CJM_ALLOC_TESTING, the environment
 * variable CJM_ALLOC_FAIL_AT=N makes the Nth allocation fail, and
 * CJM_ALLOC_COUNT=1 prints how many were made at exit (tests/alloc). */
#ifndef CJM_ARENA_H
#define CJM_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cjm_arena cjm_arena;

/* Creates an empty arena. */
cjm_arena *cjm_arena_new(void);

/* Frees the arena and everything allocated from it. NULL is allowed. */
void cjm_arena_free(cjm_arena *arena);

/* Returns size bytes aligned for any object, uninitialised. */
void *cjm_arena_alloc(cjm_arena *arena, size_t size);

/* Returns size zeroed bytes aligned for any object. */
void *cjm_arena_zalloc(cjm_arena *arena, size_t size);

/* Like cjm_arena_alloc and cjm_arena_zalloc, aligned to align bytes only
 * (a power of two up to 16): small objects and text then waste no space
 * on padding. */
void *cjm_arena_alloc_aligned(cjm_arena *arena, size_t size, size_t align);
void *cjm_arena_zalloc_aligned(cjm_arena *arena, size_t size, size_t align);

/* Copies s[0..len) into the arena and terminates it with a NUL byte. */
char *cjm_arena_strndup(cjm_arena *arena, const char *s, size_t len);

/* Formats like printf into the arena. */
char *cjm_arena_printf(cjm_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Total bytes handed out so far (for tests and benchmarks). */
size_t cjm_arena_used(const cjm_arena *arena);

/* Allocates one zeroed object of type T. */
#define CJM_NEW(arena, T) ((T *)cjm_arena_zalloc_aligned((arena), sizeof(T), _Alignof(T)))
/* Allocates n zeroed objects of type T. */
#define CJM_NEW_ARRAY(arena, T, n) \
  ((T *)cjm_arena_zalloc_aligned((arena), sizeof(T) * (n), _Alignof(T)))

/* malloc/realloc/calloc/strdup/strndup that exit on out of memory, for
 * the few buffers that must grow and shrink outside an arena; free them
 * with free(). */
void *cjm_xmalloc(size_t size);
void *cjm_xcalloc(size_t count, size_t size);
void *cjm_xrealloc(void *ptr, size_t size);
char *cjm_xstrdup(const char *s);
char *cjm_xstrndup(const char *s, size_t len);

/* Formats like printf (vprintf) into a new buffer from cjm_xmalloc. */
char *cjm_xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *cjm_xvprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Sends the out-of-memory message to descriptor fd (standard error, 2,
 * until then) and returns the one it went to before: a module that points
 * standard error elsewhere for a while (the Graphviz driver captures it)
 * points the message at the real one meanwhile, or it would be lost with
 * the process. */
int cjm_set_out_of_memory_fd(int fd);

/* The canonical absolute path of path, as realpath(path, NULL) but in a
 * buffer from cjm_xmalloc; NULL, with errno set, when realpath fails. */
char *cjm_xrealpath(const char *path);

#endif
