package scenarios

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // builtin.decoded
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// DecodeCache keeps the pack files decoded in one run for the next: the
// decoded value of each YAML file and the table of where its values were
// written, keyed by a hash of the file's bytes. Decoding the built-in
// library's YAML was two thirds of the work before the trainer's first
// frame; reading the same values back as JSON is a tenth of it.
//
// Only files that decoded without a single problem are kept, so a file
// with problems is decoded, and its problems reported, every time. A file
// whose bytes change gets a new key. The cache is tied to one build of
// iamlab (its identity): a different build may decode differently, so it
// finds the cache empty. A cache that cannot be read, or whose checksum
// fails, is empty too; the cache never changes what a pack loads as, only
// how soon.
//
// The built-in packs' entries come with the binary (builtin.decoded) and
// are never written to the file, which holds only a learner's own packs.
type DecodeCache struct {
	path     string
	identity string
	saved    map[cacheKey][]byte // what the file held
	builtin  map[cacheKey][]byte // the built-in packs, decoded in advance
	release  func()              // unmaps the file saved points into

	mu   sync.Mutex
	used map[cacheKey][]byte // what this run looked up or decoded

	hits, misses atomic.Int64
}

type cacheKey [sha256.Size]byte

// cacheMagic starts the file; the number after it is the layout of what
// follows, bumped when that changes.
const cacheMagic = "iamlab decode cache 1\n"

// BuiltInDecoded is a cache with no file: the built-in packs are read back
// from the binary and anything else is decoded. For commands that load the
// library to look scenarios up, not to check packs.
func BuiltInDecoded() *DecodeCache { return OpenDecodeCache("", "") }

// maxCacheSize is the largest cache file read: far above any library's,
// so only a file that is not a cache is refused by it.
const maxCacheSize = 1 << 28

// OpenDecodeCache reads the cache at path made by the build identity.
// Whatever stops it being read (no file yet, another build, damage) gives
// an empty cache that Save will write anew. With no path there is no file:
// only the built-in packs are read back, and Save writes nothing. Close
// releases the file once loading and Save are done.
func OpenDecodeCache(path, identity string) *DecodeCache {
	c := &DecodeCache{path: path, identity: identity, used: map[cacheKey][]byte{}, builtin: builtinDecoded(), release: func() {}}
	if path == "" {
		return c
	}
	if b, release, err := mapFile(path); err == nil {
		c.release = release
		if c.saved, err = readCache(b, identity); err != nil {
			release()
			c.release = func() {}
		}
	}
	return c
}

// Close releases the cache file. The cache is not used after.
func (c *DecodeCache) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.release()
	c.release, c.saved, c.used = func() {}, nil, nil
}

var errNotCache = errors.New("not a decode cache of this build")

// readCache parses the file: the magic, the identity, a CRC-32C of the
// rest, then count entries of key and value.
func readCache(b []byte, identity string) (map[cacheKey][]byte, error) {
	rest, ok := bytes.CutPrefix(b, []byte(cacheMagic))
	if !ok {
		return nil, errNotCache
	}
	n, w := binary.Uvarint(rest)
	if w <= 0 || n != uint64(len(identity)) || len(rest) < w+len(identity)+4 || string(rest[w:w+len(identity)]) != identity {
		return nil, errNotCache
	}
	rest = rest[w+len(identity):]
	sum, body := binary.LittleEndian.Uint32(rest), rest[4:]
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, errNotCache
	}
	count, w := binary.Uvarint(body)
	if w <= 0 || count > uint64(len(body)) {
		return nil, errNotCache
	}
	body = body[w:]
	out := make(map[cacheKey][]byte, count)
	for range count {
		var k cacheKey
		if len(body) < len(k) {
			return nil, errNotCache
		}
		copy(k[:], body)
		body = body[len(k):]
		size, w := binary.Uvarint(body)
		if w <= 0 || size > uint64(len(body)-w) {
			return nil, errNotCache
		}
		out[k] = body[w : w+int(size)]
		body = body[w+int(size):]
	}
	if len(body) != 0 {
		return nil, errNotCache
	}
	return out, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Stats says how many files were read from the cache and how many decoded.
func (c *DecodeCache) Stats() (hits, misses int) {
	return int(c.hits.Load()), int(c.misses.Load())
}

// Stale reports whether the file differs from what this run used: a file
// was decoded, or one kept is no longer read (its pack changed or went).
// A cache with no file is never stale.
func (c *DecodeCache) Stale() bool {
	if c.path == "" {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.misses.Load() > 0 || len(c.used) != len(c.saved) {
		return true
	}
	for k := range c.used {
		if _, ok := c.saved[k]; !ok {
			return true
		}
	}
	return false
}

// Save writes the files this run used, and only them, so the cache holds
// one library's worth however often packs change. It writes a new file
// and renames it over the old, so a reader never sees half of one.
func (c *DecodeCache) Save() error {
	if c.path == "" {
		return nil
	}
	c.mu.Lock()
	out := encodeCache(c.used, c.identity)
	c.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.path)
}

