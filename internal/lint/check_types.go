package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
)

// operatorFamily names the kind of value an operator compares, from its
// base name; "" for Null and BinaryEquals, which suit any key.
func operatorFamily(base string) string {
	switch {
	case strings.HasPrefix(base, "String"):
		return "String"
	case strings.HasPrefix(base, "Numeric"):
		return "Numeric"
	case strings.HasPrefix(base, "Date"):
		return "Date"
	case base == "Bool":
		return "Bool"
	case strings.HasSuffix(base, "IpAddress"):
		return "IPAddress"
	case strings.HasPrefix(base, "Arn"):
		return "ARN"
	}
	return ""
}

// keyTypesFor lists the key types each operator family compares
// correctly. String operators read ARNs too (AWS's own examples use
// StringEquals on aws:SourceArn), ARN operators accept String keys that
// hold ARNs, and Numeric operators work on aws:EpochTime, a Date key
// that holds seconds.
var keyTypesFor = map[string][]string{
	"String":    {"String", "ARN"},
	"ARN":       {"ARN", "String"},
	"Numeric":   {"Numeric", "Date"},
	"Date":      {"Date"},
	"Bool":      {"Bool"},
	"IPAddress": {"IPAddress"},
}

// operatorFor is the family to suggest for a key type.
var operatorFor = map[string]string{
	"String": "StringEquals or StringLike", "ARN": "ArnEquals or ArnLike", "Numeric": "NumericEquals, NumericLessThan, …",
	"Date": "DateGreaterThan, DateLessThan, …", "Bool": "Bool", "IPAddress": "IpAddress or NotIpAddress",
}

// checkOperatorTypes flags an operator that compares a different kind of
// value than the key holds: StringEquals on aws:SourceIp never matches a
// CIDR block, DateLessThan on a number compares nothing.
func checkOperatorTypes(c *checker, s *eval.Statement) {
	for _, cond := range s.Conditions {
		fam := operatorFamily(cond.Operator.Base)
		if fam == "" {
			continue
		}
		typ, ok := catalog.ConditionKeyType(cond.Key)
		if !ok {
			continue
		}
		typ = strings.TrimPrefix(typ, "ArrayOf")
		if slices.Contains(keyTypesFor[fam], typ) {
			continue
		}
		advice := "use an operator for " + typ + " values"
		if op, ok := operatorFor[typ]; ok {
			advice = "use " + op + " with " + cond.Key
		}
		c.add(CodeOperatorTypeMismatch, cond.KeyPos,
			fmt.Sprintf("%s compares %s values, but %s holds a %s value", cond.Operator.Name, fam, cond.Key, typ),
			advice)
	}
}
