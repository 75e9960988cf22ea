// Package theme loads a site's templates and theme files.
//
// Lookup order for a template NAME (e.g. "faq.html", "partials/toc.html"):
//
//  1. layouts/NAME in the site folder;
//  2. themes/THEME/layouts/NAME in the site folder (THEME from site.toml);
//  3. the default theme embedded in the binary.
//
// Static theme files follow the same order, and the site's own static/
// folder wins over all of them (it is copied last by the build).
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/source"
	"github.com/fieldguide/fieldguide/themes"
)

// layer is one place templates and static files can come from.
type layer struct {
	fsys    fs.FS
	display string // prefix for error messages, e.g. "layouts" or "themes/default/layouts"
}

// Theme is a parsed template set per page layout.
type Theme struct {
	layouts  map[string]*template.Template // by layout name, e.g. "faq.html"
	broken   map[string]bool               // layouts that failed to parse (already reported)
	partials *template.Template            // base.html and partials/, for rendering partials alone
	origins  map[string]string             // template name -> file path shown in errors
	static   []layer
}

// Load parses every layout once. Problems (parse errors, a missing base
// layout) are recorded with the template's file and line.
// Files are read from the site through root, which keeps every read inside
// the site folder and refuses FIFOs and devices (see package source).
func Load(root *source.Root, themeName string, funcs template.FuncMap, diags *diag.List) *Theme {
	var layouts, static []layer
	refused := false
	isDir := func(dir string) bool {
		ok, err := root.IsDir(dir)
		if err != nil {
			refused = true
			diags.Errorf(dir, diag.Pos{}, "copy what it points to into the site folder instead, or remove the link", "cannot read %s: %v", dir, unwrap(err))
		}
		return ok
	}
	if isDir("layouts") {
		layouts = append(layouts, layer{root.FS("layouts"), "layouts"})
	}
	themeDir := "themes/" + themeName
	themeExists := isDir(themeDir)
	if themeExists && isDir(themeDir+"/layouts") {
		layouts = append(layouts, layer{root.FS(themeDir + "/layouts"), themeDir + "/layouts"})
	}
	if themeExists && isDir(themeDir+"/static") {
		static = append(static, layer{root.FS(themeDir + "/static"), themeDir + "/static"})
	}
	if themeName != "default" && len(layouts) == 0 && !themeExists && !refused {
		diags.Errorf("site.toml", diag.Pos{}, "create themes/"+themeName+"/ or remove the theme setting", "theme %q not found", themeName)
	}
	embeddedLayouts, _ := fs.Sub(themes.Default, "default/layouts")
	embeddedStatic, _ := fs.Sub(themes.Default, "default/static")
	layouts = append(layouts, layer{embeddedLayouts, "themes/default/layouts (built in)"})
	static = append(static, layer{embeddedStatic, "themes/default/static (built in)"})

	t := &Theme{layouts: map[string]*template.Template{}, broken: map[string]bool{}, origins: map[string]string{}, static: static}
	files := map[string]layer{} // name -> winning layer
	for i := len(layouts) - 1; i >= 0; i-- {
		l := layouts[i]
		_ = fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				files[p] = l
			}
			return nil
		})
	}
	if _, ok := files["base.html"]; !ok {
		diags.Errorf("layouts/base.html", diag.Pos{}, "restore base.html or remove the theme setting", "missing layout base.html")
		return t
	}
	common := template.New("base.html").Funcs(funcs)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	ok := true
	for _, name := range names {
		t.origins[name] = files[name].display + "/" + name
		if name != "base.html" && !strings.HasPrefix(name, "partials/") {
			continue
		}
		if !t.parse(common, name, files[name], diags) {
			ok = false
		}
	}
	if !ok {
		// Every layout needs base.html and the partials: one error said
		// why, so the layouts render nothing and say nothing more.
		for _, name := range names {
			t.broken[name] = true
		}
		return t
	}
	t.partials = common
	for _, name := range names {
		if name == "base.html" || strings.HasPrefix(name, "partials/") {
			continue
		}
		set, err := common.Clone()
		if err != nil {
			diags.Errorf(t.origins[name], diag.Pos{}, "", "%v", err)
			continue
		}
		if t.parse(set, name, files[name], diags) {
			t.layouts[name] = set
		} else {
			t.broken[name] = true
		}
	}
	return t
}

