package method

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"kam/internal/kam"
)

// SubjectOpportunity is the subject of a finding about the whole deal.
const SubjectOpportunity = "opportunity"

// Finding is one red flag raised on an opportunity.
type Finding struct {
	Rule        string       `json:"rule"`
	Severity    kam.Severity `json:"severity"`
	Subject     string       `json:"subject"`      // "opportunity" or "influence:<id>"
	InfluenceID int64        `json:"influence_id"` // 0 for the opportunity
	// SubjectName is the buyer's name, "" for the opportunity. A buyer's
	// Detail does not repeat it: the surfaces show it before the detail.
	SubjectName string   `json:"subject_name,omitempty"`
	Title       kam.Text `json:"title"`  // short name of the flag
	Why         kam.Text `json:"why"`    // why it matters, in the method's words
	Next        kam.Text `json:"next"`   // what to do next
	Detail      kam.Text `json:"detail"` // the facts behind it; may be empty
	// Candidates are the people the finding suggests, best first: the
	// buyers who could become a new coach (no-coach, coach-left), or the
	// contacts not yet on the map who influence a key buyer
	// (unseen-influencer; InfluenceID 0).
	Candidates []Candidate `json:"candidates,omitempty"`
	// Fingerprint is a stable hash of the facts behind the finding. An
	// acceptance holds only while the fingerprint stays the same.
	Fingerprint string `json:"fingerprint"`
	// Accepted is the seller's acceptance of this very finding (same rule,
	// subject and fingerprint), or nil when the finding is open.
	Accepted *kam.AcceptedFinding `json:"accepted,omitempty"`
	// ContactID and ContactName name the person behind InfluenceID, so a
	// reader needs no join; empty for a finding about the opportunity.
	ContactID   int64  `json:"contact_id,omitempty"`
	ContactName string `json:"contact_name,omitempty"`
}

// Open reports whether the finding has not been accepted.
func (f *Finding) Open() bool { return f.Accepted == nil }

// Candidate is a person a finding suggests: a buyer who could become a new
// coach, or a contact to add as a buyer.
type Candidate struct {
	ContactID   int64    `json:"contact_id"`
	InfluenceID int64    `json:"influence_id"`
	Name        string   `json:"name"`
	Score       float64  `json:"score"`
	Reason      kam.Text `json:"reason"`
}

// SubjectOf returns the subject string of a finding about buying influence id.
func SubjectOf(influenceID int64) string {
	return "influence:" + strconv.FormatInt(influenceID, 10)
}

// Evaluate runs every rule of the catalogue on the picture and returns the
// findings, sorted by severity (high first), then catalogue order, then
// subject (the opportunity before its buyers, buyers by id). A finding whose
// rule, subject and fingerprint match an entry of p.Accepted carries it in
// Accepted. The settings are used as given; check them with Validate first.
//
// For a decided deal, pass the day it closed as now to see the flags as they
// stood; level conditions ("In the funnel or later") then read the level the
// deal reached.
func Evaluate(p *kam.OpportunityPicture, s Settings, now time.Time) []Finding {
	v := viewPool.Get().(*view)
	defer v.release()
	order := v.run(p, s, now)
	if len(order) == 0 {
		return nil
	}
	return v.finish(order, make([]Finding, len(order)))
}

// Evaluator evaluates many pictures one after the other for a caller that
// reads each picture's findings and drops them before the next — counts,
// summaries, health factors — and so needs no slice of findings per deal.
//
// THE FINDINGS AN EVALUATOR RETURNS ARE VALID ONLY UNTIL ITS NEXT CALL: the
// next Evaluate overwrites the slice they live in. Do not keep the slice,
// a sub-slice, or a pointer into it (&fs[i]) past the next call; copy a
// Finding (a struct copy is enough: its strings are ordinary immutable
// strings and stay valid) to keep it. Callers that keep findings use the
// package's Evaluate.
//
// The zero Evaluator is ready to use. An Evaluator is not safe for
// concurrent use, and it keeps the last picture's findings (and through
// them parts of the picture) reachable until its next call or until it is
// dropped.
type Evaluator struct {
	v   view
	out []Finding
}

