package awsimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/worldfile"
)

// The fixtures follow the documented output of the AWS CLI commands:
// https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
// https://docs.aws.amazon.com/cli/latest/reference/organizations/describe-policy.html
// https://docs.aws.amazon.com/cli/latest/reference/organizations/list-targets-for-policy.html
// https://docs.aws.amazon.com/cli/latest/reference/s3api/get-bucket-policy.html
// https://docs.aws.amazon.com/cli/latest/reference/kms/get-key-policy.html
func fixture(t *testing.T, name string) File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return File{Name: name, Data: b}
}

func importAll(t *testing.T) (*Result, *sandbox.World) {
	t.Helper()
	bp := fixture(t, "bucket-policy.json")
	bp.Bucket = "acme-reports"
	kp := fixture(t, "key-policy.json")
	kp.Key = "1234abcd-12ab-34cd-56ef-1234567890ab"
	res, err := Import([]File{fixture(t, "auth-details.json"), fixture(t, "scp-describe.json"), fixture(t, "scp-targets.json"), bp, kp}, "Analytics")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(res.World, "imported for a test")
	if err != nil {
		t.Fatal(err)
	}
	w, _, probs := worldfile.Load("imported.yaml", out, nil)
	if len(probs) > 0 {
		t.Fatalf("the written world does not load: %v\n%s", probs, out)
	}
	return res, w
}

// The imported world loads and evaluates the account's own decisions.
func TestImportedWorldEvaluates(t *testing.T) {
	_, w := importAll(t)
	for _, tc := range []struct {
		call sandbox.Call
		want eval.Decision
	}{
		{sandbox.Call{As: "user dana", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/q3.csv"}, eval.Allowed},
		// NoFinance's default version (URL-encoded in the output) denies finance/.
		{sandbox.Call{As: "user dana", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/finance/pay.csv"}, eval.ExplicitDeny},
		// The boundary allows only s3 and ec2:Describe*.
		{sandbox.Call{As: "user dana", Action: "iam:ListUsers", Resource: "*"}, eval.ImplicitDeny},
		// The SCP at the root denies leaving the organization.
		{sandbox.Call{As: "user dana", Action: "organizations:LeaveOrganization", Resource: "*"}, eval.ExplicitDeny},
	} {
		out, err := w.Evaluate(tc.call, eval.Options{})
		if err != nil {
			t.Fatalf("%s %s: %v", tc.call.Action, tc.call.Resource, err)
		}
		if out.Decision != tc.want {
			t.Errorf("%s on %s: %s (%s), want %s", tc.call.Action, tc.call.Resource, out.Decision, out.Reason, tc.want)
		}
	}
}

// What the world cannot hold is listed, never dropped silently.
func TestNotesListWhatWasLeftOut(t *testing.T) {
	res, _ := importAll(t)
	var all []string
	for _, n := range res.Notes {
		all = append(all, n.String())
	}
	joined := strings.Join(all, "\n")
	for _, want := range []string{
		"SomeServiceFullAccessNotOffered is attached but iamlab does not offer it",
		"only the default version v2 was imported",
		"Workloads (ou-examplerootid111-exampleouid111)",
		"MFA devices and access keys are not in this output",
		"bucket acme-reports: only its policy is imported",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("no note %q in\n%s", want, joined)
		}
	}
}

func TestBadInputsSayWhatWasExpected(t *testing.T) {
	for name, tc := range map[string]struct {
		files []File
		want  string
	}{
		"not json":      {[]File{{Name: "x.json", Data: []byte("users:")}}, "x.json: not the JSON output"},
		"unknown":       {[]File{{Name: "x.json", Data: []byte(`{"Buckets": []}`)}}, "unrecognised output (keys Buckets)"},
		"orphan target": {[]File{{Name: "t.json", Data: []byte(`{"Targets": []}`)}}, "must follow the describe-policy output"},
		"unnamed bucket policy": {[]File{{Name: "a.json", Data: []byte(`{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::123456789012:user/a"}]}`)},
			{Name: "p.json", Data: []byte(`{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}`)}}, "--bucket-policy NAME=p.json"},
		"no account": {[]File{{Name: "s.json", Data: []byte(`{"Policy": {"PolicySummary": {"Id": "p-1", "Name": "X", "Type": "SERVICE_CONTROL_POLICY"}, "Content": "{}"}}`)}}, "no account found"},
	} {
		_, err := Import(tc.files, "")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
	}
}
