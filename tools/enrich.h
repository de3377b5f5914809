/*
 * enrich.h - the enriched XML: the source plus everything kpic computed.
 *
 * This is what the stylesheets read.  It is the source document, unchanged,
 * with results added in their own namespace (urn:x-kpic:result:1, prefix r):
 * r:result under each KPI (with r:n, its ordinal), r:text/r:era on each value, r:value on each
 * narrative <count> and <threshold>, r:text on <value>, <era> and <date>,
 * r:counts under each <count-table>, and r:summary under the root (with
 * r:columns, the year columns of the KPI tables).  Templates
 * therefore never compute or format a number themselves.
 */
#ifndef KPIC_ENRICH_H
#define KPIC_ENRICH_H

#include <libxml/tree.h>

#include "buf.h"
#include "eval.h"
#include "model.h"

#define KPIC_RESULT_NS "urn:x-kpic:result:1"

/* The enriched copy of doc, owned by the caller (xmlFreeDoc). */
xmlDoc *enrich_doc(const struct model *m, const struct eval *e, xmlDoc *doc);

/* Serializes the enriched copy of doc into out (UTF-8, indented). */
void enrich_xml(const struct model *m, const struct eval *e, xmlDoc *doc, struct buf *out);

#endif
