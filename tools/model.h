/*
 * model.h - the strategy as kpic understands it, built from the checked tree.
 *
 * The model keeps every element it came from (`node`), so that rules and
 * evaluation can point diagnostics at the source.  Text is copied into the
 * model's own arena; numbers and years are parsed here but judged in rules.c:
 * each field records whether it parsed, so that a bad number is one
 * diagnostic there, not a failure here.
 */
#ifndef KPIC_MODEL_H
#define KPIC_MODEL_H

#include <stddef.h>
#include <libxml/tree.h>

#include "decimal.h"
#include "jfmt.h"

#define KPIC_NS "urn:x-kpic:strategy:1"

enum direction { DIR_HIGHER, DIR_LOWER, DIR_MAINTAIN };
enum combine { COMB_BEST, COMB_WORST, COMB_MEAN, COMB_SUM, COMB_FIRST };
enum vstatus { VS_MEASURED, VS_PROVISIONAL, VS_REFERENCE, VS_NOT_SURVEYED, VS_NOT_AVAILABLE };
enum vkind { VK_BASELINE, VK_VALUE, VK_TARGET };
enum level { LEVEL_GOAL, LEVEL_MEASURE };
enum heading_kind { HK_POLICY, HK_DIRECTION, HK_MEASURE, HK_PROJECT, HK_COUNT };

/* A year attribute: ok is 0 when absent or not an integer. */
struct year { int ok; int y; xmlNode *node; const char *attr; };

/* What a rate is computed against (<evaluation rate-against=…>, per KPI too):
 * the final target; the target for the year of the latest actual (a declared
 * <yearly-target>, else pro-rated linearly from the baseline to the final
 * target); or progress, (actual - baseline) / (target - baseline). */
enum rate_against { RA_FINAL, RA_YEAR, RA_PROGRESS };

/* How a grade of a scale is assigned (the child element of <grade>). */
enum grade_rule { GR_NONE, GR_CUT, GR_EQUAL, GR_BASELINE, GR_PREVIOUS, GR_OTHERWISE };
enum change { CH_IMPROVED, CH_SAME, CH_WORSE };

/* Grades and states a scale may hold, tags a source may declare: tallies
 * keep one count for each. */
#define KPIC_MAX_TAGS 8
#define KPIC_MAX_GRADES 16
#define KPIC_MAX_STATES 8

struct grade {
	xmlNode *node, *rule_node;   /* rule_node: <cut>, <equal>… or NULL */
	const char *id, *symbol, *label, *legend;
	int achieved;                /* counts as met (達成) */
	enum grade_rule rule;
	const char *num_text;        /* cut: rate=; equal, baseline, previous: band= */
	int num_ok;
	kdec num;
	int above;                   /* cut from="above" (else at-or-above) */
	enum change change;          /* baseline, previous */
	const char *points_text;     /* points= (a points roll-up), or NULL */
	int points_ok;
	kdec points;
};

struct scale {
	xmlNode *node;               /* <scale>, or <evaluation> for threshold= */
	const char *id, *name;
	int given;                   /* given="yes": grades come from the KPIs */
	struct grade *grades;        /* arena */
	size_t ngrades;
};

enum state_when { SW_NONE, SW_NO_ACTUAL, SW_UNPUBLISHED, SW_NO_TARGET, SW_ENDED, SW_EXCLUDED };

/* A state outside the scales (評価なし, 未公表…). */
struct kstate {
	xmlNode *node;
	const char *id, *symbol, *label;
	int counted;                 /* in the denominator of the counts */
	enum state_when when;
};

/* A grade the source gives a KPI: <grade scale=… id=… year=…/>. */
struct given_grade {
	xmlNode *node;
	const char *scale, *id;
	struct year year;             /* ok=0 if absent */
	int scale_i, grade_i;        /* -1 when unknown (rules.c reports) */
};


/* A relative target (<target relation=…>): at least / at most its figure
 * (以上, 以下), keep the baseline (維持), better than the baseline (延伸),
 * better than the previous year (前年を上回る), better than a reference
 * series (全国平均を上回る).  "Better" is in the KPI's direction. */
