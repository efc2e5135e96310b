package trace

// Searches keeps the answers of a search that runs in a command, by the
// question's key: a key is searched once, however often the screen asks,
// and an answer that arrives after the learner moved on is kept for when
// the question comes back (undoing an edit, reselecting a check). Both
// screens that offer "why not?" keep their answers in one.
type Searches[T any] struct {
	answers map[string]T
	pending map[string]bool
}

// Get is the answer for key, if it has arrived.
func (s *Searches[T]) Get(key string) (T, bool) {
	v, ok := s.answers[key]
	return v, ok
}

// Start reports whether a search for key should start, and marks it on
// its way: false while it runs or once it is answered.
func (s *Searches[T]) Start(key string) bool {
	if _, ok := s.answers[key]; ok || s.pending[key] {
		return false
	}
	if s.pending == nil {
		s.pending = map[string]bool{}
	}
	s.pending[key] = true
	return true
}

// Put stores the answer for key.
func (s *Searches[T]) Put(key string, v T) {
	delete(s.pending, key)
	if s.answers == nil {
		s.answers = map[string]T{}
	}
	s.answers[key] = v
}
