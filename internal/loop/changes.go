package loop

import (
	"fmt"
	"strings"
	"time"

	"kam/internal/kam"
)

// Snapshot takes the judgement of a deal at instant at: its buyers and how
// they stand, the given findings, health and suggested level, and its
// actions. The caller reads the findings, health and suggested level from
// the method.
func Snapshot(p *kam.OpportunityPicture, findings []kam.SnapshotFinding, health int, suggested kam.FunnelLevel, at time.Time) kam.ReviewSnapshot {
	s := kam.ReviewSnapshot{
		At: at, Level: p.Opportunity.Level, SuggestedLevel: suggested, Health: health,
		Buyers: []kam.SnapshotBuyer{}, Findings: []kam.SnapshotFinding{}, Actions: []kam.SnapshotAction{}, Needs: []kam.SnapshotNeed{},
	}
	names := map[int64]string{}
	for _, c := range p.Contacts {
		names[c.ID] = c.Name
	}
	for _, b := range p.Influences {
		var r *int
		if b.Rating != nil {
			v := *b.Rating
			r = &v
		}
		s.Buyers = append(s.Buyers, kam.SnapshotBuyer{InfluenceID: b.ID, ContactID: b.ContactID, Name: names[b.ContactID],
			Roles: append([]kam.BuyingRole{}, b.Roles...), Influence: b.Influence, Rating: r, Mode: b.Mode, ContactLevel: b.ContactLevel})
	}
	s.Findings = append(s.Findings, findings...)
	for _, a := range p.Actions {
		s.Actions = append(s.Actions, kam.SnapshotAction{ID: a.ID, Title: a.Title, Status: a.Status, Due: a.Due})
	}
	for _, n := range p.Needs {
		s.Needs = append(s.Needs, kam.SnapshotNeed{ID: n.ID, ContactID: n.ContactID, Kind: n.Kind, Words: n.Words, LinkedToResult: n.LinkedToResult})
	}
	return s
}

// ChangeKind names one kind of change between two snapshots.
type ChangeKind string

// The kinds of change between snapshots.
const (
	BuyerAdded     ChangeKind = "buyer_added"
	BuyerGone      ChangeKind = "buyer_gone"
	RatingMoved    ChangeKind = "rating_moved"
	ModeMoved      ChangeKind = "mode_moved"
	ContactMoved   ChangeKind = "contact_moved"
	RolesMoved     ChangeKind = "roles_moved"
	FlagOpened     ChangeKind = "flag_opened"
	FlagClosed     ChangeKind = "flag_closed"
	FlagAccepted   ChangeKind = "flag_accepted"
	HealthMoved    ChangeKind = "health_moved"
	LevelMoved     ChangeKind = "level_moved"
	SuggestedMoved ChangeKind = "suggested_moved"
	ActionAdded    ChangeKind = "action_added"
	ActionDone     ChangeKind = "action_done"
	ActionDropped  ChangeKind = "action_dropped"
	ActionOverdue  ChangeKind = "action_overdue"
	NeedHeard      ChangeKind = "need_heard"
	NeedExplicit   ChangeKind = "need_explicit"
	NeedLinked     ChangeKind = "need_linked"
)

// Change is one readable line of "what changed".
type Change struct {
	Kind ChangeKind `json:"kind"`
	Text kam.Text   `json:"text"`
}

func label(v any) kam.Text {
	t := kam.Label(v)
	if t.EN == "" {
		s := fmt.Sprint(v)
		if s == "" {
			s = "—"
		}
		return kam.T(s, s)
	}
	return t
}

func ratingText(r *int) string {
	if r == nil {
		return "—"
	}
	return signed(*r)
}

func rolesText(rs []kam.BuyingRole) kam.Text {
	if len(rs) == 0 {
		return kam.T("no role", "无角色")
	}
	en, zh := make([]string, len(rs)), make([]string, len(rs))
	for i, r := range rs {
		t := label(r)
		en[i], zh[i] = t.EN, t.ZH
	}
	return kam.T(strings.Join(en, ", "), strings.Join(zh, "、"))
}

