/* stats — the analysis of a journey (reference section 7) as a reader
 * wants it, for `cjm stats`: the mean feel overall, per stage and per
 * persona in each stage; pains and opportunities per stage and the stages
 * with pains but no opportunity; each persona's lowest and highest
 * moments; each metric's observations against its target; the persona x
 * stage coverage and the channel x stage matrices.
 *
 * It prints the analysis computed by analysis.h and computes nothing of
 * its own. Each function is a cjm_render_fn (backend.h); text reads
 * options->ascii, options->width (0: 100) and options->color. */
#ifndef CJM_STATS_H
#define CJM_STATS_H

#include "runtime/render/backend.h"

/* The analysis as tables drawn for the terminal. */
cjm_backend cjm_stats_text;

/* The analysis as GitHub-flavoured Markdown: a heading and a table per part. */
cjm_backend cjm_stats_md;

/* The analysis as JSON (json_doc.h, cjm_json_write_stats()). */
cjm_backend cjm_stats_json;

#endif
