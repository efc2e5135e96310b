package sandbox

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
)

// mfaAge is how long ago the caller authenticated with MFA, in seconds; the
// session's token was issued at the same moment.
const (
	mfaAge     = 600
	mfaAgeText = "600"
)

// callTimes are the call's instants, formatted once for all its hops.
type callTimes struct{ now, epoch, issued string }

func newCallTimes(now time.Time) callTimes {
	return callTimes{
		now:    now.Format(time.RFC3339),
		epoch:  strconv.FormatInt(now.Unix(), 10),
		issued: now.Add(-mfaAge * time.Second).Format(time.RFC3339),
	}
}

// context builds the request context of one hop as AWS would:
//
//   - principal keys — aws:PrincipalArn (the role, with its path, for a
//     session), aws:PrincipalAccount, aws:PrincipalOrgID and the
//     multivalued aws:PrincipalOrgPaths when the account is in the
//     organization, aws:PrincipalTag/* (user tags; role tags overridden by
//     session tags), aws:PrincipalType, aws:userid, aws:username (users
//     only), aws:PrincipalIsAWSService (and aws:PrincipalServiceName for a
//     service);
//   - request keys — aws:SourceIp (always, except through a VPC endpoint,
//     which sets aws:SourceVpce, aws:SourceVpc and aws:VpcSourceIp instead),
//     aws:SecureTransport, aws:CurrentTime, aws:EpochTime,
//     aws:RequestedRegion, aws:ViaAWSService, and only with temporary
//     credentials aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge (with
//     MFA) and aws:TokenIssueTime;
//   - resource keys — aws:ResourceAccount, aws:ResourceOrgID,
//     aws:ResourceOrgPaths, aws:ResourceTag/*.
//
// Anonymous callers sign nothing, so they carry no principal keys but
// aws:PrincipalType and aws:userid ("anonymous").
func (r *run) context(p *principal, res *resource, region string, final bool, extra []ctxKey) eval.Context {
	var c eval.Context
	signed := p.kind != eval.Anonymous
	switch {
	case p.kind == eval.ServiceCaller:
		c.Set("aws:PrincipalIsAWSService", "true")
		c.Set("aws:PrincipalServiceName", p.arn)
	case p.inAccount():
		c.Set("aws:PrincipalArn", p.principalARNKey())
		c.Set("aws:PrincipalAccount", p.acct.ID)
		if pl := r.ix.place[p.acct.ID]; pl != nil {
			c.Set("aws:PrincipalOrgID", r.w.org.ID)
			c.SetList("aws:PrincipalOrgPaths", []string{pl.path})
		}
		for _, k := range sortedKeys(p.tags) {
			c.Set("aws:PrincipalTag/"+k, p.tags[k])
		}
		c.Set("aws:PrincipalIsAWSService", "false")
	case signed:
		c.Set("aws:PrincipalIsAWSService", "false")
	}
	if t := p.principalType(); t != "" {
		c.Set("aws:PrincipalType", t)
	}
	if id := p.uniqueID(); id != "" {
		c.Set("aws:userid", id)
	}
	if p.kind == eval.IAMUser {
		c.Set("aws:username", p.user.Name)
	}
	if p.provider != "" {
		c.Set("aws:FederatedProvider", p.provider)
	}

	// Request keys.
	if final && r.endpoint != nil {
		// Through a VPC endpoint the public address is gone; the private
		// one is aws:VpcSourceIp.
		c.Set("aws:SourceVpce", r.endpoint.ID)
		if r.endpoint.VPC != "" {
			c.Set("aws:SourceVpc", r.endpoint.VPC)
		}
		c.Set("aws:VpcSourceIp", r.vpcSourceIP)
	} else {
		c.Set("aws:SourceIp", r.sourceIP)
	}
	c.Set("aws:SecureTransport", strconv.FormatBool(r.secure))
	c.Set("aws:CurrentTime", r.times.now)
	c.Set("aws:EpochTime", r.times.epoch)
	if region != "" {
		c.Set("aws:RequestedRegion", region)
	}
	if signed {
		c.Set("aws:ViaAWSService", "false")
	}
	if p.temporary {
		c.Set("aws:MultiFactorAuthPresent", strconv.FormatBool(p.mfa))
		if p.mfa {
			c.Set("aws:MultiFactorAuthAge", mfaAgeText)
		}
		c.Set("aws:TokenIssueTime", r.times.issued)
	}

	// Resource keys.
	if res.acct != nil {
		c.Set("aws:ResourceAccount", res.acct.ID)
		if pl := r.ix.place[res.acct.ID]; pl != nil {
			c.Set("aws:ResourceOrgID", r.w.org.ID)
			c.SetList("aws:ResourceOrgPaths", []string{pl.path})
		}
	}
	for _, k := range sortedKeys(res.tags) {
		c.Set("aws:ResourceTag/"+k, res.tags[k])
	}

	for _, k := range p.extra {
		put(&c, k)
	}
	for _, k := range extra {
		put(&c, k)
	}
	if final {
		r.callContext(&c)
	}
	return c
}

func put(c *eval.Context, k ctxKey) {
	if k.multi {
		c.SetList(k.key, k.vals)
	} else if len(k.vals) > 0 {
		c.Set(k.key, k.vals[0])
	}
}

// callContext adds the call's own keys. aws:TagKeys follows from the
// aws:RequestTag/* keys when the call does not give it.
func (r *run) callContext(c *eval.Context) {
	if len(r.call.Context) == 0 {
		return
	}
	var tagKeys []string
	for _, k := range sortedKeys(r.call.Context) {
		vals := r.call.Context[k]
		if len(vals) > 1 || catalog.IsMultivaluedKey(k) {
			c.SetList(k, vals)
		} else if len(vals) == 1 {
			c.Set(k, vals[0])
		} else {
			c.SetList(k, nil)
		}
		if t, ok := cutPrefixFold(k, "aws:RequestTag/"); ok {
			tagKeys = append(tagKeys, t)
		}
	}
	if _, given := c.Get("aws:TagKeys"); !given && len(tagKeys) > 0 {
		c.SetList("aws:TagKeys", tagKeys)
	}
}

// sessionTagKeys are the keys an AssumeRole call with session tags carries.
func sessionTagKeys(tags map[string]string) []ctxKey {
	if len(tags) == 0 {
		return nil
	}
	keys := sortedKeys(tags)
	out := make([]ctxKey, 0, len(keys)+1)
	for _, k := range keys {
		out = append(out, ctxKey{key: "aws:RequestTag/" + k, vals: []string{tags[k]}})
	}
	return append(out, ctxKey{key: "aws:TagKeys", vals: keys, multi: true})
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return "", false
}

func sortedKeys[V any](m map[string]V) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
