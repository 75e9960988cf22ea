package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/pipeline"
)

// usageError is a mistake on the command line (exit status 2). cmd names
// the command whose usage run prints after the message ("" for none).
type usageError struct{ cmd, msg string }

func (e *usageError) Error() string { return e.msg }

// reported means the problem was already printed (exit status 1).
type reported struct{ err error }

func (e *reported) Error() string { return e.err.Error() }
func (e *reported) Unwrap() error { return e.err }

func exitCode(err error) int {
	var u *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		return 2
	}
	return 1
}

// command is one subcommand, as run dispatches it and help lists it.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func (c command) synopsis() string {
	return strings.TrimSpace("fieldguide " + c.name + " " + c.args)
}

// commands lists the subcommands. It is a function, not a variable: the
// commands print their help from this list, which a variable's
// initializer could not refer to.
func commands() []command {
	return []command{
		{"build", "[flags]", "Build the site from content/ into the destination folder (public/ by default).", func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			return runBuild(ctx, args, stdout, stderr, false)
		}},
		{"check", "[flags]", "Run every validation and write nothing. Exit status 1 when there are errors.", func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			return runBuild(ctx, args, stdout, stderr, true)
		}},
		{"serve", "[flags]", "Build the site, serve it from memory, and rebuild and reload open pages on every change.\n" +
			"public/ is left alone unless --write is given.", runServe},
		{"new", "[flags] KIND NAME", "Create a content file from a template: KIND is faq, motion, scenario, tree, page, role or area,\n" +
			"or term to add an abbreviation to the glossary.\n" +
			"NAME becomes the title and the file name (quote a name with spaces).", func(_ context.Context, args []string, stdout, stderr io.Writer) error {
			return runNew(args, stdout, stderr)
		}},
		{"init", "DIR", "Create a new guide in DIR (a new or empty folder): site.toml, a page of each kind with its front matter\n" +
			"explained, a glossary, a decision tree, .gitignore and a GitHub Actions workflow that checks pull requests\n" +
			"and publishes main to GitHub Pages. It builds and passes check --strict as it is.", func(_ context.Context, args []string, stdout, stderr io.Writer) error {
			return runInit(args, stdout, stderr)
		}},
		{"version", "", "Print fieldguide's version and the source revision it was built from.", func(_ context.Context, args []string, stdout, _ io.Writer) error {
			return runVersion(args, stdout)
		}},
	}
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return append(names, "help")
}

const usageIntro = `fieldguide builds a static field guide from markdown with TOML front matter.

Usage:
`

// printUsage is the overview "fieldguide help" prints.
func printUsage(w io.Writer) {
	fmt.Fprint(w, usageIntro)
	lines := [][2]string{}
	for _, c := range commands() {
		first, _, _ := strings.Cut(c.summary, "\n")
		lines = append(lines, [2]string{c.synopsis(), first})
	}
	lines = append(lines, [2]string{"fieldguide help [COMMAND]", "Print this overview, or a command's flags."})
	width := 0
	for _, l := range lines {
		width = max(width, len(l[0]))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l[0], l[1])
	}
	fmt.Fprint(w, "\nWith no command, fieldguide builds. Run \"fieldguide help COMMAND\" for a command's flags.\n")
}

// run is the whole command line: main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, stdout, stderr)
	var u *usageError
	var r *reported
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp), errors.As(err, &r):
	case errors.As(err, &u):
		fmt.Fprintf(stderr, "fieldguide: %s\n", u.msg)
		if c, ok := findCommand(u.cmd); ok {
			fmt.Fprintf(stderr, "Usage: %s\nRun \"fieldguide help %s\" for its flags.\n", c.synopsis(), c.name)
		} else {
			fmt.Fprint(stderr, "Run \"fieldguide help\" for the commands.\n")
		}
	default:
		fmt.Fprintf(stderr, "fieldguide: %v\n", err)
	}
	return err
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && !isHelpFlag(args[0]) {
		c, _ := findCommand("build")
		return c.run(ctx, args, stdout, stderr)
	}
	name, rest := args[0], args[1:]
	if isHelpFlag(name) || name == "help" {
		return runHelp(ctx, name, rest, stdout, stderr)
	}
	c, ok := findCommand(name)
	if !ok {
		return unknownCommand(name)
	}
	return c.run(ctx, rest, stdout, stderr)
}

