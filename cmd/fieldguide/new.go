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

	"github.com/fieldguide/fieldguide/internal/content"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/markdown"
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
	tmpl, ok := content.StarterFor(kind)
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
	slug := markdown.Slug(strings.TrimSuffix(filepath.Base(name), ".md"))
	rel := filepath.Join("content", tmpl.Folder, slug+".md")
	if dir := filepath.Dir(name); dir != "." && tmpl.Folder == "" {
		rel = filepath.Join("content", filepath.Clean(dir), slug+".md")
		if strings.HasPrefix(rel, filepath.Join("content", "..")) {
			return &usageError{cmd: "new", msg: "the name must stay inside content/"}
		}
	}
	path := filepath.Join(*source, rel)
	title := strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
	number := 0
	if kind == "scenario" {
		number = nextScenarioNumber(filepath.Dir(path))
	}
	body := tmpl.Fill(title, time.Now().Format("2006-01-02"), number)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	// O_EXCL: an existing page is never overwritten, even one created
	// between a check and the write.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, iofs.ErrExist) {
		return fmt.Errorf("%s already exists; edit it, or choose another name", rel)
	}
	if err != nil {
		return err
	}
	_, err = f.WriteString(body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s: replace its placeholder text, then run fieldguide check\n", rel)
	return nil
}

func starterKinds() []string {
	var kinds []string
	for _, s := range content.Starters {
		kinds = append(kinds, s.Kind)
	}
	return kinds
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
