// Package output writes a build to its destination folder atomically.
//
// Files are written into a fresh folder beside the destination; only when
// the whole build has succeeded is that folder swapped in. A failed build
// leaves the previous output untouched. fieldguide marks the folders it
// creates and refuses to replace a folder it did not make, the site's own
// folder or its parents, the filesystem root or the home folder.
package output

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fieldguide/fieldguide/internal/parallel"
)

// Marker is the file that says a folder is fieldguide's output.
const Marker = ".fieldguide-output"

// inputs are the site's folders a build reads: output written inside one
// would be read back by the next build (out/out/out).
var inputs = []string{"content", "static", "layouts", "themes"}

// CheckDestination reports why dest must not be written, or nil. A
// destination that is a symbolic link is judged by the folder it leads to,
// which is the folder replaced (the link itself is kept).
func CheckDestination(dest, siteDir string) error {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	absDest = realPath(absDest)
	absSite, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	absSite = realPath(absSite)
	home, _ := os.UserHomeDir()
	switch {
	case absDest == filepath.Dir(absDest):
		return fmt.Errorf("refusing to write the site into the filesystem root %s; choose a folder such as public/", absDest)
	case home != "" && absDest == realPath(home):
		return fmt.Errorf("refusing to replace your home folder %s; choose a folder such as public/", absDest)
	case absDest == absSite:
		return fmt.Errorf("refusing to replace the site folder %s with its output; choose a folder such as public/", absDest)
	case strings.HasPrefix(absSite, absDest+string(filepath.Separator)):
		return fmt.Errorf("refusing to replace %s: it contains the site folder; choose a folder such as public/", absDest)
	}
	for _, in := range inputs {
		input := realPath(filepath.Join(absSite, in))
		var where string
		switch {
		case absDest == input:
			where = "it is the site's " + in + "/ folder"
		case strings.HasPrefix(absDest, input+string(filepath.Separator)):
			where = "it is inside the site's " + in + "/ folder"
		case strings.HasPrefix(input, absDest+string(filepath.Separator)):
			where = "it holds the site's " + in + "/ folder"
		default:
			continue
		}
		return fmt.Errorf("refusing to write the site into %s: %s, which every build reads (each output would copy the last one); choose a folder outside it, such as public/", absDest, where)
	}
	info, err := os.Stat(absDest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("destination %s is a file, not a folder", absDest)
	}
	entries, err := os.ReadDir(absDest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(absDest, Marker)); err != nil {
		return fmt.Errorf("destination %s is not empty and was not created by fieldguide; empty it or choose another folder", absDest)
	}
	return nil
}

// realPath resolves symbolic links of the longest existing prefix.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(realPath(parent), filepath.Base(p))
}

// Staging is an output folder being written.
type Staging struct {
	dest, tmp string
	lock      *os.File // the marker, locked while this build runs
	mu        sync.Mutex
	dirs      map[string]bool
}

// Stage starts writing a new output for dest (checked with CheckDestination).
// A destination that is a symbolic link is followed: the folder it leads to
// is replaced and the link kept, so the link's target never loses files to
// a folder swapped in for the link. Staging folders that earlier builds
// left behind (killed, or the machine stopped) are removed first.
func Stage(dest string) (*Staging, error) {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	absDest = realPath(absDest)
	parent := filepath.Dir(absDest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	prefix := stagingPrefix(absDest)
	removeStale(parent, prefix)
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, err
	}
	s := &Staging{dest: absDest, tmp: tmp, dirs: map[string]bool{".": true}}
	if err := os.Chmod(tmp, 0o755); err != nil {
		s.Abort()
		return nil, err
	}
	if s.lock, err = claim(tmp); err != nil {
		s.Abort()
		return nil, err
	}
	return s, nil
}

// stagingPrefix names the staging folders of dest: ".public.tmp-".
func stagingPrefix(absDest string) string { return "." + filepath.Base(absDest) + ".tmp-" }

// claim marks a new staging folder as fieldguide's and as in use: the
// marker is created under another name, locked, then renamed into place,
// so no other build ever sees it unlocked while this one runs.
func claim(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".lock-")
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	_, werr := fmt.Fprintf(f, "fieldguide is building here (process %d on %s)\n", os.Getpid(), host)
	if err := errors.Join(werr, lock(f), os.Rename(f.Name(), filepath.Join(dir, Marker))); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// removeStale deletes the staging folders of earlier builds in parent:
// only folders named like ours, holding our marker, whose marker no live
// build holds locked. Anything else is left alone.
func removeStale(parent, prefix string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) { // a link is not a folder here
			continue
		}
		dir := filepath.Join(parent, e.Name())
		info, err := os.Lstat(filepath.Join(dir, Marker))
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		f, err := os.Open(filepath.Join(dir, Marker))
		if err != nil {
			continue
		}
		if tryLock(f) {
			_ = removeTree(dir)
		}
		f.Close()
	}
}

// Write stores one file. rel is a slash path inside the output; anything
// that would escape it is refused. Safe for concurrent use.
func (s *Staging) Write(rel string, data []byte) error {
	clean := path.Clean("/" + rel)[1:]
	if clean == "" || clean != rel || strings.HasPrefix(rel, "../") {
		return fmt.Errorf("refusing to write %q outside the output folder", rel)
	}
	if err := s.mkdir(path.Dir(clean)); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.tmp, filepath.FromSlash(clean)), data, 0o644)
}

// mkdir creates dir and its parents once; most pages get a folder of their
// own, so this saves MkdirAll's stat of every parent on every write.
func (s *Staging) mkdir(dir string) error {
	s.mu.Lock()
	known := s.dirs[dir]
	s.mu.Unlock()
	if known {
		return nil
	}
	if err := s.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.tmp, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

// Commit marks the new output and swaps it in for the old one.
func (s *Staging) Commit() error {
	text := []byte("This folder is generated by fieldguide; it is replaced on every build.\n")
	if err := errors.Join(s.lock.Truncate(0), writeAt0(s.lock, text)); err != nil {
		s.Abort()
		return err
	}
	defer s.lock.Close() // unlocks, once the output is in place
	if _, err := os.Lstat(s.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.tmp, s.dest)
	}
	if err := exchange(s.tmp, s.dest); err != nil {
		s.Abort()
		return err
	}
	// s.tmp now holds the previous output, which carried our marker.
	return removeTree(s.tmp)
}

func writeAt0(f *os.File, data []byte) error {
	_, err := f.WriteAt(data, 0)
	return err
}

// Abort discards the staged output.
func (s *Staging) Abort() {
	_ = removeTree(s.tmp)
	if s.lock != nil {
		s.lock.Close()
	}
}

// removeTree deletes dir and everything in it, the folders two levels down
// on every core: a site has a folder per page, and unlinking 10,000 of
// them one after another was most of the time publishing took.
func removeTree(dir string) error {
	var subtrees []string
	top, _ := os.ReadDir(dir)
	for _, e := range top {
		if !e.IsDir() {
			continue
		}
		below, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, b := range below {
			if b.IsDir() {
				subtrees = append(subtrees, filepath.Join(dir, e.Name(), b.Name()))
			}
		}
	}
	parallel.For(len(subtrees), func(i int) { _ = os.RemoveAll(subtrees[i]) })
	return os.RemoveAll(dir) // whatever is left, and the errors worth reporting
}
