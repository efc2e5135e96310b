package wire

import (
	"bytes"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var e Encoder
	e.Raw(Magic)
	for _, v := range []int{0, 1, 127, 128, 300, 1 << 20} {
		e.Uint(v)
	}
	e.Byte(7)
	e.Uint(2)
	e.Raw("hi")

	d := NewDecoder(e.Bytes())
	if got := string(d.Raw(len(Magic))); got != Magic {
		t.Fatalf("magic %q", got)
	}
	for _, want := range []int{0, 1, 127, 128, 300, 1 << 20} {
		if got := d.Uint(); got != want {
			t.Errorf("Uint() = %d, want %d", got, want)
		}
	}
	if d.Byte() != 7 {
		t.Error("Byte")
	}
	if n := d.Count(); string(d.Raw(n)) != "hi" {
		t.Error("Raw")
	}
	if err := d.Finish(); err != nil {
		t.Fatal(err)
	}
}

func TestCorruption(t *testing.T) {
	var e Encoder
	e.Uint(1000) // a count larger than what follows
	if d := NewDecoder(e.Bytes()); d.Count() != 0 || d.Err() == nil {
		t.Error("oversized count accepted")
	}
	if d := NewDecoder([]byte{5}); d.Index(5) != 0 || d.Err() == nil {
		t.Error("out-of-range index accepted")
	}
	if d := NewDecoder(nil); d.Byte() != 0 || d.Err() == nil {
		t.Error("read past end")
	}
	d := NewDecoder([]byte{0x80})
	if d.Uint(); d.Err() == nil {
		t.Error("truncated varint accepted")
	}
	if d := NewDecoder([]byte{1, 2}); d.Uint() != 1 || d.Finish() == nil {
		t.Error("trailing bytes accepted")
	}
}

func TestCompressReproducible(t *testing.T) {
	data := bytes.Repeat([]byte("arn:${Partition}:s3:::${BucketName}\n"), 100)
	a, err := Compress(data)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Compress(data)
	if !bytes.Equal(a, b) {
		t.Error("two compressions differ")
	}
	// Bytes 4-7 are the modification time; 9 is the OS byte.
	if !bytes.Equal(a[4:8], []byte{0, 0, 0, 0}) || a[9] != 255 {
		t.Errorf("header % x", a[:10])
	}
	back, err := Decompress(a)
	if err != nil || !bytes.Equal(back, data) {
		t.Errorf("Decompress: %v", err)
	}
}
