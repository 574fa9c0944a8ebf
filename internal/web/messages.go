package web

import (
	"fmt"
	"slices"
	"text/template/parse"

	"kam/internal/kam"
)

// messages is the catalogue of the pages' text: id → English and Chinese.
// Templates use {{t "id"}}; Go code calls msg with the id. Ids are grouped by
// page or concern ("signin.title", "f.email" for field labels). The
// method's words follow the methodology's Chinese terms.
//
// It is built once, when the program starts, from messageTables; an id
// that two tables both define stops the start (mustCatalogue).
var messages = mustCatalogue(messageTables...)

// messageTables are the catalogue's parts: this file's general texts, the
// method pages' (messages_method.go) and the workbench pages'
// (messages_workbench.go).
var messageTables = []map[string]kam.Text{
	generalMessages,
	methodMessages,
	workbenchMessages, accountMessages, contactMessages, weekMessages, funnelMessages, trashMessages,
	auditMessages,
	calendarMessages, ssoMessages, channelMessages,
	zoneMessages, // time zones, currencies and exchange rates (zones.go)
	loopMessages,
	listMessages, // the deal, people and action lists and search (lists.go)
}

// catalogueOf merges tables into one catalogue. An id found in two tables
// is an error naming it: merged silently, one text would hide the other.
func catalogueOf(tables ...map[string]kam.Text) (map[string]kam.Text, error) {
	out := map[string]kam.Text{}
	for _, t := range tables {
		for id, m := range t {
			if _, dup := out[id]; dup {
				return nil, fmt.Errorf("message %q is defined twice", id)
			}
			out[id] = m
		}
	}
	return out, nil
}

// mustCatalogue is catalogueOf for the program's start: a duplicate id
// panics.
func mustCatalogue(tables ...map[string]kam.Text) map[string]kam.Text {
	m, err := catalogueOf(tables...)
	if err != nil {
		panic("web: " + err.Error())
	}
	return m
}

