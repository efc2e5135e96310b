//go:build !linux

package scenarios

import "os"

// mapFile reads a file whole; only Linux maps it (mapfile_linux.go).
func mapFile(path string) (data []byte, release func(), err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if st.Size() > maxCacheSize {
		return nil, func() {}, nil
	}
	b, err := os.ReadFile(path)
	return b, func() {}, err
}
