package quiz

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// maxCandidates bounds the evaluations one Generate call makes, so a large
// world still answers in milliseconds.
const maxCandidates = 600

// Generate writes n "can this principal do this?" and "which layer
// decides?" questions about w. It enumerates callers (users, roles,
// functions, instances) × resources × typical actions, evaluates each call
// with the engine, keeps those whose evaluation matches the difficulty
// (1: one account, decided by identity or resource policies; 3:
// cross-account, SCPs, RCPs, boundaries, sessions, service rules, MFA
// conditions), and spreads the picks over different decisions and deciding
// layers. The key is the engine's outcome, so it is right by construction,
// and the outcome's trace is the explanation.
//
// The result depends only on (w, seed, difficulty, n). Fewer than n items
// come back when the world offers fewer distinct calls.
func Generate(w *sandbox.World, seed int64, difficulty int, n int) []Item {
	if w == nil || n <= 0 {
		return nil
	}
	difficulty = min(max(difficulty, 1), 3)
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(difficulty)))
	calls := candidateCalls(w)
	if len(calls) > maxCandidates {
		rng.Shuffle(len(calls), func(i, j int) { calls[i], calls[j] = calls[j], calls[i] })
		calls = calls[:maxCandidates]
	}
	var cands []candidate
	for _, c := range calls {
		out, err := w.Evaluate(c.call, eval.Options{Trace: true})
		if err != nil || out.DecidedBy == "" {
			continue
		}
		cands = append(cands, candidate{gcall: c, out: out, level: levelOf(c, out)})
	}
	picked := pickCandidates(cands, difficulty, n, rng)
	fp := worldPrint(w)
	items := make([]Item, 0, len(picked))
	for _, c := range picked {
		it := generatedItem(c, askFor(difficulty, rng), fp)
		it.Policy.World = w // the learner reads the world's policies to answer
		items = append(items, it)
	}
	return items
}

// gcall is a call with what generation knows about it.
type gcall struct {
	call         sandbox.Call
	crossAccount bool
	mfaVariant   bool
	kms          bool
}

type candidate struct {
	gcall
	out   *sandbox.Outcome
	level int
}

// levelOf rates how many rules a learner must combine to answer.
func levelOf(c gcall, out *sandbox.Outcome) int {
	level := 1
	if c.crossAccount {
		level++
	}
	switch out.DecidedBy {
	case eval.LayerIdentity, eval.LayerResource:
	default:
		level++
	}
	if c.mfaVariant || len(out.Hops) > 1 {
		level++
	}
	return min(level, 3)
}

