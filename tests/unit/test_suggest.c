/*
 * test_suggest.c - unit tests for tools/suggest.c: which misspellings get a
 * "did you mean", and which near names must not.
 */
#include "check.h"
#include "suggest.h"

/* The suggestion for word among the NULL-terminated candidates, or "". */
static const char *best_of(const char *word, const char *const *cands)
{
	static struct suggest s;
	suggest_init(&s, word);
	for (size_t i = 0; cands[i]; i++)
		suggest_offer(&s, cands[i], i);
	const char *b = suggest_best(&s, NULL);
	return b ? b : "";
}

int main(void)
{
	struct check c = {0, 0}, *ck = &c;
	static const char *const kpis[] = { "g1-workers", "g1-haccp", "g2-births", NULL };
	static const char *const depts[] = { "kikaku", "shoko", "suisan", NULL };
	static const char *const ties[] = { "g1-m1", "g1-m2", NULL };
	static const char *const kanji[] = { "企画調整課", "商工労働課", NULL };

	CHECK_STR("g1-workers", best_of("g1-worker", kpis));     /* a letter left out */
	CHECK_STR("g1-haccp", best_of("g1-hacpc", kpis));        /* two letters swapped */
	CHECK_STR("shoko", best_of("shouko", depts));
	CHECK_STR("kikaku", best_of("kikaku2", depts));
	CHECK_STR("", best_of("zaisei", depts));                 /* nothing close */
	CHECK_STR("", best_of("g1-m3", ties));                   /* two as close: no guess */
	CHECK_STR("", best_of("g9", kpis));                      /* too short to guess */
	CHECK_STR("", best_of("g1-workers", kpis));              /* the word itself */
	CHECK_STR("商工労働課", best_of("商工労務課", kanji));   /* counted in characters */
	CHECK_STR("", best_of("", kpis));
	return check_done(ck);
}
