package frontmatter

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// Doc is decoded front matter, read through typed accessors that record
// every problem in a diag.List instead of stopping at the first.
type Doc struct {
	path      string // file path for diagnostics
	lineShift int    // file line of front-matter line 1, minus 1
	positions map[string]diag.Pos
	diags     *diag.List
}

// Decode parses TOML front matter. A syntax error is recorded and returns a
// nil Table. path and fmLine place diagnostics in the whole file.
func Decode(path string, src []byte, fmLine int, diags *diag.List) *Table {
	values := map[string]any{}
	d := &Doc{path: path, lineShift: fmLine - 1, diags: diags}
	if at := nestingAt(src); at >= 0 {
		pos := diag.PosAt(src, at)
		pos.Line += d.lineShift
		diags.Errorf(path, pos, "front matter needs a few levels at most; write nested data as [table] sections", "arrays and tables nested more than %d deep", MaxNesting)
		return nil
	}
	if _, err := toml.Decode(string(src), &values); err != nil {
		var pe toml.ParseError
		pos := diag.Pos{Line: fmLine, Col: 1}
		msg := err.Error()
		if errors.As(err, &pe) {
			if at, plain, hint, ok := syntaxHint(string(src), pe.Position.Start); ok {
				pos = diag.PosAt(src, at)
				pos.Line += d.lineShift
				diags.Errorf(path, pos, hint, "%s", plain)
				return nil
			}
			pos = diag.PosAt(src, pe.Position.Start)
			pos.Line += d.lineShift
			msg = pe.Message
		}
		diags.Errorf(path, pos, "front matter is TOML: strings need quotes, e.g. title = \"My page\"", "invalid front matter: %s", msg)
		return nil
	}
	d.positions = keyPositions(string(src))
	return &Table{doc: d, values: values, used: map[string]bool{}}
}

// pos finds where the key path is written, falling back to its nearest
// enclosing key, then to the start of the front matter.
func (d *Doc) pos(path string) diag.Pos {
	for p := path; p != ""; {
		if pos, ok := d.positions[p]; ok {
			return diag.Pos{Line: pos.Line + d.lineShift, Col: pos.Col}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return diag.Pos{Line: d.lineShift + 1, Col: 1}
}

// Table is one TOML table: the front matter itself or a nested table.
// Accessors mark keys as known; Finish reports the keys nobody asked for.
type Table struct {
	doc    *Doc
	path   string
	values map[string]any
	used   map[string]bool
}

func (t *Table) keyPath(key string) string { return join(t.path, key) }

// Pos is where key is written (or where the table starts when it is absent).
func (t *Table) Pos(key string) diag.Pos { return t.doc.pos(t.keyPath(key)) }

// Path is the file the table came from.
func (t *Table) Path() string { return t.doc.path }

// Errorf records an error about key, positioned at it.
func (t *Table) Errorf(key, hint, format string, args ...any) {
	t.doc.diags.Errorf(t.doc.path, t.Pos(key), hint, format, args...)
}

// Warnf records a warning about key, positioned at it.
func (t *Table) Warnf(key, hint, format string, args ...any) {
	t.doc.diags.Warnf(t.doc.path, t.Pos(key), hint, format, args...)
}

// Has reports whether key is present (and marks it known).
func (t *Table) Has(key string) bool {
	t.used[key] = true
	_, ok := t.values[key]
	return ok
}

func (t *Table) get(key string) (any, bool) {
	t.used[key] = true
	v, ok := t.values[key]
	return v, ok
}

func (t *Table) typeError(key, want string, v any) {
	t.Errorf(key, "write it as "+example(want), "`%s` must be %s, not %s", key, want, describe(v))
}

// String reads an optional string.
func (t *Table) String(key string) string {
	v, ok := t.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.typeError(key, "a string", v)
	}
	return s
}

// RequiredString reads a string that must be present and not blank.
func (t *Table) RequiredString(key string) string {
	if !t.Has(key) {
		t.doc.diags.Errorf(t.doc.path, t.doc.pos(t.path), "add "+key+" = \"...\"", "missing required `%s`", key)
		return ""
	}
	s := t.String(key)
	if strings.TrimSpace(s) == "" {
		if _, isString := t.values[key].(string); isString {
			t.Errorf(key, "write some text between the quotes", "`%s` must not be empty", key)
		}
	}
	return s
}

// Int reads an optional integer.
func (t *Table) Int(key string) int {
	v, ok := t.get(key)
	if !ok {
		return 0
	}
	n, ok := v.(int64)
	if !ok {
		t.typeError(key, "a whole number", v)
	}
	return int(n)
}

// Bool reads an optional boolean.
func (t *Table) Bool(key string) bool {
	v, ok := t.get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.typeError(key, "true or false", v)
	}
	return b
}

