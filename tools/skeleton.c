/*
 * skeleton.c - the frame of a new source (see skeleton.h).
 */
#include "skeleton.h"
#include "i18n.h"
#include "xslt.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Templates are small: a bigger file is not one of kpic's. */
#define SKELETON_MAX (1024 * 1024)

int skeleton_read(const char *templates_dir, const char *name, struct buf *out, struct buf *err)
{
	char path[PATH_MAX];
	int where = xslt_template_file(templates_dir, name, path);
	if (where != 0) {
		xslt_template_error(templates_dir, name, where, err);
		return -1;
	}
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		buf_printf(err, "%s/%s: %s\n", templates_dir, name, strerror(errno));
		return -1;
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && out->len <= SKELETON_MAX)
		buf_put(out, chunk, n);
	int bad = ferror(f), big = out->len > SKELETON_MAX;
	fclose(f);
	if (bad || big)
		buf_printf(err, big ? _("%s/%s: larger than a template can be (1 MiB)\n") : _("%s/%s: read error\n"),
		           templates_dir, name);
	return bad || big ? -1 : 0;
}

static const struct skel_field *field_find(const struct skel_field *f, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(f[i].name) == len && !strncmp(f[i].name, name, len))
			return &f[i];
	return NULL;
}

void skeleton_met_sentence(struct buf *out, const char *phrase)
{
	if (phrase)
		buf_printf(out, "%sのKPIは<count met=\"yes\"/>件である。", phrase);
}

/* The length of the field name at p (after an '@'), when a closing '@'
 * follows it; 0 when p is no field. */
static size_t field_len(const char *p)
{
	size_t k = 0;
	while ((p[k] >= 'A' && p[k] <= 'Z') || p[k] == '_')
		k++;
	return k && p[k] == '@' ? k : 0;
}

static size_t line_of(const char *start, const char *p)
{
	size_t line = 1;
	for (; start < p; start++)
		line += *start == '\n';
	return line;
}

int skeleton_fill(const char *tmpl, const char *name, const struct skel_field *fields, size_t n,
                  struct buf *out, struct buf *err)
{
	for (const char *p = tmpl; *p;) {
		const char *at = strchr(p, '@');
		size_t k = at ? field_len(at + 1) : 0;
		if (at == NULL) {
			buf_puts(out, p);
			break;
		}
		buf_put(out, p, (size_t)(at - p));
		if (k == 0) {
			buf_putc(out, '@');
			p = at + 1;
			continue;
		}
		const struct skel_field *f = field_find(fields, n, at + 1, k);
		if (f == NULL) {
			buf_printf(err, _("%s:%zu: unknown field @%.*s@ in the template\n"), name, line_of(tmpl, at),
			           (int)k, at + 1);
			return -1;
		}
		if (f->xml)
			buf_puts(out, f->value);
		else
			buf_xml_str(out, f->value);
		p = at + k + 2;
	}
	return 0;
}

void skeleton_schema_href(const char *templates_dir, struct buf *out)
{
	char path[PATH_MAX];
	if (xslt_template_file(templates_dir, "kpic.rng", path) != 0)
		snprintf(path, sizeof path, "%s/kpic.rng", templates_dir);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		            strchr("/-._~", *p) != NULL;
		if (plain)
			buf_putc(out, (char)*p);
		else
			buf_printf(out, "%%%02X", *p);
	}
}

void skeleton_comment_text(struct buf *out, const char *s)
{
	for (; *s; s++)
		buf_putc(out, *s == '-' && (s[1] == '-' || s[1] == '\0') ? '_' : *s);
}

size_t skeleton_placeholders(const xmlNode *n)
{
	size_t count = 0;
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			count += !strcmp((const char *)n->name, "placeholder") ? 1 : skeleton_placeholders(n->children);
	return count;
}
