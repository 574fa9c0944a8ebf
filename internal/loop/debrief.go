package loop

import (
	"fmt"
	"strconv"
	"time"

	"kam/internal/kam"
)

// ProposalKind says which part of the map a debrief proposal changes.
type ProposalKind string

// The kinds of map change a debrief proposes.
const (
	ProposeRating       ProposalKind = "rating"        // the buyer's rating (-5…+5)
	ProposeMode         ProposalKind = "mode"          // the buyer's response mode
	ProposeContactLevel ProposalKind = "contact_level" // our contact with the buyer
	ProposeNewBuyer     ProposalKind = "new_buyer"     // an attendee becomes a buyer
	ProposeRole         ProposalKind = "role"          // the buyer takes a role
	ProposeWinResult    ProposalKind = "win_result"    // the buyer's business result
)

// Proposal is one map change a debrief proposes, for the seller to accept
// or reject. Key is stable while the facts behind it hold, so a decision on
// it is remembered.
type Proposal struct {
	Key         string       `json:"key"`
	Kind        ProposalKind `json:"kind"`
	ContactID   int64        `json:"contact_id"`
	InfluenceID int64        `json:"influence_id,omitempty"` // 0 for a new buyer
	Name        string       `json:"name"`
	// From and To are the field's value now and the one proposed, as
	// stored (a rating as "-1", a mode as "trouble", a role as "economic").
	From string `json:"from"`
	To   string `json:"to"`
	// Reason says why, in the method's words.
	Reason kam.Text `json:"reason"`
}

// RatingTo returns the proposed rating of a rating or new-buyer proposal.
func (p Proposal) RatingTo() (int, bool) {
	n, err := strconv.Atoi(p.To)
	return n, err == nil
}

// frequentCalls is how many calls with a buyer within frequentWindow make
// our contact with them frequent.
const (
	frequentCalls  = 3
	frequentWindow = 90 * 24 * time.Hour
)

func signed(r int) string { return fmt.Sprintf("%+d", r) }

