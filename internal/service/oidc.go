package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

// ssoKey is the settings row of the single sign-on policy.
const ssoKey = "sso"

// SSOPolicy is what an admin decides about single sign-on (OpenID
// Connect): which new users may be created at their first sign-in, and
// whether passwords still sign in.
type SSOPolicy struct {
	// Domains lists the email domains whose people get a kam user at their
	// first single sign-on, with the role and team they start with. A
	// verified email of any other domain signs in only when an admin made
	// its user beforehand.
	Domains []SSODomain `json:"domains"`
	// PasswordOff turns password sign-in off for everyone but the
	// break-glass admin, who keeps it for the day the identity provider is
	// down.
	PasswordOff bool `json:"password_off"`
	// BreakGlassEmail is the email of that admin; required with PasswordOff.
	BreakGlassEmail string `json:"break_glass_email,omitempty"`
}

// SSODomain lets the people of one email domain in at first sign-in.
type SSODomain struct {
	Domain string   `json:"domain"` // lower case, e.g. "example.com"
	Role   kam.Role `json:"role"`
	TeamID int64    `json:"team_id,omitempty"` // 0: no team
}

// OIDCIdentity is what a verified ID token (and the provider's userinfo)
// says about the person signing in.
type OIDCIdentity struct {
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	Locale        kam.Locale // "" when the provider gave none kam speaks
}

// Single sign-on refusals. Each wraps kam.ErrUnauthorized; SSOMessage
// gives the text to show.
var (
	// ErrSSOUnverifiedEmail: the provider has not verified the email, so
	// it proves nothing about who this is.
	ErrSSOUnverifiedEmail = fmt.Errorf("%w: email not verified by the identity provider", kam.ErrUnauthorized)
	// ErrSSONoUser: no kam user has the email and its domain is not
	// allowed to create one.
	ErrSSONoUser = fmt.Errorf("%w: no user with this email", kam.ErrUnauthorized)
	// ErrSSODisabled: the user with the email is disabled.
	ErrSSODisabled = fmt.Errorf("%w: user disabled", kam.ErrUnauthorized)
)

// SSOMessage returns the text for a single sign-on refusal; ok is false
// for any other error.
func SSOMessage(err error) (kam.Text, bool) {
	switch {
	case errors.Is(err, ErrSSOUnverifiedEmail):
		return kam.T("Your identity provider has not verified your email address, so kam cannot tell who you are. Verify it there and sign in again.",
			"身份提供方尚未验证您的邮箱地址，kam 无法确认您的身份。请先在身份提供方验证邮箱，再重新登录。"), true
	case errors.Is(err, ErrSSONoUser), errors.Is(err, ErrSSODisabled):
		return kam.T("There is no active kam user for this email address. Ask an administrator to add you.",
			"此邮箱地址没有可用的 kam 用户。请联系管理员为您开通。"), true
	}
	return kam.Text{}, false
}

// SSOPolicy returns the single sign-on policy; admins only.
func (s *Service) SSOPolicy(ctx context.Context, a kam.Actor) (SSOPolicy, error) {
	if err := requireAdmin(a); err != nil {
		return SSOPolicy{}, err
	}
	var p SSOPolicy
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		p, err = s.ssoPolicy(ctx, tx)
		return err
	})
	return p, err
}

func (s *Service) ssoPolicy(ctx context.Context, tx *store.Tx) (SSOPolicy, error) {
	var p SSOPolicy
	raw, ok, err := store.GetSetting(ctx, tx, ssoKey)
	if err != nil || !ok {
		return p, err
	}
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		// A broken row must not lock everyone out, nor let anyone in:
		// the empty policy keeps passwords and creates nobody.
		s.log.Warn("stored single sign-on policy unreadable; using the empty one", "err", err)
		return SSOPolicy{}, nil
	}
	return p, nil
}

// maxSSODomains bounds the domains of a policy.
const maxSSODomains = 100

