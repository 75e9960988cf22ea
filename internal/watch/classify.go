// Package watch reports changes to a site's source files: it watches the
// folders a build reads (recursively, including folders created later),
// drops editors' temporary files, and batches bursts of events so one save,
// however the editor performs it, becomes one rebuild.
package watch

import (
	"path"
	"strings"

	"github.com/fieldguide/fieldguide/internal/source"
)

// Change is what kind of input a changed path is, which decides how much a
// rebuild has to redo.
type Change int

const (
	// Ignored paths are not site input: editor temporary files, hidden
	// files, the output folder, anything outside the watched folders.
	Ignored Change = iota
	// Content is a file (or folder) under content/: a page or a file copied
	// beside pages.
	Content
	// Config is site.toml: everything is rebuilt.
	Config
	// Template is a layout under layouts/ or themes/NAME/layouts/, or a theme
	// folder itself: every page is rendered again.
	Template
	// ThemeStatic is a file under themes/NAME/static/, copied to the output.
	ThemeStatic
	// SiteStatic is a file under static/, copied to the output.
	SiteStatic
)

func (c Change) String() string {
	switch c {
	case Content:
		return "content"
	case Config:
		return "config"
	case Template:
		return "template"
	case ThemeStatic:
		return "theme static"
	case SiteStatic:
		return "site static"
	}
	return "ignored"
}

// Classify says what a changed path is. p is relative to the site folder,
// with slashes ("content/faq/x.md"). It reads nothing from disk.
func Classify(p string) Change {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return Ignored
	}
	if path.Clean(p) != p || p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return Ignored
	}
	parts := strings.Split(p, "/")
	for _, part := range parts {
		// Editors' swap, backup and safe-write files, and hidden folders
		// such as .git, are never input (source.Walk skips them too).
		if source.Ignored(part) {
			return Ignored
		}
	}
	switch parts[0] {
	case "site.toml":
		if len(parts) == 1 {
			return Config
		}
	case "content":
		return Content
	case "static":
		return SiteStatic
	case "layouts":
		return Template
	case "themes":
		switch {
		case len(parts) <= 2:
			// The themes folder or one theme appearing or vanishing changes
			// which templates win.
			return Template
		case parts[2] == "layouts":
			return Template
		case parts[2] == "static":
			return ThemeStatic
		}
	}
	return Ignored
}
