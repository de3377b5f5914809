/*
 * pdf_ua.c - the PDF/UA-1 pass after cairo (see pdf_ua.h).
 *
 * libqpdf's C API: object handles (qpdf_oh) belong to the qpdf_data and
 * are all released by qpdf_cleanup(); the walk of the structure tree
 * releases its own as it goes, so that a document of thousands of
 * elements does not keep a handle for each.
 */
#include "pdf_ua.h"
#include "i18n.h"

#include <qpdf/qpdf-c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ua {
	qpdf_data q;
	const struct layout_tags *tags;
	size_t nfig, nth, nlink;   /* the elements met so far */
	int depth;
};

/* The structure tree is a few levels deep; anything deeper is not cairo's. */
#define MAX_DEPTH 64

static int is_type(qpdf_data q, qpdf_oh dict, const char *key, const char *name)
{
	qpdf_oh v = qpdf_oh_get_key(q, dict, key);
	int r = qpdf_oh_is_name_and_equals(q, v, name);
	qpdf_oh_release(q, v);
	return r;
}

static void put_name(qpdf_data q, qpdf_oh dict, const char *key, const char *name)
{
	qpdf_oh v = qpdf_oh_new_name(q, name);
	qpdf_oh_replace_key(q, dict, key, v);
	qpdf_oh_release(q, v);
}

static void put_text(qpdf_data q, qpdf_oh dict, const char *key, const char *utf8)
{
	qpdf_oh v = qpdf_oh_new_unicode_string(q, utf8);
	qpdf_oh_replace_key(q, dict, key, v);
	qpdf_oh_release(q, v);
}

static const char *next_text(const struct layout_strs *s, size_t *i)
{
	const char *v = *i < s->n ? s->v[*i] : NULL;
	(*i)++;
	return v;
}

/* A TH's scope, as the attribute object of the Table owner. */
static void put_scope(qpdf_data q, qpdf_oh th, const char *scope)
{
	qpdf_oh a = qpdf_oh_new_dictionary(q);
	put_name(q, a, "/O", "/Table");
	put_name(q, a, "/Scope", strcmp(scope, "Row") == 0 ? "/Row" : "/Column");
	qpdf_oh_replace_key(q, th, "/A", a);
	qpdf_oh_release(q, a);
}

/* A Link element's annotations (its OBJR kids) get the link's text. */
static void put_link_text(qpdf_data q, qpdf_oh kid, const char *text)
{
	if (!qpdf_oh_is_dictionary(q, kid) || !is_type(q, kid, "/Type", "/OBJR"))
		return;
	qpdf_oh annot = qpdf_oh_get_key(q, kid, "/Obj");
	if (qpdf_oh_is_dictionary(q, annot))
		put_text(q, annot, "/Contents", text);
	qpdf_oh_release(q, annot);
}

static void walk(struct ua *u, qpdf_oh node);

static void walk_kids(struct ua *u, qpdf_oh elem, const char *link_text)
{
	qpdf_oh k = qpdf_oh_get_key(u->q, elem, "/K");
	if (qpdf_oh_is_array(u->q, k)) {
		int n = qpdf_oh_get_array_n_items(u->q, k);
		for (int i = 0; i < n; i++) {
			qpdf_oh kid = qpdf_oh_get_array_item(u->q, k, i);
			if (link_text != NULL)
				put_link_text(u->q, kid, link_text);
			walk(u, kid);
			qpdf_oh_release(u->q, kid);
		}
	} else if (qpdf_oh_is_dictionary(u->q, k)) {
		if (link_text != NULL)
			put_link_text(u->q, k, link_text);
		walk(u, k);
	}
	qpdf_oh_release(u->q, k);
}

/* Depth first, in the order of /K: the order the engine opened the tags. */
static void walk(struct ua *u, qpdf_oh node)
{
	if (!qpdf_oh_is_dictionary(u->q, node) || is_type(u->q, node, "/Type", "/OBJR") ||
	    is_type(u->q, node, "/Type", "/MCR") || u->depth >= MAX_DEPTH)
		return;
	const char *link_text = NULL;
	if (is_type(u->q, node, "/S", "/Figure")) {
		const char *alt = next_text(&u->tags->alt, &u->nfig);
		if (alt != NULL)
			put_text(u->q, node, "/Alt", alt);
	} else if (is_type(u->q, node, "/S", "/TH")) {
		const char *scope = next_text(&u->tags->scope, &u->nth);
		if (scope != NULL)
			put_scope(u->q, node, scope);
	} else if (is_type(u->q, node, "/S", "/Link")) {
		link_text = next_text(&u->tags->link, &u->nlink);
	}
	u->depth++;
	walk_kids(u, node, link_text);
	u->depth--;
}

