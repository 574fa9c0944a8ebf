package method

import (
	"strconv"
	"strings"

	"kam/internal/kam"
)

// detail writes the detail text of one finding, the English sentence and
// then the Chinese one, into the view's text buffer, and raises the finding
// with it. A rule fills it in the order it reads:
//
//	d := v.text()
//	d.en(v.name(i), " is the only coach.")
//	d.zh(v.name(i), " 是唯一的教练。")
//	d.flag(RuleSingleCoach, -1, id)
//
// Everything written before the first zh call is English. The texts cost no
// allocation of their own: Evaluate cuts every finding's texts out of one
// string at the end.
type detail struct {
	v          *view
	start, mid int
}

// text starts the detail text of the next finding.
func (v *view) text() detail { return detail{v: v, start: len(v.txt), mid: -1} }

// en appends parts to the English sentence.
func (d *detail) en(parts ...string) { d.put(parts...) }

// zh appends parts to the Chinese sentence; the first call ends the English one.
func (d *detail) zh(parts ...string) {
	if d.mid < 0 {
		d.mid = len(d.v.txt)
	}
	d.put(parts...)
}

// put appends parts to the sentence being written, English or Chinese.
func (d *detail) put(parts ...string) {
	for _, s := range parts {
		d.v.txt = append(d.v.txt, s...)
	}
}

// int appends n in decimal to the sentence being written.
func (d *detail) int(n int) { d.v.txt = strconv.AppendInt(d.v.txt, int64(n), 10) }

// score appends x rounded to a whole number.
func (d *detail) score(x float64) { d.v.txt = strconv.AppendFloat(d.v.txt, x, 'f', 0, 64) }

// join appends parts with sep between them.
func (d *detail) join(parts []string, sep string) {
	for k, s := range parts {
		if k > 0 {
			d.v.txt = append(d.v.txt, sep...)
		}
		d.v.txt = append(d.v.txt, s...)
	}
}

// names appends the names of buyers idx with sep between them.
func (d *detail) names(idx []int, sep string) {
	for k, i := range idx {
		if k > 0 {
			d.v.txt = append(d.v.txt, sep...)
		}
		d.v.txt = append(d.v.txt, d.v.name(i)...)
	}
}

// flag raises a finding of rule about buyer i (the opportunity when i < 0)
// with the text written so far as its detail; facts feed the fingerprint.
func (d *detail) flag(rule string, i int, facts ...string) *Finding {
	if d.mid < 0 {
		d.mid = len(d.v.txt)
	}
	f := d.v.add(rule, i, kam.Text{}, facts...)
	d.v.meta[len(d.v.meta)-1].span = textSpan{int32(d.start), int32(d.mid), int32(len(d.v.txt))}
	return f
}

// flagRating raises a finding of rule about buyer i whose detail is i's
// rating. Like every detail about a buyer, it does not repeat the buyer's
// name (Finding.SubjectName carries it).
func (v *view) flagRating(rule string, i int) *Finding {
	r := v.p.Influences[i].Rating
	d := v.text()
	if r == nil {
		d.en("Not rated.")
		d.zh("尚未评定支持度。")
		return d.flag(rule, i, ratingFact(r))
	}
	d.en("Rated ", signed(*r), ".")
	d.zh("支持度为 ", signed(*r), "。")
	return d.flag(rule, i, ratingFact(r))
}

// The labels the rules' texts speak, read once from kam.Label (the one
// vocabulary) so that a text costs no interface conversion per finding. The
// English of each is lower-cased, a word inside a sentence ("senior
// manager").
var (
	influenceWords = wordsOf(kam.Influences)
	seniorityWords = wordsOf(kam.Seniorities)
	contactWords   = wordsOf(kam.ContactLevels)
	// modeNames keep their capitals: the modes are names ("Even Keel").
	modeNames = func() map[kam.ResponseMode]kam.Text {
		m := make(map[kam.ResponseMode]kam.Text, len(kam.ResponseModes))
		for _, x := range kam.ResponseModes {
			m[x] = kam.Label(x)
		}
		return m
	}()
)

// wordsOf returns kam.Label of every value of an enum, English lower-cased.
func wordsOf[T comparable](values []T) map[T]kam.Text {
	m := make(map[T]kam.Text, len(values))
	for _, x := range values {
		t := kam.Label(x)
		m[x] = kam.Text{EN: strings.ToLower(t.EN), ZH: t.ZH}
	}
	return m
}

// word returns value x's label from words, or kam.Label's when words lacks
// it (a value added to kam since).
func word[T comparable](words map[T]kam.Text, x T) kam.Text {
	if t, ok := words[x]; ok {
		return t
	}
	t := kam.Label(x)
	return kam.Text{EN: strings.ToLower(t.EN), ZH: t.ZH}
}

// day writes a date as YYYY-MM-DD ("" when unset) without time.Format,
// which dominates the cost of rules that fire on many buyers.
func day(d kam.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Time().Date()
	if y < 0 || y > 9999 {
		return d.String()
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + dd/10), byte('0' + dd%10)}
	return string(b[:])
}

// ids returns the ids of buyers idx, for a fingerprint.
func (v *view) ids(idx []int) []string {
	s := make([]string, len(idx))
	for k, i := range idx {
		s[k] = strconv.FormatInt(v.p.Influences[i].ID, 10)
	}
	return s
}

// signedRatings and plainRatings spell the ratings -5…+5 without
// allocating; other values are formatted.
var (
	signedRatings = [...]string{"-5", "-4", "-3", "-2", "-1", "0", "+1", "+2", "+3", "+4", "+5"}
	plainRatings  = [...]string{"-5", "-4", "-3", "-2", "-1", "0", "1", "2", "3", "4", "5"}
)

func signed(r int) string {
	if r >= -5 && r <= 5 {
		return signedRatings[r+5]
	}
	if r > 0 {
		return "+" + strconv.Itoa(r)
	}
	return strconv.Itoa(r)
}

func ratingFact(r *int) string {
	if r == nil {
		return "unrated"
	}
	if *r >= -5 && *r <= 5 {
		return plainRatings[*r+5]
	}
	return strconv.Itoa(*r)
}
