/* language — the language a journey is written in: the one its `lang`
 * attribute declares (BCP 47), or else the one its text is written in.
 * It picks the fonts of the pictures and the catalogue of the words cjm
 * writes on maps, flow views, tables and stats (words.h).
 *
 * Owns nothing: a cjm_language is a small enumeration, and its tags and
 * names are static strings. Pure functions over the model and UTF-8 text;
 * no locale, no environment, no I/O. Depends on the model and lang/utf8. */
#ifndef CJM_LANGUAGE_H
#define CJM_LANGUAGE_H

#include <stdbool.h>
#include <stddef.h>

struct cjm_model;

/* The languages cjm knows how to write for. A journey in another language
 * (`lang "de"`) is written for as English: the words cjm puts on the map
 * come from the English catalogue, the fonts from the Latin list. */
typedef enum cjm_language {
  CJM_LANG_AUTO = 0,   /* not chosen: the journey's (for --lang, "the journey decides") */
  CJM_LANG_EN,         /* English, and every language without a catalogue */
  CJM_LANG_JA,         /* Japanese */
  CJM_LANG_ZH_HANS,    /* Chinese in simplified characters */
  CJM_LANG_ZH_HANT,    /* Chinese in traditional characters */
  CJM_LANG_KO,         /* Korean: fonts only, English words */
  CJM_LANG_RU,         /* Russian */
  CJM_LANG_COUNT
} cjm_language;

/* Whether tag has the shape of a BCP 47 language tag: a primary subtag of
 * 2 to 8 letters, then subtags of 1 to 8 letters or digits, joined by '-'
 * ("ja", "zh-Hant", "zh-Hant-TW", "en-GB", "sr-Latn"). */
bool cjm_language_tag_valid(const char *tag);

/* The language of a BCP 47 tag, matched without regard to case: "ja…" is
 * Japanese; "zh" with the script Hant, or the region TW, HK or MO, is
 * traditional Chinese, any other "zh" simplified; "ko…" Korean; "ru…"
 * Russian; anything else English. */
cjm_language cjm_language_of_tag(const char *tag);

/* The canonical tag of a language: "en", "ja", "zh-Hans", "zh-Hant", "ko",
 * "ru"; "" for CJM_LANG_AUTO. */
const char *cjm_language_tag(cjm_language language);

/* The language text[0..len) is written in, by its characters: any kana is
 * Japanese; else Hangul is Korean; else Han characters are Chinese,
 * traditional when more of them are traditional-only forms than
 * simplified-only ones; else Cyrillic is Russian; else English. Scripts
 * are weighed by their number of characters, a CJK character counting for
 * three letters, so that a Russian map naming an English product stays
 * Russian and an English map quoting one Japanese word stays English. */
cjm_language cjm_language_detect_text(const char *text, size_t len);

/* The language of the journey's own text: its title, attributes, labels
 * and entries, from the files of the map itself (the standard library's
 * labels are left out, since they come in every language). As
 * cjm_language_detect_text. */
cjm_language cjm_language_detect(const struct cjm_model *model);

/* The language the words and fonts of a rendering follow: chosen when it
 * is not CJM_LANG_AUTO (`--lang`), else the model's `lang` attribute
 * (cjm_journey.language), else detected from the text now
 * (cjm_language_detect: linear in the text, so a caller drawing often
 * from one model may keep the answer). */
cjm_language cjm_language_for(const struct cjm_model *model, cjm_language chosen);

#endif
