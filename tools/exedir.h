/*
 * exedir.h - the directory kpic's executable is in.
 *
 * kpic finds its templates and its message catalogue next to the binary (a
 * build tree) or relative to it (an installation moved elsewhere) before the
 * configured data directory, so that the build tree runs as installed.
 */
#ifndef KPIC_EXEDIR_H
#define KPIC_EXEDIR_H

#include <stddef.h>

/* The executable's directory, from /proc/self/exe; -1 if it cannot be read. */
int exedir_path(char *out, size_t size);

#endif
