package pipeline

import (
	"fmt"
	"path"
	"strings"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/search"
	"github.com/fieldguide/fieldguide/internal/site"
	"github.com/fieldguide/fieldguide/internal/source"
	"github.com/fieldguide/fieldguide/internal/theme"
)

// syntaxCSS is the code-highlighting stylesheet writeAssets makes.
const syntaxCSS = "assets/syntax.css"

// checkOutputs finds every output path two parties would write, or that
// one writes as a file where another needs a folder, comparing paths as
// hosts that ignore case and Unicode normalization do (output.Claims).
// The parties are what the build writes, listed by the code that writes
// them: fieldguide's own files (render.ExtraFiles, the search index, the
// highlighting stylesheet, serve's reserved folder), theme files, the
// pages fieldguide makes for folders without _index.md, files copied from
// static/ and content/, pages and aliases. A problem is reported at the
// later party (a page's slug, an alias, a copied file) naming the other.
// Files in static/ or content/ may replace theme files and robots.txt of
// the same path: that is how a site changes them. Names that cannot be
// published (output.PathProblem) are reported here for copied files;
// site.Build reports them for pages.
func checkOutputs(s *site.Site, th *theme.Theme, static []source.File, diags *diag.List) {
	c := output.NewClaims(len(s.Pages) + len(s.Aliases) + len(s.Assets) + len(static) + 64)
	c.Reserve(output.ServePrefix, output.Party{Kind: output.Generated, Name: "fieldguide serve's own files"}, nil)
	c.Reserve(search.Dir, output.Party{Kind: output.Generated, Name: "fieldguide's search index"}, nil)
	for _, f := range render.SiteFiles(s) {
		c.Claim(f.Path, output.Party{Kind: output.Generated, Name: "fieldguide's " + f.What, Replaceable: f.Replaceable})
	}
	c.Claim(syntaxCSS, output.Party{Kind: output.Generated, Name: "fieldguide's code-highlighting stylesheet", Replaceable: true})
	themeFiles := th.StaticPaths()
	for _, f := range themeFiles {
		if conflict := c.Claim(f.Path, output.Party{Kind: output.Theme, Name: f.Origin, Replaceable: true}); conflict != nil {
			diags.Errorf(f.Origin, diag.Pos{}, "rename or move the theme file", "the theme file %s", describe(conflict))
		}
	}
	// The theme's folders (assets/) hold files, not pages.
	reserved := map[string]bool{}
	for _, f := range themeFiles {
		if top, _, nested := strings.Cut(f.Path, "/"); nested && !reserved[top] {
			reserved[top] = true
			c.Reserve(top, output.Party{Kind: output.Theme, Name: "the theme's files"}, func(k output.Kind) bool { return k != output.Page && k != output.Alias })
		}
	}
	for _, p := range s.Pages {
		if p.Generated && s.Page(p.URL) == p {
			if conflict := c.Claim(render.OutPath(p.URL), output.Party{Kind: output.Generated, Name: generatedSection(p)}); conflict != nil {
				diags.Errorf("content/"+path.Dir(p.Rel), diag.Pos{}, "merge the two folders, or rename one", "the folder's page, %s", describe(conflict))
			}
		}
	}
	for _, group := range [][]source.File{static, s.Assets} {
		for _, f := range group {
			if seg, why := output.PathProblem(f.Rel); why != "" {
				diags.Errorf(f.Path, diag.Pos{}, "rename it with letters, digits, dashes and dots, such as \"annual-report.pdf\"", "the name %q cannot be part of a web address: it %s", seg, why)
				continue
			}
			if conflict := c.Claim(f.Rel, output.Party{Kind: output.File, Name: f.Path}); conflict != nil {
				diags.Errorf(f.Path, diag.Pos{}, "rename or move the file", "this file, published as %s", describe(conflict))
			}
		}
	}
	for _, p := range s.Pages {
		if p.Generated || s.Page(p.URL) != p {
			continue // made up, or already reported as taking another page's address
		}
		if conflict := c.Claim(render.OutPath(p.URL), output.Party{Kind: output.Page, Name: p.Source}); conflict != nil {
			pos, hint := p.KeyPos("slug"), "change the slug"
			if p.Slug == "" {
				pos, hint = diag.Pos{}, "rename the file, or give the page a slug"
			}
			diags.Errorf(p.Source, pos, hint, "this page's address, %s", describe(conflict))
		}
	}
	for _, a := range s.Aliases {
		if conflict := c.Claim(render.OutPath(a.URL), output.Party{Kind: output.Alias, Name: "an alias of " + a.Target.Source}); conflict != nil {
			diags.Errorf(a.Target.Source, a.Target.KeyPos("aliases"), "change or remove the alias", "alias %s", describe(conflict))
		}
	}
}

// describe says how a claim collides, after "the page's address, ".
func describe(c *output.Conflict) string {
	other := c.Other.Name
	switch c.How {
	case output.SameOnHost:
		how := "differs only in case from"
		if !strings.EqualFold(c.Path, c.OtherPath) {
			how = "is the same text, written with other Unicode characters (composed or with combining accents), as"
		}
		return fmt.Sprintf("%s, %s %s, taken by %s: hosts that ignore case or Unicode normalization, such as Windows, macOS and many CDNs, keep only one of them",
			shown(c.Path), how, shown(c.OtherPath), other)
	case output.IsFolder:
		return fmt.Sprintf("%s, must be a file, but it is a folder holding %s, taken by %s", shown(c.Path), shown(c.OtherPath), other)
	case output.NeedsFolder:
		return fmt.Sprintf("%s, needs %s to be a folder, but that is a file, taken by %s", shown(c.Path), shown(c.OtherPath), other)
	case output.Reserved:
		return fmt.Sprintf("%s, is inside %s, which is kept for %s", shown(c.Path), shown(c.OtherPath), other)
	}
	return fmt.Sprintf("%s, is taken by %s", shown(c.Path), other)
}

// shown is an output path as readers type it: "faq/index.html" is /faq/.
func shown(p string) string {
	if p == "index.html" || strings.HasSuffix(p, "/index.html") {
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

func generatedSection(p *site.Page) string {
	if p.URL == "" {
		return "the home page fieldguide makes, as content/ has no _index.md"
	}
	return "the page fieldguide makes for content/" + path.Dir(p.Rel) + "/, which has no _index.md"
}