enum relation { REL_NONE, REL_AT_LEAST, REL_AT_MOST, REL_KEEP, REL_EXTEND, REL_PREVIOUS, REL_REFERENCE };

struct value {
	xmlNode *node;
	enum vkind kind;
	struct year year;
	struct year from;            /* from= (multi-year values), ok=0 if absent */
	enum vstatus status;
	int has_num;                 /* content is non-blank */
	int num_ok;                  /* and parses as a decimal */
	kdec num;
	const char *text;            /* trimmed content */
	const char *label;           /* label=, or NULL */
	enum relation rel;           /* targets only */
	const char *rel_word;        /* 以上, 維持, 全国平均を上回る… as the tables write it */
	const char *ref;             /* reference= (REL_REFERENCE), or NULL */
	int ref_i;                   /* index into model.refseries, -1 */
	/* A target revised during the period: initial= (当初), revised-in= (the
	 * year of the revision); the content is the revised target. */
	const char *initial_text;    /* NULL if not revised */
	int initial_ok;
	kdec initial;
	struct year revised_in;
};

/* Whether a relative target needs no figure (維持, 延伸, 前年, 全国平均). */
#define RELATION_WITHOUT_FIGURE(r) ((r) >= REL_KEEP)

/* A reference series held in the source (<reference id= label=>: 全国平均). */
struct refseries {
	xmlNode *node;
	const char *id, *label;
	struct value *values;
	size_t nvalues;
};

struct series {
	xmlNode *node;               /* <series>, or the <kpi> for an implicit one */
	const char *key;
	const char *label;           /* NULL for an implicit series */
	const char *unit;            /* own or inherited; NULL if none */
	const char *notation;        /* own or inherited; "plain" by default */
	struct value *baseline;      /* NULL only if the schema was violated */
	struct value *values;        /* <value> elements in document order */
	size_t nvalues;
	struct value *target;        /* NULL if missing */
	struct value *yearly;        /* <yearly-target> elements, document order */
	size_t nyearly;
	struct jfmt_years years;     /* the document's era policy (model's era) */
};

struct kpi {
	xmlNode *node;
	const char *id;
	const char *name;
	enum direction dir;
	enum combine comb;
	int has_rate_base, rate_base_ok;
	const char *rate_base_text;
	kdec rate_base;
	struct series *series;
	size_t nseries;
	const char **depts;          /* department ids as written */
	xmlNode **dept_nodes;
	size_t ndepts;
	enum level level;
	size_t goal;                 /* index into model.goals */
	int heading;                 /* index into model.headings, -1 at goal level */
	int has_override, override_met;
	const char *override_reason; /* NULL if none or blank */
	xmlNode *override_node;
	int review;                  /* marked 要見直し (<review>) */
	enum rate_against against;   /* own rate-against=, else the document's */
	const char *against_text;    /* own rate-against= or NULL */
	const char *tags;            /* tags= as written, or NULL */
	unsigned tag_mask;           /* bit t: carries model.tags[t] (t < KPIC_MAX_TAGS) */
	const char *state;           /* state= (a declared state's id) or NULL */
	int state_i;                 /* its index, -1 */
	struct given_grade *given;   /* <grade> children */
	size_t ngiven;
	int calendar;                /* year-basis="calendar": 暦年, not 年度 */
	/* 累計: cumulative="yes", the actual the sum of the yearly values over
	 * the span <span from= to=/> up to the evaluated year. */
	int cumulative;
	xmlNode *span_node;          /* <span>, or NULL */
	struct year span_from, span_to;
};

struct heading {
	xmlNode *node;
	enum heading_kind kind;
	const char *id;
	const char *title;
	const char *repost_of;       /* measures only */
	size_t goal;
	int parent;                  /* heading index or -1 */
};

struct repost {
	xmlNode *node;
	const char *id;              /* may be NULL */
	const char *kpi;
	size_t goal;
	int heading;
};

struct goal {
	xmlNode *node;
	const char *id;
	int number;
	const char *title;
};

/* A level of the hierarchy as the source names it (<meta><levels><level>). */
enum level_of { LO_GOAL, LO_POLICY, LO_DIRECTION, LO_MEASURE, LO_PROJECT, LO_COUNT };

