package transfer

import (
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
)

// A Salesforce-style contact export: the account by name, first and last
// name, the department by name (made once), the manager by name listed
// after the people reporting to them, an unknown column ignored. Fails
// before this change: "Account Name" and 部门 stopped the file.
func TestImportContactsResolvesNames(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	csv := "Account Name,First Name,Last Name,Title,部门,汇报对象,微信,Seniority\n" +
		"瑞康医药,伟,张,采购经理,采购部,王 芳,zw123,经理\n" + // line 2: reports to line 3
		"瑞康医药,芳,王,采购总监,采购部,,wf,总监\n" +
		"瑞康医药,Ann,Lee,Buyer,采购部,Nobody Here,,专员\n" + // line 4: no such manager
		"北方重工 Secret,强,赵,CEO,,,,副总裁\n" // line 5: another team's account
	rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader(csv), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := reportText(rep, kam.LocaleEN)
	if rep.Imported["contacts"] != 3 || rep.Skipped["contacts"] != 1 || rep.Imported[KindOrgUnits] != 1 {
		t.Fatalf("imported %v skipped %v:\n%s", rep.Imported, rep.Skipped, out)
	}
	for _, want := range []string{"column G (微信) is ignored", "line 4 汇报对象: no one named “Nobody Here”", "line 5 Account Name: no account “北方重工 Secret”"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	cs, _, err := s.svc.Contacts.List(s.ctx, s.liActor, store.ContactFilter{AccountID: s.mine.ID})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]kam.Contact{}
	for _, c := range cs {
		by[c.Name] = c
	}
	zhang, wang, lee := by["张伟"], by["王芳"], by["Ann Lee"]
	if zhang.ID == 0 || wang.ID == 0 || lee.ID == 0 {
		t.Fatalf("contacts: %v", by)
	}
	if zhang.ReportsToID != wang.ID || lee.ReportsToID != 0 {
		t.Errorf("reporting lines: 张伟 → %d (王芳 %d), Ann Lee → %d", zhang.ReportsToID, wang.ID, lee.ReportsToID)
	}
	if zhang.OrgUnitID == 0 || zhang.OrgUnitID != wang.OrgUnitID || lee.OrgUnitID != wang.OrgUnitID {
		t.Errorf("departments: %d %d %d", zhang.OrgUnitID, wang.OrgUnitID, lee.OrgUnitID)
	}
	if zhang.Seniority != kam.SeniorityMiddle || wang.Seniority != kam.SenioritySenior || lee.Seniority != kam.SeniorityJunior {
		t.Errorf("seniorities: %q %q %q", zhang.Seniority, wang.Seniority, lee.Seniority)
	}
}

// Accounts name their group by name and their owner by email or name.
func TestImportAccountsResolvesParentAndOwner(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	csv := "客户名称,所属集团,负责人,Company owner\n" +
		"华信集团,,li@example.com,\n" +
		"华信制造,华信集团,李强,\n" +
		"孤儿,没有的集团,李强,\n" + // line 4: no such parent: in, without a group
		"无主,,王五,\n" // line 5: no such user
	rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVAccounts, strings.NewReader(csv), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := reportText(rep, kam.LocaleZH)
	if rep.Imported["accounts"] != 3 || rep.Skipped["accounts"] != 1 {
		t.Fatalf("%v %v:\n%s", rep.Imported, rep.Skipped, out)
	}
	for _, want := range []string{"第 4 行 所属集团: 找不到客户企业“没有的集团”：上级客户企业未设置", "第 5 行 负责人: 找不到用户“王五”", "第 D 列（Company owner）已忽略"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	got, _, err := s.svc.Accounts.List(s.ctx, s.liActor, store.AccountFilter{Query: "华信"})
	if err != nil || len(got) != 2 {
		t.Fatalf("%v %v", got, err)
	}
	by := map[string]kam.Account{}
	for _, a := range got {
		by[a.Name] = a
	}
	if by["华信制造"].ParentID != by["华信集团"].ID || by["华信集团"].OwnerID != s.li.ID || by["华信制造"].OwnerID != s.li.ID {
		t.Errorf("%+v", by)
	}
}

// The user's choice of mapping applies to the import: a column the
// proposal ignored is read, one it read is ignored.
func TestImportTakesTheChosenMapping(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	csv := "姓名,微信,职位\n周明,zm88,总监\n"
	rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader(csv),
		CSVOptions{AccountID: s.mine.ID, Mapping: map[string]string{"微信": "phone", "职位": ""}})
	if err != nil || rep.Imported["contacts"] != 1 {
		t.Fatalf("%v %+v", err, rep)
	}
	cs, _, err := s.svc.Contacts.List(s.ctx, s.liActor, store.ContactFilter{Query: "周明"})
	if err != nil || len(cs) != 1 || cs[0].Phone != "zm88" || cs[0].Title != "" {
		t.Errorf("%+v %v", cs, err)
	}
	if _, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader(csv),
		CSVOptions{AccountID: s.mine.ID, Mapping: map[string]string{"微信": "wechat"}}); err == nil {
		t.Error("a mapping to no field was taken")
	}
}

