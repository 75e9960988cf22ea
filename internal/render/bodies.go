package render

import (
	"sync"

	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/site"
)

// Bodies keeps rendered bodies between renders of a site that changes (a
// preview), by parsed body: a body is rendered again only when its file
// was parsed again or the site resolved it differently (its links'
// addresses, glossary marks or highlighting: markdown.Doc.Resolution).
// Views of every page are then cheap to build after an edit. It is safe
// for concurrent use.
type Bodies struct {
	mu sync.Mutex
	m  map[*markdown.Doc]keptBody
}

type keptBody struct {
	resolution uint64
	rendered   *markdown.Rendered
}

// NewBodies makes an empty store of rendered bodies.
func NewBodies() *Bodies { return &Bodies{m: map[*markdown.Doc]keptBody{}} }

func (b *Bodies) get(d *markdown.Doc, resolution uint64) *markdown.Rendered {
	b.mu.Lock()
	defer b.mu.Unlock()
	if k, ok := b.m[d]; ok && k.resolution == resolution {
		return k.rendered
	}
	return nil
}

func (b *Bodies) put(d *markdown.Doc, resolution uint64, r *markdown.Rendered) {
	b.mu.Lock()
	b.m[d] = keptBody{resolution, r}
	b.mu.Unlock()
}

// Prune forgets the bodies of pages s no longer has.
func (b *Bodies) Prune(s *site.Site) {
	live := make(map[*markdown.Doc]bool, len(s.Pages))
	for _, p := range s.Pages {
		if p.Body != nil {
			live[p.Body] = true
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for d := range b.m {
		if !live[d] {
			delete(b.m, d)
		}
	}
}

// Keep has the renderer take bodies from kept and keep those it renders.
func (r *Renderer) Keep(kept *Bodies) { r.kept = kept }