// pickCandidates takes n candidates nearest the difficulty, round-robin
// over (decision, layer) so one kind of answer does not dominate.
func pickCandidates(cands []candidate, difficulty, n int, rng *rand.Rand) []candidate {
	rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	var out []candidate
	used := map[string]bool{}
	for dist := 0; dist <= 2 && len(out) < n; dist++ {
		buckets := map[string][]candidate{}
		var keys []string
		for _, c := range cands {
			if abs(c.level-difficulty) != dist || used[callKey(c.call)] {
				continue
			}
			k := string(c.out.Decision) + "@" + string(c.out.DecidedBy)
			if _, ok := buckets[k]; !ok {
				keys = append(keys, k)
			}
			buckets[k] = append(buckets[k], c)
		}
		for len(out) < n {
			took := false
			for _, k := range keys {
				if len(out) >= n {
					break
				}
				if b := buckets[k]; len(b) > 0 {
					out = append(out, b[0])
					used[callKey(b[0].call)] = true
					buckets[k] = b[1:]
					took = true
				}
			}
			if !took {
				break
			}
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// askFor chooses what to ask: easy questions ask for the decision, hard
// ones for decision and layer together.
func askFor(difficulty int, rng *rand.Rand) Ask {
	asks := [][]Ask{
		{AskDecision, AskDecision, AskLayer},
		{AskDecision, AskLayer, AskBoth},
		{AskLayer, AskBoth, AskBoth},
	}[difficulty-1]
	return asks[rng.IntN(len(asks))]
}

func generatedItem(c candidate, ask Ask, worldFP string) Item {
	topics := generatedTopics(c)
	it := Item{
		ID:      fmt.Sprintf("gen-%016x", hash64(worldFP, callKey(c.call), string(ask))),
		Version: 1,
		Type:    Policy,
		Choose:  1,
		Stem:    policyStem(ask, c.call),
		Policy:  &PolicyQuestion{Call: c.call, Ask: ask, Outcome: c.out},
		Topics:  topics,
		Exam:    topicTasks(topics),
		// The level the evaluation showed, not the one asked for: a
		// widened pick keeps its honest difficulty.
		Difficulty:  c.level,
		Explanation: generatedExplanation(c.out),
		Generated:   true,
	}
	it.Options = policyOptions(ask, c.out)
	return it
}

// generatedTopics names the knowledge components the evaluation exercises,
// main one first.
func generatedTopics(c candidate) []string {
	var t []string
	add := func(id string) {
		if id != "" && !slices.Contains(t, id) && len(t) < 3 {
			t = append(t, id)
		}
	}
	explicit := c.out.Decision == eval.ExplicitDeny
	switch c.out.DecidedBy {
	case eval.LayerSCP:
		add(pick(explicit, "protective-scp", "scp-never-grants"))
	case eval.LayerRCP:
		add("rcp-data-perimeter")
	case eval.LayerBoundary:
		add("permissions-boundary")
	case eval.LayerSession:
		add("session-policies")
	case eval.LayerEndpoint:
		add("vpc-endpoint-policies")
	case sandbox.LayerServiceRule:
		for _, r := range c.out.Rules {
			if r.Applies && r.Denies {
				add(map[string]string{"s3-mfa-delete": "mfa-delete", "s3-block-public-access": "block-public-access", "kms-key-policy": "kms-key-policy", "cognito-unauthenticated": "cognito-identity-pools"}[r.Rule])
			}
		}
	}
	if c.kms {
		add(pick(c.crossAccount, "kms-cross-account", "kms-key-policy"))
	}
	if c.crossAccount {
		add("cross-account-both-sides")
	}
	if c.mfaVariant {
		add("mfa-ifexists")
	}
	if len(c.out.Hops) > 1 {
		add("trust-policy")
	}
	add(pick(explicit, "explicit-deny", "implicit-deny"))
	return t
}

func generatedExplanation(out *sandbox.Outcome) string {
	var b strings.Builder
	b.WriteString(sentence(out.Reason))
	b.WriteString("\n\n")
	switch out.Decision {
	case eval.ExplicitDeny:
		b.WriteString("An explicit Deny in any policy that applies ends the evaluation: no Allow anywhere can override it.")
	case eval.ImplicitDeny:
		b.WriteString("Nothing is allowed until a policy allows it, and every layer that applies must allow: a missing Allow in any of them is an implicit deny.")
	default:
		b.WriteString("Every layer that applies allows the request and none denies it.")
	}
	if len(out.Hops) > 1 {
		b.WriteString(" The request needed more than one step: each STS step is evaluated on its own, and the trace shows every hop.")
	}
	return b.String()
}

// callKey identifies a call within a world.
func callKey(c sandbox.Call) string {
	mfa := "-"
	if c.MFA != nil {
		mfa = fmt.Sprint(*c.MFA)
	}
	return strings.Join([]string{c.As, c.Account, c.Action, c.Resource, mfa}, "|")
}

// worldPrint fingerprints a world's accounts and documents, so generated
// item IDs differ between worlds and stay stable for one world.
func worldPrint(w *sandbox.World) string {
	var parts []string
	for _, a := range w.Accounts() {
		parts = append(parts, a.ID)
	}
	for _, d := range w.Documents() {
		parts = append(parts, d.ID, d.Source)
	}
	return fmt.Sprintf("%016x", hash64(parts...))
}

// candidateCalls lists caller × action × resource combinations of the
// world in a stable order.
func candidateCalls(w *sandbox.World) []gcall {
	type caller struct{ phrase, acct string }
	type target struct {
		acct, res string
		actions   []string
		kms       bool
	}
	var callers []caller
	var targets []target
	mfaWorld := false
	for _, d := range w.Documents() {
		if !d.AWSManaged && strings.Contains(d.Source, "aws:MultiFactorAuth") {
			mfaWorld = true
		}
	}
	for _, a := range w.Accounts() {
		for _, u := range a.Users {
			callers = append(callers, caller{"user " + u.Name, a.ID})
		}
		for _, r := range a.Roles {
			if !strings.HasPrefix(r.Path, "/aws-service-role/") {
				callers = append(callers, caller{"role " + r.Name, a.ID})
			}
		}
		for _, f := range a.Functions {
			if f.Role != "" {
				callers = append(callers, caller{"lambda " + f.Name, a.ID})
			}
		}
		for _, in := range a.Instances {
			callers = append(callers, caller{"the app on instance " + in.ID, a.ID})
		}
		for _, b := range a.Buckets {
			targets = append(targets,
				target{a.ID, "s3://" + b.Name + "/reports/q3.csv", []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, false},
				target{a.ID, "bucket " + b.Name, []string{"s3:ListBucket"}, false})
		}
		for _, t := range a.Tables {
			targets = append(targets, target{a.ID, "table " + t.Name, []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"}, false})
		}
		for _, q := range a.Queues {
			targets = append(targets, target{a.ID, "queue " + q.Name, []string{"sqs:SendMessage", "sqs:ReceiveMessage"}, false})
		}
		for _, t := range a.Topics {
			targets = append(targets, target{a.ID, "topic " + t.Name, []string{"sns:Publish"}, false})
		}
		for _, k := range a.Keys {
			name := k.Alias
			if name == "" {
				name = k.ID
			}
			if name != "" && !k.AWSManaged {
				targets = append(targets, target{a.ID, "key " + name, []string{"kms:Decrypt", "kms:Encrypt"}, true})
			}
		}
		for _, s := range a.Secrets {
			targets = append(targets, target{a.ID, "secret " + s.Name, []string{"secretsmanager:GetSecretValue"}, false})
		}
		for _, f := range a.Functions {
			targets = append(targets, target{a.ID, "function " + f.Name, []string{"lambda:InvokeFunction"}, false})
		}
	}
	var out []gcall
	for _, c := range callers {
		for _, t := range targets {
			res := t.res
			cross := c.acct != t.acct
			if cross && !strings.HasPrefix(res, "s3://") && !strings.HasPrefix(res, "bucket ") {
				res += " in account " + t.acct
			}
			for _, act := range t.actions {
				base := sandbox.Call{As: c.phrase, Account: c.acct, Action: act, Resource: res}
				if !mfaWorld || !strings.HasPrefix(c.phrase, "user ") {
					out = append(out, gcall{call: base, crossAccount: cross, kms: t.kms})
					continue
				}
				// Where a policy tests MFA, say how the user signs in:
				// long-term access keys (no MFA key at all) or with MFA.
				for _, mfa := range []bool{false, true} {
					v := base
					v.MFA = &mfa
					out = append(out, gcall{call: v, crossAccount: cross, mfaVariant: true, kms: t.kms})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b gcall) int { return cmp.Compare(callKey(a.call), callKey(b.call)) })
	return out
}
