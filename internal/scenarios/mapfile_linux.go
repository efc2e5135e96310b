package scenarios

import (
	"os"
	"syscall"
)

// mapFile maps a file read-only, every page at once (MAP_POPULATE).
// Reading the decode cache into a fresh heap instead cost a new process a
// page fault per 4 KiB written, a few milliseconds before the first frame
// on a virtual machine; the mapping shares the page cache's pages. release
// unmaps it; nothing read from it may be used after.
func mapFile(path string) (data []byte, release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if st.Size() == 0 || st.Size() > maxCacheSize {
		return nil, func() {}, nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	if err != nil {
		return nil, nil, err
	}
	return b, func() { _ = syscall.Munmap(b) }, nil
}
