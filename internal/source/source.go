// Package source finds and reads a site's input files: markdown pages and
// other files under content/, files under static/, templates and theme
// files, and site.toml.
//
// Content is untrusted (a content repository's CI builds whatever a pull
// request holds), so nothing is read from outside the site folder:
//
//   - Symbolic links are followed only when their target, resolved against
//     the site folder's own resolved path, is inside the site folder and
//     not in a hidden file or folder (.git holds a CI runner's token). Any
//     other link is an error naming the link and its target, so a pull
//     request that tries to publish /proc/self/environ fails loudly.
//     Links inside the site (content owners use them to share folders)
//     keep working, and loops are reported.
//   - Every read goes through an os.Root at the site folder, so a link
//     swapped in after the walk still cannot lead out of it.
//   - Only regular files are read: files are opened without blocking and
//     checked with fstat, so a FIFO (which would block forever), a device
//     or a socket is an error, not a hang. Files larger than MaxFileSize
//     are refused.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// MaxFileSize bounds one input file (GitHub refuses files over 100 MB too):
// a build holds a file in memory while it uses it.
const MaxFileSize = 100 << 20

// outputMarker is the file fieldguide writes into its output folders (the
// output package's Marker); a link to such a folder would publish the last
// build inside the next one.
const outputMarker = ".fieldguide-output"

// MaxDepth is how many folders deep Walk reads under content/ or static/.
// A page may be at most 16 deep; the rest is room for files beside it.
// Past it, each level would cost every path operation more.
const MaxDepth = 32

// File is one input file.
type File struct {
	Path string // slash path from the site root, e.g. "content/faq/x.md"
	Rel  string // slash path within its folder, e.g. "faq/x.md"
	Abs  string // the file in the site folder, for its size and time
}

// IsMarkdown reports whether the file is a content page.
func (f File) IsMarkdown() bool { return strings.HasSuffix(f.Rel, ".md") }

// Walk lists the regular files under root/dir, sorted by Rel. A missing
// folder is not an error (a site may have no static/). Editor leftovers
// and hidden files are skipped; links that leave the site, loops, FIFOs,
// devices and sockets are reported.
func Walk(root, dir string, diags *diag.List) []File {
	top := filepath.Join(root, dir)
	if _, err := os.Lstat(top); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		diags.Errorf(dir, diag.Pos{}, "check that the site folder exists", "cannot read the site folder: %v", unwrapPathError(err))
		return nil
	}
	var files []File
	w := walker{root: root, realRoot: realRoot, dir: dir, diags: diags, active: map[string]bool{}}
	if real, ok := w.follow(top, ""); ok {
		w.walk(top, real, "", 0, &files)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	return files
}

type walker struct {
	root, realRoot string
	dir            string
	diags          *diag.List
	active         map[string]bool // real paths of folders being walked, to catch loops
}

// follow checks the top folder at abs against the link policy, reporting
// why it is not walked, and returns its resolved path.
func (w *walker) follow(abs, rel string) (string, bool) {
	info, err := os.Lstat(abs)
	if err != nil {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "check the folder's permissions", "cannot read folder: %v", unwrapPathError(err))
		return "", false
	}
	if info.Mode()&fs.ModeSymlink == 0 {
		return filepath.Join(w.realRoot, w.dir), true
	}
	_, real, ok := w.target(abs, rel)
	return real, ok
}

// target resolves the link at abs and reports (at rel) a target that is
// broken, outside the site folder, hidden or an output folder.
func (w *walker) target(abs, rel string) (fs.FileInfo, string, bool) {
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "remove the broken or looping link", "cannot follow symbolic link: %v", unwrapPathError(err))
		return nil, "", false
	}
	if why := LinkProblem(real, w.realRoot); why != "" {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "copy what it points to into the site folder instead, or remove the link", "symbolic link to %s %s", real, why)
		return nil, "", false
	}
	info, err := os.Stat(real)
	if err != nil {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "remove the broken or looping link", "cannot follow symbolic link: %v", unwrapPathError(err))
		return nil, "", false
	}
	if info.IsDir() {
		if _, err := os.Lstat(filepath.Join(real, outputMarker)); err == nil {
			w.diags.Errorf(w.display(rel), diag.Pos{}, "remove the link: output is never input", "symbolic link to %s leads into fieldguide's output folder", real)
			return nil, "", false
		}
	}
	return info, real, true
}

// LinkProblem says why a resolved link target may not be read from the
// site folder whose resolved path is realRoot, or "" when it may.
func LinkProblem(real, realRoot string) string {
	rel, err := filepath.Rel(realRoot, real)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "leads outside the site folder"
	}
	for _, seg := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(seg, ".") && seg != "." {
			return "leads into a hidden file or folder (" + seg + ")"
		}
	}
	return ""
}

// walk lists the folder at abs, whose resolved path is real, depth
// folders below the top. Resolved paths are carried down, not looked up
// again: resolving every folder's whole path made a deep tree cost the
// cube of its depth.
func (w *walker) walk(abs, real, rel string, depth int, files *[]File) {
	if depth > MaxDepth {
		w.diags.Errorf(w.display(rel), diag.Pos{}, "move its files into fewer folders", "folders nested more than %d deep; fieldguide reads %d levels under %s/", MaxDepth, MaxDepth, w.dir)
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
		if !utf8.ValidString(name) {
			w.diags.Errorf(w.display(childRel), diag.Pos{}, "rename it: names must be UTF-8, as they become web addresses", "the name is not valid UTF-8 text")
			continue
		}
		mode := e.Type()
		childReal := filepath.Join(real, name)
		if mode&fs.ModeSymlink != 0 {
			info, target, ok := w.target(childAbs, childRel)
			if !ok {
				continue
			}
			mode, childReal = info.Mode().Type(), target
		}
		switch {
		case mode.IsDir():
			w.walk(childAbs, childReal, childRel, depth+1, files)
		case mode.IsRegular():
			*files = append(*files, File{Path: w.display(childRel), Rel: childRel, Abs: childAbs})
		default:
			w.diags.Errorf(w.display(childRel), diag.Pos{}, "remove it: fieldguide reads only regular files", "not a regular file but %s", describeMode(mode))
		}
	}
}

