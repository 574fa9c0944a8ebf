package method

import (
	"cmp"
	"slices"
	"strings"

	"kam/internal/kam"
)

// IdealScore is an account's ideal-customer score (理想型客户) 0–100: the
// weighted mean of its ratings mapped from -5…+5 to 0…100,
//
//	score = Σ w·(r+5)·10 / Σ w
//
// over the criteria it is rated on. Ratings of unknown criteria, and
// criteria of weight 0 or less, are ignored; ratings outside -5…+5 are
// clamped. It returns nil when nothing counts. ratings should be one
// account's; when a criterion is rated twice, the last rating counts.
func IdealScore(criteria []kam.Criterion, ratings []kam.CriterionRating) *float64 {
	var num, den float64
	for _, c := range criteria {
		if c.Weight <= 0 {
			continue
		}
		r, ok := 0, false
		for _, x := range ratings {
			if x.CriterionID == c.ID {
				r, ok = x.Rating, true
			}
		}
		if !ok {
			continue
		}
		r = min(max(r, -5), 5)
		num += float64(c.Weight) * float64(r+5) * 10
		den += float64(c.Weight)
	}
	if den == 0 {
		return nil
	}
	s := num / den
	return &s
}

// AccountScore is an account with its ideal-customer score (nil: unrated).
type AccountScore struct {
	Account kam.Account `json:"account"`
	Score   *float64    `json:"score"`
}

// RankAccounts scores every account from the ratings (of all accounts) and
// sorts them best first; unrated accounts come last, then by name and id.
func RankAccounts(accounts []kam.Account, criteria []kam.Criterion, ratings []kam.CriterionRating) []AccountScore {
	byAccount := make(map[int64][]kam.CriterionRating)
	for _, r := range ratings {
		byAccount[r.AccountID] = append(byAccount[r.AccountID], r)
	}
	out := make([]AccountScore, len(accounts))
	for i, a := range accounts {
		out[i] = AccountScore{Account: a, Score: IdealScore(criteria, byAccount[a.ID])}
	}
	slices.SortStableFunc(out, func(a, b AccountScore) int {
		switch {
		case a.Score != nil && b.Score == nil:
			return -1
		case a.Score == nil && b.Score != nil:
			return 1
		case a.Score != nil && *a.Score != *b.Score:
			return cmp.Compare(*b.Score, *a.Score)
		}
		if c := strings.Compare(a.Account.Name, b.Account.Name); c != 0 {
			return c
		}
		return cmp.Compare(a.Account.ID, b.Account.ID)
	})
	return out
}
