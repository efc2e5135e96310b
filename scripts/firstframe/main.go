//go:build ignore

// Command firstframe times the trainer's first frame in a real process, for
// scripts/bench-startup.sh: it starts iamlab in a pseudo-terminal, feeds
// what it writes to a terminal emulator and stops the clock when the
// screen first shows the library. The in-process benchmark
// (BenchmarkStartToFirstFrame) leaves out what happens before main: exec,
// the runtime and every package's init.
//
// The first run answers the first start's exam question, so the runs that
// are timed find a store already made, as every start but the first does,
// and the learner's packs decoded in the cache folder. With -cold the
// cache folder is deleted before each timed run, as on a first start or
// after an upgrade (the built-in packs come decoded in the binary).
// It prints the median and the slowest wall time and the median CPU time
// (user+system) of the process up to that frame.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

func main() {
	runs := flag.Int("n", 10, "timed runs")
	cold := flag.Bool("cold", false, "delete the cache folder before each timed run")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: firstframe [-n RUNS] IAMLAB_BINARY")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	bin := flag.Arg(0)
	home, err := os.MkdirTemp("", "firstframe")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(home)

	// The first start asks for the exam; answering it makes the store.
	if _, _, err := start(bin, home, "Which exam are you preparing for?", "b"); err != nil {
		fail(err)
	}
	var walls, cpus []time.Duration
	for range *runs {
		if *cold {
			if err := os.RemoveAll(filepath.Join(home, "cache")); err != nil {
				fail(err)
			}
		}
		wall, cpu, err := start(bin, home, "Library", "")
		if err != nil {
			fail(err)
		}
		walls = append(walls, wall)
		cpus = append(cpus, cpu)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	what := "first frame"
	if *cold {
		what += " (no cache folder)"
	}
	fmt.Printf(what+": %.1f ms wall (median of %d, slowest %.1f ms), %.1f ms CPU (median)\n",
		ms(walls[len(walls)/2]), len(walls), ms(walls[len(walls)-1]), ms(cpus[len(cpus)/2]))
}

// start runs iamlab at 120×40 until its screen shows want and returns the
// wall time to that moment and the CPU the process had used by then
// (read from /proc before it is told to quit). answer, if set, is typed
// once want shows, and the run then waits for the library.
func start(bin, home, want, answer string) (wall, cpu time.Duration, err error) {
	const w, h = 120, 40
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "IAMLAB_HOME="+home)
	t0 := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: w, Rows: h})
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	emu := vt.NewSafeEmulator(w, h)
	// The emulator answers the program's terminal queries through the pty,
	// as a real terminal does.
	go func() { _, _ = io.Copy(f, emu) }()
	seen := make(chan struct{})
	go func() {
		buf := make([]byte, 32<<10)
		closed := false
		for {
			n, err := f.Read(buf)
			if n > 0 {
				_, _ = emu.Write(buf[:n])
				if !closed && strings.Contains(ansi.Strip(emu.Render()), want) {
					wall = time.Since(t0)
					closed = true
					close(seen)
				}
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case <-seen:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return 0, 0, fmt.Errorf("the screen never showed %q; it shows:\n%s", want, ansi.Strip(emu.Render()))
	}
	cpu = procCPU(cmd.Process.Pid)
	if answer != "" {
		if _, err := f.Write([]byte(answer)); err != nil {
			return 0, 0, err
		}
		time.Sleep(500 * time.Millisecond)
	}
	if _, err := f.Write([]byte("q")); err != nil {
		return 0, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		err = fmt.Errorf("iamlab did not quit on q")
	}
	return wall, cpu, err
}

// procCPU is the CPU time a running process has used: the sum over its
// threads of /proc/PID/task/TID/schedstat's first field, in nanoseconds
// (/proc/PID/stat counts in ticks of 10 ms, too coarse for a start-up).
func procCPU(pid int) time.Duration {
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		return 0
	}
	var total time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", pid, t.Name()))
		if err != nil {
			continue
		}
		var ns int64
		if _, err := fmt.Sscan(string(b), &ns); err == nil {
			total += time.Duration(ns)
		}
	}
	return total
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "firstframe:", err)
	os.Exit(1)
}
