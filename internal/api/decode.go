package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kam/internal/kam"
)

// maxBody is the largest request body read, in bytes; more is a 413.
const maxBody = 1 << 20

// readOnly are the fields the server keeps for itself. Clients may send them
// back (a record just fetched is a valid body) but they are ignored; the
// version is read separately by the requests that need it. An
// opportunity's reached_level and closed_on follow its level.
var readOnly = map[string]bool{"id": true, "version": true, "created_at": true, "updated_at": true, "deleted_at": true,
	"reached_level": true, "closed_on": true}

// readBody reads the request body, at most maxBody bytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var me *http.MaxBytesError
		if errors.As(err, &me) {
			return nil, errTooLarge
		}
		return nil, &badRequest{Msg: kam.T("the body could not be read", "无法读取请求内容")}
	}
	return b, nil
}

// readObject parses a body that must be one JSON object, keeping each
// field's raw value so that fields can be applied (and blamed) one by one.
func readObject(w http.ResponseWriter, r *http.Request) (map[string]json.RawMessage, error) {
	b, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, &badRequest{Msg: kam.T("the body is empty; send a JSON object", "请求内容为空，请发送 JSON 对象")}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var m map[string]json.RawMessage
	if err := dec.Decode(&m); err != nil {
		return nil, syntaxProblem(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &badRequest{Msg: kam.T("there is data after the JSON object", "JSON 对象之后还有多余内容")}
	}
	if m == nil {
		return nil, &badRequest{Msg: kam.T("the body must be a JSON object", "请求内容必须是 JSON 对象")}
	}
	if err := checkTexts(b, m); err != nil {
		return nil, err
	}
	return m, nil
}

// checkTexts checks every text of a body once, before any store sees it,
// as kam.CheckParams does for queries and forms. It reads the raw bytes:
// the JSON decoder turns invalid UTF-8 into U+FFFD silently, so a body
// that is not UTF-8 is refused here, not stored changed. A NUL (written
// \u0000) in any string is refused too. Each field at fault is named.
func checkTexts(body []byte, m map[string]json.RawMessage) error {
	var bad kam.ValidationError
	for k, raw := range m {
		if msg, ok := kam.TextProblem(string(raw)); !ok {
			bad.Add(k, msg)
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			if str, isStr := tok.(string); isStr {
				if msg, ok := kam.TextProblem(str); !ok {
					bad.Add(k, msg)
					break
				}
			}
		}
	}
	if err := bad.Err(); err != nil {
		return err
	}
	// What is left is a field name not UTF-8 or holding NUL.
	for k := range m {
		if msg, ok := kam.TextProblem(k); !ok {
			bad.Add(fmt.Sprintf("%+q", k), msg)
		}
	}
	if !utf8.Valid(body) && bad.Err() == nil {
		bad.Add("body", kam.T("is not valid UTF-8 text", "不是有效的 UTF-8 文本"))
	}
	return bad.Err()
}

// syntaxProblem describes a body that is not a JSON object.
func syntaxProblem(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := strconv.FormatInt(se.Offset, 10)
		return &badRequest{Msg: kam.T("malformed JSON at byte "+off+": "+se.Error(), "JSON 格式错误（第 "+off+" 字节）："+se.Error())}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &badRequest{Msg: kam.T("malformed JSON: the body ends too early", "JSON 格式错误：内容不完整")}
	}
	return &badRequest{Msg: kam.T("the body must be a JSON object", "请求内容必须是 JSON 对象")}
}

// applyFields decodes the fields of m onto v (a pointer to a struct), one
// field at a time, so only the fields present change and a bad value is
// blamed on its field. Read-only fields and those in skip are ignored; a
// field v does not have is a *kam.ValidationError naming every such field.
func applyFields(m map[string]json.RawMessage, v any, skip ...string) error {
	known := fieldSet(reflect.TypeOf(v).Elem())
	keys := make([]string, 0, len(m))
	var unknown kam.ValidationError
	for k := range m {
		switch {
		case readOnly[k] || slices.Contains(skip, k):
		case !known[k]:
			unknown.Add(k, kam.T("is not a field of this record", "不是该记录的字段"))
		default:
			keys = append(keys, k)
		}
	}
	if err := unknown.Err(); err != nil {
		return err
	}
	slices.Sort(keys)
	// Every field is read, so one answer names every unreadable one: the
	// first (by name) is the problem's field, the others come along.
	var first *badRequest
	for _, k := range keys {
		err := applyField(v, k, m[k])
		var br *badRequest
		switch {
		case err == nil:
		case !errors.As(err, &br):
			return err
		case first == nil:
			first = br
		default:
			if first.Also == nil {
				first.Also = map[string]kam.Text{}
			}
			first.Also[br.Field] = br.Msg
		}
	}
	if first != nil {
		return first
	}
	return nil
}

