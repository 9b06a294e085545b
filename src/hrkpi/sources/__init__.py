"""Readers: YAML (with node marks), long CSV and Parquet, region hierarchies, and the
loader that turns files into a catalog and a dataset, every problem located."""
