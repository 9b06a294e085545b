"""The exact computation: completion, pace, changes, limits and sums for one indicator,
a whole report at a date, and the period series. Pure functions, no I/O."""
