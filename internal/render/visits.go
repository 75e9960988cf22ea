package render

import (
	"bytes"
	"encoding/json"
)

// The data behind "new since your last visit" (assets/visits.js).

const (
	// ChangesPath is the script holding every page's change date. A script,
	// not JSON, so a page opened from disk (file://) can load it too.
	ChangesPath = WhatsNewURL + "changes.js"
	// maxListedChanges bounds the file on a large site: only the newest
	// pages are listed by address (and can be marked); every day still
	// carries its full count, so "N pages changed" stays exact.
	maxListedChanges = 2000
)

// changesScript renders ChangesPath: one call of fieldguideChanges with
// the days on which pages changed, newest first, each as
// [date, count, address...] with dates as the pages show them
// (changeDate, "2006-01-02") and addresses relative to the site's root.
func (r *Renderer) changesScript() []byte {
	pages := RecentChanges(r.site, len(r.site.Pages))
	var days [][]any
	for i, p := range pages {
		when, _ := changeDate(p)
		day := when.Format("2006-01-02")
		if n := len(days); n == 0 || days[n-1][0] != day {
			days = append(days, []any{day, 0})
		}
		d := days[len(days)-1]
		d[1] = d[1].(int) + 1
		if i < maxListedChanges {
			days[len(days)-1] = append(d, p.URL)
		}
	}
	data, _ := json.Marshal(days)
	var b bytes.Buffer
	b.WriteString("fieldguideChanges(")
	if days == nil {
		b.WriteString("[]")
	} else {
		b.Write(data)
	}
	b.WriteString(");\n")
	return b.Bytes()
}
