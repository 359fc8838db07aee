/* render_tables — the table and data backends of `cjm render`: text (a
 * box-drawn grid for the terminal), md (a GitHub-flavoured Markdown
 * table), csv (RFC 4180, the layout `cjm import csv` reads back) and json
 * (the whole resolved model and its analysis, described by
 * docs/cjm.schema.json). The first three print the grid of table.h; see
 * docs/tables.md for the layouts. Each is a cjm_render_fn (backend.h). */
#ifndef CJM_RENDER_TABLES_H
#define CJM_RENDER_TABLES_H

#include "runtime/render/backend.h"

/* text: the grid wrapped to options->width (0: 100) display columns,
 * continued in further blocks, each with its header rows, when the stages
 * do not fit; --ascii borders; a coloured feel bar when options->color. */
cjm_backend cjm_render_text;

/* md: the grid as a GitHub-flavoured Markdown table, user text escaped. */
cjm_backend cjm_render_md;

/* csv: the grid as RFC 4180 CSV with CRLF line ends, a UTF-8 byte-order
 * mark unless !options->bom, formula-like cells neutralised. */
cjm_backend cjm_render_csv;

/* json: the resolved model and its analysis; ignores options->persona. */
cjm_backend cjm_render_json;

#endif
