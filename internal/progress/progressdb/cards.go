package progressdb

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
)

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

const cardColumns = `topic_id, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, state, last_review`

func scanCard(sc interface{ Scan(...any) error }) (string, fsrs.Card, error) {
	var (
		id             string
		c              fsrs.Card
		due, last      int64
		state          int
		ela, sch, r, l int64
	)
	err := sc.Scan(&id, &due, &c.Stability, &c.Difficulty, &ela, &sch, &r, &l, &state, &last)
	c.Due, c.LastReview = fromMS(due), fromMS(last)
	c.ElapsedDays, c.ScheduledDays, c.Reps, c.Lapses = uint64(ela), uint64(sch), uint64(r), uint64(l)
	c.State = fsrs.State(state)
	return id, c, err
}

func loadCard(ctx context.Context, q querier, topic string) (fsrs.Card, error) {
	_, c, err := scanCard(q.QueryRowContext(ctx, `SELECT `+cardColumns+` FROM cards WHERE topic_id = ?`, topic))
	if errors.Is(err, sql.ErrNoRows) {
		return fsrs.NewCard(), nil
	}
	return c, err
}

func saveCard(ctx context.Context, q querier, topic string, c fsrs.Card) error {
	_, err := q.ExecContext(ctx, `INSERT INTO cards (`+cardColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (topic_id) DO UPDATE SET due=excluded.due, stability=excluded.stability,
		difficulty=excluded.difficulty, elapsed_days=excluded.elapsed_days,
		scheduled_days=excluded.scheduled_days, reps=excluded.reps, lapses=excluded.lapses,
		state=excluded.state, last_review=excluded.last_review`,
		topic, ms(c.Due), c.Stability, c.Difficulty, int64(c.ElapsedDays), int64(c.ScheduledDays),
		int64(c.Reps), int64(c.Lapses), int(c.State), ms(c.LastReview))
	return err
}

// review advances a topic's card by one rating. Times before the card's last
// review (another process's clock, a clock set back) count as "now" for the
// card: FSRS cannot take a negative interval.
func (s *Store) review(ctx context.Context, tx *sql.Tx, topic string, at time.Time, r progress.Rating, attemptID, answerID int64) error {
	card, err := loadCard(ctx, tx, topic)
	if err != nil {
		return err
	}
	if card.State != fsrs.New && at.Before(card.LastReview) {
		at = card.LastReview
	}
	next := s.sched.Next(card, at, r)
	if err := saveCard(ctx, tx, topic, next); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO reviews (topic_id, reviewed_at, rating, attempt_id, answer_id)
		VALUES (?, ?, ?, nullif(?, 0), nullif(?, 0))`, topic, ms(at), int(r), attemptID, answerID)
	return err
}

// rebuildCards recomputes the cards of the given topics from the review log,
// used after records are deleted.
func (s *Store) rebuildCards(ctx context.Context, tx *sql.Tx, topics []string) error {
	for _, topic := range topics {
		rows, err := tx.QueryContext(ctx, `SELECT reviewed_at, rating FROM reviews WHERE topic_id = ? ORDER BY reviewed_at, id`, topic)
		if err != nil {
			return err
		}
		card, n := fsrs.NewCard(), 0
		for rows.Next() {
			var at int64
			var r int
			if err := rows.Scan(&at, &r); err != nil {
				rows.Close()
				return err
			}
			t := fromMS(at)
			if card.State != fsrs.New && t.Before(card.LastReview) {
				t = card.LastReview
			}
			card = s.sched.Next(card, t, progress.Rating(r))
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if n == 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM cards WHERE topic_id = ?`, topic)
		} else {
			err = saveCard(ctx, tx, topic, card)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// DueReviews lists topics due at now, least likely to be recalled first.
func (s *Store) DueReviews(ctx context.Context, now time.Time) ([]progress.DueReview, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cardColumns+` FROM cards WHERE due <= ?`, ms(now))
	if err != nil {
		return nil, s.wrap("read due reviews", err)
	}
	defer rows.Close()
	var out []progress.DueReview
	for rows.Next() {
		id, c, err := scanCard(rows)
		if err != nil {
			return nil, s.wrap("read due reviews", err)
		}
		d := progress.DueReview{TopicID: id, Due: c.Due, Retrievability: s.sched.Retrievability(c, now), Reps: int(c.Reps), Lapses: int(c.Lapses)}
		if t, ok := curriculum.TopicByID(id); ok {
			d.Title = t.Title
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read due reviews", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Retrievability != out[j].Retrievability {
			return out[i].Retrievability < out[j].Retrievability
		}
		return out[i].TopicID < out[j].TopicID
	})
	return out, nil
}
