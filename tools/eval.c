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

/* The latest actual of a series up to fiscal year upto (0: any year). */
static const struct value *latest_actual(const struct model *m, const struct series *s, int upto)
{
	const struct value *best = NULL;
	int after = s->baseline && s->baseline->year.ok ? s->baseline->year.y : m->baseline.y;
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct value *v = &s->values[i];
		if (counts_as_actual(m, v) && v->year.y > after && (upto == 0 || v->year.y <= upto) &&
		    (best == NULL || v->year.y > best->year.y))
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

static const kdec hundred = { 100, 0 };

static const struct value *previous_actual(const struct model *m, const struct series *s, const struct value *latest)
{
	const struct value *best = NULL;
	for (size_t i = 0; latest && i < s->nvalues; i++) {
		const struct value *v = &s->values[i];
		if (counts_as_actual(m, v) && v->year.y < latest->year.y && (best == NULL || v->year.y > best->year.y))
			best = v;
	}
	return best;
}

static const struct value *yearly_target(const struct series *s, int year)
{
	for (size_t i = 0; i < s->nyearly; i++)
		if (s->yearly[i].year.ok && s->yearly[i].year.y == year && s->yearly[i].num_ok)
			return &s->yearly[i];
	return NULL;
}

static int kpi_cumulative(const struct kpi *k)
{
	return k->cumulative && k->span_from.ok && k->span_to.ok && k->span_from.y <= k->span_to.y;
}

/* Where a series' line to its target starts: its baseline; for a cumulative
 * KPI nothing, the year before its span (a sum of 5 years is due 1/5 a year). */
static const struct value *line_origin(const struct kpi *k, const struct series *s, struct value *zero)
{
	if (!kpi_cumulative(k))
		return s->baseline;
	memset(zero, 0, sizeof *zero);
	zero->num = kdec_from_int(0);
	zero->num_ok = zero->has_num = 1;
	zero->year.ok = 1;
	zero->year.y = k->span_from.y - 1;
	return zero;
}

/* The target due by the latest actual's year, scaled with the actual so
 * that a / t is the rate: a declared <yearly-target>, else the line from the
 * origin to the final target, t = (B (Ty - y) + T (y - By)) / (Ty - By),
 * whose divisor multiplies the actual instead.  0, or -1 on overflow. */
static int year_terms(const struct kpi *k, const struct series *s, const struct value *latest, kdec base, kdec *a,
                      kdec *t)
{
	const struct value *yt = yearly_target(s, latest->year.y);
	if (yt)
		return kdec_add(base, yt->num, t);
	struct value zero;
	const struct value *b = line_origin(k, s, &zero), *f = s->target;
	if (!b || !b->num_ok || !b->year.ok || !f->year.ok || f->year.y <= b->year.y || latest->year.y >= f->year.y)
		return kdec_add(base, f->num, t);
	int64_t span = f->year.y - b->year.y, before = f->year.y - latest->year.y, after = latest->year.y - b->year.y;
	kdec x, y, z;
	if (kdec_mul_int(*a, span, a) < 0 || kdec_mul_int(base, span, &x) < 0 ||
	    kdec_mul_int(b->num, before, &y) < 0 || kdec_mul_int(f->num, after, &z) < 0 ||
	    kdec_add(x, y, &x) < 0)
		return -1;
	return kdec_add(x, z, t);
}

/* x / n rounded half away from zero, at x's scale; 0, or -1. */
static int eval_div_int(kdec x, int64_t n, kdec *out)
{
	if (n <= 0)
		return -1;
	int64_t q = x.mant / n, r = x.mant % n;
	if (r < 0 ? -r >= n - -r : r >= n - r)
		q += x.mant < 0 ? -1 : 1;
	out->mant = q;
	out->scale = x.scale;
	return 0;
}

int eval_year_target(const struct kpi *k, const struct series *s, const struct value *latest, struct value *out,
                     int *declared)
{
	struct value zero;
	const struct value *f = s->target, *b = line_origin(k, s, &zero);
	if (k->against != RA_YEAR || !latest || !latest->year.ok || !f || !f->num_ok || !f->year.ok ||
	    latest->year.y >= f->year.y || RELATION_WITHOUT_FIGURE(f->rel))
		return 0;
	*out = *f;
	out->year = latest->year;
	out->label = NULL;
	out->initial_ok = 0;
	out->initial_text = NULL;
	const struct value *yt = yearly_target(s, latest->year.y);
	*declared = yt != NULL;
	if (yt) {
		out->num = yt->num;
		return 1;
	}
	if (!b || !b->num_ok || !b->year.ok || f->year.y <= b->year.y)
		return 0;
	int64_t span = f->year.y - b->year.y, before = f->year.y - latest->year.y, after = latest->year.y - b->year.y;
	kdec x, y;
	if (kdec_mul_int(b->num, before, &x) < 0 || kdec_mul_int(f->num, after, &y) < 0 || kdec_add(x, y, &x) < 0 ||
	    eval_div_int(x, span, &out->num) < 0)
		return -1;
	return 1;
}

/* Progress: (actual - baseline) / (target - baseline), the divisor made
 * positive; a cumulative KPI's from nothing.  0, 1 when the target equals
 * the baseline (*reached), -1. */
static int progress_terms(const struct kpi *k, const struct series *s, const struct value *latest, kdec *num,
                          kdec *den, int *reached)
{
	struct value zero;
	const struct value *b = line_origin(k, s, &zero);
	if (!b || !b->num_ok || kdec_sub(latest->num, b->num, num) < 0 || kdec_sub(s->target->num, b->num, den) < 0)
		return -1;
	if (kdec_sign(*den) == 0) {
		int c = kdec_cmp(latest->num, s->target->num);
		*reached = k->dir == DIR_LOWER ? c <= 0 : c >= 0;
		return 1;
	}
	if (kdec_sign(*den) < 0 && (kdec_sub(kdec_from_int(0), *num, num) < 0 || kdec_sub(kdec_from_int(0), *den, den) < 0))
		return -1;
	return 0;
}

/* Dividend and divisor of a series' rate (percent = 100 num / den): 0; 1
 * for a divisor that is not positive, with *reached; -1 for no rate. */
static int rate_terms(const struct kpi *k, const struct series *s, const struct value *latest, kdec *num, kdec *den,
                      int *reached)
{
	if (k->against == RA_PROGRESS)
		return progress_terms(k, s, latest, num, den, reached);
	kdec base = k->has_rate_base && k->rate_base_ok ? k->rate_base : kdec_from_int(0);
	kdec a, t;
	if (kdec_add(base, latest->num, &a) < 0)
		return -1;
	if (k->against == RA_YEAR ? year_terms(k, s, latest, base, &a, &t) < 0 : kdec_add(base, s->target->num, &t) < 0)
		return -1;
	*num = k->dir == DIR_LOWER ? t : a;
	*den = k->dir == DIR_LOWER ? a : t;
	if (kdec_sign(*den) <= 0) {
		*reached = zero_divisor_met(*num, *den);
		return 1;
	}
	return 0;
}

static void measure_exact(struct measure *ms, kdec num, kdec den)
{
	ms->kind = MS_EXACT;
	ms->num = num;
	ms->den = den;
}

static int primary_grade(const struct model *m, const struct measure *ms)
{
	return m->primary >= 0 ? eval_grade(&m->scales[m->primary], ms) : -1;
}

static int grade_met(const struct model *m, int g)
{
	return m->primary >= 0 && g >= 0 && m->scales[m->primary].grades[g].achieved;
}

/* A cumulative KPI's actual: the sum of the series' actuals from the span's
 * first year up to the latest's (or the span's last); 0, or -1 on overflow. */
static int cumulative_actual(const struct model *m, const struct kpi *k, const struct series *s,
                             const struct value *latest, struct value *cum)
{
	int last = latest->year.y < k->span_to.y ? latest->year.y : k->span_to.y;
	*cum = *latest;
	cum->num = kdec_from_int(0);
	cum->from.ok = 0;
	cum->label = NULL;
	cum->text = NULL;
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct value *v = &s->values[i];
		if (counts_as_actual(m, v) && v->year.y >= k->span_from.y && v->year.y <= last &&
		    kdec_add(cum->num, v->num, &cum->num) < 0)
			return -1;
	}
	return 0;
}

