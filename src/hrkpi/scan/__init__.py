"""`hrkpi scan`: read a report as written, find the relations its figures state, and
check them with the rules of `hrkpi check` (hrkpi.checks): the scan builds the same
catalog and dataset the YAML files would, and never does arithmetic of its own."""
