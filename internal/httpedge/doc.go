// Package httpedge is what an HTTP request to kam passes through before a
// handler, shared by the JSON API and the pages: browser sessions in a
// cookie, bearer tokens in the Authorization header, cross-origin (CSRF)
// protection, security headers, the client's address and the language.
//
// The credentials themselves (passwords, secrets, API tokens, sign-in
// throttling, the session store) live in package auth, which imports no
// HTTP code, so the service layer links none.
package httpedge
