package kam

// The computed columns of the deal, people and action lists (and their
// workbooks), beside the records' own fields.
const (
	FieldSuggestedLevel  Field = "suggested_level"  // computed: the level the method reads
	FieldNextAction      Field = "next_action"      // computed: the open action due first
	FieldNextActionDue   Field = "next_action.due"  // computed: its due date
	FieldBuyerOn         Field = "deals"            // computed: the deals a person is a buyer on
	FieldLastInteraction Field = "last_interaction" // computed: the last interaction with a person
)

var listFields = map[Field]Text{
	FieldSuggestedLevel:  T("Suggested level", "建议的漏斗位置"),
	FieldNextAction:      T("Next action", "下一步行动"),
	FieldNextActionDue:   T("Next action due", "下一步行动截止日期"),
	FieldBuyerOn:         T("Buyer on", "参与的商机及角色"),
	FieldLastInteraction: T("Last interaction", "最近互动"),
}

func init() {
	for f, t := range listFields {
		if _, dup := fields[f]; dup {
			panic("kam: field " + string(f) + " is in two tables")
		}
		fields[f] = t
	}
}