/* A relative target's judgement on the actual: 1 achieved, 0 not, -1 when
 * what it compares with is missing (rules.c reports it).  前年を上回る
 * compares the year's own values, also of a cumulative KPI. */
static int relation_met(const struct model *m, const struct kpi *k, const struct series *s,
                        const struct value *actual, const struct series_result *r)
{
	const struct value *t = s->target, *ref = NULL, *a = actual;
	switch (t->rel) {
	case REL_AT_LEAST: case REL_AT_MOST: ref = t; break;
	case REL_KEEP: case REL_EXTEND: ref = s->baseline; break;
	case REL_PREVIOUS: ref = r->ms.previous; a = r->latest; break;
	case REL_REFERENCE:
		ref = t->ref_i >= 0 ? model_refseries_value(&m->refseries[t->ref_i], actual->year.y) : NULL;
		break;
	case REL_NONE: return -1;
	}
	if (!ref || !ref->num_ok)
		return -1;
	int c = kdec_cmp(a->num, ref->num);
	if (t->rel == REL_AT_LEAST || t->rel == REL_AT_MOST)
		return t->rel == REL_AT_LEAST ? c >= 0 : c <= 0;
	if (k->dir == DIR_LOWER)
		c = -c;
	return t->rel == REL_KEEP ? c >= 0 : c > 0;
}

