/*
 * chart.c - lays charts out into display lists (see chart.h).
 *
 * Every chart is built the same way: choose the y axis (a "nice" scale),
 * measure what surrounds the plot (the header with the unit and legend
 * above, tick labels at the left, category labels below) to place the plot
 * area, then append items in drawing order: grid, data, axes, text.  The
 * sizes that make a kind of chart (canvas, fonts, margins, tick density)
 * live in one struct style; what remains in the code are small gaps of a
 * few units and font-relative offsets (a baseline 0.35 em below a centre).
 *
 * Tick values are exact decimals (k * m * 10^e, m in {1, 2, 5}) and are
 * written by jfmt_number, so labels never pass through printf's %f and do
 * not depend on the locale.  Text is measured with the approximation that
 * chart.h describes; all spacing leaves slack for it.
 */
#include "chart.h"

#include "buf.h"
#include "decimal.h"
#include "jfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_H 1.3          /* line height of wrapped labels, in em */
#define MAX_LINES 3         /* most lines a category label may wrap to */
#define VALUE_LIMIT 1e15    /* |v| below this: the range of a kdec */

/* The sizes of one kind of chart, in chart units. */
struct style {
	double width, height;   /* the drawing, before any growth */
	double margin;          /* around everything */
	double font;            /* ticks, categories, legend, unit */
	double value_font;      /* data labels */
	double head_room;       /* between the header and the plot: room for
	                           labels above the highest bar or point */
	double min_plot;        /* the plot is never lower than this */
	int intervals;          /* at most this many tick intervals */
	int min_e;              /* the smallest tick step is 10^min_e
	                           (line charts: from the spec's decimals) */
	int max_lines;          /* category label lines */
};

/* Bars summarise a whole document: wide, with room for long goal names. */
static const struct style BARS = {640, 300, 10, 11, 11, 18, 120, 6, 0, 3};
/* Line charts are small multiples, one per KPI: compact but legible. */
static const struct style LINES = {360, 200, 6, 10, 9, 16, 90, 5, 0, 2};

/* ---- text ---------------------------------------------------------------- */

/*
 * Decodes one character.  An invalid or truncated sequence counts as one
 * byte of U+FFFD, so measuring and cleaning go on past bad input.
 */
static size_t utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c = p[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) {   /* also stops at the NUL */
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return n;
}

/* Width in em, as chart.h describes the approximation. */
static double char_em(uint32_t cp)
{
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF)
		return 0;
	if (cp < 0x1100 || (cp >= 0xFF61 && cp <= 0xFFDC) ||
	    (cp >= 0xFFE8 && cp <= 0xFFEE))
		return 0.5;
	return 1;
}

double chart_text_width(const char *s, double size)
{
	double em = 0;
	uint32_t cp;

	if (s == NULL)
		return 0;
	while (*s) {
		s += utf8_next(s, &cp);
		em += char_em(cp);
	}
	return em * size;
}

/*
 * A copy of s that every backend can draw and every XML parser accepts:
 * invalid UTF-8 and the noncharacters XML forbids become U+FFFD, control
 * characters (also forbidden, and meaningless in a one-line label) spaces.
 */
static char *clean_text(const char *s)
{
	struct buf b = BUF_INIT;
	uint32_t cp;
	size_t n;
	char *r;

	for (; *s; s += n) {
		n = utf8_next(s, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			buf_putc(&b, ' ');
		else if (cp == 0xFFFD || cp == 0xFFFE || cp == 0xFFFF)
			buf_puts(&b, "\xEF\xBF\xBD");
		else
			buf_put(&b, s, n);
	}
	r = xstrdup(buf_str(&b));
	buf_free(&b);
	return r;
}

static int in_set(const char *set, uint32_t cp)
{
	uint32_t c;

	while (*set) {
		set += utf8_next(set, &c);
		if (c == cp)
			return 1;
	}
	return 0;
}

/*
 * The basic Japanese line-breaking rules (kinsoku, JIS X 4051): a line
 * does not start with closing brackets, punctuation, small kana or the
 * prolonged sound mark, and does not end with an opening bracket.
 */
static int no_start(uint32_t cp)
{
	return in_set("、。，．・：；？！ー）」』】〕］｝〉》”’々…‥"
		      "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.:;?!)]}%", cp);
}

static int no_end(uint32_t cp)
{
	return in_set("（「『【〔［｛〈《“‘([{", cp);
}

/*
 * Whether a line may break between prev and cp: after a space, or next to
 * a full-width character (Japanese text breaks between any two), unless
 * kinsoku forbids it.  Never inside a run of Latin letters and digits.
 */
static int may_break(uint32_t prev, uint32_t cp)
{
	if (cp == ' ')
		return 0;
	if (prev == ' ')
		return 1;
	if (no_start(cp) || no_end(prev))
		return 0;
	return char_em(prev) == 1 || char_em(cp) == 1;
}

/*
 * Bytes of the longest head of s that fits maxw, ending at a break
 * opportunity if there is one; a space wins over a later break between
 * characters if it fills half the line, because names like "基本目標1
 * しごとをつくる" put their parts between spaces.  At least one character,
 * so that wrapping always makes progress.
 */
static size_t line_fit(const char *s, double size, double maxw)
{
	size_t i, n, brk = 0, space = 0;
	uint32_t cp, prev = 0;
	double w = 0;

	for (i = 0; s[i]; i += n, prev = cp) {
		n = utf8_next(s + i, &cp);
		if (i > 0 && may_break(prev, cp)) {
			brk = i;
			if (prev == ' ' && w >= maxw / 2)
				space = i;
		}
		w += char_em(cp) * size;
		if (w > maxw && i > 0)
			return space ? space : brk ? brk : i;
	}
	return i;
}

/* The length of s[0..n) without trailing spaces and the punctuation that
 * would stand oddly before an ellipsis ("地域をつくり、…"). */
static size_t trim_end(const char *s, size_t n)
{
	static const char *const drop[] = {" ", "、", "。", "・", "，"};
	size_t len;
	int again = 1;

	while (again) {
		again = 0;
		for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
			len = strlen(drop[i]);
			if (n >= len && memcmp(s + n - len, drop[i], len) == 0) {
				n -= len;
				again = 1;
			}
		}
	}
	return n;
}

