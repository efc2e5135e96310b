package home

import (
	"testing"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// Grouping by domain follows SCS-C03 when a scenario serves it, never the
// retired SCS-C02 while a current exam is tagged.
func TestDomainTaskPrefersTheCurrentSecurityExam(t *testing.T) {
	tk := func(id string) curriculum.Task {
		x, err := curriculum.ParseTaskID(id)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	cases := []struct {
		tags []string
		want string
	}{
		{[]string{"SCS-C02:4.1", "SAA-C03:1.2", "SCS-C03:3.2"}, "SCS-C03:3.2"},
		{[]string{"SCS-C02:4.1", "SAA-C03:1.2"}, "SAA-C03:1.2"},
		{[]string{"SCS-C02:4.1"}, "SCS-C02:4.1"},
	}
	for _, c := range cases {
		s := &scenarios.Scenario{}
		for _, id := range c.tags {
			s.Exam = append(s.Exam, tk(id))
		}
		if got, ok := domainTask(s); !ok || got.ID != c.want {
			t.Errorf("%v: grouped by %s, want %s", c.tags, got.ID, c.want)
		}
	}
	if _, ok := domainTask(&scenarios.Scenario{}); ok {
		t.Error("an untagged scenario has no domain task")
	}
}
