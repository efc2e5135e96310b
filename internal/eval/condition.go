package eval

import (
	"bytes"
	"encoding/base64"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// Condition is one operator–key pair of a Condition block with its values.
// A block with two keys under one operator becomes two Conditions; all are
// AND-ed.
type Condition struct {
	Operator Operator
	OpPos    Pos
	Key      string // as written
	KeyPos   Pos
	Values   []Value

	lkey string
	vals []condValue
}

type condValue struct {
	tmpl    template // String and ARN families
	arn     arnPattern
	num     float64
	date    float64 // unix seconds (nanoseconds overflow int64 outside 1678–2262)
	ip      netip.Prefix
	bin     []byte
	boolean string
	invalid string // why this value can never match
}

func compileCondition(op Operator, opPos Pos, key string, keyPos Pos, values []Value, varsEnabled bool) *Condition {
	c := &Condition{Operator: op, OpPos: opPos, Key: key, KeyPos: keyPos, Values: values, lkey: strings.ToLower(key)}
	vars := varsEnabled && op.acceptsVariables()
	c.vals = make([]condValue, len(values))
	for i, v := range values {
		cv := &c.vals[i]
		switch op.base.fam {
		case famString:
			cv.tmpl = compileTemplate(v.Text, vars)
			if op.base.cmp == cmpEqFold {
				cv.tmpl.fixed = cv.tmpl.fixed.Lower()
			}
		case famARN:
			cv.tmpl = compileTemplate(v.Text, vars)
			if !cv.tmpl.hasVars() {
				cv.arn = compileARNPattern(cv.tmpl.fixed)
			}
		case famNumeric:
			f, ok := parseNumber(v.Text)
			if !ok {
				cv.invalid = "not a number"
			}
			cv.num = f
		case famDate:
			t, ok := parseDate(v.Text)
			if !ok {
				cv.invalid = "not a date (expected ISO 8601 such as 2026-01-31T12:00:00Z, or epoch seconds)"
			}
			cv.date = t
		case famBool:
			cv.boolean = strings.ToLower(v.Text)
			if cv.boolean != "true" && cv.boolean != "false" {
				cv.invalid = "not true or false"
			}
		case famBinary:
			b, err := base64.StdEncoding.DecodeString(v.Text)
			if err != nil {
				cv.invalid = "not base64"
			}
			cv.bin = b
		case famIP:
			p, ok := parseIPValue(v.Text)
			if !ok {
				cv.invalid = "not an IP address or CIDR block"
			}
			cv.ip = p
		case famNull:
			cv.boolean = strings.ToLower(v.Text)
			if cv.boolean != "true" && cv.boolean != "false" {
				cv.invalid = "Null takes \"true\" (the key is absent) or \"false\" (the key is present)"
			}
		}
	}
	return c
}

func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, false // refuse hex, Inf and NaN that ParseFloat would take
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// dateLayouts are the W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime)
// that the condition operators page names for Date values: YYYY, YYYY-MM,
// YYYY-MM-DD, and a time to the minute, second or fraction of a second with
// a zone (Z or ±hh:mm). A time without a zone is outside the profile; iamlab
// reads it as UTC, as it always has, rather than reject existing policies.
var dateLayouts = []string{
	time.RFC3339Nano, // seconds, optional fraction, zone
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
}

// parseDate reads a W3C date-time or epoch seconds into Unix seconds. A bare
// four-digit value is a year (the profile's YYYY), not 1970 plus that many
// seconds: nobody writes an instant of 1970 that way, while "2026" is the
// profile's own example of a year. Seconds as a float64 keep far dates such
// as 9999-12-31 (a common "never") in order, where int64 nanoseconds would
// overflow.
func parseDate(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if len(s) == 4 && isDigits(s) {
		t, err := time.Parse("2006", s)
		return float64(t.Unix()), err == nil
	}
	if f, ok := parseNumber(s); ok && !strings.ContainsAny(s, "eE") {
		return f, true // epoch seconds
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return float64(t.Unix()) + float64(t.Nanosecond())/1e9, true
		}
	}
	return 0, false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func parseIPValue(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}

// CondTrace explains one condition.
type CondTrace struct {
	Operator      string       `json:"operator"`
	Key           string       `json:"key"`
	Pos           Pos          `json:"pos"`
	Present       bool         `json:"present"`
	RequestValues []string     `json:"requestValues,omitempty"`
	Multi         bool         `json:"multi,omitempty"`
	Values        []ValueTrace `json:"values"`
	Result        bool         `json:"result"`
	Reason        string       `json:"reason"`
	DocUnclear    bool         `json:"docUnclear,omitempty"`
}

// ValueTrace explains one policy value of a condition.
type ValueTrace struct {
	Text          string         `json:"text"`
	Resolved      string         `json:"resolved,omitempty"`
	Substitutions []Substitution `json:"substitutions,omitempty"`
	Matched       bool           `json:"matched"`
	Problem       string         `json:"problem,omitempty"`
}

// resolvedValue is a policy value prepared for one request.
type resolvedValue struct {
	ok   bool
	text string           // for equality: as written, wildcards included, variables filled in
	g    wildcard.Pattern // for Like
	arn  arnPattern
}

func (c *Condition) resolveValues(lookup lookupFunc) []resolvedValue {
	out := make([]resolvedValue, len(c.vals))
	for i := range c.vals {
		cv := &c.vals[i]
		if cv.invalid != "" {
			continue
		}
		switch c.Operator.base.fam {
		case famString:
			g, ok := cv.tmpl.resolve(lookup)
			if !ok {
				continue
			}
			if c.Operator.base.cmp == cmpEqFold && cv.tmpl.hasVars() {
				g = g.Lower()
			}
			out[i] = resolvedValue{ok: true, g: g}
			if c.Operator.base.cmp != cmpLike {
				out[i].text = g.String()
			}
		case famARN:
			if !cv.tmpl.hasVars() {
				out[i] = resolvedValue{ok: true, arn: cv.arn}
				continue
			}
			g, ok := cv.tmpl.resolve(lookup)
			if !ok {
				continue
			}
			out[i] = resolvedValue{ok: true, arn: compileARNPattern(g)}
		default:
			out[i] = resolvedValue{ok: true}
		}
	}
	return out
}

// matchValue is the positive comparison of one request value with one policy
// value (for negated operators the caller inverts the any-match).
func (c *Condition) matchValue(i int, rv *resolvedValue, req string) bool {
	if !rv.ok {
		return false
	}
	cv := &c.vals[i]
	b := c.Operator.base
	switch b.fam {
	case famString:
		switch b.cmp {
		case cmpEq:
			return req == rv.text
		case cmpEqFold:
			return strings.EqualFold(req, rv.text)
		default:
			return rv.g.Match(req)
		}
	case famARN:
		parts, isARN := arn.Split(req)
		if !isARN {
			return rv.arn.all
		}
		return rv.arn.match(req, &parts, true)
	case famNumeric:
		f, ok := parseNumber(req)
		if !ok {
			return false
		}
		return compareOrdered(b.cmp, f, cv.num)
	case famDate:
		t, ok := parseDate(req)
		if !ok {
			return false
		}
		return compareOrdered(b.cmp, t, cv.date)
	case famBool:
		return strings.ToLower(req) == cv.boolean
	case famBinary:
		if rb, err := base64.StdEncoding.DecodeString(req); err == nil {
			return bytes.Equal(rb, cv.bin)
		}
		return bytes.Equal([]byte(req), cv.bin)
	case famIP:
		a, err := netip.ParseAddr(strings.TrimSpace(req))
		if err != nil {
			return false
		}
		return cv.ip.Contains(a.Unmap())
	}
	return false
}

func compareOrdered(k cmpKind, req, pol float64) bool {
	switch k {
	case cmpEq:
		return req == pol
	case cmpLT:
		return req < pol
	case cmpLE:
		return req <= pol
	case cmpGT:
		return req > pol
	case cmpGE:
		return req >= pol
	}
	return false
}

// anyMatch: the values of one key are OR-ed.
func (c *Condition) anyMatch(rvs []resolvedValue, req string, hits []bool) bool {
	found := false
	for i := range rvs {
		if c.matchValue(i, &rvs[i], req) {
			found = true
			if hits == nil {
				return true
			}
			hits[i] = true
		}
	}
	return found
}

// eval decides the condition for a request. With a trace (mem not nil) it
// also explains, keeping the explanation in mem.
func (c *Condition) eval(lookup lookupFunc, mem *traceMem) (bool, *CondTrace) {
	cv, present := lookup(c.lkey)
	var tr *CondTrace
	var hits []bool
	if mem != nil {
		tr = one(&mem.condTraces)
		*tr = CondTrace{Operator: c.Operator.Name, Key: c.Key, Pos: c.KeyPos, Present: present, RequestValues: cv.Values, Multi: cv.Multi}
		hits = slab(&mem.hits, len(c.vals), 64)
	}
	result, reason, unclear := c.decide(cv, present, lookup, hits)
	if tr != nil {
		tr.Result, tr.Reason, tr.DocUnclear = result, reason, unclear
		tr.Values = c.valueTraces(lookup, hits, slab(&mem.values, len(c.vals), 16))
	}
	return result, tr
}

// decide applies the operator to the request's value of the key: the
// result, the reason the trace shows, and whether AWS leaves the case
// undocumented. hits, when tracing, records which listed values matched.
func (c *Condition) decide(cv ContextValue, present bool, lookup lookupFunc, hits []bool) (bool, string, bool) {
	op := c.Operator
	switch {
	case op.base.fam == famNull:
		return c.decideNull(present, hits)
	case !present:
		return decideAbsent(op)
	}
	rvs := c.resolveValues(lookup)
	vals := cv.Values
	if op.Set != SetNone && len(vals) == 1 && vals[0] == "" {
		// Multivalued context keys page: a key that resolves to "a null
		// data set, such as an empty string" is an empty set.
		if op.Set == SetForAllValues {
			return true, "the key resolves to an empty string, a null data set: ForAllValues is true for an empty set", false
		}
		return false, "the key resolves to an empty string, a null data set: ForAnyValue needs at least one value", false
	}
	switch op.Set {
	case SetForAnyValue:
		return c.decideForAny(rvs, vals, lookup, hits)
	case SetForAllValues:
		return c.decideForAll(rvs, vals, hits)
	}
	return c.decideSingle(cv, rvs, lookup, hits)
}

// decideNull: Null tests whether the key is present at all.
func (c *Condition) decideNull(present bool, hits []bool) (bool, string, bool) {
	res := false
	for i := range c.vals {
		v := &c.vals[i]
		if v.invalid != "" {
			continue
		}
		if (v.boolean == "true") != present {
			res = true
			if hits != nil {
				hits[i] = true
			}
		}
	}
	if present {
		return res, "the key is present", false
	}
	return res, "the key is absent", false
}

// decideAbsent is every other operator on a key the request lacks.
func decideAbsent(op Operator) (bool, string, bool) {
	switch {
	case op.IfExists:
		return true, "the key is absent, and …IfExists makes an absent key true", false
	case op.Set == SetForAllValues:
		return true, "the key is absent: ForAllValues is true for an empty set (vacuous truth)", false
	case op.Set == SetForAnyValue:
		return false, "the key is absent: ForAnyValue needs at least one value", false
	case op.Negated:
		return true, "the key is absent: a negated operator matches a missing key", false
	}
	return false, "the key is absent from the request", false
}

// decideForAny: at least one request value must match.
func (c *Condition) decideForAny(rvs []resolvedValue, vals []string, lookup lookupFunc, hits []bool) (bool, string, bool) {
	op := c.Operator
	for _, v := range vals {
		if c.anyMatch(rvs, v, hits) != op.Negated {
			if hits == nil {
				return true, "", false
			}
			return true, "at least one request value " + c.verb(), false
		}
	}
	if len(vals) == 0 {
		return false, "the request has no values: ForAnyValue needs at least one", false
	}
	if hits != nil && !op.Negated {
		got, listed := c.valueLists(vals, lookup)
		return false, "no request value (" + got + ") matches a listed value (" + listed + ")", false
	}
	return false, "no request value " + c.verb(), false
}

// decideForAll: every request value must match, and none is vacuously true.
func (c *Condition) decideForAll(rvs []resolvedValue, vals []string, hits []bool) (bool, string, bool) {
	for _, v := range vals {
		if c.anyMatch(rvs, v, hits) == c.Operator.Negated {
			return false, "the request value \"" + v + "\" does not " + strings.TrimSuffix(c.verb(), "es"), false
		}
	}
	if len(vals) == 0 {
		return true, "the request has no values: ForAllValues is true for an empty set", false
	}
	return true, "every request value " + c.verb(), false
}

// decideSingle is a single-valued operator.
func (c *Condition) decideSingle(cv ContextValue, rvs []resolvedValue, lookup lookupFunc, hits []bool) (bool, string, bool) {
	op := c.Operator
	vals := cv.Values
	if cv.Multi {
		// AWS documents set operators as required for multivalued keys and
		// does not say what a single-valued operator does with one: iamlab
		// treats it as no match, and the linter warns.
		return false, "a single-valued operator on a multivalued key is treated as no match (AWS does not document it; use ForAnyValue or ForAllValues)", true
	}
	if len(vals) == 0 {
		return op.Negated, "the key has no value", false
	}
	m := c.anyMatch(rvs, vals[0], hits)
	switch {
	case op.Negated && m:
		return false, "the request value matches a listed value, so the negated operator is false", false
	case m:
		return true, "the request value matches", false
	case hits == nil:
		// No trace: the reason is not shown, so it costs nothing.
		return op.Negated, "the request value matches none of the listed values", false
	}
	got, listed := c.valueLists(vals, lookup)
	return op.Negated, "the request value " + got + " matches none of the listed values: " + listed, false
}

// valueLists renders the request's values and the policy's, variables
// resolved, for the trace.
func (c *Condition) valueLists(req []string, lookup lookupFunc) (string, string) {
	listed := make([]string, len(c.vals))
	for i := range c.vals {
		listed[i] = strconv.Quote(c.Values[i].Text)
		if c.vals[i].tmpl.hasVars() {
			if g, ok := c.vals[i].tmpl.resolve(lookup); ok {
				listed[i] = strconv.Quote(g.String()) + " (from " + listed[i] + ")"
			}
		}
	}
	got := make([]string, len(req))
	for i, v := range req {
		got[i] = strconv.Quote(v)
	}
	return strings.Join(got, ", "), strings.Join(listed, ", ")
}

func (c *Condition) verb() string {
	if c.Operator.Negated {
		return "matches none of the listed values"
	}
	return "matches a listed value"
}

func (c *Condition) valueTraces(lookup lookupFunc, hits []bool, out []ValueTrace) []ValueTrace {
	for i := range c.vals {
		cv := &c.vals[i]
		vt := ValueTrace{Text: c.Values[i].Text, Problem: cv.invalid}
		if hits != nil {
			vt.Matched = hits[i]
		}
		if cv.tmpl.hasVars() {
			vt.Substitutions = cv.tmpl.substitutions(lookup)
			if g, ok := cv.tmpl.resolve(lookup); ok {
				vt.Resolved = g.String()
			} else {
				vt.Problem = "a policy variable has no value, so this value matches nothing"
			}
		}
		out[i] = vt
	}
	return out
}
