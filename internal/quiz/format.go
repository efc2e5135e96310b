package quiz

// The structs in this file are the on-disk format (docs/quiz-format.md),
// decoded strictly: a key not listed here is an error. Keep them, the doc
// and content/quiz/examples.yaml in step. A policy item's world and call
// are the scenario packs' format (package worldfile, docs/authoring.md).

import "github.com/iamlab/iamlab/internal/worldfile"

type itemFile struct {
	ID          string           `yaml:"id"`
	Version     int              `yaml:"version"`
	Type        string           `yaml:"type"`
	Stem        string           `yaml:"stem"`
	Options     []optionFile     `yaml:"options"`
	Choose      int              `yaml:"choose"`
	Steps       []stepFile       `yaml:"steps"`
	Pairs       []pairFile       `yaml:"pairs"`
	Extras      []extraFile      `yaml:"extras"`
	World       *worldfile.World `yaml:"world"`
	Call        *worldfile.Call  `yaml:"call"`
	Ask         string           `yaml:"ask"`
	Answer      *answerFile      `yaml:"answer"`
	Exam        []string         `yaml:"exam"`
	Topics      []string         `yaml:"topics"`
	Difficulty  int              `yaml:"difficulty"`
	Explanation string           `yaml:"explanation"`
	Sources     []string         `yaml:"sources"`
}

type optionFile struct {
	ID      string `yaml:"id"`
	Text    string `yaml:"text"`
	Correct bool   `yaml:"correct"`
	Why     string `yaml:"why"`
}

type stepFile struct {
	Text string `yaml:"text"`
	Why  string `yaml:"why"`
}

type pairFile struct {
	Left  string `yaml:"left"`
	Right string `yaml:"right"`
	Why   string `yaml:"why"`
}

type extraFile struct {
	Text string `yaml:"text"`
	Why  string `yaml:"why"`
}

type answerFile struct {
	Decision  string `yaml:"decision"`
	DecidedBy string `yaml:"decidedBy"`
}
