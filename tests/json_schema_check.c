/* json_schema_check — validates JSON documents against docs/cjm.schema.json.
 *
 *   json_schema_check SCHEMA FILE...
 *
 * A small JSON Schema (draft 2020-12) validator over jansson, for the
 * keywords the cjm schema uses: type, const, enum, required, properties,
 * additionalProperties, items, minLength, minimum, minProperties,
 * maxProperties, anyOf, oneOf, allOf and $ref to "#" or "#/$defs/NAME".
 * Annotations (title, description, $schema, $id, $comment) are ignored.
 * Any other keyword is an error, so the schema cannot grow a rule this
 * checker would silently skip. Exit status 0 when every file is valid,
 * 1 when one is not (each error printed with its JSON path), 2 on usage
 * or read errors. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum { MAX_DEPTH = 200 };

typedef struct checker {
  json_t *root;                /* the schema */
  bool report;                 /* print errors (off inside anyOf/oneOf trials) */
  bool schema_error;           /* the schema uses something unsupported */
} checker;

static bool validate(checker *c, json_t *schema, json_t *value, const char *path, int depth);

static void fail(checker *c, const char *path, const char *what, const char *detail) {
  if (c->report) fprintf(stderr, "  at %s: %s%s%s\n", *path ? path : "(root)", what, detail ? " " : "", detail ? detail : "");
}

static bool type_matches(const char *type, json_t *v) {
  if (strcmp(type, "object") == 0) return json_is_object(v);
  if (strcmp(type, "array") == 0) return json_is_array(v);
  if (strcmp(type, "string") == 0) return json_is_string(v);
  if (strcmp(type, "integer") == 0) return json_is_integer(v);
  if (strcmp(type, "number") == 0) return json_is_number(v);
  if (strcmp(type, "boolean") == 0) return json_is_boolean(v);
  if (strcmp(type, "null") == 0) return json_is_null(v);
  return false;
}

static json_t *resolve(checker *c, const char *ref) {
  if (strcmp(ref, "#") == 0) return c->root;
  if (strncmp(ref, "#/$defs/", 8) == 0) return json_object_get(json_object_get(c->root, "$defs"), ref + 8);
  return NULL;
}

/* How many of the schemas in list value matches, without reporting. */
static size_t count_matches(checker *c, json_t *list, json_t *value, const char *path, int depth) {
  bool report = c->report;
  c->report = false;
  size_t n = 0, i;
  json_t *s;
  json_array_foreach(list, i, s) n += validate(c, s, value, path, depth + 1);
  c->report = report;
  return n;
}

