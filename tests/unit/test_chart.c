/*
 * test_chart.c - unit tests for tools/chart.c and tools/chart_svg.c.
 *
 * The layout is tested as geometry, not as pictures: bar heights against
 * the tick positions of the y axis, a gap against the number of
 * polylines, the target line against the y of its value on the axis, and
 * the strings of tick labels.  The SVG is parsed back with libxml2, as the
 * HTML renderer will parse it, and its ids, escaping and number format
 * are checked, as is that it comes out byte for byte the same every time.
 */
#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "chart.h"
#include "chart_svg.h"
#include "check.h"

/* ---- helpers ----------------------------------------------------------- */

static void check_near_at(struct check *ck, const char *file, int line,
                          double expected, double got)
{
    if (fabs(expected - got) < 1e-6) {
        ck->passed++;
        return;
    }
    ck->failed++;
    printf("%s:%d: expected \"%.6f\", got \"%.6f\"\n", file, line, expected,
           got);
}

#define CHECK_NEAR(expected, got) \
    check_near_at(ck, __FILE__, __LINE__, (expected), (got))
/* A condition, reported as 1/0. */
#define CHECK(cond) CHECK_INT(1, (cond) ? 1 : 0)

static size_t count(const struct chart *c, enum chart_item_kind kind,
                    enum chart_role role)
{
    size_t n = 0;

    for (size_t i = 0; i < c->nitems; i++)
        if (c->items[i].kind == kind && c->items[i].role == role)
            n++;
    return n;
}

static size_t count_texts(const struct chart *c)
{
    size_t n = 0;

    for (size_t i = 0; i < c->nitems; i++)
        n += c->items[i].kind == CI_TEXT;
    return n;
}

/* The i-th item (from 0) of a kind and role, or NULL. */
static const struct chart_item *nth(const struct chart *c,
                                    enum chart_item_kind kind,
                                    enum chart_role role, size_t i)
{
    for (size_t j = 0; j < c->nitems; j++)
        if (c->items[j].kind == kind && c->items[j].role == role && i-- == 0)
            return &c->items[j];
    return NULL;
}

static const struct chart_item *text_item(const struct chart *c,
                                          const char *s)
{
    for (size_t i = 0; i < c->nitems; i++)
        if (c->items[i].kind == CI_TEXT && strcmp(c->items[i].text, s) == 0)
            return &c->items[i];
    return NULL;
}

/* A tick mark: a short horizontal axis line left of the plot. */
static int is_tick(const struct chart_item *it)
{
    return it->kind == CI_LINE && it->role == CR_AXIS && it->y == it->h &&
           fabs(it->w - it->x - 4) < 1e-9;
}

/* A tick label: axis labels are the only end-anchored CR_LABEL texts. */
static int is_tick_label(const struct chart_item *it)
{
    return it->kind == CI_TEXT && it->role == CR_LABEL &&
           it->anchor == CA_END;
}

/* The tick labels bottom to top, joined by '|': "0|5|10|15|20". */
static const char *tick_labels(const struct chart *c, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < c->nitems; i++)
        if (is_tick_label(&c->items[i])) {
            if (buf[0] != '\0')
                strncat(buf, "|", n - strlen(buf) - 1);
            strncat(buf, c->items[i].text, n - strlen(buf) - 1);
        }
    return buf;
}

#define CHECK_TICKS(expected, c)                                   \
    do {                                                           \
        char t_[256];                                              \
        CHECK_STR((expected), tick_labels((c), t_, sizeof t_));    \
    } while (0)

/* The y of the tick whose label is s (the i-th label goes with the i-th
 * tick mark), or NAN. */
static double tick_y(const struct chart *c, const char *s)
{
    size_t label = 0, mark = 0, want = (size_t)-1;

    for (size_t i = 0; i < c->nitems; i++)
        if (is_tick_label(&c->items[i]) && want == (size_t)-1) {
            if (strcmp(c->items[i].text, s) == 0)
                want = label;
            label++;
        }
    for (size_t i = 0; i < c->nitems; i++)
        if (is_tick(&c->items[i]) && mark++ == want)
            return c->items[i].y;
    return NAN;
}

/* Points from values; NAN marks a year without a value. */
static void points(struct chart_point *out, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[i].present = !isnan(v[i]);
        out[i].v = isnan(v[i]) ? 0 : v[i];
        out[i].hollow = 0;
        out[i].text = NULL;
    }
}

static const char *const YEARS[] = {"H25", "H26", "H27", "H28",
                                    "H29", "H30", "H31"};

/* A one-series line chart over the first n YEARS. */
static struct chart *one_series(const double *v, size_t n, int decimals,
                                struct chart_point *pts)
{
    struct chart_line_series s = {.label = NULL, .pts = pts};
    struct chart_lines_spec spec = {"t", "d", "人", YEARS, n, &s, 1,
                                    0, 0, 0, NULL, decimals, 0};

    points(pts, v, n);
    return chart_lines(&spec);
}

/* Text boxes as the layout measures them (baseline y, ascent 0.88 em),
 * closer than the gap the layout keeps between labels: 2 across, 1 down. */
static int texts_overlap(const struct chart_item *a,
                         const struct chart_item *b)
{
    double ax = a->anchor == CA_START ? a->x :
                a->anchor == CA_END ? a->x - a->w : a->x - a->w / 2;
    double bx = b->anchor == CA_START ? b->x :
                b->anchor == CA_END ? b->x - b->w : b->x - b->w / 2;

    return ax < bx + b->w + 1.9 && bx < ax + a->w + 1.9 &&
           a->y - a->h * 0.88 < b->y + b->h * 0.12 + 0.9 &&
           b->y - b->h * 0.88 < a->y + a->h * 0.12 + 0.9;
}

