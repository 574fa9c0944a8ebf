package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"kam/internal/kam"
)

// addDeal creates an opportunity at acc with n buyers (each a new contact),
// n SWOT items, n actions (each with two participants, one of them a
// non-buyer) and n interactions (each with feedback from a buyer and a
// non-buyer), one accepted finding and one level change. It returns the
// opportunity and the ids of every contact the picture must hold.
func addDeal(t testing.TB, db *DB, w *world, acc kam.Account, n int) (kam.Opportunity, []int64) {
	t.Helper()
	ctx := context.Background()
	var opp kam.Opportunity
	var contacts []int64
	write(t, db, func(tx *Tx) error {
		opp = *must(t, Opportunities, tx, &kam.Opportunity{AccountID: acc.ID, Name: "deal", Level: kam.LevelIn, ReachedLevel: kam.LevelIn, OwnerID: acc.OwnerID, Amount: 10})
		for i := range n {
			buyer := must(t, Contacts, tx, &kam.Contact{AccountID: acc.ID, Name: fmt.Sprintf("buyer %d", i), Seniority: kam.SeniorityMiddle, Status: kam.ContactActive})
			other := must(t, Contacts, tx, &kam.Contact{AccountID: acc.ID, Name: fmt.Sprintf("other %d", i), Seniority: kam.SeniorityJunior, Status: kam.ContactActive})
			contacts = append(contacts, buyer.ID, other.ID)
			bi := must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: opp.ID, ContactID: buyer.ID, Roles: []kam.BuyingRole{kam.RoleUser}, Influence: kam.InfluenceMedium, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth, Rating: ptr(i % 5)})
			s := must(t, SWOTItems, tx, &kam.SWOTItem{OpportunityID: opp.ID, Kind: kam.SWOTStrength, Text: "s"})
			must(t, Actions, tx, &kam.Action{OpportunityID: opp.ID, Title: "a", Status: kam.ActionOpen, TargetInfluenceID: bi.ID, StrengthID: s.ID, ParticipantIDs: []int64{buyer.ID, other.ID}, AddressesRules: []string{"no-coach"}})
			must(t, Interactions, tx, &kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionVisit, At: t0.Add(time.Duration(i) * time.Hour).Truncate(time.Microsecond), UserIDs: []int64{w.rep1.ID},
				Feedback: []kam.ContactFeedback{{ContactID: buyer.ID, Feedback: kam.FeedbackPositive}, {ContactID: other.ID, Feedback: kam.FeedbackNeutral}}})
			must(t, CallPlans, tx, &kam.CallPlan{OpportunityID: opp.ID, Kind: kam.InteractionVisit, At: t0.Add(time.Duration(i) * time.Hour).Truncate(time.Microsecond),
				Attendees: []kam.CallAttendee{{ContactID: other.ID, Questions: []kam.Question{{Kind: kam.QuestionSituation, Text: "q"}}}}})
			must(t, Needs, tx, &kam.Need{OpportunityID: opp.ID, ContactID: buyer.ID, Kind: kam.NeedImplied, Words: "slow", HeardAt: t0})
		}
		must(t, Reviews, tx, &kam.Review{OpportunityID: opp.ID, At: t0, Notes: "n"})
		if err := InsertAccepted(ctx, tx, &kam.AcceptedFinding{OpportunityID: opp.ID, RuleID: "no-coach", Subject: "opportunity", Fingerprint: "f", ByUserID: w.rep1.ID}); err != nil {
			return err
		}
		return InsertLevelChange(ctx, tx, &kam.LevelChange{OpportunityID: opp.ID, From: kam.LevelAbove, To: kam.LevelIn, ByUserID: w.rep1.ID})
	})
	return opp, contacts
}

func TestLoadPicturesQueryCountIsFixed(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		small, _ := addDeal(t, db, w, w.acc1, 1)
		big, _ := addDeal(t, db, w, w.acc1, 25)
		var many []int64
		for range 6 {
			o, _ := addDeal(t, db, w, w.acc2, 3)
			many = append(many, o.ID)
		}
		count := func(ids ...int64) int64 {
			var n int64
			read(t, db, func(tx *Tx) error {
				before := db.queries.Load()
				m, err := LoadPictures(ctx, tx, ids)
				n = db.queries.Load() - before
				if len(m) != len(ids) {
					t.Errorf("loaded %d pictures, want %d", len(m), len(ids))
				}
				return err
			})
			return n
		}
		one, twentyFive, six := count(small.ID), count(big.ID), count(many...)
		if one != twentyFive || one != six {
			t.Errorf("queries: 1 buyer %d, 25 buyers %d, 6 deals %d; want the same", one, twentyFive, six)
		}
		if one > 18 {
			t.Errorf("queries = %d, want at most 18", one)
		}
	})
}

