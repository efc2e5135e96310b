package cli

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/curriculum"
)

func TestCheckCoverageListsEveryTopicToTeach(t *testing.T) {
	code, out, errs := runCLI(t, "", "check", "--coverage")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	head := regexp.MustCompile(`to teach \(.*\): (\d+) of (\d+) topics served`).FindStringSubmatch(out)
	if head == nil {
		t.Fatalf("no summary line:\n%s", out)
	}
	n := 0
	for _, p := range curriculum.Priorities() {
		if !strings.Contains(out, "  "+p.Title+" (needs "+string(p.Need)+")") {
			t.Errorf("area %q missing", p.Title)
		}
		for _, id := range p.Topics {
			n++
			if !regexp.MustCompile(`(✓ served|✗ not served) +` + regexp.QuoteMeta(id) + ` `).MatchString(out) {
				t.Errorf("topic %s not reported", id)
			}
		}
	}
	if head[2] != strconv.Itoa(n) {
		t.Errorf("summary counts %s topics, the areas list %d", head[2], n)
	}
}

func TestMaterialMissing(t *testing.T) {
	full := topicMaterial{lessons: 1, items: 3, predict: 1}
	if m := full.missing(curriculum.NeedFull); len(m) != 0 {
		t.Errorf("a lesson, items and a predict scenario serve a topic: %v", m)
	}
	if m := (topicMaterial{lessons: 1, items: 3, choose: 2}).missing(curriculum.NeedFull); len(m) != 1 || m[0] != "a build or predict scenario" {
		t.Errorf("choose scenarios do not count: %v", m)
	}
	if m := full.missing(curriculum.NeedBuild); len(m) != 1 {
		t.Errorf("a build version needs a build scenario: %v", m)
	}
}
