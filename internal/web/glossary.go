package web

import "kam/internal/kam"

// glossary is the method's glossary from kam's vocabulary table, by term
// id: {{term "id"}} shows a term with its explanation on hover and focus.
var glossary = kam.Glossary()
