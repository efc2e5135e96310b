package progressview

import (
	"context"
	"errors"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// loadTimeout bounds one summary read, so a locked database shows an error
// instead of a screen that never finishes loading.
const loadTimeout = 10 * time.Second

// loadSummary reads everything the screen shows; it runs in a tea.Cmd.
func loadSummary(seq int, store progress.Reports, examID string, examDate, now time.Time) loadedMsg {
	if store == nil {
		return loadedMsg{seq: seq, err: errors.New("no progress store is open")}
	}
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	sum, err := store.Summary(ctx, examID, examDate, now)
	return loadedMsg{seq: seq, sum: sum, err: err}
}
