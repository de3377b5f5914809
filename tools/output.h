/*
 * output.h - writing an output file so that a failure loses nothing.
 *
 * The content is written to a temporary file in the target's directory and
 * renamed over the target only when it is complete, so the previous output
 * survives any failed run, and readers never see half a file.  kpic refuses to
 * write over one of its own inputs.
 */
#ifndef KPIC_OUTPUT_H
#define KPIC_OUTPUT_H

#include <stddef.h>

/* Writes data to path ("-" is standard output).  inputs lists the files read
 * (NULL-terminated), which path must not be.  Returns 0, or -1 with a message
 * in err. */
int output_write(const char *path, const char *data, size_t len, const char *const *inputs,
                 char *err, size_t errsz);

#endif
