/*
 * eval.h - achievement rates, judgements and counts.
 *
 * For each series: its latest actual (the latest value after the baseline
 * with a figure whose status counts: measured, and provisional where the
 * source allows it), its achievement rate against the target, and whether it
 * is met at the threshold.  A KPI's rate combines its series by the declared
 * rule; an override replaces the judgement, not the rate.  Judgements are
 * exact (decimal products), and so are the rates kpic prints (krate, exact
 * to 9 decimals; the mean of several to 9 decimals too).
 */
#ifndef KPIC_EVAL_H
#define KPIC_EVAL_H

#include "model.h"

enum trend { TREND_NONE, TREND_IMPROVED, TREND_UNCHANGED, TREND_WORSENED };

struct series_result {
	const struct value *latest;  /* NULL if no actual counts */
	int rate_ok;                 /* 0: no actual, no target, or zero divisor */
	krate rate;                  /* percent */
	int met;
	int undefined;               /* a zero divisor prevented the rate */
	enum trend trend;
};

struct kpi_result {
	struct series_result *series;
	int rate_ok;
	krate rate;
	int chosen;                  /* series the rate comes from, -1 for mean/sum/none */
	int computed_met;            /* by the rules */
	int met;                     /* after an override */
	enum trend trend;
};

struct tally {
	int met, not_met;
};

struct tally3 {
	struct tally all;
	struct tally level[2];       /* indexed by enum level */
};

struct eval {
	struct kpi_result *kpis;     /* parallel to model.kpis */
	size_t nkpis;
	struct tally3 *goals;        /* parallel to model.goals */
	struct tally3 *depts;        /* parallel to model.depts */
	struct tally3 total;
	size_t noverrides;
};

void eval_run(struct eval *e, const struct model *m);
void eval_free(struct eval *e);

/* The number a selector counts; -1 if it names an unknown goal or department. */
long eval_count(const struct eval *e, const struct model *m, const struct selector *s);

const char *trend_name(enum trend t);

#endif
