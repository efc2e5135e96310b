package playground

import (
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// World is one world the playground offers, named after where it comes from.
type World struct {
	Label   string
	World   *sandbox.World
	Account string
	File    string // the world file it was read from, "" for a pack's world
}

// WorldsOf lists the distinct worlds of a library: a shared world once,
// an inline world under its scenario's title.
func WorldsOf(lib *scenarios.Library) []World {
	var out []World
	seen := map[*sandbox.World]bool{}
	named := map[string]bool{}
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			if s.World == nil || seen[s.World] {
				continue
			}
			label := s.Title
			if s.WorldName != "" {
				key := p.ID + "/" + s.WorldName
				if named[key] {
					continue
				}
				named[key] = true
				label = "world " + s.WorldName + " (" + p.Title + ")"
			}
			seen[s.World] = true
			out = append(out, World{Label: label, World: s.World, Account: s.Account})
		}
	}
	return out
}

// callers are the phrases a world's principals can be named by.
func callers(w *sandbox.World) []string {
	var out []string
	accounts := w.Accounts()
	for i, a := range accounts {
		suffix := ""
		if i > 0 && a.Name != "" {
			suffix = " from account " + a.Name
		}
		for _, u := range a.Users {
			out = append(out, "user "+u.Name+suffix, "user "+u.Name+suffix+", with MFA")
		}
		for _, r := range a.Roles {
			if len(a.Users) > 0 && suffix == "" {
				out = append(out, "role "+r.Name+" assumed by "+a.Users[0].Name)
			}
			out = append(out, "role "+r.Name+suffix)
		}
		for _, in := range a.Instances {
			out = append(out, "the app on instance "+in.ID)
		}
		for _, f := range a.Functions {
			out = append(out, "lambda function "+f.Name)
		}
		for _, p := range a.IdentityPools {
			out = append(out, "guest of identity pool "+p.Name, "authenticated user of identity pool "+p.Name)
		}
		if a.Name != "" {
			out = append(out, "root of account "+a.Name)
		}
	}
	return append(out, "anyone on the internet")
}

// resources are the friendly names of a world's resources, S3 buckets also
// as s3:// addresses (an object key can be typed after the slash), and
// roles, which calls such as iam:PassRole take.
func resources(w *sandbox.World) []string {
	var out []string
	for _, a := range w.Accounts() {
		for _, b := range a.Buckets {
			out = append(out, "s3://"+b.Name+"/")
		}
		out = append(out, a.ResourceNames()...)
		for _, r := range a.Roles {
			out = append(out, "role "+r.Name)
		}
	}
	return append(out, "*")
}

// suggest filters candidates by what was typed: prefix matches first, then
// substring matches, case-insensitively.
func suggest(typed string, candidates []string, n int) []string {
	t := strings.ToLower(strings.TrimSpace(typed))
	var pre, sub []string
	for _, c := range candidates {
		lc := strings.ToLower(c)
		switch {
		case lc == t:
		case strings.HasPrefix(lc, t):
			pre = append(pre, c)
		case t != "" && strings.Contains(lc, t):
			sub = append(sub, c)
		}
	}
	out := append(pre, sub...)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// actions completes an action name from the catalogue: "s3:get" offers the
// S3 actions starting with Get; "dyn" offers service prefixes.
func actions(typed string, n int) []string {
	t := strings.TrimSpace(typed)
	if t == "" {
		return nil
	}
	if !strings.Contains(t, ":") {
		var out []string
		for _, s := range catalog.Services() {
			if strings.HasPrefix(s.Prefix, strings.ToLower(t)) {
				out = append(out, s.Prefix+":")
			}
		}
		sort.Strings(out)
		if len(out) > n {
			out = out[:n]
		}
		return out
	}
	var out []string
	for _, a := range catalog.Expand(t + "*") {
		if strings.EqualFold(a.FullName(), t) {
			continue
		}
		out = append(out, a.FullName())
		if len(out) == n {
			break
		}
	}
	return out
}
