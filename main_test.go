package main

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// When the benchmark below starts this test binary with IAMLAB_RUN_MAIN
// set, it is iamlab: the same packages are initialised as in the real
// binary (and the testing package besides).
func TestMain(m *testing.M) {
	if os.Getenv("IAMLAB_RUN_MAIN") == "1" {
		os.Args = append([]string{"iamlab"}, os.Args[1:]...)
		main()
		return
	}
	os.Exit(m.Run())
}

// BenchmarkVersionProcess is the start-up goal: the CPU a whole process
// spends to print its version, nearly all of it package initialisation
// (issue 17: at most 15 ms). It reports cpu-ms/op, user plus system time.
func BenchmarkVersionProcess(b *testing.B) {
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "--version")
		cmd.Env = append(os.Environ(), "IAMLAB_RUN_MAIN=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
