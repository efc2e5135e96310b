package scenarios

import (
	"fmt"
	"strconv"
	"strings"
)

// ScaffoldWorld is an existing world a new scenario starts from (an
// imported account): the scenario names it instead of carrying the example
// world, and its checks and editable policy use the world's own names.
type ScaffoldWorld struct {
	Name     string // worlds/<Name>.yaml in the pack
	Caller   string // "user dana"
	Action   string
	Resource string
	Decision string // what the engine decides for Caller, Action, Resource today
	Editable string // a document id the learner edits; "" for none
	Document string // its current JSON
}

func (w *ScaffoldWorld) head() string {
	return "# The world: worlds/" + w.Name + ".yaml, as imported. The checks below start from a request the\n" +
		"# engine decides as written; TODO: replace them with the ones the exercise is about.\nworld: " + w.Name + "\n"
}

// replacer turns the example world's names in a template into the world's.
func (w *ScaffoldWorld) replacer() *strings.Replacer {
	doc := "{}"
	if w.Document != "" {
		doc = w.Document
	}
	var indented strings.Builder
	for i, line := range strings.Split(strings.TrimRight(doc, "\n"), "\n") {
		if i > 0 {
			indented.WriteString("\n      ")
		}
		indented.WriteString(line)
	}
	return strings.NewReplacer(
		"policy:111122223333/StartingPolicy", w.Editable,
		"name: alex cannot delete", "name: TODO a request the wrong fix gets wrong",
		"as: user alex", "as: "+w.Caller,
		"action: s3:GetObject\n    resource: arn:aws:s3:::example-bucket/report.csv\n    expect: allowed",
		"action: "+w.Action+"\n    resource: "+quoteYAML(w.Resource)+"\n    expect: "+w.Decision,
		"action: s3:DeleteObject\n    resource: arn:aws:s3:::example-bucket/report.csv",
		"action: "+w.Action+"\n    resource: "+quoteYAML(w.Resource),
		"action: s3:GetObject\n    resource: arn:aws:s3:::example-bucket/report.csv\n  answer:\n    decision: allowed",
		"action: "+w.Action+"\n    resource: "+quoteYAML(w.Resource)+"\n  answer:\n    decision: "+w.Decision,
		`{
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "Placeholder",
            "Effect": "Allow",
            "Action": "s3:ListAllMyBuckets",
            "Resource": "*"
          }
        ]
      }`, indented.String(),
	)
}

func quoteYAML(s string) string {
	if s == "*" || strings.ContainsAny(s, ":#{}[]&!|>'\"%@`") && !strings.HasPrefix(s, "arn:") {
		return strconv.Quote(s)
	}
	return s
}

// ScaffoldOn is Scaffold on an existing world (nil: the example world).
func ScaffoldOn(id string, kind Kind, on *ScaffoldWorld) (map[string]string, error) {
	if on != nil && kind == Build && on.Editable == "" {
		return nil, fmt.Errorf("the world has no customer managed or inline policy a learner could edit; use --kind predict or choose, or add a policy to the world")
	}
	if !idPattern.MatchString(id) {
		return nil, fmt.Errorf("scenario id %q is not kebab-case: use lower-case letters, digits and dashes, e.g. ec2-reads-one-bucket", id)
	}
	var body string
	switch kind {
	case Build:
		body = scaffoldBuild
	case Predict:
		body = scaffoldPredict
	case Choose:
		body = scaffoldChoose
	default:
		return nil, fmt.Errorf("unknown kind %q: use build, predict or choose", kind)
	}
	head := strings.NewReplacer("{{id}}", id, "{{kind}}", string(kind), "{{world}}", scaffoldInlineWorld).Replace(scaffoldHead)
	if on != nil {
		head = strings.NewReplacer("{{id}}", id, "{{kind}}", string(kind), "{{world}}", on.head()).Replace(scaffoldHead)
		body = on.replacer().Replace(body)
	}
	return map[string]string{
		"scenarios/" + id + ".yaml": head + strings.ReplaceAll(body, "{{id}}", id),
		"briefings/" + id + ".md":   strings.ReplaceAll(scaffoldBriefing, "{{id}}", id),
		"debriefs/" + id + ".md":    scaffoldDebrief,
	}, nil
}