// PutSSOPolicy replaces the single sign-on policy; admins only. With
// PasswordOff the break-glass email must be a live, enabled admin's, so
// that switching passwords off never locks every admin out.
func (s *Service) PutSSOPolicy(ctx context.Context, a kam.Actor, p SSOPolicy) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	var v kam.ValidationError
	if len(p.Domains) > maxSSODomains {
		v.Add("domains", kam.T(fmt.Sprintf("at most %d domains", maxSSODomains), fmt.Sprintf("最多 %d 个域名", maxSSODomains)))
	}
	seen := map[string]bool{}
	for i := range p.Domains {
		d := &p.Domains[i]
		d.Domain = strings.ToLower(strings.TrimSpace(d.Domain))
		field := fmt.Sprintf("domains.%d", i)
		if !validDomain(d.Domain) {
			v.Add(field+".domain", kam.T("is not an email domain such as example.com", "不是 example.com 这样的邮箱域名"))
		} else if seen[d.Domain] {
			v.Add(field+".domain", kam.T("is listed twice", "重复了"))
		}
		seen[d.Domain] = true
		if !slices.Contains(kam.Roles, d.Role) {
			v.Add(field+".role", kam.T("is not a role", "不是有效的角色"))
		}
		if d.TeamID < 0 {
			v.Add(field+".team_id", kam.T("is not a team", "不是有效的团队"))
		}
	}
	p.BreakGlassEmail = strings.ToLower(strings.TrimSpace(p.BreakGlassEmail))
	if p.PasswordOff && p.BreakGlassEmail == "" {
		v.Add("break_glass_email", kam.T("is required when password sign-in is off", "关闭密码登录时必填"))
	}
	if err := v.Err(); err != nil {
		return err
	}
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *store.Tx) error {
		for i, d := range p.Domains {
			if d.TeamID == 0 {
				continue
			}
			if _, err := store.Teams.Get(ctx, tx, d.TeamID); errors.Is(err, kam.ErrNotFound) {
				return kam.Invalid(fmt.Sprintf("domains.%d.team_id", i), kam.T("is not a team", "不是有效的团队"))
			} else if err != nil {
				return err
			}
		}
		if p.BreakGlassEmail != "" {
			u, err := store.GetUserByEmail(ctx, tx, p.BreakGlassEmail)
			if errors.Is(err, kam.ErrNotFound) || err == nil && (u.Disabled || u.Role != kam.RoleAdmin) {
				return kam.Invalid("break_glass_email", kam.T("is not the email of an enabled administrator", "不是一位可用管理员的邮箱"))
			}
			if err != nil {
				return err
			}
		}
		before, err := s.ssoPolicy(ctx, tx)
		if err != nil {
			return err
		}
		if err := store.PutSetting(ctx, tx, ssoKey, string(b)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "update", "sso_policy", 0, before, p)
	})
}

// validDomain reports whether d looks like a DNS name with a dot.
func validDomain(d string) bool {
	if len(d) < 3 || len(d) > 253 || !strings.Contains(d, ".") {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// PasswordSignInOff reports whether an admin turned password sign-in off
// for everyone but the break-glass admin (the sign-in page says so).
func (s *Service) PasswordSignInOff(ctx context.Context) (bool, error) {
	var p SSOPolicy
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		p, err = s.ssoPolicy(ctx, tx)
		return err
	})
	return p.PasswordOff, err
}

// SignInWithOIDC returns the kam user a verified ID token speaks for. The
// user is the live one whose email is the token's, and only a verified
// email counts: an unverified one proves nothing. When no user has the
// email and the policy lets its domain in, the user is created now with
// the domain's role and team and no password (they sign in through the
// provider). A disabled user is refused.
func (s *Service) SignInWithOIDC(ctx context.Context, id OIDCIdentity) (kam.User, error) {
	if !id.EmailVerified {
		return kam.User{}, ErrSSOUnverifiedEmail
	}
	email := strings.ToLower(strings.TrimSpace(id.Email))
	at := strings.LastIndexByte(email, '@')
	if at <= 0 || at == len(email)-1 {
		return kam.User{}, ErrSSONoUser
	}
	var u kam.User
	var p SSOPolicy
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		if u, err = store.GetUserByEmail(ctx, tx, email); err != nil {
			return err
		}
		return nil
	})
	switch {
	case err == nil:
		if u.Disabled {
			return kam.User{}, ErrSSODisabled
		}
		return u, nil
	case !errors.Is(err, kam.ErrNotFound):
		return kam.User{}, err
	}
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		p, err = s.ssoPolicy(ctx, tx)
		return err
	})
	if err != nil {
		return kam.User{}, err
	}
	domain := email[at+1:]
	i := slices.IndexFunc(p.Domains, func(d SSODomain) bool { return d.Domain == domain })
	if i < 0 {
		return kam.User{}, ErrSSONoUser
	}
	d := p.Domains[i]
	name := strings.TrimSpace(id.Name)
	if name == "" || len([]rune(name)) > kam.MaxName {
		name = email[:at]
	}
	locale := id.Locale
	if locale == "" {
		locale = kam.LocaleZH
	}
	nu := kam.User{Email: email, Name: name, Role: d.Role, TeamID: d.TeamID, Locale: locale}
	created, err := s.Users.Create(ctx, kam.System, nu)
	if errors.Is(err, kam.ErrConflict) || errors.Is(err, kam.ErrInvalid) {
		// Two first sign-ins at once: the other made the user.
		var again kam.User
		if rerr := s.db.Read(ctx, func(tx *store.Tx) error {
			var err error
			again, err = store.GetUserByEmail(ctx, tx, email)
			return err
		}); rerr == nil && !again.Disabled {
			return again, nil
		}
	}
	if err != nil {
		return kam.User{}, fmt.Errorf("create user at first sign-in: %w", err)
	}
	s.log.Info("user created at first single sign-on", "user_id", created.ID, "issuer", id.Issuer)
	return created, nil
}