/* A copy of s cut to fit maxw, ending in "…" if anything was cut. */
static char *fit_text(const char *s, double size, double maxw)
{
	double room = maxw - chart_text_width("…", size), w = 0;
	size_t i = 0, n;
	uint32_t cp;
	char *r;

	if (chart_text_width(s, size) <= maxw)
		return xstrdup(s);
	for (; s[i]; i += n) {
		n = utf8_next(s + i, &cp);
		if (w + char_em(cp) * size > room)
			break;
		w += char_em(cp) * size;
	}
	i = trim_end(s, i);
	r = xmalloc(i + sizeof "…");
	memcpy(r, s, i);
	memcpy(r + i, "…", sizeof "…");
	return r;
}

struct lines {
	char *s[MAX_LINES];
	int n;
};

/* s wrapped into at most maxlines lines of maxw; the last one may end in "…". */
static void wrap(struct lines *out, const char *s, double size, double maxw,
		 int maxlines)
{
	size_t len, keep;

	out->n = 0;
	while (out->n < maxlines) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		if (out->n == maxlines - 1) {
			out->s[out->n++] = fit_text(s, size, maxw);
			break;
		}
		len = line_fit(s, size, maxw);
		for (keep = len; keep > 0 && s[keep - 1] == ' '; keep--)
			;
		out->s[out->n++] = xstrndup(s, keep);
		s += len;
	}
}

static void lines_free(struct lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->s[i]);
	l->n = 0;
}

/* ---- the display list ------------------------------------------------------ */

static struct chart *chart_new(double w, double h, const char *title,
			       const char *desc)
{
	struct chart *c = xcalloc(1, sizeof *c);

	c->width = w;
	c->height = h;
	c->title = clean_text(title ? title : "");
	c->desc = clean_text(desc ? desc : "");
	return c;
}

/* ---- colours --------------------------------------------------------------- */

/* Indexed by enum chart_role. */
static const unsigned ROLE_RGB[] = {
	0xffffff, /* frame */
	0x595959, /* axis */
	0xd9d9d9, /* grid */
	0x1f4e79, /* a strong bar part: dark blue (see STRONG_RGB) */
	0xd6cbbd, /* a light bar part: light warm grey (see LIGHT_RGB) */
	0x1f4e79, /* series (see SERIES_RGB) */
	0xa8382b, /* target: muted red */
	0x404040, /* labels */
	0x262626, /* values */
	0x262626, /* legend */
	0x404040, /* title */
	0xffffff, /* values on a dark bar */
};

/* Dark blue first, then hues that stay apart in grey and for most forms
 * of colour blindness. */
static const unsigned SERIES_RGB[CHART_SERIES_COLOURS] = {
	0x1f4e79, 0xc77c2e, 0x5b8a55, 0x7d5a94, 0x6b6b6b, 0x3e8fb0,
};

/* The shades of the two bar tones: a scale's second met grade a lighter
 * blue, its second unmet grade a darker grey, so that neighbours differ in
 * lightness too; only the first strong shade is dark enough for light text. */
static const unsigned STRONG_RGB[] = { 0x1f4e79, 0x6f9fd0, 0xb4cde8, 0x93b8e0 };
static const unsigned LIGHT_RGB[] = { 0xd6cbbd, 0xa8957f, 0xece6df, 0xc2b29f };

#define NROLES (sizeof ROLE_RGB / sizeof ROLE_RGB[0])
#define NSHADES (sizeof STRONG_RGB / sizeof STRONG_RGB[0])

unsigned chart_colour(const struct chart_item *it)
{
	size_t i = it->series < 0 ? 0 : (size_t)it->series;
	switch ((size_t)it->role < NROLES ? it->role : CR_AXIS) {
	case CR_SERIES: return SERIES_RGB[i % CHART_SERIES_COLOURS];
	case CR_BAR_MET: return STRONG_RGB[i % NSHADES];
	case CR_BAR_UNMET: return LIGHT_RGB[i % NSHADES];
	default: return ROLE_RGB[(size_t)it->role < NROLES ? it->role : CR_AXIS];
	}
}

/* A new zeroed item; the pointer is valid until the next push. */
static struct chart_item *push(struct chart *c, enum chart_item_kind kind,
			       enum chart_role role)
{
	struct chart_item *it;

	if (c->nitems == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	it = &c->items[c->nitems++];
	*it = (struct chart_item){.kind = kind, .role = role};
	return it;
}

static struct chart_item *add_rect(struct chart *c, enum chart_role role,
				   double x, double y, double w, double h)
{
	struct chart_item *it = push(c, CI_RECT, role);

	it->x = x, it->y = y, it->w = w, it->h = h;
	return it;
}

static struct chart_item *add_line(struct chart *c, enum chart_role role,
				   double x1, double y1, double x2, double y2)
{
	struct chart_item *it = push(c, CI_LINE, role);

	it->x = x1, it->y = y1, it->w = x2, it->h = y2;
	return it;
}

static struct chart_item *add_marker(struct chart *c, enum chart_role role,
				     double x, double y, double r,
				     enum chart_marker m)
{
	struct chart_item *it = push(c, CI_MARKER, role);

