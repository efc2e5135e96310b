package catalog

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/catalog/internal/wire"
)

func TestDataSize(t *testing.T) {
	svcs := Services()
	if len(svcs) != 456 {
		t.Errorf("got %d services, want 456 (from the pinned data version)", len(svcs))
	}
	n := 0
	for _, s := range svcs {
		n += len(s.Actions)
	}
	if n != 22091 {
		t.Errorf("got %d actions, want 22091", n)
	}
	if DataVersion() != "0.21.202609261" {
		t.Errorf("DataVersion() = %q", DataVersion())
	}
}

func TestServicesSorted(t *testing.T) {
	svcs := Services()
	if !sort.SliceIsSorted(svcs, func(i, j int) bool { return svcs[i].Prefix < svcs[j].Prefix }) {
		t.Error("Services() not sorted by prefix")
	}
	for _, s := range svcs {
		if !sort.SliceIsSorted(s.Actions, func(i, j int) bool {
			return strings.ToLower(s.Actions[i].Name) < strings.ToLower(s.Actions[j].Name)
		}) {
			t.Errorf("%s actions not sorted", s.Prefix)
		}
		for _, a := range s.Actions {
			if a.Service != s.Prefix {
				t.Fatalf("%s has Service %q", a.FullName(), a.Service)
			}
			for _, ref := range a.ResourceTypes {
				if _, ok := s.ResourceType(ref.Name); !ok {
					t.Errorf("%s refers to unknown resource type %q", a.FullName(), ref.Name)
				}
			}
		}
	}
	// Callers get their own slice.
	Services()[0] = nil
	if Services()[0] == nil {
		t.Error("Services() exposes the internal slice")
	}
}

