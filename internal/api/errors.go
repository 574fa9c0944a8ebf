package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"kam/internal/httpedge"
	"kam/internal/kam"
	"kam/internal/service"
)

// problem is an RFC 9457 problem document. Code is a stable, machine-readable
// name of the kind of problem; Title and Detail are in the request's language.
type problem struct {
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Status   int               `json:"status"`
	Detail   string            `json:"detail,omitempty"`
	Instance string            `json:"instance,omitempty"`
	Code     string            `json:"code"`
	Field    string            `json:"field,omitempty"`
	Errors   map[string]string `json:"errors,omitempty"`
	Current  any               `json:"current,omitempty"`
}

// badRequest is a body or parameter the server could not read at all
// (malformed JSON, a value of the wrong type); Field names the culprit when
// known.
type badRequest struct {
	Field string
	Msg   kam.Text
	// Also are the problems of the body's other fields, found in the same
	// reading, so one answer names every field at fault.
	Also map[string]kam.Text
}

func (e *badRequest) Error() string {
	if e.Field != "" {
		return "bad request: " + e.Field + ": " + e.Msg.EN
	}
	return "bad request: " + e.Msg.EN
}

// errTooLarge is a request body over maxBody.
var errTooLarge = errors.New("request body too large")

// Status texts, bilingual.
var (
	titleBadRequest   = kam.T("The request could not be read", "无法读取请求")
	titleUnauthorized = kam.T("Sign-in required", "需要登录")
	titleForbidden    = kam.T("Not allowed", "无权执行此操作")
	titleNotFound     = kam.T("Not found", "未找到")
	titleNotAllowed   = kam.T("Method not allowed", "不支持该请求方法")
	titleConflict     = kam.T("The record was changed by someone else", "该记录已被他人修改")
	titleTooLarge     = kam.T("The request body is too large", "请求内容过大")
	titleInvalid      = kam.T("Some fields are invalid", "部分字段无效")
	titleInternal     = kam.T("Something went wrong on our side", "服务器内部错误")

	detailUnauthorized = kam.T("Send a valid API token: Authorization: Bearer <token>.", "请提供有效的 API 令牌：Authorization: Bearer <令牌>。")
	detailNotFound     = kam.T("The record does not exist, or you cannot see it.", "该记录不存在，或您无权查看。")
	detailConflict     = kam.T("Reload the record (it is in \"current\"), re-apply your change and send the new version.", "请以 \"current\" 中的最新记录为准，重新修改并提交新的版本号。")
	detailTooLarge     = kam.T(fmt.Sprintf("Requests may hold at most %d bytes.", maxBody), fmt.Sprintf("请求内容最多 %d 字节。", maxBody))
	detailInternal     = kam.T("The error was logged. Please try again later.", "错误已记录，请稍后再试。")
)

// localeKey carries the request's language in its context once known.
type localeKey struct{}

// localeOf returns the language of the response: the signed-in user's, else
// negotiated from the request.
func localeOf(r *http.Request) kam.Locale {
	if l, ok := r.Context().Value(localeKey{}).(kam.Locale); ok {
		return l
	}
	return httpedge.NegotiateLocale(r, "")
}

func withLocale(ctx context.Context, l kam.Locale) context.Context {
	return context.WithValue(ctx, localeKey{}, l)
}

// writeError is the one place an error becomes a response. Only internal
// errors are logged, and never with a request body or a secret; users see a
// safe message for them.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	l := localeOf(r)
	p := problem{Type: "about:blank", Instance: r.URL.Path}
	var (
		verr *kam.ValidationError
		cerr *kam.ConflictError
		berr *badRequest
		merr *http.MaxBytesError
	)
	switch {
	case errors.As(err, &berr):
		p.Status, p.Code, p.Title = http.StatusBadRequest, "bad_request", titleBadRequest.In(l)
		p.Detail = berr.Msg.In(l)
		if berr.Field != "" {
			p.Field = berr.Field
			p.Errors = map[string]string{berr.Field: berr.Msg.In(l)}
		}
		for f, m := range berr.Also {
			if _, ok := p.Errors[f]; !ok {
				if p.Errors == nil {
					p.Errors = map[string]string{}
				}
				p.Errors[f] = m.In(l)
			}
		}
	case errors.As(err, &merr), errors.Is(err, errTooLarge):
		p.Status, p.Code, p.Title, p.Detail = http.StatusRequestEntityTooLarge, "too_large", titleTooLarge.In(l), detailTooLarge.In(l)
	case errors.As(err, &verr):
		p.Status, p.Code, p.Title = http.StatusUnprocessableEntity, "invalid", titleInvalid.In(l)
		p.Errors = make(map[string]string, len(verr.Fields))
		for f, m := range verr.Fields {
			p.Errors[f] = m.In(l)
		}
		p.Detail = verr.Error()
		if l == kam.LocaleZH {
			p.Detail = detailZH(verr)
		}
	case errors.As(err, &cerr):
		p.Status, p.Code, p.Title, p.Detail = http.StatusConflict, "conflict", titleConflict.In(l), detailConflict.In(l)
		p.Current = cerr.Current
	case errors.Is(err, kam.ErrNotFound):
		p.Status, p.Code, p.Title, p.Detail = http.StatusNotFound, "not_found", titleNotFound.In(l), detailNotFound.In(l)
	case errors.Is(err, kam.ErrForbidden):
		p.Status, p.Code, p.Title = http.StatusForbidden, "forbidden", titleForbidden.In(l)
		if errors.Is(err, service.ErrPasswordChangeRequired) {
			p.Code = "password_change_required"
		}
		if reason, ok := service.Reason(err); ok {
			p.Detail = reason.In(l)
		}
	case errors.Is(err, kam.ErrUnauthorized):
		p.Status, p.Code, p.Title, p.Detail = http.StatusUnauthorized, "unauthorized", titleUnauthorized.In(l), detailUnauthorized.In(l)
		w.Header().Set("WWW-Authenticate", `Bearer realm="kam"`)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
		return
	default:
		p.Status, p.Code, p.Title, p.Detail = http.StatusInternalServerError, "internal", titleInternal.In(l), detailInternal.In(l)
		s.log.ErrorContext(r.Context(), "api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", string(l))
	w.WriteHeader(p.Status)
	writeBody(w, p)
}

// detailZH is the Chinese detail of a validation error: every field named
// with its problem, as the English detail (ValidationError.Error) does.
func detailZH(v *kam.ValidationError) string {
	keys := make([]string, 0, len(v.Fields))
	for k := range v.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("输入无效：")
	for i, k := range keys {
		if i > 0 {
			b.WriteString("；")
		}
		b.WriteString(k + "：" + v.Fields[k].ZH)
	}
	return b.String()
}

// writeJSON sends v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	writeBody(w, v)
}

// writeBody encodes v; the status is already sent, so an encoding error
// (only a broken connection, for kam's types) cannot be reported.
func writeBody(w http.ResponseWriter, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