	it->x = x, it->y = y, it->w = r;
	it->marker = m;
	return it;
}

static void add_polyline(struct chart *c, int series, const double *xy,
			 size_t npts)
{
	struct chart_item *it = push(c, CI_POLYLINE, CR_SERIES);

	it->series = series;
	it->pts = xmalloc(2 * npts * sizeof *it->pts);
	memcpy(it->pts, xy, 2 * npts * sizeof *it->pts);
	it->npts = npts;
}

static void add_text(struct chart *c, enum chart_role role, double x,
		     double y, double size, enum chart_anchor anchor,
		     const char *s)
{
	struct chart_item *it = push(c, CI_TEXT, role);

	it->x = x, it->y = y, it->h = size;
	it->anchor = anchor;
	it->text = clean_text(s);
	it->w = chart_text_width(it->text, size);
}

void chart_free(struct chart *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nitems; i++) {
		free(c->items[i].pts);
		free(c->items[i].text);
	}
	free(c->items);
	free(c->title);
	free(c->desc);
	free(c);
}

/* ---- the y axis ------------------------------------------------------------ */

/* Ticks at k * step for klo <= k <= khi, step = m * 10^e with m in {1, 2, 5}. */
struct axis {
	int64_t klo, khi;
	int m, e;
	int man;        /* labels with 万/億 ("5,000万", "1.5億") */
};

static const double P10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15,
};

/* Exact powers and a division, not pow(): the same step on every libm. */
static double step_of(int m, int e)
{
	return e >= 0 ? m * P10[e] : m / P10[-e];
}

static double axis_step(const struct axis *a)
{
	return step_of(a->m, a->e);
}

/* Ticks at multiples of step around lo..hi; 0 if there would be too many. */
static int axis_fit(struct axis *a, double lo, double hi, int most)
{
	double step = axis_step(a);

	/* Checked in double first: the ticks must fit an int64. */
	if ((hi - lo) / step > most || fabs(lo / step) > 1e17 ||
	    fabs(hi / step) > 1e17)
		return 0;
	/* The tolerance keeps 0.6 / 0.2 = 2.9999999999999996 from adding
	 * a tick that the value does not need. */
	a->klo = (int64_t)floor(lo / step + 1e-9);
	a->khi = (int64_t)ceil(hi / step - 1e-9);
	if (a->khi <= a->klo)
		a->khi = a->klo + 1;
	return a->khi - a->klo <= most;
}

/*
 * The finest step of 1, 2 or 5 times a power of ten (from 10^min_e) that
 * covers lo..hi (lo < hi) in at most `most` intervals: the grid is as
 * dense as the plot can carry, and tick labels are round numbers.
 */
static struct axis axis_make(double lo, double hi, int most, int min_e)
{
	static const int ms[] = {1, 2, 5};
	struct axis a = {0, 1, 1, 0, 0};

	for (a.e = min_e; a.e <= 15; a.e++)
		for (int i = 0; i < 3; i++) {
			a.m = ms[i];
			if (axis_fit(&a, lo, hi, most))
				return a;
		}
	/* Not reached for |lo|, |hi| < VALUE_LIMIT; still a valid axis. */
	a.m = 5, a.e = 15, a.klo = -2, a.khi = 2;
	return a;
}

/* The tick label as an exact decimal: "10,000", "0.5", "△20"; with man,
 * as the document writes large amounts: "5,000万", "1億", "1.5億". */
static void axis_label(const struct axis *a, int64_t k, char *buf, size_t n)
{
	kdec d;

	d.mant = k * a->m;
	d.scale = a->e < 0 ? -a->e : 0;
	for (int i = 0; i < a->e; i++)
		d.mant *= 10;
	if (jfmt_number(d, a->man ? JFMT_MAN_DECIMAL : JFMT_PLAIN, buf, n) < 0)
		buf[0] = '\0';
}

static double axis_label_width(const struct axis *a, double size)
{
	char t[64];
	double w, most = 0;

	for (int64_t k = a->klo; k <= a->khi; k++) {
		axis_label(a, k, t, sizeof t);
		w = chart_text_width(t, size);
		if (w > most)
			most = w;
	}
	return most;
}

/* The plot area: x0 left, y0 top, x1 right, y1 bottom. */
struct plot {
	double x0, y0, x1, y1;
};

/* y of a position measured in steps (k for the tick k). */
static double steps_y(const struct plot *p, const struct axis *a, double k)
{
	return p->y1 - (k - a->klo) / (double)(a->khi - a->klo) *
	       (p->y1 - p->y0);
}

static double value_y(const struct plot *p, const struct axis *a, double v)
{
	return steps_y(p, a, v / axis_step(a));
}

/* The centre of category i of n. */
static double cat_x(const struct plot *p, size_t n, size_t i)
{
	return p->x0 + (i + 0.5) * (p->x1 - p->x0) / n;
}

/* Grid lines first, so that everything else is drawn over them. */
static void draw_grid(struct chart *c, const struct plot *p,
		      const struct axis *a)
{
	double y;

	for (int64_t k = a->klo; k <= a->khi; k++) {
		if (k == 0)
			continue;   /* the zero line belongs to the axis */
		y = steps_y(p, a, (double)k);
		add_line(c, CR_GRID, p->x0, y, p->x1, y);
	}
}

/*
 * The y axis line, its ticks and labels, and the zero line if zero is on
 * the scale.  An axis that does not start at zero therefore has no solid
 * baseline, only a grid line, which is the honest signal that it does not.
 */
