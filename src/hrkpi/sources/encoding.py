"""Kept only for hrkpi.api's import of `is_utf8`, which now lives in
hrkpi.sources.textfile with the readers' encoding detection; delete this module
when api.py imports it from there."""

from __future__ import annotations

from hrkpi.sources.textfile import is_utf8

__all__ = ["is_utf8"]
