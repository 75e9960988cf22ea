package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/corpus"
)

// TestMain lets a test run this binary as the fieldguide command, so a
// test can send it real signals.
func TestMain(m *testing.M) {
	if os.Getenv("FIELDGUIDE_RUN_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// command is fieldguide with args, run as its own process.
func fieldguideCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "FIELDGUIDE_RUN_MAIN=1")
	return cmd
}

// stopDeadline is how long a build may take to stop after Ctrl-C before
// the test gives up on it. It is a bound for a hung build, not a timing:
// a build that stops only at the end of its current stage would still be
// caught by the stages it reports.
const stopDeadline = 10 * time.Second

// TestInterruptStopsBuild sends SIGINT to a build as soon as it reports
// its first stage: it stops before finishing another, exits with status
// 130 as a shell expects of Ctrl-C, says nothing was written, and leaves
// the previous output as it was, with no staging folder behind.
func TestInterruptStopsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,500-page site")
	}
	dir := t.TempDir()
	src, small, dest := filepath.Join(dir, "site"), filepath.Join(dir, "small"), filepath.Join(dir, "public")
	if err := corpus.Generate(src, 1500, 1); err != nil {
		t.Fatal(err)
	}
	// The previous output only has to be there; a small site makes it.
	if err := corpus.Generate(small, 20, 1); err != nil {
		t.Fatal(err)
	}
	if out, err := fieldguideCmd("build", "--source", small, "--destination", dest).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	home, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	homeInfo, _ := os.Stat(filepath.Join(dest, "index.html"))

	cmd := fieldguideCmd("build", "--timings", "--source", src, "--destination", dest)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	lines := bufio.NewScanner(stderr)
	var stages, messages []string
	var sent time.Time
	for lines.Scan() {
		line := lines.Text()
		if f := strings.Fields(line); len(f) > 2 && f[2] == "ms" {
			stages = append(stages, f[0])
			if sent.IsZero() {
				if err := cmd.Process.Signal(os.Interrupt); err != nil {
					t.Fatal(err)
				}
				sent = time.Now()
			}
			continue
		}
		messages = append(messages, line)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var waitErr error
	select {
	case waitErr = <-exited:
	case <-time.After(stopDeadline):
		t.Fatalf("still running %s after SIGINT; stages so far %v", stopDeadline, stages)
	}
	t.Logf("stopped %s after SIGINT; stages reported: %v", time.Since(sent).Round(time.Millisecond), stages)

	var exit *exec.ExitError
	if !errors.As(waitErr, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit: %v, want status 130", waitErr)
	}
	if len(stages) > 2 {
		t.Errorf("stages %v finished after SIGINT at the first; the build must stop within the stage it is in", stages)
	}
	if want := "fieldguide: interrupted; nothing was written, " + dest + " is as it was"; strings.Join(messages, "\n") != want {
		t.Errorf("stderr %q, want %q", messages, want)
	}
	after, err := os.ReadFile(filepath.Join(dest, "index.html"))
	afterInfo, _ := os.Stat(filepath.Join(dest, "index.html"))
	if err != nil || string(after) != string(home) || !afterInfo.ModTime().Equal(homeInfo.ModTime()) {
		t.Errorf("the previous output changed (%v)", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}
