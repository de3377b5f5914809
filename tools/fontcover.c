/*
 * fontcover.c - the PDF fonts' coverage (see fontcover.h).
 */
#include "fontcover.h"
#include "buf.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>

struct fontcover {
	FcConfig *config;
	FcCharSet *cover;        /* the union over the fallback list */
};

struct fontcover *fontcover_new(const char *family)
{
	FcConfig *config = FcInitLoadConfigAndFonts();
	if (config == NULL)
		return NULL;
	FcPattern *p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddString(p, FC_LANG, (const FcChar8 *)"ja");
	FcConfigSubstitute(config, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult res;
	FcCharSet *cover = NULL;
	FcFontSet *set = FcFontSort(config, p, FcTrue, &cover, &res);
	FcPatternDestroy(p);
	if (set)
		FcFontSetDestroy(set);
	if (cover == NULL) {
		FcConfigDestroy(config);
		return NULL;
	}
	struct fontcover *fc = xcalloc(1, sizeof *fc);
	fc->config = config;
	fc->cover = cover;
	return fc;
}

void fontcover_free(struct fontcover *fc)
{
	if (fc == NULL)
		return;
	FcCharSetDestroy(fc->cover);
	FcConfigDestroy(fc->config);
	free(fc);
}

int fontcover_has(const struct fontcover *fc, uint32_t cp)
{
	return fc == NULL || FcCharSetHasChar(fc->cover, cp);
}
