// Package pydate reads an If-Modified-Since value the way CPython 3.13's
// SimpleHTTPRequestHandler.send_head does:
// email.utils.parsedate_to_datetime, whose lenient parser (_parsedate_tz,
// from the old rfc822 module) takes RFC 1123, RFC 850 and asctime dates
// and much else, then datetime's range checks, then send_head's rule that
// only a date in UTC counts.
package pydate

import (
	"math/big"
	"strings"
	"time"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// ModifiedSince returns the instant an If-Modified-Since value names, in
// UTC, and reports whether send_head would compare the file's mtime with
// it. ok is false where send_head ignores the header: when
// parsedate_to_datetime raises (ValueError for no date or a field out of
// datetime's range, OverflowError for a huge number), and when the date's
// zone is not UTC. A date whose zone is missing, unknown ("XYZ") or
// "-0000" is naive, and send_head takes it as UTC; one whose offset is
// zero ("+0000", "GMT", "UT", "Z") is in UTC too, since
// datetime.timezone(timedelta(0)) is datetime.timezone.utc. Numbers are read by int(), so "1_9" and "١٩"
// are 19.
//
//	ModifiedSince("Sun, 06 Nov 1994 08:49:37 GMT")   = 1994-11-06 08:49:37 UTC, true
//	ModifiedSince("Sunday, 06-Nov-94 08:49:37 GMT")  = 1994-11-06 08:49:37 UTC, true
//	ModifiedSince("Sun Nov  6 08:49:37 1994")        = 1994-11-06 08:49:37 UTC, true
//	ModifiedSince("6 nov 1994 8.49 -0000")           = 1994-11-06 08:49:00 UTC, true
//	ModifiedSince("Sun, 06 Nov 1994 08:49:37 +0100") = false (not UTC)
//	ModifiedSince("Sun, 06 Nov 1994 08:49:37 EST")   = false (not UTC)
//	ModifiedSince("Sun, 31 Nov 1994 08:49:37 GMT")   = false (no such day)
//	ModifiedSince("Sun, 06 Nov 1994 24:00:00 GMT")   = false (no such hour)
func ModifiedSince(value string) (t time.Time, ok bool) {
	d, ok := parsedateTZ(value)
	if !ok || (d.zone != nil && d.zone.Sign() != 0) {
		return time.Time{}, false
	}
	return d.datetime()
}

// date is the list _parsedate_tz returns, but for its constant fields:
// Python ints, the month 1 to 12, and the zone's offset in seconds east of
// UTC, nil for None (no zone, or "-0000").
type date struct {
	year, month, day, hour, minute, second *big.Int
	zone                                   *big.Int
}

// parsedateTZ is email._parseaddr._parsedate_tz. ok is false where it
// returns None, and also where it raises IndexError, which send_head
// catches as well.
func parsedateTZ(data string) (d date, ok bool) {
	f, ok := splitFields(data)
	if !ok {
		return d, false
	}
	dd, mm, yy, tm, tz := f[0], f[1], f[2], f[3], f[4]
	if dd == "" || mm == "" || yy == "" {
		return d, false
	}
	month, dd, ok := monthAndDay(mm, dd)
	if !ok {
		return d, false
	}
	dd = strings.TrimSuffix(dd, ",")
	if i := strings.IndexByte(yy, ':'); i > 0 {
		yy, tm = tm, yy
	}
	if yy == "" {
		return d, false // yy[-1] raises IndexError
	}
	if strings.HasSuffix(yy, ",") {
		if yy = yy[:len(yy)-1]; yy == "" {
			return d, false
		}
	}
	if !isDigit(firstRune(yy)) {
		yy, tz = tz, yy
	}
	thh, tmm, tss, ok := splitTime(tm)
	if !ok {
		return d, false
	}
	d.month = big.NewInt(int64(month))
	if !parseInts([]string{yy, dd, thh, tmm, tss}, []**big.Int{&d.year, &d.day, &d.hour, &d.minute, &d.second}) {
		return d, false
	}
	d.year = fullYear(d.year)
	d.zone = zoneOffset(tz)
	return d, true
}

// splitFields splits data on whitespace, drops a day name, splits an RFC
// 850 date at its dashes and a zone glued to the time at its sign, and
// returns the first five fields: day, month, year, time and zone, in the
// order an RFC 1123 date has them. A missing zone is "".
func splitFields(data string) (f []string, ok bool) {
	f = strings.FieldsFunc(data, isSpace)
	if len(f) == 0 {
		return nil, false
	}
	// The FWS after the comma after the day-of-week is optional.
	if strings.HasSuffix(f[0], ",") || isDayName(lower(f[0])) {
		f = f[1:]
	} else if i := strings.LastIndexByte(f[0], ','); i >= 0 {
		f[0] = f[0][i+1:]
	}
	if len(f) == 3 { // RFC 850 date, deprecated
		if stuff := strings.Split(f[0], "-"); len(stuff) == 3 {
			f = append(stuff, f[1:]...)
		}
	}
	if len(f) == 4 {
		s := f[3]
		i := strings.IndexByte(s, '+')
		if i == -1 {
			i = strings.IndexByte(s, '-')
		}
		if i > 0 {
			f = append(f[:3], s[:i], s[i:])
		} else {
			f = append(f, "") // dummy zone
		}
	}
	if len(f) < 5 {
		return nil, false
	}
	return f[:5], true
}

// monthAndDay finds the month name in mm, or else in dd, the two swapped
// ("Nov 6" as well as "6 Nov"), and returns the month's number and the
// field holding the day.
func monthAndDay(mm, dd string) (month int, day string, ok bool) {
	if m, ok := monthNumber(lower(mm)); ok {
		return m, dd, true
	}
	// Python swaps in lower(mm) as the day; lowering changes no character
	// int() accepts, or turns another into one.
	m, ok := monthNumber(lower(dd))
	return m, mm, ok
}

// splitTime splits "hh:mm", "hh:mm:ss", "hh.mm" or "hh.mm.ss", after a
// trailing comma is taken off; missing seconds are "0".
func splitTime(tm string) (hh, mm, ss string, ok bool) {
	if tm == "" {
		return "", "", "", false // tm[-1] raises IndexError
	}
	tm = strings.TrimSuffix(tm, ",")
	parts := strings.Split(tm, ":")
	if len(parts) == 1 && strings.Contains(tm, ".") {
		// Some non-compliant MUAs use '.' to separate time elements.
		parts = strings.Split(tm, ".")
	}
	switch len(parts) {
	case 2:
		return parts[0], parts[1], "0", true
	case 3:
		return parts[0], parts[1], parts[2], true
	}
	return "", "", "", false
}

// parseInts sets each *dst[i] to int(src[i]) and reports whether every
// int() succeeded.
func parseInts(src []string, dst []**big.Int) bool {
	for i, s := range src {
		n, ok := pytext.ParseInt(s)
		if !ok {
			return false
		}
		*dst[i] = n
	}
	return true
}

// fullYear reads a year below 100 as POSIX does: 69 to 99 are 1969 to
// 1999, the others (negative ones too) 2000 and later.
func fullYear(yy *big.Int) *big.Int {
	switch {
	case yy.Cmp(big.NewInt(100)) >= 0:
		return yy
	case yy.Cmp(big.NewInt(68)) > 0:
		return new(big.Int).Add(yy, big.NewInt(1900))
	}
	return new(big.Int).Add(yy, big.NewInt(2000))
}

// zones is email._parseaddr._timezones: offsets as hhmm.
var zones = map[string]int64{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
	"AST": -400, "ADT": -300, // Atlantic (used in Canada)
	"EST": -500, "EDT": -400, // Eastern
	"CST": -600, "CDT": -500, // Central
	"MST": -700, "MDT": -600, // Mountain
	"PST": -800, "PDT": -700, // Pacific
}

// zoneOffset reads tz as a name of zones or an int() of hhmm and returns
// the offset in seconds, or nil for None: for "-0000" and the like, and
// for anything else, which _parsedate_tz ignores.
//
//	zoneOffset("-0130") = -5400
//	zoneOffset("EST")   = -18000
//	zoneOffset("+0060") = 3600
func zoneOffset(tz string) *big.Int {
	tz = upper(tz)
	var hhmm *big.Int
	if v, ok := zones[tz]; ok {
		hhmm = big.NewInt(v)
	} else if n, ok := pytext.ParseInt(tz); ok {
		hhmm = n
	}
	switch {
	case hhmm == nil:
		return nil
	case hhmm.Sign() == 0:
		if strings.HasPrefix(tz, "-") {
			return nil
		}
		return hhmm
	}
	abs := new(big.Int).Abs(hhmm)
	hours, minutes := new(big.Int).QuoRem(abs, big.NewInt(100), new(big.Int))
	secs := hours.Mul(hours, big.NewInt(3600))
	secs.Add(secs, minutes.Mul(minutes, big.NewInt(60)))
	if hhmm.Sign() < 0 {
		secs.Neg(secs)
	}
	return secs
}

// datetime is datetime.datetime(year, month, day, hour, minute, second)
// in UTC; ok is false where it raises ValueError or OverflowError.
func (d date) datetime() (t time.Time, ok bool) {
	year, okY := within(d.year, 1, 9999)
	month, _ := within(d.month, 1, 12)
	day, okD := within(d.day, 1, int64(daysIn(month, year)))
	hour, okH := within(d.hour, 0, 23)
	minute, okM := within(d.minute, 0, 59)
	second, okS := within(d.second, 0, 59)
	if !okY || !okD || !okH || !okM || !okS {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC), true
}

// within returns n as an int and reports whether lo <= n <= hi.
func within(n *big.Int, lo, hi int64) (int, bool) {
	if !n.IsInt64() || n.Int64() < lo || n.Int64() > hi {
		return 0, false
	}
	return int(n.Int64()), true
}

// daysIn is the number of days of the month in the proleptic Gregorian
// calendar datetime uses.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