// withProblems adds to err, a body that could not be read whole, the
// problems check finds in the fields that could (a *kam.ValidationError
// from a service's Check), limited to the fields the body sent: one answer
// then names every field at fault. Any other err is returned as is.
func withProblems(err error, m map[string]json.RawMessage, check func() error) error {
	var br *badRequest
	if !errors.As(err, &br) {
		return err
	}
	var v *kam.ValidationError
	if !errors.As(check(), &v) {
		return err
	}
	for f, msg := range v.Fields {
		name, _, _ := strings.Cut(f, "[")
		name, _, _ = strings.Cut(name, ".")
		if _, sent := m[name]; !sent || f == br.Field || name == br.Field {
			continue
		}
		if _, dup := br.Also[f]; dup {
			continue
		}
		if br.Also == nil {
			br.Also = map[string]kam.Text{}
		}
		br.Also[f] = msg
	}
	return br
}

// applyField decodes one field's raw value onto v.
func applyField(v any, key string, raw json.RawMessage) error {
	name, _ := json.Marshal(key)
	doc := make([]byte, 0, len(name)+len(raw)+3)
	doc = append(append(append(append(doc, '{'), name...), ':'), raw...)
	doc = append(doc, '}')
	err := json.Unmarshal(doc, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := key
		if te.Field != "" {
			field = te.Field
		}
		want := jsonKind(te.Type)
		return &badRequest{Field: field, Msg: kam.T("must be "+want.EN+", not "+te.Value, "必须是"+want.ZH+"，而不是 "+te.Value)}
	}
	// A value whose own decoder refused it, such as a date not written
	// YYYY-MM-DD.
	return &badRequest{Field: key, Msg: kam.T("has an unreadable value: "+err.Error(), "取值无法识别："+err.Error())}
}

// jsonKind names the JSON type a Go type is read from.
func jsonKind(t reflect.Type) kam.Text {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return kam.T("a boolean", "布尔值")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return kam.T("an integer", "整数")
	case reflect.Float32, reflect.Float64:
		return kam.T("a number", "数字")
	case reflect.String:
		return kam.T("a string", "字符串")
	case reflect.Slice, reflect.Array:
		return kam.T("an array", "数组")
	}
	return kam.T("an object", "对象")
}

// readVersion returns the version a client last saw: given (from the body
// or the query; 0 when absent) or the If-Match header ("3" or W/"3"). One of
// them is required; both present and different is invalid.
func readVersion(r *http.Request, given int64) (int64, error) {
	var hv int64
	if h := strings.TrimSpace(r.Header.Get("If-Match")); h != "" {
		n, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(h, "W/"), `"`), 10, 64)
		if err != nil || n <= 0 {
			return 0, &badRequest{Field: "If-Match", Msg: kam.T(`must be a version in quotes, such as "3"`, `必须是带引号的版本号，如 "3"`)}
		}
		hv = n
	}
	switch {
	case given == 0 && hv == 0:
		return 0, kam.Invalid("version", kam.T("is required: send the version you last saw, in the body, the query or If-Match", "必填：请在请求内容、查询参数或 If-Match 中提供您最后看到的版本号"))
	case given != 0 && hv != 0 && given != hv:
		return 0, kam.Invalid("version", kam.T("differs from If-Match", "与 If-Match 不一致"))
	case given == 0:
		return hv, nil
	}
	return given, nil
}

// bodyVersion reads the "version" field of a body; 0 when absent.
func bodyVersion(m map[string]json.RawMessage) (int64, error) {
	raw, ok := m["version"]
	if !ok || string(raw) == "null" {
		return 0, nil
	}
	var v int64
	if err := json.Unmarshal(raw, &v); err != nil || v <= 0 {
		return 0, &badRequest{Field: "version", Msg: kam.T("must be a positive integer", "必须是正整数")}
	}
	return v, nil
}

// query reads typed query parameters, remembering the first bad one.
type query struct {
	r   *http.Request
	err error
}

func (q *query) str(name string) string { return strings.TrimSpace(q.r.URL.Query().Get(name)) }

// term reads a search term: at most kam.MaxName characters, like the names
// it is matched against; a longer one could match nothing and would only
// make every row's comparison slow.
func (q *query) term(name string) string {
	s := q.str(name)
	if q.err == nil && utf8.RuneCountInString(s) > kam.MaxName {
		q.err = &badRequest{Field: name, Msg: kam.T("is too long (at most "+strconv.Itoa(kam.MaxName)+" characters)", "过长（最多 "+strconv.Itoa(kam.MaxName)+" 个字符）")}
		return ""
	}
	return s
}

func (q *query) id(name string) int64 {
	s := q.str(name)
	if s == "" || q.err != nil {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		q.err = &badRequest{Field: name, Msg: kam.T("must be a non-negative integer", "必须是非负整数")}
		return 0
	}
	return n
}

func (q *query) time(name string) time.Time {
	s := q.str(name)
	if s == "" || q.err != nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		q.err = &badRequest{Field: name, Msg: kam.T("must be an RFC 3339 time such as 2026-01-02T15:04:05Z", "必须是 RFC 3339 时间，如 2026-01-02T15:04:05Z")}
	}
	return t
}

func (q *query) boolean(name string) bool {
	s := q.str(name)
	if s == "" || q.err != nil {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.err = &badRequest{Field: name, Msg: kam.T("must be true or false", "必须是 true 或 false")}
	}
	return b
}

// pathID reads the {name} path value. An id that is not a positive number
// names no record: not found.
func pathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, kam.ErrNotFound
	}
	return n, nil
}
