/*
 * output.c - atomic output files (see output.h).
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int write_fd(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int output_write(const char *path, const char *data, size_t len, const char *const *inputs,
                 char *err, size_t errsz)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			snprintf(err, errsz, "cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	for (; inputs && *inputs; inputs++) {
		if (same_file(path, *inputs)) {
			snprintf(err, errsz, "%s: refusing to overwrite the input %s; choose another -o", path, *inputs);
			return -1;
		}
	}
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	if (tmp == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	snprintf(tmp, plen + 16, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsz, "%s: cannot create a file there: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp creates 0600; outputs are documents to share. */
	mode_t mask = umask(0);
	umask(mask);
	int ok = fchmod(fd, 0666 & ~mask) == 0 && write_fd(fd, data, len) == 0;
	int saved = errno;
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp, path) == 0) {
		free(tmp);
		return 0;
	}
	if (!ok)
		errno = saved;
	snprintf(err, errsz, "%s: cannot write: %s (the previous file, if any, is unchanged)", path, strerror(errno));
	unlink(tmp);
	free(tmp);
	return -1;
}
