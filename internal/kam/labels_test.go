package kam

import (
	"reflect"
	"testing"
)

// Every value of every enum has a name in both languages.
func TestEveryEnumValueHasABilingualLabel(t *testing.T) {
	t.Parallel()
	for _, values := range []any{Roles, FunnelLevels, BuyingRoles, Influences, ContactLevels,
		ResponseModes, Seniorities, ContactStatuses, RelationshipLevels, SWOTKinds, ActionStatuses,
		InteractionKinds, Outcomes, Feedbacks, CriterionKinds, ShareAccesses, AccountRelations,
		ContactLinkKinds, Locales} {
		rv := reflect.ValueOf(values)
		for k := range rv.Len() {
			v := rv.Index(k).Interface()
			l, ok := labels[v]
			if !ok || l.EN == "" || l.ZH == "" {
				t.Errorf("no bilingual label for %T %v", v, v)
			}
		}
	}
}
