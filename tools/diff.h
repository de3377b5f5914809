/*
 * diff.h - what changed between two versions of a strategy source.
 *
 * Each year the data changes (new actuals, revised past figures), and
 * between periods the strategy itself does (KPIs added, dropped, moved,
 * retargeted).  diff_run() compares two compiled units, both accepted by
 * `kpic check`, and yields a flat list of changes, each of one kind from the
 * table below, sorted in the order the renderers (diff_out.h) print them:
 * strategy-wide changes, then goal by goal (the goal, its headings, its KPIs
 * in document order), then grants, then the narrative.
 *
 * Everything is matched by id through hash tables, never pairwise, so the
 * cost is linear in the size of the sources (reordering is found with a
 * longest increasing subsequence, n log n).  A KPI whose id changed but
 * whose name and place (its measure, or its goal for a goal-level KPI) did
 * not is paired with its old self and reported once, as kpi-renamed.
 *
 * The comparison is of meaning, not of text: attribute order, whitespace
 * and comments never show, and each change is reported once, by the one
 * element it concerns (a moved measure's KPIs have not moved; an added KPI's
 * values are not also new actuals; a renamed 担当課 is one change, not one
 * per KPI).  Not compared: <decision> (never rendered), <published> (which
 * `kpic check` keeps equal to the computed counts: those are given per goal,
 * before and after), a 再掲 row's label and a measure's repost-of.
 *
 * A next period's draft (<status>draft</status>, written by `kpic draft`)
 * has no yearly values by design: a KPI of the old side whose every yearly
 * value is gone in a draft is one actuals-closed change (how many actuals,
 * which years), not one actual-removed per year, and its judgement, which a
 * draft cannot have yet (判定 —), is not an achievement-flipped: <history>
 * keeps it, reported as history-changed.  A goal's <viewpoint> and
 * <priority> (重点課題) are compared by their text (and number and goals).
 */
#ifndef KPIC_DIFF_H
#define KPIC_DIFF_H

#include <stddef.h>

#include "compile.h"

