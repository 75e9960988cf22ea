package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Format is how a command prints diagnostics: text for people, github for
// GitHub Actions (annotations on a pull request's lines), json for
// editors and other CI systems.
type Format string

const (
	Text   Format = "text"
	GitHub Format = "github"
	JSON   Format = "json"
)

// Formats are the formats ParseFormat accepts, in the order help lists them.
var Formats = []Format{Text, GitHub, JSON}

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q; %s", s, DidYouMean(s, names, "use "+strings.Join(names, ", ")))
}

// Write prints diagnostics in format f. Text is Print's capped listing;
// the machine formats print every diagnostic, one per line, since their
// readers filter and place them themselves.
func Write(w io.Writer, f Format, ds []Diagnostic) {
	switch f {
	case GitHub:
		for _, d := range ds {
			fmt.Fprintln(w, d.GitHubCommand())
		}
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, d := range ds {
			enc.Encode(d.jsonObject()) // a struct of strings and ints always encodes
		}
	default:
		Print(w, ds)
	}
}

// GitHubCommand is the diagnostic as a GitHub Actions workflow command,
// `::error file=F,line=L,col=C::message; hint`, which the runner turns
// into an annotation on that line of the pull request. Escaping follows
// GitHub's toolkit: %, CR and LF in the message; also : and , in property
// values, which would otherwise end them.
func (d Diagnostic) GitHubCommand() string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	sep := " "
	prop := func(name, value string) {
		b.WriteString(sep)
		b.WriteString(name)
		b.WriteByte('=')
		b.WriteString(escapeProperty(value))
		sep = ","
	}
	if d.Path != "" {
		prop("file", Printable(d.Path))
		if d.Pos.Line > 0 {
			prop("line", strconv.Itoa(d.Pos.Line))
			if d.Pos.Col > 0 {
				prop("col", strconv.Itoa(d.Pos.Col))
			}
		}
	}
	b.WriteString("::")
	msg := Printable(d.Message)
	if d.Hint != "" {
		msg += "; " + Printable(d.Hint)
	}
	b.WriteString(escapeData(msg))
	return b.String()
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// jsonDiagnostic is one line of --format json. Messages and hints are
// Printable, as in every other format; the file is kept as it is so an
// editor can open it (JSON escapes its control characters).
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func (d Diagnostic) jsonObject() jsonDiagnostic {
	return jsonDiagnostic{File: d.Path, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(),
		Message: Printable(d.Message), Hint: Printable(d.Hint)}
}
