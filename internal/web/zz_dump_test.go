package web

import (
	"os"
	"testing"

	"kam/internal/kam"
)

func TestZZDump(t *testing.T) {
	w := newWorkbench(t)
	for i := 0; i < 20; i++ {
		ct, _ := w.e.svc.Contacts.Create(w.e.ctx, kam.System, kam.Contact{AccountID: w.acct.ID, Name: "购买者 " + itoa(int64(i)), Title: "部门经理", ReportsToID: w.ceo.ID})
		w.buyer(t, ct, kam.RoleUser, kam.RoleTechnical)
	}
	r := w.c.get("/opportunities/" + itoa(w.opp.ID))
	os.WriteFile("/tmp/sheet.html", []byte(r.Body), 0o644)
}
