package isolate

import "golang.org/x/sys/unix"

func gettid() int { return unix.Gettid() }

// ThreadCPU returns the CPU time a thread has used (CLOCK_THREAD_CPUTIME_ID of another thread,
// through the Linux clock id MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)).
func ThreadCPU(tid int) (int64, error) {
	var ts unix.Timespec
	if err := unix.ClockGettime(int32((^tid)<<3|6), &ts); err != nil {
		return 0, err
	}
	return ts.Nano(), nil
}