// Propose reads the debrief of a call (the interaction it became, with each
// attendee's feedback and words, and the needs heard in it, from the
// picture) and proposes map changes: a rating at odds with the feedback, a
// mode the needs heard point to, a contact level the call changed, an
// attendee who is not yet a buyer, a missing Economic buyer, a business
// result stated as a want. Proposals the plan already decided are left out.
func Propose(p *kam.OpportunityPicture, plan *kam.CallPlan, debrief *kam.Interaction) []Proposal {
	var out []Proposal
	hasEconomic := false
	for i := range p.Influences {
		if p.Influences[i].HasRole(kam.RoleEconomic) {
			hasEconomic = true
		}
	}
	contacts := map[int64]kam.Contact{}
	for _, c := range p.Contacts {
		contacts[c.ID] = c
	}
	add := func(pr Proposal) {
		if plan != nil && plan.Decided(pr.Key) {
			return
		}
		out = append(out, pr)
	}
	for _, fb := range debrief.Feedback {
		c := contacts[fb.ContactID]
		name := c.Name
		if name == "" {
			name = fmt.Sprintf("#%d", fb.ContactID)
		}
		var b *kam.BuyingInfluence
		for i := range p.Influences {
			if p.Influences[i].ContactID == fb.ContactID {
				b = &p.Influences[i]
			}
		}
		var implied, explicit []kam.Need
		for _, n := range p.Needs {
			if n.ContactID == fb.ContactID && n.InteractionID == debrief.ID && debrief.ID != 0 {
				if n.Kind == kam.NeedExplicit {
					explicit = append(explicit, n)
				} else {
					implied = append(implied, n)
				}
			}
		}
		key := func(k ProposalKind) string { return string(k) + ":" + strconv.FormatInt(fb.ContactID, 10) }

		if b == nil {
			pr := Proposal{Key: key(ProposeNewBuyer), Kind: ProposeNewBuyer, ContactID: fb.ContactID, Name: name,
				Reason: kam.T(fmt.Sprintf("%s took part in the call but is not a buyer on this deal: put them on the map", name),
					fmt.Sprintf("%s参加了这次沟通，但不在本商机的购买影响者中：加入地图", name))}
			if r, ok := ratingOf(fb.Feedback); ok {
				pr.To = strconv.Itoa(r)
			}
			add(pr)
			if !hasEconomic && c.Seniority == kam.SeniorityExecutive {
				add(Proposal{Key: key(ProposeRole), Kind: ProposeRole, ContactID: fb.ContactID, Name: name, To: string(kam.RoleEconomic),
					Reason: kam.T(fmt.Sprintf("the deal has no Economic buyer, and %s is an executive who took part: are they the one who releases the money?", name),
						fmt.Sprintf("本商机尚无财务决策者，而%s是参加沟通的高层：是否由其批准资金？", name))})
			}
			continue
		}

		// The rating against the feedback.
		switch {
		case fb.Feedback == kam.FeedbackNegative && (b.Rating == nil || *b.Rating >= 0):
			pr := Proposal{Key: key(ProposeRating), Kind: ProposeRating, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, To: "-1"}
			if b.Rating == nil {
				pr.Reason = kam.T(fmt.Sprintf("negative feedback from %s, and no rating yet: rate them", name),
					fmt.Sprintf("%s负反馈，尚未评分：请评分", name))
			} else {
				pr.From = strconv.Itoa(*b.Rating)
				pr.Reason = kam.T(fmt.Sprintf("negative feedback, yet we rate %s %s: check the judgement", name, signed(*b.Rating)),
					fmt.Sprintf("负反馈，但我们评为 %s：核对判断", signed(*b.Rating)))
			}
			add(pr)
		case fb.Feedback == kam.FeedbackPositive && (b.Rating == nil || *b.Rating < 0):
			pr := Proposal{Key: key(ProposeRating), Kind: ProposeRating, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, To: "+1"}
			if b.Rating == nil {
				pr.Reason = kam.T(fmt.Sprintf("positive feedback from %s, and no rating yet: rate them", name),
					fmt.Sprintf("%s正反馈，尚未评分：请评分", name))
			} else {
				pr.From = strconv.Itoa(*b.Rating)
				pr.Reason = kam.T(fmt.Sprintf("positive feedback, yet we rate %s %s: check the judgement", name, signed(*b.Rating)),
					fmt.Sprintf("正反馈，但我们评为 %s：核对判断", signed(*b.Rating)))
			}
			add(pr)
		case fb.Feedback == kam.FeedbackNeutral && b.Rating == nil:
			add(Proposal{Key: key(ProposeRating), Kind: ProposeRating, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, To: "0",
				Reason: kam.T(fmt.Sprintf("neutral feedback from %s, and no rating yet: rate them", name),
					fmt.Sprintf("%s中性反馈，尚未评分：请评分", name))})
		}

		// The mode the needs heard point to.
		switch {
		case len(implied) > 0 && b.Mode != kam.ModeTrouble && b.Mode != kam.ModeGrowth:
			w := implied[len(implied)-1].Words
			add(Proposal{Key: key(ProposeMode), Kind: ProposeMode, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, From: string(b.Mode), To: string(kam.ModeTrouble),
				Reason: kam.T(fmt.Sprintf("%s voiced a difficulty (\"%s\") although the map has them %s: in Trouble?", name, w, kam.Label(b.Mode).EN),
					fmt.Sprintf("%s提到了困难（“%s”），而地图上为“%s”：是否“不知所措”？", name, w, kam.Label(b.Mode).ZH))})
		case len(explicit) > 0 && len(implied) == 0 && (b.Mode == kam.ModeEvenKeel || b.Mode == kam.ModeUnknown || b.Mode == ""):
			w := explicit[len(explicit)-1].Words
			add(Proposal{Key: key(ProposeMode), Kind: ProposeMode, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, From: string(b.Mode), To: string(kam.ModeGrowth),
				Reason: kam.T(fmt.Sprintf("%s stated a want (\"%s\"): they see a gap to a better result, so Growth?", name, w),
					fmt.Sprintf("%s明确提出了想要（“%s”）：看到了与更好结果的差距，是否“高瞻远瞩”？", name, w))})
		}

		// Our contact with them.
		if debrief.Kind != kam.InteractionEmail {
			switch b.ContactLevel {
			case kam.ContactNone, kam.ContactUnknown, "":
				add(Proposal{Key: key(ProposeContactLevel), Kind: ProposeContactLevel, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, From: string(b.ContactLevel), To: string(kam.ContactRare),
					Reason: kam.T(fmt.Sprintf("we met %s in this call, yet the map shows no contact", name),
						fmt.Sprintf("本次沟通见到了%s，但地图上显示没有接触", name))})
			case kam.ContactRare:
				if n := callsWith(p, debrief, fb.ContactID); n >= frequentCalls {
					add(Proposal{Key: key(ProposeContactLevel), Kind: ProposeContactLevel, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, From: string(b.ContactLevel), To: string(kam.ContactFrequent),
						Reason: kam.T(fmt.Sprintf("%d calls with %s in 90 days, yet the map says rare contact", n, name),
							fmt.Sprintf("90 天内与%s沟通 %d 次，但地图上为“很少接触”", name, n))})
				}
			}
		}

		// A missing Economic buyer.
		if !hasEconomic && c.Seniority == kam.SeniorityExecutive && !b.HasRole(kam.RoleEconomic) {
			add(Proposal{Key: key(ProposeRole), Kind: ProposeRole, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, To: string(kam.RoleEconomic),
				Reason: kam.T(fmt.Sprintf("the deal has no Economic buyer, and %s is an executive who took part: are they the one who releases the money?", name),
					fmt.Sprintf("本商机尚无财务决策者，而%s是参加沟通的高层：是否由其批准资金？", name))})
		}

		// The win-result, stated as a want.
		if len(explicit) > 0 && b.BusinessResult == "" {
			w := explicit[len(explicit)-1].Words
			add(Proposal{Key: key(ProposeWinResult), Kind: ProposeWinResult, ContactID: fb.ContactID, InfluenceID: b.ID, Name: name, To: w,
				Reason: kam.T(fmt.Sprintf("%s stated \"%s\" and no business result is recorded: record it as their result", name, w),
					fmt.Sprintf("%s明确提出“%s”，而尚未记录其业务结果：记为其业务结果", name, w))})
		}
	}
	return out
}

// ratingOf is the rating a first reaction suggests for a new buyer.
func ratingOf(f kam.Feedback) (int, bool) {
	switch f {
	case kam.FeedbackPositive:
		return 1, true
	case kam.FeedbackNeutral:
		return 0, true
	case kam.FeedbackNegative:
		return -1, true
	}
	return 0, false
}

// callsWith counts the interactions other than email with feedback from
// contactID in the frequentWindow up to the debrief, the debrief included.
func callsWith(p *kam.OpportunityPicture, debrief *kam.Interaction, contactID int64) int {
	n := 0
	seen := false
	count := func(it *kam.Interaction) {
		if it.Kind == kam.InteractionEmail || it.At.After(debrief.At) || debrief.At.Sub(it.At) > frequentWindow {
			return
		}
		for _, f := range it.Feedback {
			if f.ContactID == contactID {
				n++
				return
			}
		}
	}
	for i := range p.Interactions {
		if p.Interactions[i].ID == debrief.ID && debrief.ID != 0 {
			seen = true
		}
		count(&p.Interactions[i])
	}
	if !seen {
		count(debrief)
	}
	return n
}
