package demo

import (
	"kam/internal/kam"
	"kam/internal/service"
)

// setupDays is how long ago the team started to work in kam: users, teams
// and accounts are created then, before the oldest deal of the history.
const setupDays = 570

// The demo passwords, printed by `kam serve --demo`. They are fixed so that
// a demo can be given from memory; the users need not change them.
const (
	adminPassword   = "admin-demo-pass"
	managerPassword = "manager-demo-pass"
	repPassword     = "rep-demo-pass"
)

// people creates our side: the sales VP (admin), two key-account teams with a
// manager and two reps each.
func (l *loader) people() {
	l.atDay(-setupDays, 1, 30)

	// The first user is created by the binary itself; from then on the
	// admin acts.
	l.admin = l.user(kam.System, kam.User{
		Email: "zhou.liping@zhilian.example", Name: "周立平", Role: kam.RoleAdmin, Locale: kam.LocaleZH,
	}, adminPassword)

	l.east = create(l, l.svc.Teams, l.admin, kam.Team{Name: "华东大客户部 East China Key Accounts"}, "east")
	l.north = create(l, l.svc.Teams, l.admin, kam.Team{Name: "华北大客户部 North China Key Accounts"}, "north")

	l.eastMgr = l.user(service.ActorOf(l.admin), kam.User{
		Email: "chen.jing@zhilian.example", Name: "陈静", Role: kam.RoleManager, TeamID: l.east.ID, Locale: kam.LocaleZH,
	}, managerPassword)
	l.northMgr = l.user(service.ActorOf(l.admin), kam.User{
		Email: "zhao.gang@zhilian.example", Name: "赵刚", Role: kam.RoleManager, TeamID: l.north.ID, Locale: kam.LocaleZH,
	}, managerPassword)
	l.wang = l.user(service.ActorOf(l.admin), kam.User{
		Email: "wang.lei@zhilian.example", Name: "王磊", Role: kam.RoleRep, TeamID: l.east.ID, Locale: kam.LocaleZH,
	}, repPassword)
	l.li = l.user(service.ActorOf(l.admin), kam.User{
		Email: "li.na@zhilian.example", Name: "李娜", Role: kam.RoleRep, TeamID: l.east.ID, Locale: kam.LocaleZH,
	}, repPassword)
	l.liu = l.user(service.ActorOf(l.admin), kam.User{
		Email: "liu.yang@zhilian.example", Name: "刘洋", Role: kam.RoleRep, TeamID: l.north.ID, Locale: kam.LocaleZH,
	}, repPassword)
	l.emily = l.user(service.ActorOf(l.admin), kam.User{
		Email: "emily.zhang@zhilian.example", Name: "Emily Zhang 张艾米", Role: kam.RoleRep, TeamID: l.north.ID, Locale: kam.LocaleEN,
	}, repPassword)

	l.east = update(l, l.svc.Teams, l.admin, l.east.ID, l.east.Version, func(t *kam.Team) { t.ManagerID = l.eastMgr.ID }, "east")
	l.north = update(l, l.svc.Teams, l.admin, l.north.ID, l.north.Version, func(t *kam.Team) { t.ManagerID = l.northMgr.ID }, "north")
}

// user creates a user who may sign in at once with password, and lists them
// in the credentials.
func (l *loader) user(by kam.Actor, u kam.User, password string) kam.User {
	if l.err != nil {
		return kam.User{}
	}
	out, err := l.svc.CreateUser(l.ctx, by, u, password, false)
	l.fail(err, "create user %s", u.Email)
	if err == nil {
		l.creds.Users = append(l.creds.Users, DemoUser{Email: out.Email, Password: password, Role: out.Role, Name: out.Name})
	}
	return out
}
