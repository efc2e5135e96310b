package eval

import "github.com/iamlab/iamlab/internal/jsonpos"

// Pos is a place in a policy document, as the JSON reader reports it;
// named here because every compiled element and every trace step carries
// one.
type Pos = jsonpos.Pos

// ParseError is one problem in a policy document: a JSON syntax error from
// the reader, or a grammar error of the compiler, worded the same way.
type ParseError = jsonpos.Error

// ParseErrors is every problem found in one document, in order of position.
// Grammar errors are collected (a learner fixes several at once); a JSON
// syntax error stops the parse because nothing after it can be trusted.
type ParseErrors []*ParseError

func (es ParseErrors) Error() string { return jsonpos.Lines(es) }