/* Rate of one series: (base + actual) / (base + target) for higher and
 * maintain, the inverse for lower; base is the KPI's rate-base or 0.  The
 * target is the one rate-against names. */
static void rate_series(const struct model *m, const struct kpi *k, const struct series *s,
                        struct series_result *r, int upto)
{
	memset(r, 0, sizeof *r);
	r->latest = latest_actual(m, s, upto);
	r->trend = trend_of(k->dir, s->baseline, r->latest);
	r->ms.dir = k->dir;
	r->ms.latest = r->latest;
	r->ms.base = s->baseline;
	r->ms.previous = previous_actual(m, s, r->latest);
	const struct value *actual = r->latest;
	if (actual && kpi_cumulative(k)) {
		if (cumulative_actual(m, k, s, r->latest, &r->cum) < 0)
			actual = NULL;
		else {
			r->cumulative = 1;
			actual = r->ms.latest = &r->cum;
		}
	}
	if (actual != NULL && s->target != NULL && s->target->num_ok) {
		kdec num, den;
		int reached = 0, t = rate_terms(k, s, actual, &num, &den, &reached);
		if (t == 1) {
			r->undefined = 1;
			if (reached)
				measure_exact(&r->ms, kdec_from_int(1), kdec_from_int(1));
		} else if (t == 0) {
			r->rate_ok = krate_of(num, den, &r->rate) == 0;
			measure_exact(&r->ms, num, den);
		}
	}
	int judged = actual && s->target ? relation_met(m, k, s, actual, r) : -1;
	if (judged >= 0) {
		r->ms.kind = MS_JUDGED;
		r->ms.judged_met = judged;
	}
	r->grade = primary_grade(m, &r->ms);
	r->met = grade_met(m, r->grade);
}

/* The sum of the series that have an actual and a target (with or without
 * a rate of their own), against the final targets: into ms; *rate_ok when
 * the sums give a rate. */
static void sum_measure(const struct kpi *k, const struct kpi_result *r, struct measure *ms, krate *rate,
                        int *rate_ok)
{
	kdec a = kdec_from_int(0), t = kdec_from_int(0);
	int any = 0;
	*rate_ok = 0;
	for (size_t i = 0; i < k->nseries; i++) {
		if (!r->series[i].rate_ok && !r->series[i].undefined)
			continue;
		const struct series_result *sr = &r->series[i];
		if (kdec_add(a, (sr->cumulative ? &sr->cum : sr->latest)->num, &a) < 0 ||
		    kdec_add(t, k->series[i].target->num, &t) < 0)
			return;
		any = 1;
	}
	if (!any)
		return;
	kdec num = k->dir == DIR_LOWER ? t : a, den = k->dir == DIR_LOWER ? a : t;
	if (kdec_sign(den) <= 0) {
		if (zero_divisor_met(num, den))
			measure_exact(ms, kdec_from_int(1), kdec_from_int(1));
		return;
	}
	*rate_ok = krate_of(num, den, rate) == 0;
	measure_exact(ms, num, den);
}

