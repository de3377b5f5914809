/*
 * exedir.c - the directory kpic's executable is in (see exedir.h).
 */
#include "exedir.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int exedir_path(char *out, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(out, size, "%s", exe);
	return 0;
}
