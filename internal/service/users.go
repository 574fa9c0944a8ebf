package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/store"
)

// ActorOf returns the actor a signed-in user acts as.
func ActorOf(u kam.User) kam.Actor {
	return kam.Actor{UserID: u.ID, Role: u.Role, TeamID: u.TeamID, Location: u.Location()}
}

// CreateUser adds a user with a first password. Only admins may; the new
// user must change the password at first sign-in unless mustChange is false
// (the binary's own `kam user add`).
func (s *Service) CreateUser(ctx context.Context, a kam.Actor, u kam.User, password string, mustChange bool) (kam.User, error) {
	if err := requireAdmin(a); err != nil {
		return kam.User{}, err
	}
	// The user's fields and the password are checked together, so every
	// problem is reported at once.
	var invalid kam.ValidationError
	probe := u
	probe.Normalize()
	invalid.Merge(probe.Validate())
	invalid.Merge(checkNewPassword(password, probe.Email, probe.Name))
	if err := invalid.Err(); err != nil {
		return kam.User{}, err
	}
	hash, err := s.hash(ctx, password)
	if err != nil {
		return kam.User{}, err
	}
	u.PasswordHash = hash
	u.MustChangePassword = mustChange
	return s.Users.Create(ctx, a, u)
}

// SetTemporaryPassword lets an admin set a user's password; the user must
// change it at next sign-in, every session of theirs ends and, since the
// account may be compromised, every API token of theirs is revoked. (An
// admin setting their own password changes it like ChangePassword, without
// the forced change.)
func (s *Service) SetTemporaryPassword(ctx context.Context, a kam.Actor, userID int64, password string) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	return s.setPassword(ctx, a, userID, password, userID != a.UserID)
}

// ChangePassword lets users change their own password, given the current one.
// Every session of theirs ends, so whoever knew the old password is out.
func (s *Service) ChangePassword(ctx context.Context, a kam.Actor, current, next string) error {
	var u kam.User
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		u, err = store.Users.Get(ctx, tx, a.UserID)
		return err
	})
	if err != nil {
		return err
	}
	// What can be told without the current password is told at once.
	var invalid kam.ValidationError
	if current == "" {
		invalid.Add("current_password", kam.T("is required", "必填"))
	}
	invalid.Merge(checkNewPassword(next, u.Email, u.Name))
	if err := invalid.Err(); err != nil {
		return err
	}
	// Guessing the current password through a stolen session or token is
	// throttled like signing in, and counts against the same account: the
	// attempt is counted before the hash, so parallel guesses get no more
	// tries, and hashing waits for a slot like a sign-in.
	throttle := auth.Throttle{Store: s.AuthStore(), Now: s.now}
	res, err := throttle.Reserve(ctx, u.Email, "")
	if err != nil {
		var te *auth.ThrottledError
		if errors.As(err, &te) {
			return kam.Invalid("current_password", auth.MsgThrottled(te.RetryAfter))
		}
		return err
	}
	var ok bool
	if err := s.hashing.Do(ctx, func() { ok, _ = auth.CheckPassword(u.PasswordHash, current) }); err != nil {
		err = errors.Join(err, res.Release(context.WithoutCancel(ctx)))
		if errors.Is(err, auth.ErrBusy) {
			return kam.Invalid("current_password", auth.MsgThrottled(time.Second))
		}
		return err
	}
	if !ok {
		return kam.Invalid("current_password", kam.T("is not your current password", "当前密码不正确"))
	}
	if err := res.Succeeded(ctx); err != nil {
		return err
	}
	if current == next {
		return kam.Invalid("password", kam.T("must differ from the current password", "不能与当前密码相同"))
	}
	return s.setPassword(ctx, a, a.UserID, next, false)
}

// hash hashes a new password with the service's parameters once the
// service's hashing limiter has a slot, like a sign-in's check: creating
// many users at once (an administrator's bulk import) queues instead of
// holding a hash's memory per request. No slot within the limiter's wait is
// a *kam.ValidationError on password, "try again in a second".
func (s *Service) hash(ctx context.Context, password string) (string, error) {
	var hash string
	var herr error
	if err := s.hashing.Do(ctx, func() { hash, herr = s.passwords.Hash(password) }); err != nil {
		if errors.Is(err, auth.ErrBusy) {
			return "", kam.Invalid("password", auth.MsgThrottled(time.Second))
		}
		return "", err
	}
	return hash, herr
}

