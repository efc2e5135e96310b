package scenarios

import "testing"

func TestAliasesRefused(t *testing.T) {
	src := []byte("id: x\ntitle: &t hello\nkind: *t\n")
	var sf scenarioFile
	_, fs := decodeYAML("x.yaml", src, &sf, scenarioNames)
	if len(fs) == 0 || fs[0].Code != CodeYAMLSyntax || fs[0].Line != 2 {
		t.Fatalf("findings %v, want an anchor/alias refusal at line 2", fs)
	}
}

func TestBlockStartMapsJSONPositions(t *testing.T) {
	src := []byte("solution:\n  doc:\n    document: |\n      {\n        \"Version\": 1\n      }\n")
	var v struct {
		Solution map[string]source `yaml:"solution"`
	}
	doc, fs := decodeYAML("x.yaml", src, &v, nil)
	if doc == nil || fs != nil {
		t.Fatal(fs)
	}
	line, col, ok := doc.blockStart(pth("solution", "doc", "document"))
	if !ok || line != 4 || col != 7 {
		t.Fatalf("blockStart = %d:%d %v, want 4:7", line, col, ok)
	}
	pt := policyText{file: "x.yaml", line: line, col: col, exact: true}
	if l, c := pt.at(2, 14); l != 5 || c != 20 {
		t.Errorf("JSON 2:14 maps to %d:%d, want 5:20", l, c)
	}
}
