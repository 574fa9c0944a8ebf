package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/demo"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
	"kam/internal/transfer"
)

// loadDemo fills a new SQLite database at dsn with the demo, an accepted red
// flag and a disabled user, and returns when it is closed again.
func loadDemo(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	fillDemo(t, db)
}

func fillDemo(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	svc := service.New(db, service.Options{Passwords: auth.CheapParams()})
	if _, err := demo.Load(ctx, svc, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	// An accepted red flag, so that the round trip carries one.
	opps, _, err := svc.Opportunities.List(ctx, kam.System, store.OpportunityFilter{Level: kam.LevelIn})
	if err != nil || len(opps) == 0 {
		t.Fatalf("demo opportunities: %v", err)
	}
	accepted := false
	for _, o := range opps {
		fs, err := svc.Findings(ctx, kam.System, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Accepted == nil && strings.HasPrefix(f.Subject, "influence:") {
				if _, err := svc.AcceptFinding(ctx, kam.System, o.ID, f.Rule, f.Subject, "接受：已与客户确认"); err != nil {
					t.Fatal(err)
				}
				accepted = true
				break
			}
		}
		if accepted {
			break
		}
	}
	if !accepted {
		t.Fatal("the demo has no open red flag about a buyer to accept")
	}
	// A disabled user who owns nothing.
	u, err := svc.Users.Create(ctx, kam.System, kam.User{Email: "left@example.com", Name: "已离职 Former rep", Role: kam.RoleRep})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Users.Update(ctx, kam.System, u.ID, u.Version, func(x *kam.User) error { x.Disabled = true; return nil }); err != nil {
		t.Fatal(err)
	}
}

// isSkipped reports whether err is an import that skipped records.
func isSkipped(err error) bool { return errors.Is(err, transfer.ErrSkipped) }

// export is a parsed kam-export document: its header and its sections.
type export struct {
	head     map[string]any
	sections map[string][]map[string]any
}

func readExport(t *testing.T, path string) export {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s is not JSON: %v", path, err)
	}
	e := export{head: map[string]any{}, sections: map[string][]map[string]any{}}
	for k, v := range raw {
		if slices.Contains(transfer.Kinds, k) {
			var recs []map[string]any
			if err := json.Unmarshal(v, &recs); err != nil {
				t.Fatalf("section %s: %v", k, err)
			}
			e.sections[k] = recs
			continue
		}
		var x any
		_ = json.Unmarshal(v, &x)
		e.head[k] = x
	}
	return e
}

// refs names, per section, the fields that refer to other records and the
// section they refer to; "[]" marks a list of ids, "a[].b" a field of each
// element of list a.
var refs = map[string]map[string]string{
	transfer.KindUsers:            {"team_id": transfer.KindTeams},
	transfer.KindTeams:            {"manager_id": transfer.KindUsers},
	transfer.KindAccounts:         {"parent_id": transfer.KindAccounts, "owner_id": transfer.KindUsers, "shares[].team_id": transfer.KindTeams, "ratings[].criterion_id": transfer.KindCriteria},
	transfer.KindAccountRelations: {"from_account_id": transfer.KindAccounts, "to_account_id": transfer.KindAccounts},
	transfer.KindOrgUnits:         {"account_id": transfer.KindAccounts, "parent_id": transfer.KindOrgUnits},
	transfer.KindContacts:         {"account_id": transfer.KindAccounts, "org_unit_id": transfer.KindOrgUnits, "reports_to_id": transfer.KindContacts},
	transfer.KindContactLinks:     {"from_contact_id": transfer.KindContacts, "to_contact_id": transfer.KindContacts},
	transfer.KindOpportunities:    {"account_id": transfer.KindAccounts, "owner_id": transfer.KindUsers},
	transfer.KindBuyingInfluences: {"opportunity_id": transfer.KindOpportunities, "contact_id": transfer.KindContacts, "counterpart_id": transfer.KindUsers},
	transfer.KindSWOTItems:        {"opportunity_id": transfer.KindOpportunities},
	transfer.KindActions:          {"opportunity_id": transfer.KindOpportunities, "owner_id": transfer.KindUsers, "target_influence_id": transfer.KindBuyingInfluences, "participant_ids[]": transfer.KindContacts, "strength_id": transfer.KindSWOTItems},
	transfer.KindInteractions:     {"opportunity_id": transfer.KindOpportunities, "user_ids[]": transfer.KindUsers, "feedback[].contact_id": transfer.KindContacts},
	transfer.KindQuotas:           {"user_id": transfer.KindUsers, "team_id": transfer.KindTeams},
	transfer.KindAcceptedFindings: {"opportunity_id": transfer.KindOpportunities},
	transfer.KindCallPlans:        {"opportunity_id": transfer.KindOpportunities, "interaction_id": transfer.KindInteractions, "user_ids[]": transfer.KindUsers, "attendees[].contact_id": transfer.KindContacts},
	transfer.KindNeeds:            {"opportunity_id": transfer.KindOpportunities, "contact_id": transfer.KindContacts, "interaction_id": transfer.KindInteractions},
	transfer.KindVITOPlans:        {"opportunity_id": transfer.KindOpportunities, "contact_id": transfer.KindContacts, "referral_path[]": transfer.KindContacts},
	transfer.KindReviews:          {"opportunity_id": transfer.KindOpportunities, "manager_id": transfer.KindUsers, "seller_id": transfer.KindUsers},
}

