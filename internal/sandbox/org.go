package sandbox

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// Organization is the world's AWS Organization. Accounts not placed in it
// (neither under the root nor in an OU, nor the management account) are
// standalone: no SCPs or RCPs apply to them.
type Organization struct {
	ID                string // "o-…"; derived when ""
	RootID            string // "r-…"; derived when ""
	ManagementAccount string // id or name; it sits under the root unless placed in an OU
	// SCPs and RCPs attached at the root (names of scp:/rcp: documents).
	// No SCP at a level means FullAWSAccess.
	SCPs     []string
	RCPs     []string
	Accounts []string // accounts directly under the root (id or name)
	Units    []*OrganizationalUnit
}

// OrganizationalUnit is an OU with its policies, accounts and child OUs.
type OrganizationalUnit struct {
	ID       string // "ou-<root>-<8>"; derived when ""
	Name     string
	SCPs     []string
	RCPs     []string
	Accounts []string
	Units    []*OrganizationalUnit
}

// orgLevel is one level of an account's chain: the root, an OU, the account.
type orgLevel struct {
	id   string
	name string
	scps []string
	rcps []string
}

// placement is where an account sits in the organization.
type placement struct {
	levels []orgLevel // root first, the account last
	path   string     // aws:PrincipalOrgPaths value: o-…/r-…/ou-…/
}

// SetOrganization places accounts in an organization. Accounts it names may
// be added before or after; Validate reports names that match no account.
func (w *World) SetOrganization(org Organization) error {
	if w.org != nil {
		return fmt.Errorf("the world already has an organization (%s); a world has one", w.org.ID)
	}
	o := org
	if o.ID == "" {
		o.ID = "o-" + fakeID("org", 10, lowerAlnum)
	} else if !strings.HasPrefix(o.ID, "o-") {
		return fmt.Errorf("organization id %q must start with \"o-\" (for example o-a1b2c3d4e5)", o.ID)
	}
	if o.RootID == "" {
		o.RootID = "r-" + fakeID(o.ID+"/root", 4, lowerAlnum)
	} else if !strings.HasPrefix(o.RootID, "r-") {
		return fmt.Errorf("organization root id %q must start with \"r-\" (for example r-ab12)", o.RootID)
	}
	seen := map[string]bool{}
	var fill func(units []*OrganizationalUnit, parent string) ([]*OrganizationalUnit, error)
	fill = func(units []*OrganizationalUnit, parent string) ([]*OrganizationalUnit, error) {
		out := make([]*OrganizationalUnit, len(units))
		for i, u := range units {
			if u == nil {
				return nil, fmt.Errorf("organizational unit #%d under %s is empty", i+1, parent)
			}
			c := *u
			if c.Name == "" && c.ID == "" {
				return nil, fmt.Errorf("organizational unit #%d under %s has neither a name nor an id", i+1, parent)
			}
			if c.ID == "" {
				c.ID = "ou-" + strings.TrimPrefix(o.RootID, "r-") + "-" + fakeID(parent+"/"+c.Name, 8, lowerAlnum)
			}
			if seen[c.ID] {
				return nil, fmt.Errorf("organizational unit id %s is used twice", c.ID)
			}
			seen[c.ID] = true
			kids, err := fill(c.Units, c.ID)
			if err != nil {
				return nil, err
			}
			c.Units = kids
			out[i] = &c
		}
		return out, nil
	}
	units, err := fill(o.Units, o.RootID)
	if err != nil {
		return err
	}
	o.Units = units
	w.org = &o
	return nil
}

// Organization returns the world's organization (with derived ids), if any.
func (w *World) Organization() (Organization, bool) {
	if w.org == nil {
		return Organization{}, false
	}
	return *w.org, true
}

