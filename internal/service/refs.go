package service

import (
	"strings"

	"kam/internal/kam"
)

// refKinds names the kind of record (kam.RecordOf) each reference field
// holds the id of, so a missing (or unseen) one is refused naming the kind
// expected: a contact's id sent as target_influence_id is told that a
// buying influence's id belongs there, not a bare "does not exist".
var refKinds = map[string]string{
	"account_id":          "account",
	"from_account_id":     "account",
	"to_account_id":       "account",
	"contact_id":          "contact",
	"from_contact_id":     "contact",
	"to_contact_id":       "contact",
	"reports_to_id":       "contact",
	"participant_ids":     "contact",
	"org_unit_id":         "org_unit",
	"opportunity_id":      "opportunity",
	"target_influence_id": "buying_influence",
	"strength_id":         "swot_item",
	"criterion_id":        "criterion",
	"team_id":             "team",
	"manager_id":          "user",
	"owner_id":            "user",
	"counterpart_id":      "user",
	"user_id":             "user",
	"user_ids":            "user",
}

// msgNoSuch is the problem of a reference field whose record does not
// exist or is outside the actor's scope, naming the kind expected.
func msgNoSuch(field string) kam.Text {
	name, _, _ := strings.Cut(field, "[")
	kind, ok := kam.RecordOf(refKinds[name])
	if !ok {
		return msgNotExist
	}
	article := "a "
	if strings.ContainsRune("aeio", rune(kind.One[0])) {
		article = "an "
	}
	return kam.T(msgNotExist.EN+": the id of "+article+kind.One+" is expected here",
		msgNotExist.ZH+"：此处应填写"+kind.ZH+"的编号")
}
