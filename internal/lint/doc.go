// Package lint checks an IAM policy document the way IAM Access Analyzer's
// policy validation does, and lists what a policy grants.
//
// Policy parses a document with the engine's parser (so a learner sees the
// same positions and wording as in iamlab eval), turns its errors into
// error findings, then runs small semantic checks on the compiled policy
// against the AWS catalogue: unknown actions, resources an action cannot
// act on, condition keys that never reach the actions, and the grants that
// are broader than they look. Every finding has a stable code, documented
// in docs/lint.md, a position in the document and advice a learner can act
// on.
//
// Grants expands a compiled policy's actions through the catalogue and
// groups them by service and access level: the view that shows how much
// "s3:*" really is.
package lint
