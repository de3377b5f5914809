/*
 * layout_text.c - inline content to pango text, and the named text styles.
 *
 * A block's inline content (text, <b>, <sup>, <link>, <br>) becomes one UTF-8
 * string with a pango attribute list, so that pango breaks the whole block
 * into lines at once: Japanese line breaking (UAX #14 with kinsoku: no line
 * starts with 、。」ー or a small kana) comes from pango, never from us.
 * Nothing is justified: pango would put all the slack into the few ASCII
 * spaces of a Japanese line.
 *
 * Whitespace is collapsed as in HTML, since the layout document is indented
 * XML: a run of spaces and newlines becomes one space, and disappears when it
 * holds a newline between two Japanese characters (a source line break
 * inside a Japanese sentence is not a space).
 */
#include "layout_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Sizes in points.  Body text is 10.5 pt, the size of Japanese official
 * documents; table text never goes below 7 pt.  The leading is generous
 * because kanji are set solid, with no internal leading of their own. */
const struct lstyle_def layout_styles[LS_COUNT] = {
	[LS_BODY]       = { 10.5, 0, 1.75, 0, 8 },
	[LS_NOTE]       = { 9, 0, 1.6, 0, 4 },
	[LS_SMALL]      = { 8, 0, 1.5, 0, 4 },
	[LS_TITLE]      = { 20, 1, 1.4, 0, 14 },
	[LS_SUBTITLE]   = { 14, 0, 1.5, 0, 10 },
	[LS_H1]         = { 18, 1, 1.4, 0, 14 },
	[LS_H2]         = { 14, 1, 1.4, 18, 9 },
	[LS_H3]         = { 12, 1, 1.45, 12, 6 },
	[LS_H4]         = { 10.5, 1, 1.6, 8, 3 },
	[LS_CELL]       = { 9, 0, 1.35, 0, 0 },
	[LS_CELL_SMALL] = { 7.5, 0, 1.3, 0, 0 },
	[LS_CAPTION]    = { 9, 1, 1.4, 4, 4 },
	[LS_HEADER]     = { 8, 0, 1.2, 0, 0 },
	[LS_FOOTER]     = { 9, 0, 1.2, 0, 0 },
};

int layout_is_el(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, LAYOUT_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The value of an attribute without copying it: a stylesheet's output holds
 * attribute values as one text node. */
const char *layout_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children != NULL && a->children->content != NULL ?
			       (const char *)a->children->content : "";
	}
	return NULL;
}

/* The source line of a block: its own src, or its nearest ancestor's. */
int layout_src_of(const xmlNode *n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *s = layout_attr(n, "src");
		if (s != NULL)
			return atoi(s);
	}
	return 0;
}

void layout_rich_init(struct rich *r)
{
	memset(r, 0, sizeof *r);
	r->attrs = pango_attr_list_new();
}

void layout_rich_free(struct rich *r)
{
	buf_free(&r->text);
	if (r->attrs != NULL)
		pango_attr_list_unref(r->attrs);
	for (size_t i = 0; i < r->nlinks; i++)
		free(r->links[i].to);
	free(r->links);
	memset(r, 0, sizeof *r);
}

static uint32_t utf8_decode(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80 || (s[0] & 0xe0) == 0x80) {
		*len = 1;
		return s[0];
	}
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	uint32_t c = s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = i;
			return 0xfffd;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*len = n;
	return c;
}

static uint32_t last_char(const struct buf *b)
{
	size_t i = b->len, n;
	while (i > 0 && ((unsigned char)b->data[i - 1] & 0xc0) == 0x80)
		i--;
	return i > 0 ? utf8_decode((const unsigned char *)b->data + i - 1, &n) : 0;
}

/* Characters between which a source line break is no space: CJK, kana,
 * Japanese punctuation, fullwidth forms. */
static int is_wide(uint32_t c)
{
	return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xff00 && c <= 0xffef);
}

