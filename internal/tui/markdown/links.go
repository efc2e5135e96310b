package markdown

import "strings"

// This file reads links and images (CommonMark 6.3, 6.4), autolinks (6.5)
// and raw HTML (6.6): the inlines that begin at a bracket or an angle.

func (p *inlineParser) pushBracket(n *inode, image bool) {
	p.brackets = &delim{node: n, image: image, active: true, prevBracket: p.brackets, afterBracket: p.delims}
}

// closeBracket makes a link or image of the text since the last [ if an
// inline destination follows; otherwise the ] is text.
func (p *inlineParser) closeBracket() {
	op := p.brackets
	if op == nil {
		p.text("]")
		return
	}
	if !op.active {
		p.brackets = op.prevBracket
		p.text("]")
		return
	}
	end, ok := p.linkTail(p.pos)
	if !ok {
		p.brackets = op.prevBracket
		p.text("]")
		return
	}
	p.pos = end
	link := &inode{kind: iLink}
	if op.image {
		link.kind = iImage
	}
	// Move what followed the bracket into the link.
	for c := op.node.next; c != nil; {
		next := c.next
		c.unlink()
		link.append(c)
		c = next
	}
	p.emphasis(op.afterBracket)
	op.node.unlink()
	p.root.append(link)
	p.brackets = op.prevBracket
	if !op.image {
		// No links inside links.
		for b := p.brackets; b != nil; b = b.prevBracket {
			if !b.image {
				b.active = false
			}
		}
	}
}

// linkTail reads "(destination "title")" at i (CommonMark 6.3).
func (p *inlineParser) linkTail(i int) (int, bool) {
	s := p.s
	if i >= len(s) || s[i] != '(' {
		return 0, false
	}
	i = skipSpaceNL(s, i+1)
	var ok bool
	if i < len(s) && s[i] == '<' {
		i, ok = angleDestination(s, i)
	} else {
		i, ok = bareDestination(s, i)
	}
	if !ok {
		return 0, false
	}
	before := i
	i = skipSpaceNL(s, i)
	if i < len(s) && (s[i] == '"' || s[i] == '\'' || s[i] == '(') && i > before {
		if i, ok = linkTitle(s, i); !ok {
			return 0, false
		}
	}
	if i < len(s) && s[i] == ')' {
		return i + 1, true
	}
	return 0, false
}

// angleDestination reads "<…>" at i, with no line ending or unescaped <
// inside, and returns where it ends.
func angleDestination(s string, i int) (int, bool) {
	j := i + 1
	for j < len(s) && s[j] != '>' && s[j] != '\n' && s[j] != '<' {
		if s[j] == '\\' && j+1 < len(s) {
			j++
		}
		j++
	}
	if j >= len(s) || s[j] != '>' {
		return 0, false
	}
	return j + 1, true
}

// bareDestination reads a destination without brackets at i: no spaces
// or control characters, parentheses balanced (at most 32 deep).
func bareDestination(s string, i int) (int, bool) {
	depth := 0
	j := i
	for j < len(s) {
		c := s[j]
		if c == '\\' && j+1 < len(s) && isASCIIPunct(s[j+1]) {
			j += 2
			continue
		}
		if c <= ' ' || c == ')' && depth == 0 {
			break
		}
		switch c {
		case '(':
			depth++
			if depth > 32 {
				return 0, false
			}
		case ')':
			depth--
		}
		j++
	}
	return j, depth == 0
}

// linkTitle reads a title in "…", '…' or (…) at i and the blanks after
// it, and returns where they end.
func linkTitle(s string, i int) (int, bool) {
	closeCh := s[i]
	if closeCh == '(' {
		closeCh = ')'
	}
	j := i + 1
	for j < len(s) && s[j] != closeCh {
		if s[j] == '\\' && j+1 < len(s) {
			j++
		} else if closeCh == ')' && s[j] == '(' {
			return 0, false
		}
		j++
	}
	if j >= len(s) {
		return 0, false
	}
	return skipSpaceNL(s, j+1), true
}

// skipSpaceNL skips spaces and tabs and at most one line ending.
func skipSpaceNL(s string, i int) int {
	nl := false
	for i < len(s) {
		switch s[i] {
		case ' ', '\t':
		case '\n':
			if nl {
				return i
			}
			nl = true
		default:
			return i
		}
		i++
	}
	return i
}

// angle reads an autolink or raw HTML at <, or a literal <.
func (p *inlineParser) angle() {
	rest := p.s[p.pos:]
	if n := autolink(rest); n > 0 {
		p.root.append(&inode{kind: iAutoLink, text: rest[1 : n-1]})
		p.pos += n
		return
	}
	if n := htmlTag(rest); n > 0 {
		p.root.append(&inode{kind: iHTML, text: strings.ReplaceAll(rest[:n], "\n", " ")})
		p.pos += n
		return
	}
	p.pos++
	p.text("<")
}

