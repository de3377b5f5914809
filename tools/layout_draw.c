/*
 * layout_draw.c - placed pages drawn on cairo's PDF surface (see layout_int.h).
 *
 * Everything was decided by the layout; this file only turns items into
 * cairo calls, in order.  The PDF is written to memory, and the caller
 * writes the file atomically.
 *
 * What cairo 1.16 cannot write: the catalog's /Lang, and a structure
 * element's /Alt or /Scope (attributes of structure tags are ignored), nor
 * an annotation's /Contents, nor mark anything as an artifact.  Those
 * texts go, in the order the tags are drawn, into struct layout_tags, and
 * what is not content (item.artifact: fills, rules, running headers and
 * footers, repeated table heads) into a second, untagged PDF there, a
 * page per layer; pdf_ua.c writes both into the PDF after cairo.  Without
 * a layout_tags (tools/dev/layout_run.c) everything is drawn as before.
 *
 * Reproducibility: cairo 1.16 writes no /ID and takes the creation date
 * from CREATE_DATE when it is set, so two runs with the same
 * creation_time give the same bytes.  Font subsets are named from a hash
 * of their glyphs, not at random.
 */
#include "chart_cairo.h"
#include "i18n.h"
#include "layout_int.h"

#include <cairo-pdf.h>
#include <string.h>
#include <time.h>

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void set_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* Lines [line0, line1) of the item's layout, each at its baseline: a
 * paragraph broken across pages draws part of its lines on each. */
static void draw_text(cairo_t *cr, const struct item *it)
{
	PangoLayoutIter *li = pango_layout_get_iter(it->layout);
	int i = 0;
	set_rgb(cr, it->rgb);
	do {
		if (i >= it->line0) {
			PangoRectangle log;
			pango_layout_iter_get_line_extents(li, NULL, &log);
			double base = (double)pango_layout_iter_get_baseline(li) / PANGO_SCALE;
			cairo_move_to(cr, it->ox + (double)log.x / PANGO_SCALE, it->oy + base);
			pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(li));
		}
		i++;
	} while (i < it->line1 && pango_layout_iter_next_line(li));
	pango_layout_iter_free(li);
}

static void draw_rules(cairo_t *cr, const struct item *it)
{
	set_rgb(cr, it->rgb);
	cairo_set_line_width(cr, it->lw);
	for (size_t i = 0; i < it->nsegs; i++) {
		const double *s = it->segs + 4 * i;
		cairo_move_to(cr, s[0], s[1]);
		cairo_line_to(cr, s[2], s[3]);
	}
	cairo_stroke(cr);
}

/* A leader of dots 3 pt apart on a grid from the page's edge, so that the
 * dots of the lines of a table of contents stand in columns.  The dots are
 * one dashed line whose dashes have no length and round caps (a dot of
 * 1 pt), not a circle each: one operation for cairo, a few bytes in the
 * page instead of four curves per dot. */
static void draw_dots(cairo_t *cr, const struct item *it)
{
	static const double step = 3, dash[] = { 0, 3 };
	double x0 = ((long)(it->x / step) + 1) * step, last = x0;
	if (x0 > it->x + it->w)
		return;
	for (double x = x0; x <= it->x + it->w; x += step)
		last = x;
	cairo_save(cr);
	set_rgb(cr, it->rgb);
	cairo_set_line_width(cr, 1);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, x0, it->y - 0.6);
	/* past the last dot by less than a gap, so that it is drawn */
	cairo_line_to(cr, last + step / 4, it->y - 0.6);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void strs_push(struct layout_strs *s, const char *v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = xstrdup(v ? v : "");
}

/* The texts of a structure tag's opening, for pdf_ua.c. */
static void note_tag(struct layout_tags *tags, const struct item *it)
{
	if (tags == NULL)
		return;
	if (strcmp(it->str, "Figure") == 0)
		strs_push(&tags->alt, it->text);
	else if (strcmp(it->str, "TH") == 0)
		strs_push(&tags->scope, it->text);
}

static void draw_link(cairo_t *cr, const struct item *it, struct layout_tags *tags)
{
	if (it->str == NULL || it->nrects == 0)
		return;   /* a table of contents entry whose heading was never placed */
	if (tags != NULL)
		strs_push(&tags->link, it->text);
	struct buf a = BUF_INIT;
	buf_puts(&a, it->str);
	buf_puts(&a, " rect=[");
	for (size_t i = 0; i < 4 * it->nrects; i++) {
		if (i > 0)
			buf_putc(&a, ' ');
		buf_num(&a, it->rects[i]);
	}
	buf_putc(&a, ']');
	cairo_tag_begin(cr, CAIRO_TAG_LINK, buf_str(&a));
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	buf_free(&a);
}

