"""Plain records (hrkpi.core.records): what a file says, validated by its pydantic
schema and kept as frozen dataclasses with the schema's fields and values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from hrkpi.core import dataschema
from hrkpi.core.fields import RECORDS
from hrkpi.core.models import Base, Change, Indicator, Measure, StatedFigure, ThresholdKind
from hrkpi.core.records import Record

RAW = {
    "id": "reemployment",
    "name": "失业人员再就业",
    "unit": "万人",
    "measure": "flow",
    "targets": [
        {"name": "省下达", "value": "4"},
        {"name": "力争", "value": "4.5", "primary": True},
    ],
    "thresholds": [{"word": "以上", "value": "3"}],
    "ratio": None,
}


def test_every_record_has_its_schema_models_fields() -> None:
    # (the schema modules register their models when imported: both, whatever ran before)
    import hrkpi.core.dataschema
    import hrkpi.core.indicatorschema  # noqa: F401

    assert len(RECORDS) == 10  # 5 of indicators files, 5 of data files
    for model, record in RECORDS.items():
        assert isinstance(record, type) and issubclass(record, Record)
        assert record.__name__ == model.__name__
        assert record.schema() is model
        names = [f.name for f in dataclasses.fields(record)]
        assert names == list(model.model_fields), model.__name__


def test_a_validated_indicator_is_a_plain_record() -> None:
    ind = Indicator.model_validate(RAW)
    assert type(ind) is Indicator and not isinstance(ind, BaseModel)
    assert ind.measure is Measure.FLOW and ind.unit.symbol == "万人"
    # What the schema's validators resolve is kept: the primary target is `target`
    # (力争 4.5, marked primary), a word is its kind and inclusiveness.
    assert ind.target is not None and ind.target.value == Decimal("4.5")
    assert [t.name for t in ind.named_targets] == ["力争", "省下达"]
    assert (ind.thresholds[0].kind, ind.thresholds[0].inclusive) == (ThresholdKind.FLOOR, True)
    assert all(not isinstance(t, BaseModel) for t in [*ind.targets, *ind.thresholds])
    with pytest.raises(dataclasses.FrozenInstanceError):
        ind.id = "other"  # type: ignore[misc]


def test_invalid_data_raises_the_schemas_error() -> None:
    with pytest.raises(ValidationError) as caught:
        Indicator.model_validate({**RAW, "name": "reemployment"})
    assert "has no Chinese" in str(caught.value)


def test_a_record_is_its_schema_model_again() -> None:
    raw = {"value": "55.37", "changes": [{"base": "end_of_last_year", "pct": "2.28"}]}
    stated = StatedFigure.model_validate(raw)
    assert type(stated.changes[0]) is Change and stated.changes[0].base is Base.END_OF_LAST_YEAR
    model = stated.schema_model()
    assert type(model) is dataschema.StatedFigure
    assert type(model.changes[0]) is dataschema.Change
    assert model == dataschema.StatedFigure.model_validate(raw)
    # and records within data are taken as valid, as pydantic takes its models
    again = StatedFigure.model_validate({"value": "1", "changes": stated.changes})
    assert again.changes == stated.changes


def test_copies_are_not_validated_and_records_pickle() -> None:
    ind = Indicator.model_validate(RAW)
    copy = ind.model_copy(update={"id": "x", "target": None, "targets": []})
    assert (copy.id, copy.target, copy.targets, copy.name) == ("x", None, [], ind.name)
    assert ind.id == "reemployment"  # the original is untouched
    back = pickle.loads(pickle.dumps(ind))
    assert back == ind and back is not ind
    change = Change.model_construct(base=dt.date(2020, 2, 10), abs=None)
    assert change.pct is None and change.comparable is False


def test_a_copy_is_what_dataclasses_replace_makes() -> None:
    from hrkpi.api import load

    catalog, dataset = load()
    records: list[Any] = list(catalog.indicators.values())
    records += [o.stated for o in dataset] + [c for o in dataset for c in o.stated.changes]
    assert len(records) > 250
    for record in records:
        name = next(iter(record.__dataclass_fields__))
        update = {name: getattr(record, name)} if name != "id" else {"id": "x"}
        copy = record.model_copy(update=update)
        assert type(copy) is type(record) and copy is not record
        made = dataclasses.replace(record, **update)
        assert copy == made and copy.__dict__ == made.__dict__
    with pytest.raises(TypeError, match="not_a_field"):
        records[0].model_copy(update={"not_a_field": 1})
