package quiz

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// ExamOption tunes NewExam.
type ExamOption func(*examConfig)

type examConfig struct {
	clock  Clock
	worlds []*sandbox.World
	items  int
	avoid  map[string]bool
}

// WithClock sets the clock the exam is timed with.
func WithClock(c Clock) ExamOption { return func(e *examConfig) { e.clock = c } }

// WithWorlds adds worlds to generate questions from when the bank is short.
func WithWorlds(ws ...*sandbox.World) ExamOption {
	return func(e *examConfig) { e.worlds = append(e.worlds, ws...) }
}

// WithAvoid names items to leave out while the bank allows: the items of
// the learner's last exam, so consecutive exams do not repeat each other.
// Fresh items are drawn by the domain weights first (a domain without
// enough fresh items hands its share to the others, as for an uncovered
// domain); avoided ones fill in only when the fresh ones cannot fill the
// exam.
func WithAvoid(ids ...string) ExamOption {
	return func(e *examConfig) {
		if e.avoid == nil {
			e.avoid = map[string]bool{}
		}
		for _, id := range ids {
			e.avoid[id] = true
		}
	}
}

// WithItems overrides the number of items (a shorter mock exam); the time
// limit shrinks in proportion, keeping the real exam's pace.
func WithItems(n int) ExamOption { return func(e *examConfig) { e.items = n } }

// Exam is a timed mock exam: as many items as the real one, drawn by the
// exam's domain weights, no feedback until submit, flags for review, and
// answers that can change until submit.
type Exam struct {
	exam      curriculum.Exam
	entries   []*Entry
	clock     Clock
	started   time.Time
	limit     time.Duration
	submitted time.Time
	timedOut  bool
	cur       int
	// seed and drawn are what NewExam drew with, so a paused exam can be
	// drawn again after a restart (see pause.go); pausedAt is set while
	// the clock is stopped.
	seed     int64
	drawn    int
	pausedAt time.Time
}

// NewExam draws an exam for examID (SAA-C03: 65 items in 130 minutes;
// SCS-C03: 65 in 170). Items are spread over the exam's domains in
// proportion to the official weights, among the domains the bank covers
// (iamlab teaches IAM, so most exams are only partly covered); generated
// questions fill up when the bank is short. The clock starts now.
func NewExam(b *Bank, examID string, seed int64, opts ...ExamOption) (*Exam, error) {
	ex, err := curriculum.ExamByID(examID)
	if err != nil {
		return nil, err
	}
	cfg := examConfig{clock: time.Now, items: ex.Items}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.clock == nil {
		cfg.clock = time.Now
	}
	rng := rand.New(rand.NewPCG(uint64(seed), hash64("exam", ex.ID)))
	keep := func(it *Item) bool { return it.Playable() && domainOf(it, ex.ID) > 0 }
	pool := distinct(filterItems(b, keep))
	if fresh := countFresh(pool, cfg.avoid); fresh < cfg.items {
		// Generated questions fill up a short bank, and also stand in for
		// the last exam's items rather than repeat them.
		pool = distinct(append(pool, generateFor(b, cfg.worlds, seed, 0, cfg.items-fresh, keep)...))
	}
	if len(pool) == 0 {
		return nil, fmt.Errorf("no quiz items are tagged for %s yet; tag items with its tasks (%s)", ex.ID, taskCodes(ex))
	}
	// The last exam's items come back only when the fresh ones cannot fill
	// the exam; the weights then apply to what is left to fill.
	var fresh, stale []*Item
	for _, it := range pool {
		if cfg.avoid[it.ID] {
			stale = append(stale, it)
		} else {
			fresh = append(fresh, it)
		}
	}
	items := drawByDomain(fresh, ex, cfg.items, rng)
	if len(items) < cfg.items {
		items = append(items, drawByDomain(stale, ex, cfg.items-len(items), rng)...)
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	}
	limit := time.Duration(ex.Minutes) * time.Minute * time.Duration(len(items)) / time.Duration(ex.Items)
	e := &Exam{exam: ex, clock: cfg.clock, started: cfg.clock(), limit: limit, seed: seed, drawn: cfg.items}
	for _, it := range items {
		e.entries = append(e.entries, &Entry{Item: it})
	}
	e.entries[0].Shown = e.started
	return e, nil
}