func TestLoadPictureContents(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		opp, contacts := addDeal(t, db, w, w.acc1, 3)
		var crit kam.Criterion
		var gone kam.BuyingInfluence
		write(t, db, func(tx *Tx) error {
			crit = *must(t, Criteria, tx, &kam.Criterion{Name: "fit", Kind: kam.CriterionDemographic, Weight: 2})
			if err := PutRating(ctx, tx, kam.CriterionRating{AccountID: w.acc1.ID, CriterionID: crit.ID, Rating: 3}); err != nil {
				return err
			}
			// A deleted buyer and a deleted SWOT item stay out of the picture.
			c := must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "removed", Seniority: kam.SeniorityJunior, Status: kam.ContactActive})
			gone = *must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: opp.ID, ContactID: c.ID, Influence: kam.InfluenceLow, ContactLevel: kam.ContactNone, Mode: kam.ModeUnknown})
			s := must(t, SWOTItems, tx, &kam.SWOTItem{OpportunityID: opp.ID, Kind: kam.SWOTThreat, Text: "x"})
			return errors.Join(BuyingInfluences.Delete(ctx, tx, gone.ID, gone.Version), SWOTItems.Delete(ctx, tx, s.ID, s.Version))
		})
		read(t, db, func(tx *Tx) error {
			p, err := LoadPicture(ctx, tx, opp.ID)
			if err != nil {
				return err
			}
			wantOpp, _ := Opportunities.Get(ctx, tx, opp.ID)
			wantAcc, _ := Accounts.Get(ctx, tx, w.acc1.ID)
			if !reflect.DeepEqual(p.Opportunity, wantOpp) || !reflect.DeepEqual(p.Account, wantAcc) {
				t.Errorf("opportunity or account differ")
			}
			if len(p.Influences) != 3 || len(p.SWOT) != 3 || len(p.Actions) != 3 || len(p.Interactions) != 3 || len(p.Accepted) != 1 || len(p.LevelHistory) != 1 {
				t.Errorf("picture sizes: %d buyers, %d swot, %d actions, %d interactions, %d accepted, %d history",
					len(p.Influences), len(p.SWOT), len(p.Actions), len(p.Interactions), len(p.Accepted), len(p.LevelHistory))
			}
			var got []int64
			for _, c := range p.Contacts {
				got = append(got, c.ID)
			}
			if !reflect.DeepEqual(got, contacts) {
				t.Errorf("contacts = %v, want buyers, participants and feedback %v", got, contacts)
			}
			for _, b := range p.Influences {
				if b.ID == gone.ID {
					t.Error("a deleted buyer is in the picture")
				}
			}
			act, _ := Actions.Get(ctx, tx, p.Actions[0].ID)
			it, _ := Interactions.Get(ctx, tx, p.Interactions[0].ID)
			if !reflect.DeepEqual(p.Actions[0], act) || !reflect.DeepEqual(p.Interactions[0], it) {
				t.Errorf("action or interaction differ from Get:\n%+v\n%+v", p.Actions[0], act)
			}
			if len(p.CallPlans) != 3 || len(p.Needs) != 3 || p.LastReviewAt == nil || !p.LastReviewAt.Equal(t0.Truncate(time.Microsecond)) {
				t.Errorf("conversation: %d call plans, %d needs, last review %v; want 3, 3, %v", len(p.CallPlans), len(p.Needs), p.LastReviewAt, t0)
			}
			if cp, _ := CallPlans.Get(ctx, tx, p.CallPlans[0].ID); !reflect.DeepEqual(p.CallPlans[0], cp) {
				t.Errorf("call plan differs from Get:\n%+v\n%+v", p.CallPlans[0], cp)
			}
			// 2·(3+5)·10 / 2 = 80
			if p.IdealScore == nil || *p.IdealScore != 80 {
				t.Errorf("ideal score = %v, want 80", p.IdealScore)
			}
			return nil
		})
		t.Run("no ratings, no score", func(t *testing.T) {
			o2, _ := addDeal(t, db, w, w.acc2, 0)
			read(t, db, func(tx *Tx) error {
				p, err := LoadPicture(ctx, tx, o2.ID)
				if err == nil && (p.IdealScore != nil || p.Influences == nil || p.Contacts == nil) {
					t.Errorf("picture of a bare deal: score %v, lists %v %v", p.IdealScore, p.Influences, p.Contacts)
				}
				return err
			})
		})
		t.Run("deleted account, no picture", func(t *testing.T) {
			err := db.Read(ctx, func(tx *Tx) error {
				_, err := LoadPicture(ctx, tx, w.opp4.ID)
				return err
			})
			if !errors.Is(err, kam.ErrNotFound) {
				t.Errorf("err = %v, want not found", err)
			}
		})
	})
}

