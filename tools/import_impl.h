/*
 * import_impl.h - what the parts of kpic import share: a name -> id table,
 * the writer of the source's XML (import_xml.c) and the reader of kpic
 * export's CSV (import_export_csv.c).
 */
#ifndef KPIC_IMPORT_IMPL_H
#define KPIC_IMPORT_IMPL_H

#include "buf.h"
#include "diag.h"
#include "import.h"
#include "model.h"
#include "sheet.h"

struct names { char **name, **id; size_t n; };
void import_names_add(struct names *ns, const char *name, const char *id);
const char *import_names_find(const struct names *ns, const char *name);
void import_names_free(struct names *ns);

/* The source written element by element: goals and headings as a stack of
 * open elements, each heading's id made from its parent's (g1-p2-d1-m3-j1). */
struct xw_level { int kind; char id[96]; int n[HK_COUNT]; };
struct xw {
	struct buf body;             /* the <goal> elements */
	struct names depts;          /* 担当課 name -> id, in order of first use */
	struct xw_level lv[1 + HK_COUNT];   /* [0] the goal, then policy, direction, measure, project */
	int nlv;
	int in_series;               /* inside a <series>: one level deeper */
	char heading_id[96];
};

struct meta_in {
	const char *municipality;    /* NULL: empty */
	int start, end, baseline;
	const char *as_of;
	const char *threshold;
	int provisional;
	const char *evaluation;      /* a whole <evaluation> element (kpic export's), or NULL */
	const char *met;             /* what met is in the narrative (XML); NULL: 達成率<threshold/>%以上 */
	const char *meta_more;       /* <text-columns>, <levels>, <tag>s after the evaluation (XML), or NULL */
	const char *references;      /* a whole <references> element, or NULL */
	int rate_only;               /* the evaluation has no scale nor threshold=: no met sentence */
};

/* A KPI's attributes beyond its judgement (NULL or "": none). */
struct kpi_more { const char *tags, *cumulative; };
/* A target's relative and revised forms (NULL or "": none). */
struct target_more { const char *relation, *reference, *initial, *revised_in; };

void import_xml_init(struct xw *w);
void import_xml_free(struct xw *w);
void import_xml_goal(struct xw *w, int number, const char *title);
/* Opens a heading (kind HK_*) at its level, closing what is at or under it;
 * the id it got. */
const char *import_xml_heading(struct xw *w, int kind, const char *title, const char *repost_of);
/* The same with the id given (NULL or "": made up as above). */
const char *import_xml_heading_id(struct xw *w, int kind, const char *id, const char *title);
/* Closes the open heading of kind, if any, and what is under it. */
void import_xml_heading_close(struct xw *w, int kind);
/* against, state: the KPI's rate-against= and state= (NULL or "": none). */
void import_xml_kpi_open(struct xw *w, const char *id, const char *dir, const char *combine, const char *rate_base,
                 const char *against, const char *state, const struct kpi_more *more, const char *name);
/* unit NULL: none; "": <unit/>, a number without unit */
void import_xml_unit(struct xw *w, const char *unit, const char *notation);
void import_xml_series_open(struct xw *w, const char *key, const char *label);
void import_xml_series_close(struct xw *w);
/* A baseline, value or target; num "" for no figure; from 0 if none. */
void import_xml_value(struct xw *w, const char *el, int year, int from, enum vstatus st, const char *num);
/* A target with its relation=, reference=, initial=, revised-in=. */
void import_xml_target(struct xw *w, int year, const char *num, const struct target_more *t);
/* A cumulative KPI's <span from= to=/>. */
void import_xml_span(struct xw *w, int from, int to);
/* The KPI's text in a free-text column: <text column=>. */
void import_xml_text(struct xw *w, const char *column, const char *text);
void import_xml_kpi_texts(struct xw *w, const char *survey, const char *publication, const char *method);
/* 担当課 names separated by 、 (ids made up), or with their ids (ids may be NULL). */
void import_xml_departments(struct xw *w, const char *names);
void import_xml_department(struct xw *w, const char *id, const char *name);
void import_xml_override(struct xw *w, int met, const char *reason);
/* A given grade: <grade scale= ref= [year=]/> (year 0: none). */
void import_xml_given_grade(struct xw *w, const char *scale, const char *ref, int year);
void import_xml_kpi_close(struct xw *w);
/* A 再掲 row: <repost [id=] kpi= [label=]/> (id, label NULL or empty: none). */
void import_xml_repost(struct xw *w, const char *id, const char *kpi, const char *label);
void import_xml_close_all(struct xw *w);
/* The whole source: the frame fr (skeleton.h) around the departments and
 * the goals; 0, or -1 with the reason in err (a field the frame names that
 * kpic does not give). */
int import_xml_document(struct xw *w, const struct meta_in *m, const char *path, const char *sheet,
                const struct import_frame *fr, struct buf *out, struct buf *err);

/* import_export_csv.c: kpic export's CSV. */
int import_is_export(const struct sheet *sh);
int import_export_csv(const struct sheet *sh, const struct import_frame *fr, struct diag_ctx *d, struct buf *out,
                      struct buf *err);

#endif
