/*
 * layout_run.c - the layout engine on its own, for development and tests.
 *
 *   layout-run IN.xml OUT.pdf [BOXES.jsonl]
 *
 * IN.xml is a layout document (templates/layout.rng).  Warnings are printed
 * as "IN.xml:SRC: warning: MESSAGE [rule]".  SOURCE_DATE_EPOCH, when set,
 * is the PDF's creation date.  <figure kind="sample" ref="bars|lines"> gets a
 * sample chart, so that figures can be tested without the evaluation.
 * Exit status: 0 written (warnings allowed), 1 layout failed, 2 usage or I/O.
 */
#include "buf.h"
#include "chart.h"
#include "layout.h"
#include "output.h"
#include "version.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct chart *sample_bars(void)
{
	static const struct chart_bar_cat cats[] = {
		{"基本目標1", {3, 5}}, {"基本目標2", {4, 1}}, {"基本目標3", {1, 5}}, {"基本目標4", {6, 0}},
	};
	static const struct chart_bar_segment segs[] = { { "80%以上", 1 }, { "80%未満", 0 } };
	struct chart_bars_spec s = {
		.title = "目標別の達成状況",
		.desc = "基本目標ごとの、達成率80%以上と80%未満のKPIの数。",
		.segs = segs, .nsegs = 2, .unit = "指標数",
		.cats = cats, .ncats = sizeof cats / sizeof cats[0],
	};
	return chart_bars(&s);
}

static struct chart *sample_lines(void)
{
	static const char *const cats[] = { "H26", "H27", "H28", "H29", "H30", "R1" };
	static const struct chart_point pts[] = {
		{ 1, 39077, 0, "39,077" }, { 1, 38700, 0, NULL }, { 1, 38200, 0, NULL },
		{ 1, 37600, 0, NULL }, { 1, 37000, 1, "37,000" }, { 0, 0, 0, NULL },
	};
	static const struct chart_line_series series[] = { { .label = NULL, .pts = pts } };
	struct chart_lines_spec s = {
		.title = "人口の推移", .desc = "人口は平成26年の39,077人から減少している。",
		.unit = "人", .cats = cats, .ncats = 6, .series = series, .nseries = 1,
		.has_target = 1, .target_v = 36000, .target_cat = 5, .target_label = "目標 36,000人",
	};
	return chart_lines(&s);
}

static struct chart *figure(void *ud, const char *kind, const char *ref)
{
	(void)ud;
	if (strcmp(kind, "sample") != 0)
		return NULL;
	return ref != NULL && strcmp(ref, "lines") == 0 ? sample_lines() : sample_bars();
}

static void warn(void *ud, int src, const char *rule, const char *message)
{
	if (src > 0)
		fprintf(stderr, "%s:%d: warning: %s [%s]\n", (const char *)ud, src, message, rule);
	else
		fprintf(stderr, "%s: warning: %s [%s]\n", (const char *)ud, message, rule);
}

static long long epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (s == NULL || *s == '\0')
		return -1;
	long long v = strtoll(s, &end, 10);
	return *end == '\0' && v >= 0 ? v : -1;
}

static int write_out(const char *path, const struct buf *b, const char *in)
{
	const char *inputs[] = { in, NULL };
	char err[512];
	if (output_write(path, b->data ? b->data : "", b->len, inputs, err, sizeof err) != 0) {
		fprintf(stderr, "layout-run: %s\n", err);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fputs("usage: layout-run IN.xml OUT.pdf [BOXES.jsonl]\n", stderr);
		return 2;
	}
	xmlDoc *doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET);
	if (doc == NULL) {
		fprintf(stderr, "layout-run: %s: cannot read it as XML\n", argv[1]);
		return 2;
	}
	struct layout_host host = { figure, warn, argv[1] };
	struct layout_opts opts = { NULL, "kpic " KPIC_VERSION, epoch(), NULL, NULL, NULL };
	struct buf pdf = BUF_INIT, boxes = BUF_INIT, err = BUF_INIT;
	int rc = 0;
	if (layout_pdf(doc, &host, &opts, &pdf, argc == 4 ? &boxes : NULL, &err) != 0) {
		fprintf(stderr, "%s: error: %s", argv[1], buf_str(&err));
		rc = 1;
	} else if (write_out(argv[2], &pdf, argv[1]) != 0 || (argc == 4 && write_out(argv[3], &boxes, argv[1]) != 0)) {
		rc = 2;
	}
	buf_free(&pdf);
	buf_free(&boxes);
	buf_free(&err);
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return rc;
}