func TestFunnel(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		d := kam.MustDate
		type deal struct {
			acc     kam.Account
			owner   kam.User
			level   kam.FunnelLevel
			reached kam.FunnelLevel
			amount  int64
			close   string
			closed  string
		}
		deals := []deal{
			{w.acc1, w.rep1, kam.LevelAbove, kam.LevelAbove, 100, "2026-04-10", ""},
			{w.acc1, w.rep1, kam.LevelIn, kam.LevelIn, 200, "2026-05-01", ""},                 // in USD, below
			{w.acc1, w.rep1, kam.LevelLost, kam.LevelBestFew, 50, "2026-02-01", "2026-03-30"}, // in USD, below
			{w.acc1, w.rep1, kam.LevelBestFew, kam.LevelBestFew, 300, "2026-06-30", ""},
			{w.acc2, w.rep2, kam.LevelIn, kam.LevelIn, 400, "2026-07-01", ""}, // after the window
			{w.acc2, w.rep2, kam.LevelBestFew, kam.LevelBestFew, 500, "", ""}, // undated
			{w.acc2, w.rep2, kam.LevelWon, kam.LevelBestFew, 600, "2026-02-01", "2026-02-03"},
			{w.acc2, w.rep2, kam.LevelLost, kam.LevelBestFew, 700, "2026-02-01", "2026-03-31"},
			{w.acc1, w.rep1, kam.LevelLost, kam.LevelIn, 800, "2026-02-01", "2026-01-15"},
			{w.acc1, w.rep1, kam.LevelWon, kam.LevelAbove, 900, "2026-02-01", "2026-04-01"}, // after the window
			{w.acc3, w.rep3, kam.LevelIn, kam.LevelIn, 1000, "2026-05-05", ""},              // another team, shared with A
			{w.acc4, w.rep3, kam.LevelIn, kam.LevelIn, 5000, "2026-05-05", ""},              // deleted account
		}
		write(t, db, func(tx *Tx) error {
			for _, x := range deals {
				cur := "CNY"
				if x.amount == 200 || x.amount == 50 {
					cur = "USD"
				}
				o := kam.Opportunity{AccountID: x.acc.ID, OwnerID: x.owner.ID, Name: "d", Level: x.level, ReachedLevel: x.reached, Amount: x.amount, Currency: cur, CloseDate: d(x.close), ClosedOn: d(x.closed)}
				if err := Opportunities.Insert(ctx, tx, &o); err != nil {
					return err
				}
			}
			// A deleted deal counts nowhere.
			o := kam.Opportunity{AccountID: w.acc1.ID, OwnerID: w.rep1.ID, Name: "gone", Level: kam.LevelIn, Amount: 7777, Currency: "CNY", CloseDate: d("2026-05-01")}
			if err := Opportunities.Insert(ctx, tx, &o); err != nil {
				return err
			}
			return Opportunities.Delete(ctx, tx, o.ID, o.Version)
		})
		// newWorld added opp1 (acc1, rep1, in, 1000, 2026-06-30) and opp3
		// (acc3, rep3, above, 500, undated); opp4 is under the deleted account.
		manager := Scope{UserID: w.manager.ID, TeamID: w.teamA.ID, TeamWide: true}
		q2 := FunnelFilter{Scope: manager, CloseFrom: d("2026-04-01"), CloseTo: d("2026-07-01")}
		tests := []struct {
			name string
			f    FunnelFilter
			want []LevelTotal
		}{
			// Amounts in two currencies are never added: the USD deal In
			// the funnel has a line of its own.
			{"team in a quarter", q2, []LevelTotal{{kam.LevelAbove, "CNY", 1, 100}, {kam.LevelIn, "CNY", 2, 1000 + 1000}, {kam.LevelIn, "USD", 1, 200}, {kam.LevelBestFew, "CNY", 1, 300}}},
			{"team without a window", FunnelFilter{Scope: manager}, []LevelTotal{{kam.LevelAbove, "CNY", 2, 100 + 500}, {kam.LevelIn, "CNY", 3, 400 + 1000 + 1000}, {kam.LevelIn, "USD", 1, 200}, {kam.LevelBestFew, "CNY", 2, 300 + 500}}},
			{"one level, any close date", FunnelFilter{Scope: manager, Level: kam.LevelAbove}, []LevelTotal{{kam.LevelAbove, "CNY", 2, 100 + 500}, {kam.LevelIn, "", 0, 0}, {kam.LevelBestFew, "", 0, 0}}},
			{"one owner", FunnelFilter{Scope: manager, OwnerIDs: []int64{w.rep2.ID}}, []LevelTotal{{kam.LevelAbove, "", 0, 0}, {kam.LevelIn, "CNY", 1, 400}, {kam.LevelBestFew, "CNY", 1, 500}}},
			{"rep sees own and shared", FunnelFilter{Scope: Scope{UserID: w.rep2.ID}}, []LevelTotal{{kam.LevelAbove, "", 0, 0}, {kam.LevelIn, "CNY", 1, 400}, {kam.LevelBestFew, "CNY", 1, 500}}},
			{"nobody's funnel is empty", FunnelFilter{Scope: Scope{UserID: 99999}}, []LevelTotal{{kam.LevelAbove, "", 0, 0}, {kam.LevelIn, "", 0, 0}, {kam.LevelBestFew, "", 0, 0}}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					got, err := FunnelTotals(ctx, tx, tc.f)
					if !reflect.DeepEqual(got, tc.want) {
						t.Errorf("totals = %v, want %v", got, tc.want)
					}
					return err
				})
			})
		}
		// FunnelOpenTotals answers FunnelTotals of the window and of the
		// Above level without one, in one statement.
		for _, f := range []FunnelFilter{q2, {Scope: manager}, {Scope: manager, CloseTo: d("2026-07-01")},
			{Scope: manager, CloseFrom: d("2026-05-01")}, {Scope: manager, OwnerIDs: []int64{w.rep1.ID}, CloseTo: d("2026-06-30")},
			{Scope: Scope{UserID: w.rep2.ID}, CloseTo: d("2027-01-01")}, {Scope: Scope{UserID: 99999}}} {
			read(t, db, func(tx *Tx) error {
				inWindow, above, err := FunnelOpenTotals(ctx, tx, f)
				if err != nil {
					return err
				}
				want, err := FunnelTotals(ctx, tx, f)
				if err != nil {
					return err
				}
				all, err := FunnelTotals(ctx, tx, FunnelFilter{Scope: f.Scope, OwnerIDs: f.OwnerIDs, Level: kam.LevelAbove})
				if err != nil {
					return err
				}
				var allAbove []LevelTotal
				for _, x := range all {
					if x.Level == kam.LevelAbove {
						allAbove = append(allAbove, x)
					}
				}
				if !reflect.DeepEqual(inWindow, want) || !reflect.DeepEqual(above, allAbove) {
					t.Errorf("%+v: open totals = %v, %v; want %v, %v", f, inWindow, above, want, allAbove)
				}
				return nil
			})
		}
		t.Run("closed history of the first quarter", func(t *testing.T) {
			read(t, db, func(tx *Tx) error {
				got, err := ClosedHistory(ctx, tx, FunnelFilter{Scope: manager}, d("2026-01-01"), d("2026-04-01"))
				want := []ClosedTotal{{Reached: kam.LevelIn, Currency: "CNY", Won: 0, Lost: 1, WonAmount: 0},
					{Reached: kam.LevelBestFew, Currency: "CNY", Won: 1, Lost: 1, WonAmount: 600},
					{Reached: kam.LevelBestFew, Currency: "USD", Won: 0, Lost: 1, WonAmount: 0}}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("history = %+v, want %+v", got, want)
				}
				n, won, err2 := WonAmounts(ctx, tx, FunnelFilter{Scope: manager}, d("2026-01-01"), d("2026-04-01"))
				if n != 1 || !reflect.DeepEqual(won, map[string]int64{"CNY": 600}) {
					t.Errorf("won = %d deals, %v; want 1 deal, 600 CNY", n, won)
				}
				nAll, all, err3 := WonAmounts(ctx, tx, FunnelFilter{Scope: manager}, kam.Date{}, kam.Date{})
				if nAll != 2 || !reflect.DeepEqual(all, map[string]int64{"CNY": 1500}) {
					t.Errorf("won ever = %d deals, %v; want 2 deals, 1500 CNY", nAll, all)
				}
				return errors.Join(err, err2, err3)
			})
		})
	})
}

