package scenarios

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/eval"
)

func builtIn(t testing.TB, id string) *Scenario {
	t.Helper()
	lib := LoadLibrary(LibraryOptions{})
	s, ok := lib.Scenario(id)
	if !ok {
		t.Fatalf("no built-in scenario %s; problems: %v", id, lib.Findings())
	}
	return s
}

func edit(t *testing.T, s *Scenario, id, src string) *Scenario {
	t.Helper()
	w, err := s.World.WithDocument(id, src)
	if err != nil {
		t.Fatal(err)
	}
	c := *s
	c.World = w
	return &c
}

const appRole = "policy:444455556666/AppDataRead"

func TestGradeBuild(t *testing.T) {
	s := builtIn(t, "ec2-instance-role")
	leftover := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"},
		{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::acme-app-data"},
		{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-app-data/*"}]}`
	cases := []struct {
		name         string
		policy       string // "" = the starting state
		hints, tries int
		solved       bool
		verdict      string
		extra        []string
		stars        int
		score        int
	}{
		// The placeholder grants one listing action: under par, and the
		// checks fail.
		{name: "start", solved: false, verdict: "under par", extra: []string{"s3:ListAllMyBuckets on *"}, stars: 0, score: 45},
		{name: "reference", policy: s.Solution[appRole], tries: 1, solved: true, verdict: "par", stars: 3, score: 100},
		{name: "reference with the answer hint", policy: s.Solution[appRole], hints: 4, tries: 1, solved: true, verdict: "par", stars: 2, score: 90},
		// The debrief says one statement with both ARNs works too: the
		// pairs that cannot apply (GetObject on the bucket, ListBucket on
		// the objects) grant nothing and cost nothing. The second try
		// costs the 5 points of having seen the hidden checks.
		{name: "one statement, both ARNs", tries: 2, solved: true,
			policy:  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::acme-app-data","arn:aws:s3:::acme-app-data/*"]}]}`,
			verdict: "par", stars: 3, score: 95},
		// Leaving the placeholder's s3:ListAllMyBuckets: over par by 1,
		// which costs under 2 points of 20 and no star.
		{name: "placeholder left in", policy: leftover, tries: 1, solved: true, verdict: "over par by 1", extra: []string{"s3:ListAllMyBuckets on *"}, stars: 3, score: 98},
		{name: "read-only on everything", tries: 5, solved: false,
			policy:  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`,
			verdict: "", stars: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := s.World
			if c.policy != "" {
				w = edit(t, s, appRole, c.policy).World
			}
			g := GradeBuild(s, w, c.hints, c.tries)
			if g.Solved != c.solved || g.Stars != c.stars {
				t.Errorf("solved %v stars %d, want %v %d (%d/%d checks)", g.Solved, g.Stars, c.solved, c.stars, g.ChecksPassed, g.ChecksTotal)
			}
			if c.verdict != "" && g.LeastPrivilege.Verdict != c.verdict {
				t.Errorf("verdict %q (learner %d, par %d), want %q", g.LeastPrivilege.Verdict, g.LeastPrivilege.Learner, g.LeastPrivilege.Par, c.verdict)
			}
			if !slices.Equal(g.LeastPrivilege.Extra, c.extra) && c.verdict != "" {
				t.Errorf("extra %q, want %q", g.LeastPrivilege.Extra, c.extra)
			}
			if c.score != 0 && g.Score != c.score {
				t.Errorf("score %d, want %d", g.Score, c.score)
			}
		})
	}
}

// Granting s3:* on everything solves the visible checks but the hidden
// ones catch it, and the least-privilege measure lists what is extra.
func TestGradeOverBroadFails(t *testing.T) {
	s := builtIn(t, "ec2-instance-role")
	w := edit(t, s, appRole, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`).World
	g := GradeBuild(s, w, 0, 1)
	if g.Solved {
		t.Error("s3:* on * solved the scenario")
	}
	if !g.LeastPrivilege.OverPar() || len(g.LeastPrivilege.Extra) < 50 {
		t.Errorf("least privilege %d vs par %d, %d extra", g.LeastPrivilege.Learner, g.LeastPrivilege.Par, len(g.LeastPrivilege.Extra))
	}
}

func TestGradePredictAndChoice(t *testing.T) {
	p := builtIn(t, "scp-vs-boundary")
	if g := GradePredict(p, eval.ImplicitDeny, eval.LayerSCP, 0, 1); !g.Solved || g.Stars != 3 {
		t.Errorf("right prediction: %+v", g)
	}
	if g := GradePredict(p, eval.ImplicitDeny, eval.LayerBoundary, 0, 1); g.Solved || g.ChecksPassed != 1 {
		t.Errorf("right decision, wrong layer: %+v", g)
	}
	c := builtIn(t, "s3-mfa-delete")
	if g := GradeChoice(c, []int{0}, 1, 1); !g.Solved {
		t.Errorf("right choice: %+v", g)
	}
	if g := GradeChoice(c, []int{0, 2}, 0, 1); g.Solved || g.Stars != 0 {
		t.Errorf("one extra option picked: %+v", g)
	}
}

func TestScope(t *testing.T) {
	cases := map[string]int{
		"*":                                               weightAnything,
		"arn:aws:s3:::acme-reports":                       weightExact,
		"arn:aws:s3:::acme-reports/*":                     weightPath,
		"arn:aws:s3:::acme-*":                             weightWideARN,
		"arn:aws:s3:::*":                                  weightWideARN,
		"arn:aws:iam::*:role/x":                           weightWideARN,
		"arn:aws:iam::111122223333:role/app-*":            weightWideARN,
		"arn:aws:iam::111122223333:role/app/*":            weightPath,
		"arn:aws:dynamodb:us-east-1:111122223333:table/*": weightWideARN,
	}
	for r, want := range cases {
		if got, _ := scope(r); got != want {
			t.Errorf("scope(%s) = %d, want %d", r, got, want)
		}
	}
}

func TestNotActionGrantsTheRest(t *testing.T) {
	p, err := eval.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`), eval.IdentityPolicy)
	if err != nil {
		t.Fatal(err)
	}
	gs := grants("doc", p)
	if len(gs) < 10000 {
		t.Errorf("NotAction iam:* granted %d actions, want nearly the whole catalogue", len(gs))
	}
	for _, g := range gs {
		if arn.ServiceOf(g.Action) == "iam" {
			t.Fatalf("NotAction iam:* granted %s", g.Action)
		}
	}
}

// The grade is data for the store: it must survive JSON.
func TestGradeJSON(t *testing.T) {
	s := builtIn(t, "two-groups-one-bucket")
	g := GradeBuild(s, s.World, 1, 2)
	data, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	var back Grade
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.ChecksTotal != 5 || len(back.Checks) != 5 || back.Checks[0].Got != "explicitDeny" || !back.Checks[3].Hidden || back.LeastPrivilege.Verdict != "par" {
		t.Errorf("round trip: %s", data)
	}
}
