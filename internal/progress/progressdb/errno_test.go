package progressdb

import "syscall"

var (
	errReadOnlyFS = syscall.EROFS
	errNoSpace    = syscall.ENOSPC
)
