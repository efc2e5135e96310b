package scenarios

import (
	"fmt"
	"strings"
)

// Scaffold returns the files of a new scenario, relative to the pack
// folder: valid YAML that `iamlab check` loads, with TODO markers and an
// answer key that cannot pass until the author fills it in, so a scaffold
// is never published by accident.
func Scaffold(id string, kind Kind) (map[string]string, error) {
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
	head := strings.NewReplacer("{{id}}", id, "{{kind}}", string(kind)).Replace(scaffoldHead)
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
# TODO: the world the scenario needs (or world: <name> for worlds/<name>.yaml).
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
