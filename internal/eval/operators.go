package eval

import (
	"strings"

	"github.com/iamlab/iamlab/internal/suggest"
)

type family uint8

const (
	famString family = iota
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famARN
	famNull
)

type cmpKind uint8

const (
	cmpEq cmpKind = iota
	cmpEqFold
	cmpLike
	cmpLT
	cmpLE
	cmpGT
	cmpGE
)

// SetMode is a condition's set prefix.
type SetMode uint8

// Set prefixes.
const (
	SetNone         SetMode = iota
	SetForAllValues         // ForAllValues:
	SetForAnyValue          // ForAnyValue:
)

func (s SetMode) String() string {
	switch s {
	case SetForAllValues:
		return "ForAllValues"
	case SetForAnyValue:
		return "ForAnyValue"
	}
	return ""
}

type baseOp struct {
	name    string
	fam     family
	cmp     cmpKind
	negated bool
}

// baseOps is every condition operator AWS documents, without prefixes or
// the IfExists suffix.
var baseOps = map[string]baseOp{}

func init() {
	add := func(name string, fam family, cmp cmpKind, neg bool) {
		baseOps[name] = baseOp{name: name, fam: fam, cmp: cmp, negated: neg}
	}
	add("StringEquals", famString, cmpEq, false)
	add("StringNotEquals", famString, cmpEq, true)
	add("StringEqualsIgnoreCase", famString, cmpEqFold, false)
	add("StringNotEqualsIgnoreCase", famString, cmpEqFold, true)
	add("StringLike", famString, cmpLike, false)
	add("StringNotLike", famString, cmpLike, true)
	for _, f := range []struct {
		prefix string
		fam    family
	}{{"Numeric", famNumeric}, {"Date", famDate}} {
		add(f.prefix+"Equals", f.fam, cmpEq, false)
		add(f.prefix+"NotEquals", f.fam, cmpEq, true)
		add(f.prefix+"LessThan", f.fam, cmpLT, false)
		add(f.prefix+"LessThanEquals", f.fam, cmpLE, false)
		add(f.prefix+"GreaterThan", f.fam, cmpGT, false)
		add(f.prefix+"GreaterThanEquals", f.fam, cmpGE, false)
	}
	add("Bool", famBool, cmpEq, false)
	add("BinaryEquals", famBinary, cmpEq, false)
	add("IpAddress", famIP, cmpEq, false)
	add("NotIpAddress", famIP, cmpEq, true)
	add("ArnEquals", famARN, cmpLike, false)
	add("ArnLike", famARN, cmpLike, false)
	add("ArnNotEquals", famARN, cmpLike, true)
	add("ArnNotLike", famARN, cmpLike, true)
	add("Null", famNull, cmpEq, false)
}

// Operator is a parsed condition operator such as
// ForAnyValue:StringNotEqualsIfExists.
type Operator struct {
	Name     string // as written
	Base     string // StringNotEquals
	Set      SetMode
	IfExists bool
	Negated  bool
	base     baseOp
}

// acceptsVariables: AWS substitutes policy variables only in String and ARN
// operators; elsewhere ${...} is compared as written.
func (o Operator) acceptsVariables() bool {
	return o.base.fam == famString || o.base.fam == famARN
}

// ParseOperator reads an operator name. On failure it returns an error
// message and an expectation for a ParseError.
func ParseOperator(name string) (Operator, string, string) {
	op := Operator{Name: name}
	rest := name
	switch {
	case strings.HasPrefix(rest, "ForAllValues:"):
		op.Set, rest = SetForAllValues, rest[len("ForAllValues:"):]
	case strings.HasPrefix(rest, "ForAnyValue:"):
		op.Set, rest = SetForAnyValue, rest[len("ForAnyValue:"):]
	case strings.Contains(rest, ":"):
		prefix := rest[:strings.IndexByte(rest, ':')]
		return op, "unknown set prefix \"" + prefix + ":\"", "expected ForAllValues: or ForAnyValue:" + suggest.DidYouMean(prefix, []string{"ForAllValues", "ForAnyValue"})
	}
	if strings.HasSuffix(rest, "IfExists") && rest != "IfExists" {
		op.IfExists, rest = true, strings.TrimSuffix(rest, "IfExists")
	}
	b, ok := baseOps[rest]
	if !ok {
		return op, "unknown condition operator \"" + name + "\"", "expected an operator such as StringEquals, StringLike, ArnLike, Bool, IpAddress, NumericLessThan, DateGreaterThan or Null" + suggest.DidYouMean(rest, operatorNames())
	}
	if b.fam == famNull && op.IfExists {
		return op, "Null cannot take IfExists", "expected plain Null: it already tests whether the key exists"
	}
	if b.fam == famNull && op.Set != SetNone {
		return op, "Null cannot take a set prefix", "expected plain Null"
	}
	op.Base, op.Negated, op.base = rest, b.negated, b
	return op, "", ""
}

func operatorNames() []string {
	out := make([]string, 0, len(baseOps))
	for k := range baseOps {
		out = append(out, k)
	}
	return out
}
