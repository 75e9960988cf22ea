package pipeline

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/watch"
)

// plan is what a rebuild has to redo.
type plan struct {
	config      bool // re-read site.toml (and so everything)
	theme       bool // re-load templates and theme files
	templates   bool // templates may have changed (not only theme files)
	renderAll   bool
	assets      bool // copy static, theme and content files again
	walkContent bool // the set of content files may have changed
	walkStatic  bool
	graph       bool            // the site graph was rebuilt (set by the graph stage)
	modified    map[string]bool // content markdown to re-read, by site path
	edited      []string        // content markdown paths named in the change list
}

func (b *Builder) plan(changed []string) plan {
	p := plan{modified: map[string]bool{}}
	if !b.ready || changed == nil {
		return plan{config: true, theme: true, templates: true, renderAll: true, assets: true, walkContent: true, walkStatic: true, modified: p.modified}
	}
	for _, c := range changed {
		rel := b.siteRel(c)
		abs := filepath.Join(b.opts.Source, filepath.FromSlash(rel))
		switch watch.Classify(rel) {
		case watch.Config:
			p.config, p.theme, p.templates, p.renderAll, p.assets, p.walkContent, p.walkStatic = true, true, true, true, true, true, true
		case watch.Template:
			// A theme folder appearing or vanishing changes its files too.
			p.theme, p.templates, p.renderAll, p.assets = true, true, true, true
		case watch.ThemeStatic:
			p.theme, p.assets = true, true
		case watch.SiteStatic:
			p.walkStatic, p.assets = true, true
		case watch.Content:
			if b.planIncluders(rel, &p) {
				continue
			}
			if strings.HasSuffix(rel, ".md") {
				p.edited = append(p.edited, rel)
			}
			switch {
			case b.pages[rel] != nil && isRegular(abs):
				p.modified[rel] = true // an edit: the common case, no walk
			case b.isAsset(rel) && isRegular(abs):
				p.assets = true
			default:
				// Added, removed or renamed files and folders.
				p.walkContent, p.assets = true, true
			}
		}
	}
	return p
}

// planIncluders plans a re-parse of every page that includes the snippet
// (or a snippet in the folder) at rel, at any depth, and reports whether
// rel is in an unpublished folder, which nothing else reads. The pages'
// own bytes are unchanged: their hash is forgotten so they are parsed.
func (b *Builder) planIncluders(rel string, p *plan) bool {
	for path, sp := range b.pages {
		if sp.page == nil || sp.page.Body == nil {
			continue
		}
		for _, inc := range sp.page.Body.Includes {
			if inc == rel || strings.HasPrefix(inc, rel+"/") {
				p.modified[path], sp.sum = true, 0
				break
			}
		}
	}
	return markdown.IsUnpublished(strings.TrimPrefix(rel, "content/"))
}

func (b *Builder) siteRel(p string) string {
	if !filepath.IsAbs(p) {
		return filepath.ToSlash(filepath.Clean(filepath.FromSlash(p)))
	}
	abs, err := filepath.Abs(b.opts.Source)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(abs, p)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

func (b *Builder) isAsset(rel string) bool {
	for _, a := range b.assets {
		if a.Path == rel {
			return true
		}
	}
	return false
}

func isRegular(abs string) bool {
	info, err := os.Stat(abs)
	return err == nil && info.Mode().IsRegular()
}
