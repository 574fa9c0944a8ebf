// Package browsertest drives the workbench pages in a real Chromium
// (through chromedp) against a real server on a temporary SQLite database:
// sign in, build an account and a deal, watch the red flags follow the
// buying influences, view the funnel, switch the language, sign out.
//
// The test skips when Chromium is absent (/usr/bin/chromium, or the path in
// KAM_CHROMIUM), unless CI=true, where a missing browser is a failure.
// Screenshots land in testdata/artifacts/ at the repository root.
package browsertest
