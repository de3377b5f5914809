/*
 * diff_out.h - `kpic diff` output: for people (terminal), for tools (JSON),
 * and for the 新旧対照表 stylesheet (XML).
 *
 * Text: a summary first (changes per kind, like `git diff --stat`, and the
 * KPI totals before and after), then the details grouped by goal: the
 * goal's counts at the threshold before → after where they changed, the
 * heading changes, each changed KPI with its path and its changes; then
 * grants and the narrative.  Values as the document prints them (H30,
 * 141万5千人, △3.3, 未確定 (…)).  Nothing at all when nothing changed.
 * Colour (ANSI) only when asked: the caller decides (a terminal, no
 * --no-color, no NO_COLOR).
 *
 * JSON: one object; keys that would be null are left out.
 *
 * XML, namespace urn:x-kpic:diff:1 (what the 新旧対照表 templates read):
 *
 *   <diff xmlns="urn:x-kpic:diff:1" generator="kpic X.Y.Z" changes="N">
 *     <source side="before|after" path="…" title="…" as-of="YYYY-MM-DD" threshold="80"/>  (twice)
 *       <level of="goal" name="政策パッケージ" short="…"/>     inside it, when the side declares <levels>
 *     <summary>
 *       <kind name="actual-revised" label="実績値の修正" count="1"/>     one per kind present
 *     </summary>
 *     <counts threshold-before="80" threshold-after="80" criterion-after="達成率80%以上">
 *       <scale id="abcd" name="…">                                       the after side's primary scale
 *         <grade id="a" symbol="A" label="…" achieved="yes|no"/>         in order
 *       </scale>
 *       <state id="ended" symbol="…" label="…" counted="yes|no"/>        the after side's states
 *       <total> <before …>…</before> <after …>…</after> </total>
 *       <goal id="g1" number="1" title="…" changed="yes|no">             every goal of either side
 *         <before all-met="10" all-not-met="8" goal-met="1" goal-not-met="0"
 *                 measure-met="9" measure-not-met="8">                   absent if the goal is new
 *           <grade ref="a" all="3" goal="1" measure="2"/>                 per grade of that side's scale
 *           <state ref="ended" all="1" goal="0" measure="1"/>             per state of that side
 *         </before>
 *         <after …>…</after>                                              absent if it was removed
 *       </goal>
 *     </counts>
 *     <group area="strategy|goal|grants|document" [goal="g1" number="1" title="…"]>
 *       <change kind="…" label="…" subject="strategy|department|goal|heading|kpi|repost|
 *                                          program|grant|section"
 *               [id="…"] [previous-id="…"] [name="…"] [number="…"]
 *               [field="…" field-label="…"] [series="…" series-label="…"]>
 *         <path>                                                          where the subject sits
 *           <step kind="goal|policy|direction|measure|program|section" id="…" title="…" [number="1"]/>
 *         </path>
 *         <before [raw="4"] [text="4社"] [status="measured"] [grade="a"] [year="2018" era="H30"]/>
 *         <after …/>                                                      each only if that side has one
 *         <note>…</note>
 *         <block op="changed|added|removed" kind="p" [before-position="3"] [after-position="3"]>
 *           <before><same>…</same><del>…</del><same>…</same></before>   section-changed: the text,
 *           <after><same>…</same><ins>…</ins><same>…</same></after>     changed middle marked
 *         </block>
 *       </change>
 *     </group>
 *   </diff>
 *
 * raw is what the source says (a number as written, an id, a status), text
 * what the document prints.  Groups and changes come in the order of the
 * text output; a goal group comes for each goal with changes or with
 * changed counts.
 */
#ifndef KPIC_DIFF_OUT_H
#define KPIC_DIFF_OUT_H

#include "buf.h"
#include "diff.h"

#define KPIC_DIFF_NS "urn:x-kpic:diff:1"

void diff_text(const struct diff *d, int color, struct buf *out);
void diff_json(const struct diff *d, struct buf *out);
void diff_xml(const struct diff *d, struct buf *out);

#endif
