package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step, so readers of dest never
// see it missing or half written.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return exchangeByRename(a, b)
	}
	return err
}
