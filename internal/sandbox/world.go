package sandbox

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/arn"
)

// DefaultRegion is where resources live when neither they nor their account
// say otherwise.
const DefaultRegion = "us-east-1"

// World is the sandbox: an organization, its accounts and every policy
// document. Build it with NewWorld, SetOrganization, AddAccount and
// AddDocument; after that it is read-only and safe for concurrent use, and
// WithDocument derives edited copies.
type World struct {
	docs     map[string]*Document
	accounts []*Account
	byKey    map[string]*Account // by id and by lower-cased name
	org      *Organization
	ix       *lazyIndex // shared by copies: it depends on no document
}

type lazyIndex struct {
	once sync.Once
	ix   *index
}

// NewWorld returns an empty world.
func NewWorld() *World {
	w := &World{docs: map[string]*Document{}, byKey: map[string]*Account{}, ix: &lazyIndex{}}
	for _, d := range builtinOrgDocs() {
		w.docs[d.ID] = d
	}
	return w
}

func (w *World) changed() { w.ix = &lazyIndex{} }

// index returns the lookup tables, built on first use.
func (w *World) index() *index {
	w.ix.once.Do(func() { w.ix.ix = buildIndex(w) })
	return w.ix.ix
}

// AddAccount adds an account with everything it holds. Policies written in
// its fields become documents (policy:, inline:, trust:, …-policy:), and
// ids the world derives (KMS key ids, identity pool ids) are filled in.
func (w *World) AddAccount(a *Account) error {
	if a == nil {
		return fmt.Errorf("AddAccount: no account given")
	}
	if !arn.IsAccountID(a.ID) {
		return fmt.Errorf("account %q: the id %q must be 12 digits (for example 111122223333)", a.Name, a.ID)
	}
	if o, dup := w.byKey[a.ID]; dup {
		return fmt.Errorf("account %s: id %s is already used by account %s", a.label(), a.ID, o.label())
	}
	if a.Name != "" {
		if arn.IsAccountID(a.Name) && a.Name != a.ID {
			return fmt.Errorf("account %s: a name of 12 digits would be read as an account id; choose a word", a.Name)
		}
		if o, dup := w.byKey[strings.ToLower(a.Name)]; dup {
			return fmt.Errorf("account %s: the name is already used by account %s", a.Name, o.ID)
		}
	}
	docs, err := accountDocuments(a)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if _, dup := w.docs[d.ID]; dup {
			return fmt.Errorf("account %s: document %s is defined twice", a.label(), d.ID)
		}
	}
	for _, d := range docs {
		w.docs[d.ID] = d
	}
	w.accounts = append(w.accounts, a)
	w.byKey[a.ID] = a
	if a.Name != "" {
		w.byKey[strings.ToLower(a.Name)] = a
	}
	w.changed()
	return nil
}

// AddDocument adds a document: a customer managed, inline, trust, resource,
// organization, endpoint or session policy (see Document for the IDs). The
// type comes from the ID; the Source is parsed, and a parse error is kept on
// the document (Err) rather than returned, so a broken pack still loads.
// The error is for an ID the world cannot take.
func (w *World) AddDocument(d *Document) error {
	if d == nil {
		return fmt.Errorf("AddDocument: no document given")
	}
	typ, what, err := kindOf(d.ID)
	if err != nil {
		return err
	}
	if strings.HasPrefix(d.ID, "aws:") {
		return fmt.Errorf("document %s: AWS managed policies are built in and read-only; attach %q by name instead", d.ID, strings.TrimPrefix(d.ID, "aws:"))
	}
	if old, dup := w.docs[d.ID]; dup {
		if old.AWSManaged {
			return fmt.Errorf("document %s is an Organizations built-in and cannot be replaced", d.ID)
		}
		return fmt.Errorf("document %s is defined twice", d.ID)
	}
	c := *d
	c.Type = typ
	if c.Title == "" {
		c.Title = w.titleFor(c.ID, what)
	}
	c.compile()
	w.docs[c.ID] = &c
	w.changed()
	return nil
}

// Document returns a document by ID: the world's own, an AWS managed policy
// ("aws:ReadOnlyAccess"), or a key policy addressed by alias.
func (w *World) Document(id string) (*Document, bool) {
	if d, ok := w.docs[id]; ok {
		return d, true
	}
	if name, ok := strings.CutPrefix(id, "aws:"); ok {
		return managedDoc(name)
	}
	if rest, ok := strings.CutPrefix(id, "key-policy:"); ok {
		if acct, alias, ok := strings.Cut(rest, "/"); ok && strings.HasPrefix(alias, "alias/") {
			if k := w.index().keyByAlias[acct+"/"+alias]; k != nil {
				d, ok := w.docs[KeyPolicyID(acct, k.ID)]
				return d, ok
			}
		}
	}
	return nil, false
}

