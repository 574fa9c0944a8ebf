package kam

import (
	"testing"
	"time"
)

// TestListFieldsAreCappedAndListEachEntryOnce: 10,922 copies of one
// contact were once stored on one action; a list over MaxListItems, or an
// entry listed twice, is refused naming the field (or the element).
func TestListFieldsAreCappedAndListEachEntryOnce(t *testing.T) {
	t.Parallel()
	many := make([]int64, MaxListItems+1)
	for i := range many {
		many[i] = int64(i + 1)
	}
	cases := []struct {
		name  string
		err   error
		field string
	}{
		{"too many participants", (&Action{OpportunityID: 1, Title: "拜访", ParticipantIDs: many}).Validate(), "participant_ids"},
		{"a participant twice", (&Action{OpportunityID: 1, Title: "拜访", ParticipantIDs: []int64{7, 8, 7}}).Validate(), "participant_ids[2]"},
		{"a rule twice", (&Action{OpportunityID: 1, Title: "拜访", AddressesRules: []string{"no-coach", "no-coach"}}).Validate(), "addresses_rules[1]"},
		{"too many users", (&Interaction{OpportunityID: 1, Kind: InteractionCall, At: time.Now(), UserIDs: many}).Validate(), "user_ids"},
		{"a user twice", (&Interaction{OpportunityID: 1, Kind: InteractionCall, At: time.Now(), UserIDs: []int64{3, 3}}).Validate(), "user_ids[1]"},
		{"junk roles", (&BuyingInfluence{OpportunityID: 1, ContactID: 2, Roles: []BuyingRole{"a", "b", "c", "d", "e"}}).Validate(), "roles"},
	}
	for _, c := range cases {
		if !hasFieldErr(c.err, c.field) {
			t.Errorf("%s: %v, want an error on %s", c.name, c.err, c.field)
		}
	}
	ok := (&Action{OpportunityID: 1, Title: "拜访", ParticipantIDs: many[:MaxListItems]}).Validate()
	if ok != nil {
		t.Errorf("%d distinct participants: %v", MaxListItems, ok)
	}
}