static void draw_axis(struct chart *c, const struct plot *p,
		      const struct axis *a, double size)
{
	char t[64];
	double y;

	for (int64_t k = a->klo; k <= a->khi; k++) {
		y = steps_y(p, a, (double)k);
		if (k == 0)
			add_line(c, CR_AXIS, p->x0, y, p->x1, y);
		add_line(c, CR_AXIS, p->x0 - 4, y, p->x0, y);
		axis_label(a, k, t, sizeof t);
		add_text(c, CR_LABEL, p->x0 - 6, y + size * 0.35, size, CA_END, t);
	}
	add_line(c, CR_AXIS, p->x0, p->y0, p->x0, p->y1);
}

/* ---- around the plot: header, legend, category labels ----------------------- */

enum swatch { SW_BOX, SW_LINE };

/* A legend entry: a swatch in the role of what it stands for, and a label. */
struct key {
	enum swatch sw;
	enum chart_role role;
	int series;
	const char *label;
};

static double swatch_w(const struct key *k, double size)
{
	return k->sw == SW_BOX ? size * 0.8 : size * 2;
}

static void draw_key(struct chart *c, const struct key *k, const char *text,
		     double x, double y, double size)
{
	double mid = y - size * 0.35, sw = swatch_w(k, size);

	if (k->sw == SW_BOX) {
		add_rect(c, k->role, x, mid - sw / 2, sw, sw)->series = k->series;
	} else {
		add_line(c, k->role, x, mid, x + sw, mid)->series = k->series;
		add_marker(c, k->role, x + sw / 2, mid, size * 0.28,
			   CM_CIRCLE)->series = k->series;
	}
	add_text(c, CR_LEGEND, x + sw + size * 0.4, y, size, CA_START, text);
}

/*
 * Text measured for the widest of the fonts kpic draws charts in, where
 * digits take about 0.65 em and a percent sign 0.9 (chart_text_width gives
 * them half an em, which most labels absorb).
 */
static double wide_text_width(const char *s, double size)
{
	double em = 0;
	uint32_t cp;

	while (s != NULL && *s) {
		s += utf8_next(s, &cp);
		em += cp == '%' || cp == '@' || cp == 'M' || cp == 'W' ? 0.9 :
		      (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ? 0.65 : char_em(cp);
	}
	return em * size;
}

/* Whether a key's text may reach into the gap before the next key, as
 * labels of many digits do (100%以上120%未満): the legend is then laid out
 * with wide_text_width. */
static int legend_crowded(const struct key *keys, size_t n, double size)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (wide_text_width(keys[i].label, size) - chart_text_width(keys[i].label, size) > size * 0.8)
			return 1;
	return 0;
}

/*
 * Lays the keys out in rows between x0 and x1, the first baseline at y,
 * and draws them unless c is NULL (measuring).  Returns the rows used.
 */
static int legend(struct chart *c, const struct key *keys, size_t n,
		  double x0, double x1, double y, double size)
{
	double x = x0, lead, w;
	int rows = n > 0, wide = legend_crowded(keys, n, size);
	char *t;

	for (size_t i = 0; i < n; i++) {
		lead = swatch_w(&keys[i], size) + size * 0.4;
		t = fit_text(keys[i].label, size, x1 - x0 - lead);
		w = lead + (wide ? wide_text_width(t, size) : chart_text_width(t, size));
		if (x > x0 && x + w > x1) {
			x = x0;
			y += size * LINE_H;
			rows++;
		}
		if (c != NULL)
			draw_key(c, &keys[i], t, x, y, size);
		free(t);
		x += w + size * 1.2;
	}
	return rows;
}

/*
 * The rows above the plot: the unit (the y axis title, written level so
 * it stays legible) at the left, the legend after it.  Returns the rows
 * used; draws unless c is NULL.
 */
static int header(struct chart *c, const struct style *st, const char *unit,
		  const struct key *keys, size_t n)
{
	double y = st->margin + st->font, x = st->margin;
	int rows = 0, lrows;
	char *t;

	if (unit != NULL && *unit != '\0') {
		/* A third of the width when a legend follows, else all of it. */
		t = fit_text(unit, st->font,
			     n > 0 ? st->width / 3 : st->width - 2 * st->margin);
		if (c != NULL)
			add_text(c, CR_TITLE, x, y, st->font, CA_START, t);
		x += chart_text_width(t, st->font) + st->font * 1.5;
		rows = 1;
		free(t);
	}
	lrows = legend(c, keys, n, x, st->width - st->margin, y, st->font);
	return lrows > rows ? lrows : rows;
}

/*
 * The size of the category labels: the style's, or down to 80% of it if
 * that at least halves the labels too wide for one line.  "平成26年度" a
 * little smaller reads better than broken between 年 and 度, but making
 * every label smaller to save one wrap is not worth it.
 */
static double cat_font(const struct style *st, const char *const *labels,
		       size_t n, double slot)
{
	double size, best = st->font;
	size_t wide, fewest = 0;

	for (int pct = 100; pct >= 80; pct -= 10) {
		size = st->font * pct / 100;
		wide = 0;
		for (size_t i = 0; i < n; i++)
			wide += chart_text_width(labels[i], size) >
				slot - size * 0.5;
		if (pct == 100 || (wide < fewest && 2 * wide <= fewest))
			fewest = wide, best = size;
	}
	return best;
}

/*
 * Category labels centred under their slots, each wrapped to its slot so
 * that neighbours never overlap.  Returns the most lines a label took;
 * draws unless c is NULL.
 */
