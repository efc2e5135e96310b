package curriculum

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Level says what kind of exam-guide statement a Task is.
type Level string

const (
	// TaskLevel is a task statement ("SAA-C03 1.1", "SCS-C03 5.2").
	TaskLevel Level = "task"
	// SkillLevel is a skill statement under a task ("SCS-C03 4.2.3").
	SkillLevel Level = "skill"
	// DomainLevel stands for a whole domain ("SCS-C03 D6"); it exists only
	// so that history tagged before the domain's skills were entered still
	// reads correctly.
	DomainLevel Level = "domain"
)

// Task is one statement of an exam guide that content can be tagged with: a
// task statement (SAA-C03 1.1, SCS-C02 4.2), a skill statement (SCS-C03
// 4.2.3) or, for old history only, a whole domain (SCS-C03 D6).
type Task struct {
	ID     string // canonical form "EXAM:CODE", e.g. "SCS-C03:4.2.3"
	Exam   string // "SCS-C03"
	Code   string // "4.2.3", "5.2" or "D6"
	Domain int
	Level  Level
	Title  string // paraphrase, written for iamlab
	// IAM marks the statements where an IAM decision (who may do what, to
	// which resource, under which conditions) is part of the skill. iamlab
	// teaches IAM, so only these count toward coverage and readiness; the
	// others are listed so the map of the exam is complete.
	IAM bool
	// History marks a statement kept only because saved history uses it;
	// new content is tagged with the finer statements that replaced it.
	History bool
	// Source is where the statement and its number were read, and Checked
	// says whether that was the official exam guide itself (true) or a
	// third-party transcription of it that links the official page (false).
	Source  string
	Checked bool
}

// Heading is a task statement whose skills are the taggable level (SCS-C03
// 4.1 "authentication strategies" above 4.1.1–4.1.3). Headings are not
// taggable: tagging at skill level is what makes the map useful.
type Heading struct {
	Exam  string
	Code  string
	Title string
}

// Official pages of the exam guides. The SCS-C03 domain pages were read from
// the documentation mirror of docs.aws.amazon.com in the reference index;
// only Domain 4 was retrievable there. For the other domains the statements
// below come from study notes that transcribe and link the official page,
// and Checked is false: recheck them against the official page when it can
// be read, and never add a skill number no source gives.
const (
	guideSAA = "https://docs.aws.amazon.com/aws-certification/latest/solutions-architect-associate-03/solutions-architect-associate-03-domain1.html"
	guideC02 = "https://docs.aws.amazon.com/aws-certification/latest/userguide/security-specialty-02-domain"
	guideC03 = "https://docs.aws.amazon.com/aws-certification/latest/security-specialty-03/security-specialty-03-domain"
)

func c03Page(domain int) string { return guideC03 + strconv.Itoa(domain) + ".html" }

// scs02 builds an SCS-C02 statement with its domain page as the source.
func scs02(code, title string) Task {
	return task("SCS-C02", code, title, true, guideC02+strconv.Itoa(domainOfCode(code))+".html", false)
}

func task(exam, code, title string, iam bool, source string, checked bool) Task {
	lvl := TaskLevel
	switch {
	case strings.HasPrefix(code, "D"):
		lvl = DomainLevel
	case strings.Count(code, ".") == 2:
		lvl = SkillLevel
	}
	return Task{ID: exam + ":" + code, Exam: exam, Code: code, Domain: domainOfCode(code), Level: lvl,
		Title: title, IAM: iam, Source: source, Checked: checked}
}

// scs03 builds an SCS-C03 statement with its domain page as the source.
func scs03(code, title string, iam, checked bool) Task {
	return task("SCS-C03", code, title, iam, c03Page(domainOfCode(code)), checked)
}

// domainOfCode reads the domain from "4.2.3", "5.2" or "D6"; the table below
// is fixed, so a malformed code is a programming error caught by the tests.
func domainOfCode(code string) int {
	s := strings.TrimPrefix(code, "D")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	n, _ := strconv.Atoi(s)
	return n
}

