package quiz

import (
	"github.com/iamlab/iamlab/internal/curriculum"
)

// canonicalTasks turns authored task tags into canonical IDs; a tag the
// curriculum does not know is kept as written, for Check to report.
func canonicalTasks(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if tk, err := curriculum.ParseTaskID(t); err == nil {
			out = append(out, tk.ID)
		} else {
			out = append(out, t)
		}
	}
	return out
}

// topicGroup is the group letter of a topic, "" when unknown.
func topicGroup(topicID string) string {
	if t, ok := curriculum.TopicByID(topicID); ok {
		return t.Group.Letter
	}
	return ""
}

// domainOf is the domain an item counts toward on an exam: that of its
// first task on the exam; 0 when it has none.
func domainOf(it *Item, examID string) int {
	for _, id := range it.Exam {
		if tk, ok := curriculum.TaskByID(id); ok && tk.Exam == examID {
			return tk.Domain
		}
	}
	return 0
}

// topicTasks lists the tasks of topics, for generated items.
func topicTasks(topics []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range topics {
		t, ok := curriculum.TopicByID(id)
		if !ok {
			continue
		}
		for _, tk := range t.TaskIDs {
			if !seen[tk] {
				seen[tk] = true
				out = append(out, tk)
			}
		}
	}
	return out
}