// Date reads an optional TOML date (2021-09-09) or date-time.
func (t *Table) Date(key string) time.Time {
	v, ok := t.get(key)
	if !ok {
		return time.Time{}
	}
	switch d := v.(type) {
	case time.Time:
		if d.Year() == 0 {
			// TOML reads a bare time (10:00:00) as year 0, January 1.
			t.Errorf(key, "write a date such as "+key+" = 2024-05-01", "`%s` must be a date, not a time of day or the year 0", key)
			return time.Time{}
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		if parsed, err := time.Parse("2006-01-02", d); err == nil {
			t.Warnf(key, "drop the quotes: "+key+" = "+d, "`%s` is a date written as a string", key)
			return parsed
		}
		if datePattern.MatchString(d) {
			t.Errorf(key, dateHint(key, d), "`%s = %q` is not a date TOML can read", key, d)
			return time.Time{}
		}
	}
	t.typeError(key, "a date", v)
	return time.Time{}
}

// Strings reads an optional list of strings; a single string is accepted as
// a list of one, since that is what authors mean.
func (t *Table) Strings(key string) []string {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	switch list := v.(type) {
	case string:
		return []string{list}
	case []any:
		out := make([]string, 0, len(list))
		for i, item := range list {
			s, ok := item.(string)
			if !ok {
				t.Errorf(key, "quote every item: "+key+" = [\"a\", \"b\"]", "item %d of `%s` must be a string, not %s", i+1, key, describe(item))
				continue
			}
			out = append(out, s)
		}
		return out
	}
	t.typeError(key, "a list of strings", v)
	return nil
}

// Tables reads an array of tables ([[key]] sections).
func (t *Table) Tables(key string) []*Table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	var items []map[string]any
	switch list := v.(type) {
	case []map[string]any:
		items = list
	case []any:
		for _, item := range list {
			m, ok := item.(map[string]any)
			if !ok {
				t.typeError(key, "a list of tables", v)
				return nil
			}
			items = append(items, m)
		}
	default:
		t.typeError(key, "a list of tables", v)
		return nil
	}
	out := make([]*Table, len(items))
	for i, m := range items {
		out[i] = &Table{doc: t.doc, path: t.keyPath(key) + "[" + strconv.Itoa(i) + "]", values: m, used: map[string]bool{}}
	}
	return out
}

// Table reads an optional nested table ([key] section); absent gives an empty one.
func (t *Table) Table(key string) *Table {
	sub := &Table{doc: t.doc, path: t.keyPath(key), values: map[string]any{}, used: map[string]bool{}}
	v, ok := t.get(key)
	if !ok {
		return sub
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.typeError(key, "a table", v)
		return sub
	}
	sub.values = m
	return sub
}

// Finish reports every key that no accessor asked for, suggesting the
// nearest known one. what names the thing for the hint ("a motion page").
func (t *Table) Finish(what string) {
	known := make([]string, 0, len(t.used))
	for k := range t.used {
		known = append(known, k)
	}
	sort.Strings(known)
	var unknown []string
	for k := range t.values {
		if !t.used[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		hint := diag.DidYouMean(k, known, what+" accepts: "+strings.Join(known, ", "))
		t.Errorf(k, hint, "unknown key `%s`", k)
	}
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", x)
	case int64:
		return "the number " + strconv.FormatInt(x, 10)
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func example(want string) string {
	switch want {
	case "a string":
		return `key = "text"`
	case "a whole number":
		return "key = 3"
	case "true or false":
		return "key = true"
	case "a date":
		return "key = 2021-09-09"
	case "a list of strings":
		return `key = ["a", "b"]`
	}
	return want
}

// EachString calls fn with every string in the table, nested tables and
// lists included, in key order: its key path without list indexes
// ("questions.answers.label"), its value and where it is written. It marks
// no key as known.
func (t *Table) EachString(fn func(key, value string, pos diag.Pos)) {
	eachString(t.doc, t.path, "", t.values, fn)
}

func eachString(d *Doc, indexed, plain string, v any, fn func(key, value string, pos diag.Pos)) {
	switch x := v.(type) {
	case string:
		fn(plain, x, d.pos(indexed))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			eachString(d, join(indexed, k), join(plain, k), x[k], fn)
		}
	case []map[string]any:
		for i, m := range x {
			eachString(d, indexed+"["+strconv.Itoa(i)+"]", plain, m, fn)
		}
	case []any:
		for i, item := range x {
			if _, isTable := item.(map[string]any); isTable {
				eachString(d, indexed+"["+strconv.Itoa(i)+"]", plain, item, fn)
			} else {
				eachString(d, indexed, plain, item, fn)
			}
		}
	}
}