// autolink returns the length of <scheme:…> or <address@host> at s, or 0
// (CommonMark 6.5).
func autolink(s string) int {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return 0
	}
	if body := s[1:end]; uriAutolink(body) || emailAutolink(body) {
		return end + 1
	}
	return 0
}

// uriAutolink: a scheme of 2 to 32 characters, a colon, and no blank,
// control character or < after it.
func uriAutolink(body string) bool {
	i := strings.IndexByte(body, ':')
	if i < 2 || i > 32 || !isASCIILetter(body[0]) {
		return false
	}
	for j := 1; j < i; j++ {
		c := body[j]
		if !(isASCIILetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-') {
			return false
		}
	}
	for j := i + 1; j < len(body); j++ {
		if body[j] <= ' ' || body[j] == '<' {
			return false
		}
	}
	return true
}

// emailAutolink: the specification's address, a local part of the
// allowed characters and dot-separated labels of at most 63.
func emailAutolink(body string) bool {
	at := strings.IndexByte(body, '@')
	if at < 1 || at == len(body)-1 {
		return false
	}
	for j := 0; j < at; j++ {
		c := body[j]
		if !(isASCIILetter(c) || c >= '0' && c <= '9' || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0) {
			return false
		}
	}
	for _, label := range strings.Split(body[at+1:], ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for j := 0; j < len(label); j++ {
			c := label[j]
			if !(isASCIILetter(c) || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// htmlTag returns the length of the raw HTML (CommonMark 6.6) at s: an
// open or closing tag, a comment, a processing instruction, a declaration
// or a CDATA section; 0 if there is none.
func htmlTag(s string) int {
	if len(s) < 3 || s[0] != '<' {
		return 0
	}
	switch {
	case strings.HasPrefix(s, "<!-->"):
		return 5
	case strings.HasPrefix(s, "<!--->"):
		return 6
	case strings.HasPrefix(s, "<!--"):
		if i := strings.Index(s[4:], "-->"); i >= 0 {
			return 4 + i + 3
		}
		return 0
	case strings.HasPrefix(s, "<?"):
		if i := strings.Index(s[2:], "?>"); i >= 0 {
			return 2 + i + 2
		}
		return 0
	case strings.HasPrefix(s, "<![CDATA["):
		if i := strings.Index(s[9:], "]]>"); i >= 0 {
			return 9 + i + 3
		}
		return 0
	case s[1] == '!' && isASCIILetter(s[2]):
		if i := strings.IndexByte(s, '>'); i >= 0 {
			return i + 1
		}
		return 0
	case s[1] == '/':
		i := tagName(s, 2)
		if i == 2 {
			return 0
		}
		i = skipSpaceNL(s, i)
		if i < len(s) && s[i] == '>' {
			return i + 1
		}
		return 0
	}
	i := tagName(s, 1)
	if i == 1 {
		return 0
	}
	for {
		j := skipSpaceNL(s, i)
		if j < len(s) && s[j] == '>' {
			return j + 1
		}
		if j+1 < len(s) && s[j] == '/' && s[j+1] == '>' {
			return j + 2
		}
		if j == i {
			return 0 // an attribute needs whitespace before it
		}
		k := attribute(s, j)
		if k == j {
			return 0
		}
		i = k
	}
}

func tagName(s string, i int) int {
	if i >= len(s) || !isASCIILetter(s[i]) {
		return i
	}
	j := i + 1
	for j < len(s) && (isASCIILetter(s[j]) || s[j] >= '0' && s[j] <= '9' || s[j] == '-') {
		j++
	}
	return j
}

// attribute reads name[=value] at i and returns where it ends (i if none).
func attribute(s string, i int) int {
	if i >= len(s) || !(isASCIILetter(s[i]) || s[i] == '_' || s[i] == ':') {
		return i
	}
	j := i + 1
	for j < len(s) && (isASCIILetter(s[j]) || s[j] >= '0' && s[j] <= '9' || strings.IndexByte("_.:-", s[j]) >= 0) {
		j++
	}
	k := skipSpaceNL(s, j)
	if k >= len(s) || s[k] != '=' {
		return j
	}
	k = skipSpaceNL(s, k+1)
	if k >= len(s) {
		return i
	}
	switch s[k] {
	case '"', '\'':
		e := strings.IndexByte(s[k+1:], s[k])
		if e < 0 {
			return i
		}
		return k + 1 + e + 1
	}
	e := k
	for e < len(s) && s[e] > ' ' && strings.IndexByte("\"'=<>`", s[e]) < 0 {
		e++
	}
	if e == k {
		return i
	}
	return e
}