/* Whether a text's box covers part of a marker's square. */
static int covers(const struct chart_item *t, const struct chart_item *m)
{
    double x0 = t->anchor == CA_START ? t->x :
                t->anchor == CA_END ? t->x - t->w : t->x - t->w / 2;

    return x0 < m->x + m->w && m->x - m->w < x0 + t->w &&
           t->y - t->h * 0.88 < m->y + m->w && m->y - m->w < t->y + t->h * 0.12;
}

/* ---- text ------------------------------------------------------------------ */

static void test_text_width(struct check *ck)
{
    CHECK_NEAR(15, chart_text_width("ABC", 10));
    CHECK_NEAR(20, chart_text_width("目標", 10));
    CHECK_NEAR(30, chart_text_width("10,000", 10));
    CHECK_NEAR(12, chart_text_width("△", 12));      /* full width in CJK fonts */
    CHECK_NEAR(5, chart_text_width("ｱ", 10));        /* halfwidth katakana */
    CHECK_NEAR(5, chart_text_width("e\xcc\x81", 10)); /* combining acute */
    CHECK_NEAR(0, chart_text_width("", 10));
    CHECK_NEAR(0, chart_text_width(NULL, 10));
}

/* ---- bars ------------------------------------------------------------------ */

static const struct chart_bar_segment TWO_SEGS[] = {{"80%以上", 1}, {"80%未満", 0}};

static void test_bars_geometry(struct check *ck)
{
    const struct chart_bar_cat cats[] = {
        {"基本目標1", {10, 8}}, {"基本目標2", {5, 0}}, {"基本目標3", {0, 3}},
    };
    struct chart_bars_spec spec = {"達成状況", "説明", TWO_SEGS, 2, cats, 3, "指標数"};
    struct chart *c = chart_bars(&spec);
    const struct chart_item *ma, *mb, *ua, *uc;
    double y0, y20, unit;

    if (c == NULL) {
        CHECK(c != NULL);
        return;
    }
    CHECK_NEAR(640, c->width);
    CHECK_NEAR(300, c->height);
    CHECK_STR("達成状況", c->title);
    CHECK_STR("説明", c->desc);
    CHECK_TICKS("0|5|10|15|20", c);   /* max 18: steps of 5 */
    y0 = tick_y(c, "0");
    y20 = tick_y(c, "20");
    CHECK(y0 > y20);
    unit = (y0 - y20) / 20;

    CHECK_INT(2, count(c, CI_RECT, CR_BAR_MET) - 1);   /* +1 legend swatch */
    CHECK_INT(2, count(c, CI_RECT, CR_BAR_UNMET) - 1);
    ma = nth(c, CI_RECT, CR_BAR_MET, 0);
    mb = nth(c, CI_RECT, CR_BAR_MET, 1);
    ua = nth(c, CI_RECT, CR_BAR_UNMET, 0);
    uc = nth(c, CI_RECT, CR_BAR_UNMET, 1);
    /* heights proportional to the counts, on the baseline at tick 0 */
    CHECK_NEAR(10 * unit, ma->h);
    CHECK_NEAR(5 * unit, mb->h);
    CHECK_NEAR(8 * unit, ua->h);
    CHECK_NEAR(3 * unit, uc->h);
    CHECK_NEAR(y0, ma->y + ma->h);
    CHECK_NEAR(y0, mb->y + mb->h);
    CHECK_NEAR(y0, uc->y + uc->h);    /* no met part: unmet on the baseline */
    CHECK_NEAR(ma->y, ua->y + ua->h); /* stacked on the met part */
    CHECK_NEAR(ma->x, ua->x);
    CHECK_NEAR(ma->w, mb->w);
    /* each bar centred over its category label */
    CHECK_NEAR(text_item(c, "基本目標1")->x, ma->x + ma->w / 2);
    CHECK_NEAR(text_item(c, "基本目標2")->x, mb->x + mb->w / 2);
    CHECK_NEAR(text_item(c, "基本目標3")->x, uc->x + uc->w / 2);
    CHECK(text_item(c, "基本目標1")->y > y0);
    /* value labels: light inside the dark part, dark elsewhere */
    CHECK_INT(CR_VALUE_INVERSE, text_item(c, "10")->role);
    CHECK_INT(CR_VALUE_INVERSE, text_item(c, "5")->role);
    CHECK_INT(CR_VALUE, text_item(c, "8")->role);
    CHECK_INT(CR_VALUE, text_item(c, "3")->role);
    CHECK(text_item(c, "0") != NULL && text_item(c, "0")->role == CR_LABEL);
    CHECK_INT(CR_LEGEND, text_item(c, "80%以上")->role);
    CHECK_INT(CR_LEGEND, text_item(c, "80%未満")->role);
    CHECK_INT(CR_TITLE, text_item(c, "指標数")->role);
    /* the zero line is the axis, the other ticks are grid lines */
    CHECK_INT(4, count(c, CI_LINE, CR_GRID));
    chart_free(c);
}

static struct chart *bars_of(int met, int unmet)
{
    struct chart_bar_cat cat = {"A", {met, unmet}};
    static const struct chart_bar_segment segs[] = {{"m", 1}, {"u", 0}};
    struct chart_bars_spec spec = {"t", "d", segs, 2, &cat, 1, NULL};

    return chart_bars(&spec);
}

static void test_bars_ticks(struct check *ck)
{
    struct chart *c;

    c = bars_of(5, 2);   /* 7: steps of 2 */
    CHECK_TICKS("0|2|4|6|8", c);
    chart_free(c);
    c = bars_of(6, 0);
    CHECK_TICKS("0|1|2|3|4|5|6", c);
    chart_free(c);
    c = bars_of(1, 0);   /* never a fractional count */
    CHECK_TICKS("0|1", c);
    chart_free(c);
    c = bars_of(0, 0);   /* nothing at all still has an axis */
    CHECK_TICKS("0|1", c);
    CHECK_INT(0, count(c, CI_RECT, CR_BAR_MET) - 1);
    chart_free(c);
    c = bars_of(1000, 234);
    CHECK_TICKS("0|500|1,000|1,500", c);
    chart_free(c);
}