static int check_counts(const struct ua *u, struct buf *err)
{
	const struct layout_tags *t = u->tags;
	if (u->nfig == t->alt.n && u->nth == t->scope.n && u->nlink == t->link.n)
		return 0;
	buf_printf(err, _("the PDF's structure does not match the layout: %zu figures, %zu header cells and %zu links "
	                  "in the PDF, %zu, %zu and %zu laid out; this is a bug in kpic\n"),
	           u->nfig, u->nth, u->nlink, t->alt.n, t->scope.n, t->link.n);
	return -1;
}

static void xmp_li(struct buf *x, const char *prop, const char *container, const char *attr, const char *v)
{
	buf_printf(x, "   <%s><rdf:%s><rdf:li%s>", prop, container, attr);
	buf_xml_str(x, v);
	buf_printf(x, "</rdf:li></rdf:%s></%s>\n", container, prop);
}

/* The XMP packet: what PDF/UA-1 asks (dc:title, pdfuaid:part) and the
 * language and author the Info dictionary also holds. */
static void xmp_packet(struct buf *x, const struct layout_tags *t, const char *lang)
{
	buf_puts(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	            " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	            "  <rdf:Description rdf:about=\"\"\n"
	            "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	            "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	            "   <dc:format>application/pdf</dc:format>\n");
	xmp_li(x, "dc:title", "Alt", " xml:lang=\"x-default\"", t->title ? t->title : "");
	if (t->author != NULL && *t->author != '\0')
		xmp_li(x, "dc:creator", "Seq", "", t->author);
	xmp_li(x, "dc:language", "Bag", "", lang);
	buf_puts(x, "   <pdfuaid:part>1</pdfuaid:part>\n"
	            "  </rdf:Description>\n"
	            " </rdf:RDF>\n"
	            "</x:xmpmeta>\n"
	            "<?xpacket end=\"w\"?>\n");
}

static void put_metadata(qpdf_data q, qpdf_oh root, const struct layout_tags *t, const char *lang)
{
	struct buf x = BUF_INIT;
	xmp_packet(&x, t, lang);
	qpdf_oh s = qpdf_oh_new_stream(q);
	qpdf_oh null = qpdf_oh_new_null(q);
	qpdf_oh_replace_stream_data(q, s, (const unsigned char *)x.data, x.len, null, null);
	qpdf_oh d = qpdf_oh_get_dict(q, s);
	put_name(q, d, "/Type", "/Metadata");
	put_name(q, d, "/Subtype", "/XML");
	qpdf_oh_replace_key(q, root, "/Metadata", s);
	qpdf_oh_release(q, d);
	qpdf_oh_release(q, null);
	qpdf_oh_release(q, s);
	buf_free(&x);
}

/* /Lang, /MarkInfo, /ViewerPreferences, /Metadata. */
static void finish_catalog(qpdf_data q, qpdf_oh root, const struct layout_tags *t, const char *lang)
{
	put_text(q, root, "/Lang", lang);
	qpdf_oh mark = qpdf_oh_new_dictionary(q), yes = qpdf_oh_new_bool(q, QPDF_TRUE);
	qpdf_oh_replace_key(q, mark, "/Marked", yes);
	qpdf_oh_replace_key(q, root, "/MarkInfo", mark);
	qpdf_oh prefs = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, prefs, "/DisplayDocTitle", yes);
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);
	qpdf_oh_release(q, prefs);
	qpdf_oh_release(q, yes);
	qpdf_oh_release(q, mark);
	put_metadata(q, root, t, lang);
}

/* cairo 1.16 writes a date given as CREATE_DATE without the "D:" that
 * ISO 32000 asks of a date string ("(20190401000000Z)"). */
static void fix_date(qpdf_data q, const char *key)
{
	const char *v = qpdf_get_info_key(q, key);
	if (v == NULL || strncmp(v, "D:", 2) == 0 || strlen(v) < 4 || strspn(v, "0123456789") < 4)
		return;
	char d[64];
	snprintf(d, sizeof d, "D:%s", v);
	qpdf_set_info_key(q, key, d);
}

