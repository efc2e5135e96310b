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

func BenchmarkMatch(b *testing.B) {
	ps := make([]Pattern, len(benchCases))
	for i, c := range benchCases {
		ps[i] = Compile(c[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, c := range benchCases {
			benchSink = ps[i].Match(c[1])
		}
	}
}

func BenchmarkMatchFold(b *testing.B) {
	ps := make([]Pattern, len(benchCases))
	for i, c := range benchCases {
		ps[i] = Compile(c[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, c := range benchCases {
			benchSink = ps[i].MatchFold(c[1])
		}
	}
}