// Evaluate is the package's Evaluate, with the same findings in the same
// order, into a slice that the next call reuses (see Evaluator).
func (e *Evaluator) Evaluate(p *kam.OpportunityPicture, s Settings, now time.Time) []Finding {
	v := &e.v
	order := v.run(p, s, now)
	n := len(order)
	if n == 0 {
		v.p = nil
		return nil
	}
	if cap(e.out) < n {
		e.out = make([]Finding, n, max(n, 2*cap(e.out)))
	}
	fs := v.finish(order, e.out[:n])
	v.p = nil
	return fs
}

// run resets v to picture p, runs every rule and returns the positions of
// v.out in the order of the findings.
func (v *view) run(p *kam.OpportunityPicture, s Settings, now time.Time) []int32 {
	if v.out == nil {
		v.out = make([]Finding, 0, 32)
	}
	v.out = v.out[:0]
	v.reset(p, s, now)
	for k, rule := range firstRules {
		v.cur = firstRuleIndex[k]
		rule(v)
	}
	from := v.markAccepted(0)
	for _, id := range laterRules {
		v.cur = catalogueIndex[id]
		rules[id](v)
		from = v.markAccepted(from)
	}
	// Sort positions, not the large findings.
	order := v.orderBuf[:0]
	for k := range v.out {
		order = append(order, int32(k))
	}
	slices.SortStableFunc(order, v.compare)
	v.orderBuf = order
	return order
}

// finish copies the findings of v.out, in order, into out (of length
// len(order)) and returns it. One allocation holds every detail text the
// rules wrote and every fingerprint; each finding's are slices of it.
func (v *view) finish(order []int32, out []Finding) []Finding {
	fps := len(v.txt)
	for _, i := range order {
		b := v.meta[i].fp.hex()
		v.txt = append(v.txt, b[:]...)
	}
	all := string(v.txt)
	for k, i := range order {
		out[k] = v.out[i]
		if sp := v.meta[i].span; sp.start >= 0 {
			out[k].Detail = kam.Text{EN: all[sp.start:sp.mid], ZH: all[sp.mid:sp.end]}
		}
		at := fps + k*fingerprintLen
		out[k].Fingerprint = all[at : at+fingerprintLen]
	}
	return out
}

// textSpan locates a finding's detail text in view.txt: English in
// [start, mid), Chinese in [mid, end); start < 0 when the finding carries
// its Detail itself.
type textSpan struct{ start, mid, end int32 }

// findingMeta is what Evaluate keeps beside each finding of view.out until
// it returns them; kept out of Finding so that the slice it returns stays
// small.
type findingMeta struct {
	span textSpan
	// order is the rule's place in the catalogue.
	order int32
	// fp is the fingerprint's hash; Evaluate writes every finding's
	// Fingerprint from it at the end, into one string for all of them.
	fp hasher
}

// viewPool recycles the working memory of Evaluate: a view and its findings
// buffer are the bulk of its allocations otherwise.
var viewPool = sync.Pool{New: func() any { return &view{out: make([]Finding, 0, 32)} }}

// compare orders findings i and j of v.out: severity (high first), then
// catalogue order, then subject (the opportunity before its buyers, buyers
// by id).
func (v *view) compare(i, j int32) int {
	a, b := &v.out[i], &v.out[j]
	if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
		return c
	}
	if c := cmp.Compare(v.meta[i].order, v.meta[j].order); c != 0 {
		return c
	}
	if c := cmp.Compare(a.InfluenceID, b.InfluenceID); c != 0 {
		return c
	}
	return strings.Compare(a.Subject, b.Subject)
}

// view is one picture prepared for the rules: contacts matched to buyers
// once, the last interaction per buyer found once.
type view struct {
	p     *kam.OpportunityPicture
	s     Settings
	now   time.Time
	today kam.Date
	open  bool
	// level is the level conditions read: the set level while the deal is
	// open, the level it reached once decided.
	level kam.FunnelLevel
	// contacts[i] is the contact of p.Influences[i], nil when absent.
	contacts []*kam.Contact
	// lastSeen[i] indexes the latest interaction (not after now) with
	// feedback from buyer i, or -1.
	lastSeen []int
	// lastFeedback[i] is buyer i's feedback in that interaction.
	lastFeedback []kam.Feedback
	out          []Finding
	// buf backs contacts and lastSeen to keep allocations per picture low.
	contactBuf  [16]*kam.Contact
	lastSeenBuf [16]int
	feedbackBuf [16]kam.Feedback
	subjectBuf  [16]string
	orderBuf    []int32
	// txt holds the detail texts the rules write through text(), one after
	// the other; meta[k].span locates finding k's (Evaluate cuts them out of
	// one string at the end, so a finding's texts cost no allocation of
	// their own).
	txt  []byte
	meta []findingMeta
	// subjects holds the subject strings of buyers 0…15, cut from one
	// string built on first use.
	subjects string
	cur      int // the running rule's place in the catalogue
}

