package web

import (
	"fmt"
	"strings"

	"kam/internal/kam"
)

// strategyMarkdown writes the strategy sheet as Markdown in l, for pasting
// into a deal review's notes: the objective, the buying influences, the red
// flags, SWOT, the action plan and the health.
func strategyMarkdown(d *strategyData, l kam.Locale) string {
	var b strings.Builder
	o := d.Opp
	m := func(id string, args ...any) string { return msg(l, id, args...) }
	cell := mdText
	fmt.Fprintf(&b, "# %s — %s\n\n", cell(o.Name), m("sheet.title"))
	fmt.Fprintf(&b, "- %s: %s\n", m("f.account_name"), cell(d.V.Account.Name))
	fmt.Fprintf(&b, "- %s: %s · %s · %s %s\n", glossary["single-sales-objective"].Name.In(l), cell(o.Product),
		formatMoney(l, o.Amount, o.Currency), m("f.close_date"), o.CloseDate)
	fmt.Fprintf(&b, "- %s: %s (%s: %s)\n", m("f.level"), kam.Label(o.Level).In(l), m("sheet.suggested"), kam.Label(d.V.SuggestedLevel).In(l))
	if o.Position != nil {
		fmt.Fprintf(&b, "- %s: %s %s\n", m("f.position"), signedInt(*o.Position), m(fmt.Sprintf("pos.%d", *o.Position)))
	}
	fmt.Fprintf(&b, "- %s: %d/100\n- %s: %s\n\n", m("sheet.health"), d.V.Health.Score, m("f.owner"), cell(d.Owner))

	fmt.Fprintf(&b, "## %s\n\n", m("sheet.buyers"))
	if len(d.Buyers) == 0 {
		fmt.Fprintf(&b, "%s\n\n", m("sheet.no_buyers"))
	} else {
		fmt.Fprintf(&b, "| %s | CUTE | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|---|---|\n",
			m("f.contact"), m("f.influence"), m("f.rating"), m("f.contact_level"), m("f.counterpart"), m("f.mode"), glossary["win-result"].Name.In(l))
		for _, r := range d.Buyers {
			name := cell(r.Contact.Name)
			if r.B.VITO {
				name += " (VITO)"
			}
			if r.Departed {
				name += " — " + kam.Label(r.Contact.Status).In(l)
			}
			sup := kam.SupportOf(r.B.Rating)
			rating := supportIcon(sup) + " " + kam.Label(sup).In(l)
			if r.B.Rating != nil {
				rating = signedInt(*r.B.Rating) + " " + rating
			}
			if r.Departed {
				// Gone: the old rating struck, and why it no longer counts.
				rating = kam.Label(r.Contact.Status).In(l)
				if r.B.Rating != nil {
					rating = "~~" + signedInt(*r.B.Rating) + "~~ " + rating
				}
			}
			cp := cell(r.Counterpart)
			if r.B.RelationshipLevel != "" {
				cp += " · " + kam.Label(r.B.RelationshipLevel).In(l)
			}
			win := strings.TrimSpace(cell(r.B.BusinessResult) + " / " + cell(r.B.PersonalWin))
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", name, roleLetters(r.B.Roles),
				kam.Label(r.B.Influence).In(l), rating, kam.Label(r.B.ContactLevel).In(l), cp, kam.Label(r.B.Mode).In(l), win)
		}
		b.WriteString("\n")
	}

	fmt.Fprintf(&b, "## %s\n\n", m("sheet.flags"))
	if len(d.Open) == 0 {
		fmt.Fprintf(&b, "%s\n\n", m("flags.none"))
	}
	for _, f := range d.Open {
		subj := ""
		if f.Subject != "" {
			subj = " · " + cell(f.Subject)
		}
		fmt.Fprintf(&b, "- **%s** [%s]%s (`%s`)\n  - %s %s\n  - %s %s\n", f.Title.In(l), kam.Label(f.Severity).In(l), subj, f.Rule,
			m("flags.why"), f.Why.In(l), m("flags.next"), f.Next.In(l))
		for _, c := range f.Candidates {
			fmt.Fprintf(&b, "  - %s %s — %s\n", m("flags.candidates"), cell(c.Name), c.Reason.In(l))
		}
	}
	for _, f := range d.Accepted {
		fmt.Fprintf(&b, "- ~~%s~~ (%s: %s)\n", f.Title.In(l), m("flags.accepted_list"), cell(f.Accepted.Note))
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "## %s\n\n", m("sheet.swot"))
	for _, k := range kam.SWOTKinds {
		for _, s := range d.SWOT[k] {
			fmt.Fprintf(&b, "- %s: %s\n", kam.Label(k).In(l), cell(s.Text))
		}
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "## %s\n\n", m("sheet.actions"))
	if len(d.Actions) == 0 {
		fmt.Fprintf(&b, "%s\n", m("sheet.no_actions"))
	}
	for _, x := range d.Actions {
		box := "[ ]"
		if x.Status == kam.ActionDone {
			box = "[x]"
		}
		fmt.Fprintf(&b, "- %s %s — %s %s (%s)\n", box, cell(x.Title), m("f.due"), x.Due, kam.Label(x.Status).In(l))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", m("loop.review.title"))
	if at := d.V.LastReviewAt; at != nil {
		fmt.Fprintf(&b, "%s %s\n", m("loop.review.since"), kam.DateOf(*at))
	} else {
		fmt.Fprintf(&b, "%s\n", m("loop.review.never"))
	}
	return b.String()
}

// mdEscaper backslash-escapes the characters that start Markdown or HTML
// inside a line: links and images ([ ] !), HTML and autolinks (< >),
// entities (&), emphasis and code (* _ ~ `), table cells (|) and the
// escape itself.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "!", `\!`, "|", `\|`, "~", `\~`, "&", `\&`,
)

// mdText makes what a user typed safe to put inside one line of the
// Markdown copy: on one line, and read as text wherever the copy is pasted,
// never as a link, an image or HTML.
func mdText(s string) string {
	return mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
}
