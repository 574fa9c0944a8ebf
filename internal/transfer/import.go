package transfer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
)

// Sub-records of an account, counted apart in the report.
const (
	KindAccountShares = "account_shares"
	KindRatings       = "criterion_ratings"
)

// Import reads a kam-export document from r into the database behind svc,
// acting as kam.System, through the service's use cases, so every record is
// validated and audited as if typed in. Ids are remapped: every reference in
// the file is translated to the id the referenced record got. Group trees,
// department trees and reporting lines are imported parents first.
//
// A record that fails validation, refers to something missing, or is part
// of a cycle is reported in the Report and skipped with everything that
// depends on it; the import goes on. The error is non-nil only when the
// file is not a kam-export document or the database fails; the report then
// says what was imported up to that point.
//
// Each record keeps its created_at, the times of its level history, and the
// dates the service derives from them (the day a deal closed): while Import
// runs, it sets svc.DB().Clock to the time each record was made. Nothing
// else may write through the same DB meanwhile. Versions, updated_at and who
// moved a deal or accepted a finding are not kept: the import is the one
// writing, and the audit log says so.
func Import(ctx context.Context, svc *service.Service, r io.Reader) (*Report, error) {
	start := time.Now()
	db := svc.DB()
	prev := db.Clock
	defer func() { db.Clock = prev }()
	im := &importer{ctx: service.Replaying(ctx), svc: svc, rep: newReport(), ids: map[string]map[int64]int64{}, skipped: map[string]map[int64]bool{}}
	db.Clock = func() time.Time { return im.clock }
	err := im.read(r)
	if err == nil {
		err = im.finish()
	}
	im.rep.Elapsed = time.Since(start)
	return im.rep, err
}

type importer struct {
	ctx   context.Context
	svc   *service.Service
	rep   *Report
	clock time.Time
	head  Header
	seen  bool // the header was checked

	ids     map[string]map[int64]int64 // kind → id in the file → id now
	skipped map[string]map[int64]bool  // kind → ids in the file skipped

	// Set once the users exist: teams' managers, and users to disable
	// (a disabled user cannot be given accounts and deals).
	managers []teamManager
	disable  []User
}

type teamManager struct {
	team    kam.Team // as in the file
	newID   int64
	version int64
}

// at moves the store's clock to t (now, when t is zero).
func (im *importer) at(t time.Time) {
	if t.IsZero() {
		t = time.Now()
	}
	im.clock = t
}

// read walks the document, importing each section when it is complete.
func (im *importer) read(r io.Reader) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		key, _ := tok.(string)
		if err := im.field(dec, key); err != nil {
			return err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	return im.checkHeader()
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("import: not a kam-export document: %w", err)
	}
	if tok != d {
		return fmt.Errorf("import: not a kam-export document: want %q at offset %d", d, dec.InputOffset())
	}
	return nil
}

func (im *importer) checkHeader() error {
	if im.seen {
		return nil
	}
	if im.head.Format != Format || im.head.Version != Version {
		return fmt.Errorf("import: the file is %q version %d; want %q version %d", im.head.Format, im.head.Version, Format, Version)
	}
	im.seen = true
	return nil
}

