package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

const testWorld = `account: Imported
accounts:
  - id: "123456789012"
    name: Imported
    policies:
      - name: ReadReports
        file: read-reports.json
    users:
      - name: dana
        policies: [ReadReports]
    buckets:
      - name: acme-reports
`

func writeFile(t *testing.T, path, body string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// World files come from --world and from the packs folder's worlds/; a
// policy's file: is read beside the world and never outside its folder;
// a broken file is left out with positioned problems.
func TestImportedWorlds(t *testing.T) {
	d := dirs(t)
	other := t.TempDir()
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-reports/*"}]}`
	writeFile(t, filepath.Join(d.Packs, "worlds", "read-reports.json"), policy)
	shelf := writeFile(t, filepath.Join(d.Packs, "worlds", "acme.yaml"), testWorld)
	writeFile(t, filepath.Join(other, "read-reports.json"), policy)
	asked := writeFile(t, filepath.Join(other, "incident.yaml"), testWorld)
	bad := writeFile(t, filepath.Join(other, "typo.yaml"), strings.Replace(testWorld, "    users:", "    userz:", 1))
	escape := writeFile(t, filepath.Join(other, "sub", "escape.yaml"), strings.Replace(testWorld, "file: read-reports.json", "file: ../read-reports.json", 1))

	ws, problems := importedWorlds([]string{asked, bad, escape, shelf}, d.Packs)
	if len(ws) != 2 || ws[0].Label != "world file incident" || ws[1].Label != "world file acme" || ws[1].File != shelf {
		t.Fatalf("worlds: %+v", ws)
	}
	if ws[0].World == nil || ws[0].Account != "123456789012" {
		t.Fatalf("world not built: %+v", ws[0])
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	joined := strings.Join(msgs, "\n")
	if !strings.Contains(joined, bad+`:8:5: unknown field "userz"; did you mean "users"?`) {
		t.Errorf("typo not positioned:\n%s", joined)
	}
	if !strings.Contains(joined, escape+":6:9:") || !strings.Contains(joined, "../read-reports.json") {
		t.Errorf("a file outside the world's folder was not refused:\n%s", joined)
	}
	if _, ps := importedWorlds([]string{filepath.Join(other, "missing.yaml")}, ""); len(ps) != 1 || !strings.Contains(ps[0].Error(), "missing.yaml:1:1: cannot read the world file") {
		t.Errorf("missing file: %v", ps)
	}
}

// iamlab --world FILE opens the playground on that world, after the
// notice about any world file that could not be opened.
func TestWorldFlagOpensThePlayground(t *testing.T) {
	d := dirs(t)
	other := t.TempDir()
	writeFile(t, filepath.Join(other, "read-reports.json"), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-reports/*"}]}`)
	good := writeFile(t, filepath.Join(other, "incident.yaml"), testWorld)
	bad := writeFile(t, filepath.Join(d.Packs, "worlds", "typo.yaml"), "accounts: [")
	root, _, closeAll := build(Options{Dirs: d, WorldFiles: []string{good}, Getenv: func(string) string { return "" }})
	defer closeAll()
	m, _ := root.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	frame := ansi.Strip(m.View().Content)
	if !strings.Contains(frame, "A world file could not be opened") || !strings.Contains(frame, bad+":1:") {
		t.Fatalf("no notice of the broken world file:\n%s", frame)
	}
	m = driveAll(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if strings.Contains(ansi.Strip(m.View().Content), "Which exam are you preparing for?") {
		m = driveAll(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	}
	frame = ansi.Strip(m.View().Content)
	if !strings.Contains(frame, "Playground › world file inc") || !strings.Contains(frame, "user dana") {
		t.Fatalf("the playground is not on the world file:\n%s", frame)
	}
	for _, line := range strings.Split(frame, "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Errorf("line wider than 80: %q", line)
		}
	}
}
