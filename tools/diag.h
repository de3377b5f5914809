/*
 * diag.h - compiler-style diagnostics, kpic's user interface for bad input.
 *
 * Every stage reports through diag_report() with a rule from rules.def and a
 * position in a source file.  Nothing is printed until diag_flush(), which
 * sorts by position, applies -Werror and -Wno-RULE, and writes the GCC/Clang
 * text form (with the source line and a caret), JSON, or SARIF.  The worst
 * severity decides the exit status.
 */
#ifndef KPIC_DIAG_H
#define KPIC_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "srcmap.h"

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

enum rule {
#define RULE(id, name, sev, desc) id,
#include "rules.def"
#undef RULE
	R__COUNT
};

enum diag_format { DIAG_TEXT, DIAG_JSON, DIAG_SARIF };

struct diag_note {
	const struct srcfile *src;
	size_t offset;           /* SRC_NOWHERE: the whole file */
	char *msg;
};

struct diag {
	enum rule rule;
	enum severity sev;       /* after -Werror */
	const struct srcfile *src;
	size_t offset;
	char *msg;
	struct diag_note *notes;
	size_t nnotes;
	size_t seq;              /* report order, to keep sorting stable */
};

struct diag_ctx {
	int werror;
	unsigned char disabled[R__COUNT];
	unsigned char as_error[R__COUNT];
	enum diag_format format;
	struct diag *list;
	size_t n, cap;
	size_t nerrors, nwarnings;
	int last_kept;           /* whether the last report was kept (for notes) */
};

void diag_init(struct diag_ctx *d);
void diag_free(struct diag_ctx *d);

/* Looks a rule up by its stable name; -1 if unknown. */
int diag_rule_by_name(const char *name);
const char *diag_rule_name(enum rule r);
const char *diag_rule_summary(enum rule r);
enum severity diag_rule_severity(enum rule r);

void diag_report(struct diag_ctx *d, enum rule r, const struct srcfile *src,
                 size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A note attached to the last report (dropped with it if it was disabled). */
void diag_note(struct diag_ctx *d, const struct srcfile *src, size_t offset,
               const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Writes all diagnostics in the chosen format to `out`, with a closing summary
 * in the text form.  Clears the list afterwards. */
void diag_flush(struct diag_ctx *d, FILE *out);

#endif
