/*
 * srclock.c - the lock and the checks kpic update needs to replace a source
 * safely (see srclock.h).
 *
 * The lock file is removed on release, so a lock taken on a file that its
 * holder has just removed would be worth nothing: after flock() succeeds the
 * file at the path must still be the one locked (same inode), or the lock is
 * taken again.  The holder's pid and command line are written into the file;
 * a holder that wrote nothing (flock(1), another tool) is found by its inode
 * in /proc/locks where Linux has it.
 */
#define _GNU_SOURCE

#include "srclock.h"
#include "i18n.h"
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A process's command line, its arguments separated by spaces and control
 * characters shown as '?' (a name must not forge lines in a message). */
static void command_of(long pid, char *out, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
	out[0] = '\0';
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return;
	size_t n = fread(out, 1, size - 1, f);
	fclose(f);
	while (n > 0 && out[n - 1] == '\0')
		n--;
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (out[i] == '\0')
			out[i] = ' ';
		else if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
}

/* The pid holding an flock on inode ino, from /proc/locks; 0 if unknown. */
static long holder_by_inode(unsigned long ino)
{
	FILE *f = fopen("/proc/locks", "r");
	char line[256];
	long pid = 0;
	while (f && pid == 0 && fgets(line, sizeof line, f)) {
		long p;
		unsigned maj, min;
		unsigned long i;
		char kind[16];
		/* "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF" */
		if (sscanf(line, "%*s %15s %*s %*s %ld %x:%x:%lu", kind, &p, &maj, &min, &i) == 5 &&
		    !strcmp(kind, "FLOCK") && i == ino)
			pid = p;
	}
	if (f)
		fclose(f);
	return pid;
}

/* Who holds the lock of fd: "pid 123 (kpic update s.xml …)", or "". */
static void holder(int fd, char *out, size_t size)
{
	char text[512];
	ssize_t n = pread(fd, text, sizeof text - 1, 0);
	long pid = 0;
	char cmd[400] = "";
	if (n > 0) {
		text[n] = '\0';
		char *end;
		pid = strtol(text, &end, 10);
		if (*end == ' ') {
			snprintf(cmd, sizeof cmd, "%s", end + 1);
			cmd[strcspn(cmd, "\n")] = '\0';
		}
	}
	struct stat st;
	if (pid <= 0 && fstat(fd, &st) == 0)
		pid = holder_by_inode((unsigned long)st.st_ino);
	if (pid > 0 && cmd[0] == '\0')
		command_of(pid, cmd, sizeof cmd);
	for (char *p = cmd; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (pid <= 0)
		snprintf(out, size, "%s", _("another process"));
	else if (cmd[0])
		snprintf(out, size, _("process %ld (%s)"), pid, cmd);
	else
		snprintf(out, size, _("process %ld"), pid);
}

/* Says who we are in the lock file: "PID COMMAND\n". */
static void write_holder(int fd)
{
	char cmd[400], line[448];
	command_of((long)getpid(), cmd, sizeof cmd);
	int n = snprintf(line, sizeof line, "%ld %s\n", (long)getpid(), cmd[0] ? cmd : "kpic update");
	if (ftruncate(fd, 0) == 0 && pwrite(fd, line, (size_t)n, 0) == n)
		return;
	/* best effort: the lock holds without the note */
}

int srclock_take(struct srclock *l, const char *path, char *err, size_t errsz)
{
	l->fd = -1;
	err[0] = '\0';
	size_t size = strlen(path) + 6;
	l->path = xcalloc(1, size);
	snprintf(l->path, size, "%s.lock", path);
	for (int tries = 0; tries < 100; tries++) {
		int fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0) {
			snprintf(err, errsz, _("%s: cannot take the lock of the source (%s): %s; nothing was written"),
			         path, l->path, strerror(errno));
			break;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			char who[512];
			int e = errno;
			if (e == EWOULDBLOCK) {
				holder(fd, who, sizeof who);
				snprintf(err, errsz,
				         _("%s: %s is updating this source (lock %s); wait until it ends and run kpic update again; nothing was written"),
				         path, who, l->path);
			} else {
				snprintf(err, errsz, _("%s: cannot take the lock of the source (%s): %s; nothing was written"),
				         path, l->path, strerror(e));
			}
			close(fd);
			break;
		}
		struct stat a, b;
		if (fstat(fd, &a) == 0 && stat(l->path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			l->fd = fd;
			write_holder(fd);
			return 0;
		}
		close(fd);   /* its holder removed it as we locked it: again */
	}
	if (l->fd < 0 && err[0] == '\0')
		snprintf(err, errsz, _("%s: cannot take the lock of the source (%s): %s; nothing was written"), path,
		         l->path, strerror(EAGAIN));
	free(l->path);
	l->path = NULL;
	return -1;
}

void srclock_release(struct srclock *l)
{
	if (l->fd >= 0) {
		unlink(l->path);
		close(l->fd);
	}
	l->fd = -1;
	free(l->path);
	l->path = NULL;
}

int srclock_writable(const char *path, char *err, size_t errsz)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		snprintf(err, errsz, _("%s: cannot read: %s"), path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsz, _("%s: not a regular file; kpic update rewrites only a source file (write the result elsewhere with -o)"), path);
		return -1;
	}
	if ((st.st_mode & 0222) == 0 || access(path, W_OK) < 0) {
		snprintf(err, errsz,
		         _("%s: the source is read-only, and kpic update does not replace it: make it writable (chmod u+w), or write the result elsewhere with -o; nothing was written"),
		         path);
		return -1;
	}
	return 0;
}

int srclock_unchanged(const char *path, const char *data, size_t len, char **now, char *err, size_t errsz)
{
	size_t n = 0;
	int e = 0, too_large = 0;
	char *text = load_read_all(path, &n, &e, &too_large);
	if (text == NULL) {
		snprintf(err, errsz, _("%s: cannot read it again before replacing it: %s; nothing was written"), path,
		         too_large ? _("it has grown larger than 64 MiB") : strerror(e));
		return 0;
	}
	if (n != len || memcmp(text, data, len) != 0) {
		free(text);
		snprintf(err, errsz,
		         _("%s: the source was changed while kpic update ran (saved by an editor?); nothing was written and the change is kept: run kpic update again"),
		         path);
		return 0;
	}
	if (now)
		*now = text;
	else
		free(text);
	return 1;
}
