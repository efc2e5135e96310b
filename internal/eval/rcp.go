package eval

import "github.com/iamlab/iamlab/internal/catalog"

// defaultRCPSupported is the catalogue's list of services that support RCPs;
// for any other service an RCP has no effect.
var defaultRCPSupported = catalog.RCPSupported