/* Tab order follows the structure on every page with annotations. */
static void finish_pages(qpdf_data q)
{
	int n = qpdf_get_num_pages(q);
	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		if (qpdf_oh_has_key(q, page, "/Annots"))
			put_name(q, page, "/Tabs", "/S");
		qpdf_oh_release(q, page);
	}
}

static int qpdf_failed(qpdf_data q, struct buf *err)
{
	if (!qpdf_has_error(q))
		return 0;
	qpdf_error e = qpdf_get_error(q);
	buf_printf(err, _("libqpdf could not finish the PDF: %s\n"), qpdf_get_error_full_text(q, e));
	return -1;
}

/* Page i of the artifacts' PDF (a) as a form XObject in q, its resources
 * copied over (a must outlive q's writing: the copies read its streams). */
static qpdf_oh artifact_form(qpdf_data q, qpdf_data a, int i, qpdf_oh bbox)
{
	qpdf_oh ap = qpdf_get_page_n(a, (size_t)i);
	unsigned char *data = NULL;
	size_t len = 0;
	qpdf_oh_get_page_content_data(a, ap, &data, &len);
	qpdf_oh ares = qpdf_oh_get_key(a, ap, "/Resources");
	qpdf_oh res = qpdf_oh_copy_foreign_object(q, a, ares);
	qpdf_oh form = qpdf_oh_new_stream(q), null = qpdf_oh_new_null(q);
	qpdf_oh_replace_stream_data(q, form, data ? data : (const unsigned char *)"", len, null, null);
	free(data);
	qpdf_oh d = qpdf_oh_get_dict(q, form);
	put_name(q, d, "/Type", "/XObject");
	put_name(q, d, "/Subtype", "/Form");
	qpdf_oh_replace_key(q, d, "/BBox", bbox);
	qpdf_oh_replace_key(q, d, "/Resources", res);
	qpdf_oh_release(q, d);
	qpdf_oh_release(q, null);
	qpdf_oh_release(q, res);
	qpdf_oh_release(a, ares);
	qpdf_oh_release(a, ap);
	return form;
}

static qpdf_oh new_content(qpdf_data q, const char *text)
{
	qpdf_oh s = qpdf_oh_new_stream(q), null = qpdf_oh_new_null(q);
	qpdf_oh_replace_stream_data(q, s, (const unsigned char *)text, strlen(text), null, null);
	qpdf_oh_release(q, null);
	return s;
}

/* How each layer of layout_tags.artifacts is named and marked. */
static const struct {
	const char *name, *type;
	int under;
} layers[LAYOUT_ART_LAYERS + 1] = {
	[1] = { "Under", "/Layout", 1 },
	[2] = { "Rules", "/Layout", 0 },
	[3] = { "Pagination", "/Pagination", 0 },
};

/* Layer `layer` of page i as an artifact: its form in the page's
 * resources, the marked content that draws it appended to c. */
static void add_layer(qpdf_data q, qpdf_data a, int i, int layer, qpdf_oh page, qpdf_oh xo, struct buf *c)
{
	char name[48];
	snprintf(name, sizeof name, "/Kpic%s%d", layers[layer].name, i + 1);
	qpdf_oh bbox = qpdf_oh_get_key(q, page, "/MediaBox");
	qpdf_oh form = artifact_form(q, a, LAYOUT_ART_LAYERS * i + layer - 1, bbox);
	qpdf_oh_replace_key(q, xo, name, form);
	buf_printf(c, "/Artifact <</Type %s>> BDC\nq\n%s Do\nQ\nEMC\n", layers[layer].type, name);
	qpdf_oh_release(q, form);
	qpdf_oh_release(q, bbox);
}

/* The page's /XObject resources, made if it has none. */
static qpdf_oh page_xobjects(qpdf_data q, qpdf_oh page)
{
	qpdf_oh res = qpdf_oh_get_key(q, page, "/Resources");
	qpdf_oh xo = qpdf_oh_get_key(q, res, "/XObject");
	if (!qpdf_oh_is_dictionary(q, xo)) {
		qpdf_oh_release(q, xo);
		xo = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, res, "/XObject", xo);
	}
	qpdf_oh_release(q, res);
	return xo;
}

/*
 * The page's contents become [the under layer, q, cairo's, Q and the
 * layers over it]: cairo's stream leaves its flipped coordinates in place
 * and closes all its marked content by its end, so after the Q the
 * artifacts are outside any tagged content and drawn in the page's own
 * coordinates.
 */
