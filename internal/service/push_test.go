package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// A channel's address and secret are sealed in the database and never read
// back; a manager keeps only their own team's channels; a rep none.
func TestPushChannelsKeepSecretsAndScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		const hook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY-1"
		admins, err := w.svc.CreatePushChannel(ctx, w.admin, kam.PushChannel{Name: "销售群", Kind: kam.ChannelWeCom, Locale: kam.LocaleZH, URL: hook, Events: []kam.PushEvent{kam.EventDealMoved}})
		if err != nil {
			t.Fatal(err)
		}
		if admins.URL != "" || admins.Secret != "" {
			t.Errorf("the saved channel shows its address: %+v", admins)
		}
		mine, err := w.svc.CreatePushChannel(ctx, w.mA, kam.PushChannel{Name: "华东群", Kind: kam.ChannelDingTalk, Locale: kam.LocaleZH, TeamID: w.teamB.ID,
			URL: "https://oapi.dingtalk.com/robot/send?access_token=T", Secret: "SEC-DING", Events: []kam.PushEvent{kam.EventDealMoved}})
		if err != nil {
			t.Fatal(err)
		}
		if mine.TeamID != w.teamA.ID || !mine.HasSecret {
			t.Errorf("a manager's channel: team %d (want their own %d), has secret %v", mine.TeamID, w.teamA.ID, mine.HasSecret)
		}
		if _, err := w.svc.PushChannel(ctx, w.mB, mine.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("another team's manager reads the channel: %v", err)
		}
		if _, err := w.svc.PushChannel(ctx, w.mA, admins.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("a manager reads the admin's channel: %v", err)
		}
		if _, err := w.svc.PushChannels(ctx, w.a1); !errors.Is(err, kam.ErrForbidden) {
			t.Errorf("a rep lists channels: %v", err)
		}
		_, err = w.svc.CreatePushChannel(ctx, w.admin, kam.PushChannel{Kind: "telegram", Locale: "fr", URL: "ftp://x"})
		for _, f := range []string{"name", "kind", "locale", "url"} {
			fieldErr(t, err, f)
		}
		var stored string
		if err := db.Read(ctx, func(tx *store.Tx) error {
			cs, err := store.ListPushChannels(ctx, tx, nil)
			for _, c := range cs {
				stored += c.URL + c.Secret
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(stored, "plain:") {
			t.Errorf("stored form without a key %q: want it marked plain", stored)
		}
		keyed := service.New(db, service.Options{SecretKey: "server key", Passwords: auth.CheapParams()})
		sealed, err := keyed.CreatePushChannel(ctx, w.admin, kam.PushChannel{Name: "sealed", Kind: kam.ChannelWebhook, Locale: kam.LocaleEN, URL: "https://hooks.example/SEALED-URL", Secret: "SEALED-SECRET"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Read(ctx, func(tx *store.Tx) error {
			c, err := store.GetPushChannel(ctx, tx, sealed.ID)
			if strings.Contains(c.URL+c.Secret, "SEALED") || !strings.HasPrefix(c.URL, "v1:") {
				t.Errorf("with a secret key the database holds %q %q", c.URL, c.Secret)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		recs, _, err := w.svc.Audit(ctx, w.admin, store.AuditFilter{Entity: "push_channel"})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if strings.Contains(r.After+r.Before, "SECRET-KEY-1") || strings.Contains(r.After+r.Before, "SEC-DING") {
				t.Errorf("the audit log holds a secret: %s", r.After)
			}
		}
	})
}

// A deal that moves is pushed, in the transaction of the move, to the
// admin's channel and to its owner's team's channel, not to another team's.
func TestADealMoveIsQueuedWithTheMove(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		ch := func(a kam.Actor, name string, events ...kam.PushEvent) kam.PushChannel {
			c, err := w.svc.CreatePushChannel(ctx, a, kam.PushChannel{Name: name, Kind: kam.ChannelSlack, Locale: kam.LocaleEN, URL: "https://hooks.slack.example/x", Events: events})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		all := ch(w.admin, "all", kam.EventDealMoved)
		teamA := ch(w.mA, "A", kam.EventDealMoved)
		teamB := ch(w.mB, "B", kam.EventDealMoved)
		quiet := ch(w.admin, "flags only", kam.EventFlagNewHigh)
		acct := w.account(t, w.a1, "华远集团")
		o, err := w.svc.Opportunities.Create(ctx, w.a1, kam.Opportunity{AccountID: acct.ID, Name: "OA 项目", Product: "OA", Amount: 100, Currency: "CNY", Level: kam.LevelAbove, OwnerID: w.a1.UserID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Opportunities.Update(ctx, w.a1, o.ID, o.Version, func(v *kam.Opportunity) error { v.Level = kam.LevelIn; return nil }); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			ch   kam.PushChannel
			want int
		}{{all, 1}, {teamA, 1}, {teamB, 0}, {quiet, 0}} {
			a := w.admin
			ps, err := w.svc.Pushes(ctx, a, c.ch.ID, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != c.want {
				t.Errorf("channel %s: %d pushes, want %d", c.ch.Name, len(ps), c.want)
				continue
			}
			if c.want == 1 && (ps[0].Title != "Deal moved: OA 项目" || ps[0].Status != kam.DeliveryPending) {
				t.Errorf("channel %s: push %+v", c.ch.Name, ps[0])
			}
		}
	})
}
