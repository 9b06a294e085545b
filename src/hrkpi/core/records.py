"""The base of the plain records the program computes on: definitions and stated
figures as frozen dataclasses, validated by their pydantic schema.

Pydantic validates what a file says (`hrkpi.core.indicatorschema`,
`hrkpi.core.dataschema`) and the loader turns each model into its record; the
engine, the checks and the outputs read records, so a run that needs no
validation (the bundled report read from the user's cache) never imports
pydantic's model machinery, which costs more than the whole computation.

A record offers the model methods the program uses, with pydantic's meaning:
`model_validate` (validate raw data with the schema, records in it taken as valid;
pydantic's ValidationError when it fails), `model_copy(update=...)` (a copy with
fields replaced, not validated) and `model_construct` (built from valid values, not
validated); `schema_model()` is the record as its schema model, to write it out.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping
from typing import Any, ClassVar, Self


class Record:
    """A plain record whose pydantic schema model of the same name lives in `SCHEMA`."""

    SCHEMA: ClassVar[str]  # the module of the schema model, imported when validating

    @classmethod
    def schema(cls) -> Any:
        """The pydantic model this record is validated by (its module imported now)."""
        found = _SCHEMAS.get(cls)
        if found is None:
            found = _SCHEMAS[cls] = getattr(importlib.import_module(cls.SCHEMA), cls.__name__)
        return found

    @classmethod
    def model_validate(cls, data: object) -> Self:
        """`data` validated by the schema model, as this record. Records within `data`
        are taken as valid, as pydantic takes a model instance."""
        found: Self = cls.schema().model_validate(_models(data)).plain()
        return found

    def schema_model(self) -> Any:
        """This record as its schema model, built without validation (it was validated
        when made): to write it out with pydantic's serializer."""
        values = {f.name: _models(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        return self.schema().model_construct(**values)

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """Built from values already valid (nothing is checked)."""
        return cls(**values)

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with the fields in `update` replaced (not validated)."""
        cls = type(self)
        fields = _FIELDS.get(cls)
        if fields is None:
            # A record that sets fields of its own when made is made again, as
            # dataclasses.replace makes it; the others are copied field by field.
            plain = not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
            fields = _FIELDS[cls] = (
                frozenset(f.name for f in dataclasses.fields(cls) if f.init)  # type: ignore[arg-type]
                if plain
                else frozenset()
            )
        changed = update or {}
        own = self.__dict__
        if not fields or not changed.keys() <= fields or len(own) != len(fields):
            # (replace also says which name is not a field; an attribute kept beside the
            # fields, a value cached from them, is not copied as it is)
            return dataclasses.replace(self, **changed)  # type: ignore[type-var]
        # A frozen dataclass's fields copied as they are: replace() cost six times this
        # (a completion table of 29,000 rows copies 100,000 indicators and figures).
        new = object.__new__(cls)
        new.__dict__.update(own)
        new.__dict__.update(changed)
        return new


_SCHEMAS: dict[type[Record], Any] = {}
_FIELDS: dict[type[Record], frozenset[str]] = {}  # fields model_copy may set (none: replace)


def _models(value: object) -> object:
    """`value` with every record in it (in lists and mappings) as its schema model."""
    if isinstance(value, Record):
        return value.schema_model()
    if isinstance(value, list):
        return [_models(v) for v in value]
    if isinstance(value, dict):
        return {k: _models(v) for k, v in value.items()}
    return value
