package search

// OptionHrefs lets the external quality test wait for the header box's
// results the same way the browser tests do.
var OptionHrefs = optionHrefs
