//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on f, held until f is closed or the process
// ends (even killed), so a staging folder's lock says whether its build
// still runs.
func lock(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

// tryLock reports whether f's lock was free (and takes it).
func tryLock(f *os.File) bool { return lock(f) == nil }
