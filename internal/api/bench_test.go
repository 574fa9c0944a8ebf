package api

import (
	"net/http"
	"testing"
)

// BenchmarkGetAccount measures one authenticated GET of a record through the
// whole handler: token lookup, scope check, JSON.
func BenchmarkGetAccount(b *testing.B) {
	f := newFixture(b, sqliteDB(b))
	rq := get(v1+"/accounts/{acct}", "r1a")
	b.ReportAllocs()
	for b.Loop() {
		if w := f.do(rq); w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkListContacts measures a page of 50 contacts.
func BenchmarkListContacts(b *testing.B) {
	f := newFixture(b, sqliteDB(b))
	for i := range 60 {
		if w := f.do(send("POST", v1+"/contacts", "r1a", `{"account_id":{acct},"name":"联系人`+itoa(int64(i))+`"}`)); w.Code != http.StatusCreated {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
	rq := get(v1+"/contacts?account_id={acct}&limit=50", "r1a")
	b.ReportAllocs()
	for b.Loop() {
		if w := f.do(rq); w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkPatchAccount measures a versioned update: read, apply, validate,
// write, audit, in one transaction.
func BenchmarkPatchAccount(b *testing.B) {
	f := newFixture(b, sqliteDB(b))
	version := int64(1)
	b.ReportAllocs()
	for b.Loop() {
		w := f.do(send("PATCH", v1+"/accounts/{acct}", "r1a", `{"version":`+itoa(version)+`,"employees":`+itoa(version)+`}`))
		if w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
		version++
	}
}
