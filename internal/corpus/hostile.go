package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// Hostile is a site built to cost far more than its size suggests: the
// inputs a pull request to a content repository could carry to stall or
// exhaust the CI runner that builds it. Each scales with n, so tests can
// check that cost grows linearly and benchmarks can reproduce the full
// size (Default, near a few MB).
type Hostile struct {
	Name    string
	About   string
	Default int
	// Files returns the site: slash paths and their contents.
	Files func(n int) map[string]string
}

// HostileInputs are every hostile site, by name.
var HostileInputs = []Hostile{
	{"same-headings", "n identical `## Same` headings on one page", 20000, func(n int) map[string]string {
		return onePage("same.md", strings.Repeat("## Same\n\nText.\n\n", n))
	}},
	{"links-one-line", "n links to another page on one line", 100000, func(n int) map[string]string {
		files := onePage("links.md", strings.Repeat("[a](other.md) ", n)+"\n")
		files["content/other.md"] = frontMatter("Other") + "Linked.\n"
		return files
	}},
	{"links-one-line-utf8", "n links on one line of multi-byte text", 50000, func(n int) map[string]string {
		files := onePage("links.md", strings.Repeat("é [ü](other.md) ", n)+"\n")
		files["content/other.md"] = frontMatter("Other") + "Linked.\n"
		return files
	}},
	{"nested-lists", "a list nested n levels deep, one `- ` per level on one line", 500000, func(n int) map[string]string {
		return onePage("lists.md", strings.Repeat("- ", n)+"x\n")
	}},
	{"nested-lists-indented", "a list nested n levels deep, one item per line", 2000, func(n int) map[string]string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return onePage("lists.md", b.String())
	}},
	{"nested-ordered-lists", "an ordered list nested n levels deep on one line", 300000, func(n int) map[string]string {
		return onePage("lists.md", strings.Repeat("1. ", n)+"x\n")
	}},
	{"nested-quotes", "a blockquote nested n levels deep", 1000000, func(n int) map[string]string {
		return onePage("quotes.md", strings.Repeat(">", n)+" a\n")
	}},
	{"nested-quotes-lines", "n lines each quoted n/100 levels deep", 2000, func(n int) map[string]string {
		return onePage("quotes.md", strings.Repeat(strings.Repeat("> ", n/100)+"a\n", n))
	}},
	{"nested-brackets", "n `[` then n `]`", 500000, func(n int) map[string]string {
		return onePage("brackets.md", strings.Repeat("[", n)+"a"+strings.Repeat("]", n)+"\n")
	}},
	{"nested-emphasis", "`*a **a ` n times, then its closers", 150000, func(n int) map[string]string {
		return onePage("emphasis.md", strings.Repeat("*a **a ", n)+"b"+strings.Repeat(" a** a*", n)+"\n")
	}},
	{"emphasis-openers", "n emphasis openers without closers", 500000, func(n int) map[string]string {
		return onePage("emphasis.md", strings.Repeat("_a ", n)+"\n")
	}},
	{"emphasis-mismatched", "n mismatched emphasis delimiters", 500000, func(n int) map[string]string {
		return onePage("emphasis.md", strings.Repeat("*a_ ", n)+"\n")
	}},
	{"link-openers", "n `[ a_` link openers and emphasis closers", 500000, func(n int) map[string]string {
		return onePage("links.md", strings.Repeat("[ a_", n)+"\n")
	}},
	{"unclosed-links", "n `[a](<b` unclosed links", 300000, func(n int) map[string]string {
		return onePage("links.md", strings.Repeat("[a](<b", n)+"\n")
	}},
	{"image-brackets", "`![[]()` n times", 500000, func(n int) map[string]string {
		return onePage("images.md", strings.Repeat("![[]()", n)+"\n")
	}},
	{"backticks", "runs of 1..n backticks", 2500, func(n int) map[string]string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString("e" + strings.Repeat("`", i))
		}
		return onePage("code.md", b.String()+"\n")
	}},
	{"html-comments", "an unclosed `<!--` n times", 1000000, func(n int) map[string]string {
		return onePage("html.md", "a </"+strings.Repeat("<!--", n)+"\n")
	}},
	{"many-raw-html", "n inline HTML tags, each dropped with a warning", 200000, func(n int) map[string]string {
		return onePage("html.md", strings.Repeat("<b>x</b> ", n)+"\n")
	}},
	{"long-table", "a table of n rows", 300000, func(n int) map[string]string {
		return onePage("table.md", "| a | b | c |\n| - | - | - |\n"+strings.Repeat("| 1 | 2 | 3 |\n", n))
	}},
	{"wide-table", "a table header of n columns over n one-cell rows (cells are padded to the header)", 100000, func(n int) map[string]string {
		return onePage("table.md", strings.Repeat("|a", n)+"|\n"+strings.Repeat("|-", n)+"|\n"+strings.Repeat("a\n", n))
	}},
	{"huge-line", "one paragraph line of n words", 800000, func(n int) map[string]string {
		return onePage("line.md", strings.Repeat("word ", n)+"\n")
	}},
	{"long-heading", "one heading of n words", 800000, func(n int) map[string]string {
		return onePage("heading.md", "## "+strings.Repeat("word ", n)+"\n\nText.\n")
	}},
	{"many-headings", "n distinct headings, each with a short section", 100000, func(n int) map[string]string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "## Heading %d\n\nText %d.\n\n", i, i)
		}
		return onePage("headings.md", b.String())
	}},
	{"many-footnotes", "n footnotes, each referenced once, a hundred references a paragraph", 100000, func(n int) map[string]string {
		var refs, defs strings.Builder
		for i := range n {
			fmt.Fprintf(&refs, "a[^%d] ", i)
			if i%100 == 99 {
				refs.WriteString("\n\n")
			}
			fmt.Fprintf(&defs, "[^%d]: Note %d.\n", i, i)
		}
		return onePage("notes.md", refs.String()+"\n\n"+defs.String())
	}},
	{"footnote-refs", "one footnote referenced n times", 300000, func(n int) map[string]string {
		return onePage("notes.md", strings.Repeat("a[^x] ", n)+"\n\n[^x]: The note.\n")
	}},
	{"many-link-references", "n link reference definitions, each used once, a hundred uses a paragraph", 100000, func(n int) map[string]string {
		var uses, defs strings.Builder
		for i := range n {
			fmt.Fprintf(&uses, "[r%d] ", i)
			if i%100 == 99 {
				uses.WriteString("\n\n")
			}
			fmt.Fprintf(&defs, "[r%d]: other.md\n", i)
		}
		files := onePage("refs.md", uses.String()+"\n\n"+defs.String())
		files["content/other.md"] = frontMatter("Other") + "Linked.\n"
		return files
	}},
	{"many-autolinks", "n bare URLs", 200000, func(n int) map[string]string {
		return onePage("urls.md", strings.Repeat("https://a.example/x ", n)+"\n")
	}},
	{"many-entities", "n HTML entities and typographer quotes", 250000, func(n int) map[string]string {
		return onePage("entities.md", strings.Repeat("&amp; 'a' \"b\" -- ", n)+"\n")
	}},
	{"many-callouts", "n callouts", 100000, func(n int) map[string]string {
		return onePage("callouts.md", strings.Repeat("> [!NOTE]\n> Text.\n\n", n))
	}},
	{"huge-code-block", "a fenced Go code block of n lines", 200000, func(n int) map[string]string {
		return onePage("code.md", "```go\n"+strings.Repeat("x := \"a\" + `b` // c\n", n)+"```\n")
	}},
	{"many-code-blocks", "n small fenced code blocks", 50000, func(n int) map[string]string {
		return onePage("code.md", strings.Repeat("```go\nx := 1\n```\n\n", n))
	}},
	{"glossary-paragraph", "n glossary terms used at the start of a 1 MB paragraph", 3000, func(n int) map[string]string {
		terms := make([]string, n)
		for i := range terms {
			terms[i] = fmt.Sprintf("T%05d", i)
		}
		files := onePage("terms.md", strings.Join(terms, " ")+" "+strings.Repeat("filler ", 150000)+"\n")
		files["content/glossary.md"] = glossaryOf(terms)
		return files
	}},
	{"glossary-shared-prefix", "n glossary terms with one first letter, over text of n words starting with it", 20000, func(n int) map[string]string {
		terms := make([]string, n)
		for i := range terms {
			terms[i] = fmt.Sprintf("A%05d", i)
		}
		files := onePage("terms.md", strings.Repeat("A A0 Ab ", n*10)+"\n")
		files["content/glossary.md"] = glossaryOf(terms)
		return files
	}},
	{"tree-chain", "a decision tree of n questions in a chain, each also answered by one shared outcome", 3000, func(n int) map[string]string {
		return map[string]string{"content/trees/chain.md": chainTree(n)}
	}},
	{"tree-wide", "a decision tree whose one question has n answers", 20000, func(n int) map[string]string {
		var b strings.Builder
		b.WriteString("+++\ntitle = \"Wide\"\nstart = \"q\"\n\n[[questions]]\nid = \"q\"\nquestion = \"Which?\"\n")
		for i := range n {
			fmt.Fprintf(&b, "\n  [[questions.answers]]\n  id = \"a%d\"\n  label = \"A%d\"\n  outcome = \"o%d\"\n", i, i, i)
		}
		for i := range n {
			fmt.Fprintf(&b, "\n[[outcomes]]\nid = \"o%d\"\ntitle = \"O%d\"\n", i, i)
		}
		return map[string]string{"content/trees/wide.md": b.String() + "+++\n\nA wide tree.\n"}
	}},
	{"tree-dense", "a decision tree of two layers of n questions, each answering to every question of the next layer", 180, func(n int) map[string]string {
		var b strings.Builder
		b.WriteString("+++\ntitle = \"Dense\"\nstart = \"s\"\n\n[[questions]]\nid = \"s\"\nquestion = \"Start?\"\n")
		for i := range n {
			fmt.Fprintf(&b, "\n  [[questions.answers]]\n  id = \"a%d\"\n  label = \"A\"\n  next = \"x%d\"\n", i, i)
		}
		for _, layer := range []string{"x", "y"} {
			for i := range n {
				fmt.Fprintf(&b, "\n[[questions]]\nid = \"%s%d\"\nquestion = \"Q?\"\n", layer, i)
				for j := range n {
					next := fmt.Sprintf("next = \"y%d\"", j)
					if layer == "y" {
						next = fmt.Sprintf("outcome = \"o%d\"", j)
					}
					fmt.Fprintf(&b, "\n  [[questions.answers]]\n  id = \"a%d\"\n  label = \"A\"\n  %s\n", j, next)
				}
			}
		}
		for i := range n {
			fmt.Fprintf(&b, "\n[[outcomes]]\nid = \"o%d\"\ntitle = \"O\"\n", i)
		}
		return map[string]string{"content/trees/dense.md": b.String() + "+++\n\nA dense tree.\n"}
	}},
	{"mermaid-chain", "a mermaid diagram: a chain of n nodes, each also linked to one shared node", 3000, func(n int) map[string]string {
		var b strings.Builder
		b.WriteString("```mermaid\ngraph TD\n")
		for i := range n {
			fmt.Fprintf(&b, "N%d --> N%d\nN%d --> Z\n", i, i+1, i)
		}
		return onePage("diagram.md", b.String()+"```\n")
	}},
	{"mermaid-dense", "a mermaid diagram: n nodes each linked to n others", 500, func(n int) map[string]string {
		var b strings.Builder
		b.WriteString("```mermaid\ngraph TD\n")
		for i := range n {
			for j := range n {
				fmt.Fprintf(&b, "A%d --> B%d\n", i, j)
			}
		}
		return onePage("diagram.md", b.String()+"```\n")
	}},
	{"many-diagrams", "n small mermaid diagrams on one page", 20000, func(n int) map[string]string {
		return onePage("diagrams.md", strings.Repeat("```mermaid\ngraph TD\nA --> B\n```\n\n", n))
	}},
	{"toml-nested-arrays", "front matter with an array nested n deep", 1000000, func(n int) map[string]string {
		return map[string]string{"content/deep.md": "+++\ntitle = \"Deep\"\nx = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n+++\n\nText.\n"}
	}},
	{"toml-nested-tables", "front matter with an inline table nested n deep", 500000, func(n int) map[string]string {
		return map[string]string{"content/deep.md": "+++\ntitle = \"Deep\"\nx = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) + "\n+++\n\nText.\n"}
	}},
	{"many-aliases", "one page with n aliases (one redirect page each)", 100000, func(n int) map[string]string {
		aliases := make([]string, n)
		for i := range aliases {
			aliases[i] = fmt.Sprintf("%q", fmt.Sprintf("old/a%d/", i))
		}
		return map[string]string{"content/aliased.md": "+++\ntitle = \"Aliased\"\naliases = [" + strings.Join(aliases, ",") + "]\n+++\n\nText.\n"}
	}},
	{"many-tags", "one page with n tags", 200000, func(n int) map[string]string {
		tags := make([]string, n)
		for i := range tags {
			tags[i] = fmt.Sprintf("\"t%d\"", i)
		}
		return map[string]string{"content/tagged.md": "+++\ntitle = \"Tagged\"\ntags = [" + strings.Join(tags, ",") + "]\n+++\n\nText.\n"}
	}},
	{"many-pages", "n tiny pages in one folder", 40000, func(n int) map[string]string {
		files := map[string]string{"content/_index.md": frontMatter("Home") + "Home.\n"}
		for i := range n {
			files[fmt.Sprintf("content/p/%d.md", i)] = fmt.Sprintf("+++\ntitle = \"P%d\"\n+++\nx\n", i)
		}
		return files
	}},
	{"deep-folders", "a page n folders deep", 1500, func(n int) map[string]string {
		return map[string]string{"content/" + strings.Repeat("a/", n) + "p.md": frontMatter("Deep") + "Text.\n"}
	}},
	{"unique-words", "n distinct words for the search index", 300000, func(n int) map[string]string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "w%x ", i*2654435761)
		}
		return onePage("words.md", b.String()+"\n")
	}},
	{"many-broken-links", "n links to pages that do not exist (n errors)", 100000, func(n int) map[string]string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[a](missing-%d.md) ", i)
		}
		return onePage("broken.md", b.String()+"\n")
	}},
	{"many-broken-anchors", "a page of n headings and n links to anchors it lacks", 50000, func(n int) map[string]string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "## Heading %d\n\n[a](#nope-%d)\n\n", i, i)
		}
		return onePage("anchors.md", b.String())
	}},
	{"broken-links-many-pages", "n pages, each linking to a missing page", 20000, func(n int) map[string]string {
		files := map[string]string{}
		for i := range n {
			files[fmt.Sprintf("content/p/page-%d.md", i)] = fmt.Sprintf("+++\ntitle = \"P%d\"\n+++\n[a](pgae-%d.md)\n", i, i)
		}
		return files
	}},
	{"tree-unknown-targets", "a decision tree of n questions whose answers name questions that do not exist", 20000, func(n int) map[string]string {
		var b strings.Builder
		b.WriteString("+++\ntitle = \"Unknown\"\nstart = \"q0\"\n")
		for i := range n {
			fmt.Fprintf(&b, "\n[[questions]]\nid = \"q%d\"\nquestion = \"Q?\"\n\n  [[questions.answers]]\n  id = \"a\"\n  label = \"A\"\n  next = \"x%d\"\n", i, i)
		}
		return map[string]string{"content/trees/unknown.md": b.String() + "+++\n\nUnknown.\n"}
	}},
	{"tree-many-tests", "a decision tree whose question has n answers, with n tests", 20000, func(n int) map[string]string {
		var b strings.Builder
		b.WriteString("+++\ntitle = \"Tested\"\nstart = \"q\"\n\n[[questions]]\nid = \"q\"\nquestion = \"Which?\"\n")
		for i := range n {
			fmt.Fprintf(&b, "\n  [[questions.answers]]\n  id = \"a%d\"\n  label = \"A\"\n  outcome = \"o\"\n", i)
		}
		b.WriteString("\n[[outcomes]]\nid = \"o\"\ntitle = \"O\"\n")
		for i := range n {
			fmt.Fprintf(&b, "\n[[tests]]\nname = \"t%d\"\nsteps = [\"q=a%d\"]\noutcome = \"o\"\n", i, n-1-i)
		}
		return map[string]string{"content/trees/tested.md": b.String() + "+++\n\nTested.\n"}
	}},
	{"many-tree-pages", "n decision trees, each a chain of 40 questions that can each end at one shared outcome", 600, func(n int) map[string]string {
		files := map[string]string{}
		for i := range n {
			files[fmt.Sprintf("content/trees/chain-%d.md", i)] = chainTree(40)
		}
		return files
	}},
	{"many-mermaid-chains", "n mermaid diagrams on one page, each a chain of 40 nodes also linked to one shared node", 5000, func(n int) map[string]string {
		var b strings.Builder
		for range n {
			b.WriteString("```mermaid\ngraph TD\n")
			for i := range 40 {
				fmt.Fprintf(&b, "N%d --> N%d\nN%d --> Z\n", i, i+1, i)
			}
			b.WriteString("```\n\n")
		}
		return onePage("diagrams.md", b.String())
	}},
}

