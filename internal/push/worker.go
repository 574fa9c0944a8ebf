// Package push delivers the outbox: it claims due pushes through the
// service, sends them with notify, and records each attempt, retrying with
// backoff for a day before it gives a push up as failed (shown to the
// admin). Several kam instances may run workers on one PostgreSQL
// database: the claims never overlap (store.ClaimPushes).
package push

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"time"

	"kam/internal/kam"
	"kam/internal/notify"
	"kam/internal/service"
)

// Worker sends the outbox's pushes.
type Worker struct {
	Svc    *service.Service
	Sender *notify.Sender
	// ID names this worker in the claims and the attempts; NewWorker makes
	// one from the host, the process and a random part.
	ID string
	// Lease is how long a claim holds (longer than a send can take).
	Lease time.Duration
	// Batch is how many pushes one round claims.
	Batch int
	// Every is how long the worker waits when the outbox is empty.
	Every time.Duration
	// GiveUpAfter is how long a push is retried before it fails for good.
	GiveUpAfter time.Duration
	// Now is the clock of the backoff; the service's clock when nil.
	Now func() time.Time
	Log *slog.Logger
}

// NewWorker returns a worker with the default lease (1 min), batch (20),
// poll interval (2 s) and retry window (24 h).
func NewWorker(svc *service.Service, sender *notify.Sender, log *slog.Logger) *Worker {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = crand.Read(b)
	if log == nil {
		log = slog.Default()
	}
	return &Worker{Svc: svc, Sender: sender, ID: host + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b),
		Lease: time.Minute, Batch: 20, Every: 2 * time.Second, GiveUpAfter: 24 * time.Hour, Log: log}
}

// Run delivers until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	for {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Error("push: deliver", "err", err)
		}
		wait := w.Every
		if n > 0 && err == nil {
			wait = 0
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// RunOnce claims one batch of due pushes and tries each once, returning
// how many it tried.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	ds, err := w.Svc.ClaimDeliveries(ctx, w.ID, w.Lease, w.Batch)
	if err != nil {
		return 0, err
	}
	for _, d := range ds {
		if err := w.deliver(ctx, d); err != nil {
			return len(ds), err
		}
	}
	return len(ds), nil
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return w.Svc.Now()
}

func (w *Worker) deliver(ctx context.Context, d service.Delivery) error {
	m := d.Message
	mentions := make([]notify.Mention, len(m.Mentions))
	for i, p := range m.Mentions {
		mentions[i] = notify.Mention{UserID: p.UserID, Mobile: p.Mobile}
	}
	res := w.Sender.Send(ctx, notify.Target{Kind: d.Kind, URL: d.URL, Secret: d.Secret}, notify.Message{
		ID: strconv.FormatInt(d.ID, 10), Event: string(m.Event), Locale: m.Locale,
		Title: m.Title, Lines: m.Lines, Link: m.Link, Mentions: mentions,
	})
	if ctx.Err() != nil {
		// Stopping: the claim runs out and another round sends it.
		return ctx.Err()
	}
	now := w.now()
	a := kam.DeliveryAttempt{At: now, Status: res.Status}
	status, next := kam.DeliverySent, now
	if !res.OK() {
		a.Error = res.Err.Error()
		switch {
		case !res.Retry || now.Sub(d.CreatedAt) >= w.GiveUpAfter:
			status = kam.DeliveryFailed
		default:
			status, next = kam.DeliveryPending, now.Add(Backoff(d.Attempts))
		}
	}
	ok, err := w.Svc.FinishDelivery(ctx, w.ID, d.ID, a, status, next)
	if err != nil {
		return fmt.Errorf("record push %d: %w", d.ID, err)
	}
	if !ok {
		w.Log.Warn("push: claim ran out before the attempt was recorded", "push", d.ID)
	}
	if status == kam.DeliveryFailed {
		w.Log.Warn("push: given up", "push", d.ID, "kind", d.Kind, "status", res.Status, "err", a.Error)
	}
	return nil
}

// Backoff is the wait before the next try after n failed ones: 30 s
// doubling up to an hour, with a tenth of jitter so that retries of many
// pushes spread out.
func Backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 0; i < n && d < time.Hour; i++ {
		d *= 2
	}
	d = min(d, time.Hour)
	return d + time.Duration(rand.Int64N(int64(d/10)+1))
}
