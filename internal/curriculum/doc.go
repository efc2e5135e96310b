// Package curriculum is iamlab's fixed map of what the AWS exams ask: the
// exams with their domains and official weights, their task and skill
// statements (all six SCS-C03 domains, marked where IAM is part of the
// skill), and the knowledge components (topics) that scenarios and quiz
// items are tagged with.
//
// It is pure data and does no I/O. Scenario packs and the quiz bank validate
// their tags through it (Topic, ParseTaskID), and the progress store uses it
// to weight readiness by domain. Topic and task IDs are part of the learner's
// saved history: never rename one, only add new ones.
package curriculum

//go:generate go run gendoc.go
