/*
 * timing.h - wall time per compiler stage, for `kpic --time-report`.
 *
 * The caller owns one struct timing and passes it down explicitly; every
 * stage adds the time it took (CLOCK_MONOTONIC) to its slot, so a command
 * that compiles two sources (diff) reports the sum.  A NULL struct timing
 * records nothing, so code that times a stage needs no test of its own.
 */
#ifndef KPIC_TIMING_H
#define KPIC_TIMING_H

#include <stdio.h>

enum timing_stage {
	T_LOAD,       /* reading and parsing the source */
	T_SCHEMA,     /* loading kpic.rng and validating against it */
	T_EVAL,       /* building the model and evaluating every KPI */
	T_RULES,      /* the semantic rules */
	T_ENRICH,     /* the enriched XML the stylesheets read */
	T_XSLT,       /* stylesheet compilation and transformation */
	T_LAYOUT,     /* the layout engine: measuring and breaking into pages */
	T_DRAW,       /* drawing the pages: kpic's calls through pango into cairo */
	T_PAGES,      /* cairo writing each page's content stream (cairo_show_page) */
	T_FONTS,      /* cairo subsetting and embedding the fonts (surface finish) */
	T_PDF_UA,     /* libqpdf finishing the file as PDF/UA (pdf_ua.c) */
	T__COUNT
};

struct timing {
	double start;                /* timing_now() when the command began */
	double sec[T__COUNT];        /* seconds spent per stage */
	unsigned runs[T__COUNT];     /* how many times each stage ran */
};

/* Seconds on CLOCK_MONOTONIC. */
double timing_now(void);

/* Starts t (sets start, clears every slot). */
void timing_init(struct timing *t);

/* Adds timing_now() - since to stage s of t; nothing when t is NULL. */
void timing_add(struct timing *t, enum timing_stage s, double since);

/* Prints the table: every stage (seconds, or '-' when it did not run), the
 * rest of the wall time, the total, and the process's peak RSS. */
void timing_report(const struct timing *t, FILE *f);

#endif
