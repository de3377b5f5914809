/*
 * sheet_write.c - .xlsx, .ods and CSV writers (see sheet_write.h).
 *
 * Each format is the least its readers need: an .xlsx of [Content_Types],
 * the package and workbook relationships, the workbook and one worksheet
 * per sheet of inline strings; an .ods of its mimetype (first and stored,
 * as ODF requires), the manifest and content.xml.  The XML is written with
 * buf_xml_str's escaping, the archive assembled in memory by libzip.
 */
#include "sheet_write.h"
#include "i18n.h"
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

void sheet_write_init(struct wsheet *s, const char *name, size_t ncols)
{
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->ncols = ncols;
	s->wide = xcalloc(ncols + 1, 1);
}

void sheet_write_row(struct wsheet *s, const char *const *cells)
{
	if ((s->nrows + 1) * s->ncols > s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64 * s->ncols;
		while (s->cap < (s->nrows + 1) * s->ncols)
			s->cap *= 2;
		s->cells = xrealloc(s->cells, s->cap * sizeof *s->cells);
	}
	for (size_t c = 0; c < s->ncols; c++)
		s->cells[s->nrows * s->ncols + c] = cells[c] && *cells[c] ? xstrdup(cells[c]) : NULL;
	s->nrows++;
}

void sheet_write_free(struct wsheet *s)
{
	for (size_t i = 0; i < s->nrows * s->ncols; i++)
		free(s->cells[i]);
	free(s->cells);
	free(s->wide);
	free(s->name);
	memset(s, 0, sizeof *s);
}

/* ---------------------------------------------------------------- zip */

/* The members of an archive being made; each one's bytes live until the
 * archive is closed (libzip reads them then). */
struct zmembers {
	zip_t *za;
	zip_source_t *src;
	struct buf *data;
	size_t n;
};

static int zopen(struct zmembers *z, char *err, size_t errsz)
{
	zip_error_t ze;
	zip_error_init(&ze);
	memset(z, 0, sizeof *z);
	z->src = zip_source_buffer_create(NULL, 0, 0, &ze);
	z->za = z->src ? zip_open_from_source(z->src, ZIP_TRUNCATE, &ze) : NULL;
	if (z->za == NULL) {
		snprintf(err, errsz, _("cannot make a zip archive: %s"), zip_error_strerror(&ze));
		if (z->src)
			zip_source_free(z->src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	zip_source_keep(z->src);     /* read back after zip_close() */
	z->data = xcalloc(64, sizeof *z->data);
	return 0;
}

/* Adds a member (taking b); stored uncompressed when store. */
static int zadd(struct zmembers *z, const char *name, struct buf *b, int store)
{
	if (z->n == 64)
		return -1;
	z->data[z->n] = *b;
	*b = (struct buf)BUF_INIT;
	struct buf *d = &z->data[z->n++];
	zip_source_t *s = zip_source_buffer(z->za, d->data ? d->data : "", d->len, 0);
	zip_int64_t i = s ? zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8) : -1;
	if (i < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(z->za, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
}

/* Closes the archive into out.  0, or -1 with a message. */
static int zclose(struct zmembers *z, int ok, struct buf *out, char *err, size_t errsz)
{
	if (ok && zip_close(z->za) < 0) {
		snprintf(err, errsz, _("cannot make a zip archive: %s"), zip_strerror(z->za));
		ok = 0;
	}
	if (!ok)
		zip_discard(z->za);
	if (ok) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_source_stat(z->src, &st) < 0 || zip_source_open(z->src) < 0) {
			snprintf(err, errsz, _("cannot make a zip archive: %s"), zip_error_strerror(zip_source_error(z->src)));
			ok = 0;
		} else {
			char chunk[65536];
			zip_int64_t n;
			while ((n = zip_source_read(z->src, chunk, sizeof chunk)) > 0)
				buf_put(out, chunk, (size_t)n);
			zip_source_close(z->src);
		}
	} else if (err[0] == '\0') {
		snprintf(err, errsz, _("cannot make a zip archive: %s"), _("a member could not be added"));
	}
	zip_source_free(z->src);
	for (size_t i = 0; i < z->n; i++)
		buf_free(&z->data[i]);
	free(z->data);
	return ok ? 0 : -1;
}

static void put_str(struct buf *b, const char *text)
{
	struct buf t = BUF_INIT;
	buf_puts(&t, text);
	*b = t;
}

/* ---------------------------------------------------------------- xlsx */

/* "AB" for column 27 (0-based 27). */
static void col_letters(size_t col, char *out)
{
	char t[8];
	size_t n = 0;
	for (size_t c = col + 1; c > 0 && n < sizeof t; c = (c - 1) / 26)
		t[n++] = (char)('A' + (c - 1) % 26);
	size_t k = 0;
	while (n > 0)
		out[k++] = t[--n];
	out[k] = '\0';
}

/* Valid .xlsx sheet names: at most 31 characters, none of []:*?/\, each
 * unique (a number appended); name receives it. */
static void xlsx_name(const struct wsheet *sh, size_t i, char *name, size_t size)
{
	struct buf b = BUF_INIT;
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)sh[i].name; *p && chars < 28; chars++) {
		size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (strchr("[]:*?/\\", *p) && n == 1)
			buf_putc(&b, '_');
		else
			buf_put(&b, (const char *)p, strnlen((const char *)p, n));
		p += strnlen((const char *)p, n);
	}
	snprintf(name, size, "%s", b.data ? b.data : "Sheet");
	for (size_t j = 0; j < i; j++) {
		char other[256];
		xlsx_name(sh, j, other, sizeof other);
		if (!strcmp(other, name)) {
			snprintf(name, size, "%s %zu", b.data ? b.data : "Sheet", i + 1);
			break;
		}
	}
	buf_free(&b);
}

