// Package scenarios loads scenario packs and grades a learner's work.
//
// A pack is a folder of data, never code: a manifest (pack.yaml), scenario
// files in YAML, Markdown briefings and debriefs, shared worlds and JSON
// policies. Load reads one pack through an fs.FS, so the built-in library
// (embedded in the binary), --pack folders and tests share one path. YAML
// is decoded strictly and every problem is reported as file:line:col with
// what was expected, including semantic ones (an unknown topic, a check
// naming a user the world lacks, a JSON error inside a `document: |`
// block), because authors fix files, not data structures.
//
// A scenario's world is built with the sandbox's Go API; checks are sandbox
// calls with an expected decision. Grade turns a learner's world into the
// numbers the TUI shows and the progress store keeps. CheckLibrary runs the
// authoring checks behind `iamlab check`.
//
// Packs may come from anywhere, so loading is defensive: paths cannot leave
// the pack folder, files and packs have size caps, and control characters
// and escape sequences are stripped from every text before it can reach a
// terminal.
package scenarios
