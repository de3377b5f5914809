/*
 * report.h - the evaluation as people read it (text) and as tools read it (JSON).
 */
#ifndef KPIC_REPORT_H
#define KPIC_REPORT_H

#include "buf.h"
#include "eval.h"
#include "model.h"

/* Summary tables for a terminal: counts per goal and level, per 担当課, each
 * KPI's judgement, and the overrides.  Aligned by display width. */
void report_text(const struct model *m, const struct eval *e, struct buf *out);
/* Every KPI's result and every aggregate, as one JSON object. */
void report_json(const struct model *m, const struct eval *e, struct buf *out);

/* A value as the document writes it: 141万5千人, △3.3, (1.64), 未確定 (313千㎡), —,
 * and one that covers several years (from=) with its span: (H20-24) 1.51. */
void report_value(const struct series *s, const struct value *v, struct buf *out);

/* The narrative's inline references as the document writes them: <threshold/>
 * 80%, <value kpi=… year=…/> 16,474人 (report_value's form, its unit included).
 * A % or unit the source already writes right after the element is not
 * repeated: <threshold/>% and <value …/>人 print 80% and 16,474人 too. */
void report_threshold(const struct model *m, const xmlNode *n, struct buf *out);
void report_value_ref(const struct model *m, const xmlNode *n, struct buf *out);

#endif
