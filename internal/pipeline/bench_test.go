package pipeline

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/parallel"
	"github.com/fieldguide/fieldguide/internal/source"
)

// BenchmarkBuild measures a full build of generated corpora, publish
// included: go test -bench Build -benchtime 3x ./internal/pipeline
func BenchmarkBuild(b *testing.B) {
	for _, n := range []string{"1000", "10000", "10000-git"} {
		b.Run(n, func(b *testing.B) {
			dir := b.TempDir()
			src := filepath.Join(dir, "site")
			pages, _ := strconv.Atoi(strings.TrimSuffix(n, "-git"))
			if err := corpus.Generate(src, pages, 1); err != nil {
				b.Fatal(err)
			}
			if strings.HasSuffix(n, "-git") {
				// The same site committed: builds then read dates from git.
				commitAll(b, src)
			}
			b.ResetTimer()
			for b.Loop() {
				res, err := Build(context.Background(), Options{Source: src, Destination: filepath.Join(dir, "out")})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Pages)/res.Duration.Seconds(), "pages/s")
			}
		})
	}
}

// BenchmarkServeFirstBuild measures serve's first step, which must cost
// about what a build does although it keeps what later edits need:
// go test -bench ServeFirstBuild -benchtime 3x ./internal/pipeline
func BenchmarkServeFirstBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			src := filepath.Join(b.TempDir(), "site")
			if err := corpus.Generate(src, n, 1); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				bld := NewBuilder(Options{Source: src})
				if _, err := bld.Build(context.Background()); err != nil {
					b.Fatal(err)
				}
				bld.Close()
			}
		})
	}
}

func commitAll(b *testing.B, dir string) {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git binary")
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=B", "-c", "user.email=b@example.com", "commit", "-q", "-m", "corpus"}} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// BenchmarkMarkdown puts fieldguide's markdown stage next to its floor: the
// same 1,000 generated bodies through goldmark alone (same extensions, no
// highlighting, no sections, text or glossary) and through markdown.Parse
// and Render. Builds cannot beat the first; the gap is chroma and our own
// work on the trees.
func BenchmarkMarkdown(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	type body struct {
		file   []byte
		offset int
	}
	var bodies []body
	var size int64
	for _, f := range source.Walk(dir, "content", &diag.List{}) {
		if !f.IsMarkdown() {
			continue
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			b.Fatal(err)
		}
		split, splitErr := frontmatter.Split(src)
		if splitErr != nil {
			b.Fatalf("%s: %v", f.Path, splitErr.Message)
		}
		bodies = append(bodies, body{src, split.BodyOffset})
		size += int64(len(split.Body))
	}
	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		)
		b.SetBytes(size)
		var out bytes.Buffer
		for b.Loop() {
			for _, f := range bodies {
				out.Reset()
				if err := md.Convert(f.file[f.offset:], &out); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("fieldguide", func(b *testing.B) {
		md := markdown.New(markdown.Options{})
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range bodies {
				var diags diag.List
				doc := md.Parse("bench.md", f.file, f.offset, &diags)
				if _, err := md.Render(doc); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkFloor is the least any generator built on the required libraries
// must do for the same corpora, on every core: read each page, decode its
// TOML front matter, convert its body with goldmark (same extensions) and
// chroma, execute a one-line html/template and write the page to its own
// folder. No graph, theme, links or search. BenchmarkBuild cannot beat it:
// go test -bench 'Build|Floor' -benchtime 3x ./internal/pipeline
func BenchmarkFloor(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Generate(dir, n, 1); err != nil {
				b.Fatal(err)
			}
			files := source.Walk(dir, "content", &diag.List{})
			md := goldmark.New(
				goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
				goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
				goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(chromaCode{chromahtml.New(chromahtml.WithClasses(true))}, 100))),
			)
			page := template.Must(template.New("page").Parse(`<!doctype html><title>{{.Title}}</title><main>{{.Body}}</main>`))
			out := filepath.Join(dir, "out")
			for b.Loop() {
				b.StopTimer()
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				errs := make([]error, len(files))
				parallel.For(len(files), func(i int) {
					errs[i] = floorPage(md, page, files[i], filepath.Join(out, strconv.Itoa(i)))
				})
				if err := errors.Join(errs...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

func floorPage(md goldmark.Markdown, page *template.Template, f source.File, dir string) error {
	src, err := os.ReadFile(f.Abs)
	if err != nil || !f.IsMarkdown() {
		return err
	}
	split, splitErr := frontmatter.Split(src)
	if splitErr != nil {
		return errors.New(splitErr.Message)
	}
	var meta map[string]any
	if _, err := toml.Decode(string(split.FrontMatter), &meta); err != nil {
		return err
	}
	var body bytes.Buffer
	if err := md.Convert(split.Body, &body); err != nil {
		return err
	}
	var html bytes.Buffer
	if err := page.Execute(&html, map[string]any{"Title": meta["title"], "Body": template.HTML(body.String())}); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), html.Bytes(), 0o644)
}

// chromaCode highlights fenced code with chroma's CSS classes, as
// fieldguide does.
type chromaCode struct{ formatter *chromahtml.Formatter }

func (c chromaCode) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		n := node.(*ast.FencedCodeBlock)
		var code strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			code.Write(line.Value(src))
		}
		lexer := lexers.Get(string(n.Language(src)))
		if lexer == nil {
			lexer = lexers.Fallback
		}
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
		if err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkSkipChildren, c.formatter.Format(w, styles.Fallback, it)
	})
}
