package frontmatter

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// TestSyntaxHints pins the plain-words explanation and the position of the
// TOML mistakes content owners make. Front matter starts on line 2 of the
// file, as after the opening +++.
func TestSyntaxHints(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"curly quotes", "title = “My page”\n",
			"a.md:2:9: `title` has curly quotes “…”; TOML needs straight quotes, as a plain-text editor types them: title = \"My page\""},
		{"curly closing quote only", "title = \"A\"\nsummary = \"Ends badly”\n",
			"a.md:3:22: `summary` has curly quotes “…”; TOML needs straight quotes, as a plain-text editor types them: summary = \"Ends badly\""},
		{"single curly quotes", "title = ‘Mine’\n",
			"a.md:2:9: `title` has curly quotes ‘…’; TOML needs straight quotes, as a plain-text editor types them: title = \"Mine\""},
		{"curly quotes in a list", "title = \"A\"\nroles = [“CSA”, “CSAM”]\n",
			"a.md:3:10: `roles` has curly quotes “…”; TOML needs straight quotes, as a plain-text editor types them: roles = [\"CSA\", \"CSAM\"]"},
		{"curly quotes in a nested table", "title = \"A\"\n\n[[questions]]\nquestion = “Which?”\n",
			"a.md:5:12: `question` has curly quotes “…”; TOML needs straight quotes, as a plain-text editor types them: question = \"Which?\""},
		{"quote inside a text", "title = \"He said \"hi\" there\"\n",
			"a.md:2:18: the quote inside the text of `title` ends it early; put the text in single quotes, or write each quote inside it as \\\": title = 'He said \"hi\" there'"},
		{"quote inside a text with an apostrophe", "title = \"Don't say \"no\"\"\n",
			"a.md:2:20: the quote inside the text of `title` ends it early; put the text in single quotes, or write each quote inside it as \\\": title = \"Don't say \\\"no\\\"\""},
		{"ambiguous date", "title = \"A\"\nreviewed = 04/12/2026\n",
			"a.md:3:12: `reviewed = 04/12/2026` is not a date TOML can read; write dates year-month-day, without quotes: reviewed = 2026-12-04 for 4 December 2026, or reviewed = 2026-04-12 for 12 April 2026 (04/12/2026 means either, depending on the country)"},
		{"day-first date", "reviewed = 25.12.2025\n",
			"a.md:2:12: `reviewed = 25.12.2025` is not a date TOML can read; write dates year-month-day, without quotes: reviewed = 2025-12-25"},
		{"month-first date", "reviewed = 12/25/2025\n",
			"a.md:2:12: `reviewed = 12/25/2025` is not a date TOML can read; write dates year-month-day, without quotes: reviewed = 2025-12-25"},
		{"year-first date with slashes", "reviewed = 2026/4/1\n",
			"a.md:2:12: `reviewed = 2026/4/1` is not a date TOML can read; write dates year-month-day with two-digit months and days, without quotes: reviewed = 2026-04-01"},
		{"date with a one-digit day", "reviewed = 2026-04-1\n",
			"a.md:2:12: `reviewed = 2026-04-1` is not a date TOML can read; write dates year-month-day with two-digit months and days, without quotes: reviewed = 2026-04-01"},
		{"impossible date", "reviewed = 2026-13-01\n",
			"a.md:2:12: `reviewed = 2026-13-01` is not a date TOML can read; write dates year-month-day with a four-digit year, without quotes, e.g. reviewed = 2026-04-12"},
		{"unclosed quote", "title = \"My page\nsummary = \"x\"\n",
			"a.md:2:9: the text of `title` has no closing quote; end it with a \" on the same line: title = \"My page\""},
		{"unclosed single quote", "title = 'My page\n",
			"a.md:2:9: the text of `title` has no closing quote; end it with a ' on the same line: title = 'My page'"},
		{"unclosed quote in a list", "roles = [\"CSA\", \"Seller]\n",
			"a.md:2:17: a text in `roles` has no closing quote; end it with a \" on the same line: roles = [\"CSA\", \"Seller\"]"},
		{"unclosed multi-line text", "title = \"A\"\nsummary = \"\"\"\nLine one.\nLine two.\n",
			"a.md:3:11: the text opened with \"\"\" is never closed; end it with \"\"\", on the line after its last line"},
		{"text without quotes", "title = My page\n",
			"a.md:2:9: the text of `title` needs quotes; write title = \"My page\""},
		{"other mistakes keep the library's words", "title = = 3\n",
			"a.md:2:9: invalid front matter: expected value but found '=' instead; front matter is TOML: strings need quotes, e.g. title = \"My page\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.List
			if tbl := Decode("a.md", []byte(c.src), 2, &diags); tbl != nil {
				t.Fatalf("%q decoded without an error", c.src)
			}
			var got []string
			for _, d := range diags.Items() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != c.want {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), c.want)
			}
		})
	}
}

// TestDateAsText: a date in quotes, written another way, gets the same
// advice as one without.
func TestDateAsText(t *testing.T) {
	var diags diag.List
	tbl := Decode("a.md", []byte("reviewed = \"04/12/2026\"\n"), 2, &diags)
	tbl.Date("reviewed")
	want := "a.md:2:1: `reviewed = \"04/12/2026\"` is not a date TOML can read; write dates year-month-day, without quotes: reviewed = 2026-12-04 for 4 December 2026, or reviewed = 2026-04-12 for 12 April 2026 (04/12/2026 means either, depending on the country)"
	if items := diags.Items(); len(items) != 1 || items[0].String() != want {
		t.Errorf("got %v\nwant %s", items, want)
	}
}