// encodeCache is what readCache reads: the same entries give the same
// bytes.
func encodeCache(entries map[cacheKey][]byte, identity string) []byte {
	keys := make([]cacheKey, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b cacheKey) int { return bytes.Compare(a[:], b[:]) })
	body := binary.AppendUvarint(nil, uint64(len(keys)))
	for _, k := range keys {
		body = append(body, k[:]...)
		body = binary.AppendUvarint(body, uint64(len(entries[k])))
		body = append(body, entries[k]...)
	}
	out := append([]byte(cacheMagic), binary.AppendUvarint(nil, uint64(len(identity)))...)
	out = append(out, identity...)
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(body, castagnoli))
	return append(out, body...)
}

// builtinDecodedFile is the built-in packs decoded when they were last
// changed, so that even a first start, or the first after an upgrade,
// decodes none of them. TestBuiltInPacksDecodedInAdvance keeps it equal
// to what decoding them now gives; after editing a built-in pack, run
//
//	go test ./internal/scenarios -run TestBuiltInPacksDecodedInAdvance -update
//
//go:embed builtin.decoded
var builtinDecodedFile string

// builtinIdentity is the identity builtin.decoded is written under.
const builtinIdentity = "built-in packs"

// builtinDecoded is builtinDecodedFile read once. The bytes are viewed in
// place, not copied: a string is immutable and nothing writes to an
// entry, and a copy would cost the start a page fault per 4 KiB.
var builtinDecoded = sync.OnceValue(func() map[cacheKey][]byte {
	b := unsafe.Slice(unsafe.StringData(builtinDecodedFile), len(builtinDecodedFile))
	m, err := readCache(b, builtinIdentity)
	if err != nil {
		return nil
	}
	return m
})

// decode is decodeYAML through the cache: the same doc, value and
// problems, read back instead of decoded when the file was seen before.
func (c *DecodeCache) decode(file string, src []byte, v any, names func() []string) (*yamlDoc, []diag.Diagnostic) {
	if c == nil {
		return decodeYAML(file, src, v, names)
	}
	k := keyOf(v, src)
	// The built-in packs' entries come first and are not written to the
	// file: the binary has them.
	enc, builtIn := c.builtin[k]
	ok := builtIn
	if !ok {
		c.mu.Lock()
		enc, ok = c.used[k]
		if !ok {
			enc, ok = c.saved[k]
		}
		c.mu.Unlock()
	}
	if ok {
		if doc, err := readEntry(file, enc, v); err == nil {
			c.hits.Add(1)
			if !builtIn {
				c.remember(k, enc)
			}
			return doc, nil
		}
	}
	c.misses.Add(1)
	doc, fs := decodeYAML(file, src, v, names)
	// Without a file nothing decoded now is ever read back: no entry.
	if doc != nil && len(fs) == 0 && c.path != "" {
		if enc, err := entryOf(doc, v); err == nil {
			c.remember(k, enc)
		}
	}
	return doc, fs
}

func (c *DecodeCache) remember(k cacheKey, enc []byte) {
	c.mu.Lock()
	if c.used != nil { // not closed
		c.used[k] = enc
	}
	c.mu.Unlock()
}

// keyOf hashes what a decode depends on besides the build: the bytes and
// the type they are decoded into.
func keyOf(v any, src []byte) cacheKey {
	h := sha256.New()
	fmt.Fprintf(h, "%T\x00", v)
	h.Write(src)
	var k cacheKey
	h.Sum(k[:0])
	return k
}

// entryOf is a decoded file as kept: the position table, then the value
// as JSON.
func entryOf(doc *yamlDoc, v any) ([]byte, error) {
	b, err := doc.AppendBinary(nil)
	if err != nil {
		return nil, err
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, j...), nil
}

// readEntry fills v from an entry. It decodes into a fresh value and
// copies it over v only when all of it was read, so a damaged entry leaves
// v as it was for decodeYAML.
func readEntry(file string, enc []byte, v any) (*yamlDoc, error) {
	d, rest, err := yamlpos.ReadDoc(enc)
	if err != nil {
		return nil, err
	}
	// Unknown fields need no check: entries are written by this build
	// (the identity), and damage is caught by the checksum.
	dst := reflect.ValueOf(v).Elem()
	fresh := reflect.New(dst.Type())
	if err := json.Unmarshal(rest, fresh.Interface()); err != nil {
		return nil, err
	}
	dst.Set(fresh.Elem())
	return &yamlDoc{file: file, Doc: d}, nil
}
