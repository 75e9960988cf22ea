package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/pipeline"
)

// writeAll publishes the whole preview to dest atomically, with the same
// checks as a build (it never replaces a folder fieldguide did not make).
func writeAll(dest, siteDir string, files map[string][]byte) error {
	if err := output.CheckDestination(dest, siteDir); err != nil {
		return err
	}
	st, err := output.Stage(dest)
	if err != nil {
		return err
	}
	for p, data := range files {
		if err := st.Write(p, data); err != nil {
			st.Abort()
			return err
		}
	}
	return st.Commit()
}

// disk keeps a published folder in step with the preview, file by file:
// replacing the whole folder on every edit would be slow on big sites.
type disk struct {
	dest string
}

func (d *disk) apply(rep *pipeline.Report) error {
	var errs []error
	for p, data := range rep.Files {
		errs = append(errs, d.write(p, data))
	}
	for _, p := range rep.Removed {
		errs = append(errs, d.remove(p))
	}
	return errors.Join(errs...)
}

// file maps an output path to a file inside dest, refusing anything else.
func (d *disk) file(rel string) (string, error) {
	clean := path.Clean("/" + rel)[1:]
	if clean == "" || clean != rel || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("refusing to write %q outside the output folder", rel)
	}
	return filepath.Join(d.dest, filepath.FromSlash(clean)), nil
}

// write replaces one file atomically (a browser reading it sees the old or
// the new bytes, never half of them).
func (d *disk) write(rel string, data []byte) error {
	target, err := d.file(rel)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".fieldguide-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// remove deletes one output file and the folders it leaves empty.
func (d *disk) remove(rel string) error {
	target, err := d.file(rel)
	if err != nil {
		return err
	}
	if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for dir := filepath.Dir(target); dir != d.dest && strings.HasPrefix(dir, d.dest+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty
		}
	}
	return nil
}
