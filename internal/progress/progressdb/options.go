package progressdb

import (
	"time"
)

// Option adjusts how a Store is opened.
type Option func(*config)

type config struct {
	clock       func() time.Time
	loc         *time.Location
	busyTimeout time.Duration
	migrations  []migration // tests substitute their own
	extraPragma []string    // tests simulate read-only or full disks
}

func defaults() config {
	return config{
		clock:       time.Now,
		loc:         time.Local,
		busyTimeout: 10 * time.Second,
		migrations:  builtinMigrations(),
	}
}

// WithClock injects the clock used for record times the caller leaves zero,
// for backup names and for notices.
func WithClock(now func() time.Time) Option { return func(c *config) { c.clock = now } }

// WithLocation sets the time zone that decides where a day starts (streaks).
func WithLocation(loc *time.Location) Option { return func(c *config) { c.loc = loc } }

func withMigrations(m []migration) Option { return func(c *config) { c.migrations = m } }

// withPragma adds a per-connection pragma, e.g. "query_only(1)" to act like
// a read-only disk or "max_page_count(20)" to act like a full one.
func withPragma(p string) Option {
	return func(c *config) { c.extraPragma = append(c.extraPragma, p) }
}
