package web

import (
	"net/http"

	"kam/internal/kam"
)

// relationRecords delete an account's relations, returning to the
// account that recorded them.
func (a *app) relationRecords() *record[kam.AccountRelation] {
	return &record[kam.AccountRelation]{a: a, entity: a.svc.AccountRelations, removed: "wb.removed",
		gone: func(x kam.AccountRelation) string { return acctURL(x.FromAccountID) + "#relations" }}
}

func (a *app) createRelation(w http.ResponseWriter, r *http.Request, c *call) error {
	id, _ := pathID(r)
	return a.smallForm(w, r, c, "/relations", "#relations", func(f *Form) error {
		rel := kam.AccountRelation{FromAccountID: id, ToAccountID: f.Int64("to_account_id"), Kind: kam.AccountRelationKind(f.Get("kind"))}
		if f.Invalid() {
			return nil
		}
		_, err := a.svc.AccountRelations.Create(r.Context(), c.Actor, rel)
		return err
	})
}
