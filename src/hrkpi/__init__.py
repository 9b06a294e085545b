"""hrkpi: indicators as code for public-sector work reports."""

__version__ = "0.1.0"
