package transfer

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// lookups resolves the references a user's sheet makes by the user's own
// words — an account by its name, a department or a manager by name
// within the account, an owner by email or name — against what the actor
// may see, each list read once and then kept up to date as rows come in.
type lookups struct {
	ctx context.Context
	svc *service.Service
	a   kam.Actor

	users    map[string]int64           // lower-case email, normName → user
	accounts map[string]int64           // normName → account
	units    map[int64]map[string]int64 // account → normName → department
	people   map[int64]map[string]int64 // account → normName (and email) → contact
	deals    map[int64]map[string]int64 // account → normName → opportunity

	// managers to set once every row is in: a manager may come later in
	// the sheet than the people reporting to them.
	managers []pendingManager
	parents  []pendingManager // accounts' groups named by name, set at the end
	created  map[string]int   // records made on the way (departments)
}

type pendingManager struct {
	contact, account int64
	line             int
	name, header     string
}

func newLookups(ctx context.Context, svc *service.Service, a kam.Actor) *lookups {
	return &lookups{ctx: ctx, svc: svc, a: a, units: map[int64]map[string]int64{}, people: map[int64]map[string]int64{}, deals: map[int64]map[string]int64{}, created: map[string]int{}}
}

// normName folds a name for matching: case, width and spacing aside
// ("ACME  Ltd", "Acme Ltd", "ａｃｍｅ ltd" are one name; a Chinese name
// has no spaces: "王 芳" is 王芳).
func normName(s string) string {
	han := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) || r == '\u3000' {
			space = true
			continue
		}
		if space && b.Len() > 0 && !han {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func (lk *lookups) user(s string) (int64, bool, error) {
	if lk.users == nil {
		lk.users = map[string]int64{}
		err := eachPage(lk.ctx, lk.svc.Users, lk.a, store.UserFilter{}, func(u kam.User) error {
			lk.users[strings.ToLower(u.Email)] = u.ID
			if _, dup := lk.users[normName(u.Name)]; !dup {
				lk.users[normName(u.Name)] = u.ID
			}
			return nil
		})
		if err != nil {
			return 0, false, fmt.Errorf("import: list users: %w", err)
		}
	}
	if id, ok := lk.users[strings.ToLower(strings.TrimSpace(s))]; ok {
		return id, true, nil
	}
	id, ok := lk.users[normName(s)]
	return id, ok, nil
}

func (lk *lookups) account(name string) (int64, bool, error) {
	if lk.accounts == nil {
		lk.accounts = map[string]int64{}
		err := eachPage(lk.ctx, lk.svc.Accounts, lk.a, store.AccountFilter{}, func(v kam.Account) error {
			lk.accounts[normName(v.Name)] = v.ID
			return nil
		})
		if err != nil {
			return 0, false, fmt.Errorf("import: list accounts: %w", err)
		}
	}
	id, ok := lk.accounts[normName(name)]
	return id, ok, nil
}

func (lk *lookups) unitsOf(account int64) (map[string]int64, error) {
	if m, ok := lk.units[account]; ok {
		return m, nil
	}
	m := map[string]int64{}
	err := eachPage(lk.ctx, lk.svc.OrgUnits, lk.a, store.OrgUnitFilter{AccountID: account}, func(u kam.OrgUnit) error {
		m[normName(u.Name)] = u.ID
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: list departments: %w", err)
	}
	lk.units[account] = m
	return m, nil
}

func (lk *lookups) peopleOf(account int64) (map[string]int64, error) {
	if m, ok := lk.people[account]; ok {
		return m, nil
	}
	m := map[string]int64{}
	err := eachPage(lk.ctx, lk.svc.Contacts, lk.a, store.ContactFilter{AccountID: account}, func(c kam.Contact) error {
		indexPerson(m, c.ID, &c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: list contacts: %w", err)
	}
	lk.people[account] = m
	return m, nil
}

// department finds the account's department of that name, creating it
// when there is none.
func (lk *lookups) department(account int64, name string) (int64, error) {
	m, err := lk.unitsOf(account)
	if err != nil {
		return 0, err
	}
	if id, ok := m[normName(name)]; ok {
		return id, nil
	}
	u, err := lk.svc.OrgUnits.Create(lk.ctx, lk.a, kam.OrgUnit{AccountID: account, Name: strings.TrimSpace(name)})
	if err != nil {
		return 0, err
	}
	m[normName(name)] = u.ID
	lk.created[KindOrgUnits]++
	return u.ID, nil
}

func problem(kind string, line int, field string, msg kam.Text) Problem {
	return Problem{Kind: kind, Line: line, Field: field, Message: msg}
}

// header is the column the user named for a key in the mapping of refs,
// or the key itself.
func headerOf(m *Mapping, key string) string {
	if m != nil {
		if i := m.Column(key); i >= 0 {
			return m.Columns[i].Header
		}
	}
	return key
}

// notFound is the problem of a cell naming a record of kind that is not
// there (or not visible to the importing user).
func notFound(kind, cell string) kam.Text {
	rn := kam.RecordName(kind)
	return kam.T("no "+strings.ToLower(rn.EN)+" “"+cell+"” is found", "找不到"+rn.ZH+"“"+cell+"”")
}

// contactRow resolves a contact row's references and creates it: the
// account (--account, a key column or its name), the name from first and
// last name, the department by name (made when missing), and the manager
// by name (set at the end, once everyone is in).
func (lk *lookups) contactRow(v *kam.Contact, line int, refs map[string]string, p *[]Problem, o CSVOptions, m *Mapping) (outcome, error) {
	kind := string(CSVContacts)
	if v.Name == "" && (refs[KeyFirstName] != "" || refs[KeyLastName] != "") {
		v.Name = joinName(refs[KeyFirstName], refs[KeyLastName])
	}
	if ok, err := lk.rowAccount(&v.AccountID, kind, line, refs, p, o, m); !ok || err != nil {
		return refused, err
	}
	if d := refs[KeyDepartment]; d != "" {
		id, err := lk.department(v.AccountID, d)
		if err != nil {
			return refused, err
		}
		v.OrgUnitID = id
	}
	if r := refs[KeyReportsID]; r != "" {
		if msg := whole(&v.ReportsToID, r); msg != nil {
			*p = append(*p, problem(kind, line, headerOf(m, KeyReportsID), *msg))
			return refused, nil
		}
	}
	people, err := lk.peopleOf(v.AccountID)
	if err != nil {
		return refused, err
	}
	out, id := created, int64(0)
	if old, ok := matchPerson(people, v); ok {
		out, err = lk.updateContact(old, v)
		id = old
	} else {
		var c kam.Contact
		c, err = lk.svc.Contacts.Create(lk.ctx, lk.a, *v)
		id = c.ID
	}
	if err != nil {
		return refused, err
	}
	indexPerson(people, id, v)
	if r := refs[KeyReportsTo]; r != "" {
		lk.managers = append(lk.managers, pendingManager{contact: id, account: v.AccountID, line: line, name: r, header: headerOf(m, KeyReportsTo)})
	}
	return out, nil
}

// outcome is what a row did.
type outcome int

const (
	created   outcome = iota // a new record
	updated                  // an existing record changed
	unchanged                // an existing record already held the row
	refused                  // a problem of the row kept it out
)

// The keys a person is matched by, within the account: email, mobile
// (its digits), the name.
func personKeys(c *kam.Contact) []string {
	var ks []string
	if e := strings.ToLower(strings.TrimSpace(c.Email)); e != "" {
		ks = append(ks, "@"+e)
	}
	if d := phoneKey(c.Phone); len(d) >= 6 {
		ks = append(ks, "tel:"+d)
	}
	if n := normName(c.Name); n != "" {
		ks = append(ks, n)
	}
	return ks
}

// phoneKey is a phone number's digits without China's country code
// (+86 138 0000 1111 and 13800001111 are one number).
func phoneKey(s string) string {
	d := strings.TrimPrefix(digits(s), "0086")
	if len(d) == 13 && strings.HasPrefix(d, "86") {
		d = d[2:]
	}
	return d
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func matchPerson(people map[string]int64, c *kam.Contact) (int64, bool) {
	for _, k := range personKeys(c) {
		if id, ok := people[k]; ok {
			return id, true
		}
	}
	return 0, false
}

func indexPerson(people map[string]int64, id int64, c *kam.Contact) {
	for _, k := range personKeys(c) {
		people[k] = id
	}
}

// setIf copies what a row gives (a non-zero value) over a record's field,
// and says whether that changed it.
func setIf[T comparable](dst *T, v T) bool {
	var zero T
	if v == zero || *dst == v {
		return false
	}
	*dst = v
	return true
}

func mergeContact(x *kam.Contact, v *kam.Contact) bool {
	ch := false
	for _, c := range []bool{setIf(&x.Name, v.Name), setIf(&x.Title, v.Title), setIf(&x.OrgUnitID, v.OrgUnitID),
		setIf(&x.Seniority, v.Seniority), setIf(&x.ReportsToID, v.ReportsToID), setIf(&x.Status, v.Status),
		setIf(&x.StatusDate, v.StatusDate), setIf(&x.InPostSince, v.InPostSince), setIf(&x.Email, v.Email),
		setIf(&x.Phone, v.Phone), setIf(&x.PersonalNotes, v.PersonalNotes)} {
		ch = ch || c
	}
	return ch
}

// updateContact brings an existing contact up to what the row gives; a
// field the row leaves empty keeps its value.
func (lk *lookups) updateContact(id int64, v *kam.Contact) (outcome, error) {
	old, err := lk.svc.Contacts.Get(lk.ctx, lk.a, id)
	if err != nil {
		return refused, err
	}
	probe := old
	if !mergeContact(&probe, v) {
		return unchanged, nil
	}
	_, err = lk.svc.Contacts.Update(lk.ctx, lk.a, id, old.Version, func(x *kam.Contact) error { mergeContact(x, v); return nil })
	return updated, err
}

// joinName joins a first and a last name: a Chinese name family name
// first with no space (张 + 伟 = 张伟), others first name first.
func joinName(first, last string) string {
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	for _, r := range last + first {
		if unicode.Is(unicode.Han, r) {
			return last + first
		}
	}
	return first + " " + last
}

// setManagers sets the reporting lines named by name, now that every row
// is in. A name that matches no one in the account is a problem of the
// row that named it; the contact stays in.
func (lk *lookups) setManagers(rep *Report, sheet string) error {
	for _, pm := range lk.managers {
		people, err := lk.peopleOf(pm.account)
		if err != nil {
			return err
		}
		boss, ok := people[normName(pm.name)]
		if !ok {
			rep.Problems = append(rep.Problems, Problem{Kind: string(CSVContacts), Sheet: sheet, Line: pm.line, Field: pm.header,
				Message: kam.T("no one named “"+pm.name+"” at the account: the reporting line is left empty", "该客户企业没有名为“"+pm.name+"”的联系人：直属上级未设置")})
			continue
		}
		c, err := lk.svc.Contacts.Get(lk.ctx, lk.a, pm.contact)
		if err != nil {
			return err
		}
		_, err = lk.svc.Contacts.Update(lk.ctx, lk.a, c.ID, c.Version, func(x *kam.Contact) error { x.ReportsToID = boss; return nil })
		if err != nil {
			ps, ok := problemsOf(string(CSVContacts), 0, pm.line, err)
			if !ok {
				return err
			}
			for i := range ps {
				ps[i].Sheet, ps[i].Field = sheet, pm.header
			}
			rep.Problems = append(rep.Problems, ps...)
		}
	}
	lk.managers = nil
	return nil
}

// accountRow resolves an account row's references and creates it: the
// parent by name or by kam's id, the owner by email, name or kam's id.
func (lk *lookups) accountRow(v *kam.Account, line int, refs map[string]string, p *[]Problem, m *Mapping) (outcome, error) {
	kind := string(CSVAccounts)
	if s := refs[KeyParentID]; s != "" {
		if msg := whole(&v.ParentID, s); msg != nil {
			*p = append(*p, problem(kind, line, headerOf(m, KeyParentID), *msg))
			return refused, nil
		}
	}
	if s := refs[KeyParent]; s != "" && v.ParentID == 0 {
		id, ok, err := lk.account(s)
		if err != nil {
			return refused, err
		}
		if ok {
			v.ParentID = id
		} else {
			// The group may come later in the sheet: set at the end.
			defer func() { lk.pendParent(v.Name, line, s, headerOf(m, KeyParent)) }()
		}
	}
	if s := refs[KeyOwner]; s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			v.OwnerID = n
		} else {
			id, ok, err := lk.user(s)
			if err != nil {
				return refused, err
			}
			if !ok {
				*p = append(*p, problem(kind, line, headerOf(m, KeyOwner), kam.T("no user “"+s+"” (by email or name)", "找不到用户“"+s+"”（按邮箱或姓名）")))
				return refused, nil
			}
			v.OwnerID = id
		}
	}
	if id, ok, err := lk.account(v.Name); err != nil {
		return refused, err
	} else if ok {
		return lk.updateAccount(id, v)
	}
	c, err := lk.svc.Accounts.Create(lk.ctx, lk.a, *v)
	if err != nil {
		return refused, err
	}
	lk.accounts[normName(c.Name)] = c.ID
	return created, nil
}

func mergeAccount(x *kam.Account, v *kam.Account) bool {
	ch := false
	for _, c := range []bool{setIf(&x.Industry, v.Industry), setIf(&x.Region, v.Region), setIf(&x.Employees, v.Employees),
		setIf(&x.AnnualRevenue, v.AnnualRevenue), setIf(&x.ParentID, v.ParentID), setIf(&x.ReorganisingSince, v.ReorganisingSince),
		setIf(&x.OwnerID, v.OwnerID), setIf(&x.Notes, v.Notes)} {
		ch = ch || c
	}
	return ch
}

// updateAccount brings the account of the same name up to what the row
// gives; a field the row leaves empty keeps its value.
func (lk *lookups) updateAccount(id int64, v *kam.Account) (outcome, error) {
	old, err := lk.svc.Accounts.Get(lk.ctx, lk.a, id)
	if err != nil {
		return refused, err
	}
	probe := old
	if !mergeAccount(&probe, v) {
		return unchanged, nil
	}
	_, err = lk.svc.Accounts.Update(lk.ctx, lk.a, id, old.Version, func(x *kam.Account) error { mergeAccount(x, v); return nil })
	return updated, err
}

// count adds a row's outcome to the report.
func (r *Report) count(kind string, o outcome) {
	switch o {
	case updated:
		if r.Updated == nil {
			r.Updated = map[string]int{}
		}
		r.Updated[kind]++
	case unchanged:
		if r.Unchanged == nil {
			r.Unchanged = map[string]int{}
		}
		r.Unchanged[kind]++
	case created:
		r.Imported[kind]++
	}
}

// pendParent notes an account whose group is named but not yet there.
func (lk *lookups) pendParent(name string, line int, parent, header string) {
	if id, ok := lk.accounts[normName(name)]; ok {
		lk.parents = append(lk.parents, pendingManager{contact: id, line: line, name: parent, header: header})
	}
}

// setParents sets the groups named by a name listed later in the sheet.
// A name that is no account is a problem of the row that named it; the
// account stays in, without a group.
func (lk *lookups) setParents(rep *Report, sheet string) error {
	for _, pp := range lk.parents {
		parent, ok, err := lk.account(pp.name)
		if err != nil {
			return err
		}
		if !ok {
			rep.Problems = append(rep.Problems, Problem{Kind: string(CSVAccounts), Sheet: sheet, Line: pp.line, Field: pp.header,
				Message: kam.T("no account “"+pp.name+"” is found: the group is left empty", "找不到客户企业“"+pp.name+"”：上级客户企业未设置")})
			continue
		}
		a, err := lk.svc.Accounts.Get(lk.ctx, lk.a, pp.contact)
		if err != nil {
			return err
		}
		if _, err := lk.svc.Accounts.Update(lk.ctx, lk.a, a.ID, a.Version, func(x *kam.Account) error { x.ParentID = parent; return nil }); err != nil {
			ps, ok := problemsOf(string(CSVAccounts), 0, pp.line, err)
			if !ok {
				return err
			}
			for i := range ps {
				ps[i].Sheet, ps[i].Field = sheet, pp.header
			}
			rep.Problems = append(rep.Problems, ps...)
		}
	}
	lk.parents = nil
	return nil
}
