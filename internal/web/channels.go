package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kam/internal/kam"
)

// The push channels' pages (通知渠道): an admin keeps channels for everyone's
// events, a manager for their team's (service/push.go decides who may).
// The webhook address and the secret are write-only: the forms never show
// them again once saved.

func (a *app) channelRoutes() []route {
	return []route{
		{Method: "GET", Path: "/channels", Handle: a.channelsPage},
		{Method: "POST", Path: "/channels", Handle: a.createChannel},
		{Method: "GET", Path: "/channels/{id}", Handle: a.channelPage},
		{Method: "POST", Path: "/channels/{id}", Handle: a.updateChannel},
		{Method: "POST", Path: "/channels/{id}/test", Handle: a.testChannel},
		{Method: "POST", Path: "/channels/{id}/delete", Handle: a.deleteChannel},
	}
}

// channelMessages are the catalogue entries of the channels' pages.
var channelMessages = map[string]kam.Text{
	"channels.title":     kam.T("Push channels", "通知渠道"),
	"channels.intro":     kam.T("Chat group robots and webhooks that receive kam's pushes. See docs/integrations.md for what to copy from each platform.", "接收 kam 通知的群机器人和 Webhook。各平台需要复制哪些内容，见 docs/integrations.md。"),
	"channels.none":      kam.T("No channels yet.", "还没有通知渠道。"),
	"channels.new":       kam.T("Add a channel", "添加通知渠道"),
	"channels.kind":      kam.T("Platform", "平台"),
	"channels.language":  kam.T("Language of messages", "消息语言"),
	"channels.url":       kam.T("Webhook address", "Webhook 地址"),
	"channels.secret":    kam.T("Secret (钉钉 加签, 飞书 签名校验, webhook)", "密钥（钉钉加签、飞书签名校验、Webhook）"),
	"channels.writeonly": kam.T("Saved and never shown again; leave empty to keep the stored one.", "保存后不再显示；留空则保留已保存的值。"),
	"channels.events":    kam.T("Events", "事件"),
	"channels.mentions":  kam.T("@-mentions (钉钉/企业微信): one a line, kam user id, then user:<platform user id> or mobile:<number>", "@提醒（钉钉/企业微信）：每行一个，kam 用户编号，然后 user:<平台用户 ID> 或 mobile:<手机号>"),
	"channels.save":      kam.T("Save", "保存"),
	"channels.test":      kam.T("Send test message", "发送测试消息"),
	"channels.delete":    kam.T("Delete channel", "删除渠道"),
	"channels.pushes":    kam.T("Deliveries", "投递记录"),
	"channels.status":    kam.Field("status").Label(),
	"channels.attempts":  kam.T("Attempts", "尝试次数"),
	"channels.lasterror": kam.T("Last answer", "最近一次结果"),
	"channels.queued":    kam.T("Test message queued.", "测试消息已排队。"),
}

type channelsData struct {
	Channels []kam.PushChannel
	Fields   channelFields
	Errors   []string
}

type channelData struct {
	Channel kam.PushChannel
	Fields  channelFields
	Errors  []string
	Pushes  []pushRow
}

// channelFields is what the channel-fields partial shows.
type channelFields struct {
	Form   *Form
	Kinds  []kam.ChannelKind
	Events []eventBox
}

type eventBox struct {
	Event   kam.PushEvent
	Checked bool
}

func fieldsOf(f *Form) channelFields {
	cf := channelFields{Form: f, Kinds: kam.ChannelKinds}
	for _, e := range kam.PushEvents {
		cf.Events = append(cf.Events, eventBox{Event: e, Checked: slices.Contains(f.Values["events"], string(e))})
	}
	return cf
}

type pushRow struct {
	kam.Push
	Tries []kam.DeliveryAttempt
}

// channelsAllowed: only admins and managers keep channels; the pages do
// not exist for sellers.
func channelsAllowed(c *call) bool {
	return c.User.Role == kam.RoleAdmin || c.User.Role == kam.RoleManager
}

func formErrors(f *Form, l kam.Locale) []string {
	var out []string
	for k, m := range f.Errors {
		out = append(out, k+": "+m.In(l))
	}
	slices.Sort(out)
	return out
}

func (a *app) channelsPage(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.renderChannels(w, r, c, newForm("/channels"))
}

func (a *app) renderChannels(w http.ResponseWriter, r *http.Request, c *call, f *Form) error {
	if !channelsAllowed(c) {
		return kam.ErrNotFound
	}
	list, err := a.svc.PushChannels(r.Context(), c.Actor)
	if err != nil {
		return err
	}
	if f.Get("locale") == "" {
		f.Set("locale", string(c.Locale))
	}
	return a.renderPage(w, r, c, f.Status(), "channels", &Page{Section: "admin", Data: channelsData{
		Channels: list, Fields: fieldsOf(f), Errors: formErrors(f, c.Locale)}})
}