func (t *Theme) parse(set *template.Template, name string, l layer, diags *diag.List) bool {
	src, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		hint := "fieldguide reads only regular files inside the site folder"
		if errors.Is(err, fs.ErrPermission) {
			hint = "check the file's permissions"
		}
		diags.Errorf(t.origins[name], diag.Pos{}, hint, "cannot read template: %v", unwrap(err))
		return false
	}
	var target *template.Template
	if name == set.Name() {
		target = set
	} else {
		target = set.New(name)
	}
	if _, err := target.Parse(string(src)); err != nil {
		diags.Add(t.templateDiag(err, "fix the template syntax"))
		return false
	}
	return true
}

var templateErr = regexp.MustCompile(`(?:html/)?template: ?(?:[^:]+: )?([^:\s]+):(\d+)(?::(\d+))?: (.*)`)

// templateDiag turns an html/template error into file:line: message.
func (t *Theme) templateDiag(err error, hint string) diag.Diagnostic {
	msg := err.Error()
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		file := m[1]
		if o, ok := t.origins[file]; ok {
			file = o
		}
		return diag.Diagnostic{Path: file, Pos: diag.Pos{Line: line, Col: col}, Severity: diag.Error, Message: "template: " + m[4], Hint: hint}
	}
	return diag.Diagnostic{Path: "layouts", Severity: diag.Error, Message: "template: " + msg, Hint: hint}
}

// Has reports whether a layout exists.
func (t *Theme) Has(layout string) bool { return t.layouts[layout] != nil }

// Execute renders data with a layout (which defines blocks of base.html).
// A layout that failed to parse renders nothing and no further error: its
// parse error was reported once already.
func (t *Theme) Execute(layout string, data any) ([]byte, *diag.Diagnostic) {
	return t.ExecuteInto(new(bytes.Buffer), layout, data)
}

// ExecuteInto is Execute writing into buf, which the caller may reuse once
// it is done with the returned bytes.
func (t *Theme) ExecuteInto(buf *bytes.Buffer, layout string, data any) ([]byte, *diag.Diagnostic) {
	set := t.layouts[layout]
	if t.broken[layout] {
		return nil, nil
	}
	if set == nil {
		return nil, &diag.Diagnostic{Path: "layouts/" + layout, Severity: diag.Error, Message: "missing layout " + layout, Hint: "add layouts/" + layout + " or restore the default theme"}
	}
	if err := set.ExecuteTemplate(buf, "base.html", data); err != nil {
		d := t.templateDiag(err, "the template failed while rendering this page")
		return nil, &d
	}
	return buf.Bytes(), nil
}

// ExecutePartial renders one partial on its own (for output shared by many
// pages, rendered once).
func (t *Theme) ExecutePartial(name string, data any) ([]byte, *diag.Diagnostic) {
	if t.partials == nil || t.partials.Lookup(name) == nil {
		return nil, &diag.Diagnostic{Path: "layouts/" + name, Severity: diag.Error, Message: "missing template " + name, Hint: "add layouts/" + name + " or restore the default theme"}
	}
	var buf bytes.Buffer
	if err := t.partials.ExecuteTemplate(&buf, name, data); err != nil {
		d := t.templateDiag(err, "the template failed while rendering this page")
		return nil, &d
	}
	return buf.Bytes(), nil
}

// StaticFiles calls fn for every theme static file, the site's theme
// overriding the built-in one. Paths are output-relative.
func (t *Theme) StaticFiles(fn func(outPath string, data []byte) error) error {
	return t.walkStatic(func(p string, l layer) error {
		data, err := fs.ReadFile(l.fsys, p)
		if err != nil {
			return fmt.Errorf("%s: %w", path.Join(l.display, p), err)
		}
		return fn(p, data)
	})
}

// StaticFile is a theme file as StaticFiles writes it.
type StaticFile struct {
	Path   string // in the output
	Origin string // where it comes from, for messages
}

// StaticPaths lists what StaticFiles writes, reading no file.
func (t *Theme) StaticPaths() []StaticFile {
	var out []StaticFile
	_ = t.walkStatic(func(p string, l layer) error {
		out = append(out, StaticFile{Path: p, Origin: path.Join(l.display, p)})
		return nil
	})
	return out
}

// walkStatic calls fn for each theme static file once, from the layer
// that wins.
func (t *Theme) walkStatic(fn func(p string, l layer) error) error {
	seen := map[string]bool{}
	for _, l := range t.static {
		err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || seen[p] {
				return nil
			}
			seen[p] = true
			return fn(p, l)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// unwrap drops the operation and path of a PathError, which the message
// already names.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
