/*
 * check.h - the smallest test harness kpic's unit tests need.
 *
 * Unit tests are plain programs so they build with one gcc line and no
 * framework.  Counters live in a struct check that each test function
 * receives as `ck` (the macros refer to that name), so the harness keeps no
 * global state; the helpers are static inline so a test that leaves one
 * unused still compiles under -Werror.  Every failure prints
 * `file:line: expected "…", got "…"`, which editors can jump to, and
 * check_done() prints `N passed, M failed` and gives the exit status, so
 * make and CI see failures without parsing anything.
 */
#ifndef KPIC_CHECK_H
#define KPIC_CHECK_H

#include <stdio.h>
#include <string.h>

struct check {
    int passed;
    int failed;
};

static inline void check_str_at(struct check *ck, const char *file,
                                int line, const char *expected,
                                const char *got)
{
    if (expected != NULL && got != NULL && strcmp(expected, got) == 0) {
        ck->passed++;
        return;
    }
    ck->failed++;
    printf("%s:%d: expected \"%s\", got \"%s\"\n", file, line,
           expected ? expected : "(null)", got ? got : "(null)");
}

static inline void check_int_at(struct check *ck, const char *file,
                                int line, long long expected, long long got)
{
    if (expected == got) {
        ck->passed++;
        return;
    }
    ck->failed++;
    printf("%s:%d: expected \"%lld\", got \"%lld\"\n", file, line, expected,
           got);
}

/* Prints the summary line; the result is main's exit status. */
static inline int check_done(const struct check *ck)
{
    printf("%d passed, %d failed\n", ck->passed, ck->failed);
    return ck->failed > 0;
}

#define CHECK_STR(expected, got) \
    check_str_at(ck, __FILE__, __LINE__, (expected), (got))
#define CHECK_INT(expected, got) \
    check_int_at(ck, __FILE__, __LINE__, (long long)(expected), \
                 (long long)(got))

#endif
