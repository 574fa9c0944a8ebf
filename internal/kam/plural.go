package kam

import "strconv"

// Noun is a countable word of the product in both languages: English has a
// singular and a plural, Chinese one form that follows the number with its
// measure word ("个商机", "位购买影响者").
type Noun struct {
	One, Many string // English: "deal", "deals"
	ZH        string // Chinese, measure word first: "个商机"
}

// Count writes n of the noun: "1 deal", "0 deals", "2 deals"; "2 个商机".
// Numbers of four digits or more are grouped by thousands (1,234).
func (w Noun) Count(n int) Text {
	num := groupThousands(n)
	return T(num+" "+Plural(n, w.One, w.Many), num+" "+w.ZH)
}

// Plural returns one when n is 1 or -1, many otherwise: the English rule
// ("1 deal", "0 deals", "2 deals").
func Plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return one
	}
	return many
}

// The nouns the product counts.
var (
	NounDeal            = Noun{"deal", "deals", "个商机"}
	NounClosedDeal      = Noun{"closed deal", "closed deals", "个已结束商机"}
	NounRedFlag         = Noun{"red flag", "red flags", "个小红旗"}
	NounHighRedFlag     = Noun{"high red flag", "high red flags", "个高风险小红旗"}
	NounBuyingInfluence = Noun{"buying influence", "buying influences", "位购买影响者"}
	NounPerson          = Noun{"person", "people", "人"}
	NounRecord          = Noun{"record", "records", "条记录"}
	NounProblem         = Noun{"problem", "problems", "个问题"}
)

// nouns are the nouns by id, for templates ({{count N "deal"}}).
var nouns = map[string]Noun{
	"deal":             NounDeal,
	"closed-deal":      NounClosedDeal,
	"red-flag":         NounRedFlag,
	"high-red-flag":    NounHighRedFlag,
	"buying-influence": NounBuyingInfluence,
	"person":           NounPerson,
	"record":           NounRecord,
	"problem":          NounProblem,
}

// NounOf returns the noun of id ("deal", "high-red-flag", …).
func NounOf(id string) (Noun, bool) {
	w, ok := nouns[id]
	return w, ok
}

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
