/*
 * output.c - atomic output files (see output.h).
 *
 * The new file has no name while it is written (O_TMPFILE, see
 * write_replacing()), so nothing is left behind by a run that ends half-way,
 * even by SIGKILL or a crash.  It has a name only for the rename, or
 * throughout where the system cannot make a nameless file.
 *
 * Signals.  A SIGINT, SIGTERM or SIGHUP that ends kpic while the temporary
 * file has a name would leave it behind, so for that time output_write()
 * catches them with on_signal(), which removes the file and raises the
 * signal again with its default action, so that kpic still ends the way it
 * would have.
 * The handler needs the file's name: `pending` is the one piece of global
 * mutable state this forces.  It changes only while those signals are
 * blocked, so the handler never sees it half-set, and the handler calls only
 * async-signal-safe functions (unlink, raise).  A signal the process ignores
 * (a background job's SIGINT, nohup's SIGHUP) stays ignored.
 *
 * SIGXFSZ is ignored for the same time: a file-size limit (ulimit -f) then
 * makes write() fail with EFBIG, reported and cleaned up like any failed
 * write, instead of killing kpic with the temporary file in place.
 */
/* O_TMPFILE and linkat() are Linux's (see write_replacing()). */
#define _GNU_SOURCE

#include "output.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
#define NCAUGHT (sizeof caught / sizeof caught[0])

/* The temporary file being written, for on_signal() (see above). */
static const char *volatile pending;

static void on_signal(int sig)
{
	if (pending)
		unlink(pending);
	/* SA_RESETHAND restored the default action; the signal is blocked in
	 * its own handler, so it is delivered, and ends kpic, on return. */
	raise(sig);
}

/* The signal dispositions output_write() changes, to restore afterwards. */
struct guard {
	sigset_t set, saved_mask;
	struct sigaction saved[NCAUGHT], saved_xfsz;
};

/* Blocks the caught signals and installs the handlers: the caller creates
 * the temporary file, sets pending, then calls guard_open(). */
static void guard_block(struct guard *g)
{
	struct sigaction sa;
	sigemptyset(&g->set);
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaddset(&g->set, caught[i]);
	sigprocmask(SIG_BLOCK, &g->set, &g->saved_mask);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_mask = g->set;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < NCAUGHT; i++) {
		sigaction(caught[i], NULL, &g->saved[i]);
		if (g->saved[i].sa_handler != SIG_IGN)
			sigaction(caught[i], &sa, NULL);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGXFSZ, &sa, &g->saved_xfsz);
}

static void guard_open(struct guard *g)
{
	sigprocmask(SIG_SETMASK, &g->saved_mask, NULL);
}

/* Blocks the signals again: the caller renames or removes the file. */
static void guard_close(struct guard *g)
{
	sigprocmask(SIG_BLOCK, &g->set, NULL);
}

/* Forgets the file and restores everything; a signal that came in the
 * meantime is delivered now, with the disposition kpic had before. */
static void guard_restore(struct guard *g)
{
	pending = NULL;
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &g->saved[i], NULL);
	sigaction(SIGXFSZ, &g->saved_xfsz, NULL);
	sigprocmask(SIG_SETMASK, &g->saved_mask, NULL);
}

/* Whether the directory dir, or one below it (a stylesheet may include one
 * from a subdirectory), holds the file *st: by device and inode, so a link to
 * one of its files counts too.  Links to directories are not followed, and
 * depth is bounded, so a loop cannot hold kpic up. */
