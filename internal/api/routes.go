package api

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"

	"kam/internal/kam"
	"kam/internal/store"
)

// routeTable is every route of the API. The mux and the OpenAPI document are
// both built from it.
func (s *server) routeTable() []route {
	svc := s.svc
	var rs []route
	add := func(more ...route) { rs = append(rs, more...) }

	// Records every kind shares: list, get, create, update, delete, restore.
	add(resource[kam.User]{plural: "users", one: kam.RecordName("users"), e: svc.Users,
		filter: store.UserFilter{}, search: "name or email", create: s.createUser, createBody: reflect.TypeFor[newUser]()}.routes()...)
	add(resource[kam.Team]{plural: "teams", one: kam.RecordName("teams"), e: svc.Teams,
		filter: store.TeamFilter{}}.routes()...)
	add(resource[kam.Account]{plural: "accounts", one: kam.RecordName("accounts"), e: svc.Accounts,
		filter: store.AccountFilter{}}.routes()...)
	add(resource[kam.AccountRelation]{plural: "account_relations", one: kam.RecordName("account_relations"), e: svc.AccountRelations,
		filter: store.AccountRelationFilter{}}.routes()...)
	add(resource[kam.OrgUnit]{plural: "org_units", one: kam.RecordName("org_units"), e: svc.OrgUnits,
		filter: store.OrgUnitFilter{}}.routes()...)
	add(resource[kam.Contact]{plural: "contacts", one: kam.RecordName("contacts"), e: svc.Contacts,
		filter: store.ContactFilter{}, search: "name or title"}.routes()...)
	add(resource[kam.ContactLink]{plural: "contact_links", one: kam.RecordName("contact_links"), e: svc.ContactLinks,
		filter: store.ContactLinkFilter{}}.routes()...)
	// GET /opportunities/{id} answers the whole strategy sheet (strategy.go).
	add(s.strategyGet(resource[kam.Opportunity]{plural: "opportunities", one: kam.RecordName("opportunities"), e: svc.Opportunities,
		filter: store.OpportunityFilter{}, search: "name or product"}.routes())...)
	// The same list as an Excel workbook (xlsx.go).
	add(s.opportunitiesXLSXRoute())
	add(resource[kam.BuyingInfluence]{plural: "buying_influences", one: kam.RecordName("buying_influences"), e: svc.BuyingInfluences,
		filter: store.BuyingInfluenceFilter{}}.routes()...)
	add(resource[kam.SWOTItem]{plural: "swot_items", one: kam.RecordName("swot_items"), e: svc.SWOTItems,
		filter: store.SWOTItemFilter{}, search: "text"}.routes()...)
	add(resource[kam.Action]{plural: "actions", one: kam.RecordName("actions"), e: svc.Actions,
		filter: store.ActionFilter{}, search: "title"}.routes()...)
	add(resource[kam.Interaction]{plural: "interactions", one: kam.RecordName("interactions"), e: svc.Interactions,
		filter: store.InteractionFilter{}, search: "objective or notes"}.routes()...)
	add(resource[kam.Criterion]{plural: "criteria", one: kam.RecordName("criteria"), e: svc.Criteria,
		filter: store.CriterionFilter{}}.routes()...)
	add(resource[kam.Quota]{plural: "quotas", one: kam.RecordName("quotas"), e: svc.Quotas,
		filter: store.QuotaFilter{}}.routes()...)
	add(resource[kam.ExchangeRate]{plural: "exchange_rates", one: kam.RecordName("exchange_rates"), e: svc.ExchangeRates, filter: store.NoFilter[kam.ExchangeRate]{}}.routes()...)

	// The conversation: call plans, needs, reviews, VITO plans (conversation.go).
	add(s.conversationResources()...)
	add(s.conversationRoutes()...)

	// Sharing and ideal-customer ratings of one account.
	add(
		route{Method: "GET", Path: "/accounts/{id}/shares", Tag: "accounts", Entity: "accounts", Status: 200,
			Resp: reflect.TypeFor[list[kam.AccountShare]](), handle: s.listShares,
			Summary: kam.T("List the teams an account is shared with", "列出客户企业共享给的团队")},
		route{Method: "PUT", Path: "/accounts/{id}/shares/{team_id}", Tag: "accounts", Entity: "accounts", Status: 200,
			Body: reflect.TypeFor[shareBody](), Resp: reflect.TypeFor[kam.AccountShare](), handle: s.putShare,
			Summary: kam.T("Share an account with a team (read or write)", "将客户企业共享给团队（只读或可写）")},
		route{Method: "DELETE", Path: "/accounts/{id}/shares/{team_id}", Tag: "accounts", Entity: "accounts", Status: 204,
			handle:  s.deleteShare,
			Summary: kam.T("Stop sharing an account with a team", "取消向团队共享客户企业")},
		route{Method: "GET", Path: "/accounts/{id}/ratings", Tag: "accounts", Entity: "accounts", Status: 200,
			Resp: reflect.TypeFor[list[kam.CriterionRating]](), handle: s.listRatings,
			Summary: kam.T("List an account's ideal-customer ratings", "列出客户企业的理想型客户评分")},
		route{Method: "PUT", Path: "/accounts/{id}/ratings", Tag: "accounts", Entity: "accounts", Status: 200,
			Body: reflect.TypeFor[ratingBody](), Resp: reflect.TypeFor[list[kam.CriterionRating]](), handle: s.putRating,
			Summary: kam.T("Rate an account on one ideal-customer criterion (-5…+5)", "按一项理想型客户标准给客户企业评分（-5…+5）")},
	)

	// Strategy: red flags, the funnel, the work order (strategy.go).
	add(s.strategyRoutes()...)

	// Duplicates and merges (duplicates.go).
	add(s.duplicateRoutes()...)

	// Search and history.
	add(
		route{Method: "GET", Path: "/search", Tag: "search", Status: 200, Resp: reflect.TypeFor[list[hit]](), handle: s.search,
			Query: []param{
				{Name: "q", Type: "string", Desc: "what to look for in names, titles and products (Chinese works: 战略营)"},
				{Name: "limit", Type: "integer", Desc: "at most this many hits, 1–100, default 20"},
			},
			Summary: kam.T("Search accounts, contacts and opportunities", "搜索客户企业、联系人和商机")},
		route{Method: "GET", Path: "/audit", Tag: "audit", Status: 200, Resp: reflect.TypeFor[page[kam.AuditRecord]](), handle: s.audit,
			Query: []param{
				{Name: "entity", Type: "string", Desc: "the kind of record: account, contact, opportunity, …"},
				{Name: "entity_id", Type: "integer", Desc: "the record's id"},
				{Name: "user_id", Type: "integer", Desc: "changes by this user"},
				{Name: "before", Type: "integer", Desc: "the cursor: the \"next\" of the previous page (newest first)"},
				{Name: "limit", Type: "integer", Desc: "page size"},
			},
			Summary: kam.T("List the change history, newest first (admins: all; others: one record they can see)", "查看修改历史（最新在前；管理员可看全部，其他人只能看自己可见的单条记录）")},
	)

	// Users, passwords and tokens.
	add(
		route{Method: "GET", Path: "/me", Tag: "me", Status: 200, Resp: reflect.TypeFor[kam.User](), handle: s.me, DuringPasswordChange: true,
			Summary: kam.T("The user the token belongs to", "当前令牌所属的用户")},
		route{Method: "POST", Path: "/me/password", Tag: "me", Status: 204, Body: reflect.TypeFor[changePassword](), handle: s.changePassword, DuringPasswordChange: true,
			Summary: kam.T("Change your own password", "修改自己的密码")},
		route{Method: "POST", Path: "/users/{id}/password", Tag: "users", Entity: "users", Status: 204, Body: reflect.TypeFor[setPassword](),
			handle:  s.setPassword,
			Summary: kam.T("Set a temporary password for a user (administrators)", "为用户设置临时密码（管理员）")},
		route{Method: "GET", Path: "/tokens", Tag: "tokens", Status: 200, Resp: reflect.TypeFor[list[kam.APIToken]](), handle: s.listTokens,
			Query:   []param{{Name: "user_id", Type: "integer", Desc: "administrators: another user's tokens; -1 for everyone's"}},
			Summary: kam.T("List API tokens (secrets are never shown again)", "列出 API 令牌（密钥不会再次显示）")},
		route{Method: "POST", Path: "/tokens", Tag: "tokens", Status: 201, Body: reflect.TypeFor[newToken](), Resp: reflect.TypeFor[createdToken](),
			handle:  s.createToken,
			Summary: kam.T("Create an API token; the secret is in this response only", "创建 API 令牌；密钥只在此响应中出现一次")},
		route{Method: "DELETE", Path: "/tokens/{id}", Tag: "tokens", Entity: "tokens", Status: 204, handle: s.revokeToken,
			Summary: kam.T("Revoke an API token", "吊销 API 令牌")},
	)

	add(route{Method: "GET", Path: "/openapi.json", Tag: "meta", Public: true, Status: 200, handle: s.serveOpenAPI,
		Summary: kam.T("This API's OpenAPI 3.1 document", "本 API 的 OpenAPI 3.1 文档")})
	return rs
}

// list is a response holding a whole, unpaged list.
type list[T any] struct {
	Items []T `json:"items"`
}

func writeList[T any](w http.ResponseWriter, items []T) {
	if items == nil {
		items = []T{}
	}
	writeJSON(w, http.StatusOK, list[T]{Items: items})
}

// newUser is the body that creates a user: the user's fields and a first
// password, which the user must change at first sign-in unless
// must_change_password is sent as false.
type newUser struct {
	kam.User
	Password string `json:"password"`
}

func (s *server) createUser(ctx context.Context, a kam.Actor, m map[string]json.RawMessage) (kam.User, error) {
	var u newUser
	if err := applyFields(m, &u); err != nil {
		return kam.User{}, err
	}
	mustChange := true
	if _, ok := m["must_change_password"]; ok {
		mustChange = u.MustChangePassword
	}
	return s.svc.CreateUser(ctx, a, u.User, u.Password, mustChange)
}

func (s *server) serveOpenAPI(w http.ResponseWriter, _ *http.Request, _ *call) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(s.openapi)
	return err
}
