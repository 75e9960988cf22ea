// Package config loads site.toml, the site-wide settings.
//
// Every key is optional; a site without site.toml builds with defaults.
// Unknown keys and wrong types are reported with their line and column, the
// same way as in front matter.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/source"
)

// FileName is the configuration file at the site root.
const FileName = "site.toml"

// Config is the site's settings after defaults are applied.
type Config struct {
	Title          string
	Description    string
	Language       string
	BaseURL        string // absolute, ending in "/"; empty when unknown
	EditURL        string // the content folder in the repository's web editor, ending in "/"; empty for no edit links
	Classification string // banner text on every page, e.g. "For internal use only"
	Theme          string // folder under themes/; "default" also exists embedded

	Offline bool // links point at index.html files so the site works from disk
	// OfflineReading keeps every page a reader opens in the browser (a
	// service worker), so it stays readable without a connection.
	OfflineReading bool
	UnsafeHTML     bool // emit raw HTML from markdown instead of dropping it
	StaleDays      int  // reviewed dates older than this many days are flagged; 0 disables
	Scenario       ScenarioHeadings
	SyntaxLight    string // chroma style names for the light and dark code stylesheets
	SyntaxDark     string
	// FeedbackURL is where "Was this helpful?" answers go: an http(s)
	// address template with {url}, {title} and {answer}, or a mailto:
	// address. Empty: pages ask nothing.
	FeedbackURL string
}

// ScenarioHeadings names the three sections every scenario must have.
type ScenarioHeadings struct {
	SellerActions, SellerMindset, PartnerRole string
}

// Default returns the settings used when site.toml is absent.
func Default() Config {
	return Config{
		Title:       "Field guide",
		Language:    "en",
		Theme:       "default",
		StaleDays:   365,
		SyntaxLight: "github",
		SyntaxDark:  "github-dark",
		Scenario: ScenarioHeadings{
			SellerActions: "What the seller does",
			SellerMindset: "Seller mindset",
			PartnerRole:   "What the partner does",
		},
	}
}

// Load reads dir/site.toml. Problems are recorded in diags; the returned
// Config always holds usable values.
func Load(dir string, diags *diag.List) Config {
	src, err := source.ReadFile(dir, FileName) // not through a link out of the site, nor from a FIFO
	if errors.Is(err, fs.ErrNotExist) {
		return Default()
	}
	if err != nil {
		hint := "fieldguide reads only a regular file inside the site folder"
		if errors.Is(err, fs.ErrPermission) {
			hint = "check the file's permissions"
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		diags.Errorf(FileName, diag.Pos{}, hint, "cannot read site configuration: %v", err)
		return Default()
	}
	return Parse(src, diags)
}

// Parse reads site.toml's contents.
func Parse(src []byte, diags *diag.List) Config {
	c := Default()
	t := frontmatter.Decode(FileName, src, 1, diags)
	if t == nil {
		return c
	}
	setString(&c.Title, t.String("title"))
	c.Description = t.String("description")
	setString(&c.Language, t.String("language"))
	c.Classification = t.String("classification")
	setString(&c.Theme, t.String("theme"))
	if !validThemeName(c.Theme) {
		t.Errorf("theme", "a theme is the name of one folder in themes/, such as \"corporate\"", "invalid theme %q: it must name a folder inside themes/", c.Theme)
		c.Theme = Default().Theme
	}
	c.BaseURL = folderURL(t, "base_url", "write a full address such as \"https://example.com/guide/\"")
	c.EditURL = folderURL(t, "edit_url", "write the address of content/ in your repository's web editor, such as \"https://github.com/contoso/guide/edit/main/content/\"")

	b := t.Table("build")
	c.Offline = b.Bool("offline")
	c.OfflineReading = b.Bool("offline_reading")
	b.Finish("[build]")

	m := t.Table("markdown")
	c.UnsafeHTML = m.Bool("unsafe_html")
	setString(&c.SyntaxLight, m.String("highlight_style"))
	setString(&c.SyntaxDark, m.String("highlight_style_dark"))
	m.Finish("[markdown]")

	f := t.Table("freshness")
	if f.Has("max_age_days") {
		c.StaleDays = f.Int("max_age_days")
		if c.StaleDays < 0 {
			f.Errorf("max_age_days", "use 0 to turn the notice off", "`max_age_days` must not be negative")
		}
	}
	f.Finish("[freshness]")

	fb := t.Table("feedback")
	c.FeedbackURL = fb.String("url")
	if why := feedbackProblem(c.FeedbackURL); why != "" {
		fb.Errorf("url", "write an address such as \"https://forms.example.com/r?page={url}&title={title}\" or \"mailto:guide-team@example.com\"", "[feedback] url %s", why)
		c.FeedbackURL = ""
	}
	fb.Finish("[feedback]")

	s := t.Table("scenarios")
	setString(&c.Scenario.SellerActions, s.String("seller_actions"))
	setString(&c.Scenario.SellerMindset, s.String("seller_mindset"))
	setString(&c.Scenario.PartnerRole, s.String("partner_role"))
	s.Finish("[scenarios]")

	t.Finish("site.toml")
	return c
}

// feedbackProblem says why a feedback address cannot be used, or "".
func feedbackProblem(raw string) string {
	if raw == "" {
		return ""
	}
	// The placeholders are not valid in every part of a URL; check the
	// address as it will be once they are filled in.
	filled := strings.NewReplacer("{url}", "u", "{title}", "t", "{answer}", "a").Replace(raw)
	u, err := url.Parse(filled)
	switch {
	case err != nil:
		return "is not a valid address: " + raw
	case u.Scheme == "mailto":
		if u.Opaque == "" || !strings.Contains(u.Opaque, "@") {
			return "is a mailto: address with no e-mail address"
		}
		return ""
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return ""
	}
	return "must be an absolute http or https address or a mailto: address, got " + raw
}

// folderURL reads an optional address that paths are appended to.
func folderURL(t *frontmatter.Table, key, hint string) string {
	raw := t.String(key)
	if raw == "" {
		return ""
	}
	u, err := NormalizeFolderURL(raw)
	if err != nil {
		t.Errorf(key, hint, "`%s` %v", key, err)
	}
	return u
}

// validThemeName reports whether name is one folder name, so the theme is
// read from inside themes/ and nowhere else ("../x", "/etc", "a/b" are not).
func validThemeName(name string) bool {
	return name != "" && !strings.HasPrefix(name, ".") && !strings.ContainsAny(name, `/\:`) && filepath.IsLocal(name)
}

func setString(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// NormalizeFolderURL checks that raw is an absolute http(s) URL and makes
// it end in "/" so paths can be appended. Its error names no setting:
// callers say which one it was.
func NormalizeFolderURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("must be an absolute http or https address, got " + raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String(), nil
}