func isHelpFlag(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// runHelp prints the overview, or the help of the command it names.
func runHelp(ctx context.Context, name string, args []string, stdout, stderr io.Writer) error {
	if name != "help" || len(args) == 0 {
		printUsage(stdout)
		return nil
	}
	if len(args) > 1 {
		return &usageError{msg: fmt.Sprintf("help takes one command, not %d: fieldguide help %s", len(args), args[0])}
	}
	c, ok := findCommand(args[0])
	if !ok {
		if args[0] == "help" {
			printUsage(stdout)
			return nil
		}
		return unknownCommand(args[0])
	}
	return c.run(ctx, []string{"--help"}, stdout, stderr)
}

func unknownCommand(name string) error {
	names := commandNames()
	if s := diag.Suggest(name, names); s != "" {
		return &usageError{msg: fmt.Sprintf("unknown command %q; did you mean %q?", name, s)}
	}
	return &usageError{msg: fmt.Sprintf("unknown command %q", name)}
}

// version is the module version and the source revision the binary was
// built from, as the Go toolchain recorded them.
func version(info *debug.BuildInfo, ok bool) string {
	v := "devel"
	if !ok {
		return v
	}
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	rev := settings["vcs.revision"]
	if rev == "" {
		return v + " (no source revision recorded: go run, and builds outside a git checkout, record none)"
	}
	v += ", revision " + rev
	if t := settings["vcs.time"]; t != "" {
		v += " (" + t + ")"
	}
	if settings["vcs.modified"] == "true" {
		v += ", with uncommitted changes"
	}
	return v
}

func runVersion(args []string, stdout io.Writer) error {
	fs := newFlagSet("version")
	if err := parseFlags(fs, args, stdout, false); err != nil {
		return err
	}
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, "fieldguide", version(info, ok))
	return nil
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

func (f *siteFlags) options() pipeline.Options {
	return pipeline.Options{Source: f.source, Destination: f.destination, BaseURL: f.baseURL, Drafts: f.drafts, Offline: f.offline, Strict: f.strict}
}

// newFlagSet makes a command's flags; parseFlags prints its help and
// errors, so the flag package prints nothing itself.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses a command's flags. --help prints the command's help to
// stdout and returns flag.ErrHelp; arguments other than flags are a usage
// error unless positional says the command takes some.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer, positional bool) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printHelp(stdout, fs)
		return err
	case err != nil:
		return &usageError{cmd: fs.Name(), msg: flagMessage(fs, err)}
	case !positional && fs.NArg() > 0:
		return &usageError{cmd: fs.Name(), msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// flagMessage words the flag package's error for an unknown flag with a
// suggestion; other errors (a missing or malformed value) say enough.
func flagMessage(fs *flag.FlagSet, err error) string {
	name, unknown := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !unknown {
		return err.Error()
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if s := diag.Suggest(name, names); s != "" {
		return fmt.Sprintf("unknown flag --%s; did you mean --%s?", name, s)
	}
	return fmt.Sprintf("unknown flag --%s", name)
}

func printHelp(w io.Writer, fs *flag.FlagSet) {
	c, _ := findCommand(fs.Name())
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.synopsis(), c.summary)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer, checkOnly bool) error {
	name := "build"
	if checkOnly {
		name = "check"
	}
	fs := newFlagSet(name)
	var f siteFlags
	f.register(fs, !checkOnly)
	timings := fs.Bool("timings", false, "print each stage's time and CPU time, and the peak memory")
	format := diag.Text
	fs.Func("format", "how problems are printed: text, github (GitHub Actions annotations) or json (one object a line); default text", func(s string) (err error) {
		format, err = diag.ParseFormat(s)
		return err
	})
	if err := parseFlags(fs, args, stdout, false); err != nil {
		return err
	}
	// Machine formats keep stdout for the problems alone; what people read
	// (the report, the closing count) goes to stderr.
	report := stdout
	if format != diag.Text {
		report = stderr
	}
	opts := f.options()
	if *timings {
		opts.Timings = stderr
	}
	var heap buildHeap
	opts.AfterStage = heap.afterStage
	defer heap.done()
	var res *pipeline.Result
	var err error
	if checkOnly {
		res, err = pipeline.Check(ctx, opts)
	} else {
		res, err = pipeline.Build(ctx, opts)
	}
	if res != nil {
		printDiagnostics(stdout, stderr, format, f.source, res.Diagnostics)
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
		printReport(report, res)
	}
	if err != nil {
		if checkOnly {
			fmt.Fprintf(stderr, "check: %s\n", diag.Summary(res.Diagnostics))
		} else {
			fmt.Fprintf(stderr, "build: %s; nothing was written\n", diag.Summary(res.Diagnostics))
		}
		return &reported{err}
	}
	if checkOnly {
		fmt.Fprintf(report, "check: %s, %s\n", diag.Plural(len(res.Site.Pages), "page"), diag.Summary(res.Diagnostics))
		return nil
	}
	fmt.Fprintf(report, "Built %s (%s) in %s into %s\n", diag.Plural(res.Pages, "page"), diag.Plural(res.Files, "file"), res.Duration.Round(time.Millisecond), destination(opts))
	return nil
}

// destination is where a build writes.
func destination(opts pipeline.Options) string {
	if opts.Destination == "" {
		return filepath.Join(opts.Source, "public")
	}
	return opts.Destination
}

// printDiagnostics prints problems for people on stderr, as ever, and in
// a machine format on stdout, with paths from the current folder (the
// repository root in CI) rather than from the site folder.
func printDiagnostics(stdout, stderr io.Writer, format diag.Format, source string, ds []diag.Diagnostic) {
	if format == diag.Text {
		diag.Print(stderr, ds)
		return
	}
	if dir := filepath.ToSlash(filepath.Clean(source)); dir != "." {
		ds = append([]diag.Diagnostic(nil), ds...)
		for i := range ds {
			if ds[i].Path != "" {
				ds[i].Path = path.Join(dir, ds[i].Path)
			}
		}
	}
	diag.Write(stdout, format, ds)
}

// isAre agrees a verb with a count: "1 page is", "2 pages are".
func isAre(n int, word string) string {
	if n == 1 {
		return diag.Plural(n, word) + " is"
	}
	return diag.Plural(n, word) + " are"
}

// printReport is the content owners' report: pages due for review, pages
// nothing links to, and abbreviations the glossary lacks.
func printReport(w io.Writer, res *pipeline.Result) {
	var stale []string
	for _, p := range res.Site.Pages {
		if p.Stale {
			owner := ""
			if p.Owner != "" {
				owner = ", owner " + diag.Printable(p.Owner)
			}
			stale = append(stale, fmt.Sprintf("  %s (last reviewed %s%s)", diag.Printable(p.Source), p.Reviewed.Format("2006-01-02"), owner))
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(w, "%s due for review (older than %s):\n%s\n", isAre(len(stale), "page"), diag.Plural(res.Site.Config.StaleDays, "day"), strings.Join(stale, "\n"))
	}
	if orphans := res.Site.Orphans(); len(orphans) > 0 {
		fmt.Fprintf(w, "%s not linked from any other page:\n", isAre(len(orphans), "page"))
		for _, p := range orphans {
			fmt.Fprintf(w, "  %s\n", diag.Printable(p.Source))
		}
	}
	terms := res.UndefinedTerms
	if len(terms) > 0 {
		names := make([]string, 0, len(terms))
		for t := range terms {
			names = append(names, t)
		}
		sort.Strings(names)
		fmt.Fprintf(w, "%s used but not in the glossary:\n", isAre(len(names), "abbreviation"))
		for _, t := range names {
			fmt.Fprintf(w, "  %s (%s)\n", diag.Printable(t), diag.Printable(terms[t][0].Source))
		}
	}
}
