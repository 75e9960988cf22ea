// Package source finds a site's input files: markdown pages and other
// files under content/, and files under static/. It follows symbolic links
// (content owners use them to share folders) but detects loops, and it never
// reads outside the folders it was given except through such links.
package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// File is one input file.
type File struct {
	Path string // slash path from the site root, e.g. "content/faq/x.md"
	Rel  string // slash path within its folder, e.g. "faq/x.md"
	Abs  string // where to read it
}

// IsMarkdown reports whether the file is a content page.
func (f File) IsMarkdown() bool { return strings.HasSuffix(f.Rel, ".md") }

// Walk lists the files under root/dir, sorted by Rel. A missing folder is
// not an error (a site may have no static/). Editor leftovers and hidden
// files are skipped.
func Walk(root, dir string, diags *diag.List) []File {
	top := filepath.Join(root, dir)
	if _, err := os.Stat(top); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var files []File
	w := walker{root: root, dir: dir, diags: diags, active: map[string]bool{}}
	w.walk(top, "", &files)
	sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	return files
}

type walker struct {
	root, dir string
	diags     *diag.List
	active    map[string]bool // real paths of folders being walked, to catch loops
}

func (w *walker) walk(abs, rel string, files *[]File) {
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "remove the broken or looping link", "cannot follow %s: %v", w.display(rel), unwrapPathError(err))
		return
	}
	if w.active[real] {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "remove the link that points back to one of its own parent folders", "symbolic link loop: %s leads back to %s", w.display(rel), real)
		return
	}
	w.active[real] = true
	defer delete(w.active, real)
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "check the folder's permissions", "cannot read folder: %v", unwrapPathError(err))
		return
	}
	for _, e := range entries {
		name := e.Name()
		if Ignored(name) {
			continue
		}
		childAbs := filepath.Join(abs, name)
		childRel := name
		if rel != "" {
			childRel = rel + "/" + name
		}
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := os.Stat(childAbs)
			if err != nil {
				w.diags.Errorf(w.display(childRel), diag.Pos{}, "remove the broken or looping link", "cannot follow symbolic link: %v", unwrapPathError(err))
				continue
			}
			mode = info.Mode().Type()
		}
		switch {
		case mode.IsDir():
			w.walk(childAbs, childRel, files)
		case mode.IsRegular():
			*files = append(*files, File{Path: w.display(childRel), Rel: childRel, Abs: childAbs})
		}
	}
}

func (w *walker) display(rel string) string {
	if rel == "" {
		return w.dir
	}
	return w.dir + "/" + rel
}

// Ignored reports whether a file or folder name is an editor's temporary
// file, a backup or hidden: never content, and never worth a rebuild.
func Ignored(name string) bool {
	switch {
	case name == "", strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".swo"), strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".bak"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		name == "4913": // vim's write-permission probe
		return true
	}
	return false
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
