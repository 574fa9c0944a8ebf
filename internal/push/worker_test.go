package push_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/notify"
	"kam/internal/push"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// receiver is a generic-webhook receiver that checks the signature with its
// own code and counts, per delivery id, the pushes it acknowledged.
type receiver struct {
	secret string
	mu     sync.Mutex
	seen   map[string]int
	fail   atomic.Int32 // answer 503 to this many requests first
	srv    *httptest.Server
}

func newReceiver(t *testing.T, secret string) *receiver {
	r := &receiver{secret: secret, seen: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		m := hmac.New(sha256.New, []byte(r.secret))
		m.Write([]byte(req.Header.Get("X-Kam-Timestamp") + "." + string(body)))
		if "v1="+hex.EncodeToString(m.Sum(nil)) != req.Header.Get("X-Kam-Signature") {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if r.fail.Add(-1) >= 0 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		r.mu.Lock()
		r.seen[req.Header.Get("X-Kam-Delivery")]++
		r.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) counts() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.seen {
		out[k] = v
	}
	return out
}

type rig struct {
	svc   *service.Service
	admin kam.Actor
	ch    kam.PushChannel
	rcv   *receiver
	mu    sync.Mutex
	now   time.Time
}

func (g *rig) clock() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.now
}

func (g *rig) advance(d time.Duration) {
	g.mu.Lock()
	g.now = g.now.Add(d)
	g.mu.Unlock()
}

func newRig(t *testing.T, db *store.DB) *rig {
	g := &rig{now: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}
	db.Clock = g.clock
	g.svc = service.New(db, service.Options{Now: g.clock, Passwords: auth.CheapParams(), SecretKey: "k"})
	u, err := g.svc.CreateUser(context.Background(), kam.System, kam.User{Email: "admin@example.com", Name: "Admin", Role: kam.RoleAdmin}, "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	g.admin = service.ActorOf(u)
	g.rcv = newReceiver(t, "hook-secret")
	g.ch, err = g.svc.CreatePushChannel(context.Background(), g.admin, kam.PushChannel{Name: "hook", Kind: kam.ChannelWebhook, Locale: kam.LocaleEN, URL: g.rcv.srv.URL + "/kam", Secret: "hook-secret"})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func (g *rig) queue(t *testing.T, n int) {
	for i := 0; i < n; i++ {
		if _, err := g.svc.QueueTestPush(context.Background(), g.admin, g.ch.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func (g *rig) worker(id string) *push.Worker {
	w := push.NewWorker(g.svc, &notify.Sender{Now: g.clock}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	w.ID, w.Lease, w.Now = id, 30*time.Second, g.clock
	return w
}

func (g *rig) statuses(t *testing.T) map[kam.DeliveryStatus]int {
	ps, err := g.svc.Pushes(context.Background(), g.admin, g.ch.ID, 500)
	if err != nil {
		t.Fatal(err)
	}
	out := map[kam.DeliveryStatus]int{}
	for _, p := range ps {
		out[p.Status]++
	}
	return out
}

// A worker that claimed pushes and died before sending them loses none:
// once its claim runs out another worker sends each exactly once.
func TestAWorkerThatDiesMidDeliveryLosesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		g := newRig(t, db)
		g.queue(t, 5)
		dead, err := g.svc.ClaimDeliveries(ctx, "dead-worker", 30*time.Second, 10)
		if err != nil || len(dead) != 5 {
			t.Fatalf("the dying worker claimed %d pushes, %v", len(dead), err)
		}
		live := g.worker("live")
		if n, err := live.RunOnce(ctx); err != nil || n != 0 {
			t.Fatalf("while the claim holds the live worker took %d pushes (%v)", n, err)
		}
		g.advance(31 * time.Second)
		if n, err := live.RunOnce(ctx); err != nil || n != 5 {
			t.Fatalf("after the claim ran out the live worker took %d pushes (%v)", n, err)
		}
		if n, _ := live.RunOnce(ctx); n != 0 {
			t.Errorf("a sent push was taken again: %d", n)
		}
		// The dead worker comes back and records its stale attempt: refused.
		ok, err := g.svc.FinishDelivery(ctx, "dead-worker", dead[0].ID, kam.DeliveryAttempt{At: g.clock(), Status: 500, Error: "late"}, kam.DeliveryPending, g.clock())
		if err != nil || ok {
			t.Errorf("a worker whose claim ran out overwrote the outcome: ok %v, %v", ok, err)
		}
		counts := g.rcv.counts()
		if len(counts) != 5 {
			t.Errorf("the receiver acknowledged %d distinct pushes, want 5: %v", len(counts), counts)
		}
		for id, n := range counts {
			if n != 1 {
				t.Errorf("push %s acknowledged %d times", id, n)
			}
		}
		if st := g.statuses(t); st[kam.DeliverySent] != 5 {
			t.Errorf("statuses %v, want 5 sent", st)
		}
	})
}

// Two workers (two kam instances) working the same outbox at once send
// every push exactly once.
func TestTwoWorkersSendEachPushOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		g := newRig(t, db)
		const n = 60
		g.queue(t, n)
		var wg sync.WaitGroup
		for _, id := range []string{"instance-1", "instance-2"} {
			w := g.worker(id)
			w.Batch = 3
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					k, err := w.RunOnce(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if k == 0 {
						return
					}
				}
			}()
		}
		wg.Wait()
		counts := g.rcv.counts()
		if len(counts) != n {
			t.Errorf("%d distinct pushes acknowledged, want %d", len(counts), n)
		}
		for id, c := range counts {
			if c != 1 {
				t.Errorf("push %s sent %d times", id, c)
			}
		}
	})
}

// A receiver that is down gets the push again later, and every attempt is
// recorded; one that stays down for a day gives a visible failure.
func TestRetriesWithBackoffThenGiveUpAfterADay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		g := newRig(t, db)
		w := g.worker("w")
		g.queue(t, 1)
		g.rcv.fail.Store(1)
		if n, err := w.RunOnce(ctx); err != nil || n != 1 {
			t.Fatalf("first round: %d, %v", n, err)
		}
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Errorf("a failed push was retried without waiting")
		}
		g.advance(40 * time.Second)
		if n, err := w.RunOnce(ctx); err != nil || n != 1 {
			t.Fatalf("after the backoff: %d, %v", n, err)
		}
		ps, err := g.svc.Pushes(ctx, g.admin, g.ch.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if ps[0].Status != kam.DeliverySent || ps[0].Attempts != 2 {
			t.Errorf("push after a retry: %+v", ps[0])
		}
		attempts, err := g.svc.PushAttempts(ctx, g.admin, g.ch.ID, ps[0].ID)
		if err != nil || len(attempts) != 2 || attempts[0].Status != 503 || attempts[1].Status != 204 {
			t.Errorf("attempts %+v, %v", attempts, err)
		}

		g.queue(t, 1)
		g.rcv.fail.Store(1 << 20)
		for i := 0; i < 40 && g.statuses(t)[kam.DeliveryFailed] == 0; i++ {
			if _, err := w.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			g.advance(time.Hour + time.Minute)
		}
		st := g.statuses(t)
		if st[kam.DeliveryFailed] != 1 || st[kam.DeliveryPending] != 0 {
			t.Errorf("after a day of failures: %v, want one failed", st)
		}
		if _, failed, err := g.svc.PushBacklog(ctx); err != nil || failed != 1 {
			t.Errorf("backlog reports %d failed, %v", failed, err)
		}
	})
}