// headings are the SCS-C03 task statements whose skills are entered below.
var headings = []Heading{
	{"SCS-C03", "2.1", "Design and test an incident response plan"},
	{"SCS-C03", "2.2", "Respond to security events"},
	{"SCS-C03", "4.1", "Design, implement, and troubleshoot authentication strategies"},
	{"SCS-C03", "4.2", "Design, implement, and troubleshoot authorization strategies"},
	{"SCS-C03", "6.1", "Develop a strategy to centrally deploy and manage AWS accounts"},
	{"SCS-C03", "6.2", "Implement a secure and consistent deployment strategy"},
	{"SCS-C03", "6.3", "Evaluate the compliance of AWS resources"},
}

var tasks = sync.OnceValue(func() []Task {
	return []Task{
		task("SAA-C03", "1.1", "Design secure access to AWS resources", true, guideSAA, true),
		task("SAA-C03", "1.2", "Design secure workloads and applications", true, guideSAA, true),
		task("SAA-C03", "1.3", "Choose data security controls", true, guideSAA, true),

		scs02("1.1", "Respond to compromised credentials and resources"),
		scs02("3.2", "Secure network access paths such as VPC endpoints"),
		scs02("3.3", "Give compute workloads roles and secrets safely"),
		scs02("4.1", "Authentication for AWS resources"),
		scs02("4.2", "Authorization for AWS resources"),
		scs02("5.1", "Protect data in transit"),
		scs02("5.2", "Protect data at rest with resource policies"),
		scs02("5.4", "Manage keys and secrets"),
		scs02("6.1", "Multi-account strategy and organization guardrails"),
		scs02("6.2", "Tagging and sharing resources across accounts"),
		scs02("6.3", "Find and fix unintended access and configuration drift"),

		// SCS-C03 Domain 1, Detection (16%). Official page not retrievable here.
		// Tasks 1.1 and 1.2 are quoted by study notes (knodax.com "Task Statement
		// 1.1: Design and implement monitoring and alerting solutions for an AWS
		// account or organization"; lab notes citing "Task 1.2: logging
		// solutions, including an organization trail"). No source gave the
		// skill statements or says whether further tasks exist, so the domain is
		// entered at task level and only these two tasks.
		scs03("1.1", "Monitoring and alerting for an account or an organization", false, false),
		scs03("1.2", "Logging solutions, such as an organization trail that records who called what", true, false),

		// SCS-C03 Domain 2, Incident Response (14%). Skill numbers from a study
		// guide's coverage table that links the official page; titles are
		// iamlab's paraphrase of that table.
		scs03("2.1.1", "Incident response plans, runbooks and analysis environments", false, false),
		scs03("2.1.2", "Responder access, tooling, isolation and evidence readiness", true, false),
		scs03("2.1.3", "Test the plan with exercises that have measurable outcomes", false, false),
		scs03("2.1.4", "Automated remediation and recovery coordination", false, false),
		scs03("2.2.1", "Acquire, preserve and store evidence", false, false),
		scs03("2.2.2", "Correlate identity, API and application activity", true, false),
		scs03("2.2.3", "Validate findings from AWS security services and scope their impact", false, false),
		scs03("2.2.4", "Contain, eradicate and recover: isolate resources, revoke credentials", true, false),
		scs03("2.2.5", "Root cause: entry point, persistence and the control that failed", false, false),

		// SCS-C03 Domain 3, Infrastructure Security (18%). Task statements from
		// study notes linking the official page; no source numbered the skills,
		// so the domain is entered at task level.
		scs03("3.1", "Security controls for network edge services (CloudFront origins, API and function URL access)", true, false),
		scs03("3.2", "Security controls for compute workloads: instance profiles, service and execution roles, instance metadata", true, false),
		scs03("3.3", "Network security controls: endpoints, segmentation, unnecessary network access", true, false),

		// SCS-C03 Domain 4, Identity and Access Management (20%): read from the
		// official domain page; titles are short paraphrases of its skills.
		scs03("4.1.1", "Establish identities for people, applications and systems (Identity Center, Cognito, MFA, IdPs)", true, true),
		scs03("4.1.2", "Issue temporary credentials (STS, S3 presigned URLs)", true, true),
		scs03("4.1.3", "Troubleshoot authentication (CloudTrail, Cognito, permission sets, Directory Service)", true, true),
		scs03("4.2.1", "Authorization controls, trust and cross-account resource policies", true, true),
		scs03("4.2.2", "Attribute- and role-based access control", true, true),
		scs03("4.2.3", "Least-privilege design with boundaries and session policies", true, true),
		scs03("4.2.4", "Analyse authorization failures (policy simulator, Access Analyzer)", true, true),
		scs03("4.2.5", "Find and remove unintended privileges (Access Analyzer)", true, true),

		// SCS-C03 Domain 5, Data Protection (18%). Task statements from study
		// notes linking the official page (one names "Skill 5.3.1: design
		// management and rotation of credentials and secrets"); the other skill
		// numbers were not found, so the domain is entered at task level.
		scs03("5.1", "Controls for data in transit (TLS required by policy, private paths)", true, false),
		scs03("5.2", "Controls for data at rest: resource policies, public access, encryption, retention", true, false),
		scs03("5.3", "Protect credentials, secrets and key material (KMS key policies and grants, rotation)", true, false),

		// SCS-C03 Domain 6, Security Foundations and Governance (14%). Skill
		// numbers and leads from a study guide that transcribes the official
		// skills and links the official page.
		scs03("6.1.1", "Deploy and configure organizations with AWS Organizations", true, false),
		scs03("6.1.2", "Implement and manage AWS Control Tower", false, false),
		scs03("6.1.3", "Organization policies that manage permissions: SCPs, RCPs, declarative and opt-out policies", true, false),
		scs03("6.1.4", "Centrally manage security services through delegated administrators", true, false),
		scs03("6.1.5", "Manage the root user credentials of AWS accounts", true, false),
		scs03("6.2.1", "Deploy resources securely with infrastructure as code", false, false),
		scs03("6.2.2", "Organize resources with tags", true, false),
		scs03("6.2.3", "Deploy and enforce policies from a central source", false, false),
		scs03("6.2.4", "Share resources securely across AWS accounts", true, false),
		scs03("6.3.1", "Detect and remediate noncompliant resources", false, false),
		scs03("6.3.2", "Collect evidence with AWS audit services", false, false),
		scs03("6.3.3", "Evaluate architectures with AWS services", false, false),
		func() Task {
			t := scs03("D6", "Security Foundations and Governance, as a whole domain", true, false)
			t.History = true
			return t
		}(),
	}
})

