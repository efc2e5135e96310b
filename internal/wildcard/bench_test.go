package wildcard

import "testing"

// Patterns as the engine and the catalogue meet them: a resource path, an
// action prefix, a lone star, two stars, a '?'.
var benchCases = [][2]string{
	{"arn:aws:s3:::my-bucket/home/*", "arn:aws:s3:::my-bucket/home/alice/notes.txt"},
	{"s3:get*", "s3:getobject"},
	{"*", "ec2:describeinstances"},
	{"s3:*object*", "s3:putobjectacl"},
	{"arn:aws:iam::111122223333:role/app-?", "arn:aws:iam::111122223333:role/app-1"},
}

var benchSink bool

func BenchmarkMatch(b *testing.B) { benchMatch(b, Pattern.Match) }

func BenchmarkMatchFold(b *testing.B) { benchMatch(b, Pattern.MatchFold) }

func benchMatch(b *testing.B, match func(Pattern, string) bool) {
	ps := make([]Pattern, len(benchCases))
	for i, c := range benchCases {
		ps[i] = Compile(c[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, c := range benchCases {
			benchSink = match(ps[i], c[1])
		}
	}
}