// distinct drops items that repeat an earlier one: the same id, or a
// generated question whose wording and options equal an earlier item's (a
// world shared by two generators, or a bank item with the same call). An
// exam never shows the same item twice.
func distinct(items []*Item) []*Item {
	seenID, seenQ := map[string]bool{}, map[string]bool{}
	out := items[:0:0]
	for _, it := range items {
		q := questionKey(it)
		if seenID[it.ID] || (it.Generated && seenQ[q]) {
			continue
		}
		seenID[it.ID], seenQ[q] = true, true
		out = append(out, it)
	}
	return out
}

// questionKey is what makes two items the same question to a learner: the
// type, the stem and the options, spaces and case folded.
func questionKey(it *Item) string {
	fold := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	var b strings.Builder
	b.WriteString(string(it.Type) + "\x00" + fold(it.Stem))
	for _, o := range it.Options {
		b.WriteString("\x00" + fold(o.Text))
	}
	return b.String()
}

func countFresh(pool []*Item, avoid map[string]bool) int {
	n := 0
	for _, it := range pool {
		if !avoid[it.ID] {
			n++
		}
	}
	return n
}

// ItemIDs are the ids of the exam's items in the order shown, for the store
// to remember so that the next exam can avoid them.
func (e *Exam) ItemIDs() []string {
	out := make([]string, len(e.entries))
	for i, en := range e.entries {
		out[i] = en.Item.ID
	}
	return out
}

func taskCodes(ex curriculum.Exam) string {
	s := ""
	for i, t := range ex.Tasks() {
		if i > 0 {
			s += ", "
		}
		s += t.Code
	}
	return s
}

