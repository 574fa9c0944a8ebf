package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
)

// settingsKey is where the admin's red-flag thresholds are kept.
const settingsKey = "method.settings"

// StrategyView is the whole strategy sheet of one opportunity: the data, and
// the method's reading of it.
type StrategyView struct {
	*kam.OpportunityPicture
	Findings         []method.Finding    `json:"findings"`
	Health           method.HealthReport `json:"health"`
	SuggestedLevel   kam.FunnelLevel     `json:"suggested_level"`
	SuggestedReasons []kam.Text          `json:"suggested_reasons"`
	// Writable tells a front end whether to offer edits.
	Writable bool `json:"writable"`
}

// Settings returns the red-flag thresholds in force.
func (s *Service) Settings(ctx context.Context) (method.Settings, error) {
	var out method.Settings
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		out, err = s.settings(ctx, tx)
		return err
	})
	return out, err
}

// settingsTTL is how long a Service serves the red-flag thresholds from
// memory to its read paths (the strategy sheet, the funnel, the work order,
// the health fit). PutSettings refreshes its own Service at once; other kam
// instances on the same database see a change within this time.
const settingsTTL = 5 * time.Second

// settingsCache holds the thresholds last read for the read paths.
type settingsCache struct {
	mu  sync.Mutex
	set method.Settings
	at  time.Time // monotonic reading of time.Now; zero when empty
	gen uint64    // bumped by every PutSettings, so a read begun before one is not kept
}

// cachedSettings returns the red-flag thresholds for a read path: from
// memory when read less than settingsTTL ago, else in a read transaction of
// their own. The age is measured on the process's monotonic clock, not the
// service's clock, so a test's fixed clock cannot keep stale thresholds
// alive. Writes read the stored thresholds with settings.
//
// A read path calls it before its own read transaction, never inside one:
// on SQLite a transaction's snapshot begins at its first read, so a
// PutSettings committed after that read and before the thresholds were
// read would bump the generation before it was taken here, and the old
// thresholds, read from the old snapshot, would be kept for settingsTTL.
// Here the generation is taken before the transaction that reads the
// thresholds begins.
func (s *Service) cachedSettings(ctx context.Context) (method.Settings, error) {
	c := &s.settingsCache
	c.mu.Lock()
	if !c.at.IsZero() && time.Since(c.at) < settingsTTL {
		set := c.set
		c.mu.Unlock()
		return set, nil
	}
	gen := c.gen
	c.mu.Unlock()
	start := time.Now()
	set, err := s.Settings(ctx)
	if err != nil {
		return set, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.set, c.at = set, start
	}
	c.mu.Unlock()
	return set, nil
}

// forgetSettings empties the cache after the thresholds changed.
func (s *Service) forgetSettings() {
	c := &s.settingsCache
	c.mu.Lock()
	c.gen++
	c.at = time.Time{}
	c.mu.Unlock()
}

func (s *Service) settings(ctx context.Context, tx *store.Tx) (method.Settings, error) {
	set := method.DefaultSettings()
	raw, ok, err := store.GetSetting(ctx, tx, settingsKey)
	if err != nil || !ok {
		return set, err
	}
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		s.log.Warn("stored red-flag settings unreadable; using defaults", "err", err)
		return method.DefaultSettings(), nil
	}
	return set, nil
}

// PutSettings changes the red-flag thresholds; admins only.
func (s *Service) PutSettings(ctx context.Context, a kam.Actor, set method.Settings) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	if err := set.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(set)
	if err != nil {
		return err
	}
	// Forget the cached thresholds before and after the write: a read that
	// began before it cannot store what it read once the write is done.
	s.forgetSettings()
	defer s.forgetSettings()
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		before, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		if err := store.PutSetting(ctx, tx, settingsKey, string(b)); err != nil {
			return err
		}
		// Other instances on the database forget theirs when this commits.
		if err := store.NotifyCaches(ctx, tx, cacheSettings); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "update", "settings", 0, before, set)
	})
	if err == nil {
		// The fitted health weights learnt from findings under the old
		// thresholds: fit again on the next read.
		s.weights.Clear()
	}
	return err
}

