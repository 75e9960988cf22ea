// Package themes embeds the default theme, so a site without a themes
// folder still builds with the fieldguide binary alone.
package themes

import "embed"

// Default holds themes/default: layouts/ (html/template files) and static/
// (copied to the output root).
//
//go:embed all:default
var Default embed.FS
