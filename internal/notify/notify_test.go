package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
)

// The receivers below check each platform's signature as the platform's
// documentation states it, with their own code (not the package's), and
// answer the way the platform answers.

var testNow = time.Date(2026, 12, 4, 10, 30, 0, 0, time.UTC)

func mac(key, msg string) []byte {
	h := hmac.New(sha256.New, []byte(key))
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// dingTalkReceiver: timestamp (ms) and sign in the query; sign =
// base64(HmacSHA256(secret, timestamp+"\n"+secret)); within one hour.
func dingTalkReceiver(t *testing.T, secret string, got *map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ts := r.URL.Query().Get("timestamp")
		ms, err := strconv.ParseInt(ts, 10, 64)
		want := base64.StdEncoding.EncodeToString(mac(secret, ts+"\n"+secret))
		if err != nil || r.URL.Query().Get("sign") != want || r.URL.Query().Get("access_token") != "tok" ||
			testNow.Sub(time.UnixMilli(ms)).Abs() > time.Hour {
			io.WriteString(w, `{"errcode":310000,"errmsg":"sign not match"}`)
			return
		}
		json.NewDecoder(r.Body).Decode(got)
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}
}

// feishuReceiver: timestamp (s) and sign in the body; sign =
// base64(HmacSHA256(key = timestamp+"\n"+secret, message = "")).
func feishuReceiver(t *testing.T, secret string, got *map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			io.WriteString(w, `{"code":9499,"msg":"Bad Request"}`)
			return
		}
		ts, _ := body["timestamp"].(string)
		sec, err := strconv.ParseInt(ts, 10, 64)
		want := base64.StdEncoding.EncodeToString(mac(ts+"\n"+secret, ""))
		if err != nil || body["sign"] != want || testNow.Sub(time.Unix(sec, 0)).Abs() > time.Hour {
			io.WriteString(w, `{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}`)
			return
		}
		*got = body
		io.WriteString(w, `{"code":0,"data":{},"msg":"success"}`)
	}
}

func weComReceiver(got *map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("key") != "the-key" {
			io.WriteString(w, `{"errcode":93000,"errmsg":"invalid webhook url"}`)
			return
		}
		json.NewDecoder(r.Body).Decode(got)
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}
}

func webhookReceiver(secret string, got *map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts := r.Header.Get("X-Kam-Timestamp")
		sec, err := strconv.ParseInt(ts, 10, 64)
		want := "v1=" + hex.EncodeToString(mac(secret, ts+"."+string(body)))
		if err != nil || !hmac.Equal([]byte(want), []byte(r.Header.Get("X-Kam-Signature"))) ||
			testNow.Sub(time.Unix(sec, 0)).Abs() > 5*time.Minute {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		json.Unmarshal(body, got)
		w.WriteHeader(http.StatusNoContent)
	}
}

func slackReceiver(got *map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/services/T0/B0/good" {
			http.Error(w, "invalid_token", http.StatusForbidden)
			return
		}
		json.NewDecoder(r.Body).Decode(got)
		io.WriteString(w, "ok")
	}
}

var message = Message{
	ID: "42", Event: "flag.new", Locale: kam.LocaleZH,
	Title: "新的高风险小红旗：华信集团 OA 项目",
	Lines: []string{"没有财务决策者", "deal **urgent** <b>"},
	Link:  "https://kam.example/opportunities/7",
}

