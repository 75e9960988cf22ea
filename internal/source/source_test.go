//go:build unix

package source

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// hostileSite is a site folder beside a secret, with every kind of link
// and special file a pull request (or a local mistake) can put in it.
func hostileSite(t *testing.T) (site, outside string) {
	t.Helper()
	parent := t.TempDir()
	site = filepath.Join(parent, "site")
	outside = filepath.Join(parent, "outside")
	sitetest.WriteFiles(t, site, map[string]string{
		"content/_index.md":         "+++\ntitle = \"Home\"\n+++\n",
		"content/faq/a.md":          "+++\ntitle = \"A\"\n+++\n",
		"shared/b.md":               "+++\ntitle = \"B\"\n+++\n",
		".git/config":               "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
		"public/.fieldguide-output": "",
		"static/logo.svg":           "<svg/>",
	})
	sitetest.WriteFile(t, outside, "secret.txt", "secret")
	links := map[string]string{
		"content/root":        "/",
		"content/secret.md":   filepath.Join(outside, "secret.txt"),
		"content/up":          "../../outside",
		"content/shared":      "../shared", // inside the site: kept
		"content/faq/same.md": "a.md",      // inside the site: kept
		"content/loop":        ".",         // a loop
		"content/broken.md":   "nowhere.md",
		"content/pub":         "../public", // the output folder
		"static/env.txt":      "/proc/self/environ",
		"static/git.txt":      "../.git/config",
		"static/dotgit":       "../.git",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Skip("symlinks unsupported:", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(site, "content", "faq", "pipe.md"), 0o644); err != nil {
		t.Skip("FIFOs unsupported:", err)
	}
	if err := syscall.Mkfifo(filepath.Join(outside, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../outside/pipe", filepath.Join(site, "static", "pipe.txt")); err != nil {
		t.Fatal(err)
	}
	// A Unix socket's path must be short: make it under a short temp folder
	// and link to it from inside the site.
	sockDir, err := os.MkdirTemp("", "fg")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	ln, err := net.Listen("unix", filepath.Join(sockDir, "s"))
	if err != nil {
		t.Skip("unix sockets unsupported:", err)
	}
	t.Cleanup(func() { ln.Close() })
	if err := os.Rename(filepath.Join(sockDir, "s"), filepath.Join(site, "static", "sock")); err != nil {
		t.Skip("cannot move a socket:", err)
	}
	return site, outside
}

func TestWalkRefusesWhatLeavesTheSite(t *testing.T) {
	site, _ := hostileSite(t)
	var diags diag.List
	var got []string
	for _, dir := range []string{"content", "static"} {
		for _, f := range Walk(site, dir, &diags) {
			got = append(got, f.Path)
		}
	}
	want := []string{"content/_index.md", "content/faq/a.md", "content/faq/same.md", "content/shared/b.md", "static/logo.svg"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files:\n got %v\nwant %v", got, want)
	}
	var msgs []string
	for _, d := range diags.Items() {
		msgs = append(msgs, d.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"content/root: symbolic link to / leads outside the site folder; copy what it points to into the site folder instead, or remove the link",
		"content/secret.md: symbolic link to " + filepath.Join(filepath.Dir(site), "outside", "secret.txt") + " leads outside the site folder",
		"content/up: symbolic link to " + filepath.Join(filepath.Dir(site), "outside") + " leads outside the site folder",
		"content/loop: symbolic link loop",
		"content/broken.md: cannot follow symbolic link",
		"content/pub: symbolic link to " + filepath.Join(site, "public") + " leads into fieldguide's output folder",
		"content/faq/pipe.md: not a regular file but a named pipe (FIFO); remove it: fieldguide reads only regular files",
		"static/env.txt: symbolic link to /proc/",
		"static/git.txt: symbolic link to " + filepath.Join(site, ".git", "config") + " leads into a hidden file or folder (.git)",
		"static/dotgit: symbolic link to " + filepath.Join(site, ".git") + " leads into a hidden file or folder (.git)",
		"static/pipe.txt: symbolic link to " + filepath.Join(filepath.Dir(site), "outside", "pipe") + " leads outside the site folder",
		"static/sock: not a regular file but a socket",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no diagnostic %q in:\n%s", want, all)
		}
	}
	if len(msgs) != 12 {
		t.Errorf("want 12 diagnostics, got %d:\n%s", len(msgs), all)
	}
}

// TestWalkRefusesLinkedTopFolder checks content/ or static/ itself being a
// link out of the site is refused, and a link inside is followed.
func TestWalkRefusesLinkedTopFolder(t *testing.T) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	sitetest.WriteFile(t, parent, "elsewhere/x.md", "x")
	sitetest.WriteFile(t, site, "real-static/y.css", "y")
	if err := os.Symlink(filepath.Join(parent, "elsewhere"), filepath.Join(site, "content")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	if err := os.Symlink("real-static", filepath.Join(site, "static")); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	if files := Walk(site, "content", &diags); len(files) != 0 {
		t.Errorf("read through a linked content/: %v", files)
	}
	if files := Walk(site, "static", &diags); len(files) != 1 || files[0].Path != "static/y.css" {
		t.Errorf("a static/ linked inside the site should be walked: %v", files)
	}
	if ds := diags.Items(); len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "content: symbolic link to "+filepath.Join(parent, "elsewhere")+" leads outside the site folder") {
		t.Errorf("diagnostics: %v", ds)
	}
}

// TestRootReads checks reads stay inside the site even for paths no walk
// vetted, never block on a FIFO, and refuse special and huge files.
func TestRootReads(t *testing.T) {
	site, _ := hostileSite(t)
	if err := os.Truncate(filepath.Join(site, "static", "logo.svg"), MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, c := range []struct{ name, want string }{
		{"content/faq/a.md", ""},
		{"content/faq/same.md", ""},
		{"content/shared/b.md", ""},
		{"content/secret.md", "outside the site folder"},
		{"content/root/etc/passwd", "outside the site folder"},
		{"content/up/secret.txt", "outside the site folder"},
		{"static/env.txt", "outside the site folder"},
		{"static/git.txt", "hidden file or folder (.git)"},
		{"static/pipe.txt", "outside the site folder"},
		{"content/faq/pipe.md", "named pipe (FIFO), not a regular file"},
		{"static/sock", "?"}, // refused by open (ENXIO) or by fstat, as the system does
		{"static/logo.svg", "larger than 100 MB"},
		{"content/faq", "is a folder"},
		{"../outside/secret.txt", "not a path inside the site folder"},
		{"/etc/passwd", "not a path inside the site folder"},
	} {
		data, err := r.ReadFile(c.name)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("ReadFile(%s): %v", c.name, err)
		case c.want != "" && (err == nil || c.want != "?" && !strings.Contains(err.Error(), c.want)):
			t.Errorf("ReadFile(%s) = %q, %v; want an error saying %q", c.name, data, err, c.want)
		case c.want != "" && len(data) > 0:
			t.Errorf("ReadFile(%s) returned data with its error", c.name)
		}
	}
	// Read trusts the walk for links but still refuses what os.Root refuses.
	if _, err := r.Read(File{Path: "content/secret.md"}); err == nil {
		t.Error("Read followed a link out of the site")
	}
}

// TestRootFS checks the theme's view of the site: listing, reading, and
// the same refusals.
func TestRootFS(t *testing.T) {
	site, _ := hostileSite(t)
	sitetest.WriteFile(t, site, "layouts/base.html", "base")
	if err := os.Symlink("/etc/passwd", filepath.Join(site, "layouts", "leak.html")); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fsys := r.FS("layouts")
	if data, err := fs.ReadFile(fsys, "base.html"); err != nil || string(data) != "base" {
		t.Errorf("base.html: %q %v", data, err)
	}
	if _, err := fs.ReadFile(fsys, "leak.html"); err == nil || !strings.Contains(err.Error(), "outside the site folder") {
		t.Errorf("leak.html: %v", err)
	}
	if f, err := fsys.Open("leak.html"); err == nil {
		f.Close()
		t.Error("Open followed a link out of the site")
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil || len(entries) != 2 {
		t.Errorf("ReadDir: %v %v", entries, err)
	}
	if _, err := fs.ReadFile(r.FS("content/faq"), "pipe.md"); err == nil {
		t.Error("read a FIFO")
	}
	if ok, err := r.IsDir("content/root"); ok || err == nil {
		t.Errorf("IsDir(content/root) = %v, %v; want a refusal", ok, err)
	}
	if ok, err := r.IsDir("content/shared"); !ok || err != nil {
		t.Errorf("IsDir(content/shared) = %v, %v", ok, err)
	}
}

// TestWalkDepth: folders deeper than MaxDepth are reported once, at the
// first folder past it, and not read; a deep tree is walked with one
// resolve of its links, not of every folder's whole path (a chain of 1,500
// folders took 56 s when each level resolved its path from the root).
func TestWalkDepth(t *testing.T) {
	for _, tt := range []struct {
		depth     int
		wantFiles int
		wantDiag  string
	}{
		{MaxDepth, 1, ""},
		{MaxDepth + 1, 0, "content/" + strings.Repeat("a/", MaxDepth+1)[:2*(MaxDepth+1)-1] + ": folders nested more than 32 deep; fieldguide reads 32 levels under content/; move its files into fewer folders"},
		{1500, 0, "content/" + strings.Repeat("a/", MaxDepth+1)[:2*(MaxDepth+1)-1] + ": folders nested more than 32 deep"},
	} {
		site := t.TempDir()
		sitetest.WriteFiles(t, site, map[string]string{"content/" + strings.Repeat("a/", tt.depth) + "p.md": "x"})
		var diags diag.List
		files := Walk(site, "content", &diags)
		if len(files) != tt.wantFiles {
			t.Errorf("depth %d: %d files, want %d", tt.depth, len(files), tt.wantFiles)
		}
		var got []string
		for _, d := range diags.Items() {
			got = append(got, d.String())
		}
		switch {
		case tt.wantDiag == "" && len(got) > 0:
			t.Errorf("depth %d: %q, want no problem", tt.depth, got)
		case tt.wantDiag != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.wantDiag)):
			t.Errorf("depth %d: %q, want one problem starting %q", tt.depth, got, tt.wantDiag)
		}
	}
}
