/* child.c: the signal and lifetime set-up shared by the daemon's children (mailer, document readers). */
#include "child.h"

#include <errno.h>
#include <sys/prctl.h>
#include <unistd.h>

/* The daemon, as its children must see it: getppid() == 1 may be the daemon itself (a container). */
static pid_t child_parent;

void
child_block_signals(sigset_t *old)
{
	sigset_t all;

	child_parent = getpid();
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, old);
}

void
child_parent_resume(const sigset_t *old)
{
	int saved = errno;

	sigprocmask(SIG_SETMASK, old, NULL);
	errno = saved;
}

int
child_start(const sigset_t *old)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != child_parent)
		return -1;	/* the daemon died before prctl */
	/* The daemon's handlers must not run here: defaults, then the old mask. */
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;

		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN &&
		    sa.sa_handler != SIG_DFL) {
			sa.sa_handler = SIG_DFL;
			sa.sa_flags = 0;
			sigaction(sig, &sa, NULL);
		}
	}
	sigprocmask(SIG_SETMASK, old, NULL);
	return 0;
}