func (im *importer) field(dec *json.Decoder, key string) error {
	var err error
	switch key {
	case "format":
		return dec.Decode(&im.head.Format)
	case "version":
		return dec.Decode(&im.head.Version)
	case "exported_at":
		return dec.Decode(&im.head.ExportedAt)
	case "password_hashes":
		return dec.Decode(&im.head.PasswordHashes)
	case KindCriteria:
		err = readSection(im, dec, key, im.criterion)
	case KindTeams:
		err = readSection(im, dec, key, im.team)
	case KindUsers:
		err = readSection(im, dec, key, im.user)
		if err == nil {
			err = im.setManagers()
		}
	case KindAccounts:
		err = readTree(im, dec, key, func(a *Account) (int64, int64) { return a.ID, a.ParentID }, "parent_id", im.account)
	case KindAccountRelations:
		err = readSection(im, dec, key, im.relation)
	case KindOrgUnits:
		err = readTree(im, dec, key, func(u *kam.OrgUnit) (int64, int64) { return u.ID, u.ParentID }, "parent_id", im.orgUnit)
	case KindContacts:
		err = readTree(im, dec, key, func(c *kam.Contact) (int64, int64) { return c.ID, c.ReportsToID }, "reports_to_id", im.contact)
	case KindContactLinks:
		err = readSection(im, dec, key, im.contactLink)
	case KindOpportunities:
		err = readSection(im, dec, key, im.opportunity)
	case KindBuyingInfluences:
		err = readSection(im, dec, key, im.influence)
	case KindSWOTItems:
		err = readSection(im, dec, key, im.swot)
	case KindActions:
		err = readSection(im, dec, key, im.action)
	case KindInteractions:
		err = readSection(im, dec, key, im.interaction)
	case KindQuotas:
		err = readSection(im, dec, key, im.quota)
	case KindAcceptedFindings:
		err = readSection(im, dec, key, im.accepted)
	case KindExchangeRates:
		err = readSection(im, dec, key, im.exchangeRate)
	case KindCallPlans:
		err = readSection(im, dec, key, im.callPlan)
	case KindNeeds:
		err = readSection(im, dec, key, im.need)
	case KindVITOPlans:
		err = readSection(im, dec, key, im.vitoPlan)
	case KindReviews:
		err = readSection(im, dec, key, im.review)
	default:
		// Unknown fields of a later minor change are passed over.
		var skip json.RawMessage
		return dec.Decode(&skip)
	}
	return err
}

// decodeAll reads one section's records. A record that does not decode
// (a string where a number belongs) is reported and left out; the rest of
// the section is read.
func decodeAll[T any](im *importer, dec *json.Decoder, kind string) ([]T, error) {
	if err := im.checkHeader(); err != nil {
		return nil, err
	}
	if err := expectDelim(dec, '['); err != nil {
		return nil, err
	}
	var out []T
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return out, fmt.Errorf("import %s: %w", kind, err)
		}
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			var id struct {
				ID int64 `json:"id"`
			}
			_ = json.Unmarshal(raw, &id)
			im.skip(&rec{kind: kind, id: id.ID, probs: []Problem{{Kind: kind, OldID: id.ID, Message: badJSON(err)}}})
			continue
		}
		out = append(out, v)
	}
	return out, expectDelim(dec, ']')
}

func badJSON(err error) kam.Text {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return kam.T(fmt.Sprintf("field %s holds a %s where a %s belongs", te.Field, te.Value, te.Type),
			fmt.Sprintf("字段 %s 的值类型错误（%s，应为 %s）", te.Field, te.Value, te.Type))
	}
	return kam.T("cannot be read: "+err.Error(), "无法读取："+err.Error())
}

// record is every stored kind: its id comes from kam.Meta.
type record interface{ RecordID() int64 }

func readSection[T record](im *importer, dec *json.Decoder, kind string, each func(*rec, *T) error) error {
	items, err := decodeAll[T](im, dec, kind)
	if err != nil {
		return err
	}
	for i := range items {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		rc := &rec{kind: kind, id: items[i].RecordID()}
		if err := each(rc, &items[i]); err != nil {
			return err
		}
	}
	return nil
}

// readTree reads a section whose records form trees (parent before child)
// and imports them parents first. Records on a cycle are reported; those
// below them are skipped as depending on a skipped record.
func readTree[T record](im *importer, dec *json.Decoder, kind string, link func(*T) (id, parent int64), field string, each func(*rec, *T) error) error {
	items, err := decodeAll[T](im, dec, kind)
	if err != nil {
		return err
	}
	order, cyclic := topoOrder(items, link)
	for _, i := range order {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		rc := &rec{kind: kind, id: items[i].RecordID()}
		if cyclic[i] {
			rc.add(field, kam.T("is part of a cycle: the record is, through its parents, its own parent",
				"形成循环：该记录经由上级成为了自己的上级"))
			im.skip(rc)
			continue
		}
		if err := each(rc, &items[i]); err != nil {
			return err
		}
	}
	return nil
}

