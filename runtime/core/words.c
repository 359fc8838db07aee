/* words — gettext catalogues per journey language (see words.h for how a
 * catalogue is chosen, and why through LANGUAGE). */
#include "runtime/core/words.h"

#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"

#define DOMAIN "cjm"

/* gettext's counter of catalogue changes: bumping it drops the cache of
 * translations, as setlocale does (glibc and GNU libintl export it). */
extern int _nl_msg_cat_cntr;

static bool ready;                                     /* cjm_words_init succeeded */
static _Thread_local cjm_language current = CJM_LANG_EN;
static pthread_mutex_t switching = PTHREAD_MUTEX_INITIALIZER;
static cjm_language switched = CJM_LANG_AUTO;          /* what LANGUAGE names now; under switching */

bool cjm_words_init(const char *locale_dir) {
  if (!locale_dir || !setlocale(LC_MESSAGES, "C.UTF-8")) return false;
  if (!bindtextdomain(DOMAIN, locale_dir) || !bind_textdomain_codeset(DOMAIN, "UTF-8")) return false;
  ready = true;
  return true;
}

cjm_language cjm_words_begin(cjm_language language) {
  cjm_language previous = current;
  current = language == CJM_LANG_AUTO ? CJM_LANG_EN : language;
  return previous;
}

void cjm_words_end(cjm_language previous) { current = previous; }

/* The catalogue's name for a language (its po/NAME.po), or NULL for the
 * languages written in English. */
static const char *catalogue(cjm_language language) {
  switch (language) {
  case CJM_LANG_JA: return "ja";
  case CJM_LANG_ZH_HANS: return "zh_Hans";
  case CJM_LANG_ZH_HANT: return "zh_Hant";
  case CJM_LANG_RU: return "ru";
  default: return NULL;
  }
}

/* Looks msgid (and plural) up in the thread's language; NULL for English. */
static const char *lookup(const char *msgid, const char *plural, unsigned long n) {
  const char *name = ready ? catalogue(current) : NULL;
  if (!name) return NULL;
  pthread_mutex_lock(&switching);
  if (switched != current) {
    /* Overwriting a variable that exists replaces one pointer of environ,
     * so another thread's getenv sees the old value or the new one. */
    setenv("LANGUAGE", name, 1);
    ++_nl_msg_cat_cntr;
    switched = current;
  }
  const char *text = plural ? dngettext(DOMAIN, msgid, plural, n) : dgettext(DOMAIN, msgid);
  pthread_mutex_unlock(&switching);
  return text;
}

const char *cjm_tr(const char *msgid) {
  const char *text = lookup(msgid, NULL, 0);
  return text ? text : msgid;
}

const char *cjm_ntr(const char *singular, const char *plural, unsigned long n) {
  const char *text = lookup(singular, plural, n);
  return text ? text : n == 1 ? singular : plural;
}

const char *cjm_trc(const char *context, const char *msgid) {
  if (!ready || !catalogue(current)) return msgid; /* English: nothing to compose */
  /* gettext keys a message with a context as "CONTEXT\004MSGID". */
  size_t c = strlen(context), m = strlen(msgid);
  char small[256];
  char *key = c + m + 2 <= sizeof small ? small : cjm_xmalloc(c + m + 2);
  memcpy(key, context, c);
  key[c] = '\004';
  memcpy(key + c + 1, msgid, m + 1);
  const char *text = lookup(key, NULL, 0);
  const char *shown = text && text != key ? text : msgid; /* gettext returns the key it lacks */
  if (key != small) free(key);
  return shown;
}
