/*
 * export.h - `kpic export`: the KPIs and their results as open data.
 *
 * One row per KPI series, with the same columns in CSV (RFC 4180, UTF-8 with
 * a byte order mark so that spreadsheet programs read it as UTF-8, CRLF line
 * ends) and JSON (an array of objects, one per row).  The columns are listed
 * in kpic(1) (kpic export); years get two columns each, fyYYYY (the figure
 * as a plain decimal, empty/null when there is none) and fyYYYY_status.
 */
#ifndef KPIC_EXPORT_H
#define KPIC_EXPORT_H

#include "buf.h"
#include "eval.h"
#include "model.h"
#include "sheet_write.h"

void export_csv(const struct model *m, const struct eval *e, struct buf *out);
void export_json(const struct model *m, const struct eval *e, struct buf *out);

/* actuals_template.c: the sheets of actuals to fill in for year, one (all
 * the KPIs) or one per 担当課 (by_dept; KPIs under their first 担当課, those
 * without one last), each with a file stem (the 担当課's id).  Returns how
 * many; free each sheet (sheet_write_free), stem, and both arrays. */
size_t actuals_template(const struct model *m, int year, int by_dept, struct wsheet **out, char ***stems);

#endif