var taskIndex = sync.OnceValue(func() map[string]Task {
	m := make(map[string]Task, len(tasks()))
	for _, t := range tasks() {
		m[t.ID] = t
	}
	return m
})

// Tasks lists the statements iamlab serves (IAM-bearing, not kept for
// history only) in guide order: coverage and readiness are measured on them.
func Tasks() []Task {
	var out []Task
	for _, t := range tasks() {
		if t.IAM && !t.History {
			out = append(out, t)
		}
	}
	return out
}

// AllTasks lists every statement iamlab knows, served or not, in guide order.
func AllTasks() []Task {
	out := make([]Task, len(tasks()))
	copy(out, tasks())
	return out
}

// TaskByID finds a task by its canonical ID ("SCS-C03:4.2.3"); use ParseTaskID
// for anything a person typed.
func TaskByID(id string) (Task, bool) {
	t, ok := taskIndex()[id]
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
			s, "SAA-C03 1.1", "SCS-C03 4.2.3", "SCS-C03 5.2")
	}
	e, err := ExamByID(exam)
	if err != nil {
		return Task{}, fmt.Errorf("task %q: %w", s, err)
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	if t, ok := taskIndex()[e.ID+":"+code]; ok {
		return t, nil
	}
	var known []string
	for _, t := range e.AllTasks() {
		known = append(known, t.Code)
	}
	hint := ""
	for _, h := range headings {
		if h.Exam == e.ID && h.Code == code {
			hint = fmt.Sprintf(" (%s %s is a task statement; tag one of its skills, %s.N)", e.ID, code, code)
		}
	}
	return Task{}, fmt.Errorf("task %q: %s has no statement %q%s; expected one of %s",
		s, e.ID, code, hint, strings.Join(known, ", "))
}
