/* arena — see arena.h. Chunks are chained; large requests get a chunk of
 * their own so that a huge string does not waste the rest of a chunk. */
#include "lang/arena.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Chunks start small, so that a small run stays small, and double up to
 * ARENA_MAX_CHUNK, so that a large journey needs few of them. */
enum {
  ARENA_CHUNK = 64 * 1024,
  ARENA_MAX_CHUNK = 8 * 1024 * 1024,
  ARENA_ALIGN = 16,
};

typedef struct arena_chunk {
  struct arena_chunk *prev; /* the chunk filled before this one */
  size_t size;              /* usable bytes in data */
  size_t used;              /* bytes handed out from data */
  size_t mapped;            /* bytes mapped for the chunk (see chunk_new), or 0
                               when it was malloc'd */
  _Alignas(ARENA_ALIGN) unsigned char data[];
} arena_chunk;

struct cjm_arena {
  arena_chunk *head;   /* the chunk allocations come from */
  size_t total;        /* bytes handed out, for statistics */
  size_t next_chunk;   /* size of the next regular chunk */
};

/* Ends the process: a message, and exit status 2 as for any error that
 * is not the input's (cli.h). exit() runs the atexit handlers, and what
 * the callers still hold stays reachable from their frames, so a leak
 * checker sees no leak. */
static int out_of_memory_fd = 2;

int cjm_set_out_of_memory_fd(int fd) {
  int previous = out_of_memory_fd;
  out_of_memory_fd = fd;
  return previous;
}

static _Noreturn void out_of_memory(size_t size) {
  char message[96];
  int n = snprintf(message, sizeof message, "cjm: out of memory (allocating %zu bytes)\n", size);
  fflush(stderr);
  if (n > 0 && write(out_of_memory_fd, message, (size_t)n) < 0) {
    /* nowhere left to say it: the exit status alone tells */
  }
  exit(2);
}

#ifdef CJM_ALLOC_TESTING
/* The allocation-failure test (tests/alloc/alloc_fail.sh): allocations are
 * counted from 1, and the one CJM_ALLOC_FAIL_AT names fails as if the
 * system had no memory left. */
static unsigned long alloc_count, alloc_fail_at;
static bool alloc_configured;

static void report_count(void) { fprintf(stderr, "cjm: %lu allocations\n", alloc_count); }

/* Whether the allocation being made is the one to fail. */
static bool allocation_fails(void) {
  if (!alloc_configured) {
    alloc_configured = true;
    const char *at = getenv("CJM_ALLOC_FAIL_AT");
    alloc_fail_at = at ? strtoul(at, NULL, 10) : 0;
    if (getenv("CJM_ALLOC_COUNT")) atexit(report_count);
  }
  return ++alloc_count == alloc_fail_at;
}
#else
static inline bool allocation_fails(void) { return false; }
#endif

void *cjm_xmalloc(size_t size) {
  void *p = allocation_fails() ? NULL : malloc(size ? size : 1);
  if (!p) out_of_memory(size);
  return p;
}

void *cjm_xcalloc(size_t count, size_t size) {
  void *p = allocation_fails() ? NULL : calloc(count ? count : 1, size ? size : 1);
  if (!p) out_of_memory(count * size);
  return p;
}

void *cjm_xrealloc(void *ptr, size_t size) {
  void *p = allocation_fails() ? NULL : realloc(ptr, size ? size : 1);
  if (!p) out_of_memory(size);
  return p;
}

char *cjm_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(cjm_xmalloc(n), s, n);
}

