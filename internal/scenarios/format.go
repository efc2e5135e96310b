package scenarios

import (
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// The structs in this file are the on-disk format, decoded strictly: a
// field not listed here is an error. docs/authoring.md and
// docs/scenario.schema.json describe the same fields; keep the three in
// step.

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
	Predict      *predictFile      `yaml:"predict"`
	Choose       *chooseFile       `yaml:"choose"`
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
	if s, ok := unwrap(n).(*ast.StringNode); ok {
		w.Name = s.Value
		return nil
	}
	w.Inline = &worldFile{}
	return yaml.NodeToValue(n, w.Inline, yaml.DisallowUnknownField())
}

// source is a policy document: JSON text inline, or a file in the pack.
type source struct {
	Document string `yaml:"document"`
	File     string `yaml:"file"`
}

// callFile is a request said the way a person says it (sandbox.Call).
type callFile struct {
	As            string              `yaml:"as"`
	Account       string              `yaml:"account"`
	Action        string              `yaml:"action"`
	Resource      string              `yaml:"resource"`
	MFA           *bool               `yaml:"mfa"`
	SourceIP      string              `yaml:"sourceIp"`
	Secure        *bool               `yaml:"secure"`
	Time          string              `yaml:"time"`
	Region        string              `yaml:"region"`
	VPCEndpoint   string              `yaml:"vpcEndpoint"`
	SessionPolicy string              `yaml:"sessionPolicy"`
	SessionTags   map[string]string   `yaml:"sessionTags"`
	ExternalID    string              `yaml:"externalId"`
	Context       map[string][]string `yaml:"context"`
}

// checkFile is a call plus what it must get. The call's fields are
// repeated rather than embedded: go-yaml cannot fill an embedded unexported
// struct.
type checkFile struct {
	Name          string              `yaml:"name"`
	As            string              `yaml:"as"`
	Account       string              `yaml:"account"`
	Action        string              `yaml:"action"`
	Resource      string              `yaml:"resource"`
	MFA           *bool               `yaml:"mfa"`
	SourceIP      string              `yaml:"sourceIp"`
	Secure        *bool               `yaml:"secure"`
	Time          string              `yaml:"time"`
	Region        string              `yaml:"region"`
	VPCEndpoint   string              `yaml:"vpcEndpoint"`
	SessionPolicy string              `yaml:"sessionPolicy"`
	SessionTags   map[string]string   `yaml:"sessionTags"`
	ExternalID    string              `yaml:"externalId"`
	Context       map[string][]string `yaml:"context"`
	Expect        string              `yaml:"expect"`
	DecidedBy     string              `yaml:"decidedBy"`
	Hidden        bool                `yaml:"hidden"`
}

