package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/internal/build"
	"github.com/fieldguide/fieldguide/internal/diag"
)

// usageError is a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// reported means the problem was already printed (exit status 1).
type reported struct{ err error }

func (e *reported) Error() string { return e.err.Error() }
func (e *reported) Unwrap() error { return e.err }

func exitCode(err error) int {
	var u *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u), errors.Is(err, flag.ErrHelp):
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return 1
}

const usage = `fieldguide builds a static field guide from markdown with TOML front matter.

Usage:
  fieldguide [build] [flags]        build the site into public/
  fieldguide check [flags]          run every validation, write nothing
  fieldguide serve [flags]          preview with live reload
  fieldguide new KIND NAME          create a content file (faq, motion, scenario, tree, page)
  fieldguide version                print the version

Run "fieldguide COMMAND --help" for a command's flags.
`

// run is the whole command line: main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "build":
		err = runBuild(ctx, args, stdout, stderr, false)
	case "check":
		err = runBuild(ctx, args, stdout, stderr, true)
	case "serve":
		err = runServe(ctx, args, stdout, stderr)
	case "new":
		err = runNew(args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "fieldguide", version())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		err = &usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
	var u *usageError
	if errors.As(err, &u) {
		fmt.Fprintf(stderr, "fieldguide: %s\n\n%s", u.msg, usage)
	}
	return err
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// siteFlags are the flags build, check and serve share.
type siteFlags struct {
	source, destination, baseURL string
	drafts, offline, strict      bool
}

func (f *siteFlags) register(fs *flag.FlagSet, withDestination bool) {
	fs.StringVar(&f.source, "source", ".", "site `folder` holding site.toml and content/")
	if withDestination {
		fs.StringVar(&f.destination, "destination", "", "output `folder` (default SOURCE/public)")
	}
	fs.StringVar(&f.baseURL, "base-url", "", "published address, e.g. https://example.com/guide/ (overrides site.toml)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft = true")
	fs.BoolVar(&f.offline, "offline", false, "link index.html files so the site works opened from disk")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
}

func (f *siteFlags) options() build.Options {
	return build.Options{Source: f.source, Destination: f.destination, BaseURL: f.baseURL, Drafts: f.drafts, Offline: f.offline, Strict: f.strict}
}

func newFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: fieldguide %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer, checkOnly bool) error {
	name, summary := "build", "Build the site from content/ into the destination folder."
	if checkOnly {
		name, summary = "check", "Run every validation and write nothing. Exit status 1 when there are errors."
	}
	fs := newFlagSet(name, summary, stderr)
	var f siteFlags
	f.register(fs, !checkOnly)
	timings := fs.Bool("timings", false, "print each stage's time and CPU time, and the peak memory")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts := f.options()
	if *timings {
		opts.Timings = stderr
	}
	var res *build.Result
	var err error
	if checkOnly {
		res, err = build.Check(ctx, opts)
	} else {
		res, err = build.Build(ctx, opts)
	}
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics)
	}
	var be *diag.BuildError
	switch {
	case errors.Is(err, context.Canceled) && checkOnly:
		fmt.Fprintln(stderr, "fieldguide: interrupted")
		return &reported{err}
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "fieldguide: interrupted; nothing was written, %s is as it was\n", destination(opts))
		return &reported{err}
	case err != nil && !errors.As(err, &be):
		fmt.Fprintf(stderr, "fieldguide: %v\n", err)
		return &reported{err}
	}
	if res != nil && checkOnly {
		printReport(stdout, res)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %s; nothing was written\n", name, diag.Summary(res.Diagnostics))
		return &reported{err}
	}
	if checkOnly {
		fmt.Fprintf(stdout, "check: %d pages, %s\n", len(res.Site.Pages), diag.Summary(res.Diagnostics))
		return nil
	}
	fmt.Fprintf(stdout, "Built %d pages (%d files) in %s into %s\n", res.Pages, res.Files, res.Duration.Round(time.Millisecond), destination(opts))
	return nil
}

// destination is where a build writes.
func destination(opts build.Options) string {
	if opts.Destination == "" {
		return filepath.Join(opts.Source, "public")
	}
	return opts.Destination
}

func printDiagnostics(w io.Writer, ds []diag.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}

// printReport is the content owners' report: pages due for review, pages
// nothing links to, and abbreviations the glossary lacks.
func printReport(w io.Writer, res *build.Result) {
	var stale []string
	for _, p := range res.Site.Pages {
		if p.Stale {
			owner := ""
			if p.Owner != "" {
				owner = ", owner " + p.Owner
			}
			stale = append(stale, fmt.Sprintf("  %s (last reviewed %s%s)", p.Source, p.Reviewed.Format("2006-01-02"), owner))
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(w, "%d pages are due for review (older than %d days):\n%s\n", len(stale), res.Site.Config.StaleDays, strings.Join(stale, "\n"))
	}
	if orphans := res.Site.Orphans(); len(orphans) > 0 {
		fmt.Fprintf(w, "%d pages are not linked from any other page:\n", len(orphans))
		for _, p := range orphans {
			fmt.Fprintf(w, "  %s\n", p.Source)
		}
	}
	terms := res.UndefinedTerms
	if len(terms) > 0 {
		names := make([]string, 0, len(terms))
		for t := range terms {
			names = append(names, t)
		}
		sort.Strings(names)
		fmt.Fprintf(w, "%d abbreviations are used but not in the glossary:\n", len(names))
		for _, t := range names {
			fmt.Fprintf(w, "  %s (%s)\n", t, terms[t][0].Source)
		}
	}
}
