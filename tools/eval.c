/*
 * eval.c - the computation the verification document publishes (see eval.h).
 */
#include "eval.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static int counts_as_actual(const struct model *m, const struct value *v)
{
	if (!v->num_ok || !v->year.ok)
		return 0;
	return v->status == VS_MEASURED || (v->status == VS_PROVISIONAL && m->use_provisional);
}

static const struct value *latest_actual(const struct model *m, const struct series *s)
{
	const struct value *best = NULL;
	int after = s->baseline && s->baseline->year.ok ? s->baseline->year.y : m->baseline.y;
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct value *v = &s->values[i];
		if (counts_as_actual(m, v) && v->year.y > after && (best == NULL || v->year.y > best->year.y))
			best = v;
	}
	return best;
}

static enum trend trend_of(enum direction d, const struct value *base, const struct value *latest)
{
	if (base == NULL || latest == NULL || !base->num_ok)
		return TREND_NONE;
	int c = kdec_cmp(latest->num, base->num);
	if (d == DIR_LOWER)
		c = -c;
	return c > 0 ? TREND_IMPROVED : c < 0 ? TREND_WORSENED : TREND_UNCHANGED;
}

/* Where the divisor is 0 there is no rate (a target of 0 for higher and
 * maintain, an actual of 0 for lower), and the judgement compares actual
 * and target directly: met when the actual reached the target, that is when
 * the dividend is not negative (actual >= 0 = target for higher, target >= 0
 * = actual for lower; so 0 of 0 is met in every direction).  A negative
 * divisor gives no meaningful ratio and is never met. */
static int zero_divisor_met(kdec num, kdec den)
{
	return kdec_sign(den) == 0 && kdec_sign(num) >= 0;
}

/* Rate of one series: (base + actual) / (base + target) for higher and
 * maintain, the inverse for lower; base is the KPI's rate-base or 0. */
static void rate_series(const struct model *m, const struct kpi *k, const struct series *s,
                        struct series_result *r)
{
	static const kdec hundred = { 100, 0 };
	memset(r, 0, sizeof *r);
	r->latest = latest_actual(m, s);
	r->trend = trend_of(k->dir, s->baseline, r->latest);
	if (r->latest == NULL || s->target == NULL || !s->target->num_ok || !m->threshold_ok)
		return;
	kdec base = k->has_rate_base && k->rate_base_ok ? k->rate_base : kdec_from_int(0);
	kdec a, t;
	if (kdec_add(base, r->latest->num, &a) < 0 || kdec_add(base, s->target->num, &t) < 0)
		return;
	kdec num = k->dir == DIR_LOWER ? t : a, den = k->dir == DIR_LOWER ? a : t;
	if (kdec_sign(den) <= 0) {
		r->undefined = 1;
		r->met = zero_divisor_met(num, den);
		return;
	}
	r->rate_ok = krate_of(num, den, &r->rate) == 0;
	r->met = kdec_cmp_prod(num, hundred, m->threshold, den) >= 0;
}

/* The sum of the series that have an actual and a target (with or without
 * a rate of their own): 1 met, 0 not, -1 nothing to sum; *rate_ok when the
 * sums give a rate. */
static int sum_met(const struct model *m, const struct kpi *k, const struct kpi_result *r, krate *rate,
                   int *rate_ok)
{
	static const kdec hundred = { 100, 0 };
	kdec a = kdec_from_int(0), t = kdec_from_int(0);
	int any = 0;
	*rate_ok = 0;
	for (size_t i = 0; i < k->nseries; i++) {
		if (!r->series[i].rate_ok && !r->series[i].undefined)
			continue;
		if (kdec_add(a, r->series[i].latest->num, &a) < 0 ||
		    kdec_add(t, k->series[i].target->num, &t) < 0)
			return -1;
		any = 1;
	}
	if (!any)
		return -1;
	kdec num = k->dir == DIR_LOWER ? t : a, den = k->dir == DIR_LOWER ? a : t;
	if (kdec_sign(den) <= 0)
		return zero_divisor_met(num, den);
	*rate_ok = krate_of(num, den, rate) == 0;
	return kdec_cmp_prod(num, hundred, m->threshold, den) >= 0;
}

