/* watch — waiting for a journey or its modules to be saved (watch.h). */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lang/arena.h"
#include "runtime/base/grow.h"
#include "runtime/serve/watch.h"

/* A watched directory. */
typedef struct watched_dir {
  int wd;                      /* inotify's watch descriptor */
  char *path;                  /* owned */
  bool wanted;                 /* kept by the latest cjm_watch_program */
} watched_dir;

/* A file waited for: a name in a watched directory. */
typedef struct watched_file {
  int wd;
  char *name;                  /* owned: the last component of the path */
} watched_file;

struct cjm_watch {
  int fd;                      /* inotify, non-blocking */
  watched_dir *dirs;
  size_t dir_count, dir_capacity;
  watched_file *files;
  size_t file_count, file_capacity;
  bool any_journey;            /* a module is missing: any *.cjm counts */
  char **lost;                 /* owned: directories waited for that do not exist (yet) */
  size_t lost_count, lost_capacity;
};

/* What a directory's events are watched for: a file written and closed,
 * renamed in or out, created, removed, or written to. */
#define WATCH_MASK                                                                                       \
  (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_DELETE_SELF |  \
   IN_MOVE_SELF | IN_ONLYDIR)

cjm_watch *cjm_watch_new(void) {
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return NULL;
  cjm_watch *watch = cjm_xcalloc(1, sizeof *watch);
  watch->fd = fd;
  return watch;
}

/* Forgets the files waited for, and the directories looked for. */
static void clear_files(cjm_watch *watch) {
  for (size_t i = 0; i < watch->file_count; i++) free(watch->files[i].name);
  watch->file_count = 0;
  for (size_t i = 0; i < watch->lost_count; i++) free(watch->lost[i]);
  watch->lost_count = 0;
}

void cjm_watch_free(cjm_watch *watch) {
  if (!watch) return;
  clear_files(watch);
  for (size_t i = 0; i < watch->dir_count; i++) free(watch->dirs[i].path);
  free(watch->dirs);
  free(watch->files);
  free(watch->lost);
  close(watch->fd);
  free(watch);
}

/* Watches the directory of path and waits for its last component; 0, or
 * why it could not (an errno value). */
static int add_file(cjm_watch *watch, const char *path) {
  if (!path || !*path || strcmp(path, "-") == 0) return ENOENT;
  const char *slash = strrchr(path, '/');
  char dir[PATH_MAX];
  const char *name;
  if (!slash) {
    strcpy(dir, ".");
    name = path;
  } else {
    size_t len = slash == path ? 1 : (size_t)(slash - path);
    if (len >= sizeof dir) return ENAMETOOLONG;
    memcpy(dir, path, len);
    dir[len] = '\0';
    name = slash + 1;
  }
  if (!*name) return EISDIR;
  int wd = inotify_add_watch(watch->fd, dir, WATCH_MASK);
  if (wd < 0) {
    int why = errno;
    /* A directory that is not there (removed with the journey in it) is
     * looked for again while waiting (cjm_watch_wait). */
    if (why == ENOENT || why == ENOTDIR) *CJM_PUSH(watch->lost, watch->lost_count, watch->lost_capacity) = cjm_xstrdup(dir);
    return why;
  }
  size_t d = 0;
  while (d < watch->dir_count && watch->dirs[d].wd != wd) d++;
  if (d == watch->dir_count) {
    *CJM_PUSH(watch->dirs, watch->dir_count, watch->dir_capacity) = (watched_dir){.wd = wd, .path = cjm_xstrdup(dir)};
  }
  watch->dirs[d].wanted = true;
  for (size_t i = 0; i < watch->file_count; i++)
    if (watch->files[i].wd == wd && strcmp(watch->files[i].name, name) == 0) return 0;
  *CJM_PUSH(watch->files, watch->file_count, watch->file_capacity) = (watched_file){.wd = wd, .name = cjm_xstrdup(name)};
  return 0;
}

bool cjm_watch_program(cjm_watch *watch, const char *path, const cjm_program *program) {
  clear_files(watch);
  for (size_t i = 0; i < watch->dir_count; i++) watch->dirs[i].wanted = false;
  int why = add_file(watch, path);
  watch->any_journey = false;
  if (program) {
    for (size_t i = 0; i < program->file_count; i++) {
      const cjm_source *source = program->files[i]->source;
      add_file(watch, source->path);
      add_file(watch, source->real_path);
    }
    watch->any_journey = program->missing_modules > 0;
  }
  /* Drop the directories no longer wanted, now that the new ones are in. */
  size_t kept = 0;
  for (size_t i = 0; i < watch->dir_count; i++) {
    if (watch->dirs[i].wanted) {
      watch->dirs[kept++] = watch->dirs[i];
    } else {
      /* (-1 when inotify dropped it: the directory went away) */
      if (watch->dirs[i].wd >= 0) inotify_rm_watch(watch->fd, watch->dirs[i].wd);
      free(watch->dirs[i].path);
    }
  }
  watch->dir_count = kept;
  if (kept == 0) errno = why; /* path's directory is not watched, so why is not 0 */
  return kept > 0;
}