func (c checkFile) call() callFile {
	return callFile{As: c.As, Account: c.Account, Action: c.Action, Resource: c.Resource, MFA: c.MFA, SourceIP: c.SourceIP,
		Secure: c.Secure, Time: c.Time, Region: c.Region, VPCEndpoint: c.VPCEndpoint, SessionPolicy: c.SessionPolicy,
		SessionTags: c.SessionTags, ExternalID: c.ExternalID, Context: c.Context}
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

// worldFile is worlds/<name>.yaml, or the value of an inline `world:`.
// Its shape follows sandbox.Account and friends, in YAML's camelCase.
type worldFile struct {
	Account         string        `yaml:"account"`
	Organization    *orgFile      `yaml:"organization"`
	Accounts        []accountFile `yaml:"accounts"`
	SessionPolicies []namedDoc    `yaml:"sessionPolicies"`
}

type orgFile struct {
	ID         string     `yaml:"id"`
	Management string     `yaml:"management"`
	Root       string     `yaml:"root"`
	SCPs       []string   `yaml:"scps"`
	RCPs       []string   `yaml:"rcps"`
	OUs        []ouFile   `yaml:"ous"`
	Accounts   []string   `yaml:"accounts"` // directly under the root
	Policies   []namedDoc `yaml:"policies"` // SCP and RCP documents
}

type ouFile struct {
	Name     string   `yaml:"name"`
	SCPs     []string `yaml:"scps"`
	RCPs     []string `yaml:"rcps"`
	Accounts []string `yaml:"accounts"`
	OUs      []ouFile `yaml:"ous"`
}

// namedDoc is a named policy document; Type is used for organization
// policies ("scp" or "rcp").
type namedDoc struct {
	Name     string `yaml:"name"`
	Type     string `yaml:"type"`
	Document string `yaml:"document"`
	File     string `yaml:"file"`
}

type accountFile struct {
	ID                string           `yaml:"id"`
	Name              string           `yaml:"name"`
	Region            string           `yaml:"region"`
	SCPs              []string         `yaml:"scps"`
	RCPs              []string         `yaml:"rcps"`
	Policies          []namedDoc       `yaml:"policies"`
	Users             []userFile       `yaml:"users"`
	Groups            []groupFile      `yaml:"groups"`
	Roles             []roleFile       `yaml:"roles"`
	IdentityPools     []poolFile       `yaml:"identityPools"`
	OIDCProviders     []oidcFile       `yaml:"oidcProviders"`
	SAMLProviders     []samlFile       `yaml:"samlProviders"`
	BlockPublicAccess *publicBlockFile `yaml:"blockPublicAccess"`
	Buckets           []bucketFile     `yaml:"buckets"`
	Keys              []keyFile        `yaml:"keys"`
	Tables            []namedRes       `yaml:"tables"`
	Queues            []namedRes       `yaml:"queues"`
	Topics            []namedRes       `yaml:"topics"`
	Secrets           []namedRes       `yaml:"secrets"`
	Functions         []functionFile   `yaml:"functions"`
	Instances         []instanceFile   `yaml:"instances"`
	Endpoints         []endpointFile   `yaml:"endpoints"`
}

type userFile struct {
	Name       string            `yaml:"name"`
	Path       string            `yaml:"path"`
	Groups     []string          `yaml:"groups"`
	Policies   []string          `yaml:"policies"`
	Inline     []namedDoc        `yaml:"inline"`
	Boundary   string            `yaml:"boundary"`
	MFA        bool              `yaml:"mfa"`
	AccessKeys []string          `yaml:"accessKeys"`
	Tags       map[string]string `yaml:"tags"`
}

type groupFile struct {
	Name     string     `yaml:"name"`
	Path     string     `yaml:"path"`
	Policies []string   `yaml:"policies"`
	Inline   []namedDoc `yaml:"inline"`
}

type roleFile struct {
	Name               string            `yaml:"name"`
	Path               string            `yaml:"path"`
	Trust              *source           `yaml:"trust"`
	Policies           []string          `yaml:"policies"`
	Inline             []namedDoc        `yaml:"inline"`
	Boundary           string            `yaml:"boundary"`
	Tags               map[string]string `yaml:"tags"`
	MaxSessionDuration int               `yaml:"maxSessionDuration"`
	InstanceProfiles   []string          `yaml:"instanceProfiles"`
}

type poolFile struct {
	Name                 string   `yaml:"name"`
	ID                   string   `yaml:"id"`
	AllowUnauthenticated bool     `yaml:"allowUnauthenticated"`
	AuthenticatedRole    string   `yaml:"authenticatedRole"`
	UnauthenticatedRole  string   `yaml:"unauthenticatedRole"`
	Providers            []string `yaml:"providers"`
}

type oidcFile struct {
	URL       string   `yaml:"url"`
	ClientIDs []string `yaml:"clientIds"`
}

type samlFile struct {
	Name string `yaml:"name"`
}

type publicBlockFile struct {
	BlockPublicAcls       bool `yaml:"blockPublicAcls"`
	IgnorePublicAcls      bool `yaml:"ignorePublicAcls"`
	BlockPublicPolicy     bool `yaml:"blockPublicPolicy"`
	RestrictPublicBuckets bool `yaml:"restrictPublicBuckets"`
}

type bucketFile struct {
	Name              string            `yaml:"name"`
	Region            string            `yaml:"region"`
	Policy            *source           `yaml:"policy"`
	Versioning        string            `yaml:"versioning"`
	MFADelete         bool              `yaml:"mfaDelete"`
	BlockPublicAccess *publicBlockFile  `yaml:"blockPublicAccess"`
	ObjectOwnership   string            `yaml:"objectOwnership"`
	Tags              map[string]string `yaml:"tags"`
}

type keyFile struct {
	ID         string            `yaml:"id"`
	Alias      string            `yaml:"alias"`
	Region     string            `yaml:"region"`
	Policy     *source           `yaml:"policy"`
	AWSManaged bool              `yaml:"awsManaged"`
	Tags       map[string]string `yaml:"tags"`
}

// namedRes is a table, queue, topic or secret.
type namedRes struct {
	Name   string            `yaml:"name"`
	Region string            `yaml:"region"`
	Policy *source           `yaml:"policy"`
	Tags   map[string]string `yaml:"tags"`
}

type functionFile struct {
	Name   string            `yaml:"name"`
	Region string            `yaml:"region"`
	Role   string            `yaml:"role"`
	Policy *source           `yaml:"policy"`
	Tags   map[string]string `yaml:"tags"`
}

type instanceFile struct {
	ID              string            `yaml:"id"`
	Region          string            `yaml:"region"`
	InstanceProfile string            `yaml:"instanceProfile"`
	VPC             string            `yaml:"vpc"`
	Tags            map[string]string `yaml:"tags"`
}

type endpointFile struct {
	ID      string  `yaml:"id"`
	VPC     string  `yaml:"vpc"`
	Service string  `yaml:"service"`
	Policy  *source `yaml:"policy"`
}

var (
	packNames     = yamlNames(packFile{})
	scenarioNames = yamlNames(scenarioFile{}, worldFile{})
	worldNames    = yamlNames(worldFile{})
)
