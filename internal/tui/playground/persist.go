package playground

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// The playground keeps the learner's work in the progress store, next to
// the scenario drafts: the request being typed and the policies edited with
// ctrl+t, per world, and the world last used. Leaving the screen, quitting
// or a crash after the debounce loses none of it.

// request is a playground request as the store keeps it (drafts, saved
// requests, the history).
type request struct {
	Caller   string `json:"caller"`
	Action   string `json:"action"`
	Resource string `json:"resource"`
	MFA      string `json:"mfa,omitempty"` // "", "on", "off"
	IP       string `json:"ip,omitempty"`
	Endpoint string `json:"endpoint,omitempty"`
	Time     string `json:"time,omitempty"`
	Context  string `json:"context,omitempty"`
}

func (r request) encode() string {
	b, _ := json.Marshal(r)
	return string(b)
}

func decodeRequest(s string) (request, bool) {
	var r request
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return request{}, false
	}
	return r, true
}

// summary is the request in one line, for lists.
func (r request) summary() string {
	s := r.Caller + " → " + r.Action + " → " + r.Resource
	var extra []string
	if r.MFA != "" {
		extra = append(extra, "MFA "+r.MFA)
	}
	for _, x := range []string{r.IP, r.Endpoint, r.Time, r.Context} {
		if x != "" {
			extra = append(extra, x)
		}
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, "; ") + ")"
	}
	return s
}

// form reads the request from the fields.
func (m *Model) form() request {
	v := func(f field) string { return strings.TrimSpace(m.inputs[f].Value()) }
	r := request{Caller: v(fCaller), Action: v(fAction), Resource: v(fResource), IP: v(fIP), Endpoint: v(fEndpoint), Time: v(fTime), Context: v(fContext)}
	switch m.mfa {
	case mfaOn:
		r.MFA = "on"
	case mfaOff:
		r.MFA = "off"
	}
	return r
}

// setForm puts a request into the fields.
func (m *Model) setForm(r request) {
	for f, v := range map[field]string{fCaller: r.Caller, fAction: r.Action, fResource: r.Resource, fIP: r.IP, fEndpoint: r.Endpoint, fTime: r.Time, fContext: r.Context} {
		m.inputs[f].SetValue(v)
		m.inputs[f].CursorEnd()
	}
	switch r.MFA {
	case "on":
		m.mfa = mfaOn
	case "off":
		m.mfa = mfaOff
	default:
		m.mfa = mfaDefault
	}
}

const (
	draftRequest = "request"
	draftDoc     = "doc:"
)

// restore reads the world last used and that world's drafts. It runs
// before the first frame: the store is local and small, and a request
// appearing under the learner's fingers after they started typing would
// be worse than a millisecond's wait.
func (m *Model) restore() {
	store := m.deps.Store
	if len(m.worlds) == 0 {
		return
	}
	ctx := context.Background()
	if store == nil {
		m.restoreWorld()
		return
	}
	if label, ok, err := store.Setting(ctx, progress.SettingPlaygroundWorld); err == nil && ok {
		for i, w := range m.worlds {
			if w.Label == label {
				m.wi = i
			}
		}
	}
	m.restoreWorld()
}

// restoreWorld loads the current world's drafts once per visit.
func (m *Model) restoreWorld() {
	store, w := m.deps.Store, m.world()
	if w == nil || m.loaded[m.wi] {
		return
	}
	if m.loaded == nil {
		m.loaded = map[int]bool{}
	}
	m.loaded[m.wi] = true
	// A world never used starts on its own principals and resources, not
	// on names the previous world had.
	m.startRequest()
	if store == nil {
		return
	}
	ds, err := store.PlaygroundDrafts(context.Background(), w.Label)
	if err != nil {
		m.notice = "could not read your playground work: " + err.Error()
		return
	}
	for _, d := range ds {
		switch {
		case d.Name == draftRequest:
			if r, ok := decodeRequest(d.Body); ok {
				m.setForm(r)
			}
		case strings.HasPrefix(d.Name, draftDoc):
			m.restoreDoc(strings.TrimPrefix(d.Name, draftDoc), d.Body)
		}
	}
}

// restoreDoc applies a saved policy text to the world copy; a text that did
// not parse when it was saved is kept for the editor all the same.
func (m *Model) restoreDoc(id, text string) {
	if m.pol.texts == nil {
		m.pol.texts = map[int]map[string]string{}
	}
	if m.pol.texts[m.wi] == nil {
		m.pol.texts[m.wi] = map[string]string{}
	}
	m.pol.texts[m.wi][id] = text
	if _, ok := m.current().Document(id); !ok {
		return
	}
	if nw, err := m.current().WithDocument(id, text); err == nil {
		if m.pol.edited == nil {
			m.pol.edited = map[int]*sandbox.World{}
		}
		m.pol.edited[m.wi] = nw
	}
}

// markDirty schedules a save of the current world's work.
func (m *Model) markDirty() tea.Cmd {
	m.dirty = true
	m.saveSeq++
	seq := m.saveSeq
	return tea.Tick(saveDelay, func(time.Time) tea.Msg { return saveTickMsg{seq: seq} })
}

// Flush saves what waits for the debounce; the root calls it before
// quitting, and the screen when the learner leaves it.
func (m *Model) Flush() tea.Cmd { return m.save() }

// save writes the current world's request and edited policies, and which
// world this is.
func (m *Model) save() tea.Cmd {
	w := m.world()
	if !m.dirty || m.deps.Store == nil || w == nil {
		return nil
	}
	m.dirty = false
	drafts := map[string]string{draftRequest: m.form().encode()}
	for id, text := range m.pol.texts[m.wi] {
		drafts[draftDoc+id] = text
	}
	store, label := m.deps.Store, w.Label
	return m.deps.Record("your playground work", func() error {
		ctx := context.Background()
		if err := store.SavePlaygroundDrafts(ctx, label, drafts); err != nil {
			return err
		}
		return store.SetSetting(ctx, progress.SettingPlaygroundWorld, label)
	})
}

// leave saves and goes back.
func (m *Model) leave() tea.Cmd {
	return tea.Batch(m.save(), screen.Back)
}

// saveDelay is how long typing must pause before the work is saved.
const saveDelay = 500 * time.Millisecond

// saveTickMsg fires saveDelay after a change; only the newest counts.
type saveTickMsg struct{ seq int }
