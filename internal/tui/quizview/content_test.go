package quizview

import "testing"

func TestFirstLineKeepsCodeSpansVerbatim(t *testing.T) {
	got := firstLine("A bucket policy allows `s3:GetObject` to `Principal: \"*\"`. An RCP denies *most* callers `s3:*`.")
	want := "A bucket policy allows s3:GetObject to Principal: \"*\". An RCP denies most callers s3:*."
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}
