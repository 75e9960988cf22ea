package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/internal/newsite"
)

func runInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init")
	if err := parseFlags(fs, args, stdout, true); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{cmd: "init", msg: "init needs one folder, e.g. fieldguide init my-guide"}
	}
	dir := fs.Arg(0)
	if strings.HasPrefix(dir, "-") {
		return &usageError{cmd: "init", msg: fmt.Sprintf("flags go before the folder: fieldguide init %s ...", dir)}
	}
	info, ok := debug.ReadBuildInfo()
	files := newsite.Files(installVersion(info, ok), time.Now().Format("2006-01-02"))
	if err := newsite.Write(dir, files); err != nil {
		if errors.Is(err, newsite.ErrNotEmpty) {
			err = fmt.Errorf("%w; init never overwrites: choose a new folder, or run fieldguide new inside this one", err)
		}
		fmt.Fprintf(stderr, "fieldguide: %v\n", err)
		return &reported{err}
	}
	fmt.Fprintf(stdout, "Created a guide in %s: %d files, with a page of each kind and a GitHub Actions workflow (%s).\n"+
		"Next: cd %s, then fieldguide serve to preview it, and fieldguide check before you commit.\n",
		dir, len(files), newsite.WorkflowPath, dir)
	return nil
}

// installVersion is the version a new guide's CI installs: this binary's
// own when it was installed as a module version, so CI checks with what
// the author previews with, and otherwise the latest.
func installVersion(info *debug.BuildInfo, ok bool) string {
	if ok && strings.HasPrefix(info.Main.Version, "v") {
		return info.Main.Version
	}
	return "latest"
}
