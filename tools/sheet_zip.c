/*
 * sheet_zip.c - the .xlsx and .ods readers (see sheet.h).
 *
 * Both formats are zip archives of XML.  libzip opens the archive; each
 * member is read into memory with a bound on its size and on its compression
 * ratio (a zip bomb declares or inflates to far more than it occupies), then
 * parsed with the options load.c uses (no network, no entities, no DTD,
 * libxml2's depth limit) and any DOCTYPE refused.  The readers walk the trees
 * by local name and hand cells and merged ranges to the sheet builder.
 */
#include "sheet.h"
#include "decimal.h"
#include "i18n.h"
#include "load.h"
#include "srclimits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING)
#define MAX_RATIO 1000u            /* unzipped bytes per zipped byte */
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

struct zsheet {
	zip_t *za;
	struct diag_ctx *d;
	struct sheet *sh;
	struct sheet_builder *b;
	const char *kind;            /* ".xlsx" or ".ods", for messages */
};

static int limit_error(struct zsheet *z, const char *what)
{
	diag_report(z->d, R_IMPORT_LIMIT, &z->sh->src, SRC_NOWHERE,
	            "%s: refused (kpic unzips at most 64 MiB per member, at most %u times its compressed size); is this a real %s file?",
	            what, MAX_RATIO, z->kind);
	return 1;
}

/* A member's bytes, NUL-terminated: 0, -1 when there is no such member, 1
 * after a diagnostic. */
static int read_member(struct zsheet *z, const char *name, char **out, size_t *len)
{
	zip_int64_t idx = zip_name_locate(z->za, name, 0);
	if (idx < 0)
		return -1;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE, "%s: cannot read the archive's entry", name);
		return 1;
	}
	char what[300];
	snprintf(what, sizeof what, "member %s unzips to %llu bytes", name, (unsigned long long)st.size);
	if (st.size > LOAD_MAX_BYTES ||
	    ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > 1048576 && st.size / (st.comp_size + 1) > MAX_RATIO))
		return limit_error(z, what);
	zip_file_t *zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE, "%s: %s", name, zip_strerror(z->za));
		return 1;
	}
	struct buf b = BUF_INIT;
	char chunk[65536];
	zip_int64_t n;
	while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		/* the declared size may lie: the bound holds on what really comes out */
		if (b.len + (size_t)n > LOAD_MAX_BYTES || b.len + (size_t)n > st.size) {
			zip_fclose(zf);
			buf_free(&b);
			snprintf(what, sizeof what, "member %s unzips to more than it declares", name);
			return limit_error(z, what);
		}
		buf_put(&b, chunk, (size_t)n);
	}
	if (n < 0) {
		diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE, "%s: the archive is corrupt (%s)", name,
		            zip_file_strerror(zf));
		zip_fclose(zf);
		buf_free(&b);
		return 1;
	}
	zip_fclose(zf);
	*len = b.len;
	*out = b.data ? b.data : xcalloc(1, 1);
	return 0;
}

struct xml_error { int seen; int line; char msg[256]; };

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct xml_error *x = ctx;
	if (e != NULL && e->code == XML_ERR_NO_MEMORY)
		xoom();   /* not a malformed member */
	if (x->seen || e == NULL || e->level < XML_ERR_ERROR)
		return;
	x->seen = 1;
	x->line = e->line;
	snprintf(x->msg, sizeof x->msg, "%s", e->message ? e->message : "malformed XML");
	for (char *p = x->msg; *p; p++)
		if (*p == '\n' || *p == '\r' || (unsigned char)*p >= 0x80)
			*p = ' ';
}

/* libxml2 compares each attribute of a start tag with every other one, so
 * a tag of 10^5 attributes takes seconds: refused before parsing, as a
 * source's is (srclimits.h). */
static int too_many_attrs(struct zsheet *z, const char *name, const char *text, size_t len)
{
	size_t at;
	char msg[256];
	if (!srclimits_attrs(text, len, &at, msg, sizeof msg))
		return 0;
	int line = 1;
	for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + at - p))) != NULL; p++)
		line++;
	diag_report(z->d, R_IMPORT_LIMIT, &z->sh->src, SRC_NOWHERE, "%s, line %d: %s", name, line, msg);
	return 1;
}