static int cat_labels(struct chart *c, const struct style *st,
		      const char *const *labels, size_t n,
		      const struct plot *p)
{
	double slot = (p->x1 - p->x0) / n, y = p->y1 + 5 + st->font;
	double size = cat_font(st, labels, n, slot);
	struct lines l;
	int most = 0;

	for (size_t i = 0; i < n; i++) {
		wrap(&l, labels[i] ? labels[i] : "", size, slot - size * 0.5,
		     st->max_lines);
		for (int j = 0; c != NULL && j < l.n; j++)
			add_text(c, CR_LABEL, cat_x(p, n, i),
				 y + j * size * LINE_H, size, CA_MIDDLE,
				 l.s[j]);
		if (l.n > most)
			most = l.n;
		lines_free(&l);
	}
	return most;
}

/* The plot's left and right edges: tick labels and ticks at the left. */
static void place_x(const struct style *st, double tick_w, struct plot *p)
{
	p->x0 = st->margin + tick_w + 10;
	p->x1 = st->width - st->margin;
}

/*
 * The plot's top and bottom, from the header rows above and the category
 * label lines below.  Returns the height of the chart, which grows only if
 * the plot would otherwise be too low to read.
 */
static double place_y(const struct style *st, int head_rows, int cat_lines,
		      struct plot *p)
{
	double row = st->font * LINE_H, h = st->height;
	double top = st->margin + head_rows * row + st->head_room;
	double bottom = 5 + st->font + (cat_lines > 1 ? cat_lines - 1 : 0) * row +
			st->margin;

	if (h - top - bottom < st->min_plot)
		h = top + bottom + st->min_plot;
	p->y0 = top;
	p->y1 = h - bottom;
	return h;
}

/*
 * Places the plot: tick labels at the left, the header above, category
 * labels below.  Returns the chart's height.  Measuring goes through the
 * same functions as drawing (with no chart), so the two cannot disagree.
 */
static double lay_out(const struct style *st, const struct axis *a,
		      const char *unit, const struct key *keys, size_t nkeys,
		      const char *const *labels, size_t ncats, struct plot *p)
{
	int rows, lines;

	place_x(st, axis_label_width(a, st->font), p);
	rows = header(NULL, st, unit, keys, nkeys);
	lines = cat_labels(NULL, st, labels, ncats, p);
	return place_y(st, rows, lines, p);
}

/* ---- label placement ------------------------------------------------------- */

struct box {
	double x0, y0, x1, y1;
};

/*
 * Free labels go where they collide least with what is already there.
 * Obstacles are soft (lines: a label may cross one) or hard (markers and
 * other labels: covering them hides data).
 */
struct obstacle {
	double x0, y0, x1, y1;
	int hard;
};

struct placer {
	struct chart *c;
	struct obstacle bounds;   /* labels stay inside */
	struct obstacle *taken;   /* placed so far */
	size_t n, cap;
};

struct spot {
	double x, y;
	enum chart_anchor anchor;
};

static struct obstacle text_box(struct spot s, double w, double size)
{
	double x0 = s.anchor == CA_START ? s.x :
		    s.anchor == CA_END ? s.x - w : s.x - w / 2;
	struct obstacle b = {x0, s.y - size * 0.88, x0 + w, s.y + size * 0.12,
			     1};

	return b;
}

static void take(struct placer *pl, double x0, double y0, double x1,
		 double y1, int hard)
{
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? 2 * pl->cap : 64;
		pl->taken = xrealloc(pl->taken, pl->cap * sizeof *pl->taken);
	}
	pl->taken[pl->n++] = (struct obstacle){x0, y0, x1, y1, hard};
}

/* A line as a chain of small soft boxes, close enough to catch any label. */
static void take_segment(struct placer *pl, double x0, double y0, double x1,
			 double y1)
{
	double len = hypot(x1 - x0, y1 - y0), x, y;
	int n = (int)ceil(len / 2) + 1;

	for (int i = 0; i <= n; i++) {
		x = x0 + (x1 - x0) * i / n;
		y = y0 + (y1 - y0) * i / n;
		take(pl, x - 1.5, y - 1.5, x + 1.5, y + 1.5, 0);
	}
}

static double overlap(const struct obstacle *a, const struct obstacle *b)
{
	double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
	double h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);

	return w > 0 && h > 0 ? w * h : 0;
}

static int inside(const struct obstacle *b, const struct obstacle *in)
{
	return b->x0 >= in->x0 && b->x1 <= in->x1 && b->y0 >= in->y0 &&
	       b->y1 <= in->y1;
}

/* How bad a spot is: leaving the bounds is worst, hiding data next. */
#define OUTSIDE 1e12
#define HARD 1e4

static double crowding(const struct placer *pl, const struct obstacle *b)
{
	double score = inside(b, &pl->bounds) ? 0 : OUTSIDE;

	for (size_t j = 0; j < pl->n; j++)
		score += overlap(b, &pl->taken[j]) * (pl->taken[j].hard ? HARD : 1);
	return score;
}

/*
 * Draws text at the first candidate spot that touches nothing, or else at
 * the least crowded one; candidates come in order of preference, so most
 * labels sit where readers expect them.  With `optional`, a label that
 * could only cover data or another label, or leave the bounds, is left
 * out: on a crowded chart of several series an unreadable pile of numbers
 * helps nobody, and the figures are in the document's tables.
 */
static void place(struct placer *pl, const struct spot *spots, size_t n,
		  enum chart_role role, double size, const char *text,
		  int optional)
{
	double w = chart_text_width(text, size), score, best_score = HUGE_VAL;
	struct obstacle b;
	size_t best = 0;

	for (size_t i = 0; i < n && best_score > 0; i++) {
		b = text_box(spots[i], w, size);
		score = crowding(pl, &b);
		if (score < best_score)
			best_score = score, best = i;
	}
	if (optional && best_score >= HARD * 0.5)
		return;
	add_text(pl->c, role, spots[best].x, spots[best].y, size,
		 spots[best].anchor, text);
	/* Taken with a margin, so that neighbouring labels never touch. */
	b = text_box(spots[best], w, size);
	take(pl, b.x0 - 2, b.y0 - 1, b.x1 + 2, b.y1 + 1, 1);
}