/* The KPI's grade from its series': the best or the worst of them, the
 * first rated one's, or the grade of the mean or the sum of the rates. */
static void combine(const struct model *m, const struct kpi *k, struct kpi_result *r)
{
	r->chosen = -1;
	krate sum = { 0 };
	int n = 0, judged = 0, lo = -1, hi = -1;
	for (size_t i = 0; i < k->nseries; i++) {
		const struct series_result *s = &r->series[i];
		judged += s->rate_ok || s->undefined || s->ms.kind == MS_JUDGED;
		if (lo < 0 || s->grade < lo)
			lo = s->grade;
		if (hi < 0 || s->grade > hi)
			hi = s->grade;
		if (!s->rate_ok)
			continue;
		sum.v += s->rate.v;
		n++;
		int better = r->chosen < 0 ||
		             (k->comb == COMB_BEST && krate_cmp(s->rate, r->series[r->chosen].rate) > 0) ||
		             (k->comb == COMB_WORST && krate_cmp(s->rate, r->series[r->chosen].rate) < 0);
		if (better && k->comb != COMB_MEAN && k->comb != COMB_SUM &&
		    !(k->comb == COMB_FIRST && r->chosen >= 0))
			r->chosen = (int)i;
	}
	struct measure ms = k->nseries ? r->series[0].ms : (struct measure){ 0 };
	ms.kind = MS_NONE;
	int last = m->primary >= 0 ? (int)m->scales[m->primary].ngrades - 1 : -1;
	switch (k->comb) {
	case COMB_BEST:
		r->computed_grade = lo;
		break;
	case COMB_WORST:
		r->computed_grade = judged > 0 ? hi : last;
		break;
	case COMB_FIRST:
		r->computed_grade = r->chosen >= 0 ? r->series[r->chosen].grade
		                    : k->nseries && r->series[0].ms.kind == MS_JUDGED ? r->series[0].grade : last;
		break;
	case COMB_MEAN:
		/* Each rate is truncated to 9 decimals, so their sum is up to n
		 * units short of the exact one: the mean is compared with that
		 * tolerance, far below any precision a document prints. */
		r->rate_ok = n > 0;
		r->rate.v = n ? sum.v / n : 0;
		if (n > 0) {
			ms.kind = MS_MEAN;
			ms.sum = sum;
			ms.n = n;
		}
		r->computed_grade = primary_grade(m, &ms);
		break;
	case COMB_SUM:
		sum_measure(k, r, &ms, &r->rate, &r->rate_ok);
		r->computed_grade = primary_grade(m, &ms);
		break;
	}
	r->computed_met = grade_met(m, r->computed_grade);
	if (r->chosen >= 0) {
		r->rate_ok = 1;
		r->rate = r->series[r->chosen].rate;
		r->trend = r->series[r->chosen].trend;
	} else {
		for (size_t i = 0; i < k->nseries && r->trend == TREND_NONE; i++)
			r->trend = r->series[i].trend;
	}
}

static int abs_kdec(kdec a, kdec *out)
{
	if (kdec_sign(a) >= 0) {
		*out = a;
		return 0;
	}
	return kdec_sub(kdec_from_int(0), a, out);
}

/* The latest actual against ref (the baseline or the previous year's):
 * about the same within band percent of ref, else better or worse in the
 * KPI's direction; 0 when either is missing. */
static int change_holds(const struct grade *g, const struct measure *ms, const struct value *ref)
{
	if (!ms->latest || !ref || !ref->num_ok || !ms->latest->num_ok || !g->num_ok)
		return 0;
	kdec d, ad, ar;
	if (kdec_sub(ms->latest->num, ref->num, &d) < 0 || abs_kdec(d, &ad) < 0 || abs_kdec(ref->num, &ar) < 0)
		return 0;
	enum change c;
	if (kdec_cmp_prod(ad, hundred, g->num, ar) <= 0)
		c = CH_SAME;
	else
		c = (kdec_sign(d) > 0) == (ms->dir != DIR_LOWER) ? CH_IMPROVED : CH_WORSE;
	return c == g->change;
}