/* A member parsed as XML, or NULL: *missing when there is no such member,
 * else after a diagnostic. */
static xmlDoc *read_xml(struct zsheet *z, const char *name, int *missing)
{
	char *text;
	size_t len;
	int rc = read_member(z, name, &text, &len);
	*missing = rc < 0;
	if (rc)
		return NULL;
	if (strstr(text, "<!DOCTYPE")) {
		diag_report(z->d, R_DOCTYPE, &z->sh->src, SRC_NOWHERE,
		            "%s: a DOCTYPE in a spreadsheet's XML is refused (entities could read files or expand without limit)", name);
		free(text);
		return NULL;
	}
	if (too_many_attrs(z, name, text, len)) {
		free(text);
		return NULL;
	}
	struct xml_error x = { 0 };
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		xoom();
	xmlSetStructuredErrorFunc(&x, on_error);
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, text, (int)len, name, "UTF-8", PARSE_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ctxt->errNo == XML_ERR_NO_MEMORY)
		xoom();
	int ok = ctxt->wellFormed && !x.seen && doc;
	xmlFreeParserCtxt(ctxt);
	free(text);
	if (ok)
		return doc;
	xmlFreeDoc(doc);
	diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE, "%s, line %d: %s", name, x.line,
	            x.seen ? x.msg : "malformed XML");
	return NULL;
}

static int is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child_el(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

static char *prop(const xmlNode *n, const char *name, const char *ns)
{
	xmlChar *v = ns ? xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns)
	                : xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* A non-negative count attribute, clamped to [1, max]. */
static unsigned count_prop(const xmlNode *n, const char *name, const char *ns, unsigned max)
{
	char *s = prop(n, name, ns);
	unsigned long v = s ? strtoul(s, NULL, 10) : 1;
	free(s);
	return v < 1 ? 1 : v > max ? max : (unsigned)v;
}

static int open_zip(struct zsheet *z, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		diag_report(z->d, R_UNREADABLE, &z->sh->src, SRC_NOWHERE, "cannot read: %s", strerror(errno));
		return 1;
	}
	if (st.st_size > (off_t)LOAD_MAX_BYTES) {
		diag_report(z->d, R_FILE_TOO_LARGE, &z->sh->src, SRC_NOWHERE,
		            "the spreadsheet is larger than 64 MiB; a KPI table is a few hundred KiB: is this the right file?");
		return 1;
	}
	int err = 0;
	z->za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (z->za == NULL) {
		zip_error_t e;
		zip_error_init_with_code(&e, err);
		diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE,
		            "not a readable %s file (a zip archive): %s; save the sheet again, or as CSV UTF-8", z->kind,
		            zip_error_strerror(&e));
		zip_error_fini(&e);
		return 1;
	}
	return 0;
}

static int add_cell(struct zsheet *z, unsigned row, unsigned col, char *text)
{
	int added = sheet_add(z->b, row, col, text, 0);
	if (added == 0)
		return 0;
	if (added == SHEET_TOO_MUCH_TEXT) {
		sheet_text_limit(z->d, &z->sh->src, SRC_NOWHERE);
		return 1;
	}
	diag_report(z->d, R_IMPORT_LIMIT, &z->sh->src, SRC_NOWHERE,
	            "a cell at row %u, column %u is beyond what kpic reads (%u rows, %u columns, %u cells)",
	            row + 1, col + 1, SHEET_MAX_ROWS, SHEET_MAX_COLS, SHEET_MAX_CELLS);
	return 1;
}

static int no_sheet(struct zsheet *z, const char *name)
{
	if (name)
		diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE, "there is no sheet named '%s'", name);
	else
		diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE, "the workbook has no sheet");
	return 1;
}

