package eval

import (
	"strings"

	"github.com/iamlab/iamlab/internal/wildcard"
)

// varRef is one ${key} or ${key, 'default'} in a policy value.
type varRef struct {
	Name       string // as written, for the trace
	key        string // lower-cased for lookup
	Default    string
	HasDefault bool
}

type partKind uint8

const (
	partRaw   partKind = iota // policy text in which * and ? are wildcards
	partExact                 // ${*} ${?} ${$}: the literal character
	partVar                   // a policy variable
)

type part struct {
	kind partKind
	text string
	v    *varRef
}

// template is a policy value that may contain variables. Without variables
// it is compiled once; with them it is resolved per request.
type template struct {
	raw   string
	parts []part // nil when there is no variable
	vars  []*varRef
	fixed wildcard.Pattern // the compiled value when there is no variable
}

// compileTemplate reads value for policy variables when vars is true (the
// policy says Version 2012-10-17 and the element accepts variables);
// otherwise ${...} is ordinary text, as AWS treats it.
func compileTemplate(value string, vars bool) template {
	t := template{raw: value}
	if !vars || !strings.Contains(value, "${") {
		t.fixed = wildcard.Compile(value)
		return t
	}
	rest := value
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			break // an unterminated ${ is text
		}
		body := rest[i+2 : i+j]
		if i > 0 {
			t.parts = append(t.parts, part{kind: partRaw, text: rest[:i]})
		}
		switch body {
		case "*", "?", "$":
			t.parts = append(t.parts, part{kind: partExact, text: body})
		default:
			v := parseVarBody(body)
			t.parts = append(t.parts, part{kind: partVar, v: v})
			t.vars = append(t.vars, v)
		}
		rest = rest[i+j+1:]
	}
	if rest != "" {
		t.parts = append(t.parts, part{kind: partRaw, text: rest})
	}
	if len(t.vars) == 0 {
		// Only escapes: still fixed, with the escaped characters literal.
		t.fixed, _ = t.resolve(nil)
		t.parts = nil
	}
	return t
}

func parseVarBody(body string) *varRef {
	name, def, hasDef := body, "", false
	if c := strings.IndexByte(body, ','); c >= 0 {
		name = strings.TrimSpace(body[:c])
		d := strings.TrimSpace(body[c+1:])
		if len(d) >= 2 && d[0] == '\'' && d[len(d)-1] == '\'' {
			def, hasDef = d[1:len(d)-1], true
		} else {
			def, hasDef = d, true
		}
	}
	name = strings.TrimSpace(name)
	return &varRef{Name: name, key: strings.ToLower(name), Default: def, HasDefault: hasDef}
}

// hasVars reports whether the value needs a request to be resolved.
func (t *template) hasVars() bool { return t.parts != nil }

// lookupFunc finds a context value by lower-cased key.
type lookupFunc func(lkey string) (ContextValue, bool)

// Substitution records what a variable became, for the trace.
type Substitution struct {
	Variable string `json:"variable"`
	Value    string `json:"value,omitempty"`
	Resolved bool   `json:"resolved"`
	// Why it did not resolve, or that a default was used.
	Note string `json:"note,omitempty"`
}

// resolve builds the pattern for one request. ok is false when a variable has
// no value: AWS then treats the value as matching nothing.
func (t *template) resolve(lookup lookupFunc) (wildcard.Pattern, bool) {
	if t.parts == nil {
		return t.fixed, true
	}
	var g wildcard.Pattern
	ok := true
	for _, p := range t.parts {
		switch p.kind {
		case partRaw:
			g = append(g, wildcard.Compile(p.text)...)
		case partExact:
			g = append(g, wildcard.Literal(p.text))
		case partVar:
			val, good, _ := resolveVar(p.v, lookup)
			if !good {
				ok = false
				continue
			}
			if val != "" {
				g = append(g, wildcard.Literal(val))
			}
		}
	}
	return g.Compact(), ok
}

// substitutions explains each variable of the template for the trace.
func (t *template) substitutions(lookup lookupFunc) []Substitution {
	out := make([]Substitution, 0, len(t.vars))
	for _, v := range t.vars {
		val, ok, note := resolveVar(v, lookup)
		out = append(out, Substitution{Variable: "${" + v.Name + "}", Value: val, Resolved: ok, Note: note})
	}
	return out
}

func resolveVar(v *varRef, lookup lookupFunc) (string, bool, string) {
	if lookup != nil {
		if cv, present := lookup(v.key); present {
			if cv.Multi {
				return "", false, "a multivalued key cannot be used as a policy variable"
			}
			if len(cv.Values) == 1 {
				return cv.Values[0], true, ""
			}
		}
	}
	if v.HasDefault {
		return v.Default, true, "the key is absent; the default value is used"
	}
	return "", false, "the key is absent from the request"
}
