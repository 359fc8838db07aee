/* words — the words cjm itself writes on maps, flow views, tables and
 * stats (headings, legends, notes, summaries), in the language of the
 * journey being drawn.
 *
 * The catalogues are GNU gettext's: textdomain "cjm", the English text as
 * the message id, one po/LANG.po per language compiled by the build into
 * LOCALEDIR/LANG/LC_MESSAGES/cjm.mo, so translators add a language with
 * their usual tools (xgettext, msginit, msgmerge, msgfmt). The language is
 * the journey's (language.h), not the user's LC_MESSAGES: a render
 * selects it for its thread with cjm_words_begin(); English is the message
 * id itself and never reads a catalogue, so English output does not
 * depend on what is installed.
 *
 * How a catalogue is chosen on glibc (checked on Debian 12, glibc 2.36):
 * gettext ignores the LANGUAGE variable while LC_MESSAGES is the "C"
 * locale, and honours it in "C.UTF-8", which glibc builds in. So
 * cjm_words_init() sets LC_MESSAGES (only) to C.UTF-8 and binds the domain
 * with the codeset UTF-8; a lookup in another language than the previous
 * one sets LANGUAGE and bumps _nl_msg_cat_cntr, gettext's signal that its
 * cache of translations is stale, under one mutex. Translations live in
 * the .mo files gettext maps and keeps until exit, so the strings
 * returned stay valid. Without C.UTF-8 or without a catalogue, the words
 * are English.
 *
 * Owns the process's LC_MESSAGES and LANGUAGE after cjm_words_init();
 * nothing else of cjm reads them. Depends on language.h and libintl (in
 * glibc). */
#ifndef CJM_WORDS_H
#define CJM_WORDS_H

#include <stdbool.h>

#include "runtime/core/language.h"

/* Sets the catalogues up: LC_MESSAGES to C.UTF-8, the domain "cjm" bound
 * to locale_dir (NULL: the words stay English) in UTF-8. Call once, from
 * main, before any thread starts. Returns whether gettext can be used. */
bool cjm_words_init(const char *locale_dir);

/* Makes language the language of the words this thread looks up, until
 * cjm_words_end(); returns the one before, for cjm_words_end. A backend
 * calls it on entry with cjm_language_for(model, options->lang). */
cjm_language cjm_words_begin(cjm_language language);

/* Restores the language cjm_words_begin() returned. */
void cjm_words_end(cjm_language previous);

/* The word or phrase msgid (English) in the thread's language; msgid
 * itself in English, or when the catalogue lacks it. Format directives of
 * msgid are kept by every translation (msgfmt --check-format). */
const char *cjm_tr(const char *msgid) __attribute__((format_arg(1)));

/* The same for a phrase about a count n: singular or plural in English,
 * the catalogue's plural form for n in another language (Russian has
 * three). */
const char *cjm_ntr(const char *singular, const char *plural, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* The phrase msgid (English) in the thread's language, as the catalogue
 * translates it in context (gettext's msgctxt): the same English word may
 * read differently there. msgid itself in English, or when the catalogue
 * lacks it. */
const char *cjm_trc(const char *context, const char *msgid) __attribute__((format_arg(2)));

/* The context of the standard library's labels in the catalogues (the
 * labels of the modules in stdlib/, which po/make_pot.sh writes into po/cjm.pot). */
#define CJM_STDLIB_CONTEXT "standard library"

/* Marks a string for the catalogue without translating it here (a table
 * of headings translated where it is used). */
#define CJM_N_(msgid) msgid

#endif
