/*
 * child.h: what every child process of the daemon needs, set up one way:
 * signals blocked across fork or vfork, so none reaches the daemon's
 * handlers in the child; there, every handler back to its default and the
 * child killed when the daemon dies.
 */
#ifndef TCTT_CHILD_H
#define TCTT_CHILD_H

#include <signal.h>

/* Before fork or vfork: block every signal, the mask in force into *old. */
void child_block_signals(sigset_t *old);
/* In the parent after fork or vfork: mask old back. errno is preserved. */
void child_parent_resume(const sigset_t *old);
/*
 * In the child, first thing: killed with the daemon (-1 when the daemon is
 * already gone: _exit), every caught signal back to its default, then mask
 * old. Only system calls, so it is safe after vfork.
 */
int child_start(const sigset_t *old);

#endif
