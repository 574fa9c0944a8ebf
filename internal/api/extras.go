package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

// shareBody is the body that shares an account with a team.
type shareBody struct {
	Access kam.ShareAccess `json:"access"`
}

// ratingBody is the body that rates an account on one criterion.
type ratingBody struct {
	CriterionID int64 `json:"criterion_id"`
	Rating      int   `json:"rating"`
}

// hit is one search result.
type hit struct {
	Kind      string `json:"kind"` // account, contact or opportunity
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Detail    string `json:"detail"`
	AccountID int64  `json:"account_id"`
}

// changePassword is the body that changes one's own password.
type changePassword struct {
	CurrentPassword string `json:"current_password"`
	Password        string `json:"password"`
}

// setPassword is the body an administrator sends to set a temporary password.
type setPassword struct {
	Password string `json:"password"`
}

// newToken is the body that creates an API token; user_id is for
// administrators making a token for someone else.
type newToken struct {
	Name   string `json:"name"`
	UserID int64  `json:"user_id,omitempty"`
}

// createdToken answers a token's creation. Secret is shown here only: keep it.
type createdToken struct {
	Token  kam.APIToken `json:"token"`
	Secret string       `json:"secret"`
}

// readInto reads a body object onto v, field by field.
func readInto(w http.ResponseWriter, r *http.Request, v any) error {
	m, err := readObject(w, r)
	if err != nil {
		return err
	}
	return applyFields(m, v)
}

func (s *server) listShares(w http.ResponseWriter, r *http.Request, c *call) error {
	return writeAccountList(w, r, c, s.svc.Shares)
}

// writeAccountList writes the list that read returns for the account {id}.
func writeAccountList[T any](w http.ResponseWriter, r *http.Request, c *call, read func(context.Context, kam.Actor, int64) ([]T, error)) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	items, err := read(r.Context(), c.actor, id)
	if err != nil {
		return err
	}
	writeList(w, items)
	return nil
}

// shareOf reads the account {id} and the team {team_id} of a share's path.
func shareOf(r *http.Request) (id, team int64, err error) {
	if id, err = pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	team, err = pathID(r, "team_id")
	return id, team, err
}

func (s *server) putShare(w http.ResponseWriter, r *http.Request, c *call) error {
	id, team, err := shareOf(r)
	if err != nil {
		return err
	}
	var b shareBody
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	sh := kam.AccountShare{AccountID: id, TeamID: team, Access: b.Access}
	if err := s.svc.Share(r.Context(), c.actor, sh); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sh)
	return nil
}

func (s *server) deleteShare(w http.ResponseWriter, r *http.Request, c *call) error {
	id, team, err := shareOf(r)
	if err != nil {
		return err
	}
	if err := s.svc.Unshare(r.Context(), c.actor, id, team); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) listRatings(w http.ResponseWriter, r *http.Request, c *call) error {
	return writeAccountList(w, r, c, s.svc.Ratings)
}

func (s *server) putRating(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var b ratingBody
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	err = s.svc.Rate(r.Context(), c.actor, kam.CriterionRating{AccountID: id, CriterionID: b.CriterionID, Rating: b.Rating})
	if err != nil {
		return err
	}
	return s.listRatings(w, r, c)
}

func (s *server) search(w http.ResponseWriter, r *http.Request, c *call) error {
	q := query{r: r}
	text := q.term("q")
	limit := q.id("limit")
	if q.err != nil {
		return q.err
	}
	if text == "" {
		return &badRequest{Field: "q", Msg: kam.T("is required", "必填")}
	}
	hits, err := s.svc.Search(r.Context(), c.actor, text, int(limit))
	if err != nil {
		return err
	}
	out := make([]hit, len(hits))
	for i, h := range hits {
		out[i] = hit{Kind: h.Kind, ID: h.ID, Name: h.Name, Detail: h.Detail, AccountID: h.AccountID}
	}
	writeList(w, out)
	return nil
}

func (s *server) audit(w http.ResponseWriter, r *http.Request, c *call) error {
	q := query{r: r}
	f := store.AuditFilter{
		Entity:   q.str("entity"),
		EntityID: q.id("entity_id"),
		UserID:   q.id("user_id"),
		Before:   q.id("before"),
		Limit:    int(q.id("limit")),
	}
	if q.err != nil {
		return q.err
	}
	recs, next, err := s.svc.Audit(r.Context(), c.actor, f)
	if err != nil {
		return err
	}
	writePage(w, r, recs, next)
	return nil
}

func (s *server) me(w http.ResponseWriter, _ *http.Request, c *call) error {
	writeRecord(w, http.StatusOK, &c.user)
	return nil
}

func (s *server) changePassword(w http.ResponseWriter, r *http.Request, c *call) error {
	var b changePassword
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	if err := s.svc.ChangePassword(r.Context(), c.actor, b.CurrentPassword, b.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) setPassword(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var b setPassword
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	if err := s.svc.SetTemporaryPassword(r.Context(), c.actor, id, b.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) listTokens(w http.ResponseWriter, r *http.Request, c *call) error {
	var userID int64
	if v := strings.TrimSpace(r.URL.Query().Get("user_id")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < -1 {
			return &badRequest{Field: "user_id", Msg: kam.T("must be a user id, or -1 for everyone", "必须是用户编号，或 -1 表示全部用户")}
		}
		userID = n
	}
	toks, err := s.svc.ListTokens(r.Context(), c.actor, userID)
	if err != nil {
		return err
	}
	writeList(w, toks)
	return nil
}

func (s *server) createToken(w http.ResponseWriter, r *http.Request, c *call) error {
	var b newToken
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	secret, tok, err := s.svc.CreateToken(r.Context(), c.actor, b.UserID, b.Name)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, createdToken{Token: tok, Secret: secret})
	return nil
}

func (s *server) revokeToken(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.svc.RevokeToken(r.Context(), c.actor, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
