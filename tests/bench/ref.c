/*
 * ref.c - the floor kpic's PDF is compared with: a bare pango + cairo
 * program, no kpic code, that sets the same text and tables (flatten.py's
 * lines, from kpic's own layout document) in the same font (IPAexGothic)
 * on A4 pages: headings, justified paragraphs, ruled tables broken between
 * rows, a framed plot per figure.  It does what any PDF maker must do
 * (load and subset the font, shape and break every line, draw) and nothing
 * more: no checks, no XSLT, no table of contents, links or tags.
 *
 * Usage: ref FLAT.txt OUT.pdf
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 56.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define FONT "IPAexGothic"

struct doc {
	cairo_t *cr;
	PangoContext *pctx;
	double y;
	int page;
};

static void new_page(struct doc *d)
{
	if (d->page > 0)
		cairo_show_page(d->cr);
	d->page++;
	d->y = MARGIN;
}

static PangoLayout *make_layout(struct doc *d, const char *text, double size, int bold, double width)
{
	PangoLayout *l = pango_layout_new(d->pctx);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double layout_h(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* A block of text, moved to the next page when it does not fit. */
static void text_block(struct doc *d, const char *text, double size, int bold, double before)
{
	PangoLayout *l = make_layout(d, text, size, bold, TEXT_W);
	pango_layout_set_justify(l, !bold);
	double h = layout_h(l);
	if (d->y + before + h > PAGE_H - MARGIN)
		new_page(d);
	d->y += before;
	cairo_move_to(d->cr, MARGIN, d->y);
	pango_cairo_show_layout(d->cr, l);
	d->y += h + 4;
	g_object_unref(l);
}

static double widths[64];
static int ncols;

static void table_start(char *spec)
{
	double sum = 0;
	ncols = 0;
	for (char *t = strtok(spec, ","); t && ncols < 64; t = strtok(NULL, ","))
		sum += widths[ncols++] = atof(t) > 0 ? atof(t) : 1;
	for (int i = 0; i < ncols; i++)
		widths[i] = widths[i] / sum * TEXT_W;
}

static void table_row(struct doc *d, char *cells)
{
	PangoLayout *l[64];
	double h = 0, x = MARGIN;
	int n = 0;
	for (char *c = cells; c && n < ncols; n++) {
		char *tab = strchr(c, '\t');
		if (tab)
			*tab = '\0';
		l[n] = make_layout(d, c, 7.5, 0, widths[n] - 6);
		double lh = layout_h(l[n]);
		if (lh > h)
			h = lh;
		c = tab ? tab + 1 : NULL;
	}
	h += 4;
	if (d->y + h > PAGE_H - MARGIN)
		new_page(d);
	cairo_set_line_width(d->cr, 0.5);
	for (int i = 0; i < n; i++) {
		cairo_rectangle(d->cr, x, d->y, widths[i], h);
		cairo_stroke(d->cr);
		cairo_move_to(d->cr, x + 3, d->y + 2);
		pango_cairo_show_layout(d->cr, l[i]);
		x += widths[i];
		g_object_unref(l[i]);
	}
	d->y += h;
}

static void figure(struct doc *d, const char *caption)
{
	const double w = TEXT_W / 2, h = 120;
	if (d->y + h + 20 > PAGE_H - MARGIN)
		new_page(d);
	cairo_set_line_width(d->cr, 0.5);
	cairo_rectangle(d->cr, MARGIN, d->y, w, h);
	cairo_stroke(d->cr);
	cairo_move_to(d->cr, MARGIN + 10, d->y + h - 20);
	for (int i = 1; i <= 5; i++)
		cairo_line_to(d->cr, MARGIN + 10 + i * (w - 20) / 5, d->y + h - 20 - (i * 37 % 80));
	cairo_stroke(d->cr);
	d->y += h + 2;
	text_block(d, caption, 8, 0, 0);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: ref FLAT.txt OUT.pdf\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	if (in == NULL) {
		perror(argv[1]);
		return 2;
	}
	cairo_surface_t *s = cairo_pdf_surface_create(argv[2], PAGE_W, PAGE_H);
	struct doc d = { cairo_create(s), NULL, MARGIN, 0 };
	d.pctx = pango_cairo_create_context(d.cr);
	pango_cairo_context_set_resolution(d.pctx, 72);
	pango_context_set_round_glyph_positions(d.pctx, FALSE);
	pango_context_set_language(d.pctx, pango_language_from_string("ja"));
	new_page(&d);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, in)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char *arg = strchr(line, '\t');
		arg = arg ? arg + 1 : line + len;
		switch (line[0]) {
		case 'H': text_block(&d, arg, line[1] == '1' ? 16 : line[1] == '2' ? 13 : 11, 1, 8); break;
		case 'P': text_block(&d, arg, 9.5, 0, 0); break;
		case 'T': table_start(arg); break;
		case 'R': table_row(&d, arg); break;
		case 'E': d.y += 8; break;
		case 'F': figure(&d, arg); break;
		case 'B': new_page(&d); break;
		}
	}
	free(line);
	fclose(in);
	g_object_unref(d.pctx);
	cairo_destroy(d.cr);
	cairo_surface_finish(s);
	int bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	if (bad)
		fprintf(stderr, "ref: cairo could not write %s\n", argv[2]);
	printf("%d\n", d.page);
	return bad;
}
