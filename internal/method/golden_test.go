package method

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"testing"

	"kam/internal/kam"
)

// goldenFindingsSHA256 is the SHA-256 of the JSON of every finding of
// goldenPictures, one JSON array per picture, each followed by a newline.
// It pins the Finding's JSON byte for byte: texts, fingerprints, order,
// candidates and acceptances. Set KAM_GOLDEN_OUT to a file name to write the
// JSON there when it changes.
const goldenFindingsSHA256 = "29ab8de3d935c6f454e47dff9bdb7ff062ba3c708db95cd256024f35ea6542cf"

// goldenPictures are the benchmark's messy and well-kept pictures, with
// names of their own, departed coaches and some accepted findings.
func goldenPictures() []*kam.OpportunityPicture {
	pics := append(benchPictures(1000), keptPictures(200)...)
	for k, p := range pics {
		for i := range p.Contacts {
			switch (k + i) % 5 {
			case 0:
				p.Contacts[i].Name = "" // spelt as #id
			case 1:
				p.Contacts[i].Name = "王" + strconv.Itoa(k) + "-" + strconv.Itoa(i)
			case 2:
				p.Contacts[i].Name = "Ms " + strconv.Itoa(i)
			}
			if (k+i)%37 == 0 {
				p.Contacts[i].Status = kam.ContactMoved
				p.Contacts[i].StatusDate = testToday.AddDays(-i)
			}
		}
		if k%3 == 0 {
			p.Opportunity.TenderPublishedOn = testToday.AddDays(-300)
			p.Account.ReorganisingSince = testToday.AddDays(-10)
		}
		if k%4 == 0 && len(p.Actions) > 0 {
			p.Actions[0].AddressesRules = []string{RuleNoEconomic, RuleNoCoach}
			p.Actions[0].ParticipantIDs = []int64{1001, 1002}
		}
		if k%11 == 0 {
			p.Opportunity.Product, p.Opportunity.Amount = "", 0
		}
		if k%13 == 0 {
			for i := range p.Influences {
				p.Influences[i].Rating = ptr(3)
			}
		}
		// The dotted lines, needs, call plans, outcomes and reviews the
		// newer rules read.
		if n := len(p.Contacts); n >= 4 {
			a, b, c := p.Contacts[k%n].ID, p.Contacts[(k+1)%n].ID, p.Contacts[(k+3)%n].ID
			kind := kam.LinkInfluences
			if k%2 == 1 {
				kind = kam.LinkConflictsWith
			}
			p.ContactLinks = append(p.ContactLinks,
				kam.ContactLink{Meta: kam.Meta{ID: 1}, FromContactID: a, ToContactID: b, Kind: kind},
				kam.ContactLink{Meta: kam.Meta{ID: 2}, FromContactID: c, ToContactID: a, Kind: kam.LinkInfluences})
			if k%5 == 0 {
				p.Contacts = append(p.Contacts, kam.Contact{Meta: kam.Meta{ID: 5000 + int64(k)}, Name: "外" + strconv.Itoa(k), Status: kam.ContactActive})
				p.ContactLinks = append(p.ContactLinks, kam.ContactLink{Meta: kam.Meta{ID: 3}, FromContactID: 5000 + int64(k), ToContactID: b, Kind: kam.LinkInfluences})
			}
			if k%6 == 0 {
				p.Contacts[(k+2)%n].ReportsToID = a
			}
		}
		if len(p.Influences) > 1 {
			if k%4 == 1 {
				p.Influences[1].CompetitorCoach = true
			}
			c0, c1 := p.Influences[0].ContactID, p.Influences[1].ContactID
			if k%3 != 2 {
				p.Needs = append(p.Needs, kam.Need{Meta: kam.Meta{ID: 1}, ContactID: c0, Kind: kam.NeedKinds[k%2], LinkedToResult: k%4 == 0})
			}
			if k%5 < 2 {
				p.Needs = append(p.Needs, kam.Need{Meta: kam.Meta{ID: 2}, ContactID: c1, Kind: kam.NeedExplicit})
			}
			if k%3 == 1 {
				plan := kam.CallPlan{Meta: kam.Meta{ID: 1}, At: testNow.AddDate(0, 0, k%9),
					Attendees: []kam.CallAttendee{{ContactID: c0}, {ContactID: c1}}, BestCommitment: "pilot"}
				if k%2 == 0 {
					plan.MinimumCommitment = "a second visit"
				}
				p.CallPlans = append(p.CallPlans, plan)
			}
			for j := range p.Interactions {
				p.Interactions[j].Outcome = kam.Outcomes[(k+j)%len(kam.Outcomes)]
			}
		}
		if k%8 < 5 {
			p.LastReviewAt = ptr(testNow.AddDate(0, 0, -k%60))
		}
		if k%17 == 0 {
			p.Opportunity.Product = "MES 及相关服务"
		}
		if k%7 == 0 {
			fs := Evaluate(p, DefaultSettings(), testNow)
			for j, f := range fs {
				if j%3 == 0 {
					p.Accepted = append(p.Accepted, kam.AcceptedFinding{ID: int64(j + 1), OpportunityID: p.Opportunity.ID,
						RuleID: f.Rule, Subject: f.Subject, Fingerprint: f.Fingerprint, Note: "ok"})
				}
			}
		}
	}
	return pics
}

func TestFindingsGolden(t *testing.T) {
	var all []byte
	for _, p := range goldenPictures() {
		b, err := json.Marshal(Evaluate(p, DefaultSettings(), testNow))
		if err != nil {
			t.Fatal(err)
		}
		all = append(append(all, b...), '\n')
	}
	sum := sha256.Sum256(all)
	got := hex.EncodeToString(sum[:])
	if got != goldenFindingsSHA256 {
		if name := os.Getenv("KAM_GOLDEN_OUT"); name != "" {
			if err := os.WriteFile(name, all, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Errorf("findings JSON changed: sha256 %s, want %s (set KAM_GOLDEN_OUT to write it out)", got, goldenFindingsSHA256)
	}
}

// TestEvaluatorMatchesEvaluate checks that one Evaluator, reused over every
// golden picture, returns exactly the findings of Evaluate, and that the
// findings copied out of one call are left intact by the next.
func TestEvaluatorMatchesEvaluate(t *testing.T) {
	var e Evaluator
	var prev []Finding
	var prevJSON []byte
	for k, p := range goldenPictures() {
		want, err := json.Marshal(Evaluate(p, DefaultSettings(), testNow))
		if err != nil {
			t.Fatal(err)
		}
		fs := e.Evaluate(p, DefaultSettings(), testNow)
		got, err := json.Marshal(fs)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("picture %d: Evaluator gives\n%s\nwant\n%s", k, got, want)
		}
		if prev != nil {
			if b, _ := json.Marshal(prev); string(b) != string(prevJSON) {
				t.Fatalf("picture %d: findings copied from the previous call changed", k)
			}
		}
		prev = slices.Clone(fs)
		prevJSON = got
	}
}