// overdue reports whether an open action's due date lies before the day of at.
func overdue(a kam.SnapshotAction, at time.Time) bool {
	return a.Status == kam.ActionOpen && !a.Due.IsZero() && a.Due.Before(kam.DateOf(at))
}

// Changes lists what changed from snapshot from to snapshot to, as readable
// lines: buyers added or gone; ratings, modes, contact and roles moved; red
// flags opened, closed and accepted; health, level and suggested level
// moved; actions added, done, dropped, and newly overdue; needs heard,
// made explicit and linked to a business result.
func Changes(from, to kam.ReviewSnapshot) []Change {
	out := []Change{}
	add := func(k ChangeKind, en, zh string) { out = append(out, Change{Kind: k, Text: kam.T(en, zh)}) }

	if from.Level != to.Level {
		a, b := label(from.Level), label(to.Level)
		add(LevelMoved, fmt.Sprintf("Funnel level: %s → %s", a.EN, b.EN), fmt.Sprintf("漏斗位置：%s → %s", a.ZH, b.ZH))
	}
	if from.SuggestedLevel != to.SuggestedLevel && to.SuggestedLevel != "" {
		a, b := label(from.SuggestedLevel), label(to.SuggestedLevel)
		add(SuggestedMoved, fmt.Sprintf("Suggested level: %s → %s", a.EN, b.EN), fmt.Sprintf("建议漏斗位置：%s → %s", a.ZH, b.ZH))
	}
	if from.Health != to.Health {
		add(HealthMoved, fmt.Sprintf("Health: %d → %d (%+d)", from.Health, to.Health, to.Health-from.Health),
			fmt.Sprintf("健康度：%d → %d（%+d）", from.Health, to.Health, to.Health-from.Health))
	}

	before := map[int64]kam.SnapshotBuyer{}
	for _, b := range from.Buyers {
		before[b.InfluenceID] = b
	}
	now := map[int64]bool{}
	for _, b := range to.Buyers {
		now[b.InfluenceID] = true
		old, ok := before[b.InfluenceID]
		if !ok {
			r := rolesText(b.Roles)
			add(BuyerAdded, fmt.Sprintf("New buyer: %s (%s, rated %s)", b.Name, r.EN, ratingText(b.Rating)),
				fmt.Sprintf("新增购买影响者：%s（%s，评分 %s）", b.Name, r.ZH, ratingText(b.Rating)))
			continue
		}
		if ratingText(old.Rating) != ratingText(b.Rating) {
			add(RatingMoved, fmt.Sprintf("%s: rating %s → %s", b.Name, ratingText(old.Rating), ratingText(b.Rating)),
				fmt.Sprintf("%s：评分 %s → %s", b.Name, ratingText(old.Rating), ratingText(b.Rating)))
		}
		if old.Mode != b.Mode {
			x, y := label(old.Mode), label(b.Mode)
			add(ModeMoved, fmt.Sprintf("%s: mode %s → %s", b.Name, x.EN, y.EN), fmt.Sprintf("%s：反馈模式 %s → %s", b.Name, x.ZH, y.ZH))
		}
		if old.ContactLevel != b.ContactLevel {
			x, y := label(old.ContactLevel), label(b.ContactLevel)
			add(ContactMoved, fmt.Sprintf("%s: contact %s → %s", b.Name, x.EN, y.EN), fmt.Sprintf("%s：接触度 %s → %s", b.Name, x.ZH, y.ZH))
		}
		if rolesText(old.Roles) != rolesText(b.Roles) {
			x, y := rolesText(old.Roles), rolesText(b.Roles)
			add(RolesMoved, fmt.Sprintf("%s: roles %s → %s", b.Name, x.EN, y.EN), fmt.Sprintf("%s：角色 %s → %s", b.Name, x.ZH, y.ZH))
		}
	}
	for _, b := range from.Buyers {
		if !now[b.InfluenceID] {
			add(BuyerGone, fmt.Sprintf("Buyer gone from the map: %s", b.Name), fmt.Sprintf("购买影响者已移出地图：%s", b.Name))
		}
	}

	flagKey := func(f kam.SnapshotFinding) string { return f.Rule + "|" + f.Subject }
	oldFlags := map[string]kam.SnapshotFinding{}
	for _, f := range from.Findings {
		oldFlags[flagKey(f)] = f
	}
	newFlags := map[string]bool{}
	for _, f := range to.Findings {
		newFlags[flagKey(f)] = true
		old, ok := oldFlags[flagKey(f)]
		switch {
		case !ok && !f.Accepted:
			add(FlagOpened, "Red flag raised: "+f.Title.EN, "新出现红旗："+f.Title.ZH)
		case !ok && f.Accepted:
			add(FlagAccepted, "Red flag raised and accepted: "+f.Title.EN, "新出现并已接受的红旗："+f.Title.ZH)
		case !old.Accepted && f.Accepted:
			add(FlagAccepted, "Red flag accepted: "+f.Title.EN, "红旗已接受："+f.Title.ZH)
		case old.Accepted && !f.Accepted:
			add(FlagOpened, "Red flag open again: "+f.Title.EN, "红旗重新打开："+f.Title.ZH)
		}
	}
	for _, f := range from.Findings {
		if !newFlags[flagKey(f)] {
			add(FlagClosed, "Red flag cleared: "+f.Title.EN, "红旗已消除："+f.Title.ZH)
		}
	}

	oldActions := map[int64]kam.SnapshotAction{}
	for _, a := range from.Actions {
		oldActions[a.ID] = a
	}
	for _, a := range to.Actions {
		old, ok := oldActions[a.ID]
		switch {
		case !ok:
			add(ActionAdded, "New action: "+a.Title, "新增行动："+a.Title)
		case old.Status != kam.ActionDone && a.Status == kam.ActionDone:
			add(ActionDone, "Action done: "+a.Title, "行动已完成："+a.Title)
		case old.Status != kam.ActionDropped && a.Status == kam.ActionDropped:
			add(ActionDropped, "Action dropped: "+a.Title, "行动已放弃："+a.Title)
		}
		if overdue(a, to.At) && !(ok && overdue(old, from.At)) {
			add(ActionOverdue, fmt.Sprintf("Action overdue since %s: %s", a.Due, a.Title), fmt.Sprintf("行动已逾期（截止 %s）：%s", a.Due, a.Title))
		}
	}
	names := map[int64]string{}
	for _, b := range append(append([]kam.SnapshotBuyer{}, from.Buyers...), to.Buyers...) {
		names[b.ContactID] = b.Name
	}
	oldNeeds := map[int64]kam.SnapshotNeed{}
	for _, n := range from.Needs {
		oldNeeds[n.ID] = n
	}
	for _, n := range to.Needs {
		who := names[n.ContactID]
		if who == "" {
			who = fmt.Sprintf("#%d", n.ContactID)
		}
		old, ok := oldNeeds[n.ID]
		switch {
		case !ok:
			k := label(n.Kind)
			add(NeedHeard, fmt.Sprintf("%s heard from %s: %s", k.EN, who, n.Words), fmt.Sprintf("听到%s的%s：%s", who, k.ZH, n.Words))
		case old.Kind != kam.NeedExplicit && n.Kind == kam.NeedExplicit:
			add(NeedExplicit, fmt.Sprintf("%s's need is now explicit: %s", who, n.Words), fmt.Sprintf("%s的需求已转为明确需求：%s", who, n.Words))
		}
		if n.LinkedToResult && !(ok && old.LinkedToResult) {
			add(NeedLinked, fmt.Sprintf("%s's need linked to their business result: %s", who, n.Words), fmt.Sprintf("%s的需求已关联业务结果：%s", who, n.Words))
		}
	}

	kept := map[int64]bool{}
	for _, a := range to.Actions {
		kept[a.ID] = true
	}
	for _, a := range from.Actions {
		if !kept[a.ID] && a.Status == kam.ActionOpen {
			add(ActionDropped, "Action removed from the plan: "+a.Title, "行动已从计划中删除："+a.Title)
		}
	}
	return out
}