static void draw_dest(cairo_t *cr, const struct item *it)
{
	struct buf a = BUF_INIT;
	buf_puts(&a, "name='");
	for (const char *s = it->str; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(&a, '\\');
		buf_putc(&a, *s);
	}
	buf_puts(&a, "' x=");
	buf_num(&a, it->x);
	buf_puts(&a, " y=");
	buf_num(&a, it->y);
	cairo_tag_begin(cr, CAIRO_TAG_DEST, buf_str(&a));
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	buf_free(&a);
}

/* Bookmarks nest by level: a level-3 heading goes under the last level-2
 * one, or under the root if there was none. */
static void draw_outline(cairo_surface_t *s, const struct item *it, int page, int parents[5])
{
	int level = it->num < 2 ? 2 : it->num > 4 ? 4 : it->num;
	int parent = CAIRO_PDF_OUTLINE_ROOT;
	for (int l = level - 1; l >= 2; l--) {
		if (parents[l] >= 0) {
			parent = parents[l];
			break;
		}
	}
	struct buf a = BUF_INIT;
	buf_printf(&a, "page=%d pos=[", page);
	buf_num(&a, it->x);
	buf_putc(&a, ' ');
	buf_num(&a, it->y);
	buf_putc(&a, ']');
	parents[level] = cairo_pdf_surface_add_outline(s, parent, it->str ? it->str : "", buf_str(&a),
	                                               level == 2 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	for (int l = level + 1; l <= 4; l++)
		parents[l] = -1;
	buf_free(&a);
}

static void draw_chart(cairo_t *cr, const struct item *it, struct chart_text *ct)
{
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	cairo_scale(cr, it->scale, it->scale);
	chart_cairo(cr, it->chart, ct);
	cairo_restore(cr);
}

static void draw_item(cairo_t *cr, const struct item *it, struct chart_text *ct, struct layout_tags *tags)
{
	switch (it->kind) {
	case IT_TEXT:
		draw_text(cr, it);
		break;
	case IT_FILL:
		set_rgb(cr, it->rgb);
		cairo_rectangle(cr, it->x, it->y, it->w, it->h);
		cairo_fill(cr);
		break;
	case IT_STROKE:
		set_rgb(cr, it->rgb);
		cairo_set_line_width(cr, it->lw);
		cairo_move_to(cr, it->x, it->y);
		cairo_line_to(cr, it->x + it->w, it->y + it->h);
		cairo_stroke(cr);
		break;
	case IT_RULES:
		draw_rules(cr, it);
		break;
	case IT_DOTS:
		draw_dots(cr, it);
		break;
	case IT_CHART:
		draw_chart(cr, it, ct);
		break;
	case IT_TAG_BEGIN:
		note_tag(tags, it);
		cairo_tag_begin(cr, it->str, "");
		break;
	case IT_TAG_END:
		cairo_tag_end(cr, it->str);
		break;
	case IT_DEST:
		draw_dest(cr, it);
		break;
	case IT_LINK:
		draw_link(cr, it, tags);
		break;
	case IT_OUTLINE:
	case IT_TOCREF:
		break;   /* outlines are added by the page loop; TOCREFs were resolved */
	}
}

/* cairo wants ISO 8601 with a time zone: "2019-04-01T00:00:00Z". */
static void set_date(cairo_surface_t *s, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char date[32];
	if (t < 0 || gmtime_r(&tt, &tm) == NULL || strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static void set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *v)
{
	if (v != NULL && *v != '\0')
		cairo_pdf_surface_set_metadata(s, key, v);
}

/* cairo does its work for a page when the page ends: it replays the
 * recorded drawing through an analysis pass and writes the content stream.
 * That is timed apart from kpic's own calls, and the last page is ended
 * here too (no blank page follows) so that finishing the surface is only
 * the fonts. */
static void end_page(cairo_t *cr, struct timing *t, double *t0)
{
	timing_add(t, T_DRAW, *t0);
	double t1 = timing_now();
	cairo_show_page(cr);
	timing_add(t, T_PAGES, t1);
	*t0 = timing_now();
}

/* Which items a surface gets: all of them (no PDF/UA pass follows), all
 * but the artifacts, or only the artifacts (an untagged PDF of their own). */
enum draw_only { DRAW_ALL, DRAW_CONTENT, DRAW_ARTIFACTS };

static void draw_pages(cairo_t *cr, cairo_surface_t *s, const struct pages *p, struct chart_text *ct,
                       struct timing *t, struct layout_tags *tags, enum draw_only only)
{
	int parents[5] = { -1, -1, -1, -1, -1 };
	double t0 = timing_now();
	cairo_tag_begin(cr, "Document", "");
	for (size_t i = 0; i < p->n; i++) {
		const struct page *pg = &p->pg[i];
		if (i > 0) {
			end_page(cr, t, &t0);
			cairo_pdf_surface_set_size(s, pg->w, pg->h);
		}
		for (size_t k = 0; k < pg->n; k++) {
			if (only == DRAW_CONTENT && pg->items[k].artifact != ART_NONE)
				continue;
			if (pg->items[k].kind == IT_OUTLINE)
				draw_outline(s, &pg->items[k], (int)i + 1, parents);
			else
				draw_item(cr, &pg->items[k], ct, tags);
		}
	}
	cairo_tag_end(cr, "Document");
	end_page(cr, t, &t0);
}

/* ART_LAYERS pages per page, one per layer, untagged; tags->layers notes
 * which have anything on them. */
static void draw_artifact_pages(cairo_t *cr, cairo_surface_t *s, const struct pages *p, struct chart_text *ct,
                                struct timing *t, struct layout_tags *tags)
{
	double t0 = timing_now();
	tags->layers = xcalloc(p->n ? p->n : 1, 1);
	tags->nlayers = p->n;
	for (size_t i = 0; i < p->n; i++) {
		const struct page *pg = &p->pg[i];
		for (int layer = 1; layer <= ART_LAYERS; layer++) {
			if (i > 0 || layer > 1) {
				end_page(cr, t, &t0);
				cairo_pdf_surface_set_size(s, pg->w, pg->h);
			}
			for (size_t k = 0; k < pg->n; k++) {
				if (pg->items[k].artifact != (enum art_layer)layer)
					continue;
				draw_item(cr, &pg->items[k], ct, NULL);
				tags->layers[i] |= (unsigned char)(1u << layer);
			}
		}
	}
	end_page(cr, t, &t0);
}

static int draw_surface(const struct pages *p, const struct pdf_meta *m, PangoContext *pctx,
                        const char *family, struct timing *t, struct layout_tags *tags,
                        enum draw_only only, struct buf *out, struct buf *err)
{
	size_t start = out->len;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append, out, p->pg[0].w, p->pg[0].h);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_meta(s, CAIRO_PDF_METADATA_TITLE, m->title);
	set_meta(s, CAIRO_PDF_METADATA_AUTHOR, m->author);
	set_meta(s, CAIRO_PDF_METADATA_SUBJECT, m->subject);
	set_meta(s, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
	set_meta(s, CAIRO_PDF_METADATA_CREATOR, m->creator);
	set_date(s, m->creation_time);
	cairo_t *cr = cairo_create(s);
	struct chart_text ct;
	chart_text_init(&ct, pctx, family);
	if (only == DRAW_ARTIFACTS)
		draw_artifact_pages(cr, s, p, &ct, t, tags);
	else
		draw_pages(cr, s, p, &ct, t, tags, only);
	chart_text_free(&ct);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	double t0 = timing_now();
	cairo_surface_finish(s);
	timing_add(t, T_FONTS, t0);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, _("cairo could not write the PDF: %s\n"), cairo_status_to_string(st));
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		return -1;
	}
	return 0;
}

int layout_draw_pdf(const struct pages *p, const struct pdf_meta *m, PangoContext *pctx,
                    const char *family, struct timing *t, struct layout_tags *tags, struct buf *out,
             struct buf *err)
{
	if (tags == NULL)
		return draw_surface(p, m, pctx, family, t, NULL, DRAW_ALL, out, err);
	if (draw_surface(p, m, pctx, family, t, tags, DRAW_CONTENT, out, err) != 0)
		return -1;
	return draw_surface(p, m, pctx, family, t, tags, DRAW_ARTIFACTS, &tags->artifacts, err);
}
