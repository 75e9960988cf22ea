// Package history reads when each content file last changed from the site's
// git history: one `git log` over the whole content folder, not a process
// per file, so a 10,000-page site pays for one pass.
//
// Anything that stops git from answering (no git binary, not a repository,
// a repository git refuses to read, an empty history) means no dates, never
// a failed build: dates are a courtesy to readers, not content. A file with
// uncommitted changes gets no date either, so a build of one commit gives
// the same bytes wherever it runs.
package history

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Dates returns the committer date of the last commit that changed each of
// the wanted paths (slash paths relative to dir, such as
// "content/faq/x.md"). Paths git does not know, or that differ from the
// last commit, are absent. ctx cancels the git processes.
func Dates(ctx context.Context, dir string, wanted []string) map[string]time.Time {
	if len(wanted) == 0 {
		return nil
	}
	logCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	want := make(map[string]bool, len(wanted))
	for _, p := range wanted {
		want[p] = true
	}
	dates := make(map[string]time.Time, len(wanted))
	// --relative: names relative to dir, which may be a repository's subfolder.
	cmd := git(logCtx, dir, "log", "--format=%x00%cI", "--name-only", "-z", "--no-renames", "--relative", "--", "content")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil
	}
	if err := cmd.Start(); err != nil {
		return nil
	}
	complete, readErr := readLog(out, want, dates)
	if readErr != nil {
		cancel() // git may be blocked writing what is no longer read
		_ = cmd.Wait()
		return nil
	}
	if complete {
		// Every wanted path has its date: the older history is not needed.
		cancel()
	}
	if err := cmd.Wait(); err != nil && !complete {
		return nil
	}
	if ctx.Err() != nil && !complete {
		return nil
	}
	dirty, ok := changed(ctx, dir)
	if !ok {
		return nil
	}
	for p := range dirty {
		delete(dates, p)
	}
	return dates
}

// readLog reads `git log -z --name-only` output with a format of
// "%x00%cI": an empty token, then the commit's date, then the names it
// changed, the first one after a newline. The newest commit comes first, so
// a path's first appearance is its last change. It reports whether every
// wanted path was found.
func readLog(r io.Reader, want map[string]bool, dates map[string]time.Time) (complete bool, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	sc.Split(splitNUL)
	var date time.Time
	header := false
	for sc.Scan() {
		tok := sc.Text()
		if tok == "" {
			header = true
			continue
		}
		if header {
			header = false
			if t, err := time.Parse(time.RFC3339, tok); err == nil {
				date = t
				continue
			}
		}
		if date.IsZero() {
			continue
		}
		path := strings.TrimPrefix(tok, "\n")
		if path == "" || !want[path] {
			continue
		}
		if _, seen := dates[path]; !seen {
			dates[path] = date
			if len(dates) == len(want) {
				return true, nil
			}
		}
	}
	return false, sc.Err()
}

// changed lists the content files that differ from the last commit, staged
// or not (untracked files have no history, so no date, anyway).
func changed(ctx context.Context, dir string) (map[string]bool, bool) {
	out, err := git(ctx, dir, "diff", "HEAD", "--name-only", "-z", "--no-renames", "--relative", "--", "content").Output()
	if err != nil {
		return nil, false
	}
	dirty := map[string]bool{}
	for _, p := range bytes.Split(out, []byte{0}) {
		if len(p) > 0 {
			dirty[string(p)] = true
		}
	}
	return dirty, true
}

func git(ctx context.Context, dir string, args ...string) *exec.Cmd {
	// A repository's own config could name a program for git to run
	// (core.fsmonitor); content is untrusted, so git runs none.
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir, "-c", "core.quotePath=false", "-c", "core.fsmonitor=false", "--no-replace-objects"}, args...)...)
	// No pager, no prompts, no index lock taken by a read.
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	return cmd
}

func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
