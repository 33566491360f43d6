"""One module per action family: the builders, written by hand."""