static void test_bars_invalid(struct check *ck)
{
    struct chart_bar_cat cats[] = {{"A", {1, 1}}, {"B", {2, -1}}};
    static const struct chart_bar_segment segs[] = {{"m", 1}, {"u", 0}};
    struct chart_bars_spec spec = {"t", "d", segs, 2, cats, 2, NULL};

    CHECK(chart_bars(&spec) == NULL);   /* a negative count */
    cats[1].counts[1] = 0, cats[0].counts[0] = -1;
    CHECK(chart_bars(&spec) == NULL);
    cats[0].counts[0] = 1, spec.nsegs = 0;
    CHECK(chart_bars(&spec) == NULL);   /* no segments */
    spec.nsegs = CHART_MAX_SEGMENTS + 1;
    CHECK(chart_bars(&spec) == NULL);   /* too many */
    spec.nsegs = 2, spec.ncats = 0;
    CHECK(chart_bars(&spec) == NULL);   /* no categories */
    spec.ncats = 2, spec.cats = NULL;
    CHECK(chart_bars(&spec) == NULL);
    CHECK(chart_bars(NULL) == NULL);
    chart_free(NULL);
}

/* A scale of four grades, two of them met: four parts stacked best first,
 * each tone's second part in its second shade, and the legend's keys
 * apart however many digits their labels have. */
static void test_bars_segments(struct check *ck)
{
    static const struct chart_bar_segment segs[] = {
        {"120%以上", 1}, {"100%以上120%未満", 1}, {"70%以上100%未満", 0}, {"70%未満", 0},
    };
    const struct chart_bar_cat cats[] = {{"基本目標1", {1, 2, 3, 4}}, {"基本目標2", {0, 0, 0, 5}}};
    struct chart_bars_spec spec = {"t", "d", segs, 4, cats, 2, NULL};
    struct chart *c = chart_bars(&spec);
    const struct chart_item *a, *b, *x, *d, *e;
    double unit;

    if (c == NULL) {
        CHECK(c != NULL);
        return;
    }
    CHECK_TICKS("0|2|4|6|8|10", c);
    /* 2 strong parts and 1+2 light ones, and a swatch of each in the legend */
    CHECK_INT(2 + 2, count(c, CI_RECT, CR_BAR_MET));
    CHECK_INT(3 + 2, count(c, CI_RECT, CR_BAR_UNMET));
    a = nth(c, CI_RECT, CR_BAR_MET, 0);
    b = nth(c, CI_RECT, CR_BAR_MET, 1);
    x = nth(c, CI_RECT, CR_BAR_UNMET, 0);
    d = nth(c, CI_RECT, CR_BAR_UNMET, 1);
    e = nth(c, CI_RECT, CR_BAR_UNMET, 2);
    CHECK_INT(0, a->series);
    CHECK_INT(1, b->series);
    CHECK_INT(0, x->series);
    CHECK_INT(1, d->series);
    CHECK_INT(1, e->series);                  /* goal 2: only the worst grade */
    unit = a->h;
    CHECK_NEAR(2 * unit, b->h);
    CHECK_NEAR(3 * unit, x->h);
    CHECK_NEAR(4 * unit, d->h);
    CHECK_NEAR(5 * unit, e->h);
    CHECK_NEAR(a->y, b->y + b->h);            /* stacked, best at the bottom */
    CHECK_NEAR(b->y, x->y + x->h);
    CHECK_NEAR(x->y, d->y + d->h);
    CHECK_NEAR(tick_y(c, "0"), e->y + e->h);  /* nothing below: on the baseline */
    /* the shades differ, and only the dark one takes light text */
    CHECK(chart_colour(a) != chart_colour(b));
    CHECK(chart_colour(x) != chart_colour(d));
    CHECK_INT(CR_VALUE_INVERSE, text_item(c, "1")->role);
    CHECK_INT(CR_VALUE, text_item(c, "2")->role);
    CHECK_INT(CR_VALUE, text_item(c, "4")->role);
    /* the legend: each label ends before the next key's swatch, as wide
       as the font draws digits and % (0.65 and 0.9 em) */
    for (size_t i = 0; i + 1 < 4; i++) {
        const struct chart_item *t = text_item(c, segs[i].label);
        const struct chart_item *next = text_item(c, segs[i + 1].label);
        double wide = 0;
        for (const unsigned char *p = (const unsigned char *)segs[i].label; *p; p++)
            wide += *p == '%' ? 0.9 : *p >= '0' && *p <= '9' ? 0.65 : *p >= 0xC0 ? 1 : 0;
        CHECK(t != NULL && next != NULL);
        if (t && next && t->y == next->y)     /* clear of the next swatch (0.8 em, 0.4 em before the text) */
            CHECK(t->x + wide * t->h + 0.2 * t->h <= next->x - 1.2 * next->h);
    }
    chart_free(c);
}

