/*
 * diag.c - the one emitter of diagnostics (see diag.h).
 *
 * Reports are collected, not printed, so that they come out sorted by file
 * position whatever order the passes ran in, and so that the same list can be
 * written as text, JSON or SARIF.
 */
#include "diag.h"
#include "i18n.h"
#include "jfmt.h"
#include "version.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	enum severity sev;
	const char *summary;
} rules[R__COUNT] = {
#define RULE(id, name, sev, desc) [id] = { name, sev, desc },
#include "rules.def"
#undef RULE
};

int diag_rule_by_name(const char *name)
{
	for (int r = 0; r < R__COUNT; r++)
		if (strcmp(rules[r].name, name) == 0)
			return r;
	return -1;
}

const char *diag_rule_name(enum rule r) { return rules[r].name; }
/* The summaries are extracted from rules.def by xgettext (--keyword=RULE:4). */
const char *diag_rule_summary(enum rule r) { return _(rules[r].summary); }
enum severity diag_rule_severity(enum rule r) { return rules[r].sev; }

void diag_init(struct diag_ctx *d)
{
	memset(d, 0, sizeof *d);
}

static void clear(struct diag_ctx *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->list[i].msg);
		for (size_t j = 0; j < d->list[i].nnotes; j++)
			free(d->list[i].notes[j].msg);
		free(d->list[i].notes);
	}
	d->n = 0;
}

void diag_free(struct diag_ctx *d)
{
	clear(d);
	free(d->list);
	d->list = NULL;
	d->cap = 0;
}

/* The one place messages are translated: callers pass English literals, which
 * xgettext finds as the format of diag_report and diag_note. */
static char *vformat(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vprintf(&b, gettext(fmt), ap);
	return b.data ? b.data : xstrdup("");
}

void diag_report(struct diag_ctx *d, enum rule r, const struct srcfile *src,
                 size_t offset, const char *fmt, ...)
{
	enum severity sev = rules[r].sev;
	d->last_kept = 0;
	if (sev == SEV_WARNING && d->disabled[r])
		return;
	if (sev == SEV_WARNING && (d->werror || d->as_error[r]))
		sev = SEV_ERROR;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->list = xrealloc(d->list, d->cap * sizeof *d->list);
	}
	struct diag *g = &d->list[d->n];
	memset(g, 0, sizeof *g);
	g->rule = r;
	g->sev = sev;
	g->src = src;
	g->offset = offset;
	g->seq = d->n;
	va_list ap;
	va_start(ap, fmt);
	g->msg = vformat(fmt, ap);
	va_end(ap);
	d->n++;
	d->last_kept = 1;
	if (sev == SEV_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
}

