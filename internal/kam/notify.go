package kam

import (
	"net/url"
	"slices"
	"strings"
	"time"
)

// ChannelKind is the kind of place a push goes to (通知渠道).
type ChannelKind string

// Channel kinds: the group robots of 企业微信, 钉钉 and 飞书, a Slack incoming
// webhook, and a generic JSON webhook signed with HMAC-SHA256.
const (
	ChannelWeCom    ChannelKind = "wecom"
	ChannelDingTalk ChannelKind = "dingtalk"
	ChannelFeishu   ChannelKind = "feishu"
	ChannelSlack    ChannelKind = "slack"
	ChannelWebhook  ChannelKind = "webhook"
)

// ChannelKinds lists the channel kinds in the order they are offered.
var ChannelKinds = []ChannelKind{ChannelWeCom, ChannelDingTalk, ChannelFeishu, ChannelSlack, ChannelWebhook}

// Valid reports whether k is a known channel kind.
func (k ChannelKind) Valid() bool {
	for _, c := range ChannelKinds {
		if c == k {
			return true
		}
	}
	return false
}

// NeedsSecret reports whether the platform signs with a secret of its own
// beside the webhook address (钉钉 加签, 飞书 签名校验, the generic webhook).
func (k ChannelKind) NeedsSecret() bool {
	return k == ChannelDingTalk || k == ChannelFeishu || k == ChannelWebhook
}

// DeliveryStatus is where one push stands in the outbox.
type DeliveryStatus string

// Delivery states: waiting to be sent (or to be tried again), sent (the
// receiver answered 2xx and, where the platform says so, accepted it), and
// failed (given up after the retry window; shown to the admin).
const (
	DeliveryPending DeliveryStatus = "pending"
	DeliverySent    DeliveryStatus = "sent"
	DeliveryFailed  DeliveryStatus = "failed"
)

// DeliveryAttempt is one try at sending a push: when, the receiver's status
// code (0 when none answered), and the error, if any.
type DeliveryAttempt struct {
	At     time.Time `json:"at"`
	Status int       `json:"status"`
	Error  string    `json:"error,omitempty"`
}

// PushEvent is a kind of event a channel can be sent.
type PushEvent string

// Push events: a new high red flag on a deal, a flag that reopened after its
// facts changed, a deal moved between funnel levels (won and lost with the
// reason), an action due tomorrow or overdue, a review due; and the digests.
const (
	EventFlagNewHigh   PushEvent = "flag_new_high"
	EventFlagReopened  PushEvent = "flag_reopened"
	EventDealMoved     PushEvent = "deal_moved"
	EventActionDue     PushEvent = "action_due"
	EventActionOverdue PushEvent = "action_overdue"
	EventReviewDue     PushEvent = "review_due"
	EventWeekDigest    PushEvent = "week_digest"
	EventTeamDigest    PushEvent = "team_digest"
	// EventTest is the "send test message" button's push; every channel takes it.
	EventTest PushEvent = "test"
)

// PushEvents lists the events a channel may choose, in the order offered.
var PushEvents = []PushEvent{EventFlagNewHigh, EventFlagReopened, EventDealMoved, EventActionDue,
	EventActionOverdue, EventReviewDue, EventWeekDigest, EventTeamDigest}

// PushMention is how a kam user is @-mentioned in a 钉钉 or 企业微信 group:
// by the platform's user id or by mobile number.
type PushMention struct {
	UserID string `json:"user_id,omitempty"`
	Mobile string `json:"mobile,omitempty"`
}

// PushChannel is a place pushes go: a chat group's robot or a webhook. A
// channel with a TeamID is a manager's, for their team's events; without
// one it is the admin's, for everyone's. URL and Secret are write-only: kam
// never shows them again once saved.
type PushChannel struct {
	Meta
	Name      string                `json:"name"`
	Kind      ChannelKind           `json:"kind"`
	TeamID    int64                 `json:"team_id,omitempty"`
	Locale    Locale                `json:"locale"`
	URL       string                `json:"url,omitempty"`
	Secret    string                `json:"secret,omitempty"`
	HasSecret bool                  `json:"has_secret"`
	Events    []PushEvent           `json:"events"`
	Mentions  map[int64]PushMention `json:"mentions,omitempty"`
}

// Wants reports whether the channel takes event e.
func (c *PushChannel) Wants(e PushEvent) bool {
	if e == EventTest {
		return true
	}
	for _, x := range c.Events {
		if x == e {
			return true
		}
	}
	return false
}

// Push is one row of the outbox: one message for one channel, as the admin
// sees it on the channel's delivery list.
type Push struct {
	ID         int64          `json:"id"`
	ChannelID  int64          `json:"channel_id"`
	Event      PushEvent      `json:"event"`
	Title      string         `json:"title"`
	Status     DeliveryStatus `json:"status"`
	CreatedAt  time.Time      `json:"created_at"`
	NextAt     time.Time      `json:"next_at"`
	Attempts   int            `json:"attempts"`
	LastStatus int            `json:"last_status"`
	LastError  string         `json:"last_error,omitempty"`
	DoneAt     *time.Time     `json:"done_at,omitempty"`
}

// PushMessage is what the outbox keeps of one push: the words in the
// channel's language, the link to the page, and the people to @. Lines are
// plain text; each platform's encoder escapes them.
type PushMessage struct {
	Event    PushEvent     `json:"event"`
	Locale   Locale        `json:"locale"`
	Title    string        `json:"title"`
	Lines    []string      `json:"lines"`
	Link     string        `json:"link,omitempty"`
	Mentions []PushMention `json:"mentions,omitempty"`
}

// ValidatePushChannel checks a channel as an admin or manager wrote it,
// every field at once; url and secret are checked only when given (an
// update that leaves them empty keeps the stored ones).
func ValidatePushChannel(c *PushChannel, creating bool) error {
	var v ValidationError
	if strings.TrimSpace(c.Name) == "" {
		v.Add("name", T("is required", "必填"))
	}
	if !c.Kind.Valid() {
		v.Add("kind", T("must be one of wecom, dingtalk, feishu, slack, webhook", "须为 wecom、dingtalk、feishu、slack、webhook 之一"))
	}
	if !c.Locale.Valid() {
		v.Add("locale", T("must be zh-CN or en", "须为 zh-CN 或 en"))
	}
	if creating && c.URL == "" {
		v.Add("url", T("is required: the webhook address the platform gave", "必填：平台给出的 Webhook 地址"))
	}
	if c.URL != "" {
		if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.Add("url", T("must be an http(s) address", "须为 http(s) 地址"))
		}
	}
	if creating && c.Kind == ChannelWebhook && c.Secret == "" {
		v.Add("secret", T("is required for a webhook: receivers check the signature with it", "Webhook 必须设置密钥：接收方用它校验签名"))
	}
	for _, e := range c.Events {
		if !slices.Contains(PushEvents, e) {
			v.Add("events", T("has an unknown event", "包含未知事件"))
			break
		}
	}
	return v.Err()
}
