package curriculum

import (
	"fmt"
	"strconv"
	"strings"
)

// Task is a task statement (SAA-C03 1.1, SCS-C02 4.2), a skill statement
// (SCS-C03 4.2.3) or, where the guide is only known at domain level, a whole
// domain (SCS-C03 D6). Only the statements IAM scenarios can serve are listed.
type Task struct {
	ID     string // canonical form "EXAM:CODE", e.g. "SCS-C03:4.2.3"
	Exam   string // "SCS-C03"
	Code   string // "4.2.3" or "D6"
	Domain int
	Title  string // paraphrase, written for iamlab
}

func task(exam, code, title string) Task {
	return Task{ID: exam + ":" + code, Exam: exam, Code: code, Domain: domainOfCode(code), Title: title}
}

// domainOfCode reads the domain from "4.2.3" or "D6"; the table below is
// fixed, so a malformed code is a programming error caught by the tests.
func domainOfCode(code string) int {
	s := strings.TrimPrefix(code, "D")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	n, _ := strconv.Atoi(s)
	return n
}

var tasks = []Task{
	task("SAA-C03", "1.1", "Design secure access to AWS resources"),
	task("SAA-C03", "1.2", "Design secure workloads and applications"),
	task("SAA-C03", "1.3", "Choose data security controls"),

	task("SCS-C02", "1.1", "Respond to compromised credentials and resources"),
	task("SCS-C02", "3.2", "Secure network access paths such as VPC endpoints"),
	task("SCS-C02", "3.3", "Give compute workloads roles and secrets safely"),
	task("SCS-C02", "4.1", "Authentication for AWS resources"),
	task("SCS-C02", "4.2", "Authorization for AWS resources"),
	task("SCS-C02", "5.1", "Protect data in transit"),
	task("SCS-C02", "5.2", "Protect data at rest with resource policies"),
	task("SCS-C02", "5.4", "Manage keys and secrets"),
	task("SCS-C02", "6.1", "Multi-account strategy and organization guardrails"),
	task("SCS-C02", "6.2", "Tagging and sharing resources across accounts"),
	task("SCS-C02", "6.3", "Find and fix unintended access and configuration drift"),

	task("SCS-C03", "4.1.1", "Establish identities for people, applications and systems"),
	task("SCS-C03", "4.1.2", "Issue temporary credentials"),
	task("SCS-C03", "4.1.3", "Troubleshoot authentication"),
	task("SCS-C03", "4.2.1", "Authorization controls, trust and resource policies"),
	task("SCS-C03", "4.2.2", "Attribute- and role-based access control"),
	task("SCS-C03", "4.2.3", "Least-privilege design with boundaries and session policies"),
	task("SCS-C03", "4.2.4", "Analyse authorization failures"),
	task("SCS-C03", "4.2.5", "Find and remove unintended privileges"),
	task("SCS-C03", "D6", "Organization policies, delegated administration and root management"),
}

var taskIndex = func() map[string]Task {
	m := make(map[string]Task, len(tasks))
	for _, t := range tasks {
		m[t.ID] = t
	}
	return m
}()

// Tasks lists every known task in guide order.
func Tasks() []Task {
	out := make([]Task, len(tasks))
	copy(out, tasks)
	return out
}

// TaskByID finds a task by its canonical ID ("SCS-C03:4.2.3"); use ParseTaskID
// for anything a person typed.
func TaskByID(id string) (Task, bool) {
	t, ok := taskIndex[id]
	return t, ok
}

// DomainOf returns the exam and domain a task belongs to, accepting every form
// ParseTaskID accepts.
func DomainOf(taskID string) (Exam, Domain, error) {
	t, err := ParseTaskID(taskID)
	if err != nil {
		return Exam{}, Domain{}, err
	}
	e, err := ExamByID(t.Exam)
	if err != nil {
		return Exam{}, Domain{}, err
	}
	d, _ := e.Domain(t.Domain)
	return e, d, nil
}

// ParseTaskID reads a task reference as authors write it: "SAA-C03:1.1",
// "SAA-C03 1.1", "scs-c03 4.2.3", "SCS-C03 D6". The exam part is
// case-insensitive; the result is always a known task.
func ParseTaskID(s string) (Task, error) {
	in := strings.TrimSpace(s)
	exam, code, ok := strings.Cut(in, ":")
	if !ok {
		exam, code, ok = strings.Cut(in, " ")
	}
	if !ok {
		return Task{}, fmt.Errorf("task %q: expected an exam and a task, like %q, %q or %q",
			s, "SAA-C03 1.1", "SCS-C03 4.2.3", "SCS-C03 D6")
	}
	e, err := ExamByID(exam)
	if err != nil {
		return Task{}, fmt.Errorf("task %q: %w", s, err)
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	if t, ok := taskIndex[e.ID+":"+code]; ok {
		return t, nil
	}
	var known []string
	for _, t := range e.Tasks() {
		known = append(known, t.Code)
	}
	return Task{}, fmt.Errorf("task %q: %s has no task %q that iamlab covers; expected one of %s",
		s, e.ID, code, strings.Join(known, ", "))
}
