package method

import (
	"strconv"

	"kam/internal/kam"
)

// The rules of "The map as a whole" (docs/redflags.md).

// ruleSingleThreaded: at most one present buyer has been contacted.
func ruleSingleThreaded(v *view) {
	n := 0
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].ContactLevel.Contacted() {
			n++
		}
	}
	if n > 1 {
		return
	}
	ns := strconv.Itoa(n)
	d := v.text()
	d.en("Buyers contacted: ", ns, ".")
	d.zh("已接触的购买影响者：", ns, " 人。")
	d.flag(RuleSingleThreaded, -1, ns)
}

// ruleMajorityNotSupportive: more than half of the high-influence buyers do
// not support us.
func ruleMajorityNotSupportive(v *view) {
	total := 0
	var not []int
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || b.Influence != kam.InfluenceHigh {
			continue
		}
		total++
		if b.Support() != kam.SupportSupports {
			not = append(not, i)
		}
	}
	if 2*len(not) <= total {
		return
	}
	d := v.text()
	d.int(len(not))
	d.en(" of ")
	d.int(total)
	d.en(" high-influence buyers do not support us: ")
	d.names(not, ", ")
	d.en(".")
	d.zh()
	d.int(total)
	d.zh(" 位高影响度的人中有 ")
	d.int(len(not))
	d.zh(" 位不支持我们：")
	d.names(not, "、")
	d.zh("。")
	d.flag(RuleMajorityNotSupportive, -1, v.ids(not)...)
}

// ruleTooRosy reads "none neutral or opposing" as "every buyer rated as a
// supporter": an unrated buyer is not known to be on our side.
func ruleTooRosy(v *view) {
	n := 0
	for i := range v.p.Influences {
		if !v.present(i) {
			continue
		}
		if v.p.Influences[i].Support() != kam.SupportSupports {
			return
		}
		n++
	}
	if n < 4 {
		return
	}
	ns := strconv.Itoa(n)
	d := v.text()
	d.en("All ", ns, " buyers are rated as supporters.")
	d.zh("全部 ", ns, " 位购买影响者都被评为支持。")
	d.flag(RuleTooRosy, -1, ns)
}