// generalMessages are the layout's, the forms', the errors', signing in,
// the profile, API tokens, the admin pages and the audit log.
var generalMessages = map[string]kam.Text{
	// Layout and navigation.
	"layout.skip":    kam.T("Skip to content", "跳到正文"),
	"layout.product": kam.T("Key-account strategic selling", "大客户战略销售"),
	"layout.nav":     kam.T("Main", "主导航"),
	"layout.footer":  kam.T("kam — plan the sale like a chess player, not a card player.", "kam —— 像下棋一样规划销售，而不是打牌。"),
	"nav.week":       kam.T("My week", "我的本周"),
	"nav.accounts":   kam.T("Accounts", "客户企业"),
	"nav.funnel":     kam.TermName("funnel"),
	"nav.admin":      kam.T("Admin", "管理"),
	"nav.signout":    kam.T("Sign out", "退出登录"),
	"list.more":      kam.T("More", "更多"),

	"home.hello": kam.T("Welcome, %s.", "欢迎，%s。"),
	"home.intro": kam.T("Work order for the week: best few first, then prospecting, then the rest of the funnel.",
		"本周工作顺序：先做最佳少数，再开发漏斗之上的商机，最后推进漏斗之中的商机。"),

	// Forms.
	"form.save":       kam.T("Save", "保存"),
	"form.saved":      kam.T("Saved.", "已保存。"),
	"form.search":     kam.T("Search", "搜索"),
	"form.filter":     kam.T("Filter", "筛选"),
	"form.actions":    kam.T("Actions", "操作"),
	"form.has_errors": kam.T("Please correct the fields marked below.", "请修改下面标出的字段。"),
	"conflict.heading": kam.T("Someone else changed this record while you were editing",
		"在您编辑期间，其他人修改了这条记录"),
	"conflict.explain": kam.T("Below is the record as it is now beside your changes. The form keeps your values: check them and save again to apply them on top of the new version.",
		"下表对比了记录的最新内容和您的修改。表单保留了您填写的内容：请核对后再次保存，即可在最新版本上应用您的修改。"),
	"conflict.field":     kam.T("Field", "字段"),
	"conflict.current":   kam.T("Now", "当前内容"),
	"conflict.yours":     kam.T("Yours", "您的修改"),
	"conflict.checked":   kam.T("✓ yes", "✓ 是"),
	"conflict.unchecked": kam.T("no", "否"),

	// Field labels.
	"f.email":            kam.FieldEmail.Label(),
	"f.password":         kam.T("Password", "密码"),
	"f.current_password": kam.T("Current password", "当前密码"),
	"f.new_password":     kam.T("New password", "新密码"),
	"f.password_confirm": kam.T("New password again", "再次输入新密码"),
	"f.name":             kam.FieldName.Label(),
	"f.role":             kam.FieldRole.Label(),
	"f.team":             kam.FieldTeam.Label(),
	"f.team_name":        kam.FieldTeamName.Label(),
	"f.manager":          kam.FieldManager.Label(),
	"f.locale":           kam.FieldLocale.Label(),
	"f.user":             kam.FieldUser.Label(),
	"f.token_name":       kam.FieldTokenName.Label(),
	"f.entity":           kam.T("Kind of record", "记录类型"),
	"f.entity_id":        kam.T("Record id", "记录编号"),
	"f.since":            kam.T("From", "开始日期"),
	"f.until":            kam.T("To", "结束日期"),

	// Errors.
	"err.title":            kam.T("Error", "错误"),
	"err.home":             kam.T("Back to my week", "返回我的本周"),
	"err.not_found":        kam.T("Not found", "未找到"),
	"err.not_found.detail": kam.T("This page does not exist, or you cannot see it.", "该页面不存在，或您无权查看。"),
	"err.forbidden":        kam.T("Not allowed", "无权执行此操作"),
	"err.csrf": kam.T("This form has expired. Go back, reload the page and try again.",
		"此表单已失效。请返回、刷新页面后重试。"),
	"err.invalid":          kam.T("Some fields are invalid", "部分字段无效"),
	"err.conflict":         kam.T("The record was changed by someone else", "该记录已被他人修改"),
	"err.conflict.detail":  kam.T("Reload the page to see the current version, then make your change again.", "请刷新页面查看最新版本，然后重新修改。"),
	"err.too_large":        kam.T("Too much text", "内容过多"),
	"err.too_large.detail": kam.T("The form sent more than 1 MiB. Shorten the text and try again.", "提交的表单超过 1 MiB，请缩短内容后重试。"),
	"err.internal":         kam.T("Something went wrong on our side", "服务器内部错误"),
	"err.internal.detail":  kam.T("The error was logged. Please try again later.", "错误已记录，请稍后再试。"),

	// Signing in.
	"signin.title":  kam.T("Sign in", "登录"),
	"signin.submit": kam.T("Sign in", "登录"),
	"signin.forgot": kam.T("Forgot your password? Ask an administrator for a temporary one.", "忘记密码？请联系管理员设置临时密码。"),

	"password.title":   kam.T("Change password", "修改密码"),
	"password.must":    kam.T("You signed in with a temporary password. Choose your own to continue.", "您使用的是临时密码，请设置自己的密码后继续。"),
	"password.rule":    kam.T("At least %d characters.", "至少 %d 个字符。"),
	"password.submit":  kam.T("Change password", "修改密码"),
	"password.changed": kam.T("Your password was changed. Other devices were signed out.", "密码已修改，其他设备已退出登录。"),

	// The user's own account.
	"account.title":           kam.T("My account", "我的账号"),
	"account.profile":         kam.T("Profile", "个人资料"),
	"account.change_password": kam.T("Change password", "修改密码"),
	"account.sessions":        kam.T("Signed-in devices", "已登录的设备"),
	"account.sessions.explain": kam.T("Lost a phone or signed in on a shared computer? Sign out everywhere, this browser included.",
		"手机丢失或在公用电脑上登录过？可在所有设备上退出登录（包括当前浏览器）。"),
	"account.signout_all": kam.T("Sign out on all devices", "在所有设备上退出登录"),

	// API tokens.
	"tokens.title":   kam.T("API tokens", "API 令牌"),
	"tokens.all":     kam.T("API tokens", "API 令牌"),
	"tokens.explain": kam.T("A token lets a program use the API as you: send it as \"Authorization: Bearer <token>\".", "令牌让程序以您的身份调用 API：请求头为 \"Authorization: Bearer <令牌>\"。"),
	"tokens.all.explain": kam.T("Every user's tokens. Revoke a token that leaked or is no longer used.",
		"所有用户的令牌。泄露或不再使用的令牌请撤销。"),
	"tokens.shown_once":    kam.T("Your new token. Copy it now: it is shown only this once.", "您的新令牌。请立即复制：它只显示这一次。"),
	"tokens.create":        kam.T("Create token", "创建令牌"),
	"tokens.prefix":        kam.T("Begins with", "开头"),
	"tokens.created":       kam.T("Created", "创建时间"),
	"tokens.last_used":     kam.FieldLastUsed.Label(),
	"tokens.never":         kam.T("Never", "从未使用"),
	"tokens.state":         kam.T("State", "状态"),
	"tokens.active":        kam.T("Active", "有效"),
	"tokens.revoked":       kam.T("Revoked", "已撤销"),
	"tokens.revoke":        kam.T("Revoke", "撤销"),
	"tokens.revoked_flash": kam.T("The token was revoked.", "令牌已撤销。"),
	"tokens.none":          kam.T("No tokens yet.", "暂无令牌。"),

	// Admin: users.
	"users.title":             kam.T("Users", "用户"),
	"users.invite":            kam.T("Invite a user", "邀请用户"),
	"users.invite.explain":    kam.T("The new user gets a temporary password, shown once on the next page; they choose their own at first sign-in.", "新用户将获得一个临时密码（仅在下一页显示一次），首次登录时需自行设置密码。"),
	"users.invite.submit":     kam.T("Invite", "邀请"),
	"users.search":            kam.T("Name or email", "姓名或邮箱"),
	"users.state":             kam.T("State", "状态"),
	"users.active":            kam.T("Active", "正常"),
	"users.disabled":          kam.FieldDisabled.Label(),
	"users.must_change":       kam.FieldMustChangePassword.Label(),
	"users.none":              kam.T("No users found.", "未找到用户。"),
	"users.edit":              kam.T("Details", "基本信息"),
	"users.access":            kam.T("Sign-in access", "访问权限"),
	"users.disable":           kam.T("Disable user", "停用用户"),
	"users.enable":            kam.T("Enable user", "启用用户"),
	"users.disabled_flash":    kam.T("The user was disabled and signed out everywhere.", "该用户已停用，并已在所有设备上退出登录。"),
	"users.enabled_flash":     kam.T("The user was enabled.", "该用户已启用。"),
	"users.set_temp_password": kam.T("Set a temporary password", "设置临时密码"),
	"users.temp_password":     kam.T("Temporary password (shown only this once):", "临时密码（仅显示这一次）："),
	"users.temp_password.explain": kam.T("Give it to the user in person or by phone. They must change it at their next sign-in; their current sessions have ended and their API tokens are revoked.",
		"请当面或电话告知该用户。下次登录时必须修改；其现有登录已全部退出，API 令牌已全部吊销。"),
	"team.none":       kam.T("No team", "无团队"),
	"team.no_manager": kam.T("No manager", "无经理"),

	// Admin: teams.
	"teams.title":      kam.T("Teams", "团队"),
	"teams.new":        kam.T("New team", "新建团队"),
	"teams.create":     kam.T("Create team", "创建团队"),
	"teams.none":       kam.T("No teams yet.", "暂无团队。"),
	"teams.members":    kam.T("Members", "成员"),
	"teams.no_members": kam.T("No members yet.", "暂无成员。"),

	// Audit log.
	"audit.title":   kam.T("Audit log", "审计日志"),
	"audit.history": kam.T("History of changes", "变更历史"),
	"audit.before":  kam.T("Before", "修改前"),
	"audit.after":   kam.T("After", "修改后"),
	"audit.none":    kam.T("No changes recorded.", "没有变更记录。"),
	"audit.older":   kam.T("Older changes", "更早的变更"),
	"audit.anyone":  kam.T("Anyone", "任何人"),
}