// topoOrder returns the indexes of items with every parent before its
// children, and which of them lie on a cycle. Parents outside items count as
// roots (the import reports them as missing).
func topoOrder[T any](items []T, link func(*T) (id, parent int64)) (order []int, cyclic map[int]bool) {
	index := make(map[int64]int, len(items))
	for i := range items {
		id, _ := link(&items[i])
		index[id] = i
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]int, len(items))
	cyclic = map[int]bool{}
	var path []int
	for i := range items {
		path = path[:0]
		j := i
		for {
			if state[j] == done {
				break
			}
			if state[j] == onPath {
				for k := len(path) - 1; k >= 0; k-- {
					cyclic[path[k]] = true
					if path[k] == j {
						break
					}
				}
				break
			}
			state[j] = onPath
			path = append(path, j)
			_, parent := link(&items[j])
			p, ok := index[parent]
			if parent == 0 || !ok {
				break
			}
			j = p
		}
		for k := len(path) - 1; k >= 0; k-- {
			state[path[k]] = done
			order = append(order, path[k])
		}
	}
	return order, cyclic
}

// rec gathers the problems of one record while its references are mapped.
type rec struct {
	kind  string
	id    int64
	probs []Problem
}

func (r *rec) add(field string, msg kam.Text) {
	r.probs = append(r.probs, Problem{Kind: r.kind, OldID: r.id, Field: field, Message: msg})
}

func (r *rec) bad() bool { return len(r.probs) > 0 }

// ref maps the id old of a record of kind to its new id, noting a problem
// on field when that record was skipped or is not in the file. Zero maps to
// zero: an unset optional reference.
func (im *importer) ref(r *rec, kind string, old int64, field string) int64 {
	if old == 0 {
		return 0
	}
	if id, ok := im.ids[kind][old]; ok {
		return id
	}
	if im.skipped[kind][old] {
		r.add(field, kam.T(fmt.Sprintf("depends on %s %d, which was skipped", kind, old),
			fmt.Sprintf("依赖的%s %d 已被跳过", kam.RecordName(kind).ZH, old)))
	} else {
		r.add(field, kam.T(fmt.Sprintf("refers to %s %d, which is not in the file", kind, old),
			fmt.Sprintf("引用的%s %d 不在文件中", kam.RecordName(kind).ZH, old)))
	}
	return 0
}

func (im *importer) skip(r *rec) {
	im.rep.Problems = append(im.rep.Problems, r.probs...)
	im.rep.Skipped[r.kind]++
	if r.id != 0 {
		if im.skipped[r.kind] == nil {
			im.skipped[r.kind] = map[int64]bool{}
		}
		im.skipped[r.kind][r.id] = true
	}
}

func (im *importer) done(r *rec, newID int64) {
	im.rep.Imported[r.kind]++
	if im.ids[r.kind] == nil {
		im.ids[r.kind] = map[int64]int64{}
	}
	im.ids[r.kind][r.id] = newID
}

// outcome files the result of a service call: done with the new id, or
// skipped with the service's reasons. Errors that are not about the record
// are returned and stop the import.
func (im *importer) outcome(r *rec, newID int64, err error) error {
	if err == nil {
		im.done(r, newID)
		return nil
	}
	ps, ok := problemsOf(r.kind, r.id, 0, err)
	if !ok {
		return fmt.Errorf("import %s %d: %w", r.kind, r.id, err)
	}
	r.probs = append(r.probs, ps...)
	im.skip(r)
	return nil
}

// --- sections ---

func (im *importer) criterion(r *rec, v *kam.Criterion) error {
	im.at(v.CreatedAt)
	c, err := im.svc.Criteria.Create(im.ctx, kam.System, *v)
	return im.outcome(r, c.ID, err)
}

func (im *importer) exchangeRate(r *rec, v *kam.ExchangeRate) error {
	im.at(v.CreatedAt)
	x, err := im.svc.ExchangeRates.Create(im.ctx, kam.System, *v)
	return im.outcome(r, x.ID, err)
}

func (im *importer) team(r *rec, v *kam.Team) error {
	im.at(v.CreatedAt)
	t := *v
	t.ManagerID = 0 // set once the users exist
	c, err := im.svc.Teams.Create(im.ctx, kam.System, t)
	if err == nil && v.ManagerID != 0 {
		im.managers = append(im.managers, teamManager{team: *v, newID: c.ID, version: c.Version})
	}
	return im.outcome(r, c.ID, err)
}

