/* graphviz_style — how the Graphviz views look, and the text of their
 * labels: the fonts and inks, one colour per persona, the colours of the
 * feel scale, and the pieces of HTML-like labels and tooltips (escaped
 * user text, fonts, blocks of wrapped lines, a step's tooltip).
 *
 * Part of the Graphviz backend (render_graphviz and the graphviz_* files)
 * but free of Graphviz: everything here appends text to a cjm_strbuf used
 * as a string builder, or returns a static string. Depends on strbuf.h,
 * escape.h, text_wrap.h and the model. */
#ifndef CJM_GRAPHVIZ_STYLE_H
#define CJM_GRAPHVIZ_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/review/map_marks.h"
#include "runtime/core/model.h"
#include "runtime/render/backend.h"
#include "runtime/base/strbuf.h"
#include "runtime/render/graphviz/text_wrap.h"

/* The font list every text names: DejaVu Sans for Latin, Cyrillic,
 * punctuation and symbols, with proportional quotes, dashes and
 * ellipses; pango takes what it lacks (CJK) from Noto Sans CJK. The setup
 * installs both (Debian's fonts-dejavu-core and fonts-noto-cjk), and
 * text_wrap measures text in them; sans-serif is for viewers of the SVG
 * without them.
 *
 * Emoji come from fontconfig's fallback for what none of the list has:
 * Noto Color Emoji (fonts-noto-color-emoji, which the setup installs),
 * drawn in colour by cairo in PNG and PDF; without it, any font that has
 * the glyph, in monochrome (Symbola, DejaVu Sans's symbols). The colour
 * font must not be named here: pango 1.50 then sets the characters that
 * have an emoji form — digits, '#', '*', '©', '™', '↔' — from it, 1.25 em
 * wide (checked with Graphviz 2.42 on Debian 12: scripts/measure_glyphs.sh
 * measures every digit at 1246 thousandths of an em). */
#define CJM_GV_FONTS "DejaVu Sans,Noto Sans CJK SC,Noto Sans CJK JP,sans-serif"

/* The font list of a picture in language: CJM_GV_FONTS for English,
 * Russian and the languages without their own (DejaVu Sans has Cyrillic);
 * for Japanese, Chinese and Korean, DejaVu Sans for Latin and then the Noto
 * Sans CJK of that language alone — JP, SC, TC or KR — so that a Han
 * character takes the form its readers expect (直, 骨, 過 differ) and a PDF
 * embeds that one face. */
const char *cjm_gv_fonts(cjm_language language);

#define CJM_GV_INK "#1f2937"       /* body text */
#define CJM_GV_INK_MUTED "#5f6673" /* secondary text: 4.7:1 on the palest tint it is written on */
#define CJM_GV_RULE "#cbd5e1"      /* borders and thin lines */

/* ---- themes ----------------------------------------------------------------
 *
 * A theme is every colour the pictures are drawn in, named for what it
 * colours; one table per theme (style.c), chosen with --theme
 * (cjm_render_options.theme). The light theme holds the colours cjm has
 * always drawn in, so that its pictures stay as they were. Every text
 * colour meets CJM_GV_MIN_CONTRAST on each background it is drawn on
 * (tests/test_theme.c checks every pair, from these tables). Colours are
 * "#rrggbb", "#rrggbbaa" where a tint is translucent, or a Graphviz
 * colour name. */

/* How many colours persona curves cycle through. */
#define CJM_GV_PERSONA_COLOURS 12