func TestLookupService(t *testing.T) {
	for _, p := range []string{"s3", "S3", "Ec2", "access-analyzer"} {
		s, ok := LookupService(p)
		if !ok || !strings.EqualFold(s.Prefix, p) {
			t.Errorf("LookupService(%q) = %v, %v", p, s, ok)
		}
	}
	if s, _ := LookupService("s3"); s.Name != "Amazon S3" {
		t.Errorf("s3 name = %q", s.Name)
	}
	for _, p := range []string{"", "s4", "s", "s3:"} {
		if _, ok := LookupService(p); ok {
			t.Errorf("LookupService(%q) found something", p)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, in := range []string{"s3:GetObject", "S3:getobject", "s3:GETOBJECT"} {
		a, ok := Lookup(in)
		if !ok || a.FullName() != "s3:GetObject" {
			t.Errorf("Lookup(%q) = %v, %v", in, a, ok)
		}
	}
	for _, in := range []string{"s3", "s3:", "s3:GetObjects", "s3:Get*", "nosuch:GetObject", ":GetObject", ""} {
		if a, ok := Lookup(in); ok {
			t.Errorf("Lookup(%q) = %v", in, a.FullName())
		}
	}
}

// Facts checked by hand against the pinned data version.
func TestKnownFacts(t *testing.T) {
	a, _ := Lookup("s3:GetObject")
	if a.AccessLevel != Read {
		t.Errorf("s3:GetObject access level %q", a.AccessLevel)
	}
	var names []string
	for _, r := range a.ResourceTypes {
		names = append(names, r.Name)
		// The data lists object and accesspointobject as alternatives,
		// neither marked required.
		if r.Required {
			t.Errorf("s3:GetObject resource %s unexpectedly required", r.Name)
		}
	}
	if !slices.Equal(names, []string{"accesspointobject", "object"}) {
		t.Errorf("s3:GetObject resource types %v", names)
	}
	if a, _ := Lookup("s3:CreateBucket"); len(a.ResourceTypes) != 1 || a.ResourceTypes[0].Name != "bucket" || !a.ResourceTypes[0].Required {
		t.Errorf("s3:CreateBucket resource types %+v", a.ResourceTypes)
	}
	if a, _ := Lookup("sts:GetCallerIdentity"); len(a.ResourceTypes) != 0 {
		t.Errorf("sts:GetCallerIdentity should take Resource \"*\" only, got %+v", a.ResourceTypes)
	}
}

func TestAccessLevels(t *testing.T) {
	for action, want := range map[string]AccessLevel{
		"s3:ListBucket":         List,
		"iam:GetRole":           Read,
		"iam:CreateRole":        Write,
		"iam:PassRole":          Write,
		"iam:AttachRolePolicy":  PermissionsManagement,
		"s3:PutBucketPolicy":    PermissionsManagement,
		"iam:TagRole":           Tagging,
		"s3:PutObjectTagging":   Tagging,
		"ec2:DescribeInstances": List,
	} {
		a, ok := Lookup(action)
		if !ok {
			t.Errorf("%s missing", action)
			continue
		}
		if a.AccessLevel != want {
			t.Errorf("%s access level %q, want %q", action, a.AccessLevel, want)
		}
	}
	seen := map[AccessLevel]bool{}
	for _, s := range Services() {
		for _, a := range s.Actions {
			seen[a.AccessLevel] = true
		}
	}
	if len(seen) != 5 {
		t.Errorf("access levels in use: %v", seen)
	}
}

func TestResourceTypeOf(t *testing.T) {
	rt, ok := ResourceTypeOf("S3", "Object")
	if !ok || rt.Name != "object" || rt.Service != "s3" {
		t.Fatalf("ResourceTypeOf(S3, Object) = %+v, %v", rt, ok)
	}
	if !slices.Equal(rt.ARNTemplates, []string{"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}) {
		t.Errorf("object templates %v", rt.ARNTemplates)
	}
	if rt, ok := ResourceTypeOf("access-analyzer", "analyzer"); !ok || rt.Name != "Analyzer" {
		t.Errorf("case-insensitive resource type lookup: %+v %v", rt, ok)
	}
	if _, ok := ResourceTypeOf("s3", "objects"); ok {
		t.Error("found s3 objects")
	}
	if _, ok := ResourceTypeOf("nosuch", "object"); ok {
		t.Error("found nosuch object")
	}
}

func TestRCP(t *testing.T) {
	for p, want := range map[string]bool{
		"s3": true, "S3": true, "sts": true, "kms": true, "sqs": true, "secretsmanager": true,
		"ecr": true, "dynamodb": true, "logs": true,
		// Not in the pinned data's list.
		"ec2": false, "lambda": false, "iam": false, "nosuch": false,
	} {
		if got := RCPSupported(p); got != want {
			t.Errorf("RCPSupported(%q) = %v", p, got)
		}
	}
	rcp := RCPServices()
	if len(rcp) != 62 || !slices.IsSorted(rcp) {
		t.Errorf("RCPServices() = %d services, sorted %v", len(rcp), slices.IsSorted(rcp))
	}
	for _, p := range rcp {
		if s, ok := LookupService(p); !ok || !s.RCPSupported {
			t.Errorf("%s listed but not flagged", p)
		}
	}
}

func TestDecodeCorrupt(t *testing.T) {
	raw := embedded
	if _, err := decode(raw); err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	for _, bad := range [][]byte{nil, raw[:10], raw[:len(raw)/2], []byte("not gzip at all")} {
		if _, err := decode(bad); err == nil {
			t.Errorf("decode of %d corrupt bytes succeeded", len(bad))
		}
	}
}

// A damaged file must produce an error, never a panic or a hang.
func TestDecodeDamagedRecords(t *testing.T) {
	raw, err := wire.Decompress(embedded)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 30 {
		b := slices.Clone(raw[:rng.IntN(len(raw))])
		if len(b) > 0 && rng.IntN(2) == 0 {
			b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		}
		gz, err := wire.Compress(b)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decode(gz); err == nil && len(b) < len(raw) {
			t.Errorf("decode of %d of %d bytes succeeded", len(b), len(raw))
		}
	}
}
