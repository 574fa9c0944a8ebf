// Package kam holds the domain of key-account strategic selling: the types the
// method speaks of (accounts, contacts, opportunities, buying influences, …),
// their enumerations, their validation and the error kinds every layer shares.
//
// It imports only the standard library. Everything else in kam depends on it,
// never the other way round.
package kam
