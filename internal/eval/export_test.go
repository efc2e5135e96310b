package eval

import "strings"

// What only the tests call: kept out of the product so that its exported
// API is what the product uses.

// Delete removes a key.
func (c *Context) Delete(key string) { delete(c.m, strings.ToLower(key)) }