/* Whether the measure's rate is at or above (above) pct. */
static int rate_at_least(const struct measure *ms, kdec pct, int above)
{
	int c;
	if (ms->kind == MS_EXACT) {
		c = kdec_cmp_prod(ms->num, hundred, pct, ms->den);
	} else {
		krate_int lhs = ms->sum.v + ms->n, rhs = krate_from_kdec(pct).v * ms->n;
		c = (lhs > rhs) - (lhs < rhs);
	}
	return above ? c > 0 : c >= 0;
}

static int rate_at_most(const struct measure *ms, kdec pct)
{
	if (ms->kind == MS_EXACT)
		return kdec_cmp_prod(ms->num, hundred, pct, ms->den) <= 0;
	return ms->sum.v <= krate_from_kdec(pct).v * ms->n;
}

static int grade_holds(const struct grade *g, const struct measure *ms)
{
	kdec lo, hi;
	switch (g->rule) {
	case GR_CUT:
		return ms->kind != MS_NONE && g->num_ok && rate_at_least(ms, g->num, g->above);
	case GR_EQUAL:
		return ms->kind != MS_NONE && g->num_ok && kdec_sub(hundred, g->num, &lo) == 0 &&
		       kdec_add(hundred, g->num, &hi) == 0 && rate_at_least(ms, lo, 0) && rate_at_most(ms, hi);
	case GR_BASELINE:
		return change_holds(g, ms, ms->base);
	case GR_PREVIOUS:
		return change_holds(g, ms, ms->previous);
	case GR_OTHERWISE:
		return 1;
	case GR_NONE:
		break;
	}
	return 0;
}

/* Whether a scale judges the rate (cuts, an "equal" band): a relative
 * target's judgement replaces its rules; comparisons with the baseline or
 * the previous year keep theirs. */
static int scale_rated(const struct scale *sc)
{
	for (size_t i = 0; i < sc->ngrades; i++)
		if (sc->grades[i].rule == GR_CUT || sc->grades[i].rule == GR_EQUAL)
			return 1;
	return 0;
}

int eval_grade(const struct scale *sc, const struct measure *ms)
{
	if (sc->ngrades == 0)
		return -1;
	if (ms->kind == MS_JUDGED && scale_rated(sc)) {
		for (size_t i = 0; ms->judged_met && i < sc->ngrades; i++)
			if (sc->grades[i].achieved)
				return (int)i;
		return (int)sc->ngrades - 1;
	}
	for (size_t i = 0; i < sc->ngrades; i++)
		if (grade_holds(&sc->grades[i], ms))
			return (int)i;
	return (int)sc->ngrades - 1;
}

/* The state a KPI is in: its own state=, else the first declared state
 * whose when= describes it; -1. */
static int state_of(const struct model *m, const struct kpi *k, const struct kpi_result *r, int upto)
{
	if (k->state_i >= 0)
		return k->state_i;
	int actual = 0, target = 0, unpublished = 0;
	for (size_t i = 0; i < k->nseries; i++) {
		const struct series *s = &k->series[i];
		actual |= r->series[i].latest != NULL;
		target |= s->target && (s->target->num_ok || RELATION_WITHOUT_FIGURE(s->target->rel));
		for (size_t v = 0; v < s->nvalues; v++)
			unpublished |= s->values[v].status == VS_NOT_AVAILABLE &&
			               (upto == 0 || (s->values[v].year.ok && s->values[v].year.y <= upto));
	}
	for (size_t i = 0; i < m->nstates; i++) {
		enum state_when w = m->states[i].when;
		if ((w == SW_NO_TARGET && !target) || (w == SW_NO_ACTUAL && !actual) ||
		    (w == SW_UNPUBLISHED && !actual && unpublished))
			return (int)i;
	}
	return -1;
}

/* An override's grade: the first achieved grade, or the first other one. */
static int override_grade(const struct model *m, int met)
{
	if (m->primary < 0)
		return -1;
	const struct scale *sc = &m->scales[m->primary];
	for (size_t i = 0; i < sc->ngrades; i++)
		if (sc->grades[i].achieved == met)
			return (int)i;
	return -1;
}

/* The grades of the other scales: computed on the measure of the series
 * the rate comes from (the first one otherwise), or the latest given. */