func (im *importer) user(r *rec, v *User) error {
	u := v.User
	u.TeamID = im.ref(r, KindTeams, v.TeamID, "team_id")
	if r.bad() {
		im.skip(r)
		return nil
	}
	u.PasswordHash = v.PasswordHash
	// Disabled last: until the end a disabled user may still be handed the
	// accounts and deals they own.
	u.Disabled = false
	im.at(v.CreatedAt)
	c, err := im.svc.Users.Create(im.ctx, kam.System, u)
	if err == nil && v.Disabled {
		im.disable = append(im.disable, *v)
	}
	return im.outcome(r, c.ID, err)
}

// setManagers gives the imported teams their managers. A manager who was
// skipped leaves the team without one, which is reported.
func (im *importer) setManagers() error {
	for _, m := range im.managers {
		r := &rec{kind: KindTeams, id: m.team.ID}
		mgr := im.ref(r, KindUsers, m.team.ManagerID, "manager_id")
		if !r.bad() {
			im.at(m.team.UpdatedAt)
			_, err := im.svc.Teams.Update(im.ctx, kam.System, m.newID, m.version, func(t *kam.Team) error {
				t.ManagerID = mgr
				return nil
			})
			if err != nil {
				ps, ok := problemsOf(r.kind, r.id, 0, err)
				if !ok {
					return fmt.Errorf("import team %d: %w", r.id, err)
				}
				r.probs = append(r.probs, ps...)
			}
		}
		for i := range r.probs {
			r.probs[i].Message.EN += " (the team was imported without its manager)"
			r.probs[i].Message.ZH += "（团队已导入，但没有经理）"
		}
		im.rep.Problems = append(im.rep.Problems, r.probs...)
	}
	im.managers = nil
	return nil
}

