/*
 * fuzz.h - what kpic's libFuzzer harnesses (tests/fuzz/fuzz_*.c) share.
 *
 * A harness checks more than "no crash": each output kpic makes from an
 * input must be what its contract says (valid UTF-8, valid JSON, well-formed
 * XML, a result that agrees with the diagnostics).  FUZZ_ASSERT turns a
 * broken contract into an abort, which libFuzzer reports like a crash and
 * saves the input of.
 *
 * Sources are read by path (load_source() reads a file), so the harnesses
 * write each input to one file in a private temporary directory, removed at
 * exit.  The templates directory is $KPIC_TEMPLATES, or templates/ of the
 * tree the harness was built in (build/fuzz/NAME -> ../../templates).
 *
 * Everything here is static inline: each harness is one translation unit,
 * and uses what it needs.
 */
#ifndef KPIC_FUZZ_H
#define KPIC_FUZZ_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jfmt.h"
#include "schema.h"

#define FUZZ_ASSERT(cond, ...)                                                 \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: broken invariant: %s: ",      \
			        __FILE__, __LINE__, #cond);                    \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			abort();                                               \
		}                                                              \
	} while (0)

static char fuzz_dir[PATH_MAX];
static char fuzz_path[PATH_MAX];

static inline void fuzz_cleanup(void)
{
	if (fuzz_path[0])
		unlink(fuzz_path);
	if (fuzz_dir[0])
		rmdir(fuzz_dir);
}

/* The file each input is written to, as NAME in a fresh private directory. */
static inline const char *fuzz_input_file(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/kpic-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("kpic fuzz: mkdtemp");
		exit(1);
	}
	snprintf(fuzz_path, sizeof fuzz_path, "%s/%s", fuzz_dir, name);
	atexit(fuzz_cleanup);
	return fuzz_path;
}

static inline void fuzz_write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(fuzz_path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror("kpic fuzz: writing the input file");
		exit(1);
	}
}

/* kpic's templates directory, for the schema and the stylesheets. */
static inline const char *fuzz_templates(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("KPIC_TEMPLATES");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return "templates";
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(dir, sizeof dir, "%s/../../templates", exe);
	return dir;
}

/* kpic.rng from the templates directory, loaded once per harness; a harness
 * without its schema cannot run at all. */
static inline struct schema *fuzz_schema(const char *harness)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/kpic.rng", fuzz_templates());
	struct schema *sc = schema_load(path);
	if (sc == NULL) {
		fprintf(stderr, "%s: cannot load the schema %s (set KPIC_TEMPLATES)\n", harness, path);
		exit(1);
	}
	return sc;
}

static inline int fuzz_utf8(const char *s, size_t len)
{
	return jfmt_utf8_valid(s, len, NULL);
}

/* ---- a strict JSON syntax check (RFC 8259), for kpic's JSON outputs ---- */

struct fuzz_json {
	const char *p, *end;
	int depth;
};

static inline void json_ws(struct fuzz_json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static inline int json_lit(struct fuzz_json *j, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
		return 0;
	j->p += n;
	return 1;
}

static inline int json_digits(struct fuzz_json *j)
{
	const char *s = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static inline int json_number(struct fuzz_json *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!json_digits(j))
		return 0;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!json_digits(j))
			return 0;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!json_digits(j))
			return 0;
	}
	return 1;
}

static inline int json_string(struct fuzz_json *j)
{
	if (!json_lit(j, "\""))
		return 0;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end)
				return 0;
			if (*j->p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (j->p + i >= j->end || !strchr("0123456789abcdefABCDEF", j->p[i]) || !j->p[i])
						return 0;
				j->p += 4;
			} else if (!strchr("\"\\/bfnrt", *j->p) || !*j->p) {
				return 0;
			}
		}
		j->p++;
	}
	return json_lit(j, "\"");
}

static inline int json_value(struct fuzz_json *j);

static inline int json_members(struct fuzz_json *j, char close, int object)
{
	json_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 1;
	}
	for (;;) {
		json_ws(j);
		if (object) {
			if (!json_string(j))
				return 0;
			json_ws(j);
			if (!json_lit(j, ":"))
				return 0;
		}
		if (!json_value(j))
			return 0;
		json_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 1;
		}
		if (!json_lit(j, ","))
			return 0;
	}
}

static inline int json_value(struct fuzz_json *j)
{
	int ok;
	json_ws(j);
	if (j->p >= j->end || ++j->depth > 200)
		return 0;
	switch (*j->p) {
	case '{': j->p++; ok = json_members(j, '}', 1); break;
	case '[': j->p++; ok = json_members(j, ']', 0); break;
	case '"': ok = json_string(j); break;
	case 't': ok = json_lit(j, "true"); break;
	case 'f': ok = json_lit(j, "false"); break;
	case 'n': ok = json_lit(j, "null"); break;
	default: ok = json_number(j); break;
	}
	j->depth--;
	return ok;
}

/* 1 if s[0..len) is one JSON value (with surrounding white space), in UTF-8. */
static inline int fuzz_json_ok(const char *s, size_t len)
{
	struct fuzz_json j = { s, s + len, 0 };
	if (!fuzz_utf8(s, len) || !json_value(&j))
		return 0;
	json_ws(&j);
	return j.p == j.end;
}

#endif
