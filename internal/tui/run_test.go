package tui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

func dirs(t testing.TB) paths.Dirs {
	home := t.TempDir()
	return paths.Dirs{Data: filepath.Join(home, "data"), State: filepath.Join(home, "state"), Packs: filepath.Join(home, "packs"), Cache: filepath.Join(home, "cache")}
}

func firstFrame(t testing.TB, opt Options) string {
	root, _, closeAll := build(opt)
	defer closeAll()
	// Tall enough that the whole library fits: the tests look for rows
	// anywhere in it, not for what fits a real terminal.
	m, _ := root.Update(tea.WindowSizeMsg{Width: 120, Height: 400})
	// A first start asks for the exam; "decide later" shows the library.
	if strings.Contains(ansi.Strip(m.View().Content), "Which exam are you preparing for?") {
		m = driveAll(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	}
	return m.View().Content
}

func TestFirstFrameShowsTheLibraryAndLogsToAFile(t *testing.T) {
	d := dirs(t)
	frame := ansi.Strip(firstFrame(t, Options{Dirs: d, Getenv: func(string) string { return "" }}))
	if !strings.Contains(frame, "Library") || !strings.Contains(frame, "Two groups, one bucket") {
		t.Fatalf("first frame:\n%s", frame)
	}
	log, err := os.ReadFile(d.LogPath())
	if err != nil || !strings.Contains(string(log), "iamlab starting") {
		t.Fatalf("log file: %v %q", err, log)
	}
	if _, err := os.Stat(d.DatabasePath()); err != nil {
		t.Fatalf("no database: %v", err)
	}
}

func TestUnwritableDataFolderKeepsTheTrainerRunning(t *testing.T) {
	d := dirs(t)
	// A file where the data folder should be: nothing can be created there.
	if err := os.WriteFile(filepath.Join(filepath.Dir(d.Data), "data"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	frame := ansi.Strip(firstFrame(t, Options{Dirs: d, Getenv: func(string) string { return "" }}))
	if !strings.Contains(frame, "Library") || !strings.Contains(frame, "not being saved") && !strings.Contains(frame, "cannot create") {
		t.Fatalf("first frame without a data folder:\n%s", frame)
	}
}

func TestBrokenUserPackIsShownNotFatal(t *testing.T) {
	d := dirs(t)
	bad := filepath.Join(d.Packs, "class")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "pack.yaml"), []byte("format: 1\nid: class\ntitel: oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	frame := ansi.Strip(firstFrame(t, Options{Dirs: d, Getenv: func(string) string { return "" }}))
	if !strings.Contains(frame, "Two groups, one bucket") || !strings.Contains(frame, "⚠") {
		t.Fatalf("broken pack not shown beside the library:\n%s", frame)
	}
}

// BenchmarkStartToFirstFrame measures what happens between starting iamlab
// and its first frame: log file, store (with migrations), library load and
// validation, screens, first render.
//
// Besides the wall time it reports cpu-ms/op, the CPU of the whole process
// per start: on a shared machine the wall time says more about the
// neighbours, and loading packs side by side trades one for the other.
func BenchmarkStartToFirstFrame(b *testing.B) {
	d := dirs(b)
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			b.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	for b.Loop() {
		firstFrame(b, Options{Dirs: d, Getenv: func(string) string { return "" }})
	}
	b.ReportMetric(float64((cpu()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// TestSecondStartReadsDecodedPacks: the built-in packs are never decoded;
// the first start decodes the learner's own packs and caches them; the
// next decodes nothing, and shows the same library.
func TestSecondStartReadsDecodedPacks(t *testing.T) {
	d := dirs(t)
	copyCore(t, d)
	opt := Options{Dirs: d, Getenv: func(string) string { return "" }}
	first := firstFrame(t, opt)
	if _, err := os.Stat(d.DecodeCachePath()); err != nil {
		t.Fatalf("the first start left no cache: %v", err)
	}
	second := firstFrame(t, opt)
	if second != first {
		t.Fatal("the library read from the cache looks different")
	}
	log, err := os.ReadFile(d.LogPath())
	if err != nil {
		t.Fatal(err)
	}
	var reads []string
	for _, l := range strings.Split(string(log), "\n") {
		if strings.Contains(l, `msg="packs read"`) {
			reads = append(reads, l[strings.Index(l, "cached="):])
		}
	}
	// The copy's scenario files are the built-in ones, read back from the
	// binary; its pack.yaml is its own.
	if len(reads) != 2 || !strings.HasSuffix(reads[0], " decoded=1") || !strings.HasSuffix(reads[1], " decoded=0") {
		t.Fatalf("the log says the starts read %q; want the copy's manifest decoded, then nothing", reads)
	}
}

func TestScenarioForATopicPrefersUnsolved(t *testing.T) {
	lib := scenariosForTest(t)
	s := scenarioFor(lib, memStore(t), "explicit-deny", false)
	if s == nil {
		t.Fatal("no scenario practises explicit-deny")
	}
	found := false
	for _, tp := range s.Topics {
		found = found || tp.ID == "explicit-deny"
	}
	if !found {
		t.Fatalf("%s does not practise explicit-deny", s.ID)
	}
	if scenarioFor(lib, memStore(t), "no-such-topic", false) != nil {
		t.Fatal("a scenario for an unknown topic")
	}
}

// A damaged database is kept aside at start: the notice saying where, that
// a new one was started and how to recover is shown whole before the
// library, and written to the log.
func TestDamagedDatabaseNoticeIsShownAndLogged(t *testing.T) {
	d := dirs(t)
	if err := os.MkdirAll(d.Data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(d.DatabasePath(), []byte("SQLite format 3\x00 but then nothing a database holds"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, _, closeAll := build(Options{Dirs: d, Getenv: func(string) string { return "" }})
	defer closeAll()
	m, _ := root.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	frame := strings.Join(strings.Fields(ansi.Strip(m.View().Content)), " ")
	kept, _ := filepath.Glob(d.DatabasePath() + ".corrupt-*")
	if len(kept) != 1 {
		t.Fatalf("kept aside: %v", kept)
	}
	for _, want := range []string{filepath.Base(kept[0]), "new, empty database was started", "To recover, quit iamlab and copy over progress.db", ".recover", "Press enter"} {
		if !strings.Contains(frame, want) {
			t.Errorf("the notice lacks %q:\n%s", want, frame)
		}
	}
	log, _ := os.ReadFile(d.LogPath())
	if !strings.Contains(string(log), filepath.Base(kept[0])) {
		t.Fatalf("the log does not hold the notice:\n%s", log)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	// A new learner then meets the library, or first the question which
	// exam they prepare for.
	if frame := ansi.Strip(m.View().Content); !(strings.Contains(frame, "Library") || strings.Contains(frame, "Which exam are you preparing for")) || strings.Contains(frame, "Press enter") {
		t.Fatalf("after enter:\n%s", frame)
	}
}

// A user pack that copies a built-in scenario's id is shown as a pack with
// a problem; the built-in scenario stays, and only once.
// copyCore writes the whole built-in core pack into the learner's packs,
// under another pack id (its scenario ids clash).
func copyCore(t *testing.T, d paths.Dirs) {
	t.Helper()
	pack := filepath.Join(d.Packs, "copy")
	core := os.DirFS("../../packs/core")
	err := fs.WalkDir(core, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(core, p)
		if p == "pack.yaml" {
			b = []byte("format: 1\nid: copy\ntitle: My copy\n")
		}
		if err == nil {
			err = os.MkdirAll(filepath.Dir(filepath.Join(pack, p)), 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(pack, p), b, 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestClashingUserPackIsShownAsAProblem(t *testing.T) {
	d := dirs(t)
	copyCore(t, d)
	frame := ansi.Strip(firstFrame(t, Options{Dirs: d, Getenv: func(string) string { return "" }}))
	if !strings.Contains(frame, "⚠ My copy") || !strings.Contains(frame, "has problems") {
		t.Fatalf("the clash is not shown:\n%s", frame)
	}
	if n := strings.Count(frame, "Two groups, one bucket "); n != 1 {
		t.Fatalf("the scenario is listed %d times", n)
	}
}

// TestLessonLinksNameScenariosByTitle: the lessons reached from the library
// name the scenarios that practise them by title, not by id.
func TestLessonLinksNameScenariosByTitle(t *testing.T) {
	p := assemble(Options{Dirs: dirs(t), Getenv: func(string) string { return "" }})
	defer p.closeAll()
	var m tea.Model = p.root
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = m.Update(screen.BackMsg{}) // past the first start's exam question, to the library
	m, cmd := m.Update(tea.KeyPressMsg{Code: 'l', Text: "l"})
	m, _ = m.Update(cmd())
	for range 3 {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	frame := ansi.Strip(m.View().Content)
	i := strings.Index(frame, "Practise it: ")
	if i < 0 {
		t.Fatalf("no Practise it line:\n%s", frame)
	}
	line := frame[i:]
	line = line[:strings.Index(line, "\n")]
	for _, pk := range p.lib.Packs {
		for _, s := range pk.Scenarios {
			if strings.Contains(line, s.ID) && !strings.Contains(s.Title, s.ID) {
				t.Errorf("scenario named by its id %q: %q", s.ID, line)
			}
		}
	}
	titled := false
	for _, pk := range p.lib.Packs {
		for _, s := range pk.Scenarios {
			titled = titled || strings.Contains(line, s.Title)
		}
	}
	if !titled {
		t.Errorf("no scenario title in %q", line)
	}
}

// TestHostilePackFileNameIsShownClean: a pack whose file names carry
// escape sequences (one of them long enough to crash the terminal
// library's parser) is listed with its problems, the names cleaned.
func TestHostilePackFileNameIsShownClean(t *testing.T) {
	d := dirs(t)
	pack := filepath.Join(d.Packs, "odd")
	if err := os.MkdirAll(filepath.Join(pack, "scenarios"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pack, "pack.yaml"), []byte("format: 1\nid: odd\ntitle: Odd names\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"\x1b[" + strings.Repeat("1;", 40) + "1m.yaml", "\x9b" + strings.Repeat("2;", 40) + "2m.yaml"} {
		if err := os.WriteFile(filepath.Join(pack, "scenarios", name), []byte("titel: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	frame := firstFrame(t, Options{Dirs: d, Getenv: func(string) string { return "" }})
	plain := ansi.Strip(frame)
	if !strings.Contains(plain, "⚠ Odd names") || !strings.Contains(plain, `scenarios/.yaml:1:1: unknown field "titel"`) {
		t.Fatalf("the pack and its problems are not listed:\n%s", plain)
	}
	if strings.Contains(plain, "\x1b") || strings.Contains(frame, "\x9b") {
		t.Fatalf("a file name's escape reached the frame: %q", frame)
	}
}
