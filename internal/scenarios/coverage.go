package scenarios

import "github.com/iamlab/iamlab/internal/curriculum"

// Coverage says how much of the curriculum a library's scenarios serve, so
// authors can see which topics and exam tasks still have no scenario.
type Coverage struct {
	Scenarios int                `json:"scenarios"`
	Topics    map[string]int     `json:"topics"` // topic id → scenarios tagged with it
	Tasks     map[string]int     `json:"tasks"`  // canonical task id → scenarios tagged with it
	Kinds     map[Kind]int       `json:"kinds"`
	Missing   []curriculum.Topic `json:"-"`
	NoTasks   []curriculum.Task  `json:"-"`
}

// CoverageOf counts the usable scenarios of lib per topic, task and kind.
func CoverageOf(lib *Library) Coverage {
	c := Coverage{Topics: map[string]int{}, Tasks: map[string]int{}, Kinds: map[Kind]int{}}
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			c.Scenarios++
			c.Kinds[s.Kind]++
			for _, t := range s.Topics {
				c.Topics[t.ID]++
			}
			for _, t := range s.Exam {
				c.Tasks[t.ID]++
			}
		}
	}
	for _, t := range curriculum.Topics() {
		if c.Topics[t.ID] == 0 {
			c.Missing = append(c.Missing, t)
		}
	}
	for _, t := range curriculum.Tasks() {
		if c.Tasks[t.ID] == 0 {
			c.NoTasks = append(c.NoTasks, t)
		}
	}
	return c
}
