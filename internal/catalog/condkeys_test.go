package catalog

import (
	"slices"
	"testing"
)

func TestConditionKeysFor(t *testing.T) {
	a, _ := Lookup("s3:GetObject")
	got := ConditionKeysFor(a)
	for _, want := range []string{
		"s3:ExistingObjectTag/<key>",  // the action's own
		"s3:BucketTag/${TagKey}",      // from the object resource type
		"s3:AccessPointTag/${TagKey}", // from accesspointobject
	} {
		if !slices.Contains(got, want) {
			t.Errorf("ConditionKeysFor(s3:GetObject) lacks %s: %v", want, got)
		}
	}
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("not sorted and unique: %v", got)
	}
	// The result is the caller's to keep.
	got[0] = "changed"
	if ConditionKeysFor(a)[0] == "changed" || a.ConditionKeys[0] == "changed" {
		t.Error("ConditionKeysFor shares its result")
	}
	if a, _ := Lookup("sts:GetCallerIdentity"); len(ConditionKeysFor(a)) != 0 {
		t.Errorf("sts:GetCallerIdentity keys %v", ConditionKeysFor(a))
	}
}

func TestIsGlobalConditionKey(t *testing.T) {
	for _, k := range []string{
		"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
		"aws:PrincipalTag/team", "aws:PrincipalTag/${TagKey}", "aws:PrincipalType", "aws:userid", "aws:username",
		"aws:SourceIp", "aws:SecureTransport", "aws:CurrentTime", "aws:EpochTime", "aws:RequestedRegion",
		"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:TokenIssueTime", "aws:RequestTag/env",
		"aws:TagKeys", "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:ViaAWSService",
		"aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:SourceVpce", "aws:SourceVpc",
		"aws:VpcSourceIp", "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths",
		"aws:ResourceTag/Owner", "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths",
		"aws:Referer", "aws:UserAgent", "aws:FederatedProvider", "aws:SourceIdentity",
		"aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4",
		"AWS:SOURCEIP", "ec2:SourceInstanceArn",
	} {
		if !IsGlobalConditionKey(k) {
			t.Errorf("IsGlobalConditionKey(%q) = false", k)
		}
	}
	for _, k := range []string{"aws:PrincipalTag", "aws:PrincipalTag/", "aws:NoSuchKey", "s3:prefix", "SourceIp", ""} {
		if IsGlobalConditionKey(k) {
			t.Errorf("IsGlobalConditionKey(%q) = true", k)
		}
	}
}

func TestConditionKeyTypes(t *testing.T) {
	for key, want := range map[string]string{
		"aws:SourceIp":               "IPAddress",
		"aws:SecureTransport":        "Bool",
		"aws:TagKeys":                "ArrayOfString",
		"aws:PrincipalTag/team":      "String",
		"s3:prefix":                  "String",
		"S3:Prefix":                  "String",
		"s3:ExistingObjectTag/env":   "String",
		"s3:ExistingObjectTag/<key>": "String",
		"iam:PassedToService":        "String",
	} {
		if got, ok := ConditionKeyType(key); !ok || got != want {
			t.Errorf("ConditionKeyType(%q) = %q, %v; want %q", key, got, ok, want)
		}
	}
	for _, key := range []string{"s3:nosuchkey", "nosuch:key", "aws:NoSuchKey", "s3:ExistingObjectTag/"} {
		if got, ok := ConditionKeyType(key); ok {
			t.Errorf("ConditionKeyType(%q) = %q", key, got)
		}
	}
}

func TestIsMultivaluedKey(t *testing.T) {
	for key, want := range map[string]bool{
		"aws:TagKeys":           true,
		"aws:CalledVia":         true,
		"aws:PrincipalOrgPaths": true,
		"aws:ResourceOrgPaths":  true,
		"aws:SourceIp":          false,
		"aws:PrincipalTag/team": false,
		"s3:prefix":             false,
		"nosuch:key":            false,
	} {
		if got := IsMultivaluedKey(key); got != want {
			t.Errorf("IsMultivaluedKey(%q) = %v", key, got)
		}
	}
	// Every key a service types ArrayOf… for its own prefix is
	// multivalued. (Copies elsewhere may disagree: q and qbusiness call
	// identitystore:UserId an array, identitystore itself a string.)
	n := 0
	for _, s := range Services() {
		for i, k := range s.ConditionKeys {
			if t0 := s.keyTypes[i]; len(t0) > 7 && t0[:7] == "ArrayOf" && hasPrefixFold(k, s.Prefix+":") {
				n++
				if !IsMultivaluedKey(k) {
					t.Errorf("%s (%s) not multivalued", k, t0)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d multivalued service keys", n)
	}
}

func TestGlobalConditionKeysList(t *testing.T) {
	keys := GlobalConditionKeys()
	if !slices.Contains(keys, "aws:SourceIp") || !slices.Contains(keys, "aws:PrincipalTag/${TagKey}") {
		t.Errorf("GlobalConditionKeys() = %v", keys)
	}
	for _, k := range keys {
		if !IsGlobalConditionKey(k) {
			t.Errorf("%s listed but not global", k)
		}
	}
}