func (im *importer) account(r *rec, v *Account) error {
	a := v.Account
	a.ParentID = im.ref(r, KindAccounts, v.ParentID, "parent_id")
	a.OwnerID = im.ref(r, KindUsers, v.OwnerID, "owner_id")
	if r.bad() {
		im.skip(r)
		return nil
	}
	im.at(v.CreatedAt)
	c, err := im.svc.Accounts.Create(im.ctx, kam.System, a)
	if err := im.outcome(r, c.ID, err); err != nil || c.ID == 0 {
		return err
	}
	for i, s := range v.Shares {
		err := im.ofAccount(KindAccountShares, v.ID, KindTeams, s.TeamID, fmt.Sprintf("shares[%d].team_id", i), func(team int64) error {
			return im.svc.Share(im.ctx, kam.System, kam.AccountShare{AccountID: c.ID, TeamID: team, Access: s.Access})
		})
		if err != nil {
			return err
		}
	}
	for i, x := range v.Ratings {
		err := im.ofAccount(KindRatings, v.ID, KindCriteria, x.CriterionID, fmt.Sprintf("ratings[%d].criterion_id", i), func(crit int64) error {
			return im.svc.Rate(im.ctx, kam.System, kam.CriterionRating{AccountID: c.ID, CriterionID: crit, Rating: x.Rating})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ofAccount imports one value the account of the file's id oldAccount keeps
// under a reference (a team's share, a criterion's rating): the reference
// refID of kind refKind is mapped, and write stores the value with the new
// id; a reference that does not map skips the value, reported under field.
func (im *importer) ofAccount(kind string, oldAccount int64, refKind string, refID int64, field string, write func(ref int64) error) error {
	sr := &rec{kind: kind}
	ref := im.ref(sr, refKind, refID, field)
	for j := range sr.probs {
		sr.probs[j].OldID = oldAccount
	}
	if sr.bad() {
		im.skip(sr)
		return nil
	}
	return im.sub(sr, oldAccount, write(ref))
}

// sub files the outcome of a sub-record of account oldID (a share, a
// rating), which has no id of its own.
func (im *importer) sub(r *rec, oldID int64, err error) error {
	if err == nil {
		im.rep.Imported[r.kind]++
		return nil
	}
	ps, ok := problemsOf(r.kind, oldID, 0, err)
	if !ok {
		return fmt.Errorf("import %s of account %d: %w", r.kind, oldID, err)
	}
	r.probs = append(r.probs, ps...)
	im.skip(r)
	return nil
}

func (im *importer) relation(r *rec, v *kam.AccountRelation) error {
	x := *v
	x.FromAccountID = im.ref(r, KindAccounts, v.FromAccountID, "from_account_id")
	x.ToAccountID = im.ref(r, KindAccounts, v.ToAccountID, "to_account_id")
	return create(im, r, im.svc.AccountRelations, v.CreatedAt, x)
}

func (im *importer) orgUnit(r *rec, v *kam.OrgUnit) error {
	x := *v
	x.AccountID = im.ref(r, KindAccounts, v.AccountID, "account_id")
	x.ParentID = im.ref(r, KindOrgUnits, v.ParentID, "parent_id")
	return create(im, r, im.svc.OrgUnits, v.CreatedAt, x)
}

func (im *importer) contact(r *rec, v *kam.Contact) error {
	x := *v
	x.AccountID = im.ref(r, KindAccounts, v.AccountID, "account_id")
	x.OrgUnitID = im.ref(r, KindOrgUnits, v.OrgUnitID, "org_unit_id")
	x.ReportsToID = im.ref(r, KindContacts, v.ReportsToID, "reports_to_id")
	return create(im, r, im.svc.Contacts, v.CreatedAt, x)
}

func (im *importer) contactLink(r *rec, v *kam.ContactLink) error {
	x := *v
	x.FromContactID = im.ref(r, KindContacts, v.FromContactID, "from_contact_id")
	x.ToContactID = im.ref(r, KindContacts, v.ToContactID, "to_contact_id")
	return create(im, r, im.svc.ContactLinks, v.CreatedAt, x)
}

// opportunity creates the deal at the first level of its history and
// replays every later move at its time, so the level history, the furthest
// level reached and the day it closed come out as they were.
func (im *importer) opportunity(r *rec, v *Opportunity) error {
	x := v.Opportunity
	x.AccountID = im.ref(r, KindAccounts, v.AccountID, "account_id")
	x.OwnerID = im.ref(r, KindUsers, v.OwnerID, "owner_id")
	if r.bad() {
		im.skip(r)
		return nil
	}
	steps := v.LevelHistory
	created := v.CreatedAt
	if len(steps) > 0 {
		x.Level = steps[0].To
		// A hand-made file may leave created_at out; the deal then began
		// when it entered its first level.
		if created.IsZero() {
			created = steps[0].At
		}
	}
	im.at(created)
	c, err := im.svc.Opportunities.Create(im.ctx, kam.System, x)
	if err != nil || len(steps) == 0 {
		return im.outcome(r, c.ID, err)
	}
	moves := make([]LevelStep, 0, len(steps))
	moves = append(moves, steps[1:]...)
	if last := steps[len(steps)-1].To; last != v.Level {
		moves = append(moves, LevelStep{To: v.Level, At: v.UpdatedAt})
	}
	for _, m := range moves {
		im.at(m.At)
		c, err = im.svc.Opportunities.Update(im.ctx, kam.System, c.ID, c.Version, func(o *kam.Opportunity) error {
			o.Level = m.To
			return nil
		})
		if err != nil {
			// The deal exists; only the history could not be replayed.
			ps, ok := problemsOf(r.kind, r.id, 0, err)
			if !ok {
				return fmt.Errorf("import opportunity %d: %w", r.id, err)
			}
			im.rep.Problems = append(im.rep.Problems, ps...)
			break
		}
	}
	im.done(r, c.ID)
	return nil
}

func (im *importer) influence(r *rec, v *kam.BuyingInfluence) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	x.ContactID = im.ref(r, KindContacts, v.ContactID, "contact_id")
	x.CounterpartID = im.ref(r, KindUsers, v.CounterpartID, "counterpart_id")
	return create(im, r, im.svc.BuyingInfluences, v.CreatedAt, x)
}

func (im *importer) swot(r *rec, v *kam.SWOTItem) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	return create(im, r, im.svc.SWOTItems, v.CreatedAt, x)
}

func (im *importer) action(r *rec, v *kam.Action) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	x.OwnerID = im.ref(r, KindUsers, v.OwnerID, "owner_id")
	x.TargetInfluenceID = im.ref(r, KindBuyingInfluences, v.TargetInfluenceID, "target_influence_id")
	x.StrengthID = im.ref(r, KindSWOTItems, v.StrengthID, "strength_id")
	x.ParticipantIDs = make([]int64, len(v.ParticipantIDs))
	for i, id := range v.ParticipantIDs {
		x.ParticipantIDs[i] = im.ref(r, KindContacts, id, fmt.Sprintf("participant_ids[%d]", i))
	}
	return create(im, r, im.svc.Actions, v.CreatedAt, x)
}

func (im *importer) interaction(r *rec, v *kam.Interaction) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	x.UserIDs = make([]int64, len(v.UserIDs))
	for i, id := range v.UserIDs {
		x.UserIDs[i] = im.ref(r, KindUsers, id, fmt.Sprintf("user_ids[%d]", i))
	}
	x.Feedback = make([]kam.ContactFeedback, len(v.Feedback))
	for i, f := range v.Feedback {
		x.Feedback[i] = kam.ContactFeedback{ContactID: im.ref(r, KindContacts, f.ContactID, fmt.Sprintf("feedback[%d].contact_id", i)), Feedback: f.Feedback, Said: f.Said}
	}
	return create(im, r, im.svc.Interactions, v.CreatedAt, x)
}

