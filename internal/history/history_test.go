package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// repo makes a git repository in a temporary folder whose site is the
// subfolder "site", so paths relative to the site differ from the
// repository's.
type repo struct {
	t    *testing.T
	root string
	site string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	root := t.TempDir()
	r := &repo{t: t, root: root, site: filepath.Join(root, "site")}
	r.git("", "init", "-q")
	return r
}

func (r *repo) git(date string, args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.root, "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.root)
	if date == "" {
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.root)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func (r *repo) write(rel, text string) {
	r.t.Helper()
	path := filepath.Join(r.site, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) commit(date string, files map[string]string) {
	r.t.Helper()
	for rel, text := range files {
		r.write(rel, text)
	}
	r.git(date, "add", "-A")
	r.git(date, "commit", "-q", "-m", "change at "+date)
}

func TestDates(t *testing.T) {
	r := newRepo(t)
	r.commit("2024-01-10T09:00:00+00:00", map[string]string{
		"content/a.md":          "a1",
		"content/faq/b.md":      "b1",
		"content/dirty.md":      "d1",
		"content/with space.md": "s1",
		"content/renamed.md":    "r1",
	})
	r.commit("2024-03-05T17:30:00+02:00", map[string]string{"content/faq/b.md": "b2", "site.toml": "x"})
	r.commit("2024-04-01T08:00:00+00:00", map[string]string{"content/with space.md": "s2"})
	r.git("2024-05-01T08:00:00+00:00", "mv", "site/content/renamed.md", "site/content/moved.md")
	r.git("2024-05-01T08:00:00+00:00", "commit", "-q", "-m", "move")
	r.write("content/dirty.md", "d2")      // modified, not committed
	r.write("content/untracked.md", "new") // never committed

	wanted := []string{"content/a.md", "content/faq/b.md", "content/dirty.md", "content/with space.md", "content/moved.md", "content/untracked.md"}
	got := Dates(context.Background(), r.site, wanted)
	want := map[string]string{
		"content/a.md":          "2024-01-10T09:00:00Z",
		"content/faq/b.md":      "2024-03-05T17:30:00+02:00",
		"content/with space.md": "2024-04-01T08:00:00Z",
		"content/moved.md":      "2024-05-01T08:00:00Z",
	}
	if len(got) != len(want) {
		t.Errorf("got %d dates %v, want %d", len(got), got, len(want))
	}
	for path, date := range want {
		if d, ok := got[path]; !ok || d.Format(time.RFC3339) != date {
			t.Errorf("%s: got %v (found %v), want %s", path, d.Format(time.RFC3339), ok, date)
		}
	}

	// Staged but not committed counts as uncommitted too.
	r.git("", "add", "-A")
	if d, ok := Dates(context.Background(), r.site, wanted)["content/dirty.md"]; ok {
		t.Errorf("staged change: got date %v, want none", d)
	}
}

func TestDatesStopsEarly(t *testing.T) {
	r := newRepo(t)
	r.commit("2024-01-01T00:00:00Z", map[string]string{"content/a.md": "1"})
	r.commit("2024-02-01T00:00:00Z", map[string]string{"content/a.md": "2"})
	got := Dates(context.Background(), r.site, []string{"content/a.md"})
	if got["content/a.md"].Format("2006-01-02") != "2024-02-01" {
		t.Errorf("got %v, want the newest commit 2024-02-01", got)
	}
}

func TestNoRepository(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Dates(context.Background(), dir, []string{"content/a.md"}); len(got) != 0 {
		t.Errorf("outside a repository: got %v, want no dates", got)
	}
}

func TestCancelled(t *testing.T) {
	r := newRepo(t)
	r.commit("2024-01-01T00:00:00Z", map[string]string{"content/a.md": "1"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := Dates(ctx, r.site, []string{"content/a.md"}); len(got) != 0 {
		t.Errorf("cancelled: got %v, want no dates", got)
	}
}

func TestReadLog(t *testing.T) {
	log := "\x002024-02-01T00:00:00Z\x00\ncontent/a.md\x00content/b.md\x00" +
		"\x002024-01-01T00:00:00Z\x00\ncontent/a.md\x00content/c.md\x00"
	want := map[string]bool{"content/a.md": true, "content/b.md": true, "content/c.md": true, "content/d.md": true}
	dates := map[string]time.Time{}
	complete, err := readLog(strings.NewReader(log), want, dates)
	if err != nil || complete {
		t.Fatalf("complete %v, err %v; want incomplete (d.md never appears)", complete, err)
	}
	for path, day := range map[string]string{"content/a.md": "2024-02-01", "content/b.md": "2024-02-01", "content/c.md": "2024-01-01"} {
		if got := dates[path].Format("2006-01-02"); got != day {
			t.Errorf("%s: %s, want %s", path, got, day)
		}
	}
}

// BenchmarkDates10k: the git pass of a build of a 10,000-page site, in a
// repository whose 10,000 files were committed over 100 commits.
func BenchmarkDates10k(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git binary")
	}
	root := b.TempDir()
	run := func(date string, args ...string) {
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "HOME="+root)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("", "init", "-q")
	var wanted []string
	for c := 0; c < 100; c++ {
		dir := filepath.Join(root, "content", "group-"+strconv.Itoa(c))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 100; i++ {
			name := "page-" + strconv.Itoa(i) + ".md"
			if err := os.WriteFile(filepath.Join(dir, name), []byte("+++\ntitle = \"x\"\n+++\n"+strconv.Itoa(c*100+i)), 0o644); err != nil {
				b.Fatal(err)
			}
			wanted = append(wanted, "content/group-"+strconv.Itoa(c)+"/"+name)
		}
		date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(c) * time.Hour).Format(time.RFC3339)
		run(date, "add", "-A")
		run(date, "commit", "-q", "-m", "c")
	}
	b.ResetTimer()
	for range b.N {
		if got := Dates(context.Background(), root, wanted); len(got) != len(wanted) {
			b.Fatalf("%d dates, want %d", len(got), len(wanted))
		}
	}
}
