// Package packs holds iamlab's built-in scenario packs, one folder per
// pack, embedded in the binary so the trainer works with no files beside
// it. internal/scenarios loads them through FS like any other pack.
package packs

import "embed"

// FS holds every pack folder of this directory (and this file and the
// README, which the loader ignores: only folders with a pack.yaml are packs).
//
//go:embed *
var FS embed.FS
