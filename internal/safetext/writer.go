package safetext

import (
	"io"
	"unsafe"
)

// Writer buffers a command's text output and cleans every write on its way
// (see Clean). A report is made of many small writes; batching them into a
// few large ones is what keeps `iamlab eval` from making a system call per
// line, and cleaning here means no field printed from input can be missed.
//
// Each write is cleaned on its own. The command line prints every value
// from input inside a single write (one fmt call), so an escape sequence
// is never split between two; were one split anyway, the ESC byte is still
// removed, which is what keeps the terminal safe.
type Writer struct {
	w   io.Writer
	buf []byte
	err error
}

// bufSize is the output batch: large enough that a trace of a few hundred
// lines is one write, small enough to be nothing next to the cases.
const bufSize = 64 << 10

// NewWriter returns a cleaning, buffering writer on w. Call Flush when done.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, buf: make([]byte, 0, bufSize)}
}

// Write cleans p and buffers it. It reports len(p) written, as a cleaned
// write may be shorter than p.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	s := unsafe.String(unsafe.SliceData(p), len(p)) // read only, not kept
	if i := firstUnsafe(s); i < 0 {
		w.buf = append(w.buf, p...)
	} else {
		clean, _ := Clean(s)
		w.buf = append(w.buf, clean...)
	}
	if len(w.buf) >= bufSize {
		w.Flush()
	}
	return len(p), w.err
}

// WriteString is Write for a string, without a copy.
func (w *Writer) WriteString(s string) (int, error) {
	return w.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// Flush writes what is buffered and returns the first error met so far.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) > 0 {
		_, w.err = w.w.Write(w.buf)
		w.buf = w.buf[:0]
	}
	return w.err
}