/* Seven long goal names: wrapped within their slots, never overlapping. */
static void test_bars_long_labels(struct check *ck)
{
    const struct chart_bar_cat cats[] = {
        {"基本目標1 しごとをつくり、安心して働けるようにする", {10, 8}},
        {"基本目標2 新しいひとの流れをつくる", {4, 3}},
        {"基本目標3 若い世代の結婚・出産・子育ての希望をかなえる", {6, 1}},
        {"基本目標4 時代に合った地域をつくり、安心なくらしを守る", {6, 6}},
        {"Basic goal 5 with a rather long English name", {15, 5}},
        {"基本目標6", {1, 0}},
        {"基本目標7（仮称）", {0, 2}},
    };
    struct chart_bars_spec spec = {"t", "d", TWO_SEGS, 2, cats, 7,
                                   NULL};
    struct chart *c = chart_bars(&spec);
    const struct chart_item *a, *b;
    double slot;
    int ellipsis = 0, cat_texts = 0;

    if (c == NULL) {
        CHECK(c != NULL);
        return;
    }
    slot = (nth(c, CI_RECT, CR_BAR_MET, 1)->x -
            nth(c, CI_RECT, CR_BAR_MET, 0)->x);
    for (size_t i = 0; i < c->nitems; i++) {
        a = &c->items[i];
        if (a->kind != CI_TEXT || a->role != CR_LABEL || a->anchor != CA_MIDDLE)
            continue;
        cat_texts++;
        CHECK(a->w <= slot);
        CHECK(a->y < c->height);
        if (strstr(a->text, "…") != NULL)
            ellipsis++;
        for (size_t j = i + 1; j < c->nitems; j++) {
            b = &c->items[j];
            if (b->kind == CI_TEXT && b->role == CR_LABEL &&
                b->anchor == CA_MIDDLE)
                CHECK(!texts_overlap(a, b));
        }
    }
    CHECK(cat_texts > 7);   /* some labels wrapped */
    CHECK(ellipsis > 0);    /* and the longest were cut */
    /* the name's own space is where it breaks */
    CHECK(text_item(c, "基本目標2") != NULL);
    CHECK(text_item(c, "Basic goal 5") != NULL);
    CHECK(text_item(c, "基本目標6") != NULL);
    CHECK_NEAR(300, c->height);
    chart_free(c);
}

/* ---- lines ----------------------------------------------------------------- */

static void test_lines_gap(struct check *ck)
{
    const double v[] = {10, 12, NAN, 15, 16, 18};
    const double w[] = {10, NAN, 12};
    struct chart_point pts[7];
    struct chart *c = one_series(v, 6, 0, pts);
    const struct chart_item *p0, *p1;

    if (c == NULL) {
        CHECK(c != NULL);
        return;
    }
    CHECK_INT(2, count(c, CI_POLYLINE, CR_SERIES));
    p0 = nth(c, CI_POLYLINE, CR_SERIES, 0);
    p1 = nth(c, CI_POLYLINE, CR_SERIES, 1);
    CHECK_INT(2, p0->npts);
    CHECK_INT(3, p1->npts);
    CHECK_INT(5, count(c, CI_MARKER, CR_SERIES));
    /* points sit over their category labels, at their values */
    CHECK_NEAR(text_item(c, "H25")->x, p0->pts[0]);
    CHECK_NEAR(text_item(c, "H28")->x, p1->pts[0]);
    CHECK_NEAR(text_item(c, "H30")->x, p1->pts[4]);
    CHECK_NEAR(tick_y(c, "10"), p0->pts[1]);
    CHECK_NEAR(tick_y(c, "15"), p1->pts[1]);
    CHECK_NEAR((p1->pts[3] + p1->pts[5]) / 2, tick_y(c, "15") +
               (tick_y(c, "20") - tick_y(c, "15")) * 2 / 5);
    CHECK_INT(0, count(c, CI_TEXT, CR_LEGEND));   /* one series: no legend */
    CHECK_INT(CR_TITLE, text_item(c, "人")->role);
    chart_free(c);

    /* isolated points: markers, no line */
    c = one_series(w, 3, 0, pts);
    CHECK_INT(0, count(c, CI_POLYLINE, CR_SERIES));
    CHECK_INT(2, count(c, CI_MARKER, CR_SERIES));
    chart_free(c);
}

/* Category labels shrink a little rather than break "平成26年度". */
static void test_lines_cat_font(struct check *ck)
{
    static const char *const fy[] = {"平成26年度", "平成27年度",
                                     "平成28年度（見込み）", "平成29年度",
                                     "平成30年度", "令和元年度", "令和2年度"};
    const double v[] = {1, 2, 3, 4, 5, 6, 7};
    struct chart_point pts[7];
    struct chart_line_series s = {.label = NULL, .pts = pts};
    struct chart_lines_spec spec = {"t", "d", NULL, fy, 7, &s, 1,
                                    0, 0, 0, NULL, 0, 0};
    const struct chart_item *t;
    struct chart *c;

    points(pts, v, 7);
    c = chart_lines(&spec);
    t = text_item(c, "平成26年度");
    CHECK(t != NULL && t->h < 10 && t->h >= 8);
    CHECK(text_item(c, "令和2年度") != NULL);
    CHECK(text_item(c, "平成28年度") != NULL);   /* wraps before "（" */
    CHECK(text_item(c, "（見込み）") != NULL);
    chart_free(c);

    c = one_series(v, 7, 0, pts);   /* "H25": room enough */
    CHECK_NEAR(10, text_item(c, "H25")->h);
    chart_free(c);
}