struct level_decl {
	xmlNode *node;
	enum level_of of;
	const char *name;
	const char *short_name;      /* short=, or NULL */
};

/* How a level rolls its KPIs' grades up (<level rollup=…>). */
enum rollup { RU_NONE, RU_WORST, RU_SHARE, RU_POINTS };

struct department {
	xmlNode *node;
	const char *id;
	const char *name;
};

/* A selection of KPIs (or of goals) to count, from <count> elements. */
struct selector {
	xmlNode *node;
	int goals;                   /* what="goals" */
	const char *goal;            /* goal id or NULL */
	int level;                   /* -1 any, else enum level */
	int met;                     /* -1 any, 0 no, 1 yes */
	const char *dept;            /* department id or NULL */
	int review;                  /* -1 any, 0 no, 1 yes (要見直し) */
	const char *grade;           /* grade= of the primary scale, or NULL */
	const char *state;           /* state= (a declared state), or NULL */
};

struct published {
	struct selector sel;
	int num_ok;
	long long value;
};

/* An element elsewhere that names an id: grants, narrative, figures… */
struct idref {
	xmlNode *node;
	const char *attr;
	const char *id;
	enum { REF_ANY, REF_GOAL, REF_KPI, REF_GRANT_TARGET } want;
};

/* What kpic import writes for the municipality when its sheet names none:
 * a visible gap for staff to fill (rule unnamed-strategy), not a blank name
 * (blank-name). */
#define KPIC_NO_MUNICIPALITY "（自治体名）"

struct model {
	const char *municipality;
	const char *title;
	int edition;
	struct year start, end, baseline;
	xmlNode *period_node;
	const char *as_of;
	xmlNode *as_of_node;
	struct jfmt_years era;       /* how fiscal years are written (period era=) */
	/* The threshold: threshold= (threshold_attr), or the cut of the primary
	 * scale's last achieved grade when that grade is a cut; threshold_ok 0
	 * when neither. */
	int threshold_ok, threshold_attr;
	const char *threshold_text;
	kdec threshold;
	xmlNode *eval_node;
	struct scale *scales;     size_t nscales;   /* arena; threshold= makes one */
	int primary;                 /* index of the primary scale, -1 if none */
	const char *primary_text;    /* primary= as written */
	struct kstate *states;    size_t nstates;   /* arena */
	enum rate_against against;
	const char *against_text;
	enum combine comb;
	int use_provisional;
	int show_previous;           /* evaluation show-previous="yes": 前年度評価 */
	int draft;                   /* <status>draft</status>: a next-period draft */

	/* The declared names of the levels, in document order, and each level's
	 * name as printed (the declared one, else kpic's: 基本目標 …). */
	struct level_decl *levels; size_t nlevels;
	const char *level_names[LO_COUNT];
	enum rollup level_rollup[LO_COUNT];  /* the first declaration's */

	/* <tag>s, for the 「うち」 counts of tagged KPIs. */
	struct ktag { xmlNode *node; const char *id, *label; } *tags;
	size_t ntags;

	struct refseries *refseries; size_t nrefseries;
	struct department *depts; size_t ndepts;
	struct goal *goals;       size_t ngoals;
	struct heading *headings; size_t nheadings;
	struct kpi *kpis;         size_t nkpis;
	struct repost *reposts;   size_t nreposts;
	struct published *published; size_t npublished;
	struct selector *counts;  size_t ncounts;   /* narrative <count> */
	struct idref *refs;       size_t nrefs;     /* everything else that names an id */
	xmlNode **value_refs;     size_t nvalue_refs; /* narrative <value> */
	xmlNode **dates;          size_t ndates;     /* elements with a date to check */
	xmlNode **amounts;        size_t namounts;   /* grant amounts and populations: decimals */
	struct year *years;       size_t nyears;     /* other years to range-check */
	/* Narrative <year-counts>: from= and to=, ok 0 where not written. */
	struct year_counts { xmlNode *node; struct year from, to; } *year_counts;
	size_t nyear_counts;

	xmlNode *vision;             /* <vision>, or NULL; read by figures.c */

	struct idindex *index;       /* id lookups, built by model_build */
	struct arena *arena;
};

