// The process launcher (launch.h). The child is made with clone(CLONE_VM | CLONE_VFORK), as glibc's own
// posix_spawn does: no page tables are copied, and the parent resumes only once the child has exec'd or
// given up, so its failure can be read from shared memory, with no pipe. Between clone and execve the child
// makes system calls only (async-signal-safe): nothing that allocates, locks or touches stdio.
#define _GNU_SOURCE
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

// The kernel's signal numbers run 1..64 on every Linux architecture glibc supports (_NSIG is 65).
#define TG_LAST_SIGNAL 64
#define TG_CHILD_STACK (256 * 1024)

typedef struct {
    const char *path;
    char **argv;
    char **envp;
    const char *cwd;
    int fds[3];
    const tg_limits *limits;
    // Written by the child, read by the parent once clone has returned (CLONE_VFORK).
    volatile int stage;
    volatile int error;
} launch_context;

// A zeroed kernel `struct sigaction` is SIG_DFL with no flags and an empty mask, whatever the layout of
// the architecture; 64 bytes covers every layout.
static const unsigned char default_action[64];

// The raw system calls: glibc's sigaction refuses 32 and 33 (it keeps them for threads and setxid), and
// its sigprocmask keeps those two out of any mask it is given.
static int set_mask(const uint64_t *set, uint64_t *old) {
    return (int)syscall(SYS_rt_sigprocmask, SIG_SETMASK, set, old, sizeof(uint64_t));
}

