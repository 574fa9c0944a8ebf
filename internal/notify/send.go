package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
)

// Message is one push in one language: a title, a few lines of plain text
// (never markup: each platform's renderer escapes them), and a link to the
// page in kam. Mentions are the people of a 企业微信 or 钉钉 group to @.
type Message struct {
	// ID identifies the push across retries (the outbox row); the generic
	// webhook sends it as X-Kam-Delivery so a receiver can drop a repeat.
	ID       string
	Event    string
	Locale   kam.Locale
	Title    string
	Lines    []string
	Link     string
	LinkText string
	Mentions []Mention
}

// Mention is a member of a chat group to @: by the platform's user id or by
// mobile number (钉钉 takes both; 企业微信's markdown takes user ids).
type Mention struct {
	UserID string `json:"user_id,omitempty"`
	Mobile string `json:"mobile,omitempty"`
}

// Target is where a push goes: the platform, the webhook address the admin
// copied from it (a secret: it carries the key or token), and the signing
// secret where the platform has one.
type Target struct {
	Kind   kam.ChannelKind
	URL    string
	Secret string
}

// Attempt is the outcome of one send: the receiver's HTTP status (0 when
// none answered) and, on failure, the reason. Retry says whether trying
// again later may succeed (a network error, a 5xx, a 429, a platform's
// rate limit); a refused signature or a removed robot will not.
type Attempt struct {
	Status int
	Err    error
	Retry  bool
}

// OK reports whether the receiver took the push.
func (a Attempt) OK() bool { return a.Err == nil }

// Sender sends pushes over HTTP.
type Sender struct {
	// Client is the HTTP client; nil means one with a 10 s timeout.
	Client *http.Client
	// Now is the clock the signatures read; nil means time.Now.
	Now func() time.Time
}

// maxAnswer is how much of a receiver's answer is read.
const maxAnswer = 4 << 10

// Send sends m to t once and reports what happened. It never logs the
// target's address or secret; an error names the platform and the
// receiver's answer, never the address.
func (s *Sender) Send(ctx context.Context, t Target, m Message) Attempt {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	u, err := url.Parse(t.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Attempt{Err: errors.New("notify: the webhook address is not an http(s) URL")}
	}
	at := now()
	body, err := encode(t, m, at)
	if err != nil {
		return Attempt{Err: err}
	}
	if t.Kind == kam.ChannelDingTalk && t.Secret != "" {
		ms := at.UnixMilli()
		q := u.Query()
		q.Set("timestamp", strconv.FormatInt(ms, 10))
		q.Set("sign", DingTalkSign(t.Secret, ms))
		u.RawQuery = q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return Attempt{Err: errors.New("notify: cannot build the request")}
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "kam-notify/1")
	if t.Kind == kam.ChannelWebhook {
		sec := at.Unix()
		req.Header.Set(HeaderTimestamp, strconv.FormatInt(sec, 10))
		req.Header.Set(HeaderSignature, WebhookSignature(t.Secret, sec, body))
		req.Header.Set(HeaderEvent, m.Event)
		req.Header.Set(HeaderDelivery, m.ID)
	}
	resp, err := client.Do(req)
	if err != nil {
		// The error of net/http names the URL, which carries the key:
		// report only what kind of failure it was.
		return Attempt{Err: fmt.Errorf("notify: %s: no answer (%s)", t.Kind, netReason(err)), Retry: true}
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	a := Attempt{Status: resp.StatusCode}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		a.Err, a.Retry = fmt.Errorf("notify: %s answered %d", t.Kind, resp.StatusCode), true
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		a.Err = fmt.Errorf("notify: %s answered %d: %s", t.Kind, resp.StatusCode, clip(answer))
	default:
		a.Err, a.Retry = platformError(t.Kind, answer)
	}
	return a
}

// netReason says what kind of network failure err is, without its URL.
func netReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "timeout"
		}
		err = ue.Err
	}
	return err.Error()
}

// platformError reads the answer of a platform that reports failures in a
// 200 body: 企业微信 and 钉钉 {"errcode":N,"errmsg":…}, 飞书 {"code":N,"msg":…}
// (or the older {"StatusCode":N}), Slack "ok".
func platformError(k kam.ChannelKind, answer []byte) (error, bool) {
	switch k {
	case kam.ChannelWeCom, kam.ChannelDingTalk:
		var r struct {
			ErrCode *int   `json:"errcode"`
			ErrMsg  string `json:"errmsg"`
		}
		if json.Unmarshal(answer, &r) != nil || r.ErrCode == nil {
			return fmt.Errorf("notify: %s: unexpected answer: %s", k, clip(answer)), true
		}
		if *r.ErrCode != 0 {
			// 45009 (企业微信) and 130101 (钉钉) are their rate limits.
			retry := *r.ErrCode == 45009 || *r.ErrCode == 130101 || *r.ErrCode == -1
			return fmt.Errorf("notify: %s refused: %d %s", k, *r.ErrCode, r.ErrMsg), retry
		}
	case kam.ChannelFeishu:
		var r struct {
			Code       *int   `json:"code"`
			Msg        string `json:"msg"`
			StatusCode *int   `json:"StatusCode"`
		}
		if json.Unmarshal(answer, &r) != nil || (r.Code == nil && r.StatusCode == nil) {
			return fmt.Errorf("notify: %s: unexpected answer: %s", k, clip(answer)), true
		}
		code := 0
		if r.Code != nil {
			code = *r.Code
		} else {
			code = *r.StatusCode
		}
		if code != 0 {
			// 9499 is 飞书's "too many requests".
			return fmt.Errorf("notify: %s refused: %d %s", k, code, r.Msg), code == 9499
		}
	case kam.ChannelSlack:
		if s := strings.TrimSpace(string(answer)); s != "ok" && s != "" {
			return fmt.Errorf("notify: slack: unexpected answer: %s", clip(answer)), false
		}
	}
	return nil, false
}

func clip(b []byte) string {
	s := strings.ToValidUTF8(strings.TrimSpace(string(b)), "?")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