func TestDealIDsInOrder(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		d := kam.MustDate
		// newWorld added opp1: acc1, rep1, In the funnel, closing 2026-06-30.
		ids := map[string]int64{"opp1": w.opp1.ID}
		write(t, db, func(tx *Tx) error {
			for _, x := range []struct {
				name          string
				acc           kam.Account
				owner         kam.User
				level         kam.FunnelLevel
				close, close2 string
			}{
				// Inserted out of order, so that id order is not date order.
				{"in-late", w.acc1, w.rep1, kam.LevelIn, "2026-09-01", ""},
				{"in-undated", w.acc1, w.rep1, kam.LevelIn, "", ""},
				{"in-soon", w.acc1, w.rep1, kam.LevelIn, "2026-05-01", ""},
				{"in-mid", w.acc1, w.rep1, kam.LevelIn, "2026-06-01", ""},
				{"in-other-owner", w.acc2, w.rep2, kam.LevelIn, "2026-04-01", ""},
				{"above-soon", w.acc1, w.rep1, kam.LevelAbove, "2026-04-01", ""},
				{"won-old", w.acc1, w.rep1, kam.LevelWon, "", "2026-01-10"},
				{"won-new", w.acc1, w.rep1, kam.LevelWon, "", "2026-03-10"},
				{"won-undated", w.acc1, w.rep1, kam.LevelWon, "", ""},
				{"won-mid", w.acc2, w.rep2, kam.LevelWon, "", "2026-02-10"},
				{"lost-new", w.acc1, w.rep1, kam.LevelLost, "", "2026-03-11"},
			} {
				o := kam.Opportunity{AccountID: x.acc.ID, OwnerID: x.owner.ID, Name: x.name, Level: x.level, ReachedLevel: kam.LevelAbove,
					CloseDate: d(x.close), ClosedOn: d(x.close2)}
				if err := Opportunities.Insert(ctx, tx, &o); err != nil {
					return err
				}
				ids[x.name] = o.ID
			}
			return nil
		})
		names := func(got []int64) []string {
			byID := map[int64]string{}
			for n, id := range ids {
				byID[id] = n
			}
			out := []string{}
			for _, id := range got {
				out = append(out, byID[id])
			}
			return out
		}
		rep1 := FunnelFilter{Scope: Scope{UserID: w.rep1.ID}, OwnerIDs: []int64{w.rep1.ID}}
		manager := FunnelFilter{Scope: Scope{UserID: w.manager.ID, TeamID: w.teamA.ID, TeamWide: true}}
		tests := []struct {
			name string
			get  func(tx *Tx) ([]int64, error)
			want []string
		}{
			{"open by close date, undated last", func(tx *Tx) ([]int64, error) {
				return OpenIDsByCloseDate(ctx, tx, rep1, kam.LevelIn, 10)
			}, []string{"in-soon", "in-mid", "opp1", "in-late", "in-undated"}},
			{"open by close date, cut at the limit", func(tx *Tx) ([]int64, error) {
				return OpenIDsByCloseDate(ctx, tx, rep1, kam.LevelIn, 2)
			}, []string{"in-soon", "in-mid"}},
			{"open, the limit reaching into the undated", func(tx *Tx) ([]int64, error) {
				return OpenIDsByCloseDate(ctx, tx, rep1, kam.LevelIn, 5)
			}, []string{"in-soon", "in-mid", "opp1", "in-late", "in-undated"}},
			{"open, the limit falling before the undated", func(tx *Tx) ([]int64, error) {
				return OpenIDsByCloseDate(ctx, tx, rep1, kam.LevelIn, 4)
			}, []string{"in-soon", "in-mid", "opp1", "in-late"}},
			{"open in a close window leaves the undated out", func(tx *Tx) ([]int64, error) {
				f := rep1
				f.CloseFrom, f.CloseTo = d("2026-05-01"), d("2026-09-01")
				return OpenIDsByCloseDate(ctx, tx, f, kam.LevelIn, 10)
			}, []string{"in-soon", "in-mid", "opp1"}},
			{"won and lost together, most recently closed first, undated last", func(tx *Tx) ([]int64, error) {
				return RecentlyClosedIDs(ctx, tx, manager, 10)
			}, []string{"lost-new", "won-new", "won-mid", "won-old", "won-undated"}},
			{"cut at the limit keeps the newest of either outcome", func(tx *Tx) ([]int64, error) {
				return RecentlyClosedIDs(ctx, tx, manager, 3)
			}, []string{"lost-new", "won-new", "won-mid"}},
			{"the limit reaching into the undated", func(tx *Tx) ([]int64, error) {
				return RecentlyClosedIDs(ctx, tx, manager, 5)
			}, []string{"lost-new", "won-new", "won-mid", "won-old", "won-undated"}},
			{"closed deals in a rep's scope", func(tx *Tx) ([]int64, error) {
				return RecentlyClosedIDs(ctx, tx, rep1, 10)
			}, []string{"lost-new", "won-new", "won-old", "won-undated"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					got, err := tc.get(tx)
					if g := names(got); !reflect.DeepEqual(g, tc.want) {
						t.Errorf("got %v, want %v", g, tc.want)
					}
					return err
				})
			})
		}
		read(t, db, func(tx *Tx) error {
			if _, err := OpenIDsByCloseDate(ctx, tx, manager, kam.LevelWon, 1); err == nil {
				t.Error("OpenIDsByCloseDate accepted a decided level")
			}
			return nil
		})
	})
}

