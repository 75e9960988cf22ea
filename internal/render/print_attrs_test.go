package render

import (
	"strings"
	"testing"
)

// TestRewriteAttrs: exactly the attributes that hold an address or name
// an id are rewritten, their values unescaped for the rewrite and escaped
// again; everything else, text included, is left as it was.
func TestRewriteAttrs(t *testing.T) {
	mark := func(name, value string) string { return name + ":" + value }
	for _, tt := range []struct{ in, want string }{
		{`<a href="../faq/">x</a>`, `<a href="href:../faq/">x</a>`},
		{`<h2 id="q" class="c">Q</h2>`, `<h2 id="id:q" class="c">Q</h2>`},
		{`<div data-id="a" aria-controls="m n">`, `<div data-id="a" aria-controls="aria-controls:m n">`},
		{`<img alt="a &amp; b" src="x.png?a=1&amp;b=2">`, `<img alt="a &amp; b" src="src:x.png?a=1&amp;b=2">`},
		{`<label` + "\n" + `for="f">`, `<label` + "\n" + `for="for:f">`},
		{`<p>id="not an attribute" says the text</p>`, `<p>id="not an attribute" says the text</p>`},
		{`<p>text &#34;id=&#34;</p><a href="">`, `<p>text &#34;id=&#34;</p><a href="href:">`},
		{`<a href="unclosed`, `<a href="unclosed`},
		{``, ``},
	} {
		if got := rewriteAttrs([]byte(tt.in), mark); got != tt.want {
			t.Errorf("rewriteAttrs(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	// A value the rewrite gives back is escaped.
	if got := rewriteAttrs([]byte(`<a href="x">`), func(string, string) string { return `"&<` }); !strings.Contains(got, `href="&#34;&amp;&lt;"`) {
		t.Errorf("not escaped: %s", got)
	}
}
