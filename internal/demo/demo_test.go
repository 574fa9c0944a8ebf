package demo

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// testNow is the demo's "today" in the tests: late in a quarter, so some
// deals are clamped to the quarter's end.
var testNow = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

// healthyDeal is the name of the story's healthy Best few deal.
const healthyDeal = "华远集团 一体化办公系统一期 (Integrated Office phase 1)"

// newService returns the service over a fresh database from storetest.
func newService(t testing.TB, db *store.DB) *service.Service {
	t.Helper()
	return newServiceAt(t, db, testNow)
}

// newServiceAt is newService with its clock at now: the service refuses
// dates after its today, so a demo dated later needs a later clock.
func newServiceAt(t testing.TB, db *store.DB, now time.Time) *service.Service {
	t.Helper()
	return service.New(db, service.Options{
		Now:       func() time.Time { return now },
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Passwords: auth.CheapParams(),
	})
}

// listAll pages through every record of e the admin sees.
func listAll[T any](t testing.TB, svc *service.Service, e *service.Entity[T], f store.Filter[T]) []T {
	t.Helper()
	var all []T
	f = store.Page(f, 0, store.MaxLimit)
	for {
		page, next, err := e.List(context.Background(), kam.System, f)
		if err != nil {
			t.Fatalf("list %s: %v", e.Name(), err)
		}
		all = append(all, page...)
		if next == 0 {
			return all
		}
		f = store.Page(f, next, store.MaxLimit)
	}
}

// loaded is everything the demo wrote, read back through the service.
type loaded struct {
	creds         Credentials
	users         []kam.User
	teams         []kam.Team
	accounts      []kam.Account
	relations     []kam.AccountRelation
	units         []kam.OrgUnit
	contacts      []kam.Contact
	links         []kam.ContactLink
	opps          []kam.Opportunity
	influences    []kam.BuyingInfluence
	swot          []kam.SWOTItem
	actions       []kam.Action
	interactions  []kam.Interaction
	criteria      []kam.Criterion
	quotas        []kam.Quota
	ratings       map[int64][]kam.CriterionRating
	shares        map[int64][]kam.AccountShare
	contactByID   map[int64]kam.Contact
	influencesOf  map[int64][]kam.BuyingInfluence
	interactionOf map[int64][]kam.Interaction
}

func readBack(t testing.TB, svc *service.Service, creds Credentials) *loaded {
	t.Helper()
	ctx := context.Background()
	d := &loaded{
		creds:         creds,
		users:         listAll(t, svc, svc.Users, store.UserFilter{}),
		teams:         listAll(t, svc, svc.Teams, store.TeamFilter{}),
		accounts:      listAll(t, svc, svc.Accounts, store.AccountFilter{}),
		relations:     listAll(t, svc, svc.AccountRelations, store.AccountRelationFilter{}),
		units:         listAll(t, svc, svc.OrgUnits, store.OrgUnitFilter{}),
		contacts:      listAll(t, svc, svc.Contacts, store.ContactFilter{}),
		links:         listAll(t, svc, svc.ContactLinks, store.ContactLinkFilter{}),
		opps:          listAll(t, svc, svc.Opportunities, store.OpportunityFilter{}),
		influences:    listAll(t, svc, svc.BuyingInfluences, store.BuyingInfluenceFilter{}),
		swot:          listAll(t, svc, svc.SWOTItems, store.SWOTItemFilter{}),
		actions:       listAll(t, svc, svc.Actions, store.ActionFilter{}),
		interactions:  listAll(t, svc, svc.Interactions, store.InteractionFilter{}),
		criteria:      listAll(t, svc, svc.Criteria, store.CriterionFilter{}),
		quotas:        listAll(t, svc, svc.Quotas, store.QuotaFilter{}),
		ratings:       map[int64][]kam.CriterionRating{},
		shares:        map[int64][]kam.AccountShare{},
		contactByID:   map[int64]kam.Contact{},
		influencesOf:  map[int64][]kam.BuyingInfluence{},
		interactionOf: map[int64][]kam.Interaction{},
	}
	for _, a := range d.accounts {
		r, err := svc.Ratings(ctx, kam.System, a.ID)
		if err != nil {
			t.Fatalf("ratings of %s: %v", a.Name, err)
		}
		d.ratings[a.ID] = r
		s, err := svc.Shares(ctx, kam.System, a.ID)
		if err != nil {
			t.Fatalf("shares of %s: %v", a.Name, err)
		}
		d.shares[a.ID] = s
	}
	for _, c := range d.contacts {
		d.contactByID[c.ID] = c
	}
	for _, b := range d.influences {
		d.influencesOf[b.OpportunityID] = append(d.influencesOf[b.OpportunityID], b)
	}
	for _, in := range d.interactions {
		d.interactionOf[in.OpportunityID] = append(d.interactionOf[in.OpportunityID], in)
	}
	return d
}