static void combine(const struct model *m, const struct kpi *k, struct kpi_result *r)
{
	r->chosen = -1;
	krate sum = { 0 };
	int n = 0, judged = 0, any_met = 0, all_met = 1;
	for (size_t i = 0; i < k->nseries; i++) {
		const struct series_result *s = &r->series[i];
		any_met |= s->met;
		judged += s->rate_ok || s->undefined;
		if (!s->rate_ok) {
			all_met &= s->met;
			continue;
		}
		all_met &= s->met;
		sum.v += s->rate.v;
		n++;
		int better = r->chosen < 0 ||
		             (k->comb == COMB_BEST && krate_cmp(s->rate, r->series[r->chosen].rate) > 0) ||
		             (k->comb == COMB_WORST && krate_cmp(s->rate, r->series[r->chosen].rate) < 0);
		if (better && k->comb != COMB_MEAN && k->comb != COMB_SUM &&
		    !(k->comb == COMB_FIRST && r->chosen >= 0))
			r->chosen = (int)i;
	}
	switch (k->comb) {
	case COMB_BEST:
		r->computed_met = any_met;
		break;
	case COMB_WORST:
		r->computed_met = judged > 0 && all_met;
		break;
	case COMB_FIRST:
		r->computed_met = r->chosen >= 0 && r->series[r->chosen].met;
		break;
	case COMB_MEAN:
		/* Each rate is truncated to 9 decimals, so their sum is up to n
		 * units short of the exact one: the mean is compared with that
		 * tolerance, far below any precision a document prints. */
		r->rate_ok = n > 0;
		r->rate.v = n ? sum.v / n : 0;
		r->computed_met = n > 0 && sum.v + n >= krate_from_kdec(m->threshold).v * n;
		break;
	case COMB_SUM: {
		int met = sum_met(m, k, r, &r->rate, &r->rate_ok);
		r->computed_met = met > 0;
		break;
	}
	}
	if (r->chosen >= 0) {
		r->rate_ok = 1;
		r->rate = r->series[r->chosen].rate;
		r->trend = r->series[r->chosen].trend;
	} else {
		for (size_t i = 0; i < k->nseries && r->trend == TREND_NONE; i++)
			r->trend = r->series[i].trend;
	}
}

static void tally_add(struct tally3 *t, enum level l, int met)
{
	if (met) {
		t->all.met++;
		t->level[l].met++;
	} else {
		t->all.not_met++;
		t->level[l].not_met++;
	}
}

void eval_run(struct eval *e, const struct model *m)
{
	memset(e, 0, sizeof *e);
	e->kpis = xcalloc(m->nkpis, sizeof *e->kpis);
	e->nkpis = m->nkpis;
	e->goals = xcalloc(m->ngoals, sizeof *e->goals);
	e->depts = xcalloc(m->ndepts, sizeof *e->depts);
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		struct kpi_result *r = &e->kpis[i];
		r->series = xcalloc(k->nseries, sizeof *r->series);
		for (size_t j = 0; j < k->nseries; j++)
			rate_series(m, k, &k->series[j], &r->series[j]);
		combine(m, k, r);
		r->met = k->has_override ? k->override_met : r->computed_met;
		e->noverrides += k->has_override;
		tally_add(&e->total, k->level, r->met);
		if (k->goal < m->ngoals)
			tally_add(&e->goals[k->goal], k->level, r->met);
		for (size_t d = 0; d < k->ndepts; d++) {
			int di = model_find_dept(m, k->depts[d]);
			int dup = 0;
			for (size_t p = 0; p < d; p++)
				dup |= k->depts[p] && k->depts[d] && !strcmp(k->depts[p], k->depts[d]);
			if (di >= 0 && !dup)
				tally_add(&e->depts[di], k->level, r->met);
		}
	}
}

void eval_free(struct eval *e)
{
	for (size_t i = 0; i < e->nkpis; i++)
		free(e->kpis[i].series);
	free(e->goals);
	free(e->depts);
	free(e->kpis);
	memset(e, 0, sizeof *e);
}

static int kpi_has_dept(const struct kpi *k, const char *dept)
{
	for (size_t d = 0; d < k->ndepts; d++)
		if (k->depts[d] && !strcmp(k->depts[d], dept))
			return 1;
	return 0;
}

long eval_count(const struct eval *e, const struct model *m, const struct selector *s)
{
	int g = s->goal ? model_find_goal(m, s->goal) : -1;
	if ((s->goal && g < 0) || (s->dept && model_find_dept(m, s->dept) < 0))
		return -1;
	if (s->goals)
		return s->goal ? 1 : (long)m->ngoals;
	long n = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		if (g >= 0 && k->goal != (size_t)g)
			continue;
		if (s->level >= 0 && (int)k->level != s->level)
			continue;
		if (s->met >= 0 && e->kpis[i].met != s->met)
			continue;
		if (s->dept && !kpi_has_dept(k, s->dept))
			continue;
		if (s->review >= 0 && k->review != s->review)
			continue;
		n++;
	}
	return n;
}

const char *trend_name(enum trend t)
{
	static const char *names[] = { "none", "improved", "unchanged", "worsened" };
	return names[t];
}
