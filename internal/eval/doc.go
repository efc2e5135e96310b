// Package eval is iamlab's policy engine: it parses IAM policy documents into
// a compiled form (with line:column errors a learner can act on) and evaluates
// requests against every policy layer the way AWS documents it, returning the
// decision, the layer that decided, and a complete trace of why.
//
// The engine is pure: it reads no files and draws nothing. Callers parse once
// with Parse and evaluate many times with Evaluate.
//
// The rules follow the AWS IAM User Guide (policy evaluation logic, condition
// operators, multivalued context keys, policy variables, the Resource, Version
// and NotPrincipal elements, permissions boundaries) and the AWS Organizations
// pages on SCPs and RCPs. docs/evaluation-rules.md states each rule with its
// source, the test that pins it and the id (Rule) a decision carries.
package eval