/* Builds the model from a document that passed the schema.  Never fails on
 * content: what does not parse is recorded for rules.c to report. */
void model_build(struct model *m, xmlDoc *doc);
void model_free(struct model *m);

/* Lookups by id in constant time; -1 if absent.  With duplicate ids (an
 * error reported by rules.c) the first definition wins. */
int model_find_kpi(const struct model *m, const char *id);
int model_find_goal(const struct model *m, const char *id);
int model_find_dept(const struct model *m, const char *id);
int model_find_heading(const struct model *m, const char *id);
int model_find_repost(const struct model *m, const char *id);
/* A scale by id, a grade of a scale by id, a state by id: index or -1. */
int model_find_scale(const struct model *m, const char *id);
int model_find_grade(const struct scale *s, const char *id);
/* The last grade of sc that counts as met, or NULL: where met ends. */
const struct grade *model_last_achieved(const struct scale *sc);
int model_find_state(const struct model *m, const char *id);
/* A rate-only source: its <evaluation> declares no scale (nor threshold=),
 * so KPIs get a rate and a state but no grade, and nothing counts as met. */
int model_rate_only(const struct model *m);
int model_find_tag(const struct model *m, const char *id, size_t len);
/* A reference series by id, -1; its value for a year with a figure, NULL. */
int model_find_refseries(const struct model *m, const char *id);
const struct value *model_refseries_value(const struct refseries *r, int year);

/* The series' value for a year, NULL if none. */
const struct value *model_series_value(const struct series *s, int year);

/* Names used in output. */
const char *model_direction_name(enum direction d);
const char *model_combine_name(enum combine c);
const char *vocab_status_name(enum vstatus s);
const char *model_level_name(enum level l);
/* The element a level names (goal, policy, direction, measure, project). */
const char *model_level_of_name(enum level_of l);

/*
 * vocab.c: the one vocabulary of values, shared by the loader, kpic import,
 * kpic update and kpic export.
 */

/* The document's word for a status: 実績, 未確定, 参考値, 未調査, —. */
const char *vocab_status_label(enum vstatus s);
/* A status by its name in the source (measured, provisional, reference,
 * not-surveyed, not-available) or its word in the document (実績, 未確定,
 * 参考値, 未調査, or a dash for not-available); 0, or -1 (NULL included). */
int vocab_status_parse(const char *s, enum vstatus *st);
/* Whether s is one of the dashes tables write for "no figure" (—, －, -, ―,
 * ‐, –, ー), which is not-available. */
int vocab_value_is_dash(const char *s);
/* The blanks at s (ASCII and U+3000): their length in bytes. */
size_t vocab_value_blank(const char *s);

/* A figure as a table writes it. */
struct figure {
	int has_num;
	kdec num;
	enum vstatus st;             /* measured; reference when in parentheses */
	char unit[64];               /* what follows the number ("人", "%", "千㎡"), "" if none */
	int man;                     /* written with 万/億: jfmt_parse_number's */
	int from, year;              /* for kpic import's "(H20-24) 1.51"; 0 otherwise */
};
/* One figure at the start of s: "16,474人", "19.50%", "141万5千人", "△3.3",
 * "▲3.3", "３２４０", "(1.64)" (参考値): the bytes read, or 0 when s does not
 * start with one. */
size_t vocab_figure_read(const char *s, struct figure *f);
/* A cell holding one figure or none: blank (not-surveyed), a dash
 * (not-available), "未確定 (313千㎡)" or "未確定 313千㎡" (provisional), or
 * one figure as vocab_figure_read reads it, blanks around it allowed.  0, or -1
 * when the cell is anything else. */
int vocab_figure_cell(const char *s, struct figure *f);

/* A fiscal year as a sheet names it: jfmt_parse_era_fy's forms ("令和5年度",
 * "R5", "H31/R1", "2023", "2023年度") or "FY2023".  The Gregorian year, or -1. */
int vocab_fiscal_year_parse(const char *s, size_t len);
/* The year as the document names it: "令和5年度 (FY2023)"; like snprintf. */
int vocab_fiscal_year_name(int fy, char *buf, size_t size);

#endif
