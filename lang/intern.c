/* intern — see intern.h. Open addressing with linear probing; the table
 * stores each entry's hash and length so that probes rarely touch text. */
#include "lang/intern.h"

#include <stdlib.h>
#include <string.h>

typedef struct intern_slot {
  const char *text; /* interned copy, NULL when the slot is empty */
  uint32_t hash;    /* cjm_hash_bytes of text */
  uint32_t len;     /* bytes in text, without the NUL */
} intern_slot;

struct cjm_interner {
  cjm_arena *arena;   /* where the strings live */
  intern_slot *slots; /* capacity slots, a power of two */
  size_t capacity;
  size_t count;       /* occupied slots */
};

uint32_t cjm_hash_bytes(const char *s, size_t len) {
  /* Eight bytes at a time, multiply and fold; the tail byte by byte. */
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ len;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  for (; i < len; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001B3ULL;
  h ^= h >> 29;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 32;
  return (uint32_t)h;
}

cjm_interner *cjm_interner_new(cjm_arena *arena) {
  cjm_interner *names = cjm_xcalloc(1, sizeof *names);
  names->arena = arena;
  names->capacity = 1024;
  names->slots = cjm_xcalloc(names->capacity, sizeof(intern_slot));
  return names;
}

void cjm_interner_free(cjm_interner *names) {
  if (!names) return;
  free(names->slots);
  free(names);
}

static intern_slot *find_slot(intern_slot *slots, size_t capacity, const char *s, size_t len,
                              uint32_t hash) {
  size_t mask = capacity - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    intern_slot *slot = &slots[i];
    if (!slot->text) return slot;
    if (slot->hash == hash && slot->len == len && memcmp(slot->text, s, len) == 0) return slot;
  }
}

/* Moves the strings to a table of capacity slots (a power of two). */
static void resize(cjm_interner *names, size_t capacity) {
  intern_slot *slots = cjm_xcalloc(capacity, sizeof(intern_slot));
  for (size_t i = 0; i < names->capacity; i++) {
    intern_slot *old = &names->slots[i];
    if (old->text) *find_slot(slots, capacity, old->text, old->len, old->hash) = *old;
  }
  free(names->slots);
  names->slots = slots;
  names->capacity = capacity;
}

static void grow(cjm_interner *names) { resize(names, names->capacity * 2); }

void cjm_interner_reserve(cjm_interner *names, size_t count) {
  size_t capacity = names->capacity;
  while ((names->count + count) * 4 > capacity * 3) capacity *= 2;
  if (capacity > names->capacity) resize(names, capacity);
}

const char *cjm_intern(cjm_interner *names, const char *s, size_t len) {
  uint32_t hash = cjm_hash_bytes(s, len);
  intern_slot *slot = find_slot(names->slots, names->capacity, s, len, hash);
  if (slot->text) return slot->text;
  if ((names->count + 1) * 4 > names->capacity * 3) {
    grow(names);
    slot = find_slot(names->slots, names->capacity, s, len, hash);
  }
  slot->text = cjm_arena_strndup(names->arena, s, len);
  slot->hash = hash;
  slot->len = (uint32_t)len;
  names->count++;
  return slot->text;
}

const char *cjm_intern_cstr(cjm_interner *names, const char *s) {
  return cjm_intern(names, s, strlen(s));
}

const char *cjm_intern_lookup(const cjm_interner *names, const char *s, size_t len) {
  return find_slot(names->slots, names->capacity, s, len, cjm_hash_bytes(s, len))->text;
}
