package quiz

// TopicCounts counts the playable items of a bank per topic.
func TopicCounts(b *Bank) map[string]int {
	out := map[string]int{}
	if b == nil {
		return out
	}
	for _, it := range b.Items {
		if !it.Playable() {
			continue
		}
		for _, t := range it.Topics {
			out[t]++
		}
	}
	return out
}
