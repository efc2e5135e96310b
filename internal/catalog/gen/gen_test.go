package gen

import (
	"bytes"
	"testing"
)

func TestAccessLevel(t *testing.T) {
	for in, want := range map[string]byte{
		"List": 0, "Read": 1, "Write": 2,
		"Permissions management, Write": 3, "Tagging, Write": 4, "Tagging": 4,
	} {
		if got, err := accessLevel(in); err != nil || got != want {
			t.Errorf("accessLevel(%q) = %d, %v", in, got, err)
		}
	}
	if _, err := accessLevel("Admin"); err == nil {
		t.Error("unknown level accepted")
	}
}

func TestGlobalEntry(t *testing.T) {
	src := `{
        key: 'aws:PrincipalTag/tag-key',
        category: 'principal',
        type: 'String',
        description: ''
    },`
	m := globalEntry.FindAllStringSubmatch(src, -1)
	if len(m) != 1 || m[0][1] != "aws:PrincipalTag/tag-key" || m[0][2] != "String" {
		t.Errorf("matches %q", m)
	}
}

// The same model must always encode to the same bytes, whatever order
// Go's maps happen to iterate in.
func TestEncodeDeterministic(t *testing.T) {
	c := &catalogue{
		version: "1",
		globals: []condKey{{"aws:SourceIp", "IPAddress"}},
		services: []*service{{
			prefix: "s3", name: "Amazon S3", rcp: true,
			condKeys: []condKey{{"s3:prefix", "String"}},
			resTypes: []*resType{{name: "bucket", arns: []string{"arn:${Partition}:s3:::${BucketName}"}}},
			actions:  []*action{{name: "ListBucket", refs: []ref{{resType: 0, required: true, condKeys: []string{"s3:prefix"}}}}},
		}},
	}
	first := encode(c)
	for range 20 {
		if !bytes.Equal(encode(c), first) {
			t.Fatal("encoding differs between runs")
		}
	}
}