/* ---- bar charts ------------------------------------------------------------ */

/*
 * Bars are stacked, met at the bottom: the height of a bar is the number
 * of KPIs in the category, and the met part, standing on the common
 * baseline, compares directly across categories.  Side-by-side bars would
 * make the reader add up the total, which is the first thing the document
 * reports for each goal.
 */

static int bars_ok(const struct chart_bars_spec *s)
{
	if (s == NULL || s->ncats == 0 || s->cats == NULL || s->segs == NULL || s->nsegs == 0 ||
	    s->nsegs > CHART_MAX_SEGMENTS)
		return 0;
	for (size_t i = 0; i < s->ncats; i++)
		for (size_t k = 0; k < s->nsegs; k++)
			if (s->cats[i].counts[k] < 0)
				return 0;
	return 1;
}

/* A count as text; counts are never negative here. */
static void count_text(int v, char *buf, size_t n)
{
	if (jfmt_number(kdec_from_int(v), JFMT_PLAIN, buf, n) < 0)
		buf[0] = '\0';
}

/* A segment's role and shade: the strong tone, or the light one, and how
 * many of the same tone come before it. */
static void seg_tone(const struct chart_bars_spec *s, size_t k, enum chart_role *role, int *shade)
{
	*role = s->segs[k].strong ? CR_BAR_MET : CR_BAR_UNMET;
	*shade = 0;
	for (size_t j = 0; j < k; j++)
		*shade += !s->segs[j].strong == !s->segs[k].strong;
}

/*
 * A segment's count inside it when it fits, light on the dark strong part.
 * Otherwise the top segment's count goes above the bar, and another's to
 * the bar's right at the segment's height.
 */
static void bar_label(struct chart *c, int v, int inverse, int on_top,
		      double cx, double bw, double top, double bottom)
{
	double size = BARS.value_font, h = bottom - top, mid = (top + bottom) / 2;
	char t[32];

	if (v == 0)
		return;
	count_text(v, t, sizeof t);
	if (h >= size + 4 && bw >= chart_text_width(t, size) + 4)
		add_text(c, inverse ? CR_VALUE_INVERSE : CR_VALUE, cx,
			 mid + size * 0.35, size, CA_MIDDLE, t);
	else if (on_top)
		add_text(c, CR_VALUE, cx, top - 3, size, CA_MIDDLE, t);
	else
		add_text(c, CR_VALUE, cx + bw / 2 + 3,
			 fmin(mid + size * 0.35, bottom - 1), size, CA_START, t);
}

/* The segments stacked from the baseline, then their counts. */
static void draw_bar(struct chart *c, const struct chart_bars_spec *s, const struct chart_bar_cat *cat,
		     const struct plot *p, const struct axis *a, double cx, double bw)
{
	double y[CHART_MAX_SEGMENTS + 1];
	size_t top = 0;
	int sum = 0, shade;
	enum chart_role role;

	y[0] = value_y(p, a, 0);
	for (size_t k = 0; k < s->nsegs; k++) {
		sum += cat->counts[k];
		y[k + 1] = value_y(p, a, sum);
		if (cat->counts[k] > 0)
			top = k;
	}
	for (size_t k = 0; k < s->nsegs; k++) {
		if (cat->counts[k] <= 0)
			continue;
		seg_tone(s, k, &role, &shade);
		add_rect(c, role, cx - bw / 2, y[k + 1], bw, y[k] - y[k + 1])->series = shade;
	}
	for (size_t k = 0; k < s->nsegs; k++) {
		seg_tone(s, k, &role, &shade);
		bar_label(c, cat->counts[k], role == CR_BAR_MET && shade == 0, k == top, cx, bw, y[k + 1], y[k]);
	}
}

static int bar_total(const struct chart_bars_spec *s, const struct chart_bar_cat *cat)
{
	int sum = 0;
	for (size_t k = 0; k < s->nsegs; k++)
		sum += cat->counts[k];
	return sum;
}

struct chart *chart_bars(const struct chart_bars_spec *s)
{
	struct key keys[CHART_MAX_SEGMENTS];
	const char **labels;
	double most = 1, bw, h;
	struct chart *c;
	struct axis a;
	struct plot p;
	size_t nkeys = 0;

	if (!bars_ok(s))
		return NULL;
	for (size_t i = 0; i < s->ncats; i++)
		most = fmax(most, bar_total(s, &s->cats[i]));
	a = axis_make(0, most, BARS.intervals, BARS.min_e);
	for (size_t k = 0; k < s->nsegs; k++) {
		enum chart_role role;
		int shade;
		seg_tone(s, k, &role, &shade);
		if (s->segs[k].label != NULL)
			keys[nkeys++] = (struct key){SW_BOX, role, shade, s->segs[k].label};
	}
	labels = xmalloc(s->ncats * sizeof *labels);
	for (size_t i = 0; i < s->ncats; i++)
		labels[i] = s->cats[i].label;
	h = lay_out(&BARS, &a, s->unit, keys, nkeys, labels, s->ncats, &p);