// checkMessageIDs fails when a template calls t with an id the catalogue
// lacks, or an entry lacks a language, so a missing text stops start-up
// instead of showing "[id]".
func checkMessageIDs(v *views, catalogue map[string]kam.Text) error {
	for id, m := range catalogue {
		if m.EN == "" || m.ZH == "" {
			return fmt.Errorf("message %q lacks a language", id)
		}
	}
	for _, id := range templateMessageIDs(v) {
		if _, ok := catalogue[id]; !ok {
			return fmt.Errorf("templates use message %q, which is not in the catalogue", id)
		}
	}
	return nil
}

// templateMessageIDs lists, sorted and unique, the message ids the
// templates name literally: the first argument of t, the label of field and
// choice.
func templateMessageIDs(v *views) []string {
	seen := map[string]bool{}
	for _, page := range v.pages {
		for _, t := range page.Templates() {
			if t.Tree != nil {
				walkIDs(t.Tree.Root, seen)
			}
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func walkIDs(n parse.Node, seen map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkIDs(c, seen)
		}
	case *parse.ActionNode:
		walkIDs(n.Pipe, seen)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkIDs(c, seen)
		}
	case *parse.CommandNode:
		if len(n.Args) >= 2 {
			// t "id" …; field F "name" "label-id" …; choice F "name" "label-id" …
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok {
				at := map[string]int{"t": 1, "field": 3, "choice": 3}[id.Ident]
				if at > 0 && len(n.Args) > at {
					if s, ok := n.Args[at].(*parse.StringNode); ok {
						seen[s.Text] = true
					}
				}
			}
		}
		for _, a := range n.Args {
			walkIDs(a, seen)
		}
	case *parse.IfNode:
		walkIDs(n.Pipe, seen)
		walkIDs(n.List, seen)
		walkIDs(n.ElseList, seen)
	case *parse.RangeNode:
		walkIDs(n.Pipe, seen)
		walkIDs(n.List, seen)
		walkIDs(n.ElseList, seen)
	case *parse.WithNode:
		walkIDs(n.Pipe, seen)
		walkIDs(n.List, seen)
		walkIDs(n.ElseList, seen)
	case *parse.TemplateNode:
		walkIDs(n.Pipe, seen)
	}
}
