/*
 * i18n.h - translated messages (GNU gettext, domain "kpic").
 *
 * _("…") translates a message where it is used; N_("…") only marks a string
 * for xgettext (po/kpic.pot) where it sits in a table, to be translated with
 * _() or gettext() when it is printed.  diag_report(), diag_note(), layout_warn()
 * and layout_fail() translate their format themselves, so their callers pass plain
 * literals.  Rule names, option names, command names and JSON/SARIF keys are
 * never translated.
 */
#ifndef KPIC_I18N_H
#define KPIC_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) s

/* Chooses the language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG) and binds the catalogue directory: $KPIC_LOCALEDIR, locale/ next to
 * the executable (a build tree), ../share/locale from it (an installation
 * moved elsewhere), then the configured KPIC_LOCALEDIR.  Called first in main. */
void i18n_init(void);

/* The language the messages are in, as the catalogue's "Language:" header
 * names it ("ja"), into out; empty when they are the English of the sources. */
void i18n_language(char *out, size_t size);

#endif
