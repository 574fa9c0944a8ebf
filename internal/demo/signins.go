package demo

import (
	"context"
	"fmt"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// demoPasswords are the demo's fixed passwords by role.
var demoPasswords = map[kam.Role]string{
	kam.RoleAdmin:   adminPassword,
	kam.RoleManager: managerPassword,
	kam.RoleRep:     repPassword,
}

// SignIns lists the demo users of a database the demo was loaded into whose
// password is still the demo's, in the order Load created them: what
// `kam demo users` prints so that the sign-ins stay findable after the
// first start. A user whose password was changed is left out (kam never
// shows a password it did not set); a database without the demo gives none.
func SignIns(ctx context.Context, svc *service.Service) ([]DemoUser, error) {
	users, _, err := svc.Users.List(ctx, kam.System, store.UserFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
	if err != nil {
		return nil, fmt.Errorf("demo: list users: %w", err)
	}
	var out []DemoUser
	for _, u := range users {
		pw, ok := demoPasswords[u.Role]
		if !ok || !isDemoEmail(u.Email) || u.Disabled {
			continue
		}
		if ok, err := auth.CheckPassword(u.PasswordHash, pw); err != nil || !ok {
			continue
		}
		out = append(out, DemoUser{Email: u.Email, Password: pw, Role: u.Role, Name: u.Name})
	}
	return out, nil
}

// demoDomain is the mail domain of every demo user.
const demoDomain = "@zhilian.example"

func isDemoEmail(email string) bool {
	return len(email) > len(demoDomain) && email[len(email)-len(demoDomain):] == demoDomain
}