	c = chart_new(BARS.width, h, s->title, s->desc);
	draw_grid(c, &p, &a);
	bw = fmin((p.x1 - p.x0) / s->ncats * 0.55, 64);
	for (size_t i = 0; i < s->ncats; i++)
		draw_bar(c, s, &s->cats[i], &p, &a, cat_x(&p, s->ncats, i), bw);
	draw_axis(c, &p, &a, BARS.font);
	cat_labels(c, &BARS, labels, s->ncats, &p);
	header(c, &BARS, s->unit, keys, nkeys);
	free(labels);
	return c;
}

/* ---- line charts ----------------------------------------------------------- */

static int value_ok(double v)
{
	return isfinite(v) && fabs(v) < VALUE_LIMIT;
}

static int lines_ok(const struct chart_lines_spec *s)
{
	if (s == NULL || s->ncats == 0 || s->cats == NULL ||
	    (s->nseries > 0 && s->series == NULL))
		return 0;
	if (s->has_target &&
	    (!value_ok(s->target_v) || s->target_cat >= s->ncats))
		return 0;
	for (size_t i = 0; i < s->nseries; i++) {
		if (s->series[i].pts == NULL)
			return 0;
		if (s->series[i].has_target &&
		    (!value_ok(s->series[i].target_v) || s->series[i].target_cat >= s->ncats))
			return 0;
		for (size_t j = 0; j < s->ncats; j++)
			if (s->series[i].pts[j].present &&
			    !value_ok(s->series[i].pts[j].v))
				return 0;
	}
	return 1;
}

/*
 * The span the y axis must show: every value and the target.  Zero is
 * included unless the values lie within the top sixth of their distance
 * from it (the rule spreadsheet charts follow, which readers of such
 * documents know): a population of 35,000 to 36,500 is shown on its own
 * scale, or its trend would be a flat line.  Equal values get the span
 * from zero to them.
 */
static void lines_span(const struct chart_lines_spec *s, double *lo,
		       double *hi)
{
	int any = s->has_target;

	*lo = *hi = s->has_target ? s->target_v : 0;
	for (size_t i = 0; i < s->nseries; i++) {
		if (s->series[i].has_target) {
			*lo = any ? fmin(*lo, s->series[i].target_v) : s->series[i].target_v;
			*hi = any ? fmax(*hi, s->series[i].target_v) : s->series[i].target_v;
			any = 1;
		}
		for (size_t j = 0; j < s->ncats; j++) {
			const struct chart_point *pt = &s->series[i].pts[j];

			if (!pt->present)
				continue;
			*lo = any ? fmin(*lo, pt->v) : pt->v;
			*hi = any ? fmax(*hi, pt->v) : pt->v;
			any = 1;
		}
	}
	if (*lo > 0 && *hi - *lo >= *hi / 6)
		*lo = 0;
	if (*hi < 0 && *hi - *lo >= -*lo / 6)
		*hi = 0;
	/* Equal within what a double tells apart: the step would underflow. */
	if (*hi - *lo <= 1e-9 * fmax(fabs(*lo), fabs(*hi))) {
		*lo = fmin(*lo, 0);
		*hi = fmax(*hi, 0);
		if (*lo == *hi)
			*hi = 1;
	}
}

/*
 * One polyline per run of present points: a missing year breaks the line
 * rather than bridging it, which would draw values nobody measured.  Each
 * segment is also an obstacle for the labels placed later.
 */
static void series_lines(struct placer *pl,
			 const struct chart_line_series *sr, int si, size_t n,
			 const struct plot *p, const struct axis *a)
{
	double *xy = xmalloc(2 * n * sizeof *xy);
	size_t run = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && sr->pts[i].present) {
			xy[2 * run] = cat_x(p, n, i);
			xy[2 * run + 1] = value_y(p, a, sr->pts[i].v);
			if (run > 0)
				take_segment(pl, xy[2 * run - 2], xy[2 * run - 1],
					     xy[2 * run], xy[2 * run + 1]);
			run++;
		} else {
			if (run >= 2)
				add_polyline(pl->c, si, xy, run);
			run = 0;
		}
	}
	free(xy);
}

#define MARKER_R 3.0
#define DIAMOND_R 4.5

static void series_markers(struct placer *pl,
			   const struct chart_line_series *sr, int si,
			   size_t n, const struct plot *p,
			   const struct axis *a)
{
	double x, y, r = MARKER_R + 1;

	for (size_t i = 0; i < n; i++) {
		if (!sr->pts[i].present)
			continue;
		x = cat_x(p, n, i);
		y = value_y(p, a, sr->pts[i].v);
		add_marker(pl->c, CR_SERIES, x, y, MARKER_R,
			   sr->pts[i].hollow ? CM_HOLLOW_CIRCLE : CM_CIRCLE)
			->series = si;
		take(pl, x - r, y - r, x + r, y + r, 1);
	}
}

/* Data labels: above the point, else below, right or left of it. */
static void series_labels(struct placer *pl,
			  const struct chart_line_series *sr, size_t n,
			  const struct plot *p, const struct axis *a)
{
	double size = LINES.value_font, d = MARKER_R + 2.5, x, y;

	for (size_t i = 0; i < n; i++) {
		const struct chart_point *pt = &sr->pts[i];

		if (!pt->present || pt->text == NULL || *pt->text == '\0')
			continue;
		x = cat_x(p, n, i);
		y = value_y(p, a, pt->v);
		struct spot spots[] = {
			{x, y - d, CA_MIDDLE},
			{x, y + d + size * 0.88, CA_MIDDLE},
			{x + d, y + size * 0.35, CA_START},
			{x - d, y + size * 0.35, CA_END},
		};
		place(pl, spots, 4, CR_VALUE, size, pt->text, 1);
	}
}

