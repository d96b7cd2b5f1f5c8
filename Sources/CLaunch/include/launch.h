// toolgate's process launcher: the one place where a child process is made (docs/architecture.md).
// Called only from Sources/Execution/Process/Launcher.swift.
#ifndef TOOLGATE_LAUNCH_H
#define TOOLGATE_LAUNCH_H

#include <stddef.h>
#include <sys/types.h>

/// Resource limits of a run step; a negative value leaves that limit as toolgate's own.
typedef struct {
    long long cpu_seconds;   // RLIMIT_CPU
    long long address_space; // RLIMIT_AS, bytes
    long long processes;     // RLIMIT_NPROC
    long long file_size;     // RLIMIT_FSIZE, bytes
    long long core_size;     // RLIMIT_CORE, bytes
} tg_limits;

/// Which part of the start failed.
typedef enum {
    TG_LAUNCH_OK = 0,
    TG_LAUNCH_ARGUMENTS, // the argv or environment block was malformed, or memory ran out
    TG_LAUNCH_CLONE,     // no child could be made
    TG_LAUNCH_STREAMS,   // dup2 of stdin, stdout or stderr in the child
    TG_LAUNCH_GROUP,     // setpgid in the child
    TG_LAUNCH_DIRECTORY, // chdir in the child
    TG_LAUNCH_LIMITS,    // setrlimit in the child
    TG_LAUNCH_EXEC,      // execve in the child (it wrote "toolgate: cannot run ..." to its stderr, exit 127)
} tg_launch_stage;

typedef struct {
    pid_t pid;             // the child, which leads its own process group; 0 when the start failed
    tg_launch_stage stage; // TG_LAUNCH_OK, or where it failed (the child, if made, has been reaped)
    int error;             // errno of the failure
} tg_launch_result;

/// Starts `path` with the NUL-terminated strings of `argv_block` (`argv_count` of them) as its argv and
/// those of `env_block` (`env_count`) as its whole environment, in `cwd`, with stdin, stdout and stderr
/// from `stdin_fd`, `stdout_fd` and `stderr_fd`. In the child, before execve: every descriptor above 2
/// closed, every signal at its default disposition (1 to 64, glibc's 32 and 33 included), its own process
/// group, `limits` applied (NULL: none), and every signal unblocked. Returns when the child has exec'd or
/// failed; a failure after the streams are set is also told on the child's stderr.
void tg_launch(
    const char *path, const char *argv_block, size_t argv_count, const char *env_block, size_t env_count,
    const char *cwd, int stdin_fd, int stdout_fd, int stderr_fd, const tg_limits *limits,
    tg_launch_result *result);

/// How a waited-for process ended.
typedef struct {
    int exited;   // 1: exit_code is set; 0: killed by `signal`
    int exit_code;
    int signal;
    int error;    // waitpid's errno when it failed (then exited = 0, signal = 0)
} tg_ending;

/// Blocks until `pid` (a child) ends and reaps it: waitpid on that pid alone, never on a descriptor a
/// grandchild could hold. Call it off Swift's cooperative threads.
void tg_wait(pid_t pid, tg_ending *ending);

/// Blocks until `pid` (a child) has exited, without reaping it: its zombie keeps the pid, and so the
/// process group's id, from being given to another process until tg_wait reaps it. Past `timeout_ms`
/// milliseconds (negative: none) the child's whole group gets SIGKILL and `*timed_out` is set; with
/// `kill_group_at_exit`, the group gets SIGKILL once the child has exited too (what the step left behind).
/// The deadline is kept on this thread (a pidfd polled, or a short sleep where pidfd_open is missing), so
/// no timer that a busy scheduler could delay stands between a step and its timeout. Returns 0, or waitid's
/// errno. Every kill of a group happens before the reap: a group id is never used once its pid is free.
int tg_await_exit(pid_t pid, long long timeout_ms, int kill_group_at_exit, int *timed_out);

#endif
