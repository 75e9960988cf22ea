package flowchart

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// labelRadius rounds the corners of an edge label's background.
const labelRadius = 3

// SVG serialises the diagram as a self-contained <svg> element. See the
// package documentation for the classes and data attributes it carries.
func (d *Diagram) SVG() []byte {
	id := elementID(d.IDPrefix, d.Title)
	title := d.Title
	if title == "" {
		title = "Flowchart"
	}
	desc := d.Description
	if desc == "" {
		desc = d.describe()
	}
	// A chart whose boxes are links is a group of links; role="img" would
	// hide them from assistive technology.
	role := "img"
	for _, n := range d.Nodes {
		if n.Href != "" {
			role = "group"
		}
	}
	w := &svgWriter{}
	w.raw(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	w.raw(num(d.Width), " ", num(d.Height), `" width="`, num(d.Width))
	w.raw(`" role="`, role, `" aria-labelledby="`, id, "-title ", id, `-desc" class="fg-flowchart" font-size="`, num(fontSize), `" text-anchor="middle">`, "\n")
	w.raw(`<title id="`, id, `-title">`)
	w.text(title)
	w.raw("</title>\n", `<desc id="`, id, `-desc">`)
	w.text(desc)
	w.raw("</desc>\n")
	// The tip sits at the path's end, which is on the target's border.
	w.raw(`<defs><marker id="`, id, `-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">`)
	w.raw(`<path class="fg-arrow" d="M0,0L10,5L0,10z" fill="currentColor"/></marker></defs>`, "\n")
	for _, e := range d.Edges {
		d.writeEdge(w, e, id)
	}
	for _, n := range d.Nodes {
		writeNode(w, n)
	}
	w.raw("</svg>\n")
	return w.buf.Bytes()
}

func (d *Diagram) writeEdge(w *svgWriter, e PlacedEdge, id string) {
	w.raw(`<g class="fg-edge" data-from="`)
	w.text(e.From)
	w.raw(`" data-to="`)
	w.text(e.To)
	if e.Label != "" {
		w.raw(`" data-label="`)
		w.text(e.Label)
	}
	w.raw(`"><path d="`, d.pathData(e.Points), `" fill="none" stroke="currentColor" marker-end="url(#`, id, `-arrow)"/>`)
	if len(e.LabelLines) > 0 {
		b := e.LabelBox
		w.raw(`<g class="fg-edge-label"><rect x="`, num(b.X), `" y="`, num(b.Y), `" width="`, num(b.W), `" height="`, num(b.H))
		w.raw(`" rx="`, num(labelRadius), `" fill="none"/>`)
		writeLines(w, b, e.LabelLines)
		w.raw(`</g>`)
	}
	w.raw("</g>\n")
}

// pathData draws the route: straight where it runs along the layer direction,
// and an S-curve (control points at mid-depth) where it changes lanes, which
// stays within the segment's bounding box and ends tangent to the layers.
func (d *Diagram) pathData(pts []Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M" + num(p.X) + "," + num(p.Y))
			continue
		}
		prev := pts[i-1]
		straight := prev.X == p.X
		c1, c2 := Point{prev.X, (prev.Y + p.Y) / 2}, Point{p.X, (prev.Y + p.Y) / 2}
		if d.Direction == LeftRight {
			straight = prev.Y == p.Y
			c1, c2 = Point{(prev.X + p.X) / 2, prev.Y}, Point{(prev.X + p.X) / 2, p.Y}
		}
		if straight {
			b.WriteString("L" + num(p.X) + "," + num(p.Y))
			continue
		}
		b.WriteString("C" + num(c1.X) + "," + num(c1.Y) + " " + num(c2.X) + "," + num(c2.Y) + " " + num(p.X) + "," + num(p.Y))
	}
	return b.String()
}

