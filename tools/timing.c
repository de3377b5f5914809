/*
 * timing.c - wall time per stage and peak RSS (see timing.h).
 */
#include "timing.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const char *const stage_names[T__COUNT] = {
	[T_LOAD] = "load",
	[T_SCHEMA] = "schema",
	[T_EVAL] = "model+evaluate",
	[T_RULES] = "rules",
	[T_ENRICH] = "enrich",
	[T_XSLT] = "XSLT",
	[T_LAYOUT] = "layout",
	[T_DRAW] = "PDF drawing",
	[T_PAGES] = "PDF pages",
	[T_FONTS] = "PDF fonts",
	[T_PDF_UA] = "PDF/UA",
};

double timing_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void timing_init(struct timing *t)
{
	memset(t, 0, sizeof *t);
	t->start = timing_now();
}

void timing_add(struct timing *t, enum timing_stage s, double since)
{
	if (t == NULL)
		return;
	t->sec[s] += timing_now() - since;
	t->runs[s]++;
}

void timing_report(const struct timing *t, FILE *f)
{
	double total = timing_now() - t->start, staged = 0;
	fprintf(f, "kpic: time report\n");
	fprintf(f, "  %-16s %10s %6s\n", "stage", "seconds", "%");
	for (int s = 0; s < T__COUNT; s++) {
		if (t->runs[s] == 0) {
			fprintf(f, "  %-16s %10s %6s\n", stage_names[s], "-", "-");
			continue;
		}
		staged += t->sec[s];
		fprintf(f, "  %-16s %10.4f %6.1f\n", stage_names[s], t->sec[s],
		        total > 0 ? 100 * t->sec[s] / total : 0.0);
	}
	double rest = total > staged ? total - staged : 0;
	fprintf(f, "  %-16s %10.4f %6.1f\n", "other", rest, total > 0 ? 100 * rest / total : 0.0);
	fprintf(f, "  %-16s %10.4f %6.1f\n", "total", total, 100.0);
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) == 0)   /* ru_maxrss is in KiB on Linux */
		fprintf(f, "  %-16s %10.1f MiB\n", "peak RSS", (double)ru.ru_maxrss / 1024);
}
