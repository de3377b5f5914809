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

#endif
