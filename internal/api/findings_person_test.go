package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestFindingsNameThePerson: a finding about a buying influence carries
// the contact's id and name, so a client needs no join; and a contact's id
// where a buying influence's is expected is refused naming the kind
// expected.
func TestFindingsNameThePerson(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqliteDB(t))
	w := f.do(request{method: "GET", path: Prefix + "/opportunities/{opp}/findings", as: "r1a"})
	if w.Code != http.StatusOK {
		t.Fatalf("findings: %d %s", w.Code, w.Body)
	}
	var got struct {
		Items []struct {
			Rule        string `json:"rule"`
			InfluenceID int64  `json:"influence_id"`
			ContactID   int64  `json:"contact_id"`
			ContactName string `json:"contact_name"`
		} `json:"items"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	byInfluence := map[int64][2]any{
		f.buyerCoach.ID: {f.coach.ID, f.coach.Name},
		f.buyerEcon.ID:  {f.econ.ID, f.econ.Name},
	}
	about := 0
	for _, fd := range got.Items {
		if fd.InfluenceID == 0 {
			if fd.ContactID != 0 || fd.ContactName != "" {
				t.Errorf("%s about the deal names contact %d %q", fd.Rule, fd.ContactID, fd.ContactName)
			}
			continue
		}
		about++
		want, ok := byInfluence[fd.InfluenceID]
		if !ok {
			t.Errorf("%s about unknown influence %d", fd.Rule, fd.InfluenceID)
			continue
		}
		if fd.ContactID != want[0].(int64) || fd.ContactName != want[1].(string) {
			t.Errorf("%s about influence %d: contact %d %q, want %v", fd.Rule, fd.InfluenceID, fd.ContactID, fd.ContactName, want)
		}
	}
	if about == 0 {
		t.Fatalf("the fixture's deal has no finding about a buyer: %s", w.Body)
	}

	// A contact of the deal's account whose id no buying influence has.
	var contactID int64
	for _, c := range []int64{f.coach.ID, f.econ.ID, f.tech.ID} {
		if _, taken := byInfluence[c]; !taken {
			contactID = c
		}
	}
	if contactID == 0 {
		t.Fatal("every contact id of the fixture is also a buying influence's")
	}
	w = f.do(request{method: "POST", path: Prefix + "/actions", as: "r1a",
		body: `{"opportunity_id":{opp},"title":"拜访","target_influence_id":` + itoa(contactID) + `}`})
	var p problem
	_ = json.Unmarshal(w.Body.Bytes(), &p)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(p.Errors["target_influence_id"], "购买影响者") {
		t.Errorf("a contact id as target_influence_id: %d %s, want 422 naming a buying influence", w.Code, w.Body)
	}
}
