package demo

import (
	"slices"

	"kam/internal/kam"
	"kam/internal/loop"
	"kam/internal/service"
)

// conversation gives every open deal the loop after the map: a deal review
// by the team's manager, a call planned with drafted SPIN questions and its
// debrief (the interaction, the needs heard, the business result taken into
// the map, the other proposals left to the seller), a second review, the
// next call planned with its commitments, and, for the
// Best few, a VITO plan. The two reviews' snapshots differ by what happened
// between them, so "what changed since the last review" shows real lines.
func (l *loader) conversation() {
	for _, o := range l.open {
		if l.err != nil {
			return
		}
		if withoutLoop[o.Name] {
			continue
		}
		l.dealConversation(o)
	}
}

// withoutLoop are the deals whose story is the loop's absence: calls that
// end in continuation (a debriefed advance would break the streak), and a
// meeting with the Economic buyer this week with no plan, no explicit need
// heard and no recent review.
var withoutLoop = map[string]bool{
	"华远集团 文档管理模块 (Document Management)":   true,
	"华远物流 移动办公二期 (Mobile Office phase 2)": true,
}

// userByID finds a demo user.
func (l *loader) userByID(id int64) kam.User {
	for _, u := range []kam.User{l.wang, l.li, l.liu, l.emily, l.eastMgr, l.northMgr, l.admin} {
		if u.ID == id {
			return u
		}
	}
	return l.admin
}

