// Package content embeds iamlab's reading lessons (lessons/) and quiz bank
// (quiz/) into the binary. Both folders are authored as plain files; see
// lessons/README.md and docs/quiz-format.md.
//
// The pattern is "*" rather than naming the folders, because go:embed
// fails the build when a named folder does not exist: any folder added
// here later (lessons/, quiz/, …) is picked up without editing this file.
// Files and folders whose names start with "." or "_" are left out, which
// is what the embed directive does for directories.
package content

import "embed"

// FS holds the content folders: FS.Open("quiz/examples.yaml"),
// fs.Sub(FS, "lessons").
//
//go:embed *
var FS embed.FS