void diag_note(struct diag_ctx *d, const struct srcfile *src, size_t offset,
               const char *fmt, ...)
{
	if (!d->last_kept || d->n == 0)
		return;
	struct diag *g = &d->list[d->n - 1];
	g->notes = xrealloc(g->notes, (g->nnotes + 1) * sizeof *g->notes);
	struct diag_note *nt = &g->notes[g->nnotes++];
	nt->src = src;
	nt->offset = offset;
	va_list ap;
	va_start(ap, fmt);
	nt->msg = vformat(fmt, ap);
	va_end(ap);
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	const char *fa = a->src ? a->src->path : "", *fb = b->src ? b->src->path : "";
	int c = strcmp(fa, fb);
	if (c)
		return c;
	/* Whole-file reports (no offset) come first. */
	size_t oa = a->offset == SRC_NOWHERE ? 0 : a->offset + 1;
	size_t ob = b->offset == SRC_NOWHERE ? 0 : b->offset + 1;
	if (oa != ob)
		return oa < ob ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Not translated, in any format: editors, CI problem matchers and scripts
 * find diagnostics by "error:" and "warning:" in the text form, and by these
 * values in JSON and SARIF.  Only the messages are in the user's language. */
static const char *sev_word(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* Longest excerpt shown: a 10 MB one-line file must not be printed whole. */
#define EXCERPT_BYTES 160

/* Appends line[b, e) with tabs expanded to 8 columns; col counts the display
 * columns written so far. */
static void put_expanded(struct buf *b, const char *line, size_t from, size_t to, size_t *col)
{
	for (size_t i = from; i < to; i++) {
		if (line[i] == '\t') {
			do {
				buf_putc(b, ' ');
				++*col;
			} while (*col % 8);
			continue;
		}
		size_t n = 1;
		while (i + n < to && ((unsigned char)line[i + n] & 0xC0) == 0x80)
			n++;
		char ch[8] = { 0 };
		memcpy(ch, line + i, n < 8 ? n : 7);
		if (buf_put_visible(b, line + i, n, 0))
			*col += strlen("<U+0000>");
		else
			*col += jfmt_width(ch);
		i += n - 1;
	}
}

/* Moves an offset back to the start of its UTF-8 character. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* The source line and a caret under the column, placed by display width so
 * that it lands under the right kanji.  Long lines show a window around the
 * caret, cut with …. */
static void text_excerpt(struct buf *b, const struct srcfile *src, size_t off)
{
	unsigned line, col;
	srcmap_linecol(src, off, &line, &col);
	const char *start;
	size_t len;
	srcmap_line_text(src, off, &start, &len);
	size_t at = off - (size_t)(start - src->text);
	/* A NUL ends the excerpt: past it (a damaged file, UTF-16 read as
	 * bytes) the line is not text a reader could use.  Only the bytes
	 * the window may show are searched: a line can be the whole file. */
	size_t reach = len - at < EXCERPT_BYTES ? len - at : EXCERPT_BYTES;
	const char *nul = at < len ? memchr(start + at, '\0', reach) : NULL;
	if (nul && (size_t)(nul - start) >= at)
		len = (size_t)(nul - start);
	size_t from = 0, to = len;
	if (len > EXCERPT_BYTES) {
		from = at > EXCERPT_BYTES / 2 ? char_start(start, at - EXCERPT_BYTES / 2) : 0;
		to = from + EXCERPT_BYTES < len ? char_start(start, from + EXCERPT_BYTES) : len;
	}
	struct buf shown = BUF_INIT;
	size_t width = 0, caret;
	if (from > 0)
		put_expanded(&shown, "…", 0, strlen("…"), &width);
	put_expanded(&shown, start, from, at < to ? at : to, &width);
	caret = width;
	if (at < to)
		put_expanded(&shown, start, at, to, &width);
	if (to < len)
		buf_puts(&shown, "…");
	buf_printf(b, "%5u | %s\n      | ", line, buf_str(&shown));
	for (size_t w = 0; w < caret; w++)
		buf_putc(b, ' ');
	buf_puts(b, "^\n");
	buf_free(&shown);
}

static void text_line(struct buf *b, const struct srcfile *src, size_t off,
                      const char *sev, const char *msg, const char *rule)
{
	unsigned line = 0, col = 0;
	if (src)
		srcmap_linecol(src, off, &line, &col);
	if (src) {
		buf_put_visible(b, src->path, strlen(src->path), 0);
		if (line && src->sheet) {
			buf_putc(b, ':');
			buf_put_visible(b, src->sheet, strlen(src->sheet), 0);
			buf_printf(b, ":R%uC%u", line, col);
		} else if (line) {
			buf_printf(b, ":%u:%u", line, col);
		}
		buf_puts(b, ": ");
	} else {
		buf_puts(b, "kpic: ");
	}
	buf_printf(b, "%s: ", sev);
	buf_put_visible(b, msg, strlen(msg), 0);
	if (rule)
		buf_printf(b, " [%s]", rule);
	buf_putc(b, '\n');
	if (src && line && src->text)
		text_excerpt(b, src, off);
}

/* "2 errors and 1 warning generated.", each count with its own plural form. */
static void write_summary(const struct diag_ctx *d, struct buf *b)
{
	struct buf e = BUF_INIT, w = BUF_INIT;
	if (d->nerrors)
		buf_printf(&e, ngettext("%zu error", "%zu errors", d->nerrors), d->nerrors);
	if (d->nwarnings)
		buf_printf(&w, ngettext("%zu warning", "%zu warnings", d->nwarnings), d->nwarnings);
	if (d->nerrors && d->nwarnings)
		buf_printf(b, _("%s and %s generated.\n"), buf_str(&e), buf_str(&w));
	else if (d->nerrors || d->nwarnings)
		buf_printf(b, _("%s generated.\n"), d->nerrors ? buf_str(&e) : buf_str(&w));
	buf_free(&e);
	buf_free(&w);
}

static void write_text(struct diag_ctx *d, struct buf *b)
{
	for (size_t i = 0; i < d->n; i++) {
		struct diag *g = &d->list[i];
		text_line(b, g->src, g->offset, sev_word(g->sev), g->msg, rules[g->rule].name);
		for (size_t j = 0; j < g->nnotes; j++)
			text_line(b, g->notes[j].src, g->notes[j].offset, "note", g->notes[j].msg, NULL);
	}
	write_summary(d, b);
}

static void json_loc(struct buf *b, const struct srcfile *src, size_t off)
{
	unsigned line = 0, col = 0;
	if (src)
		srcmap_linecol(src, off, &line, &col);
	buf_puts(b, "\"file\": ");
	buf_json_str(b, src ? src->path : "");
	buf_printf(b, ", \"line\": %u, \"column\": %u", line, col);
}

static void write_json(struct diag_ctx *d, struct buf *b)
{
	buf_puts(b, "{\n  \"diagnostics\": [");
	for (size_t i = 0; i < d->n; i++) {
		struct diag *g = &d->list[i];
		buf_puts(b, i ? ",\n    {" : "\n    {");
		json_loc(b, g->src, g->offset);
		buf_printf(b, ", \"severity\": \"%s\", \"rule\": \"%s\", \"message\": ",
		           sev_word(g->sev), rules[g->rule].name);
		buf_json_str(b, g->msg);
		buf_puts(b, ", \"notes\": [");
		for (size_t j = 0; j < g->nnotes; j++) {
			buf_puts(b, j ? ", {" : "{");
			json_loc(b, g->notes[j].src, g->notes[j].offset);
			buf_puts(b, ", \"message\": ");
			buf_json_str(b, g->notes[j].msg);
			buf_putc(b, '}');
		}
		buf_puts(b, "]}");
	}
	buf_printf(b, "%s],\n  \"errors\": %zu,\n  \"warnings\": %zu\n}\n",
	           d->n ? "\n  " : "", d->nerrors, d->nwarnings);
}

/* A SARIF location object, with a message for related locations. */
static void sarif_loc(struct buf *b, const struct srcfile *src, size_t off, const char *msg)
{
	unsigned line = 0, col = 0;
	if (src)
		srcmap_linecol(src, off, &line, &col);
	buf_puts(b, "{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	buf_json_str(b, src ? src->path : "");
	buf_putc(b, '}');
	if (line)
		buf_printf(b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}", line, col);
	buf_putc(b, '}');
	if (msg) {
		buf_puts(b, ", \"message\": {\"text\": ");
		buf_json_str(b, msg);
		buf_putc(b, '}');
	}
	buf_putc(b, '}');
}

static void write_sarif(struct diag_ctx *d, struct buf *b)
{
	buf_puts(b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	            "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	            "    \"tool\": {\"driver\": {\"name\": \"kpic\", \"version\": \"" KPIC_VERSION "\",\n"
	            "      \"rules\": [");
	for (int r = 0; r < R__COUNT; r++) {
		buf_printf(b, "%s\n        {\"id\": \"%s\", \"shortDescription\": {\"text\": ",
		           r ? "," : "", rules[r].name);
		buf_json_str(b, diag_rule_summary((enum rule)r));
		buf_printf(b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}", sev_word(rules[r].sev));
	}
	buf_puts(b, "]}},\n");
	/* The messages' language when they are translated (SARIF's default is en-US). */
	char lang[32];
	i18n_language(lang, sizeof lang);
	if (*lang) {
		buf_puts(b, "    \"language\": ");
		buf_json_str(b, lang);
		buf_puts(b, ",\n");
	}
	buf_puts(b, "    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [");
	for (size_t i = 0; i < d->n; i++) {
		struct diag *g = &d->list[i];
		buf_printf(b, "%s\n      {\"ruleId\": \"%s\", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ",
		           i ? "," : "", rules[g->rule].name, (int)g->rule, sev_word(g->sev));
		buf_json_str(b, g->msg);
		buf_puts(b, "}, \"locations\": [");
		sarif_loc(b, g->src, g->offset, NULL);
		buf_puts(b, "]");
		if (g->nnotes) {
			buf_puts(b, ", \"relatedLocations\": [");
			for (size_t j = 0; j < g->nnotes; j++) {
				buf_puts(b, j ? ", " : "");
				sarif_loc(b, g->notes[j].src, g->notes[j].offset, g->notes[j].msg);
			}
			buf_puts(b, "]");
		}
		buf_puts(b, "}");
	}
	buf_puts(b, d->n ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
}

void diag_flush(struct diag_ctx *d, FILE *out)
{
	struct buf b = BUF_INIT;
	if (d->n)
		qsort(d->list, d->n, sizeof *d->list, cmp_diag);
	if (d->format == DIAG_JSON)
		write_json(d, &b);
	else if (d->format == DIAG_SARIF)
		write_sarif(d, &b);
	else
		write_text(d, &b);
	fputs(buf_str(&b), out);
	fflush(out);
	buf_free(&b);
	clear(d);
}