static void test_lines_target(struct check *ck)
{
    const double v[] = {8000, 9500, 12000, 16474, 15800, 15950};
    struct chart_point pts[6];
    struct chart_line_series s = {.label = NULL, .pts = pts};
    struct chart_lines_spec spec = {"観光入込客数", "d", "人", YEARS + 1, 6,
                                    &s, 1, 1, 16000, 5, "目標 16,000人", 0, 0};
    const struct chart_item *line, *dia, *lab, *hol;
    struct chart *c;
    double y0, y20k;

    points(pts, v, 6);
    pts[3].text = "16,474";
    pts[5].hollow = 1;
    c = chart_lines(&spec);
    if (c == NULL) {
        CHECK(c != NULL);
        return;
    }
    CHECK_NEAR(360, c->width);
    CHECK_NEAR(200, c->height);
    CHECK_TICKS("0|5,000|10,000|15,000|20,000", c);
    y0 = tick_y(c, "0");
    y20k = tick_y(c, "20,000");
    line = nth(c, CI_LINE, CR_TARGET, 0);
    dia = nth(c, CI_MARKER, CR_TARGET, 0);
    CHECK(line != NULL && dia != NULL);
    if (line == NULL || dia == NULL)
        return;
    CHECK_INT(1, line->dashed);
    CHECK_NEAR(y0 + (y20k - y0) * 16000 / 20000, line->y);
    CHECK_NEAR(line->y, line->h);              /* horizontal */
    CHECK_NEAR(line->y, dia->y);
    CHECK_INT(CM_DIAMOND, dia->marker);
    CHECK_NEAR(text_item(c, "H31")->x, dia->x);  /* in target_cat */
    lab = text_item(c, "目標 16,000人");
    CHECK(lab != NULL && lab->role == CR_TARGET);
    CHECK(text_item(c, "16,474") != NULL &&
          text_item(c, "16,474")->role == CR_VALUE);
    CHECK(text_item(c, "10,000") != NULL);
    hol = nth(c, CI_MARKER, CR_SERIES, 5);
    CHECK_INT(CM_HOLLOW_CIRCLE, hol->marker);
    CHECK_INT(CM_CIRCLE, nth(c, CI_MARKER, CR_SERIES, 4)->marker);
    /* the zero line is on the axis: the scale starts at zero */
    CHECK_NEAR(y0, nth(c, CI_LINE, CR_AXIS, 0)->y);
    chart_free(c);
}

/* Values far from zero get their own scale, with no zero baseline drawn. */
static void test_lines_own_scale(struct check *ck)
{
    const double v[] = {36500, 36100, 35800, 35400, 35050, 34700};
    struct chart_point pts[6];
    struct chart *c = one_series(v, 6, 0, pts);
    size_t full = 0;

    CHECK_TICKS("34,500|35,000|35,500|36,000|36,500", c);
    for (size_t i = 0; i < c->nitems; i++)
        if (c->items[i].kind == CI_LINE && c->items[i].role == CR_AXIS &&
            c->items[i].y == c->items[i].h && !is_tick(&c->items[i]))
            full++;
    CHECK_INT(0, full);
    chart_free(c);
}

/* A KPI written with 万/億 gets its ticks so: "5,000万", "1億", not
 * "50,000,000"; the same values without the flag stay plain. */
static void test_lines_man(struct check *ck)
{
    const double v[] = {0, 0, 0, 31000, 80000, 20000000};
    struct chart_point pts[6];
    struct chart_line_series s = {.label = NULL, .pts = pts};
    struct chart_lines_spec spec = {"t", "d", "円", YEARS, 6, &s, 1,
                                    1, 100000000, 5, "目標 1億円", 0, 1};
    struct chart *c;

    points(pts, v, 6);
    c = chart_lines(&spec);
    CHECK_TICKS("0|2,000万|4,000万|6,000万|8,000万|1億", c);
    chart_free(c);
    spec.target_v = 150000000;
    c = chart_lines(&spec);
    CHECK_TICKS("0|5,000万|1億|1.5億", c);
    chart_free(c);
    spec.man = 0;
    c = chart_lines(&spec);
    CHECK_TICKS("0|50,000,000|100,000,000|150,000,000", c);
    chart_free(c);
}

static void test_lines_negative(struct check *ck)
{
    const double v[] = {-5, -2.5, 1, 3};
    struct chart_point pts[4];
    struct chart *c = one_series(v, 4, 1, pts);

    CHECK_TICKS("△6|△4|△2|0|2|4", c);
    CHECK_NEAR(tick_y(c, "△4") + (tick_y(c, "△6") - tick_y(c, "△4")) / 2,
               nth(c, CI_MARKER, CR_SERIES, 0)->y);
    CHECK_NEAR(tick_y(c, "0"), nth(c, CI_LINE, CR_AXIS, 3)->y);
    chart_free(c);
}

static void test_lines_degenerate(struct check *ck)
{
    const double eq[] = {5, 5, 5}, zero[] = {0, 0}, one[] = {0.8};
    const double tiny[] = {0.3, 0.45, 0.8}, huge[] = {1e9, 1.2e9};
    struct chart_point pts[3];
    const struct chart_item *poly, *m;
    struct chart *c;

    c = one_series(eq, 3, 0, pts);   /* all equal: from zero to them */
    CHECK_TICKS("0|1|2|3|4|5", c);
    poly = nth(c, CI_POLYLINE, CR_SERIES, 0);
    CHECK_NEAR(tick_y(c, "5"), poly->pts[1]);
    CHECK_NEAR(tick_y(c, "5"), poly->pts[5]);
    chart_free(c);

    c = one_series(zero, 2, 0, pts);
    CHECK_TICKS("0|1", c);
    CHECK_NEAR(tick_y(c, "0"), nth(c, CI_MARKER, CR_SERIES, 1)->y);
    chart_free(c);

    c = one_series(one, 1, 1, pts);   /* a single point */
    CHECK_INT(0, count(c, CI_POLYLINE, CR_SERIES));
    m = nth(c, CI_MARKER, CR_SERIES, 0);
    CHECK(m != NULL && isfinite(m->x) && isfinite(m->y));
    CHECK_NEAR(text_item(c, "H25")->x, m->x);
    CHECK_TICKS("0.0|0.2|0.4|0.6|0.8", c);
    chart_free(c);

    c = one_series(tiny, 3, 2, pts);
    CHECK_TICKS("0.0|0.2|0.4|0.6|0.8", c);
    chart_free(c);

    c = one_series(huge, 2, 0, pts);
    CHECK_TICKS("0|500,000,000|1,000,000,000|1,500,000,000", c);
    for (size_t i = 0; i < c->nitems; i++)
        CHECK(isfinite(c->items[i].x) && isfinite(c->items[i].y));
    chart_free(c);
}

/* Series with targets of their own: a dashed line, a diamond and a label
 * each, and the axis reaches the higher one. */