/* "B7" for row 6, column 1 (0-based), as a spreadsheet names the cell. */
static void cell_name(unsigned row, unsigned col, char *out, size_t size)
{
	char letters[8];
	size_t n = 0;
	for (unsigned long c = (unsigned long)col + 1; c > 0 && n < sizeof letters; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	size_t k = 0;
	while (n > 0 && k + 1 < size)
		out[k++] = letters[--n];
	snprintf(out + k, size - k, "%u", row + 1);
}

/* A cell whose value the file does not hold: a diagnostic, never a value
 * (an empty cell would become "not surveyed"). */
static int unreadable_cell(struct zsheet *z, const char *sheet, unsigned row, unsigned col, const char *why)
{
	char name[32];
	cell_name(row, col, name, sizeof name);
	diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE,
	            "sheet '%s', cell %s: %s; kpic reads the values a spreadsheet stores, so open and save the sheet in a spreadsheet so that the value is stored",
	            sheet ? sheet : "", name, _(why));
	return 1;
}

/* ---------------------------------------------------------------- xlsx */

/* "AB12" -> row 11, column 27 (0-based); -1 if it is not a cell reference. */
static int cell_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned long c = 0, r = 0;
	const char *p = s;
	for (; *p >= 'A' && *p <= 'Z' && c < 100000; p++)
		c = c * 26 + (unsigned long)(*p - 'A' + 1);
	if (p == s || *p < '1' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9' && r < 100000000; p++)
		r = r * 10 + (unsigned long)(*p - '0');
	if (*p || c == 0 || r == 0 || c > SHEET_MAX_COLS * 16 || r > SHEET_MAX_ROWS * 16ul)
		return -1;
	*row = (unsigned)(r - 1);
	*col = (unsigned)(c - 1);
	return 0;
}

/* The text of an element's <t> descendants, phonetic runs (<rPh>) left out. */
static void run_text(const xmlNode *n, struct buf *b)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "rPh"))
			continue;
		if (is_el(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			buf_puts(b, t ? (const char *)t : "");
			xmlFree(t);
		} else if (c->type == XML_ELEMENT_NODE) {
			run_text(c, b);
		}
	}
}

struct strings { char **s; size_t n; };

static void strings_free(struct strings *ss)
{
	for (size_t i = 0; i < ss->n; i++)
		free(ss->s[i]);
	free(ss->s);
}

static int shared_strings(struct zsheet *z, struct strings *ss)
{
	int missing;
	xmlDoc *doc = read_xml(z, "xl/sharedStrings.xml", &missing);
	if (doc == NULL)
		return missing ? 0 : 1;
	size_t cap = 0;
	for (xmlNode *si = xmlDocGetRootElement(doc)->children; si; si = si->next) {
		if (!is_el(si, "si"))
			continue;
		if (ss->n == cap) {
			cap = cap ? cap * 2 : 64;
			ss->s = xrealloc(ss->s, cap * sizeof *ss->s);
		}
		struct buf b = BUF_INIT;
		run_text(si, &b);
		ss->s[ss->n++] = b.data ? b.data : xstrdup("");
	}
	xmlFreeDoc(doc);
	return 0;
}

/* The number formats that show a percentage, by style index (cellXfs). */
struct styles { unsigned char *percent; size_t n; };

static int format_is_percent(xmlNode *numfmts, unsigned long id)
{
	if (id == 9 || id == 10)
		return 1;
	for (xmlNode *f = numfmts ? numfmts->children : NULL; f; f = f->next) {
		char *fid = prop(f, "numFmtId", NULL), *code = prop(f, "formatCode", NULL);
		int hit = is_el(f, "numFmt") && fid && code && strtoul(fid, NULL, 10) == id && strchr(code, '%');
		free(fid);
		free(code);
		if (hit)
			return 1;
	}
	return 0;
}

/* The styles are optional, but malformed ones are an error like any other
 * member's: read_xml has reported it, so the sheet must not be read on. */
