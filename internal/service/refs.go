package service

import (
	"strings"

	"kam/internal/kam"
)

// refKinds names the kind of record each reference field holds the id of,
// so a missing (or unseen) one is refused naming the kind expected: a
// contact's id sent as target_influence_id is told a buying influence's id
// belongs there, not a bare "does not exist".
var refKinds = map[string]kam.Text{
	"account_id":          kam.T("an account", "客户企业"),
	"from_account_id":     kam.T("an account", "客户企业"),
	"to_account_id":       kam.T("an account", "客户企业"),
	"contact_id":          kam.T("a contact", "联系人"),
	"from_contact_id":     kam.T("a contact", "联系人"),
	"to_contact_id":       kam.T("a contact", "联系人"),
	"reports_to_id":       kam.T("a contact", "联系人"),
	"participant_ids":     kam.T("a contact", "联系人"),
	"org_unit_id":         kam.T("a department", "部门"),
	"opportunity_id":      kam.T("an opportunity", "商机"),
	"target_influence_id": kam.T("a buying influence (not a contact)", "购买影响者（而非联系人）"),
	"strength_id":         kam.T("a SWOT strength", "SWOT 强项"),
	"criterion_id":        kam.T("a criterion", "客户评估标准"),
	"team_id":             kam.T("a team", "团队"),
	"manager_id":          kam.T("a user", "用户"),
	"owner_id":            kam.T("a user", "用户"),
	"counterpart_id":      kam.T("a user", "用户"),
	"user_id":             kam.T("a user", "用户"),
	"user_ids":            kam.T("a user", "用户"),
}

// msgNoSuch is the problem of a reference field whose record does not
// exist or is outside the actor's scope, naming the kind expected.
func msgNoSuch(field string) kam.Text {
	name, _, _ := strings.Cut(field, "[")
	kind, ok := refKinds[name]
	if !ok {
		return msgNotExist
	}
	return kam.T(msgNotExist.EN+": the id of "+kind.EN+" is expected here", msgNotExist.ZH+"：此处应填写"+kind.ZH+"的编号")
}
