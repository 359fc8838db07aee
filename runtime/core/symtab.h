/* symtab — a hash table from interned identifier to declaration.
 *
 * Keys are interned strings (intern.h), so lookup hashes and compares the
 * pointer only. The table owns its slot array, not the keys or values. */
#ifndef CJM_SYMTAB_H
#define CJM_SYMTAB_H

#include <stddef.h>

typedef struct cjm_symtab {
  struct cjm_symtab_slot *slots; /* capacity slots, a power of two */
  size_t capacity;
  size_t count;
} cjm_symtab;

/* Frees the table's slots; the table is then empty and may be reused. */
void cjm_symtab_clear(cjm_symtab *table);

/* Makes room for count more entries than the table holds, so that it does
 * not grow (and rehash) while they are added. */
void cjm_symtab_reserve(cjm_symtab *table, size_t count);

/* The value stored under name, or NULL. */
void *cjm_symtab_get(const cjm_symtab *table, const char *name);

/* Stores value under name unless the name is taken; returns the value
 * already there, or NULL when value was stored. */
void *cjm_symtab_put(cjm_symtab *table, const char *name, void *value);

/* Calls visit for every entry, in no particular order. */
void cjm_symtab_each(const cjm_symtab *table, void (*visit)(const char *name, void *value, void *data),
                     void *data);

#endif
