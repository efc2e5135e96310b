// Package wire holds the byte-level primitives shared by the catalogue
// generator (which writes the embedded file) and the catalogue package
// (which reads it), so the two cannot drift apart on the encoding of a
// single value. The record layout itself lives next to each side's code
// and is described in internal/catalog/gen/encode.go.
package wire

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"time"
)

// Magic opens every catalogue file. The trailing digit is the layout
// version: bump it whenever the record layout changes so an old binary
// fails loudly instead of misreading a new file.
const Magic = "IAMCAT2\n"

// Encoder appends values to a buffer.
type Encoder struct{ buf []byte }

// Uint appends v as an unsigned varint.
func (e *Encoder) Uint(v int) { e.buf = binary.AppendUvarint(e.buf, uint64(v)) }

// Byte appends a single byte.
func (e *Encoder) Byte(b byte) { e.buf = append(e.buf, b) }

// Raw appends s verbatim.
func (e *Encoder) Raw(s string) { e.buf = append(e.buf, s...) }

// Bytes returns the encoded data.
func (e *Encoder) Bytes() []byte { return e.buf }

// ErrCorrupt reports a truncated or malformed catalogue.
var ErrCorrupt = errors.New("catalog: corrupt embedded data")

// Decoder reads values written by Encoder. Errors are sticky so callers
// can decode a whole record and check Err once.
type Decoder struct {
	data []byte
	pos  int
	err  error
}

// NewDecoder returns a decoder over data.
func NewDecoder(data []byte) *Decoder { return &Decoder{data: data} }

// Uint reads an unsigned varint.
func (d *Decoder) Uint() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data[d.pos:])
	if n <= 0 || v > 1<<31 {
		d.err = ErrCorrupt
		return 0
	}
	d.pos += n
	return int(v)
}

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if d.err != nil {
		return 0
	}
	if d.pos >= len(d.data) {
		d.err = ErrCorrupt
		return 0
	}
	b := d.data[d.pos]
	d.pos++
	return b
}

// Raw reads the next n bytes.
func (d *Decoder) Raw(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.data)-d.pos {
		d.err = ErrCorrupt
		return nil
	}
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	return b
}

// Index reads a varint and checks it is below limit, so a corrupt file
// cannot make the reader index out of range.
func (d *Decoder) Index(limit int) int {
	v := d.Uint()
	if v >= limit {
		d.err = ErrCorrupt
		return 0
	}
	return v
}

// Count reads a number of elements to follow. Every element takes at
// least one byte, so a count above the bytes left marks corruption and
// saves the caller from allocating for it.
func (d *Decoder) Count() int {
	v := d.Uint()
	if v > len(d.data)-d.pos {
		d.err = ErrCorrupt
		return 0
	}
	return v
}

// Fail records that the caller found the data malformed.
func (d *Decoder) Fail() {
	if d.err == nil {
		d.err = ErrCorrupt
	}
}

// Err returns the first error met.
func (d *Decoder) Err() error { return d.err }

// Finish reports an error if decoding failed or bytes remain unread.
func (d *Decoder) Finish() error {
	if d.err == nil && d.pos != len(d.data) {
		d.err = ErrCorrupt
	}
	return d.err
}

// Compress gzips data reproducibly: no file name, zero modification
// time and a fixed compression level, so the same input always yields
// the same bytes for a given Go release.
func Compress(data []byte) ([]byte, error) {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	// The header fields are zero values already; setting them anyway
	// documents that reproducibility depends on them.
	zw.Name, zw.Comment, zw.ModTime, zw.OS = "", "", zeroTime, 255
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Decompress reverses Compress.
func Decompress(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	// The gzip trailer stores the uncompressed size; sizing the buffer up
	// front saves several grow-and-copy rounds on the hot first lookup.
	if n := len(data); n >= 4 {
		out.Grow(int(min(binary.LittleEndian.Uint32(data[n-4:]), maxGrow)))
	}
	if _, err := io.Copy(&out, zr); err != nil {
		return nil, err
	}
	if err := zr.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var zeroTime time.Time

// maxGrow bounds the pre-sizing so a damaged trailer cannot request a
// huge allocation; the real catalogue is a few megabytes.
const maxGrow = 64 << 20
