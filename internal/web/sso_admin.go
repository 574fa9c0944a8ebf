package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/service"
)

// The admin's single sign-on page: which email domains get a user at their
// first sign-in, and whether passwords still sign in (service.SSOPolicy).

func (a *app) ssoAdminRoutes() []route {
	return []route{
		{Method: "GET", Path: "/admin/sso", Access: AdminOnly, Handle: a.adminSSO},
		{Method: "POST", Path: "/admin/sso", Access: AdminOnly, Handle: a.adminSaveSSO},
	}
}

// ssoAdminData is the page's data.
type ssoAdminData struct {
	Form       *Form
	Configured bool
	Errors     []string
}

// ssoMessages are the catalogue entries of the single sign-on page.
var ssoMessages = map[string]kam.Text{
	"sso.title":      kam.T("Single sign-on", "单点登录"),
	"sso.off":        kam.T("Single sign-on is not configured: start kam with --oidc-issuer, --oidc-client-id and --oidc-client-secret (see docs/integrations.md).", "尚未配置单点登录：启动 kam 时请加上 --oidc-issuer、--oidc-client-id 和 --oidc-client-secret（见 docs/integrations.md）。"),
	"sso.on":         kam.T("Single sign-on is configured. People sign in with the button on the sign-in page; kam matches them by their verified email.", "已配置单点登录。用户点击登录页上的按钮登录，kam 按已验证的邮箱匹配用户。"),
	"sso.domains":    kam.T("Email domains whose people get a user at first sign-in", "首次登录即可自动开通用户的邮箱域名"),
	"sso.domainsFmt": kam.T("One per line: domain, role (rep, manager or admin), and a team id or 0, e.g. \"corp.example rep 3\". Anyone else needs a user made by an admin first.", "每行一个：域名、角色（rep、manager 或 admin）、团队编号或 0，例如“corp.example rep 3”。其他人须先由管理员开通。"),
	"sso.passOff":    kam.T("Switch password sign-in off for everyone but the break-glass administrator", "关闭密码登录（应急管理员除外）"),
	"sso.breakGlass": kam.T("Break-glass administrator's email (keeps the password for the day the identity provider is down)", "应急管理员邮箱（身份提供方故障时仍可用密码登录）"),
	"sso.save":       kam.T("Save", "保存"),
}

func (a *app) ssoData(c *call, f *Form) ssoAdminData {
	d := ssoAdminData{Form: f, Configured: a.oidc != nil}
	for k, m := range f.Errors {
		d.Errors = append(d.Errors, k+": "+m.In(c.Locale))
	}
	return d
}

func (a *app) adminSSO(w http.ResponseWriter, r *http.Request, c *call) error {
	p, err := a.svc.SSOPolicy(r.Context(), c.Actor)
	if err != nil {
		return err
	}
	f := newForm("/admin/sso")
	var lines []string
	for _, d := range p.Domains {
		lines = append(lines, fmt.Sprintf("%s %s %d", d.Domain, d.Role, d.TeamID))
	}
	f.Set("domains", strings.Join(lines, "\n"))
	f.setBool("password_off", p.PasswordOff)
	f.Set("break_glass_email", p.BreakGlassEmail)
	return a.adminPage(w, r, c, http.StatusOK, "admin_sso", a.ssoData(c, f))
}

// maxSSOForm bounds the domains text (100 lines of a long domain).
const maxSSOForm = 100 * 300

func (a *app) adminSaveSSO(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/admin/sso")
	if err != nil {
		return err
	}
	p := service.SSOPolicy{PasswordOff: f.Bool("password_off"), BreakGlassEmail: f.Get("break_glass_email")}
	raw := f.Get("domains")
	switch {
	case len(raw) > maxSSOForm || !validText(raw):
		f.Errors["domains"] = kam.T("is too long or not text", "过长或不是文本")
	default:
		for n, line := range strings.Split(raw, "\n") {
			parts := strings.Fields(line)
			if len(parts) == 0 {
				continue
			}
			d := service.SSODomain{Domain: parts[0], Role: kam.RoleRep}
			if len(parts) > 1 {
				d.Role = kam.Role(parts[1])
			}
			if len(parts) > 2 {
				id, err := strconv.ParseInt(parts[2], 10, 64)
				if err != nil || id < 0 {
					f.Errors["domains"] = kam.T(fmt.Sprintf("line %d: the team is not a number", n+1), fmt.Sprintf("第 %d 行：团队编号不是数字", n+1))
				}
				d.TeamID = id
			}
			if len(parts) > 3 {
				f.Errors["domains"] = kam.T(fmt.Sprintf("line %d: want domain, role, team", n+1), fmt.Sprintf("第 %d 行：应为 域名 角色 团队", n+1))
			}
			p.Domains = append(p.Domains, d)
		}
	}
	if !validText(p.BreakGlassEmail) || len(p.BreakGlassEmail) > maxEmail {
		f.Errors["break_glass_email"] = kam.T("is not an email address", "不是邮箱地址")
	}
	if !f.Invalid() {
		err := a.svc.PutSSOPolicy(r.Context(), c.Actor, p)
		if err == nil {
			return seeOther(w, r, "/admin/sso")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.adminPage(w, r, c, f.Status(), "admin_sso", a.ssoData(c, f))
}
