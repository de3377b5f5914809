/*
 * eval.h - achievement rates, judgements and counts.
 *
 * For each series: its latest actual (the latest value after the baseline
 * with a figure whose status counts: measured, and provisional where the
 * source allows it), its achievement rate against the target, and whether it
 * is met at the threshold.  Every KPI gets a grade in each computed scale
 * the evaluation declares (the first grade whose rule holds, in declared
 * order; the last one otherwise) and its given grades in the others; a KPI
 * in a declared state (評価なし…) has no grade.  A KPI's rate combines its series by the declared
 * rule; an override replaces the judgement, not the rate.  Judgements are
 * exact (decimal products), and so are the rates kpic prints (krate, exact
 * to 9 decimals; the mean of several to 9 decimals too).
 */
#ifndef KPIC_EVAL_H
#define KPIC_EVAL_H

#include "model.h"

enum trend { TREND_NONE, TREND_IMPROVED, TREND_UNCHANGED, TREND_WORSENED };

/* What a grade is judged on: an exact rate num/den (percent = 100 num/den),
 * a mean of truncated rates (sum over n), a relative target's achieved or
 * not (the scale's first achieved grade, else its last), or nothing; and the values a
 * comparison with the baseline or the previous year needs. */
struct measure {
	enum { MS_NONE, MS_EXACT, MS_MEAN, MS_JUDGED } kind;
	int judged_met;              /* MS_JUDGED: a relative target's achieved or not */
	kdec num, den;
	krate sum;
	int n;
	enum direction dir;
	const struct value *latest, *previous, *base;
};

struct series_result {
	const struct value *latest;  /* NULL if no actual counts */
	int rate_ok;                 /* 0: no actual, no target, or zero divisor */
	krate rate;                  /* percent */
	int met;
	int undefined;               /* a zero divisor prevented the rate */
	enum trend trend;
	int grade;                   /* in the primary scale, -1 without one */
	struct measure ms;
	/* A cumulative KPI's: the sum of the yearly actuals over its span up to
	 * latest's year (cum.num, cum.year the latest's), what it is rated on. */
	int cumulative;
	struct value cum;
};

struct kpi_result {
	struct series_result *series;
	int rate_ok;
	krate rate;
	int chosen;                  /* series the rate comes from, -1 for mean/sum/none */
	int computed_met;            /* by the rules */
	int met;                     /* after an override */
	enum trend trend;
	int computed_grade;          /* primary scale, by the rules; -1 in a state */
	int grade;                   /* after an override; -1 in a state or without a scale */
	int state;                   /* index into model.states, -1 if none */
	int *grades;                 /* per model.scales: computed or given, -1 */
};

/* total = met + not_met: the KPIs in the denominator.  States that do not
 * count (counted="no") are in state[] and uncounted only. */
struct tally {
	int met, not_met;
	int uncounted;
	int grade[KPIC_MAX_GRADES];  /* primary scale */
	int state[KPIC_MAX_STATES];
};

struct tally3 {
	struct tally all;
	struct tally level[2];       /* indexed by enum level */
	struct tally tag[KPIC_MAX_TAGS];  /* 「うち」: the KPIs carrying model.tags[t] */
};

struct eval {
	struct kpi_result *kpis;     /* parallel to model.kpis */
	size_t nkpis;
	struct tally3 *goals;        /* parallel to model.goals */
	struct tally3 *depts;        /* parallel to model.depts */
	struct tally3 total;
	struct tally *headings;      /* parallel to model.headings: the KPIs below each */
	size_t noverrides;
	int year;                    /* evaluated as of this fiscal year, 0: all data */
};

/* A level's roll-up of its KPIs' grades (<level rollup=…>): ok 0 when it
 * has no KPI to roll up; grade (worst, points), share in tenths of a
 * percent; points: the average points of the KPIs whose primary grade has
 * points= (exact to KRATE_SCALE decimals; print with one). */
struct rollup_result { int ok; int grade; int share_tenths; krate points; };
struct rollup_result eval_rollup(const struct model *m, enum rollup ru, const struct tally *t);
const char *eval_rollup_name(enum rollup ru);

void eval_run(struct eval *e, const struct model *m);
/* As eval_run with only the actuals, given grades and unpublished values
 * of fiscal years up to upto (0: every year), and no override: the
 * evaluation as it stood after that year. */
void eval_run_year(struct eval *e, const struct model *m, int upto);
/* The fiscal year of the latest actual any KPI was evaluated on, 0 if none:
 * the document's evaluation year. */
int eval_latest_year(const struct eval *e, const struct model *m);
void eval_free(struct eval *e);

/* The number a selector counts; -1 if it names an unknown goal or department. */
long eval_count(const struct eval *e, const struct model *m, const struct selector *s);

/* The target due by latest's year that a rate-against="year" KPI's series
 * is rated against, when it is not the final target: a declared
 * <yearly-target> (*declared 1), else the line from the baseline (for a
 * cumulative KPI, from nothing) to the final target, rounded half away from
 * zero to the figures' decimals.  1
 * with *out (the final target's unit and relation, latest's year), 0 when
 * the rate is against the final target, -1 on overflow. */
int eval_year_target(const struct kpi *k, const struct series *s, const struct value *latest, struct value *out,
                     int *declared);

const char *eval_trend_name(enum trend t);

/* The grade of scale sc for a measure: the first whose rule holds. */
int eval_grade(const struct scale *sc, const struct measure *ms);

#endif