// release clears every reference to the picture and findings, so the pool
// keeps no caller data alive, and returns v to the pool.
func (v *view) release() {
	clear(v.out)
	v.out = v.out[:0]
	v.contactBuf = [16]*kam.Contact{}
	v.subjectBuf = [16]string{}
	v.p, v.contacts, v.lastSeen, v.lastFeedback = nil, nil, nil, nil
	v.txt, v.meta, v.subjects = v.txt[:0], v.meta[:0], ""
	viewPool.Put(v)
}

// newView prepares a fresh view; tests use it to call single rules.
func newView(p *kam.OpportunityPicture, s Settings, now time.Time) *view {
	v := &view{}
	v.reset(p, s, now)
	return v
}

func (v *view) reset(p *kam.OpportunityPicture, s Settings, now time.Time) {
	v.p, v.s, v.now, v.today = p, s, now, kam.DateOf(now)
	v.txt, v.meta, v.subjects = v.txt[:0], v.meta[:0], ""
	v.subjectBuf = [16]string{}
	o := &p.Opportunity
	v.open = o.Level.Open()
	v.level = o.Level
	if !v.open && o.ReachedLevel != "" {
		v.level = o.ReachedLevel
	}
	n := len(p.Influences)
	if n <= len(v.contactBuf) {
		v.contacts = v.contactBuf[:n]
		v.lastSeen = v.lastSeenBuf[:n]
		v.lastFeedback = v.feedbackBuf[:n]
	} else {
		v.contacts = make([]*kam.Contact, n)
		v.lastSeen = make([]int, n)
		v.lastFeedback = make([]kam.Feedback, n)
	}
	// Pictures hold a handful of contacts: a scan beats building a map.
	var byID map[int64]*kam.Contact
	if len(p.Contacts) > 32 {
		byID = make(map[int64]*kam.Contact, len(p.Contacts))
		for i := range p.Contacts {
			byID[p.Contacts[i].ID] = &p.Contacts[i]
		}
	}
	for i := range p.Influences {
		id := p.Influences[i].ContactID
		v.lastSeen[i] = -1
		if byID != nil {
			v.contacts[i] = byID[id]
			continue
		}
		for j := range p.Contacts {
			if p.Contacts[j].ID == id {
				v.contacts[i] = &p.Contacts[j]
				break
			}
		}
	}
	for k := range p.Interactions {
		in := &p.Interactions[k]
		if in.At.After(now) {
			continue // planned, not yet held
		}
		for _, fb := range in.Feedback {
			i := v.influenceOfContact(fb.ContactID)
			if i < 0 {
				continue
			}
			if last := v.lastSeen[i]; last < 0 || in.At.After(p.Interactions[last].At) {
				v.lastSeen[i] = k
				v.lastFeedback[i] = fb.Feedback
			}
		}
	}
}

func (v *view) influenceOfContact(contactID int64) int {
	for i := range v.p.Influences {
		if v.p.Influences[i].ContactID == contactID {
			return i
		}
	}
	return -1
}

func (v *view) influenceByID(id int64) int {
	for i := range v.p.Influences {
		if v.p.Influences[i].ID == id {
			return i
		}
	}
	return -1
}

// departed reports whether buyer i's person has left the company or moved
// to another post.
func (v *view) departed(i int) bool {
	c := v.contacts[i]
	return c != nil && c.Status.Gone()
}

// present reports whether buyer i still holds their post. Rules about roles
// and buyers read only present buyers; coach-left speaks of the others.
func (v *view) present(i int) bool { return !v.departed(i) }

func (v *view) seniority(i int) kam.Seniority {
	if c := v.contacts[i]; c != nil {
		return c.Seniority
	}
	return kam.SeniorityUnknown
}

func (v *view) name(i int) string {
	if c := v.contacts[i]; c != nil && c.Name != "" {
		return c.Name
	}
	return "#" + strconv.FormatInt(v.p.Influences[i].ContactID, 10)
}

