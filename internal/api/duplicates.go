package api

import (
	"context"
	"net/http"
	"reflect"
	"unicode/utf8"

	"kam/internal/kam"
)

// mergeBody names the record to keep in a merge.
type mergeBody struct {
	// IntoID is the record the merged one's contents move to.
	IntoID int64 `json:"into_id"`
}

// accountProbe is what an account duplicate check compares: the name.
type accountProbe struct {
	Name string `json:"name"`
}

// contactProbe is what a contact duplicate check compares: the name, the
// email and the mobile number, within one account.
type contactProbe struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
}

// duplicateRoutes check a new account or contact against those in scope
// before it is created, and merge two records (administrators).
func (s *server) duplicateRoutes() []route {
	return []route{
		{Method: "POST", Path: "/accounts/duplicates", Tag: "accounts", Status: 200,
			Body: reflect.TypeFor[accountProbe](), Resp: reflect.TypeFor[list[kam.Account]](), handle: s.accountDuplicates,
			Summary: kam.T("The accounts you see with this name once normalised (spaces, case and full-width forms aside): check before creating one",
				"列出您可见的、名称规范化后（忽略空格、大小写和全角）相同的客户企业：新建前先检查")},
		{Method: "POST", Path: "/contacts/duplicates", Tag: "contacts", Status: 200,
			Body: reflect.TypeFor[contactProbe](), Resp: reflect.TypeFor[list[kam.Contact]](), handle: s.contactDuplicates,
			Summary: kam.T("The contacts of the account with this name, email or mobile number: check before creating one",
				"列出该客户企业中姓名、邮箱或手机号相同的联系人：新建前先检查")},
		// Merges are for administrators, who see every record: no Entity,
		// so the other-team walk (which expects the owner to succeed) leaves
		// them to their own tests.
		{Method: "POST", Path: "/accounts/{id}/merge", Tag: "accounts", Status: 204,
			Body: reflect.TypeFor[mergeBody](), handle: s.mergeAccounts,
			Summary: kam.T("Merge the account into into_id (administrators): its contacts, departments, opportunities, subsidiaries, relations, shares and ratings move; it goes to the trash",
				"将客户企业合并到 into_id（管理员）：其联系人、部门、商机、下属企业、关系、共享和评分一并移动；原记录移入回收站")},
		{Method: "POST", Path: "/contacts/{id}/merge", Tag: "contacts", Status: 204,
			Body: reflect.TypeFor[mergeBody](), handle: s.mergeContacts,
			Summary: kam.T("Merge the contact into into_id of the same account (administrators): roles, reporting and dotted lines, actions and feedback move; it goes to the trash",
				"将联系人合并到同一客户企业的 into_id（管理员）：其角色、汇报与虚线关系、行动和反馈一并移动；原记录移入回收站")},
	}
}

func (s *server) accountDuplicates(w http.ResponseWriter, r *http.Request, c *call) error {
	var p accountProbe
	if err := readInto(w, r, &p); err != nil {
		return err
	}
	if err := probeLengths(map[string]string{"name": p.Name}); err != nil {
		return err
	}
	items, err := s.svc.AccountDuplicates(r.Context(), c.actor, kam.Account{Name: p.Name})
	if err != nil {
		return err
	}
	writeList(w, items)
	return nil
}

func (s *server) contactDuplicates(w http.ResponseWriter, r *http.Request, c *call) error {
	var p contactProbe
	if err := readInto(w, r, &p); err != nil {
		return err
	}
	if err := probeLengths(map[string]string{"name": p.Name, "email": p.Email, "phone": p.Phone}); err != nil {
		return err
	}
	if _, err := s.svc.Accounts.Get(r.Context(), c.actor, p.AccountID); err != nil {
		return kam.Invalid("account_id", kam.T("is not an account you can see", "不是您可见的客户企业"))
	}
	items, err := s.svc.ContactDuplicates(r.Context(), c.actor, kam.Contact{AccountID: p.AccountID, Name: p.Name, Email: p.Email, Phone: p.Phone})
	if err != nil {
		return err
	}
	writeList(w, items)
	return nil
}

func (s *server) mergeAccounts(w http.ResponseWriter, r *http.Request, c *call) error {
	return s.merge(w, r, c, s.svc.MergeAccounts)
}

func (s *server) mergeContacts(w http.ResponseWriter, r *http.Request, c *call) error {
	return s.merge(w, r, c, s.svc.MergeContacts)
}

func (s *server) merge(w http.ResponseWriter, r *http.Request, c *call, do func(context.Context, kam.Actor, int64, int64) error) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var b mergeBody
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	if b.IntoID <= 0 {
		return kam.Invalid("into_id", kam.T("is required: the record to keep", "必填：要保留的记录"))
	}
	if err := do(r.Context(), c.actor, id, b.IntoID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// probeLengths refuses a probe's text longer than any stored name can be.
func probeLengths(fields map[string]string) error {
	var v kam.ValidationError
	for name, text := range fields {
		if utf8.RuneCountInString(text) > kam.MaxName {
			v.Add(name, kam.T("is too long", "过长"))
		}
	}
	if len(v.Fields) > 0 {
		return &v
	}
	return nil
}