static void flush_space(struct rich *r, uint32_t next)
{
	if (r->pending == 0)
		return;
	uint32_t prev = last_char(&r->text);
	int newline_between_wide = r->pending == 2 && is_wide(prev) && is_wide(next);
	if (r->text.len > 0 && prev != '\n' && !newline_between_wide)
		buf_putc(&r->text, ' ');
	r->pending = 0;
}

void layout_rich_text(struct rich *r, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p != '\0') {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (r->pending == 0)
				r->pending = 1;
			if (*p == '\n')
				r->pending = 2;
			p++;
			continue;
		}
		size_t n;
		uint32_t c = utf8_decode(p, &n);
		flush_space(r, c);
		buf_put(&r->text, (const char *)p, n);
		p += n;
	}
}

/* The start of the character before byte at of t (at itself at the start). */
static size_t char_before(const struct buf *t, size_t at)
{
	if (at == 0)
		return 0;
	size_t i = at - 1;
	while (i > 0 && ((unsigned char)t->data[i] & 0xc0) == 0x80)
		i--;
	return i;
}

static void add_attr(struct rich *r, PangoAttribute *a, size_t start)
{
	a->start_index = (guint)start;
	a->end_index = (guint)r->text.len;
	pango_attr_list_insert(r->attrs, a);
}

static void add_link(struct engine *e, const xmlNode *n, struct rich *r, size_t start)
{
	const char *to = layout_attr(n, "to");
	if (to == NULL || !layout_has_id(e, to)) {
		layout_warn(e, layout_src_of(n), "layout-dangling-link",
		            "link to '%s', which no block of the document has as its id; drawn as plain text",
		      to ? to : "");
		return;
	}
	if (r->nlinks == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 4;
		r->links = xrealloc(r->links, r->cap * sizeof *r->links);
	}
	r->links[r->nlinks++] = (struct lspan){ (unsigned)start, (unsigned)r->text.len, xstrdup(to) };
	/* the dark blue of the charts: visible, but quiet in a printed page */
	add_attr(r, pango_attr_foreground_new(0x1f1f, 0x4e4e, 0x7979), start);
}

void layout_rich_inline(struct engine *e, const xmlNode *parent, struct rich *r)
{
	for (const xmlNode *c = parent->children; c != NULL; c = c->next) {
		size_t start = r->text.len;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			layout_rich_text(r, (const char *)c->content);
		} else if (c->type != XML_ELEMENT_NODE) {
			continue;   /* comments, processing instructions */
		} else if (layout_is_el(c, "b")) {
			layout_rich_inline(e, c, r);
			add_attr(r, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
		} else if (layout_is_el(c, "sup")) {
			layout_rich_inline(e, c, r);
			add_attr(r, pango_attr_baseline_shift_new(PANGO_BASELINE_SHIFT_SUPERSCRIPT), start);
			add_attr(r, pango_attr_font_scale_new(PANGO_FONT_SCALE_SUPERSCRIPT), start);
			/* a note mark (※1) stays with the character it marks: a line
			 * of nothing but small raised text would sit on the line above */
			add_attr(r, pango_attr_allow_breaks_new(FALSE), char_before(&r->text, start));
		} else if (layout_is_el(c, "link")) {
			layout_rich_inline(e, c, r);
			add_link(e, c, r, start);
		} else if (layout_is_el(c, "br")) {
			r->pending = 0;
			buf_putc(&r->text, '\n');
		} else {
			layout_fail(e, (xmlNode *)c, "<%s> is not inline content of the layout vocabulary",
			            (const char *)c->name);
		}
	}
}

static PangoFontDescription *style_font(const struct engine *e, enum lstyle st, int bold)
{
	PangoFontDescription *d = pango_font_description_new();
	pango_font_description_set_family(d, e->family);
	pango_font_description_set_size(d, (gint)lround(layout_styles[st].size * PANGO_SCALE));
	if (bold || layout_styles[st].bold)
		pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
	return d;
}

/* pango spaces baselines by line_spacing times the font's height (ascent +
 * descent); find the factor that gives each style its leading with the
 * chosen font. */
