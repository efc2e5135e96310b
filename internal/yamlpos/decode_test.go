package yamlpos

import (
	"strings"
	"testing"
)

func TestDecodeOne(t *testing.T) {
	type file struct {
		Title string   `yaml:"title"`
		Items []string `yaml:"items"`
	}
	var f file
	if _, e := DecodeOne([]byte("title: T\nitems: [a, b]\n"), &f, []string{"title", "items"}, "title and items"); e != nil || f.Title != "T" || len(f.Items) != 2 {
		t.Fatalf("%v %+v", e, f)
	}
	for src, want := range map[string]string{
		"titel: T\n":                                "did you mean \"title\"?",
		"title: T\n---\ntitle: U\n":                 "expected one YAML document; title and items",
		"items: " + strings.Repeat("[", 100) + "\n": "nested more than",
		"title: [\n":                                "",
	} {
		_, e := DecodeOne([]byte(src), &file{}, []string{"title", "items"}, "title and items")
		if e == nil || !strings.Contains(e.Text(), want) {
			t.Errorf("%q: got %v, want %q", src, e, want)
		}
	}
}