func (w *walker) display(rel string) string {
	if rel == "" {
		return w.dir
	}
	return w.dir + "/" + rel
}

func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
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

// Root is a site folder opened for reading; see the package comment.
type Root struct {
	dir, real string
	root      *os.Root
}

// OpenRoot opens the site folder dir. Close it when done.
func OpenRoot(dir string) (*Root, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		return nil, err
	}
	return &Root{dir: dir, real: real, root: root}, nil
}

// Close releases the folder.
func (r *Root) Close() error { return r.root.Close() }

// Read reads a file that Walk listed (Walk checked its links).
func (r *Root) Read(f File) ([]byte, error) {
	return r.read(f.Path)
}

// ReadFile reads the file at a slash path from the site root, checking
// its links first: for files no walk listed (site.toml, templates).
func (r *Root) ReadFile(name string) ([]byte, error) {
	if err := r.checkLinks(name); err != nil {
		return nil, err
	}
	return r.read(name)
}

// checkLinks applies the link policy to name when it, or a folder on the
// way to it, is a symbolic link.
func (r *Root) checkLinks(name string) error {
	real, err := filepath.EvalSymlinks(filepath.Join(r.real, filepath.FromSlash(name)))
	if err != nil {
		return nil // missing: the read says so
	}
	if why := LinkProblem(real, r.real); why != "" && real != filepath.Join(r.real, filepath.FromSlash(name)) {
		return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("it is a symbolic link to %s, which %s", real, why)}
	}
	return nil
}

// read opens name without blocking (a FIFO would block until a writer
// came), checks the open file is regular and small enough, and reads it.
func (r *Root) read(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("not a path inside the site folder")}
	}
	f, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkRegular(name, info); err != nil {
		return nil, err
	}
	return readAll(f, name, info.Size())
}

// readAll reads f to its end into a buffer of the size fstat gave (as
// os.ReadFile does: growing one from nothing allocated twice as much),
// stopping past MaxFileSize should the file have grown since.
func readAll(f *os.File, name string, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1) // +1: EOF is seen without growing
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) > MaxFileSize {
			return nil, tooLarge(name)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

func (r *Root) open(name string) (*os.File, error) {
	f, err := r.root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|openNonblock, 0)
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
		if why := r.escapes(name); why != nil {
			return nil, why
		}
	}
	return f, err
}

// escapes explains a refused open: a link that leads out of the folder.
func (r *Root) escapes(name string) error {
	real, err := filepath.EvalSymlinks(filepath.Join(r.real, filepath.FromSlash(name)))
	if err == nil && LinkProblem(real, r.real) != "" {
		return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("it is a symbolic link to %s, outside the site folder", real)}
	}
	return nil
}

func checkRegular(name string, info fs.FileInfo) error {
	switch {
	case info.IsDir():
		return &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	case !info.Mode().IsRegular():
		return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("is %s, not a regular file", describeMode(info.Mode()))}
	case info.Size() > MaxFileSize:
		return tooLarge(name)
	}
	return nil
}

func tooLarge(name string) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("is larger than %d MB, the most fieldguide reads from one file", MaxFileSize>>20)}
}

// ReadFile reads one file of the site folder dir (see Root.ReadFile).
func ReadFile(dir, name string) ([]byte, error) {
	r, err := OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.ReadFile(name)
}

// FS is the folder sub of the site as an fs.FS with the same rules: for
// the theme's templates and files. Listing a folder shows links as they
// are (fs.WalkDir does not follow them); opening one checks its target.
func (r *Root) FS(sub string) fs.FS { return rootFS{r: r, sub: sub} }

type rootFS struct {
	r   *Root
	sub string
}

func (f rootFS) name(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return path.Join(f.sub, name), nil
}

func (f rootFS) Open(name string) (fs.File, error) {
	full, err := f.name("open", name)
	if err != nil {
		return nil, err
	}
	if err := f.r.checkLinks(full); err != nil {
		return nil, err
	}
	file, err := f.r.open(full)
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err == nil && !info.IsDir() {
		err = checkRegular(full, info)
	}
	if err != nil {
		file.Close()
		return nil, err
	}
	return file, nil
}

func (f rootFS) ReadFile(name string) ([]byte, error) {
	full, err := f.name("read", name)
	if err != nil {
		return nil, err
	}
	return f.r.ReadFile(full)
}

func (f rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	entries, err := file.(*os.File).ReadDir(-1)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, err
}

// IsDir reports whether sub is a folder of the site. A link to a folder
// that may not be read (outside the site, hidden) is an error.
func (r *Root) IsDir(sub string) (bool, error) {
	if err := r.checkLinks(sub); err != nil {
		return false, err
	}
	info, err := r.root.Stat(filepath.FromSlash(sub))
	return err == nil && info.IsDir(), nil
}