// checkNewPassword checks a password a user is given or chooses: its
// length (auth.ValidatePassword), and that it is not trivially guessed
// (kam.WeakPassword: common, a run, the user's own email or name).
func checkNewPassword(password, email, name string) error {
	if err := auth.ValidatePassword(password); err != nil {
		return err
	}
	if why, ok := kam.WeakPassword(password, email, name); !ok {
		return kam.Invalid("password", why)
	}
	return nil
}

func (s *Service) setPassword(ctx context.Context, a kam.Actor, userID int64, password string, mustChange bool) error {
	var u kam.User
	if err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		u, err = store.Users.Get(ctx, tx, userID)
		return err
	}); err != nil {
		return err
	}
	if err := checkNewPassword(password, u.Email, u.Name); err != nil {
		return err
	}
	hash, err := s.hash(ctx, password)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := store.Users.Get(ctx, tx, userID); err != nil {
			return err
		}
		if err := store.SetPassword(ctx, tx, userID, hash, mustChange); err != nil {
			return err
		}
		// Whoever knew the old password is signed out everywhere; a front
		// end that keeps the changing browser signed in starts it a new
		// session afterwards.
		if err := store.DeleteUserSessions(ctx, tx, userID); err != nil {
			return err
		}
		// A temporary password means the account may be in the wrong
		// hands: its tokens end too, and the user makes new ones.
		var revoked int64
		if mustChange {
			var err error
			if revoked, err = store.RevokeUserTokens(ctx, tx, userID); err != nil {
				return err
			}
		}
		// The audit notes that the password changed, never the hash.
		return s.audit(ctx, tx, a, "password", "user", userID, nil,
			map[string]any{"must_change_password": mustChange, "api_tokens_revoked": revoked})
	})
}

// endAccessOfDisabled ends, in the transaction that disables a user, every
// session and API token of theirs: re-enabling the account later must not
// bring a token back to life that someone may have kept meanwhile.
func (s *Service) endAccessOfDisabled(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *kam.User) error {
	if !after.Disabled || before != nil && before.Disabled {
		return nil
	}
	if err := store.DeleteUserSessions(ctx, tx, after.ID); err != nil {
		return err
	}
	toks, err := store.ListTokens(ctx, tx, after.ID)
	if err != nil {
		return err
	}
	for _, t := range toks {
		if t.RevokedAt != nil {
			continue
		}
		if err := store.RevokeToken(ctx, tx, t.ID); err != nil {
			return err
		}
		// Each token's end is audited as a revoke by hand would be.
		if err := s.audit(ctx, tx, a, "revoke", "api_token", t.ID, t, nil); err != nil {
			return err
		}
	}
	return nil
}

// Authenticator returns the email-and-password sign-in over the service's
// database: attempts are throttled in the database (on the clock now; nil:
// the service's), users are looked up by email, and an unknown email costs a
// hash with the service's own parameters, the same as a known one's. It is
// the only way to check a password for signing in.
func (s *Service) Authenticator(now func() time.Time) *auth.Authenticator {
	if now == nil {
		now = s.now
	}
	return &auth.Authenticator{
		Throttle: &auth.Throttle{Store: s.AuthStore(), Now: now},
		Params:   s.passwords,
		Hashing:  s.hashing,
		Rehash:   s.upgradeHash,
		LookupUser: func(ctx context.Context, email string) (kam.User, error) {
			var u kam.User
			err := s.db.Read(ctx, func(tx *store.Tx) error {
				var err error
				u, err = store.GetUserByEmail(ctx, tx, strings.ToLower(strings.TrimSpace(email)))
				if err != nil {
					return err
				}
				// With password sign-in off (SSOPolicy), everyone but
				// the break-glass admin looks unknown here: the same
				// refusal, at the same cost, as an unknown email.
				p, err := s.ssoPolicy(ctx, tx)
				if err == nil && p.PasswordOff && u.Email != p.BreakGlassEmail {
					err = kam.ErrNotFound
				}
				return err
			})
			return u, err
		},
	}
}

// upgradeHash stores next, a user's password re-hashed with the service's
// parameters at a sign-in, in place of old, a weaker hash of the same
// password. It writes no audit record and keeps the user's version,
// updated_at and sessions: the password, and so every credential, is the
// same, and the audit log never holds hashes anyway. A hash changed since
// the sign-in read it is left alone.
func (s *Service) upgradeHash(ctx context.Context, userID int64, old, next string) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		_, err := store.UpgradePasswordHash(ctx, tx, userID, old, next)
		return err
	})
}

