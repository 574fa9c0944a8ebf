package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"time"
)

// DingTalkSign is 钉钉's 加签 signature for a timestamp in milliseconds:
// base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)),
// before URL encoding.
func DingTalkSign(secret string, millis int64) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(millis, 10) + "\n" + secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// FeishuSign is 飞书's 签名校验 signature for a timestamp in seconds:
// base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)).
func FeishuSign(secret string, seconds int64) string {
	mac := hmac.New(sha256.New, []byte(strconv.FormatInt(seconds, 10)+"\n"+secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Headers of the generic webhook.
const (
	HeaderTimestamp = "X-Kam-Timestamp"
	HeaderSignature = "X-Kam-Signature"
	HeaderEvent     = "X-Kam-Event"
	HeaderDelivery  = "X-Kam-Delivery"
)

// WebhookSignature is the generic webhook's signature of body sent at the
// Unix time seconds: "v1=" + hex(HMAC-SHA256(secret, seconds + "." + body)).
func WebhookSignature(secret string, seconds int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(seconds, 10)))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "v1=" + hex.EncodeToString(mac.Sum(nil))
}

// ReplayWindow is how old a generic webhook's timestamp may be before a
// receiver refuses it.
const ReplayWindow = 5 * time.Minute

// Errors of VerifyWebhook.
var (
	ErrBadSignature = errors.New("notify: the signature does not match")
	ErrStale        = errors.New("notify: the timestamp is outside the replay window")
)

// VerifyWebhook checks a generic webhook the way a receiver should: the
// timestamp header is a Unix time within ReplayWindow of now (either side),
// and the signature header equals WebhookSignature over the raw body,
// compared in constant time. A receiver that also remembers the
// X-Kam-Delivery ids it saw within the window refuses replays entirely.
func VerifyWebhook(secret, timestamp, signature string, body []byte, now time.Time) error {
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrStale
	}
	if d := now.Sub(time.Unix(sec, 0)); d > ReplayWindow || d < -ReplayWindow {
		return ErrStale
	}
	want := WebhookSignature(secret, sec, body)
	if !hmac.Equal([]byte(want), []byte(signature)) {
		return ErrBadSignature
	}
	return nil
}