// LookupHostile returns the hostile site called name.
func LookupHostile(name string) (Hostile, bool) {
	i := slices.IndexFunc(HostileInputs, func(h Hostile) bool { return h.Name == name })
	if i < 0 {
		return Hostile{}, false
	}
	return HostileInputs[i], true
}

// WriteHostile writes the hostile site called name, scaled by n (its
// Default when n is 0), into out, which must not exist or be empty.
func WriteHostile(out, name string, n int) error {
	h, ok := LookupHostile(name)
	if !ok {
		return fmt.Errorf("no hostile input %q", name)
	}
	if n == 0 {
		n = h.Default
	}
	return writeFiles(out, h.Files(n))
}

func frontMatter(title string) string { return fmt.Sprintf("+++\ntitle = %q\n+++\n\n", title) }

// onePage is a site with one plain page holding body.
func onePage(name, body string) map[string]string {
	return map[string]string{"content/" + name: frontMatter("Hostile") + body}
}

func glossaryOf(terms []string) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Glossary\"\n")
	for _, t := range terms {
		fmt.Fprintf(&b, "\n[[terms]]\nterm = %q\nexpansion = \"Expansion of %s\"\n", t, t)
	}
	return b.String() + "+++\n\nTerms.\n"
}

// chainTree is a tree whose questions form one chain; every question can
// also end at one shared outcome, so the layout has n edges that span from
// each question to the bottom.
func chainTree(n int) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Chain\"\nstart = \"q0\"\n")
	for i := range n {
		next := fmt.Sprintf("next = \"q%d\"", i+1)
		if i == n-1 {
			next = "outcome = \"done\""
		}
		fmt.Fprintf(&b, "\n[[questions]]\nid = \"q%d\"\nquestion = \"Question %d?\"\n\n  [[questions.answers]]\n  id = \"yes\"\n  label = \"Yes\"\n  %s\n\n  [[questions.answers]]\n  id = \"no\"\n  label = \"No\"\n  outcome = \"stop\"\n", i, i, next)
	}
	b.WriteString("\n[[outcomes]]\nid = \"done\"\ntitle = \"Done\"\n\n[[outcomes]]\nid = \"stop\"\ntitle = \"Stop\"\n")
	return b.String() + "+++\n\nA long tree.\n"
}