func TestLoad(t *testing.T) {
	t.Parallel()
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			open := storetest.SQLite
			if engine == "postgres" {
				open = storetest.Postgres
			}
			svc := newService(t, open(t))
			ctx := context.Background()
			creds, err := Load(ctx, svc, testNow)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			d := readBack(t, svc, creds)
			t.Run("second load is refused and writes nothing", func(t *testing.T) {
				_, err := Load(ctx, svc, testNow)
				if !errors.Is(err, ErrNotEmpty) {
					t.Fatalf("second Load = %v, want ErrNotEmpty", err)
				}
				if n := len(listAll(t, svc, svc.Opportunities, store.OpportunityFilter{})); n != len(d.opps) {
					t.Errorf("opportunities after refused load = %d, want %d", n, len(d.opps))
				}
			})
			t.Run("clock restored", func(t *testing.T) {
				// The service hands its own clock to the store; Load must
				// give it back.
				if c := svc.DB().Clock; c == nil || !c().Equal(testNow) {
					t.Errorf("store clock not restored after Load")
				}
			})
			checkStory(t, svc, d)
		})
	}
}

// checkStory checks that the loaded data tells the story the demo promises.
func checkStory(t *testing.T, svc *service.Service, d *loaded) {
	today := kam.DateOf(testNow)

	t.Run("every demo user signs in with the printed password", func(t *testing.T) {
		roles := map[kam.Role]int{}
		for _, u := range d.creds.Users {
			got, err := svc.Authenticator(nil).SignIn(context.Background(), u.Email, u.Password, "")
			if err != nil {
				t.Errorf("sign in as %s: %v", u.Email, err)
				continue
			}
			if got.Role != u.Role || got.Name != u.Name {
				t.Errorf("%s signs in as %s %q, credentials say %s %q", u.Email, got.Role, got.Name, u.Role, u.Name)
			}
			if len(u.Password) < 10 {
				t.Errorf("%s: password %q shorter than 10", u.Email, u.Password)
			}
			roles[u.Role]++
		}
		if roles[kam.RoleAdmin] != 1 || roles[kam.RoleManager] != 2 || roles[kam.RoleRep] != 4 {
			t.Errorf("roles = %v, want 1 admin, 2 managers, 4 reps", roles)
		}
		if len(d.users) != len(d.creds.Users) {
			t.Errorf("users = %d, credentials = %d", len(d.users), len(d.creds.Users))
		}
	})

	t.Run("locales are mixed", func(t *testing.T) {
		n := map[kam.Locale]int{}
		for _, u := range d.users {
			n[u.Locale]++
		}
		if n[kam.LocaleZH] == 0 || n[kam.LocaleEN] == 0 {
			t.Errorf("locales = %v, want both", n)
		}
	})

	t.Run("teams have a manager and two reps", func(t *testing.T) {
		if len(d.teams) != 2 {
			t.Fatalf("teams = %d, want 2", len(d.teams))
		}
		for _, tm := range d.teams {
			reps := 0
			for _, u := range d.users {
				if u.TeamID == tm.ID && u.Role == kam.RoleRep {
					reps++
				}
				if u.ID == tm.ManagerID && (u.Role != kam.RoleManager || u.TeamID != tm.ID) {
					t.Errorf("team %s: manager %s is %s of team %d", tm.Name, u.Name, u.Role, u.TeamID)
				}
			}
			if tm.ManagerID == 0 || reps != 2 {
				t.Errorf("team %s: manager %d, reps %d", tm.Name, tm.ManagerID, reps)
			}
		}
	})

	t.Run("funnel covers every open level with a dozen deals", func(t *testing.T) {
		levels := map[kam.FunnelLevel]int{}
		for _, o := range d.opps {
			levels[o.Level]++
		}
		open := levels[kam.LevelAbove] + levels[kam.LevelIn] + levels[kam.LevelBestFew]
		if open < 12 {
			t.Errorf("open opportunities = %d, want ≥ 12", open)
		}
		for _, lv := range []kam.FunnelLevel{kam.LevelAbove, kam.LevelIn, kam.LevelBestFew, kam.LevelWon, kam.LevelLost} {
			if levels[lv] == 0 {
				t.Errorf("no opportunity at level %s", lv)
			}
		}
		if closed := levels[kam.LevelWon] + levels[kam.LevelLost]; closed < 40 {
			t.Errorf("closed opportunities = %d, want ≥ 40", closed)
		}
	})

	t.Run("closed deals spread over the last four quarters", func(t *testing.T) {
		perQuarter := map[string]int{}
		reached := map[kam.FunnelLevel]int{}
		for _, o := range d.opps {
			if o.Level.Open() {
				if !o.ClosedOn.IsZero() {
					t.Errorf("open %q has ClosedOn %s", o.Name, o.ClosedOn)
				}
				continue
			}
			if o.ClosedOn.IsZero() || o.ClosedOn.After(today) || o.ClosedOn.Before(today.AddDays(-365)) {
				t.Errorf("%q closed on %s, want within the last 365 days", o.Name, o.ClosedOn)
			}
			perQuarter[kam.QuarterOf(o.ClosedOn).Name]++
			reached[o.ReachedLevel]++
		}
		if len(perQuarter) < 4 {
			t.Errorf("closed deals per quarter = %v, want four quarters or more", perQuarter)
		}
		for _, lv := range kam.OpenLevels {
			if reached[lv] == 0 {
				t.Errorf("no closed deal reached %s (reached = %v)", lv, reached)
			}
		}
	})

	t.Run("each team has enough history to fit health weights", func(t *testing.T) {
		teamOf := map[int64]int64{}
		for _, u := range d.users {
			teamOf[u.ID] = u.TeamID
		}
		perTeam := map[int64]int{}
		for _, o := range d.opps {
			if !o.Level.Open() {
				perTeam[teamOf[o.OwnerID]]++
			}
		}
		for _, tm := range d.teams {
			if perTeam[tm.ID] < 40 {
				t.Errorf("team %s: %d closed deals, want ≥ 40", tm.Name, perTeam[tm.ID])
			}
		}
	})

	t.Run("each of the method's situations is on its deal, and its red flags fire there", func(t *testing.T) {
		ctx := context.Background()
		byName := map[string]kam.Opportunity{}
		for _, o := range d.opps {
			if o.Level.Open() {
				byName[o.Name] = o
			}
		}
		// some reports whether a buyer of the deal satisfies ok.
		some := func(bs []kam.BuyingInfluence, ok func(b kam.BuyingInfluence, c kam.Contact) bool) bool {
			for _, b := range bs {
				if ok(b, d.contactByID[b.ContactID]) {
					return true
				}
			}
			return false
		}
		isCoach := func(b kam.BuyingInfluence, _ kam.Contact) bool { return b.HasRole(kam.RoleCoach) }
		cases := []struct {
			situation string
			deal      string
			// story checks the deal's records show the situation.
			story func(o kam.Opportunity, bs []kam.BuyingInfluence) bool
			// fire must be among the deal's findings, quiet must not.
			fire, quiet []string
			// noneAbove: no finding more severe than this (zero: any).
			noneAbove kam.Severity
		}{
			{situation: "a deal without a coach", deal: "Beifang Heavy — Integrated Office System (北方重工 一体化办公系统)",
				story: func(_ kam.Opportunity, bs []kam.BuyingInfluence) bool { return len(bs) > 0 && !some(bs, isCoach) },
				fire:  []string{method.RuleNoCoach}, quiet: []string{method.RuleCoachLeft}},
			{situation: "a euphoric seller", deal: "Beifang Heavy — Integrated Office System (北方重工 一体化办公系统)",
				story: func(o kam.Opportunity, _ []kam.BuyingInfluence) bool { return o.Position != nil && *o.Position == 3 },
				fire:  []string{method.RulePositionExtreme}},
			{situation: "a coach who left, beside a supporter who could be the new coach", deal: "华远集团 文档管理模块 (Document Management)",
				story: func(_ kam.Opportunity, bs []kam.BuyingInfluence) bool {
					left := some(bs, func(b kam.BuyingInfluence, c kam.Contact) bool {
						return b.HasRole(kam.RoleCoach) && c.Status == kam.ContactLeft
					})
					candidate := some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool {
						return !b.HasRole(kam.RoleCoach) && b.Support() == kam.SupportSupports &&
							(b.Influence == kam.InfluenceHigh || b.Influence == kam.InfluenceMedium)
					})
					return left && candidate
				},
				fire: []string{method.RuleCoachLeft}},
			{situation: "a Technical buyer who opposes (rated -3 or lower), after the tender", deal: "京北银行 办公系统信创替换 (Xinchuang replacement)",
				story: func(o kam.Opportunity, bs []kam.BuyingInfluence) bool {
					return some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool {
						return b.HasRole(kam.RoleTechnical) && b.Rating != nil && *b.Rating <= -3
					}) && !o.TenderPublishedOn.IsZero() && o.TenderPublishedOn.Before(o.EngagedOn)
				},
				fire: []string{method.RuleTechnicalVeto, method.RuleStrongOpponent, method.RuleLateEntry}},
			{situation: "an Economic buyer in Even Keel mode, at a reorganising account", deal: "华远地产 OA 升级与流程再造 (OA upgrade)",
				story: func(o kam.Opportunity, bs []kam.BuyingInfluence) bool {
					for _, a := range d.accounts {
						if a.ID == o.AccountID && a.ReorganisingSince.IsZero() {
							return false
						}
					}
					return some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool {
						return b.HasRole(kam.RoleEconomic) && b.Mode == kam.ModeEvenKeel
					})
				},
				fire: []string{method.RuleEconomicMode, method.RuleReorganization}},
			{situation: "only one contacted buyer", deal: "华远云数据 研发团队培训 (Training)",
				story: func(_ kam.Opportunity, bs []kam.BuyingInfluence) bool {
					n := 0
					for _, b := range bs {
						if b.ContactLevel.Contacted() {
							n++
						}
					}
					return n == 1 && len(bs) > 1
				},
				fire: []string{method.RuleSingleThreaded}},
			{situation: "a buyer new in the job", deal: "华远集团 全员上线培训 (Roll-out training)",
				story: func(_ kam.Opportunity, bs []kam.BuyingInfluence) bool {
					return some(bs, func(_ kam.BuyingInfluence, c kam.Contact) bool {
						return !c.InPostSince.IsZero() && c.InPostSince.DaysUntil(today) < 90
					})
				},
				fire: []string{method.RuleNewInJob}},
			{situation: "negative feedback from a supporter", deal: "瑞康医疗 一体化办公系统（含医疗文书归档）",
				story: func(o kam.Opportunity, bs []kam.BuyingInfluence) bool {
					return some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool {
						if b.Support() != kam.SupportSupports {
							return false
						}
						var latest kam.Interaction
						var fb kam.Feedback
						for _, in := range d.interactionOf[o.ID] {
							for _, f := range in.Feedback {
								if f.ContactID == b.ContactID && in.At.After(latest.At) {
									latest, fb = in, f.Feedback
								}
							}
						}
						return fb == kam.FeedbackNegative
					})
				},
				fire: []string{method.RuleFeedbackContradicts}},
			{situation: "a contact off the map who influences the Economic buyer, two calls with her without advance, and no supporter near her",
				deal: "华远集团 文档管理模块 (Document Management)",
				story: func(o kam.Opportunity, bs []kam.BuyingInfluence) bool {
					econ := d.contactByID[bs[len(bs)-1].ContactID]
					for _, k := range d.links {
						if k.ToContactID == econ.ID && k.Kind == kam.LinkInfluences && !some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool { return b.ContactID == k.FromContactID }) {
							return bs[len(bs)-1].HasRole(kam.RoleEconomic)
						}
					}
					return false
				},
				fire: []string{method.RuleUnseenInfluencer, method.RuleContinuationStreak, method.RuleNoPathToEconomic}},
			{situation: "the competitor's coach has the general manager's ear, and the objective bundles a service", deal: "华远地产 OA 升级与流程再造 (OA upgrade)",
				story: func(o kam.Opportunity, bs []kam.BuyingInfluence) bool {
					return some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool {
						return b.CompetitorCoach && b.Support() != kam.SupportOpposes
					}) &&
						strings.Contains(o.Product, "+")
				},
				fire: []string{method.RuleOpponentInfluencesKey, method.RuleObjectiveBundled}},
			{situation: "a coach in conflict with a high-influence buyer", deal: "瑞康医疗 一体化办公系统（含医疗文书归档）",
				story: func(_ kam.Opportunity, bs []kam.BuyingInfluence) bool { return some(bs, isCoach) },
				fire:  []string{method.RuleCoachConflictsKey}},
			{situation: "a meeting with the Economic buyer this week without a call plan", deal: "华远物流 移动办公二期 (Mobile Office phase 2)",
				story: func(o kam.Opportunity, _ []kam.BuyingInfluence) bool { return o.Level == kam.LevelBestFew },
				fire:  []string{method.RuleNoCallPlan, method.RuleNoExplicitNeed, method.RuleReviewOverdue}},
			{situation: "a healthy best-few deal", deal: healthyDeal,
				story: func(o kam.Opportunity, bs []kam.BuyingInfluence) bool {
					if o.Level != kam.LevelBestFew {
						return false
					}
					coach := some(bs, func(b kam.BuyingInfluence, c kam.Contact) bool {
						return b.HasRole(kam.RoleCoach) && c.Seniority.IsSenior() && b.Rating != nil && *b.Rating >= 3 && c.Status == kam.ContactActive
					})
					econ := some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool {
						return b.HasRole(kam.RoleEconomic) && b.ContactLevel.Contacted() && b.Rating != nil && *b.Rating >= 4
					})
					growthUser := some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool {
						return b.HasRole(kam.RoleUser) && b.Mode == kam.ModeGrowth
					})
					vito := some(bs, func(b kam.BuyingInfluence, _ kam.Contact) bool { return b.VITO })
					next, strength := false, false
					for _, a := range d.actions {
						if a.OpportunityID == o.ID && a.Status == kam.ActionOpen && !a.Due.Before(today) && a.Due.Before(today.AddDays(15)) {
							next = true
						}
					}
					for _, s := range d.swot {
						if s.OpportunityID == o.ID && s.Kind == kam.SWOTStrength {
							strength = true
						}
					}
					return coach && econ && growthUser && vito && next && strength
				},
				quiet: []string{method.RuleNoCoach, method.RuleCoachLeft, method.RuleTechnicalVeto, method.RuleStrongOpponent,
					method.RuleEconomicMode, method.RuleSingleThreaded, method.RuleNoNextAction, method.RuleNoStrengths,
					method.RuleLateEntry, method.RuleNoUrgency, method.RuleNoVITO},
				noneAbove: kam.SeverityLow},
		}
		for _, c := range cases {
			t.Run(c.situation, func(t *testing.T) {
				o, ok := byName[c.deal]
				if !ok {
					t.Fatalf("no open deal named %q", c.deal)
				}
				bs := d.influencesOf[o.ID]
				if len(bs) == 0 {
					t.Fatalf("%q has no buyers", c.deal)
				}
				if !c.story(o, bs) {
					t.Errorf("%q does not show %s in its records", c.deal, c.situation)
				}
				v, err := svc.Strategy(ctx, kam.System, o.ID)
				if err != nil {
					t.Fatalf("strategy of %q: %v", c.deal, err)
				}
				fired := map[string]bool{}
				for _, f := range v.Findings {
					fired[f.Rule] = true
					if c.noneAbove != "" && f.Severity.Rank() > c.noneAbove.Rank() {
						t.Errorf("%q has a %s finding %s: %s", c.deal, f.Severity, f.Rule, f.Detail.EN)
					}
				}
				for _, r := range c.fire {
					if !fired[r] {
						t.Errorf("%q: %s does not fire; findings %v", c.deal, r, rulesOf(v.Findings))
					}
				}
				for _, r := range c.quiet {
					if fired[r] {
						t.Errorf("%q: %s fires", c.deal, r)
					}
				}
			})
		}
	})

	t.Run("accounts form a group tree with relations, a reorganisation and shares", func(t *testing.T) {
		depth := map[int64]int{}
		byID := map[int64]kam.Account{}
		for _, a := range d.accounts {
			byID[a.ID] = a
		}
		var depthOf func(id int64) int
		depthOf = func(id int64) int {
			if p := byID[id].ParentID; p != 0 {
				return 1 + depthOf(p)
			}
			return 0
		}
		maxDepth, reorganising := 0, 0
		for _, a := range d.accounts {
			depth[a.ID] = depthOf(a.ID)
			maxDepth = max(maxDepth, depth[a.ID])
			if !a.ReorganisingSince.IsZero() {
				reorganising++
				if n := a.ReorganisingSince.DaysUntil(today); n != 30 {
					t.Errorf("%s reorganising since %d days, want 30", a.Name, n)
				}
			}
			if a.Industry == "" || a.Region == "" || a.Employees == 0 || a.AnnualRevenue == 0 {
				t.Errorf("%s: industry, region, employees or revenue missing", a.Name)
			}
		}
		if maxDepth < 2 {
			t.Errorf("group tree depth = %d, want a sub-subsidiary", maxDepth)
		}
		if reorganising != 1 {
			t.Errorf("reorganising accounts = %d, want 1", reorganising)
		}
		kinds := map[kam.AccountRelationKind]int{}
		for _, r := range d.relations {
			kinds[r.Kind]++
		}
		if kinds[kam.RelationSupplier] == 0 || kinds[kam.RelationCustomer] == 0 {
			t.Errorf("relations = %v, want a supplier and a customer", kinds)
		}
		access := map[kam.ShareAccess]int{}
		for _, list := range d.shares {
			for _, s := range list {
				access[s.Access]++
			}
		}
		if access[kam.ShareRead] != 1 || access[kam.ShareWrite] != 1 {
			t.Errorf("shares = %v, want one read and one write", access)
		}
	})

	t.Run("contacts show reporting lines, departures, moves and links", func(t *testing.T) {
		status := map[kam.ContactStatus]int{}
		reporting, notes := 0, 0
		for _, c := range d.contacts {
			status[c.Status]++
			if c.ReportsToID != 0 {
				reporting++
			}
			if c.PersonalNotes != "" {
				notes++
			}
			if c.Status != kam.ContactActive && c.StatusDate.IsZero() {
				t.Errorf("%s is %s without a date", c.Name, c.Status)
			}
		}
		if status[kam.ContactLeft] == 0 || status[kam.ContactMoved] == 0 {
			t.Errorf("statuses = %v, want left and moved", status)
		}
		if reporting < 10 || notes < 10 {
			t.Errorf("reporting lines = %d, personal notes = %d, want ≥ 10 each", reporting, notes)
		}
		kinds := map[kam.ContactLinkKind]int{}
		for _, l := range d.links {
			kinds[l.Kind]++
		}
		if kinds[kam.LinkInfluences] == 0 || kinds[kam.LinkConflictsWith] == 0 {
			t.Errorf("links = %v, want both kinds", kinds)
		}
		if len(d.units) < 10 {
			t.Errorf("org units = %d, want a tree per account", len(d.units))
		}
	})

	t.Run("every account is rated on every criterion and one fits badly", func(t *testing.T) {
		if n := len(d.criteria); n < 4 || n > 6 {
			t.Fatalf("criteria = %d, want 4–6", n)
		}
		kinds := map[kam.CriterionKind]bool{}
		for _, c := range d.criteria {
			kinds[c.Kind] = true
		}
		if !kinds[kam.CriterionDemographic] || !kinds[kam.CriterionPsychographic] {
			t.Errorf("criterion kinds = %v, want both", kinds)
		}
		low := 0
		for _, a := range d.accounts {
			r := d.ratings[a.ID]
			if len(r) != len(d.criteria) {
				t.Errorf("%s: %d ratings, want %d", a.Name, len(r), len(d.criteria))
				continue
			}
			score := method.IdealScore(d.criteria, r)
			if score == nil {
				t.Errorf("%s: no ideal-customer score", a.Name)
			} else if *score < 40 {
				low++
			}
		}
		if low == 0 {
			t.Errorf("no account scores below 40")
		}
	})

	t.Run("plans mix overdue, this week's and done actions with rules and strengths", func(t *testing.T) {
		var overdue, thisWeek, done, withRule, withStrength int
		for _, a := range d.actions {
			switch {
			case a.Status == kam.ActionDone:
				done++
			case a.Due.Before(today):
				overdue++
			case a.Due.Before(today.AddDays(7)):
				thisWeek++
			}
			if len(a.AddressesRules) > 0 {
				withRule++
			}
			if a.StrengthID != 0 {
				withStrength++
			}
		}
		if overdue == 0 || thisWeek == 0 || done == 0 || withRule == 0 || withStrength == 0 {
			t.Errorf("actions: overdue %d, this week %d, done %d, with rule %d, with strength %d; want each > 0",
				overdue, thisWeek, done, withRule, withStrength)
		}
	})

	t.Run("interactions lie in the last 60 days with feedback", func(t *testing.T) {
		if len(d.interactions) < 15 {
			t.Errorf("interactions = %d, want ≥ 15", len(d.interactions))
		}
		for _, in := range d.interactions {
			if in.At.After(testNow) || in.At.Before(testNow.AddDate(0, 0, -60)) {
				t.Errorf("interaction %q at %s, want within the last 60 days", in.Objective, in.At)
			}
			if len(in.Feedback) == 0 {
				t.Errorf("interaction %q has no feedback", in.Objective)
			}
		}
	})

	t.Run("quotas make some funnels short and others covered", func(t *testing.T) {
		q := kam.QuarterOf(today)
		quota := map[int64]int64{}
		teamQuota := map[int64]bool{}
		for _, x := range d.quotas {
			if x.Period == q.Name && x.UserID != 0 {
				quota[x.UserID] = x.Amount
			}
			if x.Period == q.Name && x.TeamID != 0 {
				teamQuota[x.TeamID] = true
			}
		}
		short, covered := 0, 0
		for _, u := range d.users {
			if u.Role != kam.RoleRep {
				continue
			}
			var won, pipe int64
			for _, o := range d.opps {
				switch {
				case o.OwnerID != u.ID:
				case o.Level == kam.LevelWon && q.Contains(o.ClosedOn):
					won += o.Amount
				case o.Level.Open() && o.CloseDate.Before(q.End):
					pipe += o.Amount
				}
			}
			remaining := quota[u.ID] - won
			switch {
			case quota[u.ID] == 0:
				t.Errorf("%s has no quota for %s", u.Name, q.Name)
			case pipe < remaining:
				short++
			case pipe >= 3*remaining:
				covered++
			}
		}
		if short == 0 || covered == 0 {
			t.Errorf("reps short of quota = %d, covered = %d; want some of each", short, covered)
		}
		if len(teamQuota) != 2 {
			t.Errorf("team quotas for %s = %d, want 2", q.Name, len(teamQuota))
		}
	})

	t.Run("the method reads the story as designed", func(t *testing.T) {
		ctx := context.Background()
		fired := map[string]bool{}
		foundHealthy := false
		for _, o := range d.opps {
			if !o.Level.Open() {
				continue
			}
			v, err := svc.Strategy(ctx, kam.System, o.ID)
			if err != nil {
				t.Fatalf("strategy of %q: %v", o.Name, err)
			}
			for _, f := range v.Findings {
				fired[f.Rule] = true
				if f.Rule == method.RuleCoachLeft && len(f.Candidates) == 0 {
					t.Errorf("%q: the coach left and no one is suggested as the new coach", o.Name)
				}
			}
			if o.Name == healthyDeal {
				foundHealthy = true
				for _, f := range v.Findings {
					if f.Severity != kam.SeverityLow {
						t.Errorf("healthy deal has %s finding %s: %s", f.Severity, f.Rule, f.Detail.EN)
					}
				}
				if v.Health.Score < 70 {
					t.Errorf("healthy deal health = %d (%s weights), want ≥ 70", v.Health.Score, v.Health.Weights)
				}
				if v.SuggestedLevel != kam.LevelBestFew {
					t.Errorf("healthy deal: suggested level %s, want best_few", v.SuggestedLevel)
				}
			}
		}
		if !foundHealthy {
			t.Errorf("no open deal named %q", healthyDeal)
		}
		for _, rule := range []string{
			method.RuleNoCoach, method.RuleCoachLeft, method.RuleTechnicalVeto, method.RuleStrongOpponent,
			method.RuleEconomicMode, method.RuleLateEntry, method.RulePositionExtreme, method.RuleFeedbackContradicts,
			method.RuleNewInJob, method.RuleReorganization, method.RuleLowIdealFit, method.RuleSingleThreaded,
			method.RuleOverdueActions, method.RuleUncontacted,
		} {
			if !fired[rule] {
				t.Errorf("no open deal raises %s", rule)
			}
		}
	})

	t.Run("funnels of the reps: two short of quota, two covered", func(t *testing.T) {
		short, covered := 0, 0
		for _, u := range d.users {
			if u.Role != kam.RoleRep {
				continue
			}
			fv, err := svc.Funnel(context.Background(), service.ActorOf(u), service.FunnelQuery{})
			if err != nil {
				t.Fatalf("funnel of %s: %v", u.Name, err)
			}
			r := fv.Report
			switch {
			case !r.QuotaSet:
				t.Errorf("%s: no quota in the funnel report", u.Name)
			case r.Gap > 0 && r.Coverage < r.CoverageNeeded:
				short++
			case r.Gap == 0 && r.Coverage >= r.CoverageNeeded:
				covered++
			}
		}
		if short != 2 || covered != 2 {
			t.Errorf("reps short = %d, covered = %d; want 2 and 2", short, covered)
		}
	})

	t.Run("managers' health weights are fitted to their team's history", func(t *testing.T) {
		for _, u := range d.users {
			if u.Role != kam.RoleManager {
				continue
			}
			w, _, err := svc.HealthFit(context.Background(), service.ActorOf(u))
			if err != nil {
				t.Fatalf("health fit for %s: %v", u.Name, err)
			}
			if w.Source != method.WeightsFitted {
				t.Errorf("%s: health weights %s, want fitted", u.Name, w.Source)
			}
		}
	})

	t.Run("nothing is dated after now", func(t *testing.T) {
		n := 0
		walk(reflect.ValueOf(d), "", func(path string, v reflect.Value) {
			if tm, ok := v.Interface().(time.Time); ok {
				n++
				if tm.After(testNow) {
					t.Errorf("%s = %s, after now", path, tm)
				}
			}
		})
		if n < 1000 {
			t.Errorf("checked %d instants, want every record's", n)
		}
	})

	t.Run("every text is valid UTF-8", func(t *testing.T) {
		n := 0
		walk(reflect.ValueOf(d), "", func(path string, v reflect.Value) {
			if v.Kind() == reflect.String {
				n++
				if !utf8.ValidString(v.String()) {
					t.Errorf("%s is not valid UTF-8: %q", path, v.String())
				}
			}
		})
		if n < 1000 {
			t.Errorf("checked %d strings, want the whole story", n)
		}
	})
}

