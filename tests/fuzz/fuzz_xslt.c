/*
 * fuzz_xslt.c - libFuzzer harness: any bytes as the stylesheet kensho.xsl of a
 * --templates directory, run by html_render() on a small source.
 *
 * The templates directory is built once, hostile: beside the stylesheet it
 * holds a directory named "a%2Fb" (an encoded separator) and one named "a",
 * and symbolic links to files and to a directory outside both allowed
 * directories; outside lie a document, a stylesheet and a text file that
 * each carry a marker.  Invariants, besides no crash, leak, hang or
 * sanitizer report:
 *   - the marker (random) is never in the page nor in the messages: whatever URI the
 *     stylesheet names (document(), xsl:include, xsl:import; %2F, %5C, %00,
 *     "..", file:, links), nothing outside the templates and source
 *     directories is read, not even into a parse error;
 *   - a page that is made is UTF-8 and starts with the HTML5 doctype, and a
 *     run that fails says why.
 * The seeds (tests/fuzz/corpus/xslt/) read through each of these names.
 */
#include "compile.h"
#include "html.h"

#include <libxslt/xslt.h>
#include <sys/stat.h>

#include "fuzz.h"

/* What the files outside hold: random, made when the harness starts, and
 * looked for by a plain loop (libFuzzer watches strstr and memcmp and would
 * offer a compared string to the stylesheet, which could then print it). */
static char marker[40];

static struct unit unit;
static char root[PATH_MAX], tpl[PATH_MAX], src[PATH_MAX], sheet[PATH_MAX];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put(const char *dir, const char *name, const char *text)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
		perror("fuzz_xslt: writing the fixture");
		exit(1);
	}
}

static void dir(const char *path)
{
	if (mkdir(path, 0700) != 0) {
		perror("fuzz_xslt: mkdir");
		exit(1);
	}
}

static void link_to(const char *target, const char *at, const char *name)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/%s", at, name);
	if (symlink(target, p) != 0) {
		perror("fuzz_xslt: symlink");
		exit(1);
	}
}

static const char source_text[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\"><meta><municipality>テスト市</municipality>"
	"<title>t</title><edition>1</edition><period start=\"2015\" end=\"2019\" baseline=\"2014\"/>"
	"<as-of>2019-04-01</as-of><evaluation threshold=\"80\" combine=\"best\"/></meta>"
	"<departments><department id=\"d\">企画調整課</department></departments>"
	"<goals><goal id=\"g1\" number=\"1\"><title>t</title><kpi id=\"k\" direction=\"higher\"><name>n</name>"
	"<unit>人</unit><baseline year=\"2014\">1</baseline><value year=\"2015\">2</value>"
	"<target year=\"2019\">3</target><responsible department=\"d\"/></kpi></goal></goals></strategy>\n";

static void make_marker(void)
{
	unsigned char r[16];
	FILE *f = fopen("/dev/urandom", "rb");
	if (f == NULL || fread(r, 1, sizeof r, f) != sizeof r) {
		perror("fuzz_xslt: /dev/urandom");
		exit(1);
	}
	fclose(f);
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(marker + 2 * i, 3, "%02x", r[i]);
}

static int holds_marker(const char *s, size_t len)
{
	size_t n = strlen(marker);
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && s[i + k] == marker[k])
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

static void put_secret(const char *dir, const char *name, const char *before, const char *after)
{
	char text[256];
	snprintf(text, sizeof text, "%s%s%s", before, marker, after);
	put(dir, name, text);
}

static void build_dirs(void)
{
	char out[PATH_MAX], sub[PATH_MAX];
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/kpic-fuzz-xslt-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror("fuzz_xslt: mkdtemp");
		exit(1);
	}
	snprintf(tpl, sizeof tpl, "%s/tpl", root);
	snprintf(src, sizeof src, "%s/src", root);
	snprintf(out, sizeof out, "%s/outside", root);
	dir(tpl);
	dir(src);
	dir(out);
	make_marker();
	put_secret(out, "secret.xml", "<x>", "</x>\n");
	put_secret(out, "secret.txt", "", " root:x:0:0:root:/root:/bin/sh\n");
	put_secret(out, "secret.xsl", "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	                              "<xsl:template name=\"secret\">", "</xsl:template></xsl:stylesheet>\n");
	put(tpl, "kensho.css", "body { margin: 0 }\n");
	put(tpl, "ok.xml", "<x>inside</x>\n");
	snprintf(sub, sizeof sub, "%s/a%%2Fb", tpl);
	dir(sub);
	snprintf(sub, sizeof sub, "%s/a", tpl);
	dir(sub);
	put(sub, "ok.xml", "<x>inside a</x>\n");
	link_to("../outside/secret.xml", tpl, "link.xml");
	link_to("../outside/secret.xsl", tpl, "link.xsl");
	link_to("../outside/secret.txt", tpl, "link.txt");
	link_to("../outside", tpl, "linkdir");
	link_to("../outside/secret.xml", src, "link.xml");
	put(src, "strategy.xml", source_text);
	snprintf(sheet, sizeof sheet, "%s/kensho.xsl", tpl);
}

static void remove_dirs(void)
{
	static const char *const files[] = {
		"tpl/kensho.xsl", "tpl/kensho.css", "tpl/ok.xml", "tpl/a/ok.xml", "tpl/link.xml", "tpl/link.xsl",
		"tpl/link.txt", "tpl/linkdir", "src/link.xml", "src/strategy.xml", "outside/secret.xml",
		"outside/secret.txt", "outside/secret.xsl", NULL
	};
	static const char *const dirs[] = { "tpl/a%2Fb", "tpl/a", "tpl", "src", "outside", "", NULL };
	char p[PATH_MAX];
	compile_unit_free(&unit);
	for (size_t i = 0; files[i]; i++) {
		snprintf(p, sizeof p, "%s/%s", root, files[i]);
		unlink(p);
	}
	for (size_t i = 0; dirs[i]; i++) {
		snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
		rmdir(p);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xsltInit();
	build_dirs();
	atexit(remove_dirs);
	struct schema *schema = fuzz_schema("fuzz_xslt");
	struct diag_ctx d;
	char path[PATH_MAX];
	diag_init(&d);
	snprintf(path, sizeof path, "%s/strategy.xml", src);
	if (compile_source(path, schema, &d, &unit, NULL) != COMPILE_OK) {
		fprintf(stderr, "fuzz_xslt: the fixture source does not compile\n");
		exit(1);
	}
	diag_free(&d);
	schema_free(schema);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(sheet, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror("fuzz_xslt: writing the stylesheet");
		exit(1);
	}
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/strategy.xml", src);
	struct buf page = BUF_INIT, err = BUF_INIT;
	int rc = html_render(&unit, path, tpl, "kensho.xsl", &page, &err, NULL);
	FUZZ_ASSERT(!holds_marker(buf_str(&page), page.len), "a file outside was read into the page:\n%s",
	            buf_str(&page));
	FUZZ_ASSERT(!holds_marker(buf_str(&err), err.len), "a file outside was read into a message:\n%s",
	            buf_str(&err));
	if (rc == 0) {
		FUZZ_ASSERT(fuzz_utf8(buf_str(&page), page.len), "the page is not UTF-8");
		FUZZ_ASSERT(!strncmp(buf_str(&page), "<!DOCTYPE html>", 15), "the page starts %.40s", buf_str(&page));
	} else {
		FUZZ_ASSERT(err.len > 0, "a failed run says nothing");
	}
	buf_free(&page);
	buf_free(&err);
	return 0;
}