static int read_styles(struct zsheet *z, struct styles *st)
{
	int missing;
	xmlDoc *doc = read_xml(z, "xl/styles.xml", &missing);
	if (doc == NULL)
		return missing ? 0 : 1;
	xmlNode *root = xmlDocGetRootElement(doc), *xfs = child_el(root, "cellXfs");
	xmlNode *numfmts = child_el(root, "numFmts");
	for (xmlNode *x = xfs ? xfs->children : NULL; x && st->n < 65536; x = x->next) {
		if (!is_el(x, "xf"))
			continue;
		char *id = prop(x, "numFmtId", NULL);
		st->percent = xrealloc(st->percent, st->n + 1);
		st->percent[st->n++] = (unsigned char)(id && format_is_percent(numfmts, strtoul(id, NULL, 10)));
		free(id);
	}
	xmlFreeDoc(doc);
	return 0;
}

/* A number as the sheet stores it ("0.41099999999999998", "1E-3") written
 * back as the short decimal it displays; a percentage times 100 with "%". */
static char *number_text(const char *v, int percent)
{
	char s[64];
	kdec k;
	if (!percent && kdec_parse(v, strlen(v), &k) == KDEC_OK && k.scale <= 6)
		return xstrdup(v);
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end)
		return xstrdup(v);
	snprintf(s, sizeof s, "%.12g", percent ? x * 100.0 : x);
	if (strchr(s, 'e'))
		snprintf(s, sizeof s, "%.9f", percent ? x * 100.0 : x);
	if (percent)
		strcat(s, "%");
	return xstrdup(s);
}

/* A cell's text, or NULL with *why when the file does not hold its value. */
static char *xlsx_cell_text(const xmlNode *c, const struct strings *ss, const struct styles *st, const char **why)
{
	char *t = prop(c, "t", NULL), *s = prop(c, "s", NULL);
	xmlNode *v = child_el(c, "v");
	xmlChar *vt = v ? xmlNodeGetContent(v) : NULL;
	const char *val = vt ? (const char *)vt : "";
	char *out = NULL;
	if (t && !strcmp(t, "inlineStr")) {
		struct buf b = BUF_INIT;
		xmlNode *is = child_el(c, "is");
		if (is)
			run_text(is, &b);
		out = b.data ? b.data : xstrdup("");
	} else if (v == NULL && child_el(c, "f")) {
		*why = N_("a formula whose value is not stored in the file (written by a program that does not compute formulas?)");
	} else if (t && !strcmp(t, "s")) {
		char *end;
		unsigned long i = strtoul(val, &end, 10);
		if (*val && !*end && i < ss->n)
			out = xstrdup(ss->s[i]);
		else
			*why = N_("it refers to a shared string the workbook does not have (a damaged file)");
	} else if (t && (!strcmp(t, "str") || !strcmp(t, "e") || !strcmp(t, "b"))) {
		out = xstrdup(val);
	} else {
		unsigned long si = s ? strtoul(s, NULL, 10) : 0;
		out = *val ? number_text(val, si < st->n && st->percent[si]) : xstrdup("");
	}
	xmlFree(vt);
	free(t);
	free(s);
	return out;
}

static int xlsx_rows(struct zsheet *z, xmlNode *data, const struct strings *ss, const struct styles *st,
                     const char *sheet)
{
	unsigned row = 0, first = 1;
	for (xmlNode *r = data ? data->children : NULL; r; r = r->next) {
		if (!is_el(r, "row"))
			continue;
		char *rs = prop(r, "r", NULL);
		unsigned long rn = rs ? strtoul(rs, NULL, 10) : 0;
		free(rs);
		row = rn >= 1 ? (unsigned)(rn > SHEET_MAX_ROWS * 16ul ? SHEET_MAX_ROWS * 16ul : rn) - 1 : first ? 0 : row + 1;
		first = 0;
		unsigned col = 0;
		for (xmlNode *c = r->children; c; c = c->next) {
			if (!is_el(c, "c"))
				continue;
			char *ref = prop(c, "r", NULL);
			unsigned rr, cc;
			if (ref && cell_ref(ref, &rr, &cc) == 0)
				col = cc;
			free(ref);
			const char *why = NULL;
			char *text = xlsx_cell_text(c, ss, st, &why);
			if (text == NULL)
				return unreadable_cell(z, sheet, row, col, why);
			if (*text == '\0')
				free(text);
			else if (add_cell(z, row, col, text))
				return 1;
			col++;
		}
	}
	return 0;
}