static void other_grades(const struct model *m, const struct kpi *k, struct kpi_result *r, int upto)
{
	r->grades = xcalloc(m->nscales ? m->nscales : 1, sizeof *r->grades);
	for (size_t s = 0; s < m->nscales; s++) {
		r->grades[s] = -1;
		if ((int)s == m->primary) {
			r->grades[s] = r->grade;
		} else if (!m->scales[s].given && k->nseries && r->state < 0) {
			r->grades[s] = eval_grade(&m->scales[s], &r->series[r->chosen >= 0 ? r->chosen : 0].ms);
		} else {
			int year = -1;
			for (size_t g = 0; g < k->ngiven; g++) {
				const struct given_grade *gv = &k->given[g];
				int y = gv->year.ok ? gv->year.y : 0;
				if (gv->scale_i == (int)s && gv->grade_i >= 0 && y >= year && (upto == 0 || y <= upto)) {
					year = y;
					r->grades[s] = gv->grade_i;
				}
			}
		}
	}
}

static void tally_one(struct tally *t, const struct model *m, const struct kpi_result *r)
{
	if (r->state >= 0) {
		t->state[r->state]++;
		if (m->states[r->state].counted)
			t->not_met++;
		else
			t->uncounted++;
		return;
	}
	if (r->grade >= 0 && r->grade < KPIC_MAX_GRADES)
		t->grade[r->grade]++;
	if (r->met)
		t->met++;
	else
		t->not_met++;
}

static void tally_add(struct tally3 *t, const struct model *m, const struct kpi *k,
                      const struct kpi_result *r)
{
	tally_one(&t->all, m, r);
	tally_one(&t->level[k->level], m, r);
	for (unsigned g = 0; k->tag_mask >> g; g++)
		if (k->tag_mask >> g & 1u)
			tally_one(&t->tag[g], m, r);
}

const char *eval_rollup_name(enum rollup ru)
{
	return ru == RU_WORST ? "worst" : ru == RU_SHARE ? "share" : ru == RU_POINTS ? "points" : "none";
}

/* rollup="points": the average of the counted grades' points (grades
 * without points= left out), and the best grade whose points are at most
 * that average (the last grade with points when none is). */
static void rollup_points(const struct scale *sc, const struct tally *t, struct rollup_result *rr)
{
	kdec sum = kdec_from_int(0), p;
	int64_t n = 0;
	for (size_t g = 0; g < sc->ngrades && g < KPIC_MAX_GRADES; g++) {
		if (t->grade[g] <= 0 || !sc->grades[g].points_ok)
			continue;
		if (kdec_mul_int(sc->grades[g].points, t->grade[g], &p) || kdec_add(sum, p, &sum))
			return;
		n += t->grade[g];
	}
	if (n == 0 || krate_of(sum, kdec_from_int(100 * n), &rr->points))
		return;
	for (size_t g = 0; g < sc->ngrades && rr->grade < 0; g++)
		if (sc->grades[g].points_ok && kdec_cmp_prod(sc->grades[g].points, kdec_from_int(n),
		                                             sum, kdec_from_int(1)) <= 0)
			rr->grade = (int)g;
	for (size_t g = sc->ngrades; g-- > 0 && rr->grade < 0;)
		if (sc->grades[g].points_ok)
			rr->grade = (int)g;
	rr->ok = 1;
}

struct rollup_result eval_rollup(const struct model *m, enum rollup ru, const struct tally *t)
{
	struct rollup_result rr = { 0, -1, 0, { 0 } };
	int total = t->met + t->not_met;
	if (ru == RU_SHARE && total > 0) {
		rr.ok = 1;
		rr.share_tenths = (int)((t->met * 2000LL + total) / (2LL * total));
	} else if (ru == RU_WORST && m->primary >= 0) {
		const struct scale *sc = &m->scales[m->primary];
		for (size_t g = 0; g < sc->ngrades && g < KPIC_MAX_GRADES; g++)
			if (t->grade[g] > 0)
				rr.grade = (int)g;
		rr.ok = rr.grade >= 0;
	} else if (ru == RU_POINTS && m->primary >= 0)
		rollup_points(&m->scales[m->primary], t, &rr);
	return rr;
}

