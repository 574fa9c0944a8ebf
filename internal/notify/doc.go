// Package notify sends pushes (通知) to the places a sales team talks: the
// group robots of 企业微信 (WeCom), 钉钉 (DingTalk) and 飞书 (Feishu/Lark), a
// Slack incoming webhook, and a generic JSON webhook signed with
// HMAC-SHA256. It knows each platform's message shape and signature and
// nothing of kam's data: the service hands it a Message and a Target and
// records the Attempt it returns.
//
// Each platform's rules, as the platform documents them:
//
//   - 企业微信 group robot: POST the webhook address (…/cgi-bin/webhook/send?key=KEY)
//     with {"msgtype":"markdown","markdown":{"content":…}}; the answer's
//     errcode is 0 on success. Members are mentioned as <@userid>.
//   - 钉钉 custom robot with 加签: string to sign = timestamp + "\n" + secret,
//     timestamp in milliseconds; sign = URL-encoded base64 of HMAC-SHA256
//     keyed with the secret over that string; both are appended to the
//     webhook address as &timestamp=…&sign=…. Body
//     {"msgtype":"markdown","markdown":{"title":…,"text":…},"at":{…}}; errcode 0.
//   - 飞书 custom bot with 签名校验: string to sign = timestamp + "\n" + secret,
//     timestamp in seconds; sign = base64 of HMAC-SHA256 keyed with that
//     string over an empty message; timestamp and sign go in the JSON body
//     beside msg_type and content; code 0 (or StatusCode 0) on success.
//   - Slack incoming webhook: POST {"text":…}; the answer is "ok".
//   - Generic webhook: POST a JSON event with the headers
//     X-Kam-Timestamp (Unix seconds) and X-Kam-Signature
//     ("v1=" + hex HMAC-SHA256 keyed with the secret over timestamp + "." + body).
//     A receiver recomputes the signature, compares in constant time, and
//     refuses a timestamp older than five minutes (VerifyWebhook does all three).
package notify
