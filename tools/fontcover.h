/*
 * fontcover.h - which characters the PDF can draw, asked of fontconfig.
 *
 * The PDF's text is set by pango in the document font, falling back, for a
 * character that font lacks, to the installed fonts fontconfig ranks after
 * it.  A character none of them has is drawn as a box with its hex code and
 * is missing from the PDF's text layer.  `kpic check` says so beforehand
 * (rules.c, layout-missing-glyph) from the same ranking: the union of the
 * coverage (FcCharSet) of the fonts FcFontSort returns for the family.
 */
#ifndef KPIC_FONTCOVER_H
#define KPIC_FONTCOVER_H

#include <stdint.h>

struct fontcover;

/* The coverage for family (NULL when fontconfig cannot be initialised:
 * then every character counts as covered). */
struct fontcover *fontcover_new(const char *family);
void fontcover_free(struct fontcover *fc);

/* 1 if some font of the fallback list has a glyph for cp (or fc is NULL). */
int fontcover_has(const struct fontcover *fc, uint32_t cp);

#endif