// CreateToken makes an API token for userID: admins for anyone, users for
// themselves. The secret is returned once and never stored.
func (s *Service) CreateToken(ctx context.Context, a kam.Actor, userID int64, name string) (secret string, tok kam.APIToken, err error) {
	if userID == 0 {
		userID = a.UserID
	}
	if userID != a.UserID && a.Role != kam.RoleAdmin {
		return "", kam.APIToken{}, kam.ErrNotFound
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = "token"
	}
	if err := kam.CheckName("name", name); err != nil {
		return "", kam.APIToken{}, err
	}
	secret, prefix, hash := auth.NewAPIToken()
	tok = kam.APIToken{UserID: userID, Name: name, Prefix: prefix, Hash: hash}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := store.Users.Get(ctx, tx, userID); err != nil {
			return refErr("user_id", err)
		}
		tok.CreatedAt = tx.Now()
		if err := store.InsertToken(ctx, tx, &tok); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "create", "api_token", tok.ID, nil, tok)
	})
	return secret, tok, err
}

// ListTokens lists userID's tokens (0: the actor's; admins: anyone's, or
// everyone's with -1).
func (s *Service) ListTokens(ctx context.Context, a kam.Actor, userID int64) ([]kam.APIToken, error) {
	if userID == 0 {
		userID = a.UserID
	}
	if userID != a.UserID && a.Role != kam.RoleAdmin {
		return nil, kam.ErrNotFound
	}
	if userID < 0 {
		userID = 0
	}
	var out []kam.APIToken
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		out, err = store.ListTokens(ctx, tx, userID)
		return err
	})
	return out, err
}

// RevokeToken ends a token: the owner's own or, for admins, anyone's.
func (s *Service) RevokeToken(ctx context.Context, a kam.Actor, id int64) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		toks, err := store.ListTokens(ctx, tx, 0)
		if err != nil {
			return err
		}
		for _, t := range toks {
			if t.ID != id {
				continue
			}
			if t.UserID != a.UserID && a.Role != kam.RoleAdmin {
				return kam.ErrNotFound
			}
			if err := store.RevokeToken(ctx, tx, id); err != nil {
				return err
			}
			return s.audit(ctx, tx, a, "revoke", "api_token", id, t, nil)
		}
		return kam.ErrNotFound
	})
}

// UserForToken returns the enabled user a bearer token belongs to, and notes
// when it was used. Any failure is kam.ErrUnauthorized.
func (s *Service) UserForToken(ctx context.Context, secret string) (kam.User, error) {
	if secret == "" {
		return kam.User{}, kam.ErrUnauthorized
	}
	var u kam.User
	var tok kam.APIToken
	// The token and its user need no common snapshot: two statements
	// without a transaction around them (two round trips fewer).
	err := s.db.ReadEach(ctx, func(tx *store.Tx) error {
		var err error
		tok, err = store.TokenByHash(ctx, tx, auth.HashSecret(secret))
		if err != nil {
			return err
		}
		u, err = store.Users.Get(ctx, tx, tok.UserID)
		return err
	})
	if errors.Is(err, kam.ErrNotFound) || (err == nil && u.Disabled) {
		return kam.User{}, kam.ErrUnauthorized
	}
	if err != nil {
		return kam.User{}, err
	}
	now := s.now()
	// Note the use at most once a minute, so reads stay reads.
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) > 60e9 {
		_ = s.db.Write(ctx, func(tx *store.Tx) error { return store.TouchToken(ctx, tx, tok.ID, now) })
	}
	return u, nil
}

// UpdateProfile lets users change their own name and language.
func (s *Service) UpdateProfile(ctx context.Context, a kam.Actor, version int64, name string, locale kam.Locale) (kam.User, error) {
	return s.UpdateProfileZone(ctx, a, version, name, locale, "")
}

// UpdateProfileZone is UpdateProfile that also sets the actor's time zone
// (an IANA name) when timeZone is not empty.
func (s *Service) UpdateProfileZone(ctx context.Context, a kam.Actor, version int64, name string, locale kam.Locale, timeZone string) (kam.User, error) {
	var out kam.User
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := store.Users.Get(ctx, tx, a.UserID)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return &kam.ConflictError{Entity: "user", ID: cur.ID, Current: cur}
		}
		before := cur
		next := cur
		if name != "" {
			next.Name = name
		}
		if locale != "" {
			next.Locale = locale
		}
		if timeZone != "" {
			next.TimeZone = timeZone
		}
		next.Normalize()
		if err := next.Validate(); err != nil {
			return err
		}
		if err := store.Users.Update(ctx, tx, &next); err != nil {
			return err
		}
		out = next
		return s.audit(ctx, tx, a, "update", "user", cur.ID, before, next)
	})
	return out, err
}