/* The kinds of change: id, stable name (JSON, XML), label (terminal). */
#define DIFF_KINDS(X) \
	X(DK_META_CHANGED,        "meta-changed",           "基本情報の変更") \
	X(DK_DEPT_ADDED,          "department-added",       "担当課の追加") \
	X(DK_DEPT_REMOVED,        "department-removed",     "担当課の削除") \
	X(DK_DEPT_RENAMED,        "department-renamed",     "担当課の名称変更") \
	X(DK_GOAL_ADDED,          "goal-added",             "基本目標の追加") \
	X(DK_GOAL_REMOVED,        "goal-removed",           "基本目標の削除") \
	X(DK_GOAL_RENAMED,        "goal-renamed",           "基本目標の名称変更") \
	X(DK_GOAL_REORDERED,      "goal-reordered",         "基本目標の順序変更") \
	X(DK_VIEWPOINT_ADDED,     "viewpoint-added",        "新たな視点の追加") \
	X(DK_VIEWPOINT_REMOVED,   "viewpoint-removed",      "新たな視点の削除") \
	X(DK_PRIORITY_ADDED,      "priority-added",         "重点課題の追加") \
	X(DK_PRIORITY_REMOVED,    "priority-removed",       "重点課題の削除") \
	X(DK_POLICY_ADDED,        "policy-added",           "基本方針の追加") \
	X(DK_POLICY_REMOVED,      "policy-removed",         "基本方針の削除") \
	X(DK_POLICY_RENAMED,      "policy-renamed",         "基本方針の名称変更") \
	X(DK_POLICY_REORDERED,    "policy-reordered",       "基本方針の順序変更") \
	X(DK_DIRECTION_ADDED,     "direction-added",        "基本的な方向性の追加") \
	X(DK_DIRECTION_REMOVED,   "direction-removed",      "基本的な方向性の削除") \
	X(DK_DIRECTION_RENAMED,   "direction-renamed",      "基本的な方向性の名称変更") \
	X(DK_DIRECTION_REORDERED, "direction-reordered",    "基本的な方向性の順序変更") \
	X(DK_MEASURE_ADDED,       "measure-added",          "具体的な施策の追加") \
	X(DK_MEASURE_REMOVED,     "measure-removed",        "具体的な施策の削除") \
	X(DK_MEASURE_RENAMED,     "measure-renamed",        "具体的な施策の名称変更") \
	X(DK_MEASURE_REORDERED,   "measure-reordered",      "具体的な施策の順序変更") \
	X(DK_PROJECT_ADDED,       "project-added",          "事業の追加") \
	X(DK_PROJECT_REMOVED,     "project-removed",        "事業の削除") \
	X(DK_PROJECT_RENAMED,     "project-renamed",        "事業の名称変更") \
	X(DK_PROJECT_REORDERED,   "project-reordered",      "事業の順序変更") \
	X(DK_KPI_ADDED,           "kpi-added",              "KPIの追加") \
	X(DK_KPI_REMOVED,         "kpi-removed",            "KPIの削除") \
	X(DK_KPI_RENAMED,         "kpi-renamed",            "KPIのid変更") \
	X(DK_KPI_NAME_CHANGED,    "kpi-name-changed",       "KPI名の変更") \
	X(DK_KPI_MOVED,           "kpi-moved",              "KPIの移動") \
	X(DK_KPI_REORDERED,       "kpi-reordered",          "KPIの順序変更") \
	X(DK_KPI_DEFINITION,      "kpi-definition-changed", "KPIの定義の変更") \
	X(DK_SERIES_ADDED,        "series-added",           "系列の追加") \
	X(DK_SERIES_REMOVED,      "series-removed",         "系列の削除") \
	X(DK_REPOST_ADDED,        "repost-added",           "再掲の追加") \
	X(DK_REPOST_REMOVED,      "repost-removed",         "再掲の削除") \
	X(DK_BASELINE_CHANGED,    "baseline-changed",       "基準値の変更") \
	X(DK_TARGET_CHANGED,      "target-changed",         "目標値の変更") \
	X(DK_ACTUAL_ADDED,        "actual-added",           "実績値の追加") \
	X(DK_ACTUAL_REVISED,      "actual-revised",         "実績値の修正") \
	X(DK_ACTUAL_REMOVED,      "actual-removed",         "実績値の削除") \
	X(DK_ACTUALS_CLOSED,      "actuals-closed",         "前期の実績値（素案）") \
	X(DK_STATUS_CHANGED,      "status-changed",         "値の状態の変更") \
	X(DK_ACHIEVEMENT_FLIPPED, "achievement-flipped",    "達成状況の変化") \
	X(DK_GRADE_CHANGED,       "grade-changed",          "評価の変化") \
	X(DK_RATE_CHANGED,        "rate-changed",           "達成率の変化") \
	X(DK_RESPONSIBLE_CHANGED, "responsible-changed",    "担当課の変更") \
	X(DK_SURVEY_CHANGED,      "survey-changed",         "基準日の変更") \
	X(DK_PUBLICATION_CHANGED, "publication-changed",    "結果公表日の変更") \
	X(DK_METHOD_CHANGED,      "method-changed",         "確認方法の変更") \
	X(DK_TEXT_CHANGED,        "text-changed",           "記述欄の変更") \
	X(DK_OVERRIDE_ADDED,      "override-added",         "判定の上書きの追加") \
	X(DK_OVERRIDE_REMOVED,    "override-removed",       "判定の上書きの削除") \
	X(DK_OVERRIDE_CHANGED,    "override-changed",       "判定の上書きの変更") \
	X(DK_HISTORY_CHANGED,     "history-changed",        "前期の結果の変更") \
	X(DK_REVIEW_CHANGED,      "review-changed",         "要見直しの変更") \
	X(DK_GRANT_ADDED,         "grant-added",            "交付金事業の追加") \
	X(DK_GRANT_REMOVED,       "grant-removed",          "交付金事業の削除") \
	X(DK_GRANT_CHANGED,       "grant-changed",          "交付金事業の変更") \
	X(DK_SECTION_ADDED,       "section-added",          "節の追加") \
	X(DK_SECTION_REMOVED,     "section-removed",        "節の削除") \
	X(DK_SECTION_REORDERED,   "section-reordered",      "節の順序変更") \
	X(DK_SECTION_CHANGED,     "section-changed",        "節の本文の変更")