/* The colours of one theme. */
typedef struct cjm_gv_theme {
  const char *name;            /* as --theme takes it: "light", "dark", "print" */
  /* the page */
  const char *background;      /* bgcolor of the picture */
  const char *node_fill;       /* a node's fill unless it sets its own */
  const char *ink;             /* body text */
  const char *ink_muted;       /* secondary text (meta line, keys, the scale's ticks) */
  const char *ink_strong;      /* titles, row headings, a step's label, legend headings */
  const char *ink_soft;        /* the goal, legend entries, neutral tick, words on the curve */
  const char *ink_quiet;       /* quotes, moments, a metric's label */
  const char *rule;            /* borders and thin lines, stage boundaries */
  const char *edge;            /* a line's default colour */
  /* the map's grid */
  const char *row_band;        /* even rows' background */
  const char *row_band_alt;    /* odd rows' background */
  const char *card_fill, *card_border;      /* persona cards */
  const char *stage_fill;      /* stage headings */
  const char *stage_ink;       /* a stage's name on stage_fill */
  const char *stage_summary;   /* its feel and counts on stage_fill */
  const char *stage_alert;     /* those counts when it has pains but no opportunity */
  const char *status_as_is, *status_to_be; /* the status pill */
  const char *status_ink;      /* the status on its pill */
  const char *step_fill, *step_border;      /* a step's card in the Actions row */
  const char *channel_fill, *channel_ink;   /* a `via` channel */
  const char *entry_fill;      /* an entry of a lane without a tint of its own */
  const char *lane_tint[11];   /* entries of action, touchpoint, thought, pain, opportunity,
                                  need, note, frontstage, backstage, support, evidence */
  const char *heading_fill;    /* a row heading of a lane without a tint of its own */
  const char *heading_tint[11];/* row headings of the same lanes */
  const char *actions_heading, *channels_heading, *curve_heading, *metrics_heading;
  const char *met_fill, *missed_fill, *unjudged_fill; /* a measure against its target */
  const char *met_ink, *missed_ink, *unjudged_ink;
  const char *curve_positive, *curve_negative;        /* the curve's halves */
  const char *blueprint_line, *blueprint_ink, *blueprint_pill; /* service-blueprint lines */
  /* the curve */
  const char *scale_tick;      /* dotted lines at the ticks */
  const char *scale_max, *scale_min, *scale_neutral; /* the bounds and the neutral line */
  const char *point_hollow;    /* an earlier point's fill */
  const char *earlier_ink;     /* "was +1" beside it */
  const char *halo, *halo_line;/* behind a word on the curve */
  const unsigned char feel[5][3]; /* the diverging feel scale, negative to positive */
  /* the flow */
  const char *flow_node_line;  /* a step's outline */
  const char *flow_no_feel;    /* a step without a feel: fill */
  const char *flow_no_feel_line;
  const char *flow_feel_ink;   /* a step's label on a middling feel colour */
  const char *flow_feel_ink_strong; /* ... on a strong one */
  bool feel_ink_by_contrast;   /* choose between those two by contrast (else: strong beyond
                                  0.7 of the way to either end, as cjm always did) */
  const char *flow_cluster, *flow_cluster_placed; /* stage boxes (dot, cjm's placement) */
  const char *flow_stage_ink;  /* their names */
  const char *flow_next, *flow_loop;  /* edges written with `next`, loops back */
  const char *pain_note, *pain_note_line, *opportunity_note, *opportunity_note_line;
  /* a diff's marks */
  const char *added, *changed, *removed;      /* lines */
  const char *removed_ink, *removed_fill;     /* a removed thing's text and background */
  const char *added_tint, *changed_tint;      /* highlights */
  const char *added_column, *removed_column;  /* translucent column tints */
  const char *added_ring, *changed_ring;      /* rings round changed points */
  /* personas */
  const char *persona[CJM_GV_PERSONA_COLOURS]; /* one colour per persona, by declaration index */
  bool dash_by_persona;        /* print: every persona's curve differs from the two before it
                                  by its dash too (solid, dashed, dotted in turn) */
} cjm_gv_theme;

/* The table of theme; the light one for an unknown value. */
const cjm_gv_theme *cjm_gv_theme_of(cjm_theme theme);

/* The themes, in the order of enum cjm_theme; *count receives how many. */
const cjm_gv_theme *const *cjm_gv_themes(size_t *count);

/* The colour of the persona declared at index in theme. */
const char *cjm_gv_theme_persona_colour(const cjm_gv_theme *theme, size_t index);

/* The style ("solid", "dashed", "dotted") of that persona's curve in theme. */
const char *cjm_gv_theme_persona_dash(const cjm_gv_theme *theme, size_t index);

/* The line colour of mark in theme; NULL for NONE. */
const char *cjm_gv_theme_mark_colour(const cjm_gv_theme *theme, cjm_mark mark);

/* A background for mark in theme; NULL for NONE. */
const char *cjm_gv_theme_mark_tint(const cjm_gv_theme *theme, cjm_mark mark);

/* The fill of an entry card in lane (NULL: the default) in theme. */
const char *cjm_gv_theme_lane_tint(const cjm_gv_theme *theme, const char *lane_id);

/* The fill of the heading of the row of lane lane_id in theme. */
const char *cjm_gv_theme_heading_tint(const cjm_gv_theme *theme, const char *lane_id);

/* Writes into buf the feel colour of theme at t, from -1 to 1. */
void cjm_gv_theme_feel_colour(const cjm_gv_theme *theme, char buf[8], double t);

/* The colour of the persona declared at index: distinct from the red
 * and green of the feel scale; twelve of them, then again. */
const char *cjm_gv_persona_colour(size_t index);

/* The style of the curve of the persona declared at index: "solid" for
 * the first twelve, then "dashed", then "dotted", so that no two
 * personas of the first 36 look the same. */
const char *cjm_gv_persona_dash(size_t index);

/* The contrast text needs against its background (WCAG AA, small text). */
#define CJM_GV_MIN_CONTRAST 4.5