static void xlsx_merges(struct zsheet *z, xmlNode *ws)
{
	for (xmlNode *m = child_el(child_el(ws, "mergeCells"), "mergeCell"); m; m = m->next) {
		char *ref = is_el(m, "mergeCell") ? prop(m, "ref", NULL) : NULL;
		char *colon = ref ? strchr(ref, ':') : NULL;
		unsigned r0, c0, r1, c1;
		if (colon) {
			*colon = '\0';
			if (cell_ref(ref, &r0, &c0) == 0 && cell_ref(colon + 1, &r1, &c1) == 0)
				sheet_add_merge(z->b, r0, c0, r1, c1);
		}
		free(ref);
	}
}

/* The worksheet's member name for the sheet called name (or the first). */
static int xlsx_sheet_member(struct zsheet *z, const char *name, char *member, size_t size, char **sheet_name)
{
	int missing;
	xmlDoc *wb = read_xml(z, "xl/workbook.xml", &missing);
	if (wb == NULL) {
		if (missing)
			diag_report(z->d, R_IMPORT_SHEET, &z->sh->src, SRC_NOWHERE,
			            "a zip archive, but not an .xlsx workbook (no xl/workbook.xml)");
		return 1;
	}
	char *rid = NULL;
	for (xmlNode *s = child_el(child_el(xmlDocGetRootElement(wb), "sheets"), "sheet"); s && !rid; s = s->next) {
		char *n = is_el(s, "sheet") ? prop(s, "name", NULL) : NULL;
		if (n && (name == NULL || !strcmp(n, name))) {
			rid = prop(s, "id", NS_REL);
			*sheet_name = n;
		} else {
			free(n);
		}
	}
	xmlFreeDoc(wb);
	if (rid == NULL)
		return no_sheet(z, name);
	xmlDoc *rels = read_xml(z, "xl/_rels/workbook.xml.rels", &missing);
	snprintf(member, size, "xl/worksheets/sheet1.xml");
	for (xmlNode *r = rels ? xmlDocGetRootElement(rels)->children : NULL; r; r = r->next) {
		char *id = is_el(r, "Relationship") ? prop(r, "Id", NULL) : NULL;
		char *target = id && !strcmp(id, rid) ? prop(r, "Target", NULL) : NULL;
		if (target)
			snprintf(member, size, "%s%s", target[0] == '/' ? "" : "xl/", target + (target[0] == '/'));
		free(id);
		free(target);
	}
	xmlFreeDoc(rels);
	free(rid);
	return rels == NULL && !missing;
}

int sheet_read_xlsx(const char *path, const char *name, struct diag_ctx *d, struct sheet *sh,
                    struct sheet_builder *b, char **sheet_name)
{
	struct zsheet z = { NULL, d, sh, b, ".xlsx" };
	if (open_zip(&z, path))
		return 1;
	char member[512];
	struct strings ss = { 0 };
	struct styles st = { 0 };
	int rc = xlsx_sheet_member(&z, name, member, sizeof member, sheet_name) || shared_strings(&z, &ss) ||
	         read_styles(&z, &st), missing;
	if (rc == 0) {
		xmlDoc *ws = read_xml(&z, member, &missing);
		if (ws == NULL && missing)
			diag_report(d, R_IMPORT_SHEET, &sh->src, SRC_NOWHERE, "the workbook names %s, which is not in the archive", member);
		rc = ws == NULL;
		if (ws) {
			xmlNode *root = xmlDocGetRootElement(ws);
			rc = xlsx_rows(&z, child_el(root, "sheetData"), &ss, &st, *sheet_name);
			xlsx_merges(&z, root);
		}
		xmlFreeDoc(ws);
	}
	strings_free(&ss);
	free(st.percent);
	zip_close(z.za);
	return rc;
}

/* ----------------------------------------------------------------- ods */

static int in_ns(const xmlNode *n, const char *ns)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

