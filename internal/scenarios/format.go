package scenarios

import (
	"encoding/json"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/iamlab/iamlab/internal/worldfile"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// The structs in this file are the on-disk format, decoded strictly: a
// field not listed here is an error. docs/authoring.md and
// docs/scenario.schema.json describe the same fields; keep the three in
// step. Worlds are package worldfile's format.

// FormatVersion is the pack format this build reads.
const FormatVersion = 1

// packFile is pack.yaml.
type packFile struct {
	Format      int      `yaml:"format"`
	ID          string   `yaml:"id"`
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Version     int      `yaml:"version"`
	Order       []string `yaml:"order"`
	Sequence    int      `yaml:"sequence"`
}

// scenarioFile is scenarios/<id>.yaml.
type scenarioFile struct {
	ID           string            `yaml:"id"`
	Version      int               `yaml:"version"`
	Title        string            `yaml:"title"`
	Kind         string            `yaml:"kind"`
	Exam         []string          `yaml:"exam"`
	Topics       []string          `yaml:"topics"`
	Difficulty   int               `yaml:"difficulty"`
	Minutes      int               `yaml:"minutes"`
	Briefing     string            `yaml:"briefing"`
	BriefingFile string            `yaml:"briefingFile"`
	Debrief      string            `yaml:"debrief"`
	DebriefFile  string            `yaml:"debriefFile"`
	World        worldRef          `yaml:"world"`
	Editable     []string          `yaml:"editable"`
	Checks       []checkFile       `yaml:"checks"`
	Hints        []string          `yaml:"hints"`
	Solution     map[string]source `yaml:"solution"`
	Alternatives []alternativeFile `yaml:"alternatives"`
	// BroaderReference: why the reference solution is broader than the
	// policy written from the checks.
	BroaderReference string       `yaml:"broaderReference"`
	Predict          *predictFile `yaml:"predict"`
	Choose           *chooseFile  `yaml:"choose"`
}

// worldRef is either the name of a shared world (worlds/<name>.yaml) or a
// world written inline.
type worldRef struct {
	Name   string
	Inline *worldFile
	set    bool
}

// UnmarshalYAML decodes from the node so that errors inside an inline world
// keep the positions of the scenario file.
func (w *worldRef) UnmarshalYAML(n ast.Node) error {
	w.set = true
	if s, ok := yamlpos.Unwrap(n).(*ast.StringNode); ok {
		w.Name = s.Value
		return nil
	}
	w.Inline = &worldFile{}
	return yaml.NodeToValue(n, w.Inline, yaml.DisallowUnknownField())
}

// checkFile is a call plus what it must get; the call's keys sit beside
// the check's own in the same mapping.
type checkFile struct {
	Name           string `yaml:"name"`
	worldfile.Call `yaml:",inline"`
	Expect         string `yaml:"expect"`
	DecidedBy      string `yaml:"decidedBy"`
	Hidden         bool   `yaml:"hidden"`
}

func (c checkFile) call() callFile { return c.Call }

// alternativeFile is another accepted solution: a form the debrief says
// also works, which must pass every check and score par.
type alternativeFile struct {
	Name     string            `yaml:"name"`
	Solution map[string]source `yaml:"solution"`
}

type predictFile struct {
	Call   callFile   `yaml:"call"`
	Answer answerFile `yaml:"answer"`
	Why    string     `yaml:"why"`
}

type answerFile struct {
	Decision  string `yaml:"decision"`
	DecidedBy string `yaml:"decidedBy"`
}

type chooseFile struct {
	Question string       `yaml:"question"`
	Options  []optionFile `yaml:"options"`
}

type optionFile struct {
	Text    string `yaml:"text"`
	Correct bool   `yaml:"correct"`
	Why     string `yaml:"why"`
}

// The world format is package worldfile's. These names keep the pack
// format readable as one piece, and name the parts schema_test.go compares
// with docs/*.schema.json.
type (
	worldFile   = worldfile.World
	accountFile = worldfile.Account
	orgFile     = worldfile.Organization
	ouFile      = worldfile.OU
	namedDoc    = worldfile.NamedDoc
	source      = worldfile.Source
	callFile    = worldfile.Call
)

// The field names of each format, for "did you mean": walked by
// reflection only when a file has an unknown field, not at every start.
var (
	packNames     = sync.OnceValue(func() []string { return yamlpos.FieldNames(packFile{}) })
	scenarioNames = sync.OnceValue(func() []string { return yamlpos.FieldNames(scenarioFile{}, worldFile{}) })
	worldNames    = sync.OnceValue(func() []string { return yamlpos.FieldNames(worldFile{}) })
)

// worldRefJSON is worldRef as the decode cache keeps it: whether the field
// was written is part of the value.
type worldRefJSON struct {
	Name   string
	Inline *worldFile
	Set    bool
}

// MarshalJSON keeps the unexported set for the decode cache.
func (w worldRef) MarshalJSON() ([]byte, error) {
	return json.Marshal(worldRefJSON{w.Name, w.Inline, w.set})
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (w *worldRef) UnmarshalJSON(b []byte) error {
	var j worldRefJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*w = worldRef{Name: j.Name, Inline: j.Inline, set: j.Set}
	return nil
}
