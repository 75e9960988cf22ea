package config

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
)

func TestParse(t *testing.T) {
	src := `title = "Guide"
base_url = "https://example.com/guide"
edit_url = "https://github.com/contoso/guide/edit/main/content"

[build]
offline = true
offline_reading = true

[freshness]
max_age_days = 0

[scenarios]
seller_mindset = "How the seller thinks"
`
	var diags diag.List
	c := Parse([]byte(src), &diags)
	if diags.Len() != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags.Items())
	}
	want := Default()
	want.Title = "Guide"
	want.BaseURL = "https://example.com/guide/"
	want.EditURL = "https://github.com/contoso/guide/edit/main/content/"
	want.Offline = true
	want.OfflineReading = true
	want.StaleDays = 0
	want.Scenario.SellerMindset = "How the seller thinks"
	if c != want {
		t.Errorf("Parse =\n  %+v\nwant\n  %+v", c, want)
	}
}

// TestParseErrors pins the message and position of each site.toml mistake.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unknown key", "titel = \"G\"\n",
			"site.toml:1:1: unknown key `titel`; did you mean `title`?"},
		{"base_url not absolute", "title = \"G\"\nbase_url = \"example.com\"\n",
			"site.toml:2:1: `base_url` must be an absolute http or https address, got example.com; write a full address such as \"https://example.com/guide/\""},
		{"edit_url not absolute", "edit_url = \"github.com/contoso/guide\"\n",
			"site.toml:1:1: `edit_url` must be an absolute http or https address, got github.com/contoso/guide; write the address of content/ in your repository's web editor, such as \"https://github.com/contoso/guide/edit/main/content/\""},
		{"negative freshness", "[freshness]\nmax_age_days = -1\n",
			"site.toml:2:1: `max_age_days` must not be negative; use 0 to turn the notice off"},
		{"wrong type", "[build]\noffline = \"yes\"\n",
			"site.toml:2:1: `offline` must be true or false"},
		{"theme outside themes/", "title = \"G\"\ntheme = \"../outside/x\"\n",
			"site.toml:2:1: invalid theme \"../outside/x\": it must name a folder inside themes/; a theme is the name of one folder in themes/, such as \"corporate\""},
		{"feedback url neither http nor mailto", "[feedback]\nurl = \"javascript:alert(1)\"\n",
			"site.toml:2:1: [feedback] url must be an absolute http or https address or a mailto: address, got javascript:alert(1); write an address such as \"https://forms.example.com/r?page={url}&title={title}\" or \"mailto:guide-team@example.com\""},
		{"feedback url relative", "[feedback]\nurl = \"/feedback?page={url}\"\n",
			"site.toml:2:1: [feedback] url must be an absolute http or https address or a mailto: address"},
		{"feedback mailto without address", "[feedback]\nurl = \"mailto:\"\n",
			"site.toml:2:1: [feedback] url is a mailto: address with no e-mail address"},
		{"absolute theme", "theme = \"/etc\"\n", "site.toml:1:1: invalid theme \"/etc\""},
		{"nested theme", "theme = \"a/b\"\n", "site.toml:1:1: invalid theme \"a/b\""},
		{"dot theme", "theme = \"..\"\n", "site.toml:1:1: invalid theme \"..\""},
		{"backslash theme", "theme = \"..\\\\x\"\n", "site.toml:1:1: invalid theme \"..\\\\x\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.List
			if cfg := Parse([]byte(c.src), &diags); strings.Contains(c.name, "theme") && cfg.Theme != "default" {
				t.Errorf("an invalid theme falls back to the default, got %q", cfg.Theme)
			}
			var got []string
			for _, d := range diags.Items() {
				got = append(got, d.String())
			}
			for _, g := range got {
				if strings.HasPrefix(g, c.want) {
					return
				}
			}
			t.Errorf("want a diagnostic starting\n  %s\ngot:\n  %s", c.want, strings.Join(got, "\n  "))
		})
	}
}

func TestFeedbackURL(t *testing.T) {
	for _, raw := range []string{
		"https://forms.example.com/r?page={url}&title={title}",
		"http://intranet/feedback/{answer}?u={url}",
		"mailto:guide-team@example.com",
		"mailto:guide-team@example.com?cc=owner@example.com",
	} {
		var diags diag.List
		cfg := Parse([]byte("[feedback]\nurl = \""+raw+"\"\n"), &diags)
		if diags.Len() != 0 || cfg.FeedbackURL != raw {
			t.Errorf("%s: got %q, diagnostics %v", raw, cfg.FeedbackURL, diags.Items())
		}
	}
}
