package kam

import "time"

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
