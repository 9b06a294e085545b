"""Every consistency rule of `hrkpi check`, exact: figures as rounding intervals, the
rules, and findings as data (no words: those are made in hrkpi.output).

Named `checks`, not `check`: a subpackage `hrkpi.check` would replace the function
`hrkpi.check` on the package once imported."""
