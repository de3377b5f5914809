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
/* A scale's grades and the model's states as report_json writes them (kpic
 * diff's too): arrays of {"id", "symbol", "label", "achieved"} and of {"id",
 * "symbol", "label", "counted"}. */
void report_json_grades(struct buf *b, const struct scale *sc);
void report_json_states(struct buf *b, const struct model *m);
/* One tally3 as report_json writes it: {"all": {"met", "not_met", "total",
 * "grades": {id: n} of m's primary scale, "states": {id: n}, "uncounted"},
 * "goal": {…}, "measure": {…}} (kpic diff's counts too). */
void report_json_tally3(struct buf *b, const struct model *m, const struct tally3 *t);

#endif
