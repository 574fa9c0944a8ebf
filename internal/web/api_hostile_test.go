package web

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/server"
)

// TestHostileAPIInput sends the hostile payloads in every field of the JSON
// bodies for users, teams and tokens through the whole server (server.Handler
// with the web mounted, as the binary runs it). The API must answer a field
// error or keep the value exactly; it must never fail with 5xx.
func TestHostileAPIInput(t *testing.T) { eachDB(t, testHostileAPIInput) }

func testHostileAPIInput(t *testing.T, o envOptions) {
	e := newEnv(t, o)
	team := e.team("API team")
	h := server.Handler(e.svc, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Web: e.app.handler()})
	secret, _, err := e.svc.CreateToken(e.ctx, kam.System, e.admin.ID, "api hostile")
	if err != nil {
		t.Fatal(err)
	}
	send := func(method, path string, body map[string]any) (int, map[string]any, string) {
		b, _ := json.Marshal(body)
		req := httptest.NewRequest(method, path, strings.NewReader(string(b)))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		return rec.Code, out, rec.Body.String()
	}
	// json.Marshal turns invalid UTF-8 into U+FFFD; send the raw bytes too.
	rawCall := func(method, path, body string) int {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}

	type apiForm struct {
		name   string
		method string
		path   func() string
		fields []string
		base   func(i int) map[string]any
		// stored reads back field of the created or updated record.
		stored func(resp map[string]any, field string) (string, bool)
	}
	fromResp := func(resp map[string]any, field string) (string, bool) {
		v, ok := resp[field].(string)
		return v, ok
	}
	userID := e.user("api-rep@example.com", "API Rep", kam.RoleRep, team.ID, false).ID
	forms := []apiForm{
		{name: "create user", method: "POST", path: func() string { return "/api/v1/users" },
			fields: []string{"email", "name", "role", "locale", "password"},
			base: func(i int) map[string]any {
				return map[string]any{"email": fmt.Sprintf("api%d@example.com", i), "name": "API user", "role": "rep",
					"locale": "en", "password": "long enough password"}
			},
			stored: fromResp},
		{name: "update user", method: "PATCH", path: func() string { return "/api/v1/users/" + itoa(userID) },
			fields: []string{"email", "name", "role", "locale"},
			base: func(int) map[string]any {
				u := e.getUser(userID)
				return map[string]any{"version": u.Version}
			},
			stored: fromResp},
		{name: "create team", method: "POST", path: func() string { return "/api/v1/teams" },
			fields: []string{"name"},
			base:   func(int) map[string]any { return map[string]any{"name": "A team"} },
			stored: fromResp},
		{name: "update team", method: "PATCH", path: func() string { return "/api/v1/teams/" + itoa(team.ID) },
			fields: []string{"name"},
			base: func(int) map[string]any {
				tm, _ := e.svc.Teams.Get(e.ctx, kam.System, team.ID)
				return map[string]any{"version": tm.Version}
			},
			stored: fromResp},
		{name: "create token", method: "POST", path: func() string { return "/api/v1/tokens" },
			fields: []string{"name"},
			base:   func(int) map[string]any { return map[string]any{"name": "t"} },
			stored: func(resp map[string]any, field string) (string, bool) {
				tok, _ := resp["token"].(map[string]any)
				v, ok := tok[field].(string)
				return v, ok
			}},
	}
	attempt := 0
	for _, f := range forms {
		for _, field := range f.fields {
			for _, p := range hostilePayloads {
				attempt++
				name := f.name + "/" + field + "/" + p.Name
				body := f.base(attempt)
				body[field] = p.Value
				code, resp, raw := send(f.method, f.path(), body)
				if code >= 500 {
					t.Errorf("%s: status %d: %.300s", name, code, raw)
				}
				for _, m := range rawMarkers {
					if strings.Contains(raw, m) && !strings.Contains(raw, `"`+field+`"`) {
						t.Errorf("%s: raw %q outside a JSON string", name, m)
					}
				}
				if code >= 400 {
					if code != http.StatusUnprocessableEntity && code != http.StatusBadRequest && code != http.StatusRequestEntityTooLarge {
						t.Errorf("%s: refused with %d, want 422 or 400", name, code)
					}
					continue
				}
				// What the server received: json.Marshal sends invalid
				// UTF-8 as U+FFFD.
				var want string
				b, _ := json.Marshal(p.Value)
				_ = json.Unmarshal(b, &want)
				// An empty value may stand for a default (a token's name).
				if got, ok := f.stored(resp, field); ok && want != "" && got != want {
					t.Errorf("%s: stored %.60q, want %.60q", name, got, want)
				}
			}
			body := f.base(attempt)
			raw, _ := json.Marshal(body)
			withBad := strings.TrimSuffix(string(raw), "}") + `,"` + field + "\":\"\xff\xfe\"}"
			if len(body) == 0 {
				withBad = "{\"" + field + "\":\"\xff\xfe\"}"
			}
			if code := rawCall(f.method, f.path(), withBad); code >= 500 {
				t.Errorf("%s/%s/raw invalid UTF-8: status %d", f.name, field, code)
			}
		}
	}
	// Nothing stored broken: every user and team reads back as valid text.
	users, _, _ := e.app.allUsers(e.ctx, &call{Actor: kam.System})
	for _, u := range users {
		if !validText(u.Name) || !validText(u.Email) {
			t.Errorf("user %d stored broken text: %q %q", u.ID, u.Name, u.Email)
		}
	}
	teams, _, _ := e.app.allTeams(e.ctx, &call{Actor: kam.System})
	for _, tm := range teams {
		if !validText(tm.Name) {
			t.Errorf("team %d stored broken text: %q", tm.ID, tm.Name)
		}
	}
}