func (l *loader) dealConversation(o kam.Opportunity) {
	owner := l.userByID(o.OwnerID)
	mgr := l.managerOf(owner)
	// The story of the deal so far starts when it was engaged; the loop
	// starts at most 30 days back (reviews every two to four weeks).
	start := max(-30, -int(l.now.Sub(o.CreatedAt).Hours()/24)+1)
	if start > -8 {
		return // too young a deal for a review cycle
	}
	v, err := l.svc.Strategy(l.ctx, service.ActorOf(owner), o.ID)
	if err != nil {
		l.fail(err, "read %q", o.Name)
		return
	}
	key := keyBuyer(v.OpportunityPicture)
	if key == nil {
		return
	}
	zh := owner.Locale == kam.LocaleZH
	say := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}

	// First review.
	l.atDay(start, 6, 0)
	create(l, l.svc.Reviews, mgr, kam.Review{OpportunityID: o.ID, At: l.clock, ManagerID: mgr.ID, SellerID: owner.ID,
		Notes:         say("Confirm the decision process with the key buyer and get the next commitment in writing.", "与关键购买影响者确认决策流程，并把下一步承诺落实到书面。"),
		AgreedActions: []string{say("Meet the key buyer with a call plan", "带着拜访计划拜访关键购买影响者")}}, o.Name+" review 1")

	// The call, planned with drafted questions, then debriefed.
	callDay := start + 4
	l.atDay(callDay-2, 2, 0)
	drafts, err := l.svc.DraftQuestions(l.ctx, service.ActorOf(owner), o.ID, key.ContactID)
	l.fail(err, "draft questions for %q", o.Name)
	loc := kam.LocaleEN
	if zh {
		loc = kam.LocaleZH
	}
	plan := create(l, l.svc.CallPlans, owner, kam.CallPlan{OpportunityID: o.ID, Kind: kam.InteractionVisit, At: l.moment(callDay, 2, 0),
		UserIDs: []int64{owner.ID}, Attendees: []kam.CallAttendee{{ContactID: key.ContactID, Questions: loop.Questions(drafts, loc)}},
		BusinessReason:    say("Review how the current system holds up against this year's targets", "对照今年的目标，回顾现有系统的表现"),
		BestCommitment:    say("Agree to a scoped pilot with a date", "同意有范围、有日期的试点"),
		MinimumCommitment: say("Introduce us to the person who approves the budget", "引荐负责审批预算的人"),
		Give:              say("A short benchmark of similar groups", "同类集团的简短对标"),
		Learn:             say("Who decides, and by when", "由谁决定、何时决定")}, o.Name+" call plan")
	l.atDay(callDay, 4, 0)
	fb := kam.FeedbackNeutral
	switch {
	case key.Rating != nil && *key.Rating >= 1:
		fb = kam.FeedbackPositive
	case key.Rating != nil && *key.Rating <= -1:
		fb = kam.FeedbackNegative
	}
	needs := []service.HeardNeed{{ContactID: key.ContactID, Kind: kam.NeedImplied,
		Words: say("Approvals take too long across the subsidiaries", "各子公司之间的审批太慢")}}
	if key.HasRole(kam.RoleEconomic) {
		needs = append(needs, service.HeardNeed{ContactID: key.ContactID, Kind: kam.NeedExplicit,
			Words: say("We need one approval flow for the whole group by year end", "年底前全集团要统一审批流程")})
	}
	if l.err == nil {
		res, err := l.svc.DebriefCall(l.ctx, service.ActorOf(owner), plan.ID, plan.Version, service.Debrief{
			At: l.moment(callDay, 2, 0), Outcome: kam.OutcomeAdvance,
			Feedback:           []kam.ContactFeedback{{ContactID: key.ContactID, Feedback: fb, Said: say("Show us it works in one subsidiary first.", "先在一家子公司证明可行。")}},
			CommitmentObtained: say("An introduction to the budget owner next week", "下周引荐预算负责人"), CommitmentMet: kam.CommitmentMinimum,
			Needs: needs,
		})
		l.fail(err, "debrief %q", o.Name)
		// The seller takes the business result the buyer stated into the
		// map, and leaves the other proposals for later.
		for _, pr := range res.Proposals {
			if pr.Kind == loop.ProposeWinResult {
				_, err := l.svc.DecideProposal(l.ctx, service.ActorOf(owner), plan.ID, pr.Key, true)
				l.fail(err, "accept %s on %q", pr.Key, o.Name)
			}
		}
		// The explicit need is the Economic buyer's result: link it.
		for _, n := range res.Needs {
			if n.Kind == kam.NeedExplicit {
				update(l, l.svc.Needs, owner, n.ID, n.Version, func(x *kam.Need) { x.LinkedToResult = true }, o.Name+" need")
			}
		}
	}

	// The next call, planned as the review agreed.
	l.atDay(callDay+1, 1, 0)
	next := l.moment(5, 2, 0)
	create(l, l.svc.CallPlans, owner, kam.CallPlan{OpportunityID: o.ID, Kind: kam.InteractionMeeting, At: next,
		UserIDs: []int64{owner.ID, mgr.ID}, Attendees: []kam.CallAttendee{{ContactID: key.ContactID, Questions: loop.Questions(drafts, loc)}},
		BusinessReason:    say("Agree the pilot's scope and success measures", "确定试点范围和成功标准"),
		BestCommitment:    say("Sign the pilot order", "签署试点订单"),
		MinimumCommitment: say("A date for the steering committee", "确定指导委员会的日期")}, o.Name+" next call")

	// Second review, on today's picture.
	l.atDay(-3, 6, 0)
	create(l, l.svc.Reviews, mgr, kam.Review{OpportunityID: o.ID, At: l.clock, ManagerID: mgr.ID, SellerID: owner.ID,
		Notes:         say("Good call. Keep the steering committee date in view.", "这次拜访不错。盯紧指导委员会的日期。"),
		AgreedActions: []string{say("Prepare the pilot's success measures", "准备试点的成功标准")}}, o.Name+" review 2")

	if o.Level == kam.LevelBestFew {
		vito := topBuyer(v.OpportunityPicture)
		plan := kam.VITOPlan{OpportunityID: o.ID, ExecutiveName: say("Zhao Min", "赵敏"), ExecutiveTitle: say("CEO, Zhilian Office", "智联办公 总裁")}
		if vito != nil {
			plan.ContactID = vito.ContactID
			plan.ReferralPath = []int64{vito.ContactID}
			if key.ContactID != vito.ContactID {
				plan.ReferralPath = append(plan.ReferralPath, key.ContactID)
			}
		}
		create(l, l.svc.VITOPlans, owner, plan, o.Name+" VITO plan")
	}
	l.at(l.now)
}

// keyBuyer is the buyer the demo's call is with: the Economic buyer, else
// the first high-influence buyer, else the first.
func keyBuyer(p *kam.OpportunityPicture) *kam.BuyingInfluence {
	if len(p.Influences) == 0 {
		return nil
	}
	if i := slices.IndexFunc(p.Influences, func(b kam.BuyingInfluence) bool { return b.HasRole(kam.RoleEconomic) }); i >= 0 {
		return &p.Influences[i]
	}
	if i := slices.IndexFunc(p.Influences, func(b kam.BuyingInfluence) bool { return b.Influence == kam.InfluenceHigh }); i >= 0 {
		return &p.Influences[i]
	}
	return &p.Influences[0]
}

// topBuyer is the buyer marked VITO, else the Economic buyer.
func topBuyer(p *kam.OpportunityPicture) *kam.BuyingInfluence {
	if i := slices.IndexFunc(p.Influences, func(b kam.BuyingInfluence) bool { return b.VITO }); i >= 0 {
		return &p.Influences[i]
	}
	if i := slices.IndexFunc(p.Influences, func(b kam.BuyingInfluence) bool { return b.HasRole(kam.RoleEconomic) }); i >= 0 {
		return &p.Influences[i]
	}
	return nil
}
