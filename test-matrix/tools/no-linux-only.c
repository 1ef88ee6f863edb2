// An LD_PRELOAD library that takes away the Linux-only features macOS lacks, so that the portable lanes run
// the conformance suite on Linux the way it runs on a Mac: bind() and connect() to an abstract Unix socket
// address (a sun_path starting with NUL) fail with EINVAL, and open() of a path under /proc fails with ENOENT.
// Two exceptions, for what works on macOS by other means: `ps` (it reads /proc on Linux, sysctl on macOS),
// and the files a runtime reads about itself (memory, CPUs, cgroup limits: process.memoryUsage() and
// os.cpus() throw without them). Another process's entries, /proc/self/environ, /proc/self/fd and /proc/net
// stay hidden. Test infrastructure, never part of a published package. Bun opens files without libc, so only
// the socket half applies to it.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

extern char *program_invocation_short_name;

static int is_abstract(const struct sockaddr *addr, socklen_t len) {
  if (addr == NULL || addr->sa_family != AF_UNIX || len <= (socklen_t)sizeof(sa_family_t)) return 0;
  return ((const struct sockaddr_un *)addr)->sun_path[0] == '\0';
}

// What Node, Bun and Deno read about themselves at start and for memory and CPU figures (seen with strace).
static const char *const runtime_own[] = {
    "/proc/self/maps", "/proc/self/stat", "/proc/self/statm", "/proc/self/cgroup", "/proc/self/mountinfo",
    "/proc/meminfo",   "/proc/cpuinfo",   "/proc/stat",       "/proc/version",     "/proc/filesystems",
    "/proc/sys/",      NULL,
};

static int is_hidden_proc(const char *path) {
  if (path == NULL || strncmp(path, "/proc/", 6) != 0 || strcmp(program_invocation_short_name, "ps") == 0) return 0;
  for (const char *const *own = runtime_own; *own != NULL; own++) {
    size_t n = strlen(*own);
    if ((*own)[n - 1] == '/' ? strncmp(path, *own, n) == 0 : strcmp(path, *own) == 0) return 0;
  }
  return 1;
}

// Fails the call the way the platform would: `errno = code`, return -1.
#define REFUSE_IF(condition, code) \
  if (condition) {                 \
    errno = (code);                \
    return -1;                     \
  }

#define SOCKET_CALL(name)                                                    \
  int name(int fd, const struct sockaddr *addr, socklen_t len) {            \
    static int (*real)(int, const struct sockaddr *, socklen_t);            \
    if (real == NULL) real = dlsym(RTLD_NEXT, #name);                       \
    REFUSE_IF(is_abstract(addr, len), EINVAL)                               \
    return real(fd, addr, len);                                             \
  }
SOCKET_CALL(bind)
SOCKET_CALL(connect)

// The mode argument exists only with O_CREAT or O_TMPFILE; it is passed on as given.
#define MODE_OF(flags, last)                                                 \
  mode_t mode = 0;                                                           \
  if ((flags) & (O_CREAT | O_TMPFILE)) {                                     \
    va_list args;                                                            \
    va_start(args, last);                                                    \
    mode = va_arg(args, mode_t);                                             \
    va_end(args);                                                            \
  }

#define OPEN_CALL(name)                                                      \
  int name(const char *path, int flags, ...) {                              \
    static int (*real)(const char *, int, ...);                             \
    if (real == NULL) real = dlsym(RTLD_NEXT, #name);                       \
    MODE_OF(flags, flags)                                                   \
    REFUSE_IF(is_hidden_proc(path), ENOENT)                                 \
    return real(path, flags, mode);                                         \
  }
OPEN_CALL(open)
OPEN_CALL(open64)

#define OPENAT_CALL(name)                                                    \
  int name(int dirfd, const char *path, int flags, ...) {                   \
    static int (*real)(int, const char *, int, ...);                        \
    if (real == NULL) real = dlsym(RTLD_NEXT, #name);                       \
    MODE_OF(flags, flags)                                                   \
    REFUSE_IF(is_hidden_proc(path), ENOENT)                                 \
    return real(dirfd, path, flags, mode);                                  \
  }
OPENAT_CALL(openat)
OPENAT_CALL(openat64)
