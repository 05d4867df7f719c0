"""geo.references: one reference model and one citation format for every data file."""
from __future__ import annotations

import pytest

from geo.data.attribution import load_attribution
from geo.errors import DataError
from geo.data.events import default_timeline
from geo.references import Ref, Reference, shown, web_url
from geo.data.places import default_places


def test_every_data_file_uses_the_one_model(gazetteer):
    for refs in (gazetteer.references, default_timeline().references,
                 default_places().references, load_attribution().references):
        assert refs and all(type(r) is Reference for r in refs.values())


def test_one_citation_format():
    r = Reference(title="T", publisher="P", url="https://x.org/a", date="2024-04-08", note="n")
    assert r.cite == "T, P, 2024-04-08, https://x.org/a"
    s = shown("k", r)
    assert s == Ref("k", "T", "P", "https://x.org/a", "2024-04-08", "n") and s.cite == r.cite
    assert shown("k", r.model_copy(update={"url": "javascript:alert(1)"})).url is None
    assert web_url(" http://x.org ") == "http://x.org" and web_url("x.org") is None


@pytest.mark.parametrize("date", ["2024-13-01", "24-04", " 2024"])
def test_a_reference_date_must_be_a_real_date(date):
    with pytest.raises(ValueError):
        Reference(title="T", publisher="P", url="https://x.org", date=date)


def test_an_event_reference_may_carry_its_date_and_a_bad_one_is_named(tmp_path, monkeypatch):
    from test_bad_data import copy_data, replace_in
    data, docs = copy_data(tmp_path)
    replace_in(data / "events.yaml", '    date: "2020-08-30"\n', '    date: "2020-08-31x"\n')
    monkeypatch.setenv("NT_DATA_DIR", str(data))
    monkeypatch.setenv("NT_SOURCES_DIR", str(docs))
    with pytest.raises(DataError) as e:
        default_timeline()
    assert e.value.path.endswith("events.yaml")
    assert (e.value.item, e.value.field) == ("sankei-2020-repatriation", "date")
