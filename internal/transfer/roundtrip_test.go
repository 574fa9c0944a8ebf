package transfer

import (
	"bytes"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
)

// kam's workbook of accounts and contacts imports into another database
// (its users alike) unchanged: each account and each contact, with its
// group, owner, department and manager by name, compared record by
// record. Fails before the column mapping: "编号 / ID" and the account,
// department and manager columns stopped the file.
func TestWorkbookAccountsAndContactsRoundTrip(t *testing.T) {
	t.Parallel()
	src := newSellers(t)
	pipeline(t, src)
	ctx := src.ctx
	group, err := src.svc.Accounts.Create(ctx, src.liActor, kam.Account{Name: "康达集团", Industry: "医药", Region: "上海", Employees: 9000, OwnerID: src.li.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.svc.Accounts.Update(ctx, src.liActor, src.mine.ID, src.mine.Version, func(a *kam.Account) error {
		a.ParentID, a.AnnualRevenue, a.Notes = group.ID, 1_200_000_000, "华东重点"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	unit, err := src.svc.OrgUnits.Create(ctx, src.liActor, kam.OrgUnit{AccountID: src.mine.ID, Name: "采购部"})
	if err != nil {
		t.Fatal(err)
	}
	boss, err := src.svc.Contacts.Create(ctx, src.liActor, kam.Contact{AccountID: src.mine.ID, Name: "周总", Title: "副总裁", Seniority: kam.SeniorityExecutive, OrgUnitID: unit.ID, Email: "zhou@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	// A report listed before the boss (lower id) names the boss by name.
	cs, _, err := src.svc.Contacts.List(ctx, src.liActor, store.ContactFilter{AccountID: src.mine.ID, Query: "=1+1"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v %v", cs, err)
	}
	if _, err := src.svc.Contacts.Update(ctx, src.liActor, cs[0].ID, cs[0].Version, func(c *kam.Contact) error {
		c.ReportsToID, c.OrgUnitID = boss.ID, unit.ID
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	var buf bytes.Buffer
	if _, err := ExportWorkbook(ctx, src.svc, src.liActor, &buf, WorkbookOptions{Locale: kam.LocaleZH, PersonalNotes: true}); err != nil {
		t.Fatal(err)
	}
	dst := newSellers(t) // the same users; 瑞康医药 is there already, empty
	for _, step := range []struct {
		kind  CSVKind
		sheet string
	}{{CSVAccounts, "客户企业 Accounts"}, {CSVContacts, "联系人 Contacts"}} {
		rep, err := ImportXLSX(ctx, dst.svc, dst.liActor, step.kind, bytes.NewReader(buf.Bytes()), XLSXOptions{Sheet: step.sheet})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || len(rep.Notices) != 0 {
			t.Fatalf("%s:\n%s", step.kind, reportText(rep, kam.LocaleEN))
		}
	}

	type account struct {
		Industry, Region, Parent, Owner, Notes string
		Employees, Revenue                     int64
		Reorg                                  kam.Date
	}
	type contact struct {
		Account, Title, Unit, Boss, Email, Phone, Notes string
		Seniority                                       kam.Seniority
		Status                                          kam.ContactStatus
		StatusDate, InPost                              kam.Date
	}
	read := func(s *sellers) (map[string]account, map[string]contact) {
		accts, _, err := s.svc.Accounts.List(ctx, s.liActor, store.AccountFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		users, err := userNames(ctx, s.svc, s.liActor)
		if err != nil {
			t.Fatal(err)
		}
		aName := map[int64]string{}
		for _, a := range accts {
			aName[a.ID] = a.Name
		}
		as := map[string]account{}
		for _, a := range accts {
			as[a.Name] = account{a.Industry, a.Region, aName[a.ParentID], users[a.OwnerID], a.Notes, a.Employees, a.AnnualRevenue, a.ReorganisingSince}
		}
		units, _, err := s.svc.OrgUnits.List(ctx, s.liActor, store.OrgUnitFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		uName := map[int64]string{}
		for _, u := range units {
			uName[u.ID] = u.Name
		}
		people, _, err := s.svc.Contacts.List(ctx, s.liActor, store.ContactFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		pName := map[int64]string{}
		for _, c := range people {
			pName[c.ID] = c.Name
		}
		ps := map[string]contact{}
		for _, c := range people {
			ps[c.Name] = contact{aName[c.AccountID], c.Title, uName[c.OrgUnitID], pName[c.ReportsToID], c.Email, c.Phone, c.PersonalNotes,
				c.Seniority, c.Status, c.StatusDate, c.InPostSince}
		}
		return as, ps
	}
	wantA, wantC := read(src)
	gotA, gotC := read(dst)
	if len(wantA) != 2 || len(wantC) != 2 {
		t.Fatalf("source: %d accounts, %d contacts", len(wantA), len(wantC))
	}
	if len(gotA) != len(wantA) || len(gotC) != len(wantC) {
		t.Errorf("%d accounts and %d contacts, want %d and %d", len(gotA), len(gotC), len(wantA), len(wantC))
	}
	for name, w := range wantA {
		if g := gotA[name]; g != w {
			t.Errorf("account %s:\n got %+v\nwant %+v", name, g, w)
		}
	}
	for name, w := range wantC {
		if g := gotC[name]; g != w {
			t.Errorf("contact %s:\n got %+v\nwant %+v", name, g, w)
		}
	}
}