char *cjm_xstrndup(const char *s, size_t len) {
  size_t n = strnlen(s, len);
  char *p = cjm_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *cjm_xvprintf(const char *fmt, va_list ap) {
  /* A null format is the empty text (and GCC, under
   * -fsanitize=nonnull-attribute, sees vsnprintf never given one). */
  if (!fmt) fmt = "";
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  if (n < 0) n = 0;
  char *p = cjm_xmalloc((size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, again);
  va_end(again);
  return p;
}

char *cjm_xprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = cjm_xvprintf(fmt, ap);
  va_end(ap);
  return p;
}

char *cjm_xrealpath(const char *path) {
  char buf[PATH_MAX];
  return realpath(path, buf) ? cjm_xstrdup(buf) : NULL;
}

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_SANITIZED 1 /* GCC */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_SANITIZED 1 /* Clang */
#endif
#endif
/* Under AddressSanitizer every allocation is followed by a poisoned gap of
 * ARENA_REDZONE bytes, and a chunk's free space stays poisoned until it is
 * handed out: a read past the end of a node (an entry allocated for its
 * kind's fields only, ast.h) is then reported instead of reading its
 * neighbour. */
#ifdef ARENA_SANITIZED
#include <sanitizer/asan_interface.h>
enum { ARENA_REDZONE = 16 };
#define ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
enum { ARENA_REDZONE = 0 };
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

cjm_arena *cjm_arena_new(void) { return cjm_xcalloc(1, sizeof(cjm_arena)); }

void cjm_arena_free(cjm_arena *arena) {
  if (!arena) return;
  arena_chunk *c = arena->head;
  while (c) {
    arena_chunk *prev = c->prev;
    ARENA_UNPOISON(c->data, c->size);
    if (c->mapped) munmap(c, c->mapped);
    else free(c);
    c = prev;
  }
  free(arena);
}

/* Chunks from this size up are mapped from the kernel directly, with all
 * their pages made ready at once (Linux; elsewhere, and under
 * AddressSanitizer so that leaks are still found, they come from malloc
 * like the others). A large journey fills hundreds of megabytes, and the
 * kernel's work to back them is a good part of its checking time; doing
 * it for a whole chunk in one call saves the page fault that each 4 KiB
 * page would otherwise take when first written (about 7 % of the time of
 * bench/run.sh). Mapped memory also comes zeroed, so cjm_arena_zalloc
 * need not clear it again. The pages of the last chunk that go unused are
 * made ready for nothing (at most ARENA_MAX_CHUNK bytes). */
enum { ARENA_MAP = 1024 * 1024 };

#if defined(MAP_ANONYMOUS) && defined(MAP_POPULATE) && !defined(ARENA_SANITIZED)
#define ARENA_CAN_MAP 1
#else
#define ARENA_CAN_MAP 0
#endif

static arena_chunk *chunk_new(size_t size, arena_chunk *prev) {
  arena_chunk *c = NULL;
  size_t total = sizeof(arena_chunk) + size;
#if ARENA_CAN_MAP
  if (size >= ARENA_MAP) {
    void *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p != MAP_FAILED) {
      c = p;
      c->mapped = total;
    }
  }
#endif
  if (!c) {
    c = cjm_xmalloc(total);
    c->mapped = 0;
  }
  c->prev = prev;
  c->size = size;
  c->used = 0;
  ARENA_POISON(c->data, size);
  return c;
}

static void *take_unpoisoned(cjm_arena *arena, size_t size, size_t align, bool *zeroed);

/* Hands out size bytes aligned to align; *zeroed tells whether they are
 * known to be zero (from a mapped chunk, never handed out before). Under
 * AddressSanitizer a poisoned red zone follows them. */
static void *take(cjm_arena *arena, size_t size, size_t align, bool *zeroed) {
  void *p = take_unpoisoned(arena, size + ARENA_REDZONE, align, zeroed);
  arena->total -= ARENA_REDZONE; /* counted as handed out as without it */
  ARENA_UNPOISON(p, size);
  return p;
}

/* take() without the red zone's bookkeeping. */
static void *take_unpoisoned(cjm_arena *arena, size_t size, size_t align, bool *zeroed) {
  arena_chunk *c = arena->head;
  if (c) {
    size_t start = (c->used + align - 1) & ~(align - 1);
    if (start <= c->size && c->size - start >= size) {
      arena->total += start - c->used + size;
      c->used = start + size;
      *zeroed = c->mapped != 0;
      return c->data + start;
    }
  }
  /* A new chunk; its data is aligned for anything. */
  size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (rounded < size) out_of_memory(size);
  arena->total += rounded;
  if (rounded > ARENA_CHUNK / 4) {
    /* A big block gets its own chunk, slotted behind the current one so
     * that the current chunk's free space stays in use. */
    arena_chunk *big = chunk_new(rounded, c ? c->prev : NULL);
    big->used = rounded;
    if (c) c->prev = big;
    else arena->head = big;
    *zeroed = big->mapped != 0;
    return big->data;
  }
  if (arena->next_chunk < ARENA_CHUNK) arena->next_chunk = ARENA_CHUNK;
  c = chunk_new(arena->next_chunk, c);
  if (arena->next_chunk < ARENA_MAX_CHUNK) arena->next_chunk *= 2;
  arena->head = c;
  c->used = size;
  *zeroed = c->mapped != 0;
  return c->data;
}

void *cjm_arena_alloc_aligned(cjm_arena *arena, size_t size, size_t align) {
  bool zeroed;
  return take(arena, size, align, &zeroed);
}

void *cjm_arena_alloc(cjm_arena *arena, size_t size) {
  return cjm_arena_alloc_aligned(arena, size, ARENA_ALIGN);
}

void *cjm_arena_zalloc_aligned(cjm_arena *arena, size_t size, size_t align) {
  bool zeroed;
  void *p = take(arena, size, align, &zeroed);
  return zeroed ? p : memset(p, 0, size);
}

void *cjm_arena_zalloc(cjm_arena *arena, size_t size) {
  return cjm_arena_zalloc_aligned(arena, size, ARENA_ALIGN);
}

char *cjm_arena_strndup(cjm_arena *arena, const char *s, size_t len) {
  char *p = cjm_arena_alloc_aligned(arena, len + 1, 1);
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *cjm_arena_printf(cjm_arena *arena, const char *fmt, ...) {
  /* A null format is the empty text (and GCC, under
   * -fsanitize=nonnull-attribute, sees vsnprintf never given one). */
  if (!fmt) fmt = "";
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *p = cjm_arena_alloc_aligned(arena, (size_t)n + 1, 1);
  if ((size_t)n < sizeof small) {
    memcpy(p, small, (size_t)n + 1);
  } else {
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  return p;
}

size_t cjm_arena_used(const cjm_arena *arena) { return arena->total; }
