package store

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// timeLayout writes instants as fixed-width UTC text: on SQLite, text order
// is then time order, and PostgreSQL reads the same text into TIMESTAMPTZ.
// Microseconds are what both databases keep exactly.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// tv is the stored form of an instant.
func tv(t time.Time) any { return t.UTC().Format(timeLayout) }

// tvNull stores the zero time as NULL.
func tvNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return tv(t)
}

// tvPtr stores nil as NULL.
func tvPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return tv(*t)
}

func parseTime(src any) (time.Time, bool, error) {
	switch v := src.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v.UTC(), true, nil
	case string:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("store: bad time %q: %w", v, err)
		}
		return t.UTC(), true, nil
	case []byte:
		return parseTime(string(v))
	}
	return time.Time{}, false, fmt.Errorf("store: cannot scan %T as time", src)
}

// timeCol scans an instant; NULL is the zero time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	t, _, err := parseTime(src)
	*c.t = t
	return err
}

// timePtrCol scans a nullable instant into a pointer.
type timePtrCol struct{ t **time.Time }

func (c timePtrCol) Scan(src any) error {
	t, ok, err := parseTime(src)
	if ok {
		*c.t = &t
	} else {
		*c.t = nil
	}
	return err
}

// idv stores the "none" id 0 as NULL, so optional references can carry
// foreign keys.
func idv(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idCol scans a nullable id; NULL is 0.
type idCol struct{ p *int64 }

func (c idCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.p = 0
	case int64:
		*c.p = v
	case int32:
		*c.p = int64(v)
	case []byte:
		n, err := strconv.ParseInt(string(v), 10, 64)
		*c.p = n
		return err
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		*c.p = n
		return err
	default:
		return fmt.Errorf("store: cannot scan %T as id", src)
	}
	return nil
}

// intPtrv stores a nil *int as NULL.
func intPtrv(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// intPtrCol scans a nullable integer into a *int.
type intPtrCol struct{ p **int }

func (c intPtrCol) Scan(src any) error {
	var n int64
	if err := (idCol{&n}).Scan(src); err != nil {
		return err
	}
	if src == nil {
		*c.p = nil
		return nil
	}
	i := int(n)
	*c.p = &i
	return nil
}

// jsonv stores a list as JSON text; nil is stored as an empty list.
func jsonv[E any](list []E) any {
	if list == nil {
		list = []E{}
	}
	b, err := json.Marshal(list)
	if err != nil {
		// Lists of strings and ids always marshal.
		panic(err)
	}
	return string(b)
}

// jsonCol scans JSON text into a list; lists read back are never nil.
type jsonCol[E any] struct{ p *[]E }

func (c jsonCol[E]) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("store: cannot scan %T as a JSON list", src)
	}
	list := []E{}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &list); err != nil {
			return fmt.Errorf("store: bad JSON list: %w", err)
		}
	}
	if list == nil {
		list = []E{}
	}
	*c.p = list
	return nil
}