func TestNormName(t *testing.T) {
	same := [][2]string{{"ACME  Ltd", "acme ltd"}, {"ａｃｍｅ Ltd", "acme ltd"}, {"王 芳", "王芳"}, {" 华信集团　", "华信集团"}}
	for _, c := range same {
		if normName(c[0]) != normName(c[1]) {
			t.Errorf("%q and %q differ: %q %q", c[0], c[1], normName(c[0]), normName(c[1]))
		}
	}
	if normName("Acme Ltd") == normName("AcmeLtd") {
		t.Error("the space between Latin words is lost")
	}
}

// A row that matches a person already at the account (by email, then
// mobile, then name) updates them; a row that holds nothing new leaves
// them unchanged; the report counts both.
func TestImportMatchesPeopleAlreadyThere(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	first := "姓名,职务,邮箱,手机\n张伟,采购经理,zhang@example.com,\n李娜,工程师,,138 0000 1111\n"
	if rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader(first), CSVOptions{AccountID: s.mine.ID}); err != nil || rep.Imported["contacts"] != 2 {
		t.Fatalf("%v %+v", err, rep)
	}
	again := "姓名,职务,邮箱,手机\n张 伟(采购),采购总监,ZHANG@example.com,\n李娜 Lina,,,+86 13800001111\n王芳,财务,,\n"
	rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader(again), CSVOptions{AccountID: s.mine.ID})
	if err != nil {
		t.Fatal(err)
	}
	// 张伟 by email (new name and title), 李娜 by mobile (a new name), 王芳 new.
	if rep.Imported["contacts"] != 1 || rep.Updated["contacts"] != 2 {
		t.Errorf("%+v\n%s", rep, reportText(rep, kam.LocaleEN))
	}
	if out := reportText(rep, kam.LocaleZH); !strings.Contains(out, "已有记录 2 条已更新，0 条无变化") {
		t.Errorf("report:\n%s", out)
	}
	cs, _, err := s.svc.Contacts.List(s.ctx, s.liActor, store.ContactFilter{AccountID: s.mine.ID})
	if err != nil || len(cs) != 3 {
		t.Fatalf("%d contacts %v", len(cs), err)
	}
	by := map[string]kam.Contact{}
	for _, c := range cs {
		by[c.Email+c.Phone] = c
	}
	if z := by["ZHANG@example.com"]; z.Title != "采购总监" || z.Name != "张 伟(采购)" {
		t.Errorf("张伟: %+v", z)
	}
	if l := by["+86 13800001111"]; l.Name != "李娜 Lina" || l.Title != "工程师" {
		t.Errorf("李娜 keeps her title, takes the new name and phone: %+v", l)
	}
	rep, err = ImportCSV(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader(again), CSVOptions{AccountID: s.mine.ID})
	if err != nil || rep.Unchanged["contacts"] != 3 || rep.Imported["contacts"] != 0 {
		t.Errorf("the same file twice: %v %+v", err, rep)
	}
}
