/*
 * csp.h - the Content-Security-Policy of kpic's HTML pages.
 *
 * A page kpic writes carries all it needs inside itself: its style and its
 * script are inline, its charts inline SVG.  csp_declare() gives the page a
 * policy that allows exactly those inline elements, by the SHA-256 hash of
 * their text, and nothing from anywhere else:
 *   default-src 'none'; style-src 'sha256-…'; script-src 'sha256-…';
 *   base-uri 'none'; form-action 'none'  (and img-src data: with an <img>).
 * It runs on the transformed tree, after XSLT and before serialising: the
 * hashes are those of the text the browser will read.
 */
#ifndef KPIC_CSP_H
#define KPIC_CSP_H

#include "buf.h"

#include <libxml/tree.h>

/* The policy for the page doc: every <style> and <script> element's hash. */
void csp_policy(xmlDoc *doc, struct buf *out);

/* Adds <meta http-equiv="Content-Security-Policy" content="POLICY"> to the
 * page's <head>, after its <meta charset> (before any style or script).
 * Returns 0, or -1 when the page has no <head> (nothing is added). */
int csp_declare(xmlDoc *doc);

#endif