// snapshotRefs are the references inside a review's snapshot.
var snapshotRefs = map[string]map[string]string{
	"buyers":  {"influence_id": transfer.KindBuyingInfluences, "contact_id": transfer.KindContacts},
	"actions": {"id": transfer.KindActions},
	"needs":   {"id": transfer.KindNeeds, "contact_id": transfer.KindContacts},
}

// notKept are the fields an import does not carry (documented in
// docs/import-export.md): the import is the one writing.
var notKept = map[string][]string{
	"*":                           {"version", "updated_at"},
	transfer.KindAcceptedFindings: {"id", "fingerprint", "by_user_id"},
}

// normalise rewrites rec's id and references through mapID and drops what
// an import does not keep.
func normalise(kind string, rec map[string]any, mapID func(kind string, id int64) int64) map[string]any {
	out := map[string]any{}
	for k, v := range rec {
		out[k] = v
	}
	for _, f := range append(notKept["*"], notKept[kind]...) {
		delete(out, f)
	}
	num := func(v any) int64 { f, _ := v.(float64); return int64(f) }
	if id, ok := out["id"]; ok {
		out["id"] = float64(mapID(kind, num(id)))
	}
	for field, target := range refs[kind] {
		switch {
		case strings.HasSuffix(field, "[]"):
			list, _ := out[strings.TrimSuffix(field, "[]")].([]any)
			for i, v := range list {
				list[i] = float64(mapID(target, num(v)))
			}
		case strings.Contains(field, "[]."):
			list, sub, _ := strings.Cut(field, "[].")
			elems, _ := out[list].([]any)
			for _, e := range elems {
				m := e.(map[string]any)
				if v, ok := m[sub]; ok {
					m[sub] = float64(mapID(target, num(v)))
				}
			}
		default:
			if v, ok := out[field]; ok {
				out[field] = float64(mapID(target, num(v)))
			}
		}
	}
	if snap, ok := out["snapshot"].(map[string]any); ok {
		for list, fields := range snapshotRefs {
			elems, _ := snap[list].([]any)
			for _, e := range elems {
				m := e.(map[string]any)
				for f, target := range fields {
					if v, ok := m[f]; ok {
						m[f] = float64(mapID(target, num(v)))
					}
				}
			}
		}
		findings, _ := snap["findings"].([]any)
		for _, e := range findings {
			m := e.(map[string]any)
			if s, ok := m["subject"].(string); ok {
				if old, found := strings.CutPrefix(s, "influence:"); found {
					id, _ := strconv.ParseInt(old, 10, 64)
					m["subject"] = fmt.Sprintf("influence:%d", mapID(transfer.KindBuyingInfluences, id))
				}
			}
		}
	}
	if hist, ok := out["level_history"].([]any); ok {
		for _, h := range hist {
			delete(h.(map[string]any), "by_user_id")
		}
	}
	if s, ok := out["subject"].(string); ok {
		if old, found := strings.CutPrefix(s, "influence:"); found {
			id, _ := strconv.ParseInt(old, 10, 64)
			out["subject"] = fmt.Sprintf("influence:%d", mapID(transfer.KindBuyingInfluences, id))
		}
	}
	return out
}