static void write_text(const char *s) {
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

// "toolgate: cannot run 'prog': No such file or directory", from the child, before _exit(127).
// strerrordesc_np reads a static table (no locale, no allocation), unlike strerror.
static void report(const char *what, const char *name, int error) {
    write_text("toolgate: ");
    write_text(what);
    write_text(" '");
    write_text(name);
    write_text("': ");
    const char *text = strerrordesc_np(error);
    write_text(text ? text : "unknown error");
    write_text("\n");
}

// Gives up: the parent reads why from `c`. Once the streams are set, stderr is the step's own, so the
// child says it there too (a shell's way: the message, and exit status 127).
static _Noreturn void fail(launch_context *c, int stage, const char *what, const char *name) {
    int error = errno;
    c->stage = stage;
    c->error = error;
    if (stage != TG_LAUNCH_STREAMS) report(what, name, error);
    _exit(127);
}

static int apply_limit(int resource, long long value) {
    if (value < 0) return 0;
    struct rlimit limit = {(rlim_t)value, (rlim_t)value};
    return setrlimit(resource, &limit);
}

static int apply_limits(const tg_limits *l) {
    if (!l) return 0;
    if (apply_limit(RLIMIT_CPU, l->cpu_seconds) != 0) return -1;
    if (apply_limit(RLIMIT_AS, l->address_space) != 0) return -1;
    if (apply_limit(RLIMIT_NPROC, l->processes) != 0) return -1;
    if (apply_limit(RLIMIT_FSIZE, l->file_size) != 0) return -1;
    if (apply_limit(RLIMIT_CORE, l->core_size) != 0) return -1;
    return 0;
}

// stdin, stdout and stderr from the given descriptors. A source below 3 that is not its own target is
// first moved above 2, so that one dup2 cannot overwrite the source of the next.
static int set_streams(int fds[3]) {
    for (int i = 0; i < 3; i++) {
        if (fds[i] < 3 && fds[i] != i) {
            fds[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
            if (fds[i] < 0) return -1;
        }
    }
    for (int i = 0; i < 3; i++) {
        if (fds[i] == i) {
            if (fcntl(i, F_SETFD, 0) != 0) return -1; // keep it across execve
        } else if (dup2(fds[i], i) < 0) {
            return -1;
        }
    }
    return 0;
}

// Every descriptor above 2. close_range is Linux 5.9; before it, one close per possible descriptor.
static void close_others(void) {
    if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return;
    struct rlimit files;
    long last = (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) ? (long)files.rlim_cur : 65536;
    if (last > (1L << 20)) last = 1L << 20;
    for (long fd = 3; fd < last; fd++) close((int)fd);
}

static int child(void *argument) {
    launch_context *c = argument;
    // Every signal is blocked here (the parent blocked them all before clone), so no handler of
    // toolgate's can run in this child, which shares toolgate's memory until execve.
    // The descriptors first: until close_range this child holds a copy of every descriptor toolgate has
    // open, and one open for writing on a program another step is about to exec makes that exec fail
    // with ETXTBSY. (ProcessRunner retries such a start; keeping the window short makes it rare.)
    if (set_streams(c->fds) != 0) fail(c, TG_LAUNCH_STREAMS, "cannot set stdin, stdout and stderr for", c->argv[0]);
    close_others();
    for (int s = 1; s <= TG_LAST_SIGNAL; s++) {
        if (s == SIGKILL || s == SIGSTOP) continue;
        syscall(SYS_rt_sigaction, s, default_action, NULL, sizeof(uint64_t));
    }
    if (setpgid(0, 0) != 0) fail(c, TG_LAUNCH_GROUP, "cannot start a process group for", c->argv[0]);
    if (chdir(c->cwd) != 0) fail(c, TG_LAUNCH_DIRECTORY, "cannot change to", c->cwd);
    if (apply_limits(c->limits) != 0) fail(c, TG_LAUNCH_LIMITS, "cannot set the limits of", c->argv[0]);
    const uint64_t none = 0;
    set_mask(&none, NULL);
    execve(c->path, c->argv, c->envp);
    fail(c, TG_LAUNCH_EXEC, "cannot run", c->argv[0]);
}

// `count` pointers into the NUL-separated strings of `block`, then NULL; NULL when out of memory.
static char **split_block(const char *block, size_t count) {
    char **list = calloc(count + 1, sizeof(char *));
    if (!list) return NULL;
    const char *p = block;
    for (size_t i = 0; i < count; i++) {
        list[i] = (char *)p;
        p += strlen(p) + 1;
    }
    return list;
}

void tg_launch(
    const char *path, const char *argv_block, size_t argv_count, const char *env_block, size_t env_count,
    const char *cwd, int stdin_fd, int stdout_fd, int stderr_fd, const tg_limits *limits,
    tg_launch_result *result) {
    result->pid = 0;
    result->stage = TG_LAUNCH_OK;
    result->error = 0;
    launch_context c = {
        .path = path, .cwd = cwd, .fds = {stdin_fd, stdout_fd, stderr_fd}, .limits = limits,
        .stage = TG_LAUNCH_OK, .error = 0};
    c.argv = argv_count > 0 ? split_block(argv_block, argv_count) : NULL;
    c.envp = split_block(env_block, env_count);
    void *stack = mmap(NULL, TG_CHILD_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (!c.argv || !c.envp || stack == MAP_FAILED) {
        result->stage = TG_LAUNCH_ARGUMENTS;
        result->error = argv_count == 0 ? EINVAL : ENOMEM;
        goto done;
    }

    // Block everything, 32 and 33 included, for the clone: the child must not take a signal into one of
    // toolgate's handlers before it has reset them. The child unblocks just before execve.
    const uint64_t all = ~(uint64_t)0;
    uint64_t old = 0;
    set_mask(&all, &old);
    // The stack grows down on every architecture Debian builds toolgate for.
    pid_t pid = clone(child, (char *)stack + TG_CHILD_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, &c);
    int clone_error = errno;
    set_mask(&old, NULL);

    if (pid < 0) {
        result->stage = TG_LAUNCH_CLONE;
        result->error = clone_error;
    } else if (c.stage != TG_LAUNCH_OK) {
        // The child gave up before or at execve and has exited 127: reap it here.
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        result->stage = c.stage;
        result->error = c.error;
    } else {
        result->pid = pid;
    }
done:
    if (stack != MAP_FAILED) munmap(stack, TG_CHILD_STACK);
    free(c.argv);
    free(c.envp);
}

void tg_wait(pid_t pid, tg_ending *ending) {
    int status = 0;
    ending->exited = 0;
    ending->exit_code = 0;
    ending->signal = 0;
    ending->error = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno == EINTR) continue;
        ending->error = errno;
        return;
    }
    if (WIFEXITED(status)) {
        ending->exited = 1;
        ending->exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        ending->signal = WTERMSIG(status);
    }
}

static long long tg_now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Has `pid` exited? 1 yes, 0 not yet, -1 waitid failed (errno). WNOWAIT leaves it a zombie.
static int tg_has_exited(pid_t pid, int block) {
    for (;;) {
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT | (block ? 0 : WNOHANG)) == 0) return info.si_pid == pid;
        if (errno != EINTR) return -1;
    }
}

int tg_await_exit(pid_t pid, long long timeout_ms, int kill_group_at_exit, int *timed_out) {
    *timed_out = 0;
    int fd = -1;
    long long deadline = tg_now_ms() + (timeout_ms < 0 ? 0 : timeout_ms);
#ifdef SYS_pidfd_open
    // Readable once the child has exited; always close-on-exec.
    if (timeout_ms >= 0) fd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
    int exited = timeout_ms < 0 ? tg_has_exited(pid, 1) : 0;
    while (exited == 0) {
        exited = tg_has_exited(pid, 0);
        if (exited != 0) break;
        long long left = deadline - tg_now_ms();
        if (left <= 0) {
            *timed_out = 1;
            (void)kill(-pid, SIGKILL);
            exited = tg_has_exited(pid, 1);
            break;
        }
        if (fd >= 0) {
            struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
            (void)poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
        } else {
            struct timespec pause = { .tv_sec = 0, .tv_nsec = (left < 10 ? left : 10) * 1000000L };
            (void)nanosleep(&pause, NULL);
        }
    }
    int error = exited < 0 ? errno : 0;
    if (fd >= 0) close(fd);
    // The zombie still holds the pid, and so the group id: this kill cannot reach a stranger's group.
    if (exited > 0 && kill_group_at_exit) (void)kill(-pid, SIGKILL);
    return error;
}