static void overlay_page(qpdf_data q, qpdf_data a, int i, unsigned layers_set)
{
	qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
	qpdf_oh xo = page_xobjects(q, page);
	struct buf pre = BUF_INIT, post = BUF_INIT;
	buf_puts(&post, "Q\n");
	for (int l = 1; l <= LAYOUT_ART_LAYERS; l++)
		if (layers_set & (1u << l))
			add_layer(q, a, i, l, page, xo, layers[l].under ? &pre : &post);
	buf_puts(&pre, "q\n");
	qpdf_oh s0 = new_content(q, buf_str(&pre)), s1 = new_content(q, buf_str(&post));
	qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
	qpdf_oh arr = qpdf_oh_new_array(q);
	qpdf_oh_append_item(q, arr, s0);
	if (qpdf_oh_is_array(q, contents)) {
		int n = qpdf_oh_get_array_n_items(q, contents);
		for (int k = 0; k < n; k++) {
			qpdf_oh item = qpdf_oh_get_array_item(q, contents, k);
			qpdf_oh_append_item(q, arr, item);
			qpdf_oh_release(q, item);
		}
	} else {
		qpdf_oh_append_item(q, arr, contents);
	}
	qpdf_oh_append_item(q, arr, s1);
	qpdf_oh_replace_key(q, page, "/Contents", arr);
	qpdf_oh_release(q, arr);
	qpdf_oh_release(q, contents);
	qpdf_oh_release(q, s1);
	qpdf_oh_release(q, s0);
	qpdf_oh_release(q, xo);
	qpdf_oh_release(q, page);
	buf_free(&pre);
	buf_free(&post);
}

/* What is not content, which the engine drew into a PDF of its own
 * (layout_tags.artifacts, a page per layer), laid on its pages as artifacts. */
static int add_artifacts(qpdf_data q, qpdf_data a, const struct layout_tags *t, struct buf *err)
{
	qpdf_read_memory(a, "artifacts.pdf", t->artifacts.data, t->artifacts.len, NULL);
	if (qpdf_failed(a, err))
		return -1;
	int n = qpdf_get_num_pages(q);
	if (qpdf_get_num_pages(a) != LAYOUT_ART_LAYERS * n || t->nlayers != (size_t)n) {
		buf_printf(err, _("the PDF has %d pages, the drawing of its artifacts %d; this is a bug in kpic\n"), n,
		           qpdf_get_num_pages(a) / LAYOUT_ART_LAYERS);
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (t->layers[i] != 0)
			overlay_page(q, a, i, t->layers[i]);
	return qpdf_failed(a, err) || qpdf_failed(q, err) ? -1 : 0;
}

static int finish(qpdf_data q, const struct layout_tags *tags, const char *lang, struct buf *err)
{
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, tree)) {
		buf_puts(err, _("the PDF cairo wrote has no structure tree; this is a bug in kpic\n"));
		return -1;
	}
	struct ua u = { q, tags, 0, 0, 0, 0 };
	walk_kids(&u, tree, NULL);
	if (qpdf_failed(q, err) || check_counts(&u, err))
		return -1;
	finish_catalog(q, root, tags, lang);
	finish_pages(q);
	fix_date(q, "/CreationDate");
	fix_date(q, "/ModDate");
	return qpdf_failed(q, err);
}

static int write_out(qpdf_data q, struct buf *out, struct buf *err)
{
	qpdf_init_write_memory(q);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_write(q);
	if (qpdf_failed(q, err))
		return -1;
	buf_put(out, (const char *)qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	return 0;
}

static qpdf_data open_qpdf(void)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	return q;
}

int pdf_ua_finish(struct buf *pdf, const struct layout_tags *tags, const char *lang, struct buf *err)
{
	qpdf_data q = open_qpdf(), a = open_qpdf();
	struct buf out = BUF_INIT;
	int rc = -1;
	qpdf_read_memory(q, "kpic.pdf", pdf->data ? pdf->data : "", pdf->len, NULL);
	if (!qpdf_failed(q, err) && finish(q, tags, lang, err) == 0 &&
	    (tags->artifacts.len == 0 || add_artifacts(q, a, tags, err) == 0) &&
	    write_out(q, &out, err) == 0)
		rc = 0;
	qpdf_cleanup(&q);
	qpdf_cleanup(&a);
	if (rc == 0) {
		buf_reset(pdf);
		buf_put(pdf, out.data, out.len);
	}
	buf_free(&out);
	return rc;
}