func TestEachPlatformAcceptsAGoodSignatureAndRefusesABadOne(t *testing.T) {
	t.Parallel()
	var got map[string]any
	cases := []struct {
		name     string
		handler  http.Handler
		good     Target
		bad      Target
		check    func(t *testing.T, body map[string]any)
		badRetry bool
	}{
		{
			name: "钉钉 加签", handler: dingTalkReceiver(t, "SEC-ding", &got),
			good: Target{Kind: kam.ChannelDingTalk, URL: "/robot/send?access_token=tok", Secret: "SEC-ding"},
			bad:  Target{Kind: kam.ChannelDingTalk, URL: "/robot/send?access_token=tok", Secret: "SEC-wrong"},
			check: func(t *testing.T, b map[string]any) {
				md := b["markdown"].(map[string]any)
				if b["msgtype"] != "markdown" || md["title"] != message.Title || !strings.Contains(md["text"].(string), "没有财务决策者") {
					t.Errorf("钉钉 body: %v", b)
				}
			},
		},
		{
			name: "飞书 签名校验", handler: feishuReceiver(t, "SEC-feishu", &got),
			good: Target{Kind: kam.ChannelFeishu, URL: "/open-apis/bot/v2/hook/abc", Secret: "SEC-feishu"},
			bad:  Target{Kind: kam.ChannelFeishu, URL: "/open-apis/bot/v2/hook/abc", Secret: "nope"},
			check: func(t *testing.T, b map[string]any) {
				post := b["content"].(map[string]any)["post"].(map[string]any)["zh_cn"].(map[string]any)
				if b["msg_type"] != "post" || post["title"] != message.Title {
					t.Errorf("飞书 body: %v", b)
				}
			},
		},
		{
			name: "企业微信 group robot", handler: weComReceiver(&got),
			good: Target{Kind: kam.ChannelWeCom, URL: "/cgi-bin/webhook/send?key=the-key"},
			bad:  Target{Kind: kam.ChannelWeCom, URL: "/cgi-bin/webhook/send?key=removed"},
			check: func(t *testing.T, b map[string]any) {
				c := b["markdown"].(map[string]any)["content"].(string)
				if b["msgtype"] != "markdown" || !strings.Contains(c, `deal \*\*urgent\*\* &lt;b&gt;`) || !strings.Contains(c, "(https://kam.example/opportunities/7)") {
					t.Errorf("企业微信 content (markdown must be escaped): %q", c)
				}
			},
		},
		{
			name: "generic webhook", handler: webhookReceiver("SEC-hook", &got),
			good: Target{Kind: kam.ChannelWebhook, URL: "/hook", Secret: "SEC-hook"},
			bad:  Target{Kind: kam.ChannelWebhook, URL: "/hook", Secret: "SEC-other"},
			check: func(t *testing.T, b map[string]any) {
				if b["id"] != "42" || b["event"] != "flag.new" || b["link"] != message.Link {
					t.Errorf("webhook body: %v", b)
				}
			},
		},
		{
			name: "Slack incoming webhook", handler: slackReceiver(&got),
			good: Target{Kind: kam.ChannelSlack, URL: "/services/T0/B0/good"},
			bad:  Target{Kind: kam.ChannelSlack, URL: "/services/T0/B0/revoked"},
			check: func(t *testing.T, b map[string]any) {
				if s := b["text"].(string); !strings.Contains(s, "&lt;b&gt;") || !strings.Contains(s, "<https://kam.example/opportunities/7|") {
					t.Errorf("slack text: %q", s)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(c.handler)
			defer srv.Close()
			s := &Sender{Client: srv.Client(), Now: func() time.Time { return testNow }}
			got = nil
			c.good.URL = srv.URL + c.good.URL
			a := s.Send(context.Background(), c.good, message)
			if !a.OK() || a.Status/100 != 2 {
				t.Fatalf("good signature refused: %+v", a)
			}
			c.check(t, got)
			c.bad.URL = srv.URL + c.bad.URL
			a = s.Send(context.Background(), c.bad, message)
			if a.OK() {
				t.Fatalf("bad signature or address taken: %+v", a)
			}
			if a.Retry {
				t.Errorf("a refused signature or address is retried: %v", a.Err)
			}
			for _, secret := range []string{c.bad.Secret, "removed", "revoked"} {
				if secret != "" && strings.Contains(a.Err.Error(), secret) {
					t.Errorf("the error names a secret: %v", a.Err)
				}
			}
		})
	}
}

func TestAnUnreachableReceiverIsRetriedAndTheErrorHidesTheKey(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close()
	s := &Sender{Now: func() time.Time { return testNow }}
	a := s.Send(context.Background(), Target{Kind: kam.ChannelWeCom, URL: addr + "/cgi-bin/webhook/send?key=SECRETKEY"}, message)
	if a.OK() || !a.Retry {
		t.Fatalf("attempt %+v, want a retryable failure", a)
	}
	if strings.Contains(a.Err.Error(), "SECRETKEY") {
		t.Errorf("the error carries the webhook key: %v", a.Err)
	}
}

func TestServerErrorsAndRateLimitsAreRetried(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		status int
		body   string
		kind   kam.ChannelKind
		retry  bool
	}{
		{"5xx", 503, "", kam.ChannelWebhook, true},
		{"429", 429, "", kam.ChannelSlack, true},
		{"企业微信 rate limit", 200, `{"errcode":45009,"errmsg":"api freq out of limit"}`, kam.ChannelWeCom, true},
		{"钉钉 rate limit", 200, `{"errcode":130101,"errmsg":"send too fast"}`, kam.ChannelDingTalk, true},
		{"钉钉 keyword missing", 200, `{"errcode":310000,"errmsg":"keywords not in content"}`, kam.ChannelDingTalk, false},
		{"a 404", 404, "no such hook", kam.ChannelWebhook, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(c.status)
				io.WriteString(w, c.body)
			}))
			defer srv.Close()
			a := (&Sender{Client: srv.Client()}).Send(context.Background(), Target{Kind: c.kind, URL: srv.URL, Secret: "s"}, message)
			if a.OK() || a.Retry != c.retry {
				t.Errorf("attempt %+v (err %v), want failure with retry %v", a, a.Err, c.retry)
			}
		})
	}
}

func TestVerifyWebhookRefusesStaleAndForgedDeliveries(t *testing.T) {
	t.Parallel()
	body := []byte(`{"id":"1"}`)
	sec := testNow.Unix()
	sig := WebhookSignature("k", sec, body)
	if err := VerifyWebhook("k", strconv.FormatInt(sec, 10), sig, body, testNow.Add(time.Minute)); err != nil {
		t.Fatalf("a fresh, good delivery: %v", err)
	}
	if err := VerifyWebhook("k", strconv.FormatInt(sec, 10), sig, body, testNow.Add(6*time.Minute)); !errors.Is(err, ErrStale) {
		t.Errorf("a replay six minutes later: %v, want ErrStale", err)
	}
	if err := VerifyWebhook("k", strconv.FormatInt(sec, 10), sig, []byte(`{"id":"2"}`), testNow); !errors.Is(err, ErrBadSignature) {
		t.Errorf("a changed body: %v, want ErrBadSignature", err)
	}
	if err := VerifyWebhook("other", strconv.FormatInt(sec, 10), sig, body, testNow); !errors.Is(err, ErrBadSignature) {
		t.Errorf("another secret: %v, want ErrBadSignature", err)
	}
}

func TestDingTalkMentionsAreNamedInTheText(t *testing.T) {
	t.Parallel()
	m := message
	m.Mentions = []Mention{{Mobile: "13800000000"}, {UserID: "manager01"}}
	b, err := encode(Target{Kind: kam.ChannelDingTalk}, m, testNow)
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Markdown struct{ Text string }
		At       struct {
			AtMobiles []string
			AtUserIds []string
		}
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body.Markdown.Text, "@13800000000") || len(body.At.AtMobiles) != 1 || body.At.AtUserIds[0] != "manager01" {
		t.Errorf("钉钉 mentions: %s", b)
	}
}