/* The WCAG contrast ratio of two "#rrggbb" colours, from 1 to 21. */
double cjm_gv_contrast(const char *a, const char *b);

/* Writes into buf and returns colour ("#rrggbb") darkened (on a light
 * background) or lightened (on a dark one), its hue kept, just enough for
 * text on background to reach CJM_GV_MIN_CONTRAST; colour itself when it
 * does already. */
const char *cjm_gv_ink_on(char buf[8], const char *colour, const char *background);

/* Writes into buf "#rrggbb", the diverging feel scale (ColorBrewer
 * RdYlGn) at t from -1 (negative, red) through 0 (neutral, pale yellow)
 * to 1 (positive, green). */
void cjm_gv_feel_colour(char buf[8], double t);

/* Where score lies on the scale min..max, from -1 to 1. */
double cjm_gv_feel_position(double score, double min, double max);

/* The colours of a diff's marks (`cjm diff -T svg`): the line (border,
 * ring, arrow) of what was added, changed or moved, and removed; the
 * text and background of a removed thing. */
#define CJM_GV_ADDED "#16a34a"
#define CJM_GV_CHANGED "#f59e0b"
#define CJM_GV_REMOVED "#dc2626"
#define CJM_GV_REMOVED_INK "#b91c1c"
#define CJM_GV_REMOVED_FILL "#fef2f2"

/* The line colour of mark; NULL for NONE. */
const char *cjm_gv_mark_colour(cjm_mark mark);

/* A light background for mark: green, amber or red; NULL for NONE. */
const char *cjm_gv_mark_tint(cjm_mark mark);

/* Empties a scratch buffer (its text is then ""). */
static inline void cjm_gv_reset(cjm_strbuf *o) {
  o->len = 0;
  if (o->data) o->data[0] = '\0';
}

/* The text of a scratch buffer. */
static inline const char *cjm_gv_text(const cjm_strbuf *o) { return o->data ? o->data : ""; }

/* ---- HTML-like labels ---------------------------------------------------- */

/* Appends lines[first..first+count) escaped, joined by left-aligned
 * breaks; the lines are set in size points, and a block of CJK text gets
 * a spacer line of its leading between two of its lines
 * (cjm_text_block_leading), as Graphviz spaces lines by their font size. */
void cjm_gv_put_lines(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count, double size);

/* Appends the spacer line of a leading (cjm_text_block_leading) after a
 * break: a space in a font that tall. Nothing for a leading of 0. */
void cjm_gv_put_spacer(cjm_strbuf *out, double leading);

/* Appends s as text of an HTML-like label. */
void cjm_gv_html_text(cjm_strbuf *out, const char *s);

/* Where an open font starts in a label, and its text. */
typedef struct cjm_gv_font {
  size_t start, text;          /* offsets of the <FONT> tag and of its text */
  bool bold, italic;
  bool strike;                 /* inside <S>: struck through */
} cjm_gv_font;

/* Opens a font: size, colour, and bold or italic. */
cjm_gv_font cjm_gv_open_font(cjm_strbuf *out, double size, const char *colour, bool bold, bool italic);

/* Opens a font whose text is struck through (<S>). */
cjm_gv_font cjm_gv_open_struck_font(cjm_strbuf *out, double size, const char *colour, bool bold);

/* Closes a font; takes it back out when no text went into it, since
 * Graphviz rejects an empty <FONT>, <B>, <I> or <S>. */
void cjm_gv_close_font(cjm_strbuf *out, cjm_gv_font m);

/* A block of lines, left-aligned in a box width points wide. */
void cjm_gv_text_block(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count, double width,
                       double size, const char *colour, bool bold, bool italic);

/* The same block struck through in ink, the ink of removed things. */
void cjm_gv_struck_text_block(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count, double width,
                              double size, bool bold, const char *ink);

/* ---- tooltips ------------------------------------------------------------ */

/* Appends s as tooltip text. */
void cjm_gv_tip_text(cjm_strbuf *o, const char *s);

/* Appends "key: value" as a line of tooltip text. */
void cjm_gv_tip_line(cjm_strbuf *o, const char *key, const char *value);

/* The key of a tooltip line giving an entry of lane: a built-in lane's
 * identifier ("pain") in the language of the words, unless the journey
 * or a module relabelled it; another lane's label. */
const char *cjm_gv_lane_key(const cjm_lane *lane);

/* Replaces o's text with the tooltip of a step: its label, who, through
 * what, how it feels and every entry, for the persona shown (only, or
 * everyone for NULL; matched by identifier, so that a step of another
 * version of the journey works too). Plain text for Graphviz. */
void cjm_gv_step_tooltip(cjm_strbuf *o, const cjm_step *step, const cjm_persona *only);

#endif
