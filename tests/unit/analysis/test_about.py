"""lib/analysis/about.py: the data dictionary generated from the descriptor, and the licences."""

from __future__ import annotations

from lib.analysis.about import build_data_dictionary, list_licences
from lib.data.schema import TABLES


def test_data_dictionary_has_a_row_for_every_column_of_every_table_and_nothing_else(curated):
    dictionary = build_data_dictionary(curated.descriptor)
    rows = list(zip(dictionary["table"], dictionary["column"], strict=True))
    expected = [(name, column) for name, table in TABLES.items() for column in table.columns]
    assert sorted(rows) == sorted(expected)
    assert len(rows) == len(set(rows))
    assert (dictionary["description"] != "").all()
    claim_ids = dictionary.set_index(["table", "column"]).loc[("judgments", "claim_ids")]
    assert "|-list of claims" in claim_ids["rules"]


def test_licences_name_the_curation_the_documents_natural_earth_and_leaflet(curated):
    licences = list_licences(curated)
    text = licences.to_string()
    (declared,) = curated.descriptor["licenses"]
    assert declared["name"] == "CC-BY-4.0"
    assert declared["title"] in set(licences["licence"])
    assert "Remain their publishers'" in set(licences["licence"])
    assert "Natural Earth" in text and "public domain" in text
    leaflet = licences[licences["what"].str.startswith("leaflet ")]
    assert list(leaflet["licence"]) == ["BSD-2-Clause"]