void eval_run(struct eval *e, const struct model *m)
{
	eval_run_year(e, m, 0);
}

void eval_run_year(struct eval *e, const struct model *m, int upto)
{
	memset(e, 0, sizeof *e);
	e->year = upto;
	e->kpis = xcalloc(m->nkpis, sizeof *e->kpis);
	e->nkpis = m->nkpis;
	e->goals = xcalloc(m->ngoals, sizeof *e->goals);
	e->depts = xcalloc(m->ndepts, sizeof *e->depts);
	e->headings = xcalloc(m->nheadings ? m->nheadings : 1, sizeof *e->headings);
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		struct kpi_result *r = &e->kpis[i];
		r->series = xcalloc(k->nseries, sizeof *r->series);
		for (size_t j = 0; j < k->nseries; j++)
			rate_series(m, k, &k->series[j], &r->series[j], upto);
		combine(m, k, r);
		/* An override is the document's judgement: not an earlier year's. */
		int over = k->has_override && upto == 0;
		r->state = over ? -1 : state_of(m, k, r, upto);
		if (r->state >= 0)
			r->computed_grade = -1;
		r->met = over ? k->override_met : r->state < 0 && r->computed_met;
		r->grade = over ? override_grade(m, k->override_met) : r->computed_grade;
		other_grades(m, k, r, upto);
		e->noverrides += over;
		tally_add(&e->total, m, k, r);
		if (k->goal < m->ngoals)
			tally_add(&e->goals[k->goal], m, k, r);
		for (int h = k->heading; h >= 0 && (size_t)h < m->nheadings; h = m->headings[h].parent)
			tally_one(&e->headings[h], m, r);
		for (size_t d = 0; d < k->ndepts; d++) {
			int di = model_find_dept(m, k->depts[d]);
			int dup = 0;
			for (size_t p = 0; p < d; p++)
				dup |= k->depts[p] && k->depts[d] && !strcmp(k->depts[p], k->depts[d]);
			if (di >= 0 && !dup)
				tally_add(&e->depts[di], m, k, r);
		}
	}
}

void eval_free(struct eval *e)
{
	for (size_t i = 0; i < e->nkpis; i++) {
		free(e->kpis[i].series);
		free(e->kpis[i].grades);
	}
	free(e->goals);
	free(e->depts);
	free(e->headings);
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

/* A selector's grade= (primary scale) and state=. */
static int selector_grade(const struct eval *e, const struct model *m, size_t i, const struct selector *s)
{
	const struct kpi_result *r = &e->kpis[i];
	/* A KPI in a state that is not counted is counted only by its state=. */
	if (!s->state && r->state >= 0 && !m->states[r->state].counted)
		return 0;
	if (s->state && (r->state < 0 || strcmp(m->states[r->state].id ? m->states[r->state].id : "", s->state)))
		return 0;
	if (s->grade) {
		if (m->primary < 0 || r->grade < 0)
			return 0;
		const char *id = m->scales[m->primary].grades[r->grade].id;
		return id && !strcmp(id, s->grade);
	}
	return 1;
}

int eval_latest_year(const struct eval *e, const struct model *m)
{
	int y = 0;
	for (size_t i = 0; i < e->nkpis && i < m->nkpis; i++)
		for (size_t j = 0; j < m->kpis[i].nseries; j++) {
			const struct value *v = e->kpis[i].series[j].latest;
			if (v && v->year.y > y)
				y = v->year.y;
		}
	return y;
}

long eval_count(const struct eval *e, const struct model *m, const struct selector *s)
{
	int g = s->goal ? model_find_goal(m, s->goal) : -1;
	if ((s->goal && g < 0) || (s->dept && model_find_dept(m, s->dept) < 0))
		return -1;
	if ((s->grade && (m->primary < 0 || model_find_grade(&m->scales[m->primary], s->grade) < 0)) ||
	    (s->state && model_find_state(m, s->state) < 0))
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
		if (!selector_grade(e, m, i, s))
			continue;
		n++;
	}
	return n;
}

const char *eval_trend_name(enum trend t)
{
	static const char *names[] = { "none", "improved", "unchanged", "worsened" };
	return names[t];
}