// Strategy returns the opportunity's strategy picture with its red flags,
// health and suggested funnel level, in a fixed number of queries.
func (s *Service) Strategy(ctx context.Context, a kam.Actor, id int64) (StrategyView, error) {
	var v StrategyView
	set, err := s.cachedSettings(ctx)
	if err != nil {
		return v, err
	}
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		// The picture holds the opportunity and its account, so it is
		// read first (a missing or deleted opportunity or account is not
		// found either way); then one access check answers both
		// questions: may the actor see the opportunity, and may they
		// change it (for the owner, from the account read).
		p, err := store.LoadPicture(ctx, tx, id)
		if err != nil {
			return err
		}
		if s.afterPicture != nil {
			s.afterPicture()
		}
		acc, err := store.AccessTo(ctx, tx, scopeOf(a), &p.Account)
		if err != nil {
			return err
		}
		if acc == store.AccessNone {
			return kam.ErrNotFound
		}
		v.Writable = acc == store.AccessWrite
		w, _, err := s.weightsFor(ctx, tx, set)
		if err != nil {
			return err
		}
		v.OpportunityPicture = p
		now, err := s.ownerNow(ctx, tx, p)
		if err != nil {
			return err
		}
		v.Findings, v.Health, v.SuggestedLevel, v.SuggestedReasons = s.read(p, set, w, now)
		return nil
	})
	return v, err
}

// read runs the method over one picture at now, the moment in the time
// zone of the deal's owner (ownerNow): their day is the method's today.
func (s *Service) read(p *kam.OpportunityPicture, set method.Settings, w method.Weights, now time.Time) ([]method.Finding, method.HealthReport, kam.FunnelLevel, []kam.Text) {
	fs := method.Evaluate(p, set, now)
	h := method.Health(p, fs, w, now)
	lvl, why := method.SuggestLevel(p, fs, set, now)
	return fs, h, lvl, why
}

// Findings returns the opportunity's red flags.
func (s *Service) Findings(ctx context.Context, a kam.Actor, id int64) ([]method.Finding, error) {
	v, err := s.Strategy(ctx, a, id)
	return v.Findings, err
}

var msgNoSuchFinding = kam.T("is not an open red flag of this opportunity", "不是本商机当前未处理的红旗")

// AcceptFinding records that the actor accepts a red flag with a note. The
// acceptance holds while the facts behind the flag stay the same.
func (s *Service) AcceptFinding(ctx context.Context, a kam.Actor, oppID int64, rule, subject, note string) (kam.AcceptedFinding, error) {
	acc := kam.AcceptedFinding{OpportunityID: oppID, RuleID: rule, Subject: subject, Note: note, ByUserID: a.UserID}
	if err := acc.Validate(); err != nil {
		return acc, err
	}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		o, err := s.Opportunities.get(ctx, tx, a, oppID)
		if err != nil {
			return err
		}
		if err := s.Opportunities.access(ctx, tx, a, &o, true); err != nil {
			return err
		}
		p, err := store.LoadPicture(ctx, tx, oppID)
		if err != nil {
			return err
		}
		set, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		now, err := s.ownerNow(ctx, tx, p)
		if err != nil {
			return err
		}
		for _, f := range method.Evaluate(p, set, now) {
			if f.Rule != rule || f.Subject != subject {
				continue
			}
			if f.Accepted != nil {
				acc = *f.Accepted
				return nil
			}
			acc.Fingerprint = f.Fingerprint
			acc.At = tx.Now()
			if err := store.InsertAccepted(ctx, tx, &acc); err != nil {
				return err
			}
			return s.audit(ctx, tx, a, "accept", "opportunity", oppID, nil, acc)
		}
		return kam.Invalid("rule_id", msgNoSuchFinding)
	})
	return acc, err
}