// place computes every account's position; run when the world is complete
// enough to resolve names (lazily, on first use).
func (w *World) place() (map[string]*placement, []error) {
	out := map[string]*placement{}
	if w.org == nil {
		return out, nil
	}
	var errs []error
	o := w.org
	root := orgLevel{id: o.RootID, name: "Root", scps: o.SCPs, rcps: o.RCPs}
	put := func(ref string, chain []orgLevel, path, where string) {
		a, ok := w.Account(ref)
		if !ok {
			errs = append(errs, fmt.Errorf("organization: %s lists account %q, which is not in the world%s", where, ref, didYouMean(ref, w.accountNames())))
			return
		}
		if _, dup := out[a.ID]; dup {
			errs = append(errs, fmt.Errorf("organization: account %s is placed twice (an account sits in one place)", a.Name))
			return
		}
		levels := append(append([]orgLevel(nil), chain...), orgLevel{id: a.ID, name: "account " + a.label(), scps: a.SCPs, rcps: a.RCPs})
		out[a.ID] = &placement{levels: levels, path: path}
	}
	base := o.ID + "/" + o.RootID + "/"
	for _, ref := range o.Accounts {
		put(ref, []orgLevel{root}, base, "the root")
	}
	var walk func(units []*OrganizationalUnit, chain []orgLevel, path string)
	walk = func(units []*OrganizationalUnit, chain []orgLevel, path string) {
		for _, u := range units {
			c := append(append([]orgLevel(nil), chain...), orgLevel{id: u.ID, name: "OU " + u.Name, scps: u.SCPs, rcps: u.RCPs})
			p := path + u.ID + "/"
			for _, ref := range u.Accounts {
				put(ref, c, p, "OU "+u.Name)
			}
			walk(u.Units, c, p)
		}
	}
	walk(o.Units, []orgLevel{root}, base)
	if o.ManagementAccount != "" {
		a, ok := w.Account(o.ManagementAccount)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("organization: the management account %q is not in the world%s", o.ManagementAccount, didYouMean(o.ManagementAccount, w.accountNames())))
		case out[a.ID] == nil:
			put(a.ID, []orgLevel{root}, base, "the root")
		}
	}
	return out, errs
}

// managementID is the management account's id, or "".
func (w *World) managementID() string {
	if w.org == nil || w.org.ManagementAccount == "" {
		return ""
	}
	if a, ok := w.Account(w.org.ManagementAccount); ok {
		return a.ID
	}
	return ""
}

// scpChain builds the SCP levels for principals of an account. A level with
// no SCP attached gets FullAWSAccess: AWS attaches it to every root, OU and
// account by default, and an entity cannot be left with none.
func (w *World) scpChain(pl *placement) ([]eval.Level, error) {
	if pl == nil {
		return nil, nil
	}
	levels := make([]eval.Level, len(pl.levels))
	for i, lv := range pl.levels {
		names := lv.scps
		if len(names) == 0 {
			names = defaultSCPs
		}
		refs := make([]eval.PolicyRef, 0, len(names))
		for _, n := range names {
			d, err := w.orgDoc("scp:", n, lv)
			if err != nil {
				return nil, err
			}
			refs = append(refs, *d.ref())
		}
		levels[i] = eval.Level{ID: lv.label(), Policies: refs}
	}
	return levels, nil
}

// rcpChain builds the RCP levels for resources of an account.
// RCPFullAWSAccess is implied at every level by the engine.
func (w *World) rcpChain(pl *placement) ([]eval.Level, error) {
	if pl == nil {
		return nil, nil
	}
	levels := make([]eval.Level, len(pl.levels))
	for i, lv := range pl.levels {
		var refs []eval.PolicyRef
		for _, n := range lv.rcps {
			if n == rcpFullAccessName || n == RCPID(rcpFullAccessName) {
				continue
			}
			d, err := w.orgDoc("rcp:", n, lv)
			if err != nil {
				return nil, err
			}
			refs = append(refs, *d.ref())
		}
		levels[i] = eval.Level{ID: lv.label(), Policies: refs}
	}
	return levels, nil
}

func (lv orgLevel) label() string {
	if lv.name == "" {
		return lv.id
	}
	return lv.name + " (" + lv.id + ")"
}

// orgDoc finds an SCP or RCP by name and checks that it parses.
func (w *World) orgDoc(prefix, name string, lv orgLevel) (*Document, error) {
	id := name
	if !strings.HasPrefix(id, prefix) {
		id = prefix + name
	}
	d, ok := w.Document(id)
	if !ok {
		return nil, fmt.Errorf("%s attaches %s, which is not in the world%s", lv.label(), id, didYouMean(id, w.docIDs(prefix)))
	}
	if d.Policy == nil {
		return nil, brokenError(d)
	}
	return d, nil
}