// ScaffoldPack is a pack.yaml for a new pack folder.
func ScaffoldPack(id string) string {
	return fmt.Sprintf(`# A scenario pack: see docs/authoring.md.
format: %d
id: %s
title: "TODO: the pack's title"
description: |
  TODO: one paragraph on what the pack teaches.
version: 1
`, FormatVersion, id)
}

// PackIDFrom derives a pack id from a folder name.
func PackIDFrom(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	id := strings.Trim(b.String(), "-")
	if id == "" {
		id = "my-pack"
	}
	if len(id) > 64 {
		id = id[:64]
	}
	return id
}

const scaffoldHead = `# Scenario {{id}} (format: docs/authoring.md). ` + "`iamlab check`" + ` lists the places left to fill in.
id: {{id}}
version: 1
title: "TODO: a short title"
kind: {{kind}}
exam: [SAA-C03:1.1] # TODO: the exam task ids this scenario serves (docs/curriculum.md)
topics: [implicit-deny] # TODO: 1 to 3 topic ids (docs/curriculum.md, section 5)
difficulty: 1
minutes: 10
briefingFile: briefings/{{id}}.md
debriefFile: debriefs/{{id}}.md
{{world}}`

const scaffoldInlineWorld = `# TODO: the world the scenario needs (or world: <name> for worlds/<name>.yaml).
world:
  account: Example
  accounts:
    - id: "111122223333"
      name: Example
      policies:
        - name: StartingPolicy
          document: |
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Placeholder",
                  "Effect": "Allow",
                  "Action": "s3:ListAllMyBuckets",
                  "Resource": "*"
                }
              ]
            }
      users:
        - name: alex
          policies: [StartingPolicy]
      buckets:
        - name: example-bucket
`

const scaffoldBuild = `editable:
  - policy:111122223333/StartingPolicy
# TODO: the requests the learner must get right; hide the ones that catch a tempting wrong fix.
checks:
  - as: user alex
    action: s3:GetObject
    resource: arn:aws:s3:::example-bucket/report.csv
    expect: allowed
  - name: alex cannot delete
    as: user alex
    action: s3:DeleteObject
    resource: arn:aws:s3:::example-bucket/report.csv
    expect: implicitDeny
    hidden: true
hints:
  - "TODO: a nudge to re-read the situation"
  - "TODO: the concept"
  - "TODO: a pointer at the deciding statement"
  - "TODO: the answer"
solution:
  policy:111122223333/StartingPolicy:
    # TODO: the reference solution; it must pass every check.
    document: |
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "Placeholder",
            "Effect": "Allow",
            "Action": "s3:ListAllMyBuckets",
            "Resource": "*"
          }
        ]
      }
`

const scaffoldPredict = `# TODO: the request to predict, and the answer the engine gives.
predict:
  call:
    as: user alex
    action: s3:GetObject
    resource: arn:aws:s3:::example-bucket/report.csv
  answer:
    decision: allowed
    decidedBy: identity
  why: |
    TODO: why this is the decision, in two or three sentences.
hints:
  - "TODO: a nudge to re-read the situation"
  - "TODO: the concept"
  - "TODO: a pointer at the deciding statement"
  - "TODO: the answer"
`

const scaffoldChoose = `choose:
  question: |
    TODO: the question, as the exam would ask it.
  options:
    - text: "TODO: the right answer"
      correct: true
      why: "TODO: why it is right"
    - text: "TODO: a tempting wrong answer"
      why: "TODO: why it is wrong"
# TODO: facts the question relies on; the engine must agree with each.
checks:
  - as: user alex
    action: s3:GetObject
    resource: arn:aws:s3:::example-bucket/report.csv
    expect: allowed
`

const scaffoldBriefing = `# TODO: title

TODO: who is involved, what must work, what must stay protected, and which document to edit.
`

const scaffoldDebrief = `# Debrief

**What happened.** TODO

**The fix.** TODO

**Flaws to look for.** TODO

**On the exam.** TODO
`
