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

void export_csv(const struct model *m, const struct eval *e, struct buf *out);
void export_json(const struct model *m, const struct eval *e, struct buf *out);

#endif
