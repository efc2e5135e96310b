package sandbox

import (
	"crypto/sha256"
	"strings"
)

const (
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	mixedAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexDigits  = "0123456789abcdef"
)

// fakeID derives n characters from seed. AWS's ids are random; the
// sandbox's must be stable so that results and traces never change between
// runs, so they are a hash of what the id names.
func fakeID(seed string, n int, alphabet string) string {
	var b strings.Builder
	b.Grow(n)
	sum := sha256.Sum256([]byte(seed))
	for i := 0; b.Len() < n; i++ {
		if i == len(sum) {
			sum = sha256.Sum256(sum[:])
			i = 0
		}
		b.WriteByte(alphabet[int(sum[i])%len(alphabet)])
	}
	return b.String()
}

// uniqueID is an IAM unique id: a four-letter prefix (AIDA for users, AROA
// for roles) and 17 characters, as aws:userid shows them.
func uniqueID(prefix, arn string) string {
	return prefix + fakeID(arn, 17, upperAlnum)
}

// fakeUUID is a stable UUID-shaped id (KMS key ids, Cognito identity ids).
func fakeUUID(seed string) string {
	h := fakeID(seed, 32, hexDigits)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}