static void xlsx_sheet(const struct wsheet *s, struct buf *b)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cols>");
	for (size_t c = 0; c < s->ncols; c++)
		buf_printf(b, "<col min=\"%zu\" max=\"%zu\" width=\"%d\" customWidth=\"1\"/>", c + 1, c + 1,
		           s->wide[c] ? 40 : 14);
	buf_puts(b, "</cols><sheetData>");
	for (size_t r = 0; r < s->nrows; r++) {
		buf_printf(b, "<row r=\"%zu\">", r + 1);
		for (size_t c = 0; c < s->ncols; c++) {
			const char *t = s->cells[r * s->ncols + c];
			if (t == NULL)
				continue;
			char col[8];
			col_letters(c, col);
			buf_printf(b, "<c r=\"%s%zu\" t=\"inlineStr\"><is><t xml:space=\"preserve\">", col, r + 1);
			buf_xml_str(b, t);
			buf_puts(b, "</t></is></c>");
		}
		buf_puts(b, "</row>");
	}
	buf_puts(b, "</sheetData></worksheet>\n");
}

int sheet_write_xlsx(const struct wsheet *sh, size_t n, struct buf *out, char *err, size_t errsz)
{
	struct zmembers z;
	err[0] = '\0';
	if (n == 0 || n > 60 || zopen(&z, err, errsz) < 0) {
		if (err[0] == '\0')
			snprintf(err, errsz, _("cannot make a zip archive: %s"), _("too many sheets"));
		return -1;
	}
	struct buf ct = BUF_INIT, rels = BUF_INIT, wb = BUF_INIT, wbr = BUF_INIT;
	buf_puts(&ct, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	              "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	              "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	              "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	              "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
	buf_puts(&wb, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	              "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	              "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
	buf_puts(&wbr, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		char name[256], member[64];
		xlsx_name(sh, i, name, sizeof name);
		buf_printf(&ct, "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>", i + 1);
		buf_puts(&wb, "<sheet name=\"");
		buf_xml_str(&wb, name);
		buf_printf(&wb, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", i + 1, i + 1);
		buf_printf(&wbr, "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
		struct buf ws = BUF_INIT;
		xlsx_sheet(&sh[i], &ws);
		snprintf(member, sizeof member, "xl/worksheets/sheet%zu.xml", i + 1);
		ok = ok && zadd(&z, member, &ws, 0) == 0;
		buf_free(&ws);
	}
	buf_puts(&ct, "</Types>\n");
	buf_puts(&wb, "</sheets></workbook>\n");
	buf_puts(&wbr, "</Relationships>\n");
	put_str(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	               "</Relationships>\n");
	ok = ok && zadd(&z, "[Content_Types].xml", &ct, 0) == 0 && zadd(&z, "_rels/.rels", &rels, 0) == 0 &&
	     zadd(&z, "xl/workbook.xml", &wb, 0) == 0 && zadd(&z, "xl/_rels/workbook.xml.rels", &wbr, 0) == 0;
	buf_free(&ct);
	buf_free(&rels);
	buf_free(&wb);
	buf_free(&wbr);
	return zclose(&z, ok, out, err, errsz);
}

/* ----------------------------------------------------------------- ods */

static void ods_table(const struct wsheet *s, struct buf *b)
{
	buf_puts(b, "<table:table table:name=\"");
	buf_xml_str(b, s->name);
	buf_puts(b, "\">");
	for (size_t c = 0; c < s->ncols; c++)
		buf_printf(b, "<table:table-column table:style-name=\"%s\"/>", s->wide[c] ? "wide" : "narrow");
	for (size_t r = 0; r < s->nrows; r++) {
		buf_puts(b, "<table:table-row>");
		for (size_t c = 0; c < s->ncols; c++) {
			const char *t = s->cells[r * s->ncols + c];
			if (t == NULL) {
				buf_puts(b, "<table:table-cell/>");
				continue;
			}
			buf_puts(b, "<table:table-cell office:value-type=\"string\"><text:p>");
			buf_xml_str(b, t);
			buf_puts(b, "</text:p></table:table-cell>");
		}
		buf_puts(b, "</table:table-row>");
	}
	buf_puts(b, "</table:table>");
}

int sheet_write_ods(const struct wsheet *sh, size_t n, struct buf *out, char *err, size_t errsz)
{
	struct zmembers z;
	err[0] = '\0';
	if (zopen(&z, err, errsz) < 0)
		return -1;
	struct buf mime = BUF_INIT, manifest = BUF_INIT, content = BUF_INIT;
	put_str(&mime, "application/vnd.oasis.opendocument.spreadsheet");
	put_str(&manifest,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
	        "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
	        "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
	        "</manifest:manifest>\n");
	buf_puts(&content,
	         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	         "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
	         "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
	         "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
	         "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
	         "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" office:version=\"1.2\">"
	         "<office:automatic-styles>"
	         "<style:style style:name=\"wide\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"8cm\"/></style:style>"
	         "<style:style style:name=\"narrow\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"2.8cm\"/></style:style>"
	         "</office:automatic-styles><office:body><office:spreadsheet>");
	for (size_t i = 0; i < n; i++)
		ods_table(&sh[i], &content);
	buf_puts(&content, "</office:spreadsheet></office:body></office:document-content>\n");
	int ok = zadd(&z, "mimetype", &mime, 1) == 0 && zadd(&z, "META-INF/manifest.xml", &manifest, 0) == 0 &&
	         zadd(&z, "content.xml", &content, 0) == 0;
	buf_free(&mime);
	buf_free(&manifest);
	buf_free(&content);
	return zclose(&z, ok, out, err, errsz);
}

/* ----------------------------------------------------------------- csv */

static void csv_cell(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	int neutral = strchr("=+-@\t\r'", s[0]) != NULL;
	if (!neutral && strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (neutral)
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void sheet_write_csv(const struct wsheet *sh, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (size_t r = 0; r < sh->nrows; r++) {
		for (size_t c = 0; c < sh->ncols; c++) {
			if (c)
				buf_putc(out, ',');
			csv_cell(out, sh->cells[r * sh->ncols + c]);
		}
		buf_puts(out, "\r\n");
	}
}
