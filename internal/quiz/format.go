package quiz

// The structs in this file are the on-disk format (docs/quiz-format.md),
// decoded strictly: a key not listed here is an error. Keep them, the doc
// and content/quiz/examples.yaml in step.

type itemFile struct {
	ID          string       `yaml:"id"`
	Version     int          `yaml:"version"`
	Type        string       `yaml:"type"`
	Stem        string       `yaml:"stem"`
	Options     []optionFile `yaml:"options"`
	Choose      int          `yaml:"choose"`
	Steps       []stepFile   `yaml:"steps"`
	Pairs       []pairFile   `yaml:"pairs"`
	Extras      []extraFile  `yaml:"extras"`
	World       *worldFile   `yaml:"world"`
	Call        *callFile    `yaml:"call"`
	Ask         string       `yaml:"ask"`
	Answer      *answerFile  `yaml:"answer"`
	Exam        []string     `yaml:"exam"`
	Topics      []string     `yaml:"topics"`
	Difficulty  int          `yaml:"difficulty"`
	Explanation string       `yaml:"explanation"`
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

// callFile is sandbox.Call in the same YAML shape scenario checks use.
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

// worldFile has the shape of a scenario world (internal/scenarios,
// docs/authoring.md). The scenarios package keeps its decoder private, so
// the quiz decodes the same shape itself and builds the world through the
// sandbox API; documents must be inline, as the bank has no pack folder.
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
	Accounts   []string   `yaml:"accounts"`
	Policies   []namedDoc `yaml:"policies"`
}

type ouFile struct {
	Name     string   `yaml:"name"`
	SCPs     []string `yaml:"scps"`
	RCPs     []string `yaml:"rcps"`
	Accounts []string `yaml:"accounts"`
	OUs      []ouFile `yaml:"ous"`
}

type namedDoc struct {
	Name     string `yaml:"name"`
	Type     string `yaml:"type"`
	Document string `yaml:"document"`
	File     string `yaml:"file"`
}

type source struct {
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