/* The text of a text:p, with text:s (spaces), text:tab and text:line-break. */
static void ods_text(const xmlNode *n, struct buf *b)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		/* text:s repeats spaces: past the limit the cell is refused anyway */
		if (b->len > SHEET_MAX_TEXT)
			return;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			buf_puts(b, (const char *)c->content);
		} else if (c->type != XML_ELEMENT_NODE || !in_ns(c, NS_TEXT)) {
			continue;
		} else if (is_el(c, "s")) {
			for (unsigned i = count_prop(c, "c", NS_TEXT, 256); i > 0; i--)
				buf_putc(b, ' ');
		} else if (is_el(c, "tab")) {
			buf_putc(b, '\t');
		} else if (is_el(c, "line-break")) {
			buf_putc(b, '\n');
		} else if (!is_el(c, "note") && !is_el(c, "annotation")) {
			ods_text(c, b);
		}
	}
}

/* A cell's text: a float's office:value, otherwise the paragraphs shown;
 * NULL for a formula whose result the file does not hold (no value type,
 * or a number without its value). */
static char *ods_cell_text(const xmlNode *c)
{
	char *type = prop(c, "value-type", NS_OFFICE), *formula = prop(c, "formula", NS_TABLE);
	int is_float = type && !strcmp(type, "float");
	int numeric = is_float || (type && (!strcmp(type, "percentage") || !strcmp(type, "currency")));
	/* a float without office:value shows its paragraphs, like any cell */
	char *v = numeric ? prop(c, "value", NS_OFFICE) : NULL;
	int unstored = formula && (type == NULL || (numeric && v == NULL));
	free(type);
	free(formula);
	if (unstored) {
		free(v);
		return NULL;
	}
	if (v && is_float) {
		char *t = number_text(v, 0);
		free(v);
		return t;
	}
	free(v);
	struct buf b = BUF_INIT;
	int paras = 0;
	for (const xmlNode *p = c->children; p; p = p->next)
		if (is_el(p, "p") && in_ns(p, NS_TEXT)) {
			if (paras++)
				buf_putc(&b, '\n');
			ods_text(p, &b);
		}
	return b.data ? b.data : xstrdup("");
}

/* One table:table-row, repeated *rep times from *row. */
static int ods_row(struct zsheet *z, const xmlNode *r, unsigned *row, const char *sheet)
{
	unsigned rep = count_prop(r, "number-rows-repeated", NS_TABLE, SHEET_MAX_ROWS * 16u), col = 0;
	for (const xmlNode *c = r->children; c; c = c->next) {
		if (!is_el(c, "table-cell") && !is_el(c, "covered-table-cell"))
			continue;
		unsigned crep = count_prop(c, "number-columns-repeated", NS_TABLE, SHEET_MAX_COLS * 16u);
		char *text = ods_cell_text(c);
		if (text == NULL)
			return unreadable_cell(z, sheet, *row, col, N_("a formula whose value is not stored in the file (written by a program that does not compute formulas?)"));
		unsigned cs = count_prop(c, "number-columns-spanned", NS_TABLE, SHEET_MAX_COLS);
		unsigned rs = count_prop(c, "number-rows-spanned", NS_TABLE, SHEET_MAX_ROWS);
		if ((cs > 1 || rs > 1) && is_el(c, "table-cell"))
			sheet_add_merge(z->b, *row, col, *row + rs - 1, col + cs - 1);
		/* an empty cell or row repeated a million times is how a sheet ends:
		 * only what holds text is materialized, within the limits */
		for (unsigned k = 0; *text && k < rep; k++)
			for (unsigned j = 0; j < crep; j++)
				if (add_cell(z, *row + k, col + j, xstrdup(text))) {
					free(text);
					return 1;
				}
		free(text);
		col = col + crep > col ? col + crep : col;
	}
	*row = *row + rep > *row ? *row + rep : *row;
	return 0;
}

