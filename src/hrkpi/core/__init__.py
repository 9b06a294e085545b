"""Core values: figures and GB/T 8170 rounding, units, intervals, periods, pace, regions,
the pydantic input models, the catalog, observations and the exception tree.

Imports nothing of hrkpi above it."""