/* Whether an event is about a file waited for. */
static bool matters(const cjm_watch *watch, const struct inotify_event *event) {
  if (event->mask & IN_Q_OVERFLOW) return true;
  if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
    /* A watched directory removed or renamed (not one dropped on purpose). */
    for (size_t i = 0; i < watch->dir_count; i++)
      if (watch->dirs[i].wd == event->wd) return true;
    return false;
  }
  if (event->len == 0) return false;
  for (size_t i = 0; i < watch->file_count; i++)
    if (watch->files[i].wd == event->wd && strcmp(watch->files[i].name, event->name) == 0) return true;
  if (watch->any_journey) {
    size_t n = strlen(event->name);
    return n > 4 && strcmp(event->name + n - 4, ".cjm") == 0;
  }
  return false;
}

/* Reads the events waiting: 1 when one of them matters, 0 when none does
 * (or none was waiting), -1 on an error. */
static int drain(cjm_watch *watch) {
  _Alignas(struct inotify_event) char buffer[16 * 1024];
  int found = 0;
  for (;;) {
    ssize_t n = read(watch->fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return found;
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) return found;
    for (ssize_t at = 0; at + (ssize_t)sizeof(struct inotify_event) <= n;) {
      const struct inotify_event *event = (const struct inotify_event *)(buffer + at);
      if (matters(watch, event)) found = 1;
      if (event->mask & IN_IGNORED) {
        /* The directory went away: forget it, so that the next
         * cjm_watch_program watches it again if it comes back. */
        for (size_t i = 0; i < watch->dir_count; i++)
          if (watch->dirs[i].wd == event->wd) watch->dirs[i].wd = -1;
      }
      at += (ssize_t)sizeof(struct inotify_event) + event->len;
    }
  }
}

/* Milliseconds on a clock that never goes back. */
static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Polls the watcher and stop_fd for up to timeout_ms (-1: no limit):
 * 1 when the watcher has events, 0 on time-out, 2 when stopped, -1 on an
 * error. */
static int poll_both(const cjm_watch *watch, int stop_fd, int timeout_ms) {
  struct pollfd fds[2] = {{.fd = watch->fd, .events = POLLIN}, {.fd = stop_fd, .events = POLLIN}};
  for (;;) {
    int n = poll(fds, stop_fd >= 0 ? 2 : 1, timeout_ms);
    if (n < 0 && errno == EINTR) {
      /* A signal: the stop pipe says whether it was ours. */
      if (stop_fd < 0) continue;
      struct pollfd check = {.fd = stop_fd, .events = POLLIN};
      if (poll(&check, 1, 0) > 0) return 2;
      continue;
    }
    if (n < 0) return -1;
    if (n == 0) return 0;
    if (stop_fd >= 0 && (fds[1].revents & POLLIN)) return 2;
    return 1;
  }
}

/* Whether a directory looked for has come back. */
static bool lost_found(const cjm_watch *watch) {
  struct stat st;
  for (size_t i = 0; i < watch->lost_count; i++)
    if (stat(watch->lost[i], &st) == 0 && S_ISDIR(st.st_mode)) return true;
  return false;
}

cjm_watch_result cjm_watch_wait(cjm_watch *watch, int stop_fd) {
  /* The first change that matters; a directory that is not there cannot
   * be watched, so it is looked for every CJM_WATCH_RETRY_MS. */
  for (;;) {
    int got = poll_both(watch, stop_fd, watch->lost_count ? CJM_WATCH_RETRY_MS : -1);
    if (got == 2) return CJM_WATCH_STOPPED;
    if (got < 0) return CJM_WATCH_FAILED;
    if (got == 0) {
      if (lost_found(watch)) return CJM_WATCH_CHANGED;
      continue;
    }
    int found = drain(watch);
    if (found < 0) return CJM_WATCH_FAILED;
    if (found) break;
  }
  /* Then quiet: a save is often several events (backup, write, rename). */
  long long first = now_ms(), last = first;
  for (;;) {
    long long now = now_ms();
    long long wait = last + CJM_WATCH_QUIET_MS - now;
    if (first + CJM_WATCH_MAX_DELAY_MS - now < wait) wait = first + CJM_WATCH_MAX_DELAY_MS - now;
    if (wait <= 0) return CJM_WATCH_CHANGED;
    int got = poll_both(watch, stop_fd, (int)wait);
    if (got == 2) return CJM_WATCH_STOPPED;
    if (got < 0) return CJM_WATCH_FAILED;
    if (got == 0) return CJM_WATCH_CHANGED;
    int found = drain(watch);
    if (found < 0) return CJM_WATCH_FAILED;
    if (found) last = now_ms();
  }
}