static void test_lines_series_targets(struct check *ck)
{
    const double a[] = {78.4, 78.6, 78.8, 79.1, 79.2};
    const double b[] = {83.1, 82.6, 84.1, 84.0, 84.1};
    struct chart_point pa[6], pb[6];
    struct chart_line_series s[2] = {
        {.label = "男性", .pts = pa, .has_target = 1, .target_v = 79.34,
         .target_cat = 5, .target_label = "目標（男性） 79.34歳"},
        {.label = "女性", .pts = pb, .has_target = 1, .target_v = 90,
         .target_cat = 5, .target_label = "目標（女性） 90歳"},
    };
    struct chart_lines_spec spec = {"健康寿命", "d", "歳", YEARS + 1, 6,
                                    s, 2, 0, 0, 0, NULL, 2, 0};
    struct chart *c;

    points(pa, a, 5);
    points(pb, b, 5);
    pa[5].present = pb[5].present = 0;
    c = chart_lines(&spec);
    CHECK(c != NULL);
    if (c == NULL)
        return;
    CHECK_INT(2, (int)count(c, CI_LINE, CR_TARGET));
    CHECK_INT(2, (int)count(c, CI_MARKER, CR_TARGET));
    CHECK(text_item(c, "目標（男性） 79.34歳") != NULL &&
          text_item(c, "目標（男性） 79.34歳")->role == CR_TARGET);
    CHECK(text_item(c, "目標（女性） 90歳") != NULL);
    CHECK(nth(c, CI_LINE, CR_TARGET, 1)->dashed);
    /* the 90 target is inside the plot, above the 79.34 one */
    CHECK(nth(c, CI_LINE, CR_TARGET, 1)->y < nth(c, CI_LINE, CR_TARGET, 0)->y);
    CHECK(nth(c, CI_LINE, CR_TARGET, 1)->y >= 0);
    chart_free(c);
    s[1].target_cat = 6;   /* out of range */
    CHECK(chart_lines(&spec) == NULL);
    s[1].target_cat = 5, s[1].target_v = NAN;
    CHECK(chart_lines(&spec) == NULL);
}

static void test_lines_invalid(struct check *ck)
{
    double v[] = {1, 2, 3};
    struct chart_point pts[3];
    struct chart_line_series s = {.label = NULL, .pts = pts};
    struct chart_lines_spec spec = {"t", "d", NULL, YEARS, 3, &s, 1,
                                    1, 2, 2, "目標", 0, 0};
    struct chart *c;

    points(pts, v, 3);
    c = chart_lines(&spec);
    CHECK(c != NULL);
    chart_free(c);
    pts[1].v = NAN;
    CHECK(chart_lines(&spec) == NULL);
    pts[1].v = INFINITY;
    CHECK(chart_lines(&spec) == NULL);
    pts[1].v = -INFINITY;
    CHECK(chart_lines(&spec) == NULL);
    pts[1].v = 1e15;
    CHECK(chart_lines(&spec) == NULL);
    pts[1].present = 0;   /* an absent value is not looked at */
    pts[1].v = NAN;
    c = chart_lines(&spec);
    CHECK(c != NULL);
    chart_free(c);
    spec.target_v = NAN;
    CHECK(chart_lines(&spec) == NULL);
    spec.target_v = 2, spec.target_cat = 3;
    CHECK(chart_lines(&spec) == NULL);
    spec.target_cat = 2, spec.ncats = 0;
    CHECK(chart_lines(&spec) == NULL);
    spec.ncats = 3, s.pts = NULL;
    CHECK(chart_lines(&spec) == NULL);
    CHECK(chart_lines(NULL) == NULL);
}

/* Four series of seven years, every point labelled: a legend, and no two
 * labels on top of each other. */
static void test_lines_crowded(struct check *ck)
{
    static const double v[4][7] = {
        {35.2, 36.1, 37, 36.5, 38.2, 39.9, 40.3},
        {30.1, 31, NAN, 33.3, 34, 35, 36},
        {NAN, 20, 22.5, 25, 27, 28, 29},
        {40, 38, 36, 34, NAN, 30, 28},
    };
    static const char *const txt[4][7] = {
        {"35.2", "36.1", "37.0", "36.5", "38.2", "39.9", "40.3"},
        {"30.1", "31.0", "", "33.3", "34.0", "35.0", "36.0"},
        {"", "20.0", "22.5", "25.0", "27.0", "28.0", "29.0"},
        {"40.0", "38.0", "36.0", "34.0", "", "30.0", "28.0"},
    };
    struct chart_point pts[4][7];
    struct chart_line_series s[4] = {
        {.label = "網走市", .pts = pts[0]}, {.label = "北海道", .pts = pts[1]},
        {.label = "全国平均（参考値）", .pts = pts[2]}, {.label = NULL, .pts = pts[3]},
    };
    struct chart_lines_spec spec = {"t", "d", "%", YEARS, 7, s, 4,
                                    1, 45, 6, "目標 45.0%", 1, 0};
    const struct chart_item *a, *b;
    struct chart *c;
    size_t values = 0;

    for (int i = 0; i < 4; i++) {
        points(pts[i], v[i], 7);
        for (int j = 0; j < 7; j++)
            pts[i][j].text = txt[i][j];
    }
    c = chart_lines(&spec);
    if (c == NULL) {
        CHECK(c != NULL);
        return;
    }
    CHECK_INT(4, count(c, CI_TEXT, CR_LEGEND));
    CHECK(text_item(c, "系列4") != NULL);   /* the unnamed one */
    CHECK(text_item(c, "全国平均（参考値）") != NULL);
    CHECK(text_item(c, "目標 45.0%") != NULL);
    CHECK_INT(1, nth(c, CI_POLYLINE, CR_SERIES, 2)->series);
    for (size_t i = 0; i < c->nitems; i++) {
        a = &c->items[i];
        if (a->kind != CI_TEXT)
            continue;
        CHECK(a->y - a->h * 0.88 >= 0 && a->y <= c->height);
        if (a->role != CR_VALUE && a->role != CR_TARGET)
            continue;
        values += a->role == CR_VALUE;
        for (size_t j = 0; j < c->nitems; j++) {
            b = &c->items[j];
            if (j > i && b->kind == CI_TEXT &&
                (b->role == CR_VALUE || b->role == CR_TARGET))
                CHECK(!texts_overlap(a, b));
            if (b->kind == CI_MARKER)   /* no label hides a point */
                CHECK(!covers(a, b));
        }
    }
    CHECK(values >= 14);   /* most labels found a place */
    chart_free(c);
}

