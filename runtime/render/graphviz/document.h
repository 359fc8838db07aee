/* graphviz_document — one PDF document of several laid-out graphs, a page
 * each, its size that graph's: the pages of `--split N -T pdf`.
 *
 * Graphviz 2.42 writes one graph per PDF. cjm opens the PDF itself, as a
 * cairo PDF surface writing into a cjm_strbuf, and has Graphviz's cairo
 * renderer draw each graph onto a page of it (gvRenderContext, which
 * draws on a cairo context it is handed). Its "pdf:cairo" device shows
 * the page and finishes the surface it draws on when the graph is done,
 * which would end the document after its first page: so it draws on a
 * cairo tee surface whose master is the document. A tee passes every
 * drawing on, text with its characters (the words can be selected and
 * searched, "fi" as two letters, not a ligature glyph), and finishing it
 * leaves the document open; cjm then shows the page itself. (A
 * subsurface would do as well but drops the characters of the text.)
 * The fonts are embedded, as in a PDF of one graph.
 *
 * Part of the Graphviz backend, and the only file of cjm that includes
 * cairo's headers. A document owns its surface until
 * cjm_gv_document_close(); out, where the PDF goes, is the caller's. */
#ifndef CJM_GRAPHVIZ_DOCUMENT_H
#define CJM_GRAPHVIZ_DOCUMENT_H

#include <stdbool.h>

#include "runtime/base/strbuf.h"

#include <gvc.h>

typedef struct cjm_gv_document cjm_gv_document;

/* Starts a PDF document whose bytes are appended to out as cairo writes
 * them. Never NULL: a surface cairo could not create shows as the
 * error of cjm_gv_document_close(). */
cjm_gv_document *cjm_gv_document_open(cjm_strbuf *out);

/* Draws g, laid out by gvLayout, on a new page of doc, sized as
 * Graphviz sizes a PDF of g alone: its bounding box, its padding (the
 * graph's pad, else 4 points a side) and the PDF device's margin of half
 * an inch a side. Returns false when Graphviz reported the render
 * failed (its messages say why) or the document is in error. */
bool cjm_gv_document_page(cjm_gv_document *doc, GVC_t *gvc, Agraph_t *g);

/* Finishes the document (cairo writes the rest of the PDF into out) and
 * frees doc. Returns NULL, or cairo's description of why the document
 * failed; out then holds no usable PDF. */
const char *cjm_gv_document_close(cjm_gv_document *doc);

#endif
