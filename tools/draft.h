/*
 * draft.h - the next period's strategy draft (第2期 素案) from an evaluated
 * source.
 *
 * enriched XML -> templates/draft.xsl -> a new source in the same format:
 * the same goals with the viewpoints and 重点課題 the verification adds,
 * every KPI with its latest actual as the new baseline, its result kept as
 * <history>, a target proposed by the template's rule or marked 要見直し, and
 * <placeholder>s wherever staff must decide.  C decides the period and the
 * numbers the template is given; the template decides what the draft says.
 */
#ifndef KPIC_DRAFT_H
#define KPIC_DRAFT_H

#include "buf.h"
#include "compile.h"

struct draft_period {
	int start, end;              /* fiscal years of the new period */
	int baseline;                /* its baseline year (基準値の年度) */
};

/* The new period: spec "2020-2024", or NULL for the year after the old
 * period's end with the same length.  Its baseline year is the latest year
 * any KPI has an actual for (the year before the start if none).  Returns 0,
 * or -1 with the reason in err. */
int draft_period(const struct unit *u, const char *spec, struct draft_period *p, struct buf *err);

/* Writes the draft of the compiled unit u (read from source_path) with the
 * stylesheet `stylesheet` in templates_dir, as XML.  Returns 0 and the
 * source in out, or -1 with the reasons in err. */
int draft_render(const struct unit *u, const char *source_path, const char *templates_dir,
                 const char *stylesheet, const struct draft_period *p, struct buf *out,
                 struct buf *err);

#endif
