/*
 * valtext.h - a KPI value, the threshold and the narrative's value references
 * as the document writes them; shared by enrich, figures, the diff and `kpic eval`.
 */
#ifndef KPIC_VALTEXT_H
#define KPIC_VALTEXT_H

#include "buf.h"
#include "model.h"

/* A value as the document writes it: 141万5千人, △3.3, (1.64), 未確定 (313千㎡), —,
 * and one that covers several years (from=) with its span: (H20-24) 1.51. */
void valtext_value(const struct series *s, const struct value *v, struct buf *out);

/* The narrative's inline references as the document writes them: <threshold/>
 * 80%, <value kpi=… year=…/> 16,474人 (valtext_value's form, its unit included).
 * A % or unit the source already writes right after the element is not
 * repeated: <threshold/>% and <value …/>人 print 80% and 16,474人 too. */
void valtext_threshold(const struct model *m, const xmlNode *n, struct buf *out);
/* The labels of the primary scale's achieved grades and of the others,
 * each joined with ・ (80%以上 / 80%未満; 目標値以上・目標値と同等 / …),
 * appended to met and unmet; 達成 / 未達 without a scale. */
void valtext_met_labels(const struct model *m, struct buf *met, struct buf *unmet);
/* The mark of a KPI: its grade's symbol in the primary scale, its state's,
 * or 達成 / 未達 without a scale. */
const char *valtext_mark(const struct model *m, int grade, int state, int met);
void valtext_ref(const struct model *m, const xmlNode *n, struct buf *out);

#endif