// Documents lists the world's documents in a stable order: customer managed,
// inline and trust policies, resource policies, organization policies,
// endpoint and session policies, then the AWS managed policies the world
// attaches, each group sorted by ID.
func (w *World) Documents() []*Document {
	out := make([]*Document, 0, len(w.docs)+4)
	for _, d := range w.docs {
		if d.AWSManaged && w.org == nil {
			continue // the Organizations built-ins exist only with an organization
		}
		out = append(out, d)
	}
	for _, n := range w.index().managedUsed {
		if d, ok := managedDoc(n); ok {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := docRank(out[i].ID), docRank(out[j].ID)
		if ri != rj {
			return ri < rj
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func docRank(id string) int {
	if strings.HasPrefix(id, "aws:") {
		return len(idKinds)
	}
	for i, k := range idKinds {
		if strings.HasPrefix(id, k.prefix) {
			return i
		}
	}
	return len(idKinds) + 1
}

// WithDocument returns a copy of the world in which one document has a new
// Source. Only that document is parsed again; everything else is shared, so
// this is cheap enough to run on every keystroke. The error is
// eval.ParseErrors when the new source does not parse (the returned world
// then holds the broken document, for display), or a plain error when the
// document does not exist or is read-only.
func (w *World) WithDocument(id, source string) (*World, error) {
	old, ok := w.docs[id]
	if !ok {
		// A key policy named by alias, or an AWS managed policy.
		d, found := w.Document(id)
		switch {
		case found && d.AWSManaged:
			return nil, fmt.Errorf("document %s is read-only (AWS managed)", id)
		case found:
			old, id = d, d.ID
		default:
			return nil, fmt.Errorf("document %s is not in the world%s", id, didYouMean(id, w.docIDs("")))
		}
	}
	if old.AWSManaged {
		return nil, fmt.Errorf("document %s is read-only (AWS managed)", id)
	}
	nw := *w
	nw.docs = make(map[string]*Document, len(w.docs))
	for k, v := range w.docs {
		nw.docs[k] = v
	}
	d := *old
	d.Source = source
	d.compile()
	nw.docs[id] = &d
	if d.Err != nil {
		return &nw, d.Err
	}
	return &nw, nil
}

// Accounts lists the accounts in the order they were added.
func (w *World) Accounts() []*Account { return append([]*Account(nil), w.accounts...) }

// Account finds an account by id or by name (ignoring case).
func (w *World) Account(idOrName string) (*Account, bool) {
	if a, ok := w.byKey[idOrName]; ok {
		return a, true
	}
	a, ok := w.byKey[strings.ToLower(idOrName)]
	return a, ok
}

// accountOrError finds an account for a phrase, with advice when it fails.
func (w *World) accountOrError(ref string) (*Account, error) {
	if a, ok := w.Account(ref); ok {
		return a, nil
	}
	if len(w.accounts) == 0 {
		return nil, fmt.Errorf("account %q: the world has no accounts", ref)
	}
	return nil, fmt.Errorf("account %q is not in the world%s (accounts: %s)", ref, didYouMean(ref, w.accountNames()), nameList(w.accountNames()))
}

func (w *World) accountNames() []string {
	var out []string
	for _, a := range w.accounts {
		out = append(out, a.label())
	}
	return out
}

func (w *World) docIDs(prefix string) []string {
	var out []string
	for id := range w.docs {
		if strings.HasPrefix(id, prefix) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// titleFor writes a document's title for people.
func (w *World) titleFor(id, what string) string {
	_, rest, _ := strings.Cut(id, ":")
	name := rest
	acct := ""
	if i := strings.IndexByte(rest, '/'); i > 0 && arn.IsAccountID(rest[:i]) {
		acct, name = rest[:i], rest[i+1:]
		if a, ok := w.Account(acct); ok {
			acct = a.label()
		}
	}
	if strings.HasPrefix(id, "inline:") {
		// user/alice/Policy → Policy (inline policy of user alice)
		parts := strings.SplitN(name, "/", 3)
		if len(parts) == 3 {
			return parts[2] + " (inline policy of " + parts[0] + " " + parts[1] + ", account " + acct + ")"
		}
	}
	if acct != "" {
		return name + " (" + what + ", account " + acct + ")"
	}
	return name + " (" + what + ")"
}

// label names an account for people: its name, else its id.
func (a *Account) label() string {
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

func (a *Account) region() string {
	if a.Region != "" {
		return a.Region
	}
	return DefaultRegion
}