void layout_init_styles(struct engine *e)
{
	PangoLanguage *ja = pango_language_from_string("ja");
	for (int st = 0; st < LS_COUNT; st++) {
		PangoFontDescription *d = style_font(e, (enum lstyle)st, 0);
		PangoFontMetrics *m = pango_context_get_metrics(e->pctx, d, ja);
		double height = (double)pango_font_metrics_get_height(m) / PANGO_SCALE;
		if (height <= 0)
			height = layout_styles[st].size;
		e->fitfactor[st] = layout_styles[st].leading * layout_styles[st].size / height;
		pango_font_metrics_unref(m);
		pango_font_description_free(d);
	}
}

/*
 * A layout of the block's text in a style, `width` points wide (0: as wide
 * as the text).  nowrap keeps the text on one line (except at <br>); it
 * overflows rather than breaks, which the caller must detect.
 *
 * Note: pango 1.50 ignores an allow-breaks attribute whose end is the
 * default "to the end of the text" (G_MAXUINT), so the range is explicit.
 */
PangoLayout *layout_rich(struct engine *e, const struct rich *r, enum lstyle st, double width,
                         PangoAlignment align, int nowrap, int bold)
{
	PangoLayout *l = pango_layout_new(e->pctx);
	PangoFontDescription *d = style_font(e, st, bold);
	pango_layout_set_font_description(l, d);
	pango_font_description_free(d);
	pango_layout_set_text(l, buf_str((struct buf *)&r->text), (int)r->text.len);
	PangoAttrList *al = pango_attr_list_copy(r->attrs);
	if (al == NULL)
		al = pango_attr_list_new();
	if (nowrap) {
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = 0;
		a->end_index = (guint)r->text.len;
		pango_attr_list_insert(al, a);
	}
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_alignment(l, align);
	pango_layout_set_line_spacing(l, (float)e->fitfactor[st]);
	return l;
}

PangoLayout *layout_plain(struct engine *e, const char *text, enum lstyle st, double width,
                          PangoAlignment align)
{
	struct rich r;
	layout_rich_init(&r);
	layout_rich_text(&r, text);
	PangoLayout *l = layout_rich(e, &r, st, width, align, 0, 0);
	layout_rich_free(&r);
	return l;
}

/* The widest line's logical width (for a layout without a width: the text's
 * natural width). */
double layout_width(PangoLayout *l)
{
	PangoRectangle log;
	pango_layout_get_extents(l, NULL, &log);
	return (double)log.width / PANGO_SCALE;
}

double layout_height(PangoLayout *l)
{
	PangoRectangle log;
	pango_layout_get_extents(l, NULL, &log);
	return (double)log.height / PANGO_SCALE;
}

int layout_lines(PangoLayout *l)
{
	return pango_layout_get_line_count(l);
}

/* Line i's logical top and bottom and its baseline, in layout coordinates. */
void layout_line_range(PangoLayout *l, int i, double *top, double *bottom, double *baseline)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	for (int k = 0; k < i && pango_layout_iter_next_line(it); k++)
		;
	int y0, y1;
	pango_layout_iter_get_line_yrange(it, &y0, &y1);
	*top = (double)y0 / PANGO_SCALE;
	*bottom = (double)y1 / PANGO_SCALE;
	*baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
	pango_layout_iter_free(it);
}

/* layout_line_range() walks from the first line every time, so calling it for each
 * line is quadratic in the lines, and cubic for a cell that runs over many
 * pages; these two walk the layout once. */

/* Every line's logical top and bottom: room for layout_lines(l) in each. */
void layout_line_ranges(PangoLayout *l, double *top, double *bottom)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;
	do {
		int y0, y1;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		top[i] = (double)y0 / PANGO_SCALE;
		bottom[i] = (double)y1 / PANGO_SCALE;
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* The first line whose bottom is below y (its top in *top), or -1. */
int layout_line_below(PangoLayout *l, double y, double *top)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0, found = -1;
	do {
		int y0, y1;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if ((double)y1 / PANGO_SCALE > y) {
			*top = (double)y0 / PANGO_SCALE;
			found = i;
			break;
		}
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return found;
}