static int in_dir(int parent, const char *dir, const struct stat *st, int depth)
{
	int fd = openat(parent, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	int found = 0;
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while (!found && (e = readdir(d)) != NULL) {
		struct stat se;
		if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
			continue;
		if (fstatat(dirfd(d), e->d_name, &se, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(se.st_mode))
			found = depth > 0 && in_dir(dirfd(d), e->d_name, st, depth - 1);
		else if (fstatat(dirfd(d), e->d_name, &se, 0) == 0)
			found = S_ISREG(se.st_mode) && se.st_dev == st->st_dev && se.st_ino == st->st_ino;
	}
	closedir(d);
	return found;
}

/* path with its directory made canonical ("sub/../x.pdf" and "x.pdf" alike);
 * path itself where the directory does not resolve. */
static void canonical_path(const char *path, char *out, size_t size)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
	if (realpath(dir, real) != NULL)
		snprintf(out, size, "%s/%s", real, base);
	else
		snprintf(out, size, "%s", path);
}

int output_same_file(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (strcmp(a, b) == 0)
		return 1;
	struct stat sa, sb;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	char ca[PATH_MAX + 256], cb[PATH_MAX + 256];
	canonical_path(a, ca, sizeof ca);
	canonical_path(b, cb, sizeof cb);
	return strcmp(ca, cb) == 0;
}

/* Whether path is the input a, or one of its files when a is a directory. */
static int same_file(const char *path, const char *a)
{
	struct stat sp, sa;
	if (stat(path, &sp) != 0 || stat(a, &sa) != 0)
		return 0;
	if (S_ISDIR(sa.st_mode))
		return !S_ISDIR(sp.st_mode) && in_dir(AT_FDCWD, a, &sp, 8);
	return output_same_file(path, a);
}

/* The new file's mode: that of the file like (the file it replaces), without
 * setuid and setgid, and its owner and group where the system allows it
 * (only root may give a file away; others may still set a group they are
 * in); else 0666 less the umask, since mkstemp creates 0600 and outputs are
 * documents to share. */
static int take_mode(int fd, const char *like)
{
	struct stat st;
	if (like != NULL && stat(like, &st) == 0 && S_ISREG(st.st_mode)) {
		if (fchown(fd, st.st_uid, st.st_gid) < 0 && fchown(fd, (uid_t)-1, st.st_gid) < 0) {
			/* not allowed: the file stays ours, with the mode below */
		}
		return fchmod(fd, st.st_mode & 01777);
	}
	mode_t mask = umask(0);
	umask(mask);
	return fchmod(fd, 0666 & ~mask);
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

static int write_in_place(const char *path, const char *data, size_t len, char *err, size_t errsz)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0 || write_fd(fd, data, len) < 0) {
		snprintf(err, errsz, _("%s: cannot write: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (close(fd) < 0) {
		snprintf(err, errsz, _("%s: cannot write: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}

int output_write(const char *path, const char *data, size_t len, const char *const *inputs,
                 char *err, size_t errsz)
{
	return output_write_like(path, data, len, inputs, path, err, errsz);
}

/* The directory path is in, for O_TMPFILE and the fsync after the rename. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* A file with no name in dir, or -1 where the system cannot make one (no
 * O_TMPFILE, a file system without it, no /proc to name it by later). */
static int open_nameless(const char *dir)
{
#ifdef O_TMPFILE
	if (access("/proc/self/fd", X_OK) == 0)
		return open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#else
	(void)dir;
#endif
	return -1;
}

/* Gives the nameless file fd the name tmp (path.tmp-PID-N, the first free). */
static int name_nameless(int fd, const char *path, char *tmp, size_t size)
{
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (unsigned n = 0; n < 100; n++) {
		snprintf(tmp, size, "%s.tmp-%ld-%u", path, (long)getpid(), n);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

/* The rename is on disk once the directory is: a crash right after kpic
 * exits then leaves the new file, not an empty one or none. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);    /* best effort: some file systems cannot */
		close(fd);
	}
}

/*
 * Writes data into a new file and renames it over path.  The file has no
 * name while it is written (O_TMPFILE), so that a run ended by SIGKILL, a
 * crash or a power cut leaves nothing behind; it is named path.tmp-PID-N only
 * for the rename, with the caught signals blocked.  Where the system cannot
 * make a nameless file, a named one (mkstemp) takes its place, which
 * on_signal() removes.  The data reach the disk (fsync) before the rename.
 */
static int write_replacing(const char *path, const char *data, size_t len, const char *like, char *err,
                           size_t errsz)
{
	size_t tsize = strlen(path) + 40;
	char *tmp = malloc(tsize), *dir = dir_of(path);
	if (tmp == NULL || dir == NULL) {
		free(tmp);
		free(dir);
		snprintf(err, errsz, _("out of memory"));
		return -1;
	}
	struct guard g;
	guard_block(&g);
	int fd = open_nameless(dir), named = fd < 0;
	if (named) {
		snprintf(tmp, tsize, "%s.tmp-XXXXXX", path);
		fd = mkstemp(tmp);
	}
	if (fd < 0) {
		int e = errno;
		guard_restore(&g);
		snprintf(err, errsz, _("%s: cannot create a file there: %s"), path, strerror(e));
		free(tmp);
		free(dir);
		return -1;
	}
	if (named)
		pending = tmp;
	guard_open(&g);
	int ok = take_mode(fd, like) == 0 && write_fd(fd, data, len) == 0 && fsync(fd) == 0;
	int saved = errno;
	guard_close(&g);
	if (ok && !named) {
		ok = name_nameless(fd, path, tmp, tsize) == 0;
		saved = errno;
		named = ok;
		if (ok)
			pending = tmp;
	}
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp, path) == 0) {
		guard_restore(&g);
		sync_dir(dir);
		free(tmp);
		free(dir);
		return 0;
	}
	if (!ok)
		errno = saved;
	snprintf(err, errsz, _("%s: cannot write: %s (the previous file, if any, is unchanged)"), path, strerror(errno));
	if (named)
		unlink(tmp);
	guard_restore(&g);
	free(tmp);
	free(dir);
	return -1;
}

int output_write_like(const char *path, const char *data, size_t len, const char *const *inputs,
                      const char *like, char *err, size_t errsz)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			snprintf(err, errsz, _("cannot write to standard output: %s"), strerror(errno));
			return -1;
		}
		return 0;
	}
	for (; inputs && *inputs; inputs++) {
		struct stat si;
		if (!same_file(path, *inputs))
			continue;
		if (stat(*inputs, &si) == 0 && S_ISDIR(si.st_mode))
			snprintf(err, errsz, _("%s: refusing to overwrite an input: it is a file of %s, which this run reads; choose another -o"),
			         path, *inputs);
		else
			snprintf(err, errsz, _("%s: refusing to overwrite the input %s; choose another -o"), path, *inputs);
		return -1;
	}
	/* A device or a pipe (-o /dev/stdout, -o /dev/null, a FIFO) is written
	 * in place: renaming a file over it would replace the device node
	 * itself, which as root would even succeed. */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return write_in_place(path, data, len, err, errsz);
	return write_replacing(path, data, len, like, err, errsz);
}
