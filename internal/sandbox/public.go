package sandbox

import (
	"net/netip"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// fixingKeys are the condition keys S3 accepts as making a grant to "*"
// non-public, when they are given fixed values (no wildcards): Amazon S3
// API Reference, PublicAccessBlockConfiguration.
var fixingKeys = map[string]bool{
	"aws:sourcearn":     true,
	"aws:sourcevpc":     true,
	"aws:sourcevpce":    true,
	"aws:sourceowner":   true,
	"aws:sourceaccount": true,
	"s3:x-amz-server-side-encryption-aws-kms-key-id": true,
	"aws:userid":                true,
	"s3:dataaccesspointarn":     true,
	"s3:dataaccesspointaccount": true,
}

// policyIsPublic says whether a bucket policy is public in S3's sense: an
// Allow to everyone ("*" or NotPrincipal) not pinned by a fixed-value
// condition on aws:SourceIp (CIDRs) or one of the fixing keys.
func policyIsPublic(p *eval.Policy) (bool, string) {
	if p == nil {
		return false, ""
	}
	for _, s := range p.Statements {
		if s.Effect != eval.Allow || s.Principal == nil {
			continue
		}
		everyone := s.Principal.Not || s.Principal.Any
		for _, e := range s.Principal.Entries {
			if e.Type == "AWS" && e.Value == "*" {
				everyone = true
			}
		}
		if !everyone || pinned(s) {
			continue
		}
		return true, "statement " + s.Label() + " allows everyone (\"*\") with no condition that pins the caller"
	}
	return false, ""
}

// pinned: one fixed-value condition is enough to make the grant non-public.
func pinned(s *eval.Statement) bool {
	for _, c := range s.Conditions {
		op := c.Operator
		if op.Negated || op.IfExists || op.Set == eval.SetForAllValues {
			continue
		}
		key := strings.ToLower(c.Key)
		switch {
		case key == "aws:sourceip" && op.Base == "IpAddress":
			if allCIDRs(c.Values) {
				return true
			}
		case fixingKeys[key] && (op.Base == "StringEquals" || op.Base == "ArnEquals" || op.Base == "StringLike" || op.Base == "ArnLike"):
			if noWildcards(c.Values) {
				return true
			}
		}
	}
	return false
}

func allCIDRs(vals []eval.Value) bool {
	for _, v := range vals {
		pfx, err := netip.ParsePrefix(v.Text)
		if err != nil {
			a, err := netip.ParseAddr(v.Text)
			if err != nil {
				return false
			}
			pfx = netip.PrefixFrom(a, a.BitLen())
		}
		// A range as wide as a /0 is everyone; S3 treats very broad ranges
		// as public too.
		if pfx.Bits() < 8 {
			return false
		}
	}
	return len(vals) > 0
}

func noWildcards(vals []eval.Value) bool {
	for _, v := range vals {
		if wildcard.HasWildcard(v.Text) {
			return false
		}
	}
	return len(vals) > 0
}