/* ---- SVG ------------------------------------------------------------------- */

static struct chart *sample_bars(const char *evil)
{
    struct chart_bar_cat cats[] = {{evil, {3, 2}}, {"基本目標2", {1, 4}}};
    struct chart_bars_spec spec = {evil, "基本目標別の達成状況", TWO_SEGS, 2, cats, 2, NULL};

    return chart_bars(&spec);
}

static struct chart *sample_lines(void)
{
    static const double v[2][4] = {{1200, 1350.5, NAN, 1600},
                                   {1100, 1000, 1250, 1300}};
    static struct chart_point pts[2][4];
    struct chart_line_series s[2] = {{.label = "市", .pts = pts[0]}, {.label = "道", .pts = pts[1]}};
    struct chart_lines_spec spec = {"人口", "推移", "人", YEARS, 4, s, 2,
                                    1, 1500, 3, "目標 1,500人", 1, 0};

    points(pts[0], v[0], 4);
    points(pts[1], v[1], 4);
    pts[0][3].hollow = 1;
    pts[0][1].text = "1,350.5";
    return chart_lines(&spec);
}

static char *svg_of(const struct chart *c, const char *id)
{
    struct buf b = BUF_INIT;
    char *s;

    chart_svg(c, id, &b);
    s = xstrdup(buf_str(&b));
    buf_free(&b);
    return s;
}

static xmlDocPtr parse(const char *s)
{
    return xmlReadMemory(s, (int)strlen(s), "chart.svg", "UTF-8",
                         XML_PARSE_NONET);
}

static const char *attr(xmlNodePtr n, const char *name, char *buf,
                        size_t size)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);

    buf[0] = '\0';
    if (v != NULL) {
        snprintf(buf, size, "%s", (const char *)v);
        xmlFree(v);
        return buf;
    }
    return NULL;
}

/* -?digits(.d or .dd): the fixed-point form chart_svg promises. */
static int fixed_point(const char *s)
{
    const char *dot;
    size_t i = s[0] == '-';

    if (s[i] < '0' || s[i] > '9')
        return 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (s[i] == '\0')
        return 1;
    dot = s + i;
    return *dot == '.' && strspn(dot + 1, "0123456789") == strlen(dot + 1) &&
           strlen(dot + 1) >= 1 && strlen(dot + 1) <= 2;
}

struct walk {
    char ids[64][64];
    int nids, dup, badprefix, texts, anchors, classes, elements, numbers,
        badnumbers;
};

static void walk(xmlNodePtr n, const char *prefix, struct walk *w)
{
    static const char *const nums[] = {"x", "y", "x1", "y1", "x2", "y2", "cx",
                                       "cy", "r", "width", "height",
                                       "font-size"};
    char v[512];

    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        w->elements++;
        if (attr(n, "id", v, sizeof v) != NULL) {
            if (strncmp(v, prefix, strlen(prefix)) != 0)
                w->badprefix++;
            for (int i = 0; i < w->nids; i++)
                if (strcmp(w->ids[i], v) == 0)
                    w->dup++;
            if (w->nids < 64)
                snprintf(w->ids[w->nids++], sizeof w->ids[0], "%s", v);
        }
        if (attr(n, "class", v, sizeof v) != NULL && strncmp(v, "kc-", 3) == 0)
            w->classes++;
        if (strcmp((const char *)n->name, "text") == 0) {
            w->texts++;
            w->anchors += attr(n, "text-anchor", v, sizeof v) != NULL;
        }
        for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
            if (strcmp((const char *)n->name, "svg") != 0 &&
                attr(n, nums[i], v, sizeof v) != NULL) {
                w->numbers++;
                w->badnumbers += !fixed_point(v);
            }
        walk(n->children, prefix, w);
    }
}

static void check_svg(struct check *ck, const struct chart *c,
                      const char *id, const char *viewbox)
{
    char *s = svg_of(c, id), v[512], want[128];
    xmlDocPtr doc = parse(s);
    xmlNodePtr root;
    struct walk w;

    memset(&w, 0, sizeof w);
    CHECK(doc != NULL);   /* well-formed */
    if (doc == NULL) {
        free(s);
        return;
    }
    root = xmlDocGetRootElement(doc);
    CHECK_STR("svg", (const char *)root->name);
    CHECK(root->ns != NULL && strcmp((const char *)root->ns->href,
                                     "http://www.w3.org/2000/svg") == 0);
    CHECK_STR(id, attr(root, "id", v, sizeof v));
    CHECK_STR(viewbox, attr(root, "viewBox", v, sizeof v));
    CHECK_STR("img", attr(root, "role", v, sizeof v));
    snprintf(want, sizeof want, "%s-title %s-desc", id, id);
    CHECK_STR(want, attr(root, "aria-labelledby", v, sizeof v));
    CHECK_STR("'Noto Sans CJK JP','IPAexGothic',sans-serif",
              attr(root, "font-family", v, sizeof v));
    CHECK_STR("title", (const char *)xmlFirstElementChild(root)->name);
    walk(root, id, &w);
    CHECK_INT(3, w.nids);   /* svg, title, desc */
    CHECK_INT(0, w.dup);
    CHECK_INT(0, w.badprefix);
    CHECK_INT(count_texts(c), w.texts);
    CHECK_INT(w.texts, w.anchors);
    CHECK_INT(c->nitems + 1, w.classes);   /* every item, and the svg */
    CHECK_INT(c->nitems + 3, w.elements);
    CHECK(w.numbers > 20);
    CHECK_INT(0, w.badnumbers);
    xmlFreeDoc(doc);
    free(s);
}