// walk calls fn on every exported value reachable from v.
func walk(v reflect.Value, path string, fn func(path string, v reflect.Value)) {
	if !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), path, fn)
		}
		return
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i), path+"["+strconv.Itoa(i)+"]", fn)
		}
		return
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			walk(it.Value(), path+"[…]", fn)
		}
		return
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			fn(path, v)
			return
		}
		if !v.CanInterface() {
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			fv := v.Field(i)
			if !f.IsExported() {
				if v.Type() != reflect.TypeFor[loaded]() {
					continue // inside a domain value (kam.Date): not a text or an instant of its own
				}
				// The test's own holder: its fields hold exported domain values.
				fv = reflect.NewAt(fv.Type(), fv.Addr().UnsafePointer()).Elem()
			}
			walk(fv, path+"."+f.Name, fn)
		}
		return
	}
	if v.CanInterface() {
		fn(path, v)
	}
}

// TestLoadIsDeterministic loads the demo twice with the same now and
// compares what was written, password hashes aside.
func TestLoadIsDeterministic(t *testing.T) {
	t.Parallel()
	var dumps [2]string
	for i := range dumps {
		svc := newService(t, storetest.SQLite(t))
		creds, err := Load(context.Background(), svc, testNow)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		d := readBack(t, svc, creds)
		for j := range d.users {
			d.users[j].PasswordHash = ""
		}
		b, err := json.Marshal(struct {
			U []kam.User
			A []kam.Account
			C []kam.Contact
			O []kam.Opportunity
			B []kam.BuyingInfluence
			X []kam.Action
			I []kam.Interaction
			Q []kam.Quota
		}{d.users, d.accounts, d.contacts, d.opps, d.influences, d.actions, d.interactions, d.quotas})
		if err != nil {
			t.Fatal(err)
		}
		dumps[i] = string(b)
	}
	if dumps[0] != dumps[1] {
		t.Errorf("two loads with the same now differ")
	}
}

