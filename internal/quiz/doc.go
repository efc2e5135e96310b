// Package quiz is iamlab's quiz engine: the exam-style item bank (YAML files
// under content/quiz, format in docs/quiz-format.md), its validation for
// `iamlab check`, questions generated from any sandbox world, and the quiz
// sessions the TUI drives — practice, timed exam and spaced review.
//
// Items whose answer is a policy decision never carry a hand-written key:
// the key comes from the policy engine (sandbox.World.Evaluate), both for
// authored policy items and for generated ones, so a key cannot drift from
// what the engine teaches in the trace.
//
// Sessions are pure state machines with an injected clock and no I/O. They
// hand finished answers to the caller as progress.Answer values, so the
// store, not the quiz, decides when to write.
package quiz
