/* document — the texts an editor has open, as the editor has them: the
 * unsaved text is the truth, not the file on disk.
 *
 * A cjm_lsp_docs owns its documents; a document owns its URI, path, text
 * and line index. Changes arrive whole or as a range replaced by new text
 * (incremental sync); the line index is rebuilt after each. Depends on
 * position.h and libc; knows nothing of JSON or of the journey model. */
#ifndef CJM_LSP_DOCUMENT_H
#define CJM_LSP_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/lsp/position.h"

/* One open document. */
typedef struct cjm_lsp_doc {
  char *uri;            /* as the client sent it (malloc'd) */
  char *path;           /* the file path the URI names, or the URI itself
                           when it is not a file: URI (malloc'd) */
  char *real_path;      /* the canonical path of the file, or a copy of path
                           when it does not exist on disk (malloc'd) */
  char *text;           /* the current text, NUL-terminated (malloc'd) */
  size_t len;           /* bytes in text */
  int64_t version;      /* the client's version number */
  cjm_lsp_lines lines;  /* the line index of text */
  uint64_t generation;  /* bumped on every change, for caches keyed by text */
} cjm_lsp_doc;

/* The open documents. */
typedef struct cjm_lsp_docs {
  cjm_lsp_doc **items;  /* malloc'd array of owned documents, in opening order */
  size_t count, capacity;
  uint64_t generation;  /* the last generation handed out */
} cjm_lsp_docs;

/* Frees every document and the array. */
void cjm_lsp_docs_free(cjm_lsp_docs *docs);

/* Opens uri with a copy of text[0..len), replacing a document already open
 * under that URI. Returns the document. */
cjm_lsp_doc *cjm_lsp_docs_open(cjm_lsp_docs *docs, const char *uri, const char *text, size_t len,
                               int64_t version);

/* The document open under uri, or NULL. */
cjm_lsp_doc *cjm_lsp_docs_find(const cjm_lsp_docs *docs, const char *uri);

/* The document whose real_path is real_path, or NULL. */
cjm_lsp_doc *cjm_lsp_docs_find_path(const cjm_lsp_docs *docs, const char *real_path);

/* Closes uri; returns false when it was not open. */
bool cjm_lsp_docs_close(cjm_lsp_docs *docs, const char *uri);

/* Replaces the whole text of doc with a copy of text[0..len). */
void cjm_lsp_doc_set_text(cjm_lsp_docs *docs, cjm_lsp_doc *doc, const char *text, size_t len);

/* Replaces bytes [start, end) of doc's text by text[0..len). Returns false,
 * changing nothing, when the range is not within the text or start > end.
 * A range given as LSP positions is turned into offsets with
 * cjm_lsp_offset_of() on doc->lines first. */
bool cjm_lsp_doc_edit(cjm_lsp_docs *docs, cjm_lsp_doc *doc, size_t start, size_t end, const char *text,
                      size_t len);

/* The path a file: URI names (percent-decoded, malloc'd), or NULL when uri
 * is not a file: URI or decodes to a NUL byte. "file:///a%20b" -> "/a b";
 * a host other than empty or localhost is refused. */
char *cjm_lsp_uri_to_path(const char *uri);

/* The file: URI of an absolute path (malloc'd), percent-encoding every
 * byte but unreserved characters and '/'. */
char *cjm_lsp_path_to_uri(const char *path);

#endif
