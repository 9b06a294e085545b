"""Outputs of a computed report: one module per format."""