func TestLoadPictureContactLinksAndCompetitorCoach(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		opp, _ := addDeal(t, db, w, w.acc1, 1)
		var toBuyer, gone kam.ContactLink
		var outsider kam.Contact
		var bi kam.BuyingInfluence
		write(t, db, func(tx *Tx) error {
			bs, _, err := BuyingInfluences.List(ctx, tx, BuyingInfluenceFilter{ListOptions: ListOptions{Scope: Scope{All: true}}, OpportunityID: opp.ID})
			if err != nil || len(bs) != 1 {
				return fmt.Errorf("buyers %v: %w", bs, err)
			}
			bi = bs[0]
			bi.CompetitorCoach = true
			if err := BuyingInfluences.Update(ctx, tx, &bi); err != nil {
				return err
			}
			outsider = *must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "outsider", Seniority: kam.SeniorityExecutive, Status: kam.ContactActive})
			far := must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "far", Seniority: kam.SeniorityJunior, Status: kam.ContactActive})
			toBuyer = *must(t, ContactLinks, tx, &kam.ContactLink{FromContactID: outsider.ID, ToContactID: bi.ContactID, Kind: kam.LinkInfluences})
			must(t, ContactLinks, tx, &kam.ContactLink{FromContactID: outsider.ID, ToContactID: far.ID, Kind: kam.LinkConflictsWith})
			gone = *must(t, ContactLinks, tx, &kam.ContactLink{FromContactID: bi.ContactID, ToContactID: far.ID, Kind: kam.LinkInfluences})
			return ContactLinks.Delete(ctx, tx, gone.ID, gone.Version)
		})
		read(t, db, func(tx *Tx) error {
			p, err := LoadPicture(ctx, tx, opp.ID)
			if err != nil {
				return err
			}
			if len(p.ContactLinks) != 1 || p.ContactLinks[0].ID != toBuyer.ID {
				t.Errorf("links = %+v, want only the live one that touches the buyer (%d)", p.ContactLinks, toBuyer.ID)
			}
			found := false
			for _, c := range p.Contacts {
				found = found || c.ID == outsider.ID
			}
			if !found {
				t.Errorf("the influencer at the link's other end is not among the picture's contacts")
			}
			if !p.Influences[0].CompetitorCoach {
				t.Errorf("competitor's coach mark not stored")
			}
			return nil
		})
	})
}
