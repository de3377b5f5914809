/*
 * xmlerr.h - libxml2's well-formedness errors in words a clerk understands.
 *
 * The loader keeps the first error libxml2 raises (later ones are mostly its
 * consequences) and reports it here.  Errors are recognised by their code
 * (xmlError.code, XML_ERR_*), never by libxml2's English, and each known one
 * is placed where the mistake is, not where the parser noticed it: a stray
 * '&' at the '&' (libxml2 is past the name that follows it), an unclosed
 * element at its start tag, an unterminated comment at its "<!--".
 */
#ifndef KPIC_XMLERR_H
#define KPIC_XMLERR_H

#include <libxml/xmlerror.h>

#include "diag.h"
#include "srcmap.h"

/* The first error of a parse, with the fields its code gives meaning to. */
struct xml_error {
	int seen;
	int code;                /* xmlParserErrors */
	int line, col;           /* where libxml2 was; col in characters */
	int int1;                /* a start tag's line (mismatch, unfinished tag), the depth limit */
	char str1[128], str2[128];   /* element, attribute or entity names */
	char msg[512];           /* libxml2's English, only for codes kpic does not know */
};

/* Keeps e in *xe unless an error was already kept or e is only a warning. */
void xmlerr_capture(struct xml_error *xe, const xmlError *e);

/* Reports *xe (or "malformed XML" when nothing was captured) as xml-syntax. */
void xmlerr_report(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe);

#endif
