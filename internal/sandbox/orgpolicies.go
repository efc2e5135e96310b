package sandbox

// The two Organizations built-ins, as the AWS Organizations User Guide shows
// them. AWS attaches FullAWSAccess to the root, every OU and every account
// when SCPs are enabled; RCPFullAWSAccess is attached everywhere when RCPs
// are enabled and cannot be detached.
const (
	scpFullAccessName = "FullAWSAccess"
	rcpFullAccessName = "RCPFullAWSAccess"

	fullAWSAccessSource = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
`
	rcpFullAWSAccessSource = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
`
)

var defaultSCPs = []string{scpFullAccessName}

// builtinOrgDocs are the documents every world with an organization has.
func builtinOrgDocs() []*Document {
	scp := &Document{ID: SCPID(scpFullAccessName), Title: scpFullAccessName + " (service control policy, AWS managed)", Source: fullAWSAccessSource, AWSManaged: true}
	rcp := &Document{ID: RCPID(rcpFullAccessName), Title: rcpFullAccessName + " (resource control policy, AWS managed)", Source: rcpFullAWSAccessSource, AWSManaged: true}
	for _, d := range []*Document{scp, rcp} {
		d.Type, _, _ = kindOf(d.ID)
		d.compile()
	}
	return []*Document{scp, rcp}
}
