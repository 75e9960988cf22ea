package render

import (
	"html/template"
	"testing"
)

func TestUnmarkRepeatedTerms(t *testing.T) {
	seen := map[string]bool{}
	termsMarked(seen, `<p><a class="fg-term" href="../glossary/#ea"><abbr title="Enterprise Agreement">EA</abbr></a></p>`)
	in := template.HTML(`<a class="fg-term" href="../glossary/#csp"><abbr title="Cloud Solution Provider">CSP</abbr></a> and ` +
		`<a class="fg-term" href="../glossary/#ea"><abbr title="Enterprise Agreement">EAs</abbr></a> then ` +
		`<a class="fg-term" href="../glossary/#csp"><abbr title="Cloud Solution Provider">CSP</abbr></a>`)
	got := unmarkRepeatedTerms(seen, in)
	want := template.HTML(`<a class="fg-term" href="../glossary/#csp"><abbr title="Cloud Solution Provider">CSP</abbr></a> and EAs then CSP`)
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if again := unmarkRepeatedTerms(seen, in); again != "CSP and EAs then CSP" {
		t.Errorf("second body: %s", again)
	}
}
