//go:build unix

package source

import "syscall"

// openNonblock keeps opening a FIFO from blocking until a writer comes;
// regular files ignore it.
const openNonblock = syscall.O_NONBLOCK
