/*
 * import.h - `kpic import`: a strategy source from a spreadsheet.
 *
 * Two layouts are read (the first by its header row):
 *  - the CSV `kpic export --format=csv` writes (a header row starting with
 *    goal,goal_title,level,…): one row per KPI series, rebuilt into the same
 *    goals, headings, KPIs, values, 担当課 and settings;
 *  - the KPI table as the verification document prints it (the seed's
 *    columns 基本目標, 基本方針, 基本的な方向性, 具体的な施策, KPI 項目,
 *    基準値(H26), H27年(度)…, 目標値(H31), 基準日, 結果公表日, 確認方法,
 *    担当課, optionally 方向), with the header on one or two rows, cells
 *    written as people write them (16,474人, 141万5千人, △3.3, —, (1.64),
 *    未確定 (313千㎡), 4社 1社), merged or blank cells continuing the
 *    hierarchy, and (再掲) rows.
 * Every cell that cannot be read is a diagnostic at its sheet position; the
 * caller checks the resulting text as a source before writing anything.
 */
#ifndef KPIC_IMPORT_H
#define KPIC_IMPORT_H

#include "buf.h"
#include "diag.h"
#include "sheet.h"

/* What the imported KPIs are written into, as kpic init's examples are
 * (skeleton.h): the text of templates/skeleton.xml and the href of its
 * <?xml-model?>. */
struct import_frame {
	const char *skeleton;
	const char *schema_href;
};

/* Reads path (--sheet=name, or NULL) and writes the source's text to out,
 * in the frame fr.  Returns 0, 1 after diagnostics of its cells, or 2 after
 * diagnostics when the sheet cannot be read at all (missing, not UTF-8, a
 * corrupt archive, over the limits: kpic update's code for the same), or
 * with the reason in err when the frame names a field kpic does not fill;
 * *sh holds the sheet the diagnostics point into: sheet_free() it after
 * they are flushed. */
int import_sheet(const char *path, const char *name, const struct import_frame *fr, struct diag_ctx *d,
                 struct sheet *sh, struct buf *out, struct buf *err);

#endif
