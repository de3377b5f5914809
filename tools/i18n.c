/*
 * i18n.c - the process's message language and catalogue (see i18n.h).
 *
 * Only LC_MESSAGES and LC_CTYPE follow the environment.  LC_NUMERIC stays "C"
 * so that strtod() and printf() keep reading and writing '.' decimals whatever
 * the user's locale; LC_CTYPE follows so that messages from the C library
 * (strerror) arrive in the same language and in UTF-8, not transliterated to
 * ASCII.
 */
#include "i18n.h"
#include "exedir.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KPIC_LOCALEDIR
#define KPIC_LOCALEDIR "/usr/local/share/locale"
#endif

/* The locale the user asked for messages in, as setlocale() would choose it. */
static const char *wanted_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

/* The user's locale is not generated on this machine (a fresh Debian has only
 * C, C.UTF-8 and POSIX): setlocale() failed and glibc's gettext would answer
 * in English.  C.UTF-8 is always there, and unlike "C" it does not make
 * gettext ignore LANGUAGE, so the language can still come from the names the
 * user gave: LANGUAGE if set, else the wanted locale's name (ja_JP.UTF-8 finds
 * the "ja" catalogue).  Only this process's environment is changed. */
static void fall_back(void)
{
	const char *want = wanted_locale();
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL || setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
		return;
	const char *language = getenv("LANGUAGE");
	if ((language == NULL || *language == '\0') && want)
		setenv("LANGUAGE", want, 1);
}

static int has_catalogue(const char *dir)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/ja/LC_MESSAGES/kpic.mo", dir);
	return access(path, R_OK) == 0;
}

/* Found like the templates (see cmd_find_templates in kpic.c). */
static void find_localedir(char *out, size_t size)
{
	const char *env = getenv("KPIC_LOCALEDIR");
	if (env && *env) {
		snprintf(out, size, "%s", env);
		return;
	}
	char exe[PATH_MAX];
	if (exedir_path(exe, sizeof exe) == 0) {
		snprintf(out, size, "%s/locale", exe);
		if (has_catalogue(out))
			return;
		snprintf(out, size, "%s/../share/locale", exe);
		if (has_catalogue(out))
			return;
	}
	snprintf(out, size, "%s", KPIC_LOCALEDIR);
}

void i18n_init(void)
{
	if (setlocale(LC_CTYPE, "") == NULL || setlocale(LC_MESSAGES, "") == NULL)
		fall_back();
	char dir[PATH_MAX];
	find_localedir(dir, sizeof dir);
	bindtextdomain("kpic", dir);
	bind_textdomain_codeset("kpic", "UTF-8");
	textdomain("kpic");
}

void i18n_language(char *out, size_t size)
{
	/* gettext("") is the header of the catalogue in use, or "" without one
	 * (through a variable, so that xgettext does not take "" for a message) */
	const char *empty = "";
	const char *h = gettext(empty);
	const char *l = strstr(h, "Language: ");
	size_t n = 0;
	if (l && *h) {
		l += strlen("Language: ");
		n = strcspn(l, "\n");
	}
	snprintf(out, size, "%.*s", (int)n, n ? l : "");
}
