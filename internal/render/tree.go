package render

import (
	"html/template"

	"github.com/fieldguide/fieldguide/internal/flowchart"
	"github.com/fieldguide/fieldguide/internal/site"
	"github.com/fieldguide/fieldguide/internal/tree"
)

// wizardData is the tree as the wizard script reads it from the page.
type wizardData struct {
	Start     string           `json:"start"`
	Questions []wizardQuestion `json:"questions"`
	Outcomes  []wizardOutcome  `json:"outcomes"`
}

type wizardQuestion struct {
	ID      string         `json:"id"`
	Text    string         `json:"text"`
	Answers []wizardAnswer `json:"answers"`
}

type wizardAnswer struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Target string `json:"target"`
}

type wizardOutcome struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

func (r *Renderer) treeView(p *site.Page) (*TreeView, error) {
	tr := p.Tree
	tv := &TreeView{StartAnchor: tree.Anchor(tr.Start)}
	svg, err := flowchart.Render(tr.Graph(p.Title))
	if err == nil {
		tv.SVG = template.HTML(svg)
	}
	data := wizardData{Start: tr.Start}
	isOutcome := map[string]bool{}
	for _, o := range tr.Outcomes {
		isOutcome[o.ID] = true
	}
	for _, q := range tr.Questions {
		qv := QuestionView{ID: q.ID, Anchor: tree.Anchor(q.ID), Text: q.Text}
		hint, err := r.snippet(p, "hint:"+q.ID)
		if err != nil {
			return nil, err
		}
		qv.Hint = hint
		wq := wizardQuestion{ID: q.ID, Text: q.Text}
		for _, a := range q.Answers {
			target := a.Target()
			qv.Answers = append(qv.Answers, AnswerView{ID: a.ID, Label: a.Label, Href: "#" + tree.Anchor(target), Target: target, IsOutcome: isOutcome[target]})
			wq.Answers = append(wq.Answers, wizardAnswer{ID: a.ID, Label: a.Label, Target: target})
		}
		tv.Questions = append(tv.Questions, qv)
		data.Questions = append(data.Questions, wq)
	}
	for _, o := range tr.Outcomes {
		ov := OutcomeView{ID: o.ID, Anchor: tree.Anchor(o.ID), Title: o.Title}
		summary, err := r.snippet(p, "summary:"+o.ID)
		if err != nil {
			return nil, err
		}
		ov.Summary = summary
		if target, anchor := r.site.OutcomePage(p, o); target != nil {
			l := makeLink(target.Title, r.site.Href(p, target, anchor), string(target.Kind), target.Summary, "")
			ov.Page = &l
		}
		tv.Outcomes = append(tv.Outcomes, ov)
		data.Outcomes = append(data.Outcomes, wizardOutcome{ID: o.ID, Title: o.Title})
	}
	tv.Data = data
	return tv, nil
}
