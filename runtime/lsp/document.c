/* document — see document.h. */
#include "runtime/lsp/document.h"
#include "runtime/base/grow.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h" /* cjm_xmalloc */

/* Frees one document. */
static void doc_free(cjm_lsp_doc *doc) {
  free(doc->uri);
  free(doc->path);
  free(doc->real_path);
  free(doc->text);
  cjm_lsp_lines_free(&doc->lines);
  free(doc);
}

void cjm_lsp_docs_free(cjm_lsp_docs *docs) {
  for (size_t i = 0; i < docs->count; i++) doc_free(docs->items[i]);
  free(docs->items);
  *docs = (cjm_lsp_docs){0};
}

cjm_lsp_doc *cjm_lsp_docs_find(const cjm_lsp_docs *docs, const char *uri) {
  for (size_t i = 0; i < docs->count; i++)
    if (strcmp(docs->items[i]->uri, uri) == 0) return docs->items[i];
  return NULL;
}

cjm_lsp_doc *cjm_lsp_docs_find_path(const cjm_lsp_docs *docs, const char *real_path) {
  for (size_t i = 0; i < docs->count; i++)
    if (strcmp(docs->items[i]->real_path, real_path) == 0) return docs->items[i];
  return NULL;
}

void cjm_lsp_doc_set_text(cjm_lsp_docs *docs, cjm_lsp_doc *doc, const char *text, size_t len) {
  char *copy = cjm_xmalloc(len + 1);
  memcpy(copy, text, len);
  copy[len] = '\0';
  free(doc->text);
  doc->text = copy;
  doc->len = len;
  cjm_lsp_lines_free(&doc->lines);
  cjm_lsp_lines_build(&doc->lines, doc->text, doc->len);
  doc->generation = ++docs->generation;
}

cjm_lsp_doc *cjm_lsp_docs_open(cjm_lsp_docs *docs, const char *uri, const char *text, size_t len,
                               int64_t version) {
  cjm_lsp_doc *doc = cjm_lsp_docs_find(docs, uri);
  if (!doc) {
    doc = cjm_xcalloc(1, sizeof *doc);
    doc->uri = cjm_xstrdup(uri);
    char *path = cjm_lsp_uri_to_path(uri);
    doc->path = path ? path : cjm_xstrdup(uri);
    char *real = path ? cjm_xrealpath(path) : NULL;
    doc->real_path = real ? real : cjm_xstrdup(doc->path);
    docs->items = cjm_grow(docs->items, docs->count, &docs->capacity, sizeof *docs->items);
    docs->items[docs->count++] = doc;
  }
  doc->version = version;
  cjm_lsp_doc_set_text(docs, doc, text, len);
  return doc;
}

bool cjm_lsp_docs_close(cjm_lsp_docs *docs, const char *uri) {
  for (size_t i = 0; i < docs->count; i++) {
    if (strcmp(docs->items[i]->uri, uri) != 0) continue;
    doc_free(docs->items[i]);
    memmove(docs->items + i, docs->items + i + 1, (docs->count - i - 1) * sizeof *docs->items);
    docs->count--;
    return true;
  }
  return false;
}

bool cjm_lsp_doc_edit(cjm_lsp_docs *docs, cjm_lsp_doc *doc, size_t start, size_t end, const char *text,
                      size_t len) {
  if (start > end || end > doc->len) return false;
  if (len == end - start) {
    /* the same length (typing over a character): in place */
    memcpy(doc->text + start, text, len);
  } else {
    size_t new_len = doc->len - (end - start) + len;
    char *t = cjm_xmalloc(new_len + 1);
    memcpy(t, doc->text, start);
    memcpy(t + start, text, len);
    memcpy(t + start + len, doc->text + end, doc->len - end);
    t[new_len] = '\0';
    free(doc->text);
    doc->text = t;
    doc->len = new_len;
  }
  cjm_lsp_lines_edit(&doc->lines, doc->text, doc->len, start, end, len);
  doc->generation = ++docs->generation;
  return true;
}

/* The value of hex digit c, or -1. */
static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *cjm_lsp_uri_to_path(const char *uri) {
  if (strncmp(uri, "file://", 7) != 0) return NULL;
  const char *p = uri + 7;
  if (strncmp(p, "localhost/", 10) == 0) p += 9;
  if (*p != '/') return NULL; /* another host */
  size_t n = strcspn(p, "?#");
  char *path = cjm_xmalloc(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    int hi, lo;
    if (p[i] == '%' && i + 2 < n + 1 && (hi = hex(p[i + 1])) >= 0 && (lo = hex(p[i + 2])) >= 0) {
      char c = (char)(hi * 16 + lo);
      if (c == '\0') {
        free(path);
        return NULL;
      }
      path[k++] = c;
      i += 2;
    } else {
      path[k++] = p[i];
    }
  }
  path[k] = '\0';
  return path;
}

char *cjm_lsp_path_to_uri(const char *path) {
  size_t n = strlen(path);
  char *uri = cjm_xmalloc(7 + 3 * n + 2);
  size_t k = 0;
  memcpy(uri, "file://", 7);
  k = 7;
  if (path[0] != '/') uri[k++] = '/';
  static const char digits[] = "0123456789ABCDEF";
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)path[i];
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      uri[k++] = (char)c;
    } else {
      uri[k++] = '%';
      uri[k++] = digits[c >> 4];
      uri[k++] = digits[c & 15];
    }
  }
  uri[k] = '\0';
  return uri;
}