enum diff_kind {
#define X(id, name, label) id,
	DIFF_KINDS(X)
#undef X
	DK__COUNT
};

const char *diff_kind_name(enum diff_kind k);
const char *diff_kind_label(enum diff_kind k);
/* The label with the level names of m (NULL: kpic's), in s if it differs. */
const char *diff_kind_label_in(const struct model *m, enum diff_kind k, char *s, size_t size);

/* Where a change belongs in the output. */
enum diff_area { DA_STRATEGY, DA_GOAL, DA_GRANTS, DA_DOCUMENT };

/* What a change is about. */
enum diff_subject { DS_STRATEGY, DS_DEPARTMENT, DS_GOAL, DS_HEADING, DS_KPI, DS_REPOST,
                    DS_PROGRAM, DS_GRANT, DS_SECTION };
const char *diff_subject_name(enum diff_subject s);

/* One side of a change.  raw is what the source says (a number as written,
 * an id, a status, a title), text what the document prints (4社,
 * 141万5千人, △3.3, H31. 4. 1); NULL when the side has nothing. */
struct diff_val {
	const char *raw;
	const char *text;
	const char *status;          /* values, baselines, targets: the status */
	int year;                    /* values, baselines, targets: the year; else 0 */
	const char *grade;           /* judgements: the primary scale's grade id or the state's */
};

/* A step of the path to a change's subject, outermost first:
 * goal, policy, direction, measure; program; enclosing sections. */
struct diff_step {
	const char *kind;            /* "goal", "policy", … "program", "section" */
	const char *id;
	const char *title;
	int number;                  /* goal number, else 0 */
};

/* A block (paragraph, list, table…) of a changed section.  Both texts are
 * rendered as the document prints them; prefix and suffix are the lengths in
 * bytes (at character boundaries) of what they have in common at either end,
 * so that the changed middle can be marked. */
enum diff_block_op { DB_CHANGED, DB_ADDED, DB_REMOVED };
struct diff_block {
	enum diff_block_op op;
	const char *kind;            /* element name: p, list, table, note… */
	int pos_before, pos_after;   /* 1-based among the section's blocks, 0 if absent */
	const char *before, *after;  /* NULL if absent */
	size_t prefix, suffix;
};

struct diff_change {
	enum diff_kind kind;
	enum diff_area area;
	int goal;                    /* DA_GOAL: index into diff.goals */
	enum diff_subject subject;
	const char *id;              /* the subject's id (the new one if it changed) */
	const char *prev_id;         /* kpi-renamed: the old id */
	const char *name;            /* KPI name, title, grant name, field owner… */
	int number;                  /* goals and grants: their number */
	const struct diff_step *path;
	size_t npath;
	const char *field;           /* which property, for kinds that cover several */
	const char *field_label;     /* its label when diff_field_label has none (a text column's name) */
	const char *series;          /* the series' key and label, NULL if implicit */
	const char *series_label;
	struct diff_val before, after;
	const char *note;
	const struct diff_block *blocks;   /* section-changed */
	size_t nblocks;
	/* ordering, private to diff.c */
	long order[3];
	size_t seq;
};

/* A goal of either side, in merged order: the per-goal counts before and
 * after come from the units' evaluations. */
struct diff_goal {
	int before, after;           /* goal indices, -1 if absent on that side */
};

struct diff {
	const struct unit *before, *after;
	struct diff_change *changes;
	size_t nchanges;
	struct diff_goal *goals;
	size_t ngoals;
	size_t count[DK__COUNT];     /* changes per kind */
	struct arena *pool;          /* every string and array the changes point to */
};

/* Compares two units that compiled without errors. */
void diff_run(struct diff *d, const struct unit *before, const struct unit *after);
void diff_free(struct diff *d);

/* The label of a field name (direction → 方向, expenditure → 決算額…). */
const char *diff_field_label(const char *field);

#endif