static size_t utf8_length(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

static bool validate_object(checker *c, json_t *schema, json_t *value, const char *path, int depth) {
  bool ok = true;
  json_t *props = json_object_get(schema, "properties");
  json_t *additional = json_object_get(schema, "additionalProperties");
  const char *key;
  json_t *member;
  json_object_foreach(value, key, member) {
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/%s", path, key);
    json_t *ps = props ? json_object_get(props, key) : NULL;
    if (ps) ok &= validate(c, ps, member, sub, depth + 1);
    else if (json_is_false(additional)) {
      fail(c, sub, "property not allowed", NULL);
      ok = false;
    } else if (json_is_object(additional)) {
      ok &= validate(c, additional, member, sub, depth + 1);
    }
  }
  size_t i;
  json_t *name;
  json_array_foreach(json_object_get(schema, "required"), i, name) {
    if (!json_object_get(value, json_string_value(name))) {
      fail(c, path, "missing required property", json_string_value(name));
      ok = false;
    }
  }
  json_t *minp = json_object_get(schema, "minProperties"), *maxp = json_object_get(schema, "maxProperties");
  if (minp && (json_int_t)json_object_size(value) < json_integer_value(minp)) {
    fail(c, path, "too few properties", NULL);
    ok = false;
  }
  if (maxp && (json_int_t)json_object_size(value) > json_integer_value(maxp)) {
    fail(c, path, "too many properties", NULL);
    ok = false;
  }
  return ok;
}

static bool known_keyword(const char *key) {
  static const char *const known[] = {
      "$schema", "$id", "title", "description", "$comment", "$defs", "type", "const", "enum",
      "required", "properties", "additionalProperties", "items", "minLength", "minimum",
      "minProperties", "maxProperties", "anyOf", "oneOf", "allOf", "$ref",
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcmp(known[i], key) == 0) return true;
  return false;
}

static bool validate(checker *c, json_t *schema, json_t *value, const char *path, int depth) {
  if (depth > MAX_DEPTH) {
    fail(c, path, "schema nesting too deep", NULL);
    return false;
  }
  if (json_is_true(schema)) return true;
  if (json_is_false(schema)) {
    fail(c, path, "nothing is allowed here", NULL);
    return false;
  }
  bool ok = true;
  const char *key;
  json_t *rule;
  json_object_foreach(schema, key, rule) {
    if (!known_keyword(key)) {
      fprintf(stderr, "schema: unsupported keyword '%s'\n", key);
      c->schema_error = true;
      return false;
    }
  }
  json_t *ref = json_object_get(schema, "$ref");
  if (ref) {
    json_t *target = resolve(c, json_string_value(ref));
    if (!target) {
      fprintf(stderr, "schema: unresolved $ref '%s'\n", json_string_value(ref));
      c->schema_error = true;
      return false;
    }
    ok &= validate(c, target, value, path, depth + 1);
  }
  json_t *type = json_object_get(schema, "type");
  if (type) {
    bool match = false;
    if (json_is_string(type)) match = type_matches(json_string_value(type), value);
    size_t i;
    json_t *t;
    json_array_foreach(type, i, t) match |= type_matches(json_string_value(t), value);
    if (!match) {
      fail(c, path, "wrong type, expected", json_is_string(type) ? json_string_value(type) : "one of several");
      return false;
    }
  }
  json_t *constant = json_object_get(schema, "const");
  if (constant && !json_equal(constant, value)) {
    fail(c, path, "value differs from const", NULL);
    ok = false;
  }
  json_t *choices = json_object_get(schema, "enum");
  if (choices) {
    bool found = false;
    size_t i;
    json_t *choice;
    json_array_foreach(choices, i, choice) found |= json_equal(choice, value);
    if (!found) {
      fail(c, path, "value not in enum", json_is_string(value) ? json_string_value(value) : NULL);
      ok = false;
    }
  }
  json_t *min_length = json_object_get(schema, "minLength");
  if (min_length && json_is_string(value) &&
      (json_int_t)utf8_length(json_string_value(value)) < json_integer_value(min_length)) {
    fail(c, path, "string too short", NULL);
    ok = false;
  }
  json_t *minimum = json_object_get(schema, "minimum");
  if (minimum && json_is_number(value) && json_number_value(value) < json_number_value(minimum)) {
    fail(c, path, "number below minimum", NULL);
    ok = false;
  }
  if (json_is_object(value)) ok &= validate_object(c, schema, value, path, depth);
  json_t *items = json_object_get(schema, "items");
  if (items && json_is_array(value)) {
    size_t i;
    json_t *item;
    json_array_foreach(value, i, item) {
      char sub[1024];
      snprintf(sub, sizeof sub, "%s/%zu", path, i);
      ok &= validate(c, items, item, sub, depth + 1);
    }
  }
  json_t *all = json_object_get(schema, "allOf");
  if (all) {
    size_t i;
    json_t *s;
    json_array_foreach(all, i, s) ok &= validate(c, s, value, path, depth + 1);
  }
  json_t *any = json_object_get(schema, "anyOf");
  if (any && count_matches(c, any, value, path, depth) == 0) {
    fail(c, path, "matches none of anyOf", NULL);
    ok = false;
  }
  json_t *one = json_object_get(schema, "oneOf");
  if (one) {
    size_t n = count_matches(c, one, value, path, depth);
    if (n != 1) {
      fail(c, path, n ? "matches several of oneOf" : "matches none of oneOf", NULL);
      if (!n && c->report) { /* say why the closest candidates fail */
        size_t i;
        json_t *s;
        json_array_foreach(one, i, s) validate(c, s, value, path, depth + 1);
      }
      ok = false;
    }
  }
  return ok && !c->schema_error;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: json_schema_check SCHEMA FILE...\n");
    return 2;
  }
  json_error_t error;
  checker c = {.report = true};
  c.root = json_load_file(argv[1], 0, &error);
  if (!c.root) {
    fprintf(stderr, "%s:%d:%d: %s\n", argv[1], error.line, error.column, error.text);
    return 2;
  }
  int status = 0;
  for (int i = 2; i < argc; i++) {
    json_t *doc = json_load_file(argv[i], 0, &error);
    if (!doc) {
      fprintf(stderr, "%s:%d:%d: %s\n", argv[i], error.line, error.column, error.text);
      status = 2;
      continue;
    }
    if (!validate(&c, c.root, doc, "", 0)) {
      fprintf(stderr, "%s: does not match %s\n", argv[i], argv[1]);
      if (status == 0) status = 1;
    }
    json_decref(doc);
    if (c.schema_error) status = 2;
  }
  json_decref(c.root);
  return status;
}