// subject returns buyer i's subject string. The first call builds the
// subjects of the first 16 buyers in one string.
func (v *view) subject(i int) string {
	if i >= len(v.subjectBuf) {
		return SubjectOf(v.p.Influences[i].ID)
	}
	if v.subjects == "" {
		n := min(len(v.p.Influences), len(v.subjectBuf))
		var ends [16]int
		b := make([]byte, 0, n*(len("influence:")+6))
		for k := range n {
			b = append(b, "influence:"...)
			b = strconv.AppendInt(b, v.p.Influences[k].ID, 10)
			ends[k] = len(b)
		}
		v.subjects = string(b)
		start := 0
		for k := range n {
			v.subjectBuf[k] = v.subjects[start:ends[k]]
			start = ends[k]
		}
	}
	return v.subjectBuf[i]
}

// atLeastIn reports whether the deal stands (or stood) In the funnel or at
// Best few.
func (v *view) atLeastIn() bool { return v.level == kam.LevelIn || v.level == kam.LevelBestFew }

// add appends a finding of rule about buyer i (or the opportunity when i < 0)
// and returns it for the rule to complete. facts feed the fingerprint.
func (v *view) add(rule string, i int, detail kam.Text, facts ...string) *Finding {
	// The running rule's place is known; the map is the fallback.
	k := v.cur
	if catalogue[k].ID != rule {
		k = catalogueIndex[rule]
	}
	info := &catalogue[k]
	v.out = append(v.out, Finding{
		Rule:     rule,
		Severity: info.Severity,
		Subject:  SubjectOpportunity,
		Title:    info.Title,
		Why:      info.Why,
		Next:     info.Next,
		Detail:   detail,
	})
	f := &v.out[len(v.out)-1]
	if i >= 0 {
		f.InfluenceID = v.p.Influences[i].ID
		f.ContactID = v.p.Influences[i].ContactID
		if c := v.contacts[i]; c != nil {
			f.ContactName = c.Name
		}
		f.Subject = v.subject(i)
		f.SubjectName = v.name(i)
	}
	h := ruleHashes[k] // the hash of the rule's id, computed once
	h.write(f.Subject)
	for _, s := range facts {
		h.write(s)
	}
	v.meta = append(v.meta, findingMeta{span: textSpan{start: -1}, order: int32(k), fp: h})
	return f
}

// markAccepted sets Accepted on findings from index from on, and returns the
// index where the next batch starts.
func (v *view) markAccepted(from int) int {
	if len(v.p.Accepted) > 0 {
		for k := from; k < len(v.out); k++ {
			f := &v.out[k]
			for j := range v.p.Accepted {
				a := &v.p.Accepted[j]
				if a.RuleID == f.Rule && a.Subject == f.Subject && v.meta[k].fp.matches(a.Fingerprint) {
					acc := *a
					f.Accepted = &acc
					break
				}
			}
		}
	}
	return len(v.out)
}

// fingerprintLen is the length of a fingerprint: 16 hex digits.
const fingerprintLen = 16

// ruleHashes[k] is the hasher after the id of catalogue[k]: the start of
// every fingerprint of that rule.
var ruleHashes = func() []hasher {
	hs := make([]hasher, len(catalogue))
	for k := range catalogue {
		hs[k] = hasher(14695981039346656037)
		hs[k].write(catalogue[k].ID)
	}
	return hs
}()

// hasher is 64-bit FNV-1a over parts; a zero byte ends each part so that
// ("ab","c") and ("a","bc") differ.
type hasher uint64

func newHasher(rule, subject string) hasher {
	h := hasher(14695981039346656037)
	h.write(rule)
	h.write(subject)
	return h
}

func (h *hasher) write(s string) {
	const prime = 1099511628211
	x := uint64(*h)
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= prime
	}
	*h = hasher(x * prime) // the separator: xor with 0, then multiply
}

// hex writes the hash as 16 lower-case hex digits.
func (h hasher) hex() [fingerprintLen]byte {
	const digits = "0123456789abcdef"
	var b [fingerprintLen]byte
	x := uint64(h)
	for i := fingerprintLen - 1; i >= 0; i-- {
		b[i] = digits[x&15]
		x >>= 4
	}
	return b
}

// matches reports whether fingerprint s is this hash, without building
// the hash's string.
func (h hasher) matches(s string) bool {
	b := h.hex()
	return s == string(b[:])
}
