package curriculum

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Domain is one weighted section of an exam guide.
type Domain struct {
	Number int     // 1-based, as in the exam guide
	Name   string  // short name
	Weight float64 // share of scored items, 0..1; an exam's weights sum to 1
}

// Exam is one version of a certification exam.
type Exam struct {
	ID        string // "SAA-C03"
	Name      string
	Items     int // items on the test, scored and unscored
	Scored    int // items that count
	Minutes   int
	PassMark  int // on the 100..1000 scaled score
	Available time.Time
	Retired   time.Time // zero while the exam can still be booked
	Domains   []Domain
	Successor string // the exam that replaced this one, if retired
}

// ScaleMin and ScaleMax bound the scaled score every AWS exam reports.
const (
	ScaleMin = 100
	ScaleMax = 1000
)

// Current reports whether the exam can be taken at the given time.
func (e Exam) Current(at time.Time) bool {
	if !e.Available.IsZero() && at.Before(e.Available) {
		return false
	}
	return e.Retired.IsZero() || at.Before(e.Retired)
}

// Domain returns the domain with the given number.
func (e Exam) Domain(n int) (Domain, bool) {
	for _, d := range e.Domains {
		if d.Number == n {
			return d, true
		}
	}
	return Domain{}, false
}

// Tasks returns the statements of the exam iamlab serves (IAM-bearing, not
// kept for history only) in guide order.
func (e Exam) Tasks() []Task {
	var out []Task
	for _, t := range Tasks() {
		if t.Exam == e.ID {
			out = append(out, t)
		}
	}
	return out
}

// AllTasks returns every statement of the exam iamlab knows, in guide order.
func (e Exam) AllTasks() []Task {
	var out []Task
	for _, t := range tasks() {
		if t.Exam == e.ID {
			out = append(out, t)
		}
	}
	return out
}

// SecondsPerItem is the time budget per item, used to judge pace.
func (e Exam) SecondsPerItem() float64 {
	if e.Items == 0 {
		return 0
	}
	return float64(e.Minutes*60) / float64(e.Items)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// exams is ordered: current associate exam first, then the security exams old to new.
var exams = sync.OnceValue(func() []Exam {
	return []Exam{
		{
			ID: "SAA-C03", Name: "AWS Certified Solutions Architect – Associate",
			Items: 65, Scored: 50, Minutes: 130, PassMark: 720,
			Available: day(2022, time.August, 30),
			Domains: []Domain{
				{1, "Design Secure Architectures", 0.30},
				{2, "Design Resilient Architectures", 0.26},
				{3, "Design High-Performing Architectures", 0.24},
				{4, "Design Cost-Optimized Architectures", 0.20},
			},
		},
		{
			ID: "SCS-C02", Name: "AWS Certified Security – Specialty (C02, retired)",
			Items: 65, Scored: 50, Minutes: 170, PassMark: 750,
			Available: day(2023, time.July, 11),
			Retired:   day(2025, time.December, 1),
			Successor: "SCS-C03",
			Domains: []Domain{
				{1, "Threat Detection and Incident Response", 0.14},
				{2, "Security Logging and Monitoring", 0.18},
				{3, "Infrastructure Security", 0.20},
				{4, "Identity and Access Management", 0.16},
				{5, "Data Protection", 0.18},
				{6, "Management and Security Governance", 0.14},
			},
		},
		{
			ID: "SCS-C03", Name: "AWS Certified Security – Specialty",
			Items: 65, Scored: 50, Minutes: 170, PassMark: 750,
			Available: day(2025, time.December, 2),
			Domains: []Domain{
				{1, "Detection", 0.16},
				{2, "Incident Response", 0.14},
				{3, "Infrastructure Security", 0.18},
				{4, "Identity and Access Management", 0.20},
				{5, "Data Protection", 0.18},
				{6, "Security Foundations and Governance", 0.14},
			},
		},
	}
})

// Exams lists every exam iamlab knows, including retired ones, so history
// tagged with an old exam version still reads correctly.
func Exams() []Exam {
	out := make([]Exam, len(exams()))
	copy(out, exams())
	return out
}

// ExamByID finds an exam by ID, ignoring case ("scs-c03" works).
func ExamByID(id string) (Exam, error) {
	for _, e := range exams() {
		if strings.EqualFold(e.ID, strings.TrimSpace(id)) {
			return e, nil
		}
	}
	return Exam{}, fmt.Errorf("unknown exam %q: expected one of %s", id, strings.Join(ExamIDs(), ", "))
}

// ExamIDs lists the exam IDs in a stable order.
func ExamIDs() []string {
	ids := make([]string, len(exams()))
	for i, e := range exams() {
		ids[i] = e.ID
	}
	return ids
}

// Scope says in words what of the exam iamlab's material covers, for names
// such as "SCS-C03 — the IAM-bearing skills of all six domains": the
// domains that have an IAM-bearing statement, and whether those statements
// are skills or tasks.
func (e Exam) Scope() string {
	var doms []int
	seen := map[int]bool{}
	skills := true
	for _, t := range e.Tasks() {
		if !seen[t.Domain] {
			seen[t.Domain] = true
			doms = append(doms, t.Domain)
		}
		if t.Level != SkillLevel {
			skills = false
		}
	}
	what := "tasks"
	if skills {
		what = "skills"
	}
	switch {
	case len(doms) == 0:
		return "no statements iamlab serves"
	case len(doms) == len(e.Domains):
		// Some domains are entered at task level; a task is a bundle of
		// skills, so "skills" still says what the draw covers.
		return fmt.Sprintf("the IAM-bearing skills of all %s domains", numberWord(len(doms)))
	case len(doms) == 1:
		return fmt.Sprintf("the IAM-bearing %s of Domain %d", what, doms[0])
	}
	parts := make([]string, len(doms))
	for i, d := range doms {
		parts[i] = strconv.Itoa(d)
	}
	return fmt.Sprintf("the IAM-bearing %s of Domains %s", what, strings.Join(parts, ", "))
}

func numberWord(n int) string {
	if n >= 0 && n < 10 {
		return []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[n]
	}
	return strconv.Itoa(n)
}
