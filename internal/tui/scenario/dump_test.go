package scenario

import (
	"os"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestDump prints screens for a person to read: DUMP=1 go test -run TestDump -v
func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip("set DUMP=1 to print screens")
	}
	for _, sz := range [][2]int{{120, 38}, {80, 22}} {
		m := open(t, "two-groups-one-bucket", sz[0], sz[1], testDeps(t))
		press(m, "ctrl+h", "ctrl+h")
		fixNoFinance(m)
		t.Logf("\n%v hint+fixed\n%s", sz, ansi.Strip(m.View()))
		press(m, "esc")
		t.Logf("\n%v checks\n%s", sz, ansi.Strip(m.View()))
		press(m, "tab", "tab", "tab")
		t.Logf("\n%v world\n%s", sz, ansi.Strip(m.View()))
		press(m, "ctrl+s")
		t.Logf("\n%v result\n%s", sz, ansi.Strip(m.View()))
		p := open(t, "scp-vs-boundary", sz[0], sz[1], testDeps(t))
		press(p, "3", "1", "1")
		t.Logf("\n%v predict\n%s", sz, ansi.Strip(p.View()))
		press(p, "4")
		t.Logf("\n%v predict requests\n%s", sz, ansi.Strip(p.View()))
		c := open(t, "s3-mfa-delete", sz[0], sz[1], testDeps(t))
		press(c, "down", "enter", "1")
		t.Logf("\n%v choose\n%s", sz, ansi.Strip(c.View()))
	}
}