// compareExports checks that b holds exactly a's records with new ids: the
// i-th smallest id of a section in a maps to the i-th smallest in b (both
// imports create records in id order, parents being older than children),
// and with every reference so translated, every record is equal.
func compareExports(t *testing.T, a, b export) {
	t.Helper()
	ids := map[string]map[int64]int64{}
	for _, k := range transfer.Kinds {
		ra, rb := a.sections[k], b.sections[k]
		if len(ra) != len(rb) {
			t.Errorf("%s: %d records exported, %d after the round trip", k, len(ra), len(rb))
			continue
		}
		ids[k] = map[int64]int64{}
		for i := range ra {
			ida, _ := ra[i]["id"].(float64)
			idb, _ := rb[i]["id"].(float64)
			ids[k][int64(ida)] = int64(idb)
		}
	}
	if t.Failed() {
		return
	}
	mapID := func(kind string, id int64) int64 {
		if id == 0 {
			return 0
		}
		n, ok := ids[kind][id]
		if !ok {
			t.Errorf("a reference to %s %d, which is not exported", kind, id)
		}
		return n
	}
	same := func(_ string, id int64) int64 { return id }
	for _, k := range transfer.Kinds {
		// Accepted findings are exported by opportunity; their own ids are
		// not kept, so they are matched by position.
		for i := range a.sections[k] {
			want := normalise(k, a.sections[k][i], mapID)
			got := normalise(k, b.sections[k][i], same)
			if k == transfer.KindAcceptedFindings {
				delete(want, "id")
				delete(got, "id")
			}
			if !reflect.DeepEqual(want, got) {
				wj, _ := json.Marshal(want)
				gj, _ := json.Marshal(got)
				t.Errorf("%s record %d differs after the round trip:\nwant %s\ngot  %s", k, i, wj, gj)
			}
		}
	}
	if a.head["format"] != "kam-export" || a.head["version"] != float64(1) {
		t.Errorf("header: %v", a.head)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
	loadDemo(t, src)

	out := mustRun(t, "export", "--db="+src, "--out="+first)
	if !strings.Contains(out, "exported") {
		t.Fatalf("export: %s", out)
	}
	if _, err := kamRun(t, "export", "--db="+src, "--out="+first); err == nil {
		t.Fatal("export over an existing file: want an error")
	}
	out = mustRun(t, "import", "--db="+dst, "--in="+first, "--lang=en")
	if !strings.Contains(out, "Import summary") {
		t.Fatalf("import: %s", out)
	}
	mustRun(t, "export", "--db="+dst, "--out="+second)

	a, b := readExport(t, first), readExport(t, second)
	for _, k := range []string{transfer.KindUsers, transfer.KindTeams, transfer.KindAccounts, transfer.KindContacts,
		transfer.KindOpportunities, transfer.KindBuyingInfluences, transfer.KindActions, transfer.KindInteractions,
		transfer.KindQuotas, transfer.KindCriteria, transfer.KindAcceptedFindings, transfer.KindOrgUnits,
		transfer.KindCallPlans, transfer.KindNeeds, transfer.KindVITOPlans, transfer.KindReviews} {
		if len(a.sections[k]) == 0 {
			t.Errorf("the demo export has no %s: the round trip would prove nothing about them", k)
		}
	}
	for _, u := range a.sections[transfer.KindUsers] {
		if _, ok := u["password_hash"]; ok {
			t.Fatalf("a user's password hash was exported without --with-password-hashes: %v", u)
		}
	}
	compareExports(t, a, b)
}

func TestExportWithPasswordHashesKeepsPasswords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, dst, file := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db"), filepath.Join(dir, "e.json")
	mustRun(t, "user", "add", "--db="+src, "--email=boss@example.com", "--name=Boss", "--role=admin", "--password=correct horse battery")
	mustRun(t, "export", "--db="+src, "--out="+file, "--with-password-hashes")
	mustRun(t, "import", "--db="+dst, "--in="+file)

	ctx := context.Background()
	svc, closeDB := openTestService(t, dst, service.Options{})
	defer closeDB()
	if _, err := svc.Authenticator(nil).SignIn(ctx, "boss@example.com", "correct horse battery", ""); err != nil {
		t.Fatalf("sign in after import with hashes: %v", err)
	}
}

