package store

import (
	"reflect"
	"testing"
)

// TestEveryFilterFieldIsAQueryParameter keeps the filter types the one
// declaration of what a list accepts: a condition a filter applies is a
// field with a `query` tag, which the API then takes; only the options the
// service sets itself (the scope, a set of ids) have none.
func TestEveryFilterFieldIsAQueryParameter(t *testing.T) {
	t.Parallel()
	filters := []any{UserFilter{}, TeamFilter{}, AccountFilter{}, AccountRelationFilter{}, OrgUnitFilter{},
		ContactFilter{}, ContactLinkFilter{}, OpportunityFilter{}, BuyingInfluenceFilter{}, SWOTItemFilter{},
		ActionFilter{}, InteractionFilter{}, CriterionFilter{}, QuotaFilter{}}
	serviceOnly := map[string]bool{"Scope": true, "IDs": true}
	for _, f := range filters {
		typ := reflect.TypeOf(f)
		seen := map[string]string{}
		for _, sf := range reflect.VisibleFields(typ) {
			if sf.Anonymous {
				if sf.Type != reflect.TypeFor[ListOptions]() {
					t.Errorf("%s embeds %s; a filter embeds ListOptions only", typ.Name(), sf.Type)
				}
				continue
			}
			name, ok := sf.Tag.Lookup("query")
			switch {
			case !ok && !serviceOnly[sf.Name]:
				t.Errorf("%s.%s has no query tag: the API would not take it", typ.Name(), sf.Name)
			case ok && seen[name] != "":
				t.Errorf("%s declares query %q twice (%s, %s)", typ.Name(), name, seen[name], sf.Name)
			case ok:
				seen[name] = sf.Name
			}
		}
	}
}