// drawByDomain picks n items, allotting each covered domain a share by
// largest remainder of its weight, then shuffles the draw (exams mix
// domains).
func drawByDomain(pool []*Item, ex curriculum.Exam, n int, rng *rand.Rand) []*Item {
	byDomain := map[int][]*Item{}
	for _, it := range pool {
		d := domainOf(it, ex.ID)
		byDomain[d] = append(byDomain[d], it)
	}
	for _, d := range ex.Domains { // in guide order: a map's order would break determinism
		list := byDomain[d.Number]
		rng.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	}
	want := map[int]int{}
	left := min(n, len(pool))
	// Allocate in rounds: domains that run out hand their share to the rest.
	for left > 0 {
		total := 0.0
		var open []curriculum.Domain
		for _, d := range ex.Domains {
			if len(byDomain[d.Number]) > want[d.Number] {
				open = append(open, d)
				total += d.Weight
			}
		}
		if len(open) == 0 {
			break
		}
		type rem struct {
			d    int
			frac float64
		}
		var rems []rem
		given := 0
		for _, d := range open {
			exact := float64(left) * d.Weight / total
			k := min(int(exact), len(byDomain[d.Number])-want[d.Number])
			want[d.Number] += k
			given += k
			rems = append(rems, rem{d.Number, exact - float64(int(exact))})
		}
		sort.SliceStable(rems, func(i, j int) bool { return rems[i].frac > rems[j].frac })
		for _, r := range rems {
			if given >= left {
				break
			}
			if len(byDomain[r.d]) > want[r.d] {
				want[r.d]++
				given++
			}
		}
		if given == 0 {
			break
		}
		left -= given
	}
	var out []*Item
	for _, d := range ex.Domains {
		out = append(out, byDomain[d.Number][:want[d.Number]]...)
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// ExamInfo is the exam being mocked.
func (e *Exam) ExamInfo() curriculum.Exam { return e.exam }

// Entries are the exam's items with the learner's current answers. Before
// submit a screen must not show Correct.
func (e *Exam) Entries() []*Entry { return e.entries }

// Len is the number of items.
func (e *Exam) Len() int { return len(e.entries) }

// Goto shows item i (0-based) and returns it; the learner may move freely.
func (e *Exam) Goto(i int) *Item {
	if i < 0 || i >= len(e.entries) {
		return nil
	}
	e.cur = i
	if e.entries[i].Shown.IsZero() {
		e.entries[i].Shown = e.clock()
	}
	return e.entries[i].Item
}

// Current is the item shown.
func (e *Exam) Current() int { return e.cur }

// Limit is the time allowed; Deadline when it runs out.
func (e *Exam) Limit() time.Duration { return e.limit }

// Deadline is when time runs out.
func (e *Exam) Deadline() time.Time { return e.started.Add(e.limit) }

// Remaining is the time left, never negative; zero after submit.
func (e *Exam) Remaining() time.Duration {
	if e.Submitted() {
		return 0
	}
	return max(e.Deadline().Sub(e.now()), 0)
}

// TimeUp reports whether the time limit has passed.
func (e *Exam) TimeUp() bool { return !e.now().Before(e.Deadline()) }

// Submitted reports whether the exam is over.
func (e *Exam) Submitted() bool { return !e.submitted.IsZero() }

func (e *Exam) entry(itemID string) (*Entry, error) {
	for _, en := range e.entries {
		if en.Item.ID == itemID {
			return en, nil
		}
	}
	return nil, fmt.Errorf("%w: %s", ErrNoItem, itemID)
}

// Answer sets or changes the answer to an item. Nothing is revealed: the
// result is only known after Submit. After the time limit answers are
// refused (ErrTimeUp); the screen should then Submit.
func (e *Exam) Answer(itemID string, r Response, c Confidence) error {
	if e.Submitted() {
		return ErrSubmitted
	}
	if e.TimeUp() {
		return ErrTimeUp
	}
	if e.Paused() {
		return ErrPaused
	}
	en, err := e.entry(itemID)
	if err != nil {
		return err
	}
	now := e.clock()
	if en.Shown.IsZero() {
		en.Shown = now
	}
	if r.Empty() { // clearing an answer
		en.Response, en.Answered, en.Correct = Response{}, false, false
		return nil
	}
	en.Response, en.Confidence, en.Answered, en.AnsweredAt = r, c, true, now
	en.Correct = en.Item.Grade(r)
	en.Spent = now.Sub(en.Shown)
	return nil
}

// Confidence is the learner's one-key rating given with an answer.
type Confidence = progress.Confidence

// Flag marks or unmarks an item for review before submit.
func (e *Exam) Flag(itemID string, on bool) error {
	if e.Submitted() {
		return ErrSubmitted
	}
	en, err := e.entry(itemID)
	if err != nil {
		return err
	}
	en.Flagged = on
	return nil
}

// Flagged lists the flagged items in exam order.
func (e *Exam) Flagged() []string {
	var out []string
	for _, en := range e.entries {
		if en.Flagged {
			out = append(out, en.Item.ID)
		}
	}
	return out
}

// Unanswered lists the items without an answer, in exam order.
func (e *Exam) Unanswered() []string {
	var out []string
	for _, en := range e.entries {
		if !en.Answered {
			out = append(out, en.Item.ID)
		}
	}
	return out
}

// Submit ends the exam and returns the report; calling it again returns
// the same report. Unanswered items count as wrong, as on the real exam.
func (e *Exam) Submit() *ExamReport {
	if !e.Submitted() {
		e.Resume() // a pause does not count against the time
		now := e.clock()
		if dl := e.Deadline(); now.After(dl) {
			e.timedOut = true
			now = dl
		}
		e.submitted = now
	}
	return e.report()
}

// Feedback for one item, available after submit.
func (e *Exam) Feedback(itemID string) (Feedback, error) {
	if !e.Submitted() {
		return Feedback{}, ErrNotSubmitted
	}
	en, err := e.entry(itemID)
	if err != nil {
		return Feedback{}, err
	}
	return FeedbackFor(en.Item, en.Response, en.Confidence), nil
}
