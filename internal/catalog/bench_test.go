package catalog

import "testing"

// BenchmarkFirstLookup measures what the first caller pays: decoding
// the embedded file.
func BenchmarkFirstLookup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	get()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Lookup("S3:getobject"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkExpandStarGet(b *testing.B) {
	get()
	b.ReportAllocs()
	for b.Loop() {
		if len(Expand("*:Get*")) == 0 {
			b.Fatal("nothing")
		}
	}
}

func BenchmarkExpandAll(b *testing.B) {
	get()
	b.ReportAllocs()
	for b.Loop() {
		Expand("*")
	}
}

func BenchmarkMatchesPattern(b *testing.B) {
	rt, _ := ResourceTypeOf("s3", "object")
	rt.MatchesPattern("*")
	b.ReportAllocs()
	for b.Loop() {
		rt.MatchesPattern("arn:aws:s3:::my-bucket/home/${aws:username}/*")
	}
}

func BenchmarkSuggest(b *testing.B) {
	get()
	b.ReportAllocs()
	for b.Loop() {
		Suggest("ec2:DescribeInstanse", 3)
	}
}

func BenchmarkSuggestUnknownService(b *testing.B) {
	get()
	b.ReportAllocs()
	for b.Loop() {
		Suggest("ecc2:DescribeInstances", 3)
	}
}