// channelFrom reads a channel's fields from the form.
func channelFrom(f *Form) kam.PushChannel {
	ch := kam.PushChannel{Name: f.Text("name"), Kind: kam.ChannelKind(f.Get("kind")), Locale: kam.Locale(f.Get("locale")),
		URL: strings.TrimSpace(f.Get("url")), Secret: strings.TrimSpace(f.Get("secret"))}
	for _, e := range f.Values["events"] {
		ch.Events = append(ch.Events, kam.PushEvent(e))
	}
	raw := f.Get("mentions")
	if len(raw) > 20000 || !validText(raw) {
		f.Errors["mentions"] = kam.T("is too long or not text", "过长或不是文本")
		return ch
	}
	for n, line := range strings.Split(raw, "\n") {
		parts := strings.Fields(line)
		if len(parts) == 0 {
			continue
		}
		id, err := strconv.ParseInt(parts[0], 10, 64)
		kind, val, ok := "", "", len(parts) == 2
		if ok {
			kind, val, ok = strings.Cut(parts[1], ":")
			ok = ok && val != "" && len(val) <= 64 && (kind == "user" || kind == "mobile")
		}
		if err != nil || id <= 0 || !ok {
			f.Errors["mentions"] = kam.T(fmt.Sprintf("line %d: want a kam user id, then user:<id> or mobile:<number>", n+1),
				fmt.Sprintf("第 %d 行：应为 kam 用户编号，然后 user:<ID> 或 mobile:<手机号>", n+1))
			continue
		}
		if ch.Mentions == nil {
			ch.Mentions = map[int64]kam.PushMention{}
		}
		m := ch.Mentions[id]
		if kind == "user" {
			m.UserID = val
		} else {
			m.Mobile = val
		}
		ch.Mentions[id] = m
	}
	return ch
}

func (a *app) createChannel(w http.ResponseWriter, r *http.Request, c *call) error {
	if !channelsAllowed(c) {
		return kam.ErrNotFound
	}
	f, err := formFrom(r, "/channels")
	if err != nil {
		return err
	}
	ch := channelFrom(f)
	if !f.Invalid() {
		created, err := a.svc.CreatePushChannel(r.Context(), c.Actor, ch)
		if err == nil {
			return seeOther(w, r, "/channels/"+strconv.FormatInt(created.ID, 10))
		}
		if !f.Take(err) {
			return err
		}
	}
	f.Values.Del("url")
	f.Values.Del("secret")
	return a.renderChannels(w, r, c, f)
}

func (a *app) channelID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, kam.ErrNotFound
	}
	return id, nil
}

func channelForm(ch kam.PushChannel) *Form {
	f := newForm("/channels/" + strconv.FormatInt(ch.ID, 10))
	f.Set("name", ch.Name)
	f.Set("kind", string(ch.Kind))
	f.Set("locale", string(ch.Locale))
	for _, e := range ch.Events {
		f.Values.Add("events", string(e))
	}
	var lines []string
	for id, m := range ch.Mentions {
		if m.UserID != "" {
			lines = append(lines, fmt.Sprintf("%d user:%s", id, m.UserID))
		}
		if m.Mobile != "" {
			lines = append(lines, fmt.Sprintf("%d mobile:%s", id, m.Mobile))
		}
	}
	slices.Sort(lines)
	f.Set("mentions", strings.Join(lines, "\n"))
	f.Version = ch.Version
	return f
}

func (a *app) channelPage(w http.ResponseWriter, r *http.Request, c *call) error {
	if !channelsAllowed(c) {
		return kam.ErrNotFound
	}
	id, err := a.channelID(r)
	if err != nil {
		return err
	}
	ch, err := a.svc.PushChannel(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	return a.renderChannel(w, r, c, ch, channelForm(ch))
}

// channelPushes is how many of a channel's newest pushes its page lists.
const channelPushes = 50

func (a *app) renderChannel(w http.ResponseWriter, r *http.Request, c *call, ch kam.PushChannel, f *Form) error {
	pushes, err := a.svc.Pushes(r.Context(), c.Actor, ch.ID, channelPushes)
	if err != nil {
		return err
	}
	rows := make([]pushRow, len(pushes))
	for i, p := range pushes {
		rows[i].Push = p
		if p.Attempts > 0 {
			if rows[i].Tries, err = a.svc.PushAttempts(r.Context(), c.Actor, ch.ID, p.ID); err != nil {
				return err
			}
		}
	}
	return a.renderPage(w, r, c, f.Status(), "channel", &Page{Section: "admin", Data: channelData{
		Channel: ch, Fields: fieldsOf(f), Errors: formErrors(f, c.Locale), Pushes: rows}})
}

func (a *app) updateChannel(w http.ResponseWriter, r *http.Request, c *call) error {
	if !channelsAllowed(c) {
		return kam.ErrNotFound
	}
	id, err := a.channelID(r)
	if err != nil {
		return err
	}
	cur, err := a.svc.PushChannel(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	f, err := formFrom(r, "/channels/"+strconv.FormatInt(id, 10))
	if err != nil {
		return err
	}
	ch := channelFrom(f)
	if !f.Invalid() {
		_, err := a.svc.UpdatePushChannel(r.Context(), c.Actor, id, f.Int64("version"), ch)
		if err == nil {
			return seeOther(w, r, "/channels/"+strconv.FormatInt(id, 10))
		}
		if !f.Take(err) {
			return err
		}
	}
	f.Values.Del("url")
	f.Values.Del("secret")
	return a.renderChannel(w, r, c, cur, f)
}

func (a *app) testChannel(w http.ResponseWriter, r *http.Request, c *call) error {
	if !channelsAllowed(c) {
		return kam.ErrNotFound
	}
	id, err := a.channelID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.QueueTestPush(r.Context(), c.Actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/channels/"+strconv.FormatInt(id, 10))
}

func (a *app) deleteChannel(w http.ResponseWriter, r *http.Request, c *call) error {
	if !channelsAllowed(c) {
		return kam.ErrNotFound
	}
	id, err := a.channelID(r)
	if err != nil {
		return err
	}
	if err := a.svc.DeletePushChannel(r.Context(), c.Actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/channels")
}
