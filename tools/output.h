/*
 * output.h - writing an output file so that a failure loses nothing.
 *
 * The content is written to a temporary file in the target's directory, with
 * no name until it is complete and on disk (fsync), and only then renamed
 * over the target, so the previous output survives any failed or killed run,
 * readers never see half a file, and nothing is left behind.  kpic refuses to
 * write over one of its own inputs (the source, the templates, a sheet).
 */
#ifndef KPIC_OUTPUT_H
#define KPIC_OUTPUT_H

#include <stddef.h>

/* Writes data to path ("-" is standard output).  inputs lists the files read
 * (NULL-terminated), which path must not be; a directory among them stands
 * for every file in it (the templates directory: kpic.rng, the stylesheets,
 * the CSS).  A file that is replaced keeps its permission bits (not setuid or
 * setgid) and, where the system allows it (as root), its owner and group; a
 * new file gets 0666 less the umask.  Returns 0, or -1 with a message in
 * err. */
int output_write(const char *path, const char *data, size_t len, const char *const *inputs,
                 char *err, size_t errsz);
/* The same, but the file takes the mode, owner and group of the file like,
 * whether path existed or not (kpic update's backup SRC~ gets the source's,
 * so that a source readable by few does not leave a copy readable by all). */
int output_write_like(const char *path, const char *data, size_t len, const char *const *inputs,
                      const char *like, char *err, size_t errsz);

/* Whether a and b name one file: the same string, the same inode, or (for
 * files not yet written) the same path once their directories are made
 * canonical ("sub/../x.pdf" and "x.pdf"); NULL is no file.  Two outputs of one
 * run must not be one file. */
int output_same_file(const char *a, const char *b);

#endif