// badFile is an export whose records break the rules in three ways, with
// good records around them.
const badFile = `{"format":"kam-export","version":1,"exported_at":"2026-11-20T09:00:00Z","password_hashes":false,
"criteria":[],
"teams":[{"id":3,"name":"华东 East","manager_id":7}],
"users":[{"id":7,"email":"wang@example.com","name":"王经理","role":"manager","team_id":3,"locale":"zh-CN"},
         {"id":8,"email":"li@example.com","name":"李强","role":"rep","team_id":3,"locale":"zh-CN"}],
"accounts":[{"id":21,"name":"华远子公司","owner_id":8,"parent_id":20,"shares":[],"ratings":[]},
            {"id":20,"name":"华远集团","owner_id":8,"shares":[{"team_id":3,"access":"read"}],"ratings":[]}],
"account_relations":[],
"org_units":[],
"contacts":[{"id":100,"account_id":20,"name":"张总","seniority":"executive","status":"active"},
            {"id":101,"account_id":20,"name":"赵处长","seniority":"middle","status":"active","reports_to_id":100},
            {"id":102,"account_id":999,"name":"孤儿 Orphan","seniority":"junior","status":"active"},
            {"id":103,"account_id":20,"name":"甲","seniority":"junior","status":"active","reports_to_id":104},
            {"id":104,"account_id":20,"name":"乙","seniority":"junior","status":"active","reports_to_id":103},
            {"id":105,"account_id":20,"name":"丙 under the cycle","seniority":"junior","status":"active","reports_to_id":103}],
"contact_links":[{"id":1,"from_contact_id":100,"to_contact_id":101,"kind":"influences"},
                 {"id":2,"from_contact_id":100,"to_contact_id":104,"kind":"influences"}],
"opportunities":[{"id":50,"account_id":20,"name":"一体化办公 二期","amount":1000000,"currency":"CNY","level":"in","owner_id":8,
   "level_history":[{"from":"","to":"above","at":"2026-09-01T02:00:00Z"},{"from":"above","to":"in","at":"2026-10-01T02:00:00Z"}]},
   {"id":51,"account_id":21,"name":"子公司项目","amount":1,"currency":"CNY","level":"above","owner_id":8,"level_history":[]}],
"buying_influences":[{"id":60,"opportunity_id":50,"contact_id":100,"roles":["economic"],"influence":"high","rating":4,"contact_level":"rare","mode":"growth"},
                     {"id":61,"opportunity_id":50,"contact_id":101,"roles":["coach"],"influence":"medium","rating":9,"contact_level":"frequent","mode":"trouble"},
                     {"id":62,"opportunity_id":50,"contact_id":102,"roles":["user"],"influence":"low","contact_level":"none","mode":"unknown"}],
"swot_items":[{"id":70,"opportunity_id":50,"kind":"strength","text":"本地服务团队"}],
"actions":[{"id":80,"opportunity_id":50,"title":"拜访张总","status":"open","target_influence_id":60,"participant_ids":[100],"addresses_rules":[],"strength_id":70},
           {"id":81,"opportunity_id":50,"title":"请赵处长引荐","status":"open","target_influence_id":61,"participant_ids":[],"addresses_rules":[]}],
"interactions":[],
"quotas":[{"id":90,"user_id":8,"period":"2026Q4","amount":3000000,"currency":"CNY"}],
"accepted_findings":[]}`