// ReopenFinding withdraws an acceptance.
func (s *Service) ReopenFinding(ctx context.Context, a kam.Actor, oppID, acceptedID int64) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		o, err := s.Opportunities.get(ctx, tx, a, oppID)
		if err != nil {
			return err
		}
		if err := s.Opportunities.access(ctx, tx, a, &o, true); err != nil {
			return err
		}
		accs, err := store.ListAccepted(ctx, tx, oppID)
		if err != nil {
			return err
		}
		for _, acc := range accs {
			if acc.ID == acceptedID {
				if err := store.DeleteAccepted(ctx, tx, acceptedID); err != nil {
					return err
				}
				return s.audit(ctx, tx, a, "reopen", "opportunity", oppID, acc, nil)
			}
		}
		return kam.ErrNotFound
	})
}

// checkRuleIDs checks that every id names a red-flag rule.
func (s *Service) checkRuleIDs(ids []string) error {
	for i, id := range ids {
		if _, ok := method.Rule(id); !ok {
			return kam.Invalid(fieldIndex("addresses_rules", i), kam.T("is not a red-flag rule", "不是红旗规则"))
		}
	}
	return nil
}

// Health weights are fitted to the won/lost history of the actor's scope
// and kept for a while, since history changes slowly.
const weightsTTL = 15 * time.Minute

// healthFit is the health weights in force for one scope and how they were
// obtained: fitted (with the held-out report) or the defaults.
type healthFit struct {
	w   method.Weights
	rep method.FitReport
	at  time.Time
}

// maxFitDeals bounds how much history one fit reads: this many most
// recently closed deals, won and lost together, so that the fit sees the
// history's own share of wins. (Capping each outcome apart would show it as
// many wins as losses whenever both are plentiful, and the fitted bias, so
// every fitted score, would be inflated.)
const maxFitDeals = 2000

// allDeals is the scope of the health fit: every closed deal in kam. A
// deal's health is one figure whoever reads it — the seller, their
// manager, an admin, the command line, the workbook — so the weights it is
// scored with cannot depend on the reader's scope (a rep's few closed deals
// fell back to the defaults while kam's fitted, and the same deal scored
// 44 on one surface and 71 on another). The weights are aggregate
// coefficients; no record of another scope is shown through them.
var allDeals = store.Scope{All: true}

// weightsFor returns the health weights in force — fitted once kam holds
// enough closed deals, else the documented defaults — with the fit's
// report (zero for the defaults). Every surface that scores a deal (the
// strategy sheet and its copies, the work order, the workbook, the API,
// the command line, /health/weights) reads this one cached fit, so none
// can disagree. A database error is returned, never hidden behind the
// defaults.
func (s *Service) weightsFor(ctx context.Context, tx *store.Tx, set method.Settings) (method.Weights, method.FitReport, error) {
	if e, ok := s.weights.Load(allDeals); ok && s.now().Sub(e.(healthFit).at) < weightsTTL {
		f := e.(healthFit)
		return f.w, f.rep, nil
	}
	w, rep, err := s.fitWeights(ctx, tx, allDeals, set)
	switch {
	case errors.Is(err, method.ErrTooFewSamples):
		w, rep = method.DefaultWeights(), method.FitReport{}
	case err != nil:
		return method.Weights{}, method.FitReport{}, err
	}
	s.weights.Store(allDeals, healthFit{w, rep, s.now()})
	return w, rep, nil
}

// fitWeights fits health weights to the closed deals in scope: the most
// recently closed, won and lost together (maxFitDeals). Too little
// history is an error wrapping method.ErrTooFewSamples.
func (s *Service) fitWeights(ctx context.Context, tx *store.Tx, sc store.Scope, set method.Settings) (method.Weights, method.FitReport, error) {
	ids, err := fitSampleIDs(ctx, tx, sc)
	if err != nil {
		return method.Weights{}, method.FitReport{}, err
	}
	if len(ids) < method.MinFitSamples {
		return method.Weights{}, method.FitReport{}, fmt.Errorf("%w: %d closed deals in scope", method.ErrTooFewSamples, len(ids))
	}
	pics, err := store.LoadPictures(ctx, tx, ids)
	if err != nil {
		return method.Weights{}, method.FitReport{}, err
	}
	samples := make([]method.Sample, 0, len(pics))
	// Features keeps numbers, not the findings: one Evaluator serves every
	// deal without a slice of findings per deal.
	var ev method.Evaluator
	for _, id := range ids {
		p, ok := pics[id]
		if !ok {
			continue
		}
		// Read a closed deal as it stood while open: at its close date.
		at := p.Opportunity.ClosedOn.Time()
		if at.IsZero() {
			at = s.now()
		}
		fs := ev.Evaluate(p, set, at)
		samples = append(samples, method.Sample{Factors: method.Features(p, fs, at), Won: p.Opportunity.Level == kam.LevelWon,
			Cap: method.KnockoutLimit(method.Knockouts(p, at))})
	}
	return method.FitWeights(samples, 1)
}

