package sandbox

// ResourceNames lists the account's resources by the friendly names a call
// may use for them ("bucket reports", "table Orders", "key alias/app" …),
// in a stable order: screens complete and describe resources with them.
func (a *Account) ResourceNames() []string {
	var out []string
	for _, b := range a.Buckets {
		out = append(out, "bucket "+b.Name)
	}
	for _, k := range a.Keys {
		if k.Alias != "" {
			out = append(out, "key "+k.Alias)
		} else {
			out = append(out, "key "+k.ID)
		}
	}
	for _, t := range a.Tables {
		out = append(out, "table "+t.Name)
	}
	for _, q := range a.Queues {
		out = append(out, "queue "+q.Name)
	}
	for _, t := range a.Topics {
		out = append(out, "topic "+t.Name)
	}
	for _, f := range a.Functions {
		out = append(out, "function "+f.Name)
	}
	for _, in := range a.Instances {
		out = append(out, "instance "+in.ID)
	}
	for _, s := range a.Secrets {
		out = append(out, "secret "+s.Name)
	}
	return out
}
