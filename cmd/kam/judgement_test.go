package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kam/internal/auth"
	"kam/internal/demo"
	"kam/internal/kam"
	"kam/internal/server"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/web"
)

// TestEverySurfaceTellsTheSameJudgement reads every demo deal on every
// surface — the strategy sheet, its printed and Markdown copies and the
// API as the deal's owner sees them, the workbook the owner exports,
// `kam flags` — and holds that each tells the health, the suggested level
// and the red flags the one service path computes; and that `kam funnel`
// and the web's funnel page say the same coverage needed for every
// seller. (Before, the weights were fitted per reader's scope: a rep's
// sheet scored a deal with the defaults while `kam flags` used weights
// fitted to all of kam, and the web rounded 1.25× to 1.2×.)
func TestEverySurfaceTellsTheSameJudgement(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole demo on every surface")
	}
	ctx := context.Background()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "kam.db")
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(db, service.Options{Passwords: auth.CheapParams(), Logger: log})
	creds, err := demo.Load(ctx, svc, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(svc, server.Options{Logger: log, Web: web.New(svc, web.Options{Logger: log})}))
	defer srv.Close()

	users, _, err := svc.Users.List(ctx, kam.System, store.UserFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]kam.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	password := map[string]string{}
	for _, u := range creds.Users {
		password[u.Email] = u.Password
	}
	// One signed-in browser, one API token and one workbook per owner.
	type reader struct {
		web    *http.Client
		token  string
		health map[int64]string // from the workbook, by deal id
	}
	readers := map[int64]*reader{}
	readerOf := func(u kam.User) *reader {
		t.Helper()
		if r, ok := readers[u.ID]; ok {
			return r
		}
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.PostForm(srv.URL+"/signin", url.Values{"email": {u.Email}, "password": {password[u.Email]}})
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in as %s: %v %v", u.Email, resp.Status, err)
		}
		resp.Body.Close()
		secret, _, err := svc.CreateToken(ctx, kam.System, u.ID, "surfaces")
		if err != nil {
			t.Fatal(err)
		}
		r := &reader{web: c, token: secret, health: map[int64]string{}}
		out := filepath.Join(dir, fmt.Sprintf("book-%d.xlsx", u.ID))
		mustRun(t, "export", "--db="+dsn, "--xlsx", "--out="+out, "--as="+u.Email, "--lang=zh-CN")
		// The sheet's name and headers are bilingual; its health column reads 健康度.
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("商机 Opportunities")
		f.Close()
		if err != nil || len(rows) == 0 {
			t.Fatalf("%s's workbook: %v", u.Email, err)
		}
		col := -1
		for i, h := range rows[0] {
			if strings.Contains(h, "健康度") {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("the workbook has no health column: %q", rows[0])
		}
		for _, row := range rows[1:] {
			var id int64
			if _, err := fmt.Sscan(row[0], &id); err == nil && col < len(row) {
				r.health[id] = row[col]
			}
		}
		readers[u.ID] = r
		return r
	}
	get := func(c *http.Client, path string) string {
		t.Helper()
		resp, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, resp.Status)
		}
		return string(b)
	}
	score := regexp.MustCompile(`(\d+)/100`)
	scoreIn := func(s string) string {
		if m := score.FindStringSubmatch(s); m != nil {
			return m[1]
		}
		return "none"
	}

	var ids []int64
	after := int64(0)
	for {
		page, next, err := svc.Opportunities.List(ctx, kam.System, store.OpportunityFilter{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page {
			ids = append(ids, o.ID)
		}
		if next == 0 {
			break
		}
		after = next
	}
	if len(ids) < 20 {
		t.Fatalf("the demo has %d deals", len(ids))
	}
	fitted := false
	for _, id := range ids {
		ref, err := svc.Strategy(ctx, kam.System, id)
		if err != nil {
			t.Fatal(err)
		}
		fitted = fitted || ref.Health.Weights == "fitted"
		owner := byID[ref.Opportunity.OwnerID]
		if owner.Disabled || password[owner.Email] == "" {
			continue
		}
		want := fmt.Sprint(ref.Health.Score)
		var titles []string
		for _, f := range ref.Findings {
			titles = append(titles, f.Title.In(kam.LocaleZH))
		}
		rd := readerOf(owner)
		path := "/opportunities/" + itoa(id)
		got := map[string]string{
			"sheet":    scoreIn(sectionAfter(get(rd.web, path), `id="h-health"`)),
			"print":    scoreIn(get(rd.web, path+"/print")),
			"markdown": scoreIn(get(rd.web, path+".md")),
			"workbook": rd.health[id],
		}
		flags := mustRun(t, "flags", itoa(id), "--db="+dsn, "--lang=zh-CN")
		got["kam flags"] = scoreIn(flags)
		req, _ := http.NewRequest("GET", srv.URL+"/api/v1/opportunities/"+itoa(id), nil)
		req.Header.Set("Authorization", "Bearer "+rd.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Health struct {
				Score int `json:"score"`
			} `json:"health"`
			SuggestedLevel kam.FunnelLevel `json:"suggested_level"`
			Findings       []struct {
				Rule string `json:"rule"`
			} `json:"findings"`
		}
		err = json.NewDecoder(resp.Body).Decode(&v)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		got["api"] = fmt.Sprint(v.Health.Score)
		for surface, h := range got {
			if h != want {
				t.Errorf("deal %d (%s, owner %s): %s says health %s, the service %s", id, ref.Opportunity.Name, owner.Email, surface, h, want)
			}
		}
		if v.SuggestedLevel != ref.SuggestedLevel || len(v.Findings) != len(ref.Findings) {
			t.Errorf("deal %d: the API suggests %s with %d red flags, the service %s with %d", id, v.SuggestedLevel, len(v.Findings), ref.SuggestedLevel, len(ref.Findings))
		}
		if !strings.Contains(flags, kam.Label(ref.SuggestedLevel).In(kam.LocaleZH)) || strings.Contains(flags, string(kam.LevelBestFew)) {
			t.Errorf("deal %d: kam flags does not suggest %s by its label:\n%s", id, ref.SuggestedLevel, flags)
		}
		for _, title := range titles {
			if !strings.Contains(flags, title) {
				t.Errorf("deal %d: kam flags does not name the red flag %q", id, title)
			}
		}
		if md := get(rd.web, path+".md"); !strings.Contains(md, kam.Label(ref.SuggestedLevel).In(owner.Locale)) {
			t.Errorf("deal %d: the Markdown copy does not suggest %s", id, ref.SuggestedLevel)
		}
	}
	if !fitted {
		t.Error("the demo's health is never fitted: the test cannot tell fitted weights from defaults")
	}

	// Coverage needed: `kam funnel` and the funnel page say the same figure.
	needed := regexp.MustCompile(`(?:需要|needed) ([0-9.]+×)`)
	for _, u := range users {
		if u.Role != kam.RoleRep || password[u.Email] == "" {
			continue
		}
		cli := needed.FindStringSubmatch(mustRun(t, "funnel", "--db="+dsn, "--owner="+u.Email, "--lang="+string(u.Locale)))
		page := get(readerOf(u).web, "/funnel?owner="+itoa(u.ID))
		if cli == nil {
			t.Errorf("%s: kam funnel names no coverage needed", u.Email)
			continue
		}
		if !strings.Contains(page, "<small>/ "+map[kam.Locale]string{kam.LocaleZH: "需要", kam.LocaleEN: "needed"}[u.Locale]+" "+cli[1]+"</small>") {
			t.Errorf("%s: kam funnel needs %s; the funnel page says otherwise", u.Email, cli[1])
		}
	}
}

// sectionAfter is s from the first occurrence of marker on (all of s
// when it is absent).
func sectionAfter(s, marker string) string {
	if i := strings.Index(s, marker); i >= 0 {
		return s[i:]
	}
	return s
}