static void test_svg_wellformed(struct check *ck)
{
    struct chart *b = sample_bars("基本目標1"), *l = sample_lines();

    check_svg(ck, b, "fig-bars", "0 0 640 300");
    check_svg(ck, l, "kpi_1-2", "0 0 360 200");
    chart_free(b);
    chart_free(l);
}

static void test_svg_escape(struct check *ck)
{
    const char *evil = "<script>alert(1)</script>";
    struct chart *c = sample_bars(evil);
    char *s = svg_of(c, "x");
    xmlDocPtr doc = parse(s);
    xmlNodePtr title;
    xmlChar *content;
    int texts = 0;

    CHECK(strstr(s, "<script>") == NULL);
    CHECK(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    CHECK(doc != NULL);
    if (doc != NULL) {
        title = xmlFirstElementChild(xmlDocGetRootElement(doc));
        content = xmlNodeGetContent(title);
        CHECK_STR(evil, (const char *)content);   /* read back intact */
        xmlFree(content);
        for (xmlNodePtr n = xmlFirstElementChild(xmlDocGetRootElement(doc));
             n != NULL; n = xmlNextElementSibling(n)) {
            content = xmlNodeGetContent(n);
            texts += strcmp((const char *)content, evil) == 0;
            xmlFree(content);
        }
        CHECK(texts >= 2);   /* the title and the category label */
        xmlFreeDoc(doc);
    }
    free(s);
    chart_free(c);

    /* control characters and broken UTF-8 still give well-formed markup */
    c = sample_bars("a\x01" "b\x1b\xff\xfe\xe3\x81\"&'");
    s = svg_of(c, "y");
    doc = parse(s);
    CHECK(doc != NULL);
    xmlFreeDoc(doc);
    free(s);
    chart_free(c);

    /* an id prefix outside [A-Za-z0-9_-] is made safe, not trusted */
    c = sample_lines();
    s = svg_of(c, "a b\"<");
    doc = parse(s);
    CHECK(doc != NULL);
    CHECK(strstr(s, "id=\"a_b__\"") != NULL);
    xmlFreeDoc(doc);
    free(s);
    chart_free(c);
}

static void test_svg_classes(struct check *ck)
{
    struct chart *c = sample_lines();
    char *s = svg_of(c, "k");

    CHECK(strstr(s, "<polyline class=\"kc-series kc-series-1\"") != NULL);
    CHECK(strstr(s, "<circle class=\"kc-series kc-series-0 kc-hollow\"") != NULL);
    CHECK(strstr(s, "<path class=\"kc-target\"") != NULL);
    CHECK(strstr(s, "<line class=\"kc-target\"") != NULL);
    CHECK(strstr(s, "stroke-dasharray=") != NULL);
    CHECK(strstr(s, "<text class=\"kc-legend\"") != NULL);
    CHECK(strstr(s, "<text class=\"kc-label\"") != NULL);
    CHECK(strstr(s, ">1,350.5</text>") != NULL);
    CHECK(strstr(s, "text-anchor=\"end\"") != NULL);
    CHECK(strstr(s, "<line class=\"kc-grid\"") != NULL);
    free(s);
    chart_free(c);

    c = sample_bars("A");
    s = svg_of(c, "k");
    CHECK(strstr(s, "<rect class=\"kc-bar-met\"") != NULL);
    CHECK(strstr(s, "<rect class=\"kc-bar-unmet\"") != NULL);
    CHECK(strstr(s, "<text class=\"kc-value-inverse\"") != NULL);
    free(s);
    chart_free(c);
}

/* Two runs, and runs under locales with a decimal comma, are identical. */
static void test_svg_deterministic(struct check *ck)
{
    static const char *const locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8",
                                          "ja_JP.UTF-8", "C.UTF-8"};
    struct chart *c1 = sample_lines(), *c2 = sample_lines();
    char *a = svg_of(c1, "d"), *b = svg_of(c1, "d"), *o;

    CHECK_STR(a, b);
    free(b);
    b = svg_of(c2, "d");
    CHECK_STR(a, b);
    free(b);
    for (size_t i = 0; i < sizeof locales / sizeof locales[0]; i++) {
        if (setlocale(LC_ALL, locales[i]) == NULL)
            continue;
        chart_free(c2);
        c2 = sample_lines();
        o = svg_of(c2, "d");
        CHECK_STR(a, o);
        free(o);
    }
    setlocale(LC_ALL, "C");
    free(a);
    chart_free(c1);
    chart_free(c2);
}

int main(void)
{
    struct check c = {0, 0}, *ck = &c;

    LIBXML_TEST_VERSION
    test_text_width(ck);
    test_bars_geometry(ck);
    test_bars_segments(ck);
    test_bars_ticks(ck);
    test_bars_invalid(ck);
    test_bars_long_labels(ck);
    test_lines_gap(ck);
    test_lines_cat_font(ck);
    test_lines_target(ck);
    test_lines_own_scale(ck);
    test_lines_negative(ck);
    test_lines_man(ck);
    test_lines_degenerate(ck);
    test_lines_series_targets(ck);
    test_lines_invalid(ck);
    test_lines_crowded(ck);
    test_svg_wellformed(ck);
    test_svg_escape(ck);
    test_svg_classes(ck);
    test_svg_deterministic(ck);
    xmlCleanupParser();
    return check_done(ck);
}
