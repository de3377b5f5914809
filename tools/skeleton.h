/*
 * skeleton.h - the frame of a new source, shared by kpic init and kpic
 * import: templates/skeleton.xml (the XML declaration, the <?xml-model?>
 * association with kpic.rng, the meta and the document's sections) with its
 * @FIELD@s filled in, around a body of 担当課 and goals (kpic init's
 * examples, templates/init-goals.xml, or the KPIs kpic import read).
 *
 * A template names its fields as @NAME@ (capitals and '_'); a field of
 * text is written with XML escaping, a field of XML as it is.  A template
 * naming a field the caller does not give is refused, so that no @NAME@
 * is left in a source.
 */
#ifndef KPIC_SKELETON_H
#define KPIC_SKELETON_H

#include "buf.h"

#include <libxml/tree.h>

struct skel_field {
	const char *name;            /* without the @s */
	const char *value;
	int xml;                     /* 1: value is XML, written as it is; 0: text, escaped */
};

/* Reads the template `name` of templates_dir into out: 0, or -1 with the
 * reason in err. */
int skeleton_read(const char *templates_dir, const char *name, struct buf *out, struct buf *err);

/* Appends tmpl with each @NAME@ replaced by its field: 0, or -1 with the
 * reason in err (a field the template names that fields[0..n) lacks; what
 * precedes it has been appended). */
int skeleton_fill(const char *tmpl, const char *name, const struct skel_field *fields, size_t n,
                  struct buf *out, struct buf *err);

/* The href of the <?xml-model?> that associates a written source with the
 * schema of templates_dir: the canonical path of its kpic.rng, percent-
 * encoded as a URI reference (an editor resolves it against the source's own
 * file: URI).  For an installed kpic that is $(DATADIR)/templates/kpic.rng,
 * where `make install` puts it; for the build tree, the tree's templates/. */
void skeleton_schema_href(const char *templates_dir, struct buf *out);

/* The comment text "  Made by WHO from WHAT." with any "--" (which may not
 * occur in a comment) written "_-". */
void skeleton_comment_text(struct buf *out, const char *s);

/* The overview's sentence on met KPIs, 「PHRASEのKPIはN件である。」, with
 * <count met="yes"/> for N (phrase: XML, e.g. 達成率<threshold/>%以上); nothing
 * for a rate-only source (phrase NULL), which judges no KPI. */
void skeleton_met_sentence(struct buf *out, const char *phrase);

/* The <placeholder>s of the document (kpic check's draft-placeholder
 * warnings), which a new source has by design: its writers check it without
 * them and say how many are left instead. */
size_t skeleton_placeholders(const xmlNode *n);

#endif
