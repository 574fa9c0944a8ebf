package api

import (
	"encoding/json"
	"time"

	"kam/internal/kam"
)

// localTimeFields are the body fields that hold a moment a person types:
// an interaction's at.
var localTimeFields = []string{"at"}

var msgLocalTime = kam.T("must be an RFC 3339 time such as 2026-12-01T14:30:00+08:00, or a day such as 2026-12-01 (09:00 in your time zone)",
	"必须是 RFC 3339 时间，如 2026-12-01T14:30:00+08:00，或日期，如 2026-12-01（按你的时区 09:00）")

// localTimes reads the moments of a body written without an offset in the
// caller's time zone loc: a plain day "2026-12-01" is that day at 09:00
// there, "2026-12-01T14:30" that wall-clock time; RFC 3339 with an offset
// is kept as sent. Anything else is refused naming the field, instead of
// the JSON decoder's own message.
func localTimes(m map[string]json.RawMessage, loc *time.Location) error {
	for _, k := range localTimeFields {
		raw, ok := m[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			continue // not a string: the decoder names the type it wants
		}
		if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
			continue
		}
		t, ok := kam.ParseLocalTime(s, loc)
		if !ok {
			return &badRequest{Field: k, Msg: msgLocalTime}
		}
		b, err := json.Marshal(t)
		if err != nil {
			return err
		}
		m[k] = b
	}
	return nil
}