// TestLoadAtQuarterEdges loads the demo on the first and last day of a
// quarter, where close dates clamp and the current quarter has no history.
func TestLoadAtQuarterEdges(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		now  time.Time
	}{
		{"first day of a quarter loads", time.Date(2027, 1, 1, 0, 5, 0, 0, time.UTC)},
		{"last day of a quarter loads", time.Date(2026, 9, 30, 23, 55, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			svc := newServiceAt(t, storetest.SQLite(t), c.now)
			if _, err := Load(context.Background(), svc, c.now); err != nil {
				t.Fatalf("Load at %s: %v", c.now, err)
			}
		})
	}
}

// BenchmarkLoad measures a whole demo load, the seven password hashes
// included, on SQLite and (when KAM_TEST_POSTGRES is set) on PostgreSQL.
func BenchmarkLoad(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchmarkLoad(b, storetest.SQLite) })
	b.Run("postgres", func(b *testing.B) { benchmarkLoad(b, storetest.Postgres) })
}

func benchmarkLoad(b *testing.B, open func(testing.TB) *store.DB) {
	for b.Loop() {
		b.StopTimer()
		svc := newService(b, open(b))
		b.StartTimer()
		if _, err := Load(context.Background(), svc, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

// rulesOf lists the rule ids of findings, for messages.
func rulesOf(fs []method.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule
	}
	return out
}
