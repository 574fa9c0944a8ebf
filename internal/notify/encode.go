package notify

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
)

// encode builds the JSON body t's platform expects for m, sent at time at.
func encode(t Target, m Message, at time.Time) ([]byte, error) {
	switch t.Kind {
	case kam.ChannelWeCom:
		return json.Marshal(map[string]any{
			"msgtype":  "markdown",
			"markdown": map[string]string{"content": weComMarkdown(m)},
		})
	case kam.ChannelDingTalk:
		var mobiles, ids []string
		for _, p := range m.Mentions {
			if p.Mobile != "" {
				mobiles = append(mobiles, p.Mobile)
			} else if p.UserID != "" {
				ids = append(ids, p.UserID)
			}
		}
		text := markdown(m)
		// 钉钉 @-mentions a member only when the text names them too.
		for _, mob := range mobiles {
			text += " @" + mob
		}
		for _, id := range ids {
			text += " @" + id
		}
		return json.Marshal(map[string]any{
			"msgtype":  "markdown",
			"markdown": map[string]string{"title": m.Title, "text": text},
			"at":       map[string]any{"atMobiles": nonNil(mobiles), "atUserIds": nonNil(ids), "isAtAll": false},
		})
	case kam.ChannelFeishu:
		lang := "zh_cn"
		if m.Locale == kam.LocaleEN {
			lang = "en_us"
		}
		var content [][]map[string]string
		for _, l := range m.Lines {
			content = append(content, []map[string]string{{"tag": "text", "text": l}})
		}
		if m.Link != "" {
			content = append(content, []map[string]string{{"tag": "a", "text": linkText(m), "href": m.Link}})
		}
		body := map[string]any{
			"msg_type": "post",
			"content":  map[string]any{"post": map[string]any{lang: map[string]any{"title": m.Title, "content": content}}},
		}
		if t.Secret != "" {
			sec := at.Unix()
			body["timestamp"] = strconv.FormatInt(sec, 10)
			body["sign"] = FeishuSign(t.Secret, sec)
		}
		return json.Marshal(body)
	case kam.ChannelSlack:
		var b strings.Builder
		fmt.Fprintf(&b, "*%s*", slackEscape(m.Title))
		for _, l := range m.Lines {
			b.WriteString("\n" + slackEscape(l))
		}
		if m.Link != "" {
			fmt.Fprintf(&b, "\n<%s|%s>", m.Link, slackEscape(linkText(m)))
		}
		return json.Marshal(map[string]string{"text": b.String()})
	case kam.ChannelWebhook:
		return json.Marshal(map[string]any{
			"id": m.ID, "event": m.Event, "locale": m.Locale,
			"title": m.Title, "lines": nonNil(m.Lines), "link": m.Link,
			"sent_at": at.UTC().Format(time.RFC3339),
		})
	}
	return nil, fmt.Errorf("notify: unknown channel kind %q", t.Kind)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func linkText(m Message) string {
	if m.LinkText != "" {
		return m.LinkText
	}
	return kam.T("Open in kam", "在 kam 中查看").In(m.Locale)
}

// markdown is m as the markdown both robots read: a heading, the lines as
// a list, the link. The lines' own markdown characters are escaped so a
// deal named "**urgent**" reads as written.
func markdown(m Message) string {
	var b strings.Builder
	b.WriteString("### " + mdEscape(m.Title) + "\n")
	for _, l := range m.Lines {
		b.WriteString("\n- " + mdEscape(l))
	}
	if m.Link != "" {
		fmt.Fprintf(&b, "\n\n[%s](%s)", mdEscape(linkText(m)), m.Link)
	}
	return b.String()
}

func weComMarkdown(m Message) string {
	s := markdown(m)
	var ids []string
	for _, p := range m.Mentions {
		if p.UserID != "" {
			ids = append(ids, "<@"+p.UserID+">")
		}
	}
	if len(ids) > 0 {
		s += "\n" + strings.Join(ids, " ")
	}
	return s
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "\n", " ", "\r", " ")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

var slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func slackEscape(s string) string { return slackEscaper.Replace(s) }
