/* symtab — see symtab.h. Open addressing, linear probing, load <= 1/2. */
#include "runtime/core/symtab.h"

#include <stdlib.h>

#include "lang/arena.h"
#include "lang/intern.h"

struct cjm_symtab_slot {
  const char *name; /* NULL when empty */
  void *value;
};

void cjm_symtab_clear(cjm_symtab *table) {
  free(table->slots);
  *table = (cjm_symtab){0};
}

static struct cjm_symtab_slot *probe(struct cjm_symtab_slot *slots, size_t capacity,
                                     const char *name) {
  size_t mask = capacity - 1;
  for (size_t i = cjm_hash_ptr(name) & mask;; i = (i + 1) & mask)
    if (slots[i].name == name || !slots[i].name) return &slots[i];
}

void *cjm_symtab_get(const cjm_symtab *table, const char *name) {
  if (!table->capacity || !name) return NULL;
  struct cjm_symtab_slot *slot = probe(table->slots, table->capacity, name);
  return slot->name ? slot->value : NULL;
}

/* Moves the entries to capacity slots (a power of two). */
static void resize(cjm_symtab *table, size_t capacity) {
  struct cjm_symtab_slot *slots = cjm_xcalloc(capacity, sizeof *slots);
  for (size_t i = 0; i < table->capacity; i++)
    if (table->slots[i].name) *probe(slots, capacity, table->slots[i].name) = table->slots[i];
  free(table->slots);
  table->slots = slots;
  table->capacity = capacity;
}

static void grow(cjm_symtab *table) { resize(table, table->capacity ? table->capacity * 2 : 64); }

void cjm_symtab_reserve(cjm_symtab *table, size_t count) {
  size_t capacity = table->capacity ? table->capacity : 64;
  while ((table->count + count) * 2 > capacity) capacity *= 2;
  if (capacity > table->capacity) resize(table, capacity);
}

void *cjm_symtab_put(cjm_symtab *table, const char *name, void *value) {
  if ((table->count + 1) * 2 > table->capacity) grow(table);
  struct cjm_symtab_slot *slot = probe(table->slots, table->capacity, name);
  if (slot->name) return slot->value;
  slot->name = name;
  slot->value = value;
  table->count++;
  return NULL;
}

void cjm_symtab_each(const cjm_symtab *table, void (*visit)(const char *name, void *value, void *data),
                     void *data) {
  for (size_t i = 0; i < table->capacity; i++)
    if (table->slots[i].name) visit(table->slots[i].name, table->slots[i].value, data);
}