func writeNode(w *svgWriter, n PlacedNode) {
	if n.Href != "" {
		w.raw(`<a href="`)
		w.text(n.Href)
		w.raw(`">`)
	}
	class, radius := "fg-node-plain", 0.0
	switch n.Kind {
	case Question:
		class, radius = "fg-node-question", questionRadius
	case Outcome:
		class, radius = "fg-node-outcome", min(n.Box.H, n.Box.W)/2
	}
	b := n.Box
	w.raw(`<g class="fg-node `, class, `" data-node="`)
	w.text(n.ID)
	w.raw(`"><rect x="`, num(b.X), `" y="`, num(b.Y), `" width="`, num(b.W), `" height="`, num(b.H))
	if radius > 0 {
		w.raw(`" rx="`, num(radius))
	}
	w.raw(`" fill="none" stroke="currentColor"/>`)
	writeLines(w, b, n.Lines)
	w.raw(`</g>`)
	if n.Href != "" {
		w.raw(`</a>`)
	}
	w.raw("\n")
}

// writeLines centres one <tspan> per line in the box. Without fonts there is
// no real ascent, so the baseline sits 0.35em below each line's middle.
func writeLines(w *svgWriter, b Box, lines []string) {
	if len(lines) == 0 {
		return
	}
	top := b.Y + (b.H-float64(len(lines))*lineHeight)/2
	x := num(b.X + b.W/2)
	w.raw(`<text fill="currentColor">`)
	for i, line := range lines {
		baseline := top + float64(i)*lineHeight + lineHeight/2 + 0.35*fontSize
		w.raw(`<tspan x="`, x, `" y="`, num(baseline), `">`)
		w.text(line)
		w.raw(`</tspan>`)
	}
	w.raw(`</text>`)
}

// describe is the default accessible description: role="img" hides the
// chart's own text from screen readers, so list every connection.
func (d *Diagram) describe() string {
	name := make(map[string]string, len(d.Nodes))
	for _, n := range d.Nodes {
		name[n.ID] = strings.Join(n.Lines, " ")
	}
	var b strings.Builder
	if len(d.Edges) == 0 {
		b.WriteString("Steps: ")
		for i, n := range d.Nodes {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(name[n.ID])
		}
		b.WriteString(".")
		return b.String()
	}
	for i, e := range d.Edges {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(name[e.From] + " → " + name[e.To])
		if len(e.LabelLines) > 0 {
			b.WriteString(" (" + strings.Join(e.LabelLines, " ") + ")")
		}
	}
	b.WriteString(".")
	return b.String()
}

// elementID is the base for element ids: "fg-", the slugged prefix, and the
// slugged title, so it is stable across builds and valid in CSS selectors.
func elementID(prefix, title string) string {
	id := "fg-"
	if p := slug(prefix); p != "" {
		id += p + "-"
	}
	if t := slug(title); t != "" {
		return id + t
	}
	return id + "flowchart"
}

// slug keeps ASCII letters and digits, lowercased, with single hyphens
// between runs, capped at 40 bytes.
func slug(s string) string {
	const maxLen = 40
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			if b.Len() >= maxLen {
				break
			}
			continue
		}
		hyphen = true
	}
	return b.String()
}

// num formats a coordinate with at most two decimals and no trailing zeros,
// so output bytes do not depend on float noise below a hundredth.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// svgWriter accumulates markup; text is escaped, raw is trusted markup.
type svgWriter struct{ buf bytes.Buffer }

func (w *svgWriter) raw(parts ...string) {
	for _, p := range parts {
		w.buf.WriteString(p)
	}
}

// text escapes user content for both element text and quoted attributes,
// replacing characters that XML cannot carry.
func (w *svgWriter) text(s string) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == '&':
			w.buf.WriteString("&amp;")
		case r == '<':
			w.buf.WriteString("&lt;")
		case r == '>':
			w.buf.WriteString("&gt;")
		case r == '"':
			w.buf.WriteString("&quot;")
		case r == '\'':
			w.buf.WriteString("&#39;")
		case r == '\n' || r == '\r' || r == '\t':
			w.buf.WriteString("&#" + strconv.Itoa(int(r)) + ";") // keep them literal inside attributes
		case r == utf8.RuneError && size == 1, !isXMLChar(r):
			w.buf.WriteString("\uFFFD")
		default:
			w.buf.WriteRune(r)
		}
	}
}