// fitSampleIDs returns the ids of the closed deals a fit in scope learns
// from: the maxFitDeals most recently closed, won and lost together.
func fitSampleIDs(ctx context.Context, tx *store.Tx, sc store.Scope) ([]int64, error) {
	return store.RecentlyClosedIDs(ctx, tx, store.FunnelFilter{Scope: sc}, maxFitDeals)
}

// HealthFit reports the health weights in force and how they were
// obtained: fitted to every closed deal (with the held-out quality) or the
// defaults (with a zero report). It reads the same cached fit as the
// strategy sheet; any signed-in actor may ask.
func (s *Service) HealthFit(ctx context.Context, a kam.Actor) (method.Weights, method.FitReport, error) {
	var w method.Weights
	var r method.FitReport
	set, err := s.cachedSettings(ctx)
	if err != nil {
		return w, r, err
	}
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		w, r, err = s.weightsFor(ctx, tx, set)
		return err
	})
	return w, r, err
}

// Ranking bounds: how many accounts one ranking returns by default and at
// most, and how many account ids go into one ratings query (well under the
// bind-parameter limits of both databases).
const (
	DefaultRankingLimit = 50
	MaxRankingLimit     = 500
	ratingsChunk        = 500
)

// AccountRanking returns the accounts in the actor's scope (only ownerID's
// when not 0) ranked by ideal-customer score (理想型客户), best first, unrated
// last; at most limit of them (DefaultRankingLimit when 0). A limit outside
// 0…MaxRankingLimit is a *kam.ValidationError on "limit".
func (s *Service) AccountRanking(ctx context.Context, a kam.Actor, ownerID int64, limit int) ([]method.AccountScore, error) {
	switch {
	case limit == 0:
		limit = DefaultRankingLimit
	case limit < 0 || limit > MaxRankingLimit:
		return nil, kam.Invalid("limit", kam.T("must be between 1 and 500", "必须在 1 到 500 之间"))
	}
	var out []method.AccountScore
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var accounts []kam.Account
		var after int64
		for {
			page, next, err := store.Accounts.List(ctx, tx, store.AccountFilter{ListOptions: store.ListOptions{Scope: scopeOf(a), After: after, Limit: store.MaxLimit}, OwnerID: ownerID})
			if err != nil {
				return err
			}
			accounts = append(accounts, page...)
			if next == 0 {
				break
			}
			after = next
		}
		var criteria []kam.Criterion
		after = 0
		for {
			page, next, err := store.Criteria.List(ctx, tx, store.CriterionFilter{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
			if err != nil {
				return err
			}
			criteria = append(criteria, page...)
			if next == 0 {
				break
			}
			after = next
		}
		var ratings []kam.CriterionRating
		for start := 0; start < len(accounts); start += ratingsChunk {
			end := min(start+ratingsChunk, len(accounts))
			ids := make([]int64, 0, end-start)
			for _, acc := range accounts[start:end] {
				ids = append(ids, acc.ID)
			}
			m, err := store.RatingsForAccounts(ctx, tx, ids)
			if err != nil {
				return err
			}
			for _, id := range ids {
				ratings = append(ratings, m[id]...)
			}
		}
		out = method.RankAccounts(accounts, criteria, ratings)
		if len(out) > limit {
			out = out[:limit]
		}
		return nil
	})
	return out, err
}