func TestImportSkipsBadRowsAndWhatDependsOnThem(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dst, file := filepath.Join(dir, "dst.db"), filepath.Join(dir, "bad.json")
	if err := os.WriteFile(file, []byte(badFile), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := kamRun(t, "import", "--db="+dst, "--in="+file, "--lang=en")
	if err == nil || !isSkipped(err) {
		t.Fatalf("import of a file with bad rows: want an error saying records were skipped, got %v\n%s", err, out)
	}
	for _, want := range []string{
		"buying_influences 61 rating:",                                              // a rating out of range
		"contacts 102 account_id: refers to accounts 999, which is not in the file", // a missing account
		"contacts 103 reports_to_id: is part of a cycle",                            // the cycle …
		"contacts 104 reports_to_id: is part of a cycle",
		"contacts 105 reports_to_id: depends on contacts 103, which was skipped", // … and who reports into it
		"contact_links 2 to_contact_id: depends on contacts 104, which was skipped",
		"buying_influences 62 contact_id: depends on contacts 102, which was skipped",
		"actions 81 target_influence_id: depends on buying_influences 61, which was skipped",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"teams                   1 / 0", "users                   2 / 0", "accounts                2 / 0",
		"account_shares          1 / 0", "contacts                2 / 4", "contact_links           1 / 1",
		"opportunities           2 / 0", "buying_influences       1 / 2", "swot_items              1 / 0",
		"actions                 1 / 1", "quotas                  1 / 0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}

	// What was imported is whole: the child account under its parent, the
	// team's manager, the deal's level history.
	ctx := context.Background()
	svc, closeDB := openTestService(t, dst, service.Options{})
	defer closeDB()
	accts, _, err := svc.Accounts.List(ctx, kam.System, store.AccountFilter{})
	if err != nil || len(accts) != 2 {
		t.Fatalf("accounts: %v %v", accts, err)
	}
	if accts[0].Name != "华远集团" || accts[1].ParentID != accts[0].ID {
		t.Errorf("the subsidiary was not imported under its group: %+v", accts)
	}
	teams, _, _ := svc.Teams.List(ctx, kam.System, store.TeamFilter{})
	users, _, _ := svc.Users.List(ctx, kam.System, store.UserFilter{})
	if len(teams) != 1 || len(users) != 2 || teams[0].ManagerID != users[0].ID {
		t.Errorf("the team's manager: %+v %+v", teams, users)
	}
	opps, _, _ := svc.Opportunities.List(ctx, kam.System, store.OpportunityFilter{})
	v, err := svc.Strategy(ctx, kam.System, opps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	h := v.LevelHistory
	if len(h) != 2 || h[1].To != kam.LevelIn || !h[1].At.Equal(time.Date(2026, 10, 1, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("level history: %+v", h)
	}
	if !opps[0].CreatedAt.Equal(time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("created_at: %v", opps[0].CreatedAt)
	}
}

func TestImportDryRunChangesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dst, file := filepath.Join(dir, "dst.db"), filepath.Join(dir, "bad.json")
	if err := os.WriteFile(file, []byte(badFile), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "migrate", "--db="+dst)
	out, err := kamRun(t, "import", "--db="+dst, "--in="+file, "--dry-run", "--lang=en")
	if !isSkipped(err) || !strings.Contains(out, "dry run") || !strings.Contains(out, "contacts 102 account_id") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if got := mustRun(t, "user", "list", "--db="+dst); strings.TrimSpace(got) != "" {
		t.Errorf("a dry run wrote users into the database: %q", got)
	}
}

func TestImportRefusesOtherFormats(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"another format":  `{"format":"other","version":1,"users":[]}`,
		"a later version": `{"format":"kam-export","version":2,"users":[]}`,
		"not JSON":        `name,title`,
	} {
		t.Run("refuses "+name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
			if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := kamRun(t, "import", "--db="+filepath.Join(dir, "x.db"), "--in="+file); err == nil || isSkipped(err) {
				t.Fatalf("want a refusal, got %v\n%s", err, out)
			}
		})
	}
}

func TestExportImportRoundTripOnPostgres(t *testing.T) {
	t.Parallel()
	src, dst := storetest.Postgres(t), storetest.Postgres(t)
	fillDemo(t, src)
	ctx := context.Background()
	dir := t.TempDir()
	write := func(db *store.DB, path string) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := transfer.Export(ctx, service.New(db, service.Options{}), f, transfer.ExportOptions{Now: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
	write(src, first)
	f, err := os.Open(first)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := transfer.Import(ctx, service.New(dst, service.Options{}), f)
	if err != nil || !rep.OK() {
		t.Fatalf("import: %v %+v", err, rep.Problems)
	}
	write(dst, second)
	compareExports(t, readExport(t, first), readExport(t, second))
}

func TestImportCSV(t *testing.T) {
	t.Parallel()
	dir, dsn, db := twoSellers(t)
	mine := seed(t, dsn, "li@example.com")
	theirs := seed(t, dsn, "liu@example.com")
	account := func(oppID int64) string { return strconv.FormatInt(accountOf(t, dsn, oppID), 10) }

	contacts := "\uFEFF姓名,职位,邮箱,电话,级别\n" +
		"张伟,采购总监,zhang@example.com,13800000000,高管\n" + // line 2: good
		",工程师,nobody@example.com,,中层\n" + // line 3: no name
		"李娜,IT经理,not-an-email,,middle\n" + // line 4: bad email
		"王芳,财务,wang@example.com,,大老板\n" + // line 5: no such seniority
		"\"赵六, 副总\",副总裁,zhao@example.com,,senior\n" // line 6: good, quoted comma
	file := filepath.Join(dir, "contacts.csv")
	if err := os.WriteFile(file, []byte(contacts), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("good rows are imported and bad rows reported by line and field", func(t *testing.T) {
		out, err := kamRun(t, "import", db, "--csv=contacts", "--in="+file, "--account="+account(mine), "--as=li@example.com", "--lang=en")
		if !isSkipped(err) {
			t.Fatalf("want skipped rows, got %v\n%s", err, out)
		}
		for _, want := range []string{"line 3 name:", "line 4 email: is not a valid email address", "line 5 seniority:", "contacts                2 / 3"} {
			if !strings.Contains(out, want) {
				t.Errorf("the report lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "line 2") || strings.Contains(out, "line 6") {
			t.Errorf("a good line was reported:\n%s", out)
		}
	})
	t.Run("the report speaks Chinese by default", func(t *testing.T) {
		out, _ := kamRun(t, "import", db, "--csv=contacts", "--in="+file, "--account="+account(mine), "--as=li@example.com")
		if !strings.Contains(out, "第 3 行 name") || !strings.Contains(out, "导入结果") {
			t.Errorf("Chinese report:\n%s", out)
		}
	})
	t.Run("another seller's account is out of scope", func(t *testing.T) {
		out, err := kamRun(t, "import", db, "--csv=contacts", "--in="+file, "--account="+account(theirs), "--as=li@example.com", "--lang=en")
		if !isSkipped(err) || !strings.Contains(out, "line 2 account_id: does not exist") || !strings.Contains(out, "contacts                0 / 5") {
			t.Errorf("out of scope: %v\n%s", err, out)
		}
	})
	t.Run("accounts with Chinese headers", func(t *testing.T) {
		sheet := "客户名称,行业,地区,员工数,年收入\n" +
			"瑞康医药,医药,上海,\"3,200\",1200000000\n" +
			"坏数字,制造,北京,很多,1\n"
		f := filepath.Join(dir, "accounts.csv")
		if err := os.WriteFile(f, []byte(sheet), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := kamRun(t, "import", db, "--csv=accounts", "--in="+f, "--as=li@example.com", "--lang=en")
		if !isSkipped(err) || !strings.Contains(out, "line 3 employees: is not a whole number") || !strings.Contains(out, "accounts                1 / 1") {
			t.Errorf("accounts: %v\n%s", err, out)
		}
	})
	t.Run("an unknown column stops before any row", func(t *testing.T) {
		f := filepath.Join(dir, "odd.csv")
		if err := os.WriteFile(f, []byte("姓名,爱好\n张三,钓鱼\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := kamRun(t, "import", db, "--csv=contacts", "--in="+f, "--account="+account(mine))
		if err == nil || isSkipped(err) || !strings.Contains(err.Error(), "爱好") {
			t.Errorf("unknown column: %v\n%s", err, out)
		}
	})
}
