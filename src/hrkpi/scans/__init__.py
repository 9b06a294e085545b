"""The rules of `hrkpi scan`: read a report as written, find the relations its figures
state, and check them with the rules of `hrkpi check` (hrkpi.checks): the scan builds the
same catalog and dataset the YAML files would, and does no arithmetic of its own.

Named `scans`, not `scan`: a subpackage `hrkpi.scan` would replace the function
`hrkpi.scan` on the package once imported (as `checks` does for `hrkpi.check`)."""