/* Rows in document order, also inside header-rows, row groups and rows. */
static int ods_rows(struct zsheet *z, const xmlNode *parent, unsigned *row, const char *sheet)
{
	for (const xmlNode *r = parent->children; r; r = r->next) {
		if (r->type != XML_ELEMENT_NODE || !in_ns(r, NS_TABLE))
			continue;
		if (is_el(r, "table-row") && ods_row(z, r, row, sheet))
			return 1;
		if ((is_el(r, "table-header-rows") || is_el(r, "table-row-group") || is_el(r, "table-rows")) &&
		    ods_rows(z, r, row, sheet))
			return 1;
	}
	return 0;
}

int sheet_read_ods(const char *path, const char *name, struct diag_ctx *d, struct sheet *sh,
                   struct sheet_builder *b, char **sheet_name)
{
	struct zsheet z = { NULL, d, sh, b, ".ods" };
	if (open_zip(&z, path))
		return 1;
	int missing;
	xmlDoc *doc = read_xml(&z, "content.xml", &missing);
	if (doc == NULL) {
		if (missing)
			diag_report(d, R_IMPORT_SHEET, &sh->src, SRC_NOWHERE, "a zip archive, but not an .ods spreadsheet (no content.xml)");
		zip_close(z.za);
		return 1;
	}
	xmlNode *ss = child_el(child_el(xmlDocGetRootElement(doc), "body"), "spreadsheet"), *table = NULL;
	for (xmlNode *t = ss ? ss->children : NULL; t && !table; t = t->next) {
		char *n = is_el(t, "table") ? prop(t, "name", NS_TABLE) : NULL;
		if (is_el(t, "table") && (name == NULL || (n && !strcmp(n, name)))) {
			table = t;
			*sheet_name = n ? n : xstrdup("Sheet1");
		} else {
			free(n);
		}
	}
	unsigned row = 0;
	int rc = table ? ods_rows(&z, table, &row, *sheet_name) : no_sheet(&z, name);
	xmlFreeDoc(doc);
	zip_close(z.za);
	return rc;
}

/* ------------------------------------------------------------ names */

static void add_name(char ***names, size_t *n, const char *s)
{
	*names = xrealloc(*names, (*n + 1) * sizeof **names);
	(*names)[(*n)++] = xstrdup(s);
}

static void xlsx_names(struct zsheet *z, char ***names, size_t *n)
{
	int missing;
	xmlDoc *wb = read_xml(z, "xl/workbook.xml", &missing);
	for (xmlNode *s = wb ? child_el(child_el(xmlDocGetRootElement(wb), "sheets"), "sheet") : NULL; s; s = s->next) {
		char *name = is_el(s, "sheet") ? prop(s, "name", NULL) : NULL;
		if (name)
			add_name(names, n, name);
		free(name);
	}
	xmlFreeDoc(wb);
}

static void ods_names(struct zsheet *z, char ***names, size_t *n)
{
	int missing;
	xmlDoc *doc = read_xml(z, "content.xml", &missing);
	xmlNode *ss = doc ? child_el(child_el(xmlDocGetRootElement(doc), "body"), "spreadsheet") : NULL;
	for (xmlNode *t = ss ? ss->children : NULL; t; t = t->next) {
		char *name = is_el(t, "table") ? prop(t, "name", NS_TABLE) : NULL;
		if (name)
			add_name(names, n, name);
		free(name);
	}
	xmlFreeDoc(doc);
}

int sheet_names(const char *path, char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	size_t len = strlen(path);
	int xlsx = len > 5 && !strcmp(path + len - 5, ".xlsx"), ods = len > 4 && !strcmp(path + len - 4, ".ods");
	if (!xlsx && !ods)
		return -1;
	/* what goes wrong is said when the sheet itself is read */
	struct diag_ctx quiet;
	struct sheet sh;
	diag_init(&quiet);
	memset(&sh, 0, sizeof sh);
	srcmap_init(&sh.src, path, xcalloc(1, 1), 0);
	struct zsheet z = { NULL, &quiet, &sh, NULL, xlsx ? ".xlsx" : ".ods" };
	if (open_zip(&z, path) == 0) {
		if (xlsx)
			xlsx_names(&z, names, n);
		else
			ods_names(&z, names, n);
		zip_close(z.za);
	}
	diag_free(&quiet);
	srcmap_free(&sh.src);
	return *n ? 0 : -1;
}
