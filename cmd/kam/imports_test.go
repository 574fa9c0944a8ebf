package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The module's dependency rule (docs/architecture.md), checked on what the
// packages' non-test code imports: the domain takes the standard library
// only, the method and the drawings the domain only, the store and the
// service no HTTP code, the handlers no SQL.
//
// For each package of the table:
//   - may: the module's packages its code may depend on, directly or
//     through others (nil: any);
//   - stdlibOnly: outside the module, the standard library only;
//   - never: packages (import path prefixes) none of its dependencies,
//     direct or indirect, may be;
//   - notImport: packages (prefixes) it may not import itself: SQL for
//     the HTTP packages (and the notifier, which speaks HTTP only), which reach the database through the service
//     (the store is below them, so its drivers are among their
//     dependencies; kam's types implement database/sql/driver's
//     interfaces, so that package is below everything).
//
// Every package of the module, in the table or not, keeps the test helpers
// (testkit, storetest) out of its non-test code.
var importRules = []struct {
	pkg        string
	may        []string
	stdlibOnly bool
	never      []string
	notImport  []string
}{
	{pkg: "internal/kam", may: []string{}, stdlibOnly: true},
	// Leaves of the standard library only, usable from any layer: the
	// iCalendar writer, the request's record (the store counts statements
	// into it).
	{pkg: "internal/ics", may: []string{}, stdlibOnly: true},
	{pkg: "internal/reqinfo", may: []string{}, stdlibOnly: true},
	{pkg: "internal/method", may: []string{"internal/kam"}, stdlibOnly: true},
	// The conversation's pure logic (SPIN drafting, debrief proposals,
	// review snapshots and their changes) reads the domain only.
	{pkg: "internal/loop", may: []string{"internal/kam"}, stdlibOnly: true},
	{pkg: "internal/draw", may: []string{"internal/kam"}, stdlibOnly: true},
	{pkg: "internal/store", may: []string{"internal/kam", "internal/reqinfo"}, never: httpCode},
	{pkg: "internal/auth", may: []string{"internal/kam"}, never: httpCode},
	{pkg: "internal/service", may: serviceLayer, never: httpCode},
	// The workbook library links net/http (to sniff image types): the
	// transfer may not import it, nor depend on the module's HTTP code.
	{pkg: "internal/transfer", may: slices.Concat(serviceLayer, []string{"internal/service"}), never: httpCode[1:], notImport: httpCode},
	{pkg: "internal/demo", may: slices.Concat(serviceLayer, []string{"internal/service"}), never: httpCode},
	{pkg: "internal/notify", may: []string{"internal/kam"}, notImport: sqlCode},
	{pkg: "internal/push", may: slices.Concat(serviceLayer, []string{"internal/service", "internal/notify"}), notImport: sqlCode},
	{pkg: "internal/httpedge", may: []string{"internal/kam", "internal/auth"}, notImport: sqlCode},
	{pkg: "internal/api", notImport: sqlCode},
	{pkg: "internal/web", notImport: sqlCode},
	{pkg: "internal/server", notImport: sqlCode},
}

// serviceLayer is what the service may depend on: the domain and its
// leaves, the method and the conversation's logic, the store and the
// credentials.
var serviceLayer = []string{"internal/kam", "internal/ics", "internal/reqinfo", "internal/method", "internal/loop", "internal/store", "internal/auth"}

// httpCode is what the store and the layers below the front ends never
// link: net/http and the module's HTTP packages.
var httpCode = []string{"net/http", "kam/internal/httpedge", "kam/internal/api", "kam/internal/web", "kam/internal/server"}

// sqlCode is the database: database/sql and the drivers.
var sqlCode = []string{"database/sql", "modernc.org/sqlite", "github.com/jackc/pgx"}

// testHelpers are imported by tests only.
var testHelpers = []string{"kam/internal/testkit", "kam/internal/storetest"}

// listed is what go list says of one package.
type listed struct {
	ImportPath string
	Standard   bool
	Module     *struct{ Path string }
	Imports    []string
	Deps       []string
}

// listPackages runs go list over the module and every dependency.
func listPackages(t *testing.T) map[string]listed {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Standard,Module,Imports,Deps", "kam/...")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]listed{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

// report fails the test with what breaks a rule, the first few by name.
func report(t *testing.T, what string, paths []string, rule string) {
	t.Helper()
	if len(paths) == 0 {
		return
	}
	more := ""
	if len(paths) > 4 {
		more = fmt.Sprintf(" (+%d more)", len(paths)-4)
		paths = paths[:4]
	}
	t.Errorf("%s %s%s: %s", what, strings.Join(paths, ", "), more, rule)
}

func hasPrefix(path string, prefixes []string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return path == p || strings.HasPrefix(path, p+"/") })
}

func TestImportRules(t *testing.T) {
	t.Parallel()
	pkgs := listPackages(t)
	inModule := func(p listed) bool { return p.Module != nil && p.Module.Path == "kam" }
	for _, rule := range importRules {
		p, ok := pkgs["kam/"+rule.pkg]
		if !ok {
			t.Errorf("%s: no such package; the table is out of date", rule.pkg)
			continue
		}
		var outside, foreign, banned, imported []string
		for _, d := range p.Deps {
			dep := pkgs[d]
			switch {
			case inModule(dep) && rule.may != nil && !slices.Contains(rule.may, strings.TrimPrefix(d, "kam/")):
				outside = append(outside, d)
			case !inModule(dep) && rule.stdlibOnly && !dep.Standard:
				foreign = append(foreign, d)
			case hasPrefix(d, rule.never):
				banned = append(banned, d)
			}
		}
		for _, d := range p.Imports {
			if hasPrefix(d, rule.notImport) {
				imported = append(imported, d)
			}
		}
		report(t, rule.pkg+" depends on", outside, fmt.Sprintf("it may depend on %v only", rule.may))
		report(t, rule.pkg+" depends on", foreign, "it may use the standard library only")
		report(t, rule.pkg+" depends on", banned, "no HTTP code below the front ends")
		report(t, rule.pkg+" imports", imported, "it may not import them")
	}
	n := 0
	for _, p := range pkgs {
		if !inModule(p) {
			continue
		}
		n++
		if hasPrefix(p.ImportPath, testHelpers) {
			continue
		}
		for _, d := range p.Deps {
			if hasPrefix(d, testHelpers) {
				t.Errorf("%s depends on %s, which only tests may import", p.ImportPath, d)
			}
		}
	}
	if n < len(importRules) {
		t.Fatalf("go list found %d of the module's packages, fewer than the table's %d", n, len(importRules))
	}
}