/*
 * The target label goes next to its diamond on whichever side is free,
 * else at the left end of the target line, always within the plot.  It is
 * placed before the data labels, and never left out: it is what the reader
 * compares everything with (one per chart, or one per series where the
 * series have different targets).
 */
static void target_label(struct placer *pl, const char *label,
			 const struct plot *p, double x, double y)
{
	double size = LINES.font, d = DIAMOND_R + 3, below = y + 3 + size * 0.88;
	struct obstacle all = pl->bounds;
	struct spot spots[] = {
		{x - d, y - 3, CA_END},
		{x + d, y - 3, CA_START},
		{x - d, below, CA_END},
		{x + d, below, CA_START},
		{p->x0 + 4, y - 3, CA_START},
		{p->x0 + 4, below, CA_START},
	};

	if (label == NULL || *label == '\0')
		return;
	pl->bounds.x0 = p->x0;
	pl->bounds.x1 = p->x1;
	place(pl, spots, 6, CR_TARGET, size, label, 0);
	pl->bounds = all;
}

static void draw_target(struct placer *pl, size_t ncats, double v, size_t cat,
			const char *label, const struct plot *p,
			const struct axis *a)
{
	double x = cat_x(p, ncats, cat);
	double y = value_y(p, a, v), r = DIAMOND_R + 1;

	add_marker(pl->c, CR_TARGET, x, y, DIAMOND_R, CM_DIAMOND);
	take(pl, x - r, y - r, x + r, y + r, 1);
	target_label(pl, label, p, x, y);
	/* Placed after its own label, the dashed line keeps data labels off. */
	take(pl, p->x0, y - 1, p->x1, y + 1, 0);
}

/* Legend entries, one per series when there is more than one. */
struct keyset {
	struct key *keys;
	char (*names)[32];      /* labels made up for unnamed series */
	size_t n;
};

static void line_keys(const struct chart_lines_spec *s, struct keyset *ks)
{
	ks->n = s->nseries > 1 ? s->nseries : 0;
	ks->keys = xmalloc((ks->n ? ks->n : 1) * sizeof *ks->keys);
	ks->names = xmalloc((ks->n ? ks->n : 1) * sizeof *ks->names);
	for (size_t i = 0; i < ks->n; i++) {
		ks->keys[i] = (struct key){SW_LINE, CR_SERIES, (int)i,
					   s->series[i].label};
		if (ks->keys[i].label == NULL) {
			/* An unnamed series among others still needs a key. */
			snprintf(ks->names[i], sizeof ks->names[i], "系列%zu",
				 i + 1);
			ks->keys[i].label = ks->names[i];
		}
	}
}

static void keyset_free(struct keyset *ks)
{
	free(ks->keys);
	free(ks->names);
}

/* The finest tick step a line chart may use: 10^-decimals. */
static int min_exponent(int decimals)
{
	if (decimals < 0)
		return 0;
	return decimals > KDEC_MAX_SCALE ? -KDEC_MAX_SCALE : -decimals;
}

/* Series over the target line, markers over lines, labels last. */
static void draw_data(struct placer *pl, const struct chart_lines_spec *s,
		      const struct plot *p, const struct axis *a)
{
	double ty;

	if (s->has_target) {
		ty = value_y(p, a, s->target_v);
		add_line(pl->c, CR_TARGET, p->x0, ty, p->x1, ty)->dashed = 1;
	}
	for (size_t i = 0; i < s->nseries; i++)
		if (s->series[i].has_target) {
			ty = value_y(p, a, s->series[i].target_v);
			add_line(pl->c, CR_TARGET, p->x0, ty, p->x1, ty)->dashed = 1;
		}
	for (size_t i = 0; i < s->nseries; i++)
		series_lines(pl, &s->series[i], (int)i, s->ncats, p, a);
	for (size_t i = 0; i < s->nseries; i++)
		series_markers(pl, &s->series[i], (int)i, s->ncats, p, a);
	if (s->has_target)
		draw_target(pl, s->ncats, s->target_v, s->target_cat,
			    s->target_label, p, a);
	for (size_t i = 0; i < s->nseries; i++)
		if (s->series[i].has_target)
			draw_target(pl, s->ncats, s->series[i].target_v,
				    s->series[i].target_cat,
				    s->series[i].target_label, p, a);
	for (size_t i = 0; i < s->nseries; i++)
		series_labels(pl, &s->series[i], s->ncats, p, a);
}

struct chart *chart_lines(const struct chart_lines_spec *s)
{
	const struct style *st = &LINES;
	struct placer pl = {NULL, {0, 0, 0, 0, 0}, NULL, 0, 0};
	double lo, hi, h;
	struct keyset ks;
	struct plot p;
	struct axis a;

	if (!lines_ok(s))
		return NULL;
	lines_span(s, &lo, &hi);
	a = axis_make(lo, hi, st->intervals, min_exponent(s->decimals));
	a.man = s->man;
	line_keys(s, &ks);
	h = lay_out(st, &a, s->unit, ks.keys, ks.n, s->cats, s->ncats, &p);

	pl.c = chart_new(st->width, h, s->title, s->desc);
	/* Labels stay off the axis and its tick labels, but may use the head
	 * room above the plot and the margin at the right. */
	pl.bounds = (struct obstacle){p.x0 + 1, p.y0 - st->head_room + 1,
				      st->width - 1, p.y1, 0};
	draw_grid(pl.c, &p, &a);
	draw_axis(pl.c, &p, &a, st->font);
	draw_data(&pl, s, &p, &a);
	cat_labels(pl.c, st, s->cats, s->ncats, &p);
	header(pl.c, st, s->unit, ks.keys, ks.n);
	keyset_free(&ks);
	free(pl.taken);
	return pl.c;
}
