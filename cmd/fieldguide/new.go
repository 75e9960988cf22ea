package main

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/page"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new")
	source := fs.String("source", ".", "site `folder`")
	if err := parseFlags(fs, args, stdout, true); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return &usageError{cmd: "new", msg: `new needs a kind and a name, e.g. fieldguide new faq "Tracking in MSX"`}
	}
	kind, name := fs.Arg(0), fs.Arg(1)
	tmpl, ok := page.StarterFor(kind)
	if !ok {
		return &usageError{cmd: "new", msg: fmt.Sprintf("unknown kind %q; %s", kind, diag.DidYouMean(kind, starterKinds(), "use "+strings.Join(starterKinds(), ", ")))}
	}
	if rest := fs.Args()[2:]; len(rest) > 0 {
		for _, a := range rest {
			if strings.HasPrefix(a, "-") {
				return &usageError{cmd: "new", msg: fmt.Sprintf("flags go before the kind: fieldguide new %s %s %s", a, kind, name)}
			}
		}
		return &usageError{cmd: "new", msg: fmt.Sprintf("a name with spaces needs quotes: fieldguide new %s %q", kind, strings.Join(fs.Args()[1:], " "))}
	}
	if kind == "term" {
		return newTerm(*source, tmpl, name, stdout, stderr)
	}
	slug := markdown.Slug(strings.TrimSuffix(filepath.Base(name), ".md"))
	rel, err := newFileRel(kind, tmpl.Folder, name, slug)
	if err != nil {
		return err
	}
	title := titleFor(strings.TrimSuffix(filepath.Base(name), ".md"), slug)
	number := 0
	if kind == "scenario" {
		number = nextScenarioNumber(filepath.Join(*source, filepath.Dir(rel)))
	}
	body := tmpl.Fill(title, time.Now().Format("2006-01-02"), number)
	if err := createInside(*source, rel, []byte(body)); err != nil {
		fmt.Fprintf(stderr, "fieldguide: %v\n", err)
		return &reported{err}
	}
	fmt.Fprintf(stdout, "Created %s: replace its placeholder text, then run fieldguide check\n", rel)
	return nil
}

// titleFor is a new page's title: the name as written ("Tracking in
// MSX", "CSA"), or, for a name written as a file name ("tracking-in-msx"),
// its words.
func titleFor(name, slug string) string {
	if name != slug {
		return name
	}
	return strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
}

// newTerm adds an abbreviation to content/glossary.md, creating the
// glossary from its template when there is none. A term the glossary
// already has is refused, as new refuses an existing file.
func newTerm(siteDir string, tmpl page.Starter, term string, stdout, stderr io.Writer) error {
	rel := filepath.Join("content", tmpl.File)
	if _, err := os.Lstat(filepath.Join(siteDir, rel)); errors.Is(err, iofs.ErrNotExist) {
		if err := createInside(siteDir, rel, []byte(tmpl.Fill(term, time.Now().Format("2006-01-02"), 0))); err != nil {
			fmt.Fprintf(stderr, "fieldguide: %v\n", err)
			return &reported{err}
		}
		fmt.Fprintf(stdout, "Created %s with the term %s: write its expansion and definition, then run fieldguide check\n", rel, term)
		return nil
	}
	if err := addTerm(siteDir, rel, term); err != nil {
		fmt.Fprintf(stderr, "fieldguide: %v\n", err)
		return &reported{err}
	}
	fmt.Fprintf(stdout, "Added %s to %s: write its expansion and definition, then run fieldguide check\n", term, rel)
	return nil
}

// addTerm puts a [[terms]] entry at the end of an existing glossary's
// front matter, replacing the file in one rename so an editor or serve
// never reads half of it.
func addTerm(siteDir, rel, term string) error {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return err
	}
	defer root.Close()
	src, err := root.ReadFile(rel)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", rel, err)
	}
	split, serr := frontmatter.Split(src)
	if serr != nil {
		return fmt.Errorf("%s:%d:%d: %s; %s", rel, serr.Pos.Line, serr.Pos.Col, serr.Message, serr.Hint)
	}
	var problems diag.List
	if fm := frontmatter.Decode(rel, split.FrontMatter, split.FMLine, &problems); fm != nil {
		for _, t := range fm.Tables("terms") {
			if t.String("term") == term {
				return fmt.Errorf("%s already defines %s at line %d; edit that entry", rel, term, t.Pos("term").Line)
			}
		}
	}
	end := closingDelimiter(src)
	if end < 0 {
		return fmt.Errorf("%s: cannot find the +++ line that closes the front matter", rel)
	}
	entry := "\n" + page.TermEntry(term)
	updated := append(append(append([]byte(nil), src[:end]...), entry...), src[end:]...)
	tmp := rel + ".fieldguide-new"
	if err := root.WriteFile(tmp, updated, 0o644); err != nil {
		return err
	}
	if err := root.Rename(tmp, rel); err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}

// closingDelimiter is the offset of the +++ line that ends the front
// matter, or -1.
func closingDelimiter(src []byte) int {
	offset := 0
	for i, line := range strings.SplitAfter(string(src), "\n") {
		if i > 0 && strings.TrimRight(line, " \t\r\n") == "+++" {
			return offset
		}
		offset += len(line)
	}
	return -1
}

func starterKinds() []string {
	var kinds []string
	for _, s := range page.Starters {
		kinds = append(kinds, s.Kind)
	}
	return kinds
}

// newFileRel is where a new file goes, relative to the site folder: the
// kind's folder under content/, or for pages the folders written in name.
// A name that leads out of content/ ("../x", "a/../../y", "/tmp/x") is a
// usage error.
func newFileRel(kind, folder, name, slug string) (string, error) {
	if folder != "" {
		return filepath.Join("content", folder, slug+".md"), nil
	}
	if !filepath.IsLocal(name) {
		return "", &usageError{cmd: "new", msg: fmt.Sprintf("%q leads outside content/: name a file inside it, e.g. fieldguide new %s guides/%s", name, kind, slug)}
	}
	return filepath.Join("content", filepath.Dir(name), slug+".md"), nil
}

// createInside writes a new file at rel in the site folder, never outside
// it: folders are made and the file created through an os.Root, which
// refuses a symbolic link that leads out of the site folder.
func createInside(siteDir, rel string, data []byte) error {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(filepath.Dir(rel), 0o755); err != nil {
		return fmt.Errorf("cannot create the folder of %s: %w (symbolic links that lead outside the site folder are not followed)", rel, err)
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, iofs.ErrExist) {
		return fmt.Errorf("%s already exists; edit it, or choose another name", rel)
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w (symbolic links that lead outside the site folder are not followed)", rel, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// nextScenarioNumber is one more than the highest scenario number in dir,
// so a new scenario does not repeat one (the build rejects that). Problems
// in the files are left to the build to report.
func nextScenarioNumber(dir string) int {
	highest := 0
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		split, splitErr := frontmatter.Split(src)
		if splitErr != nil {
			continue
		}
		var ignored diag.List // the build reports what is wrong with the file
		if fm := frontmatter.Decode(f, split.FrontMatter, split.FMLine, &ignored); fm != nil {
			highest = max(highest, fm.Int("number"))
		}
	}
	return highest + 1
}