func (im *importer) quota(r *rec, v *kam.Quota) error {
	x := *v
	x.UserID = im.ref(r, KindUsers, v.UserID, "user_id")
	x.TeamID = im.ref(r, KindTeams, v.TeamID, "team_id")
	return create(im, r, im.svc.Quotas, v.CreatedAt, x)
}

// accepted accepts the same red flag again. The service recomputes its
// fingerprint from the imported facts; a flag that no longer fires there
// is reported.
func (im *importer) accepted(r *rec, v *kam.AcceptedFinding) error {
	opp := im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	subject := v.Subject
	if s, ok := strings.CutPrefix(v.Subject, "influence:"); ok {
		old, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			r.add("subject", kam.T("names no buying influence", "未指明购买影响者"))
		} else {
			subject = method.SubjectOf(im.ref(r, KindBuyingInfluences, old, "subject"))
		}
	}
	if r.bad() {
		im.skip(r)
		return nil
	}
	im.at(v.At)
	c, err := im.svc.AcceptFinding(im.ctx, kam.System, opp, v.RuleID, subject, v.Note)
	return im.outcome(r, c.ID, err)
}

// finish disables the users who were disabled, now that nothing more is
// handed to them.
func (im *importer) finish() error {
	if len(im.managers) > 0 {
		if err := im.setManagers(); err != nil {
			return err
		}
	}
	for _, u := range im.disable {
		id := im.ids[KindUsers][u.ID]
		cur, err := im.svc.Users.Get(im.ctx, kam.System, id)
		if err != nil {
			return fmt.Errorf("import user %d: %w", u.ID, err)
		}
		im.at(u.UpdatedAt)
		if _, err := im.svc.Users.Update(im.ctx, kam.System, id, cur.Version, func(x *kam.User) error {
			x.Disabled = true
			return nil
		}); err != nil {
			ps, ok := problemsOf(KindUsers, u.ID, 0, err)
			if !ok {
				return fmt.Errorf("import user %d: %w", u.ID, err)
			}
			im.rep.Problems = append(im.rep.Problems, ps...)
		}
	}
	return nil
}

// DryRun imports r into a new, temporary SQLite database in dir (the
// system's temporary folder when empty) and reports, leaving the real
// database untouched. It cannot see conflicts with records already in the
// real database (an email taken there), only problems of the file itself.
func DryRun(ctx context.Context, r io.Reader, dir string, o service.Options) (*Report, error) {
	tmp, err := os.MkdirTemp(dir, "kam-dry-run-")
	if err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	defer os.RemoveAll(tmp)
	db, err := store.Open(ctx, filepath.Join(tmp, "dry-run.db"))
	if err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	return Import(ctx, service.New(db, o), r)
}

// create ends the importers of plain records: a record with a bad reference
// is skipped with what depends on it; any other is created through e at its
// original time, and the outcome noted.
func create[T record](im *importer, r *rec, e *service.Entity[T], at time.Time, x T) error {
	if r.bad() {
		im.skip(r)
		return nil
	}
	im.at(at)
	c, err := e.Create(im.ctx, kam.System, x)
	return im.outcome(r, c.RecordID(), err)
}
