"""Consistency checks for the shipped sample reference data (items and discretion benchmarks)."""

import itertools
import json
import re
from pathlib import Path

import pytest

REF = Path(__file__).parents[2] / "resources" / "reference"
CODE_RE = re.compile(r"^[A-Z]{2}-\d{2}$")
UNITS = {"yuan", "yuan_per_sqm", "multiple"}
PARTIES = {"any", "organisation", "person"}
TIERS = ["minor", "general", "serious", "severe"]


def _load(name):
    with open(REF / name, encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def items_doc():
    return _load("items.json")


@pytest.fixture(scope="module")
def bench_doc():
    return _load("benchmarks.json")


@pytest.fixture(scope="module")
def items(items_doc):
    return {it["code"]: it for it in items_doc["items"]}


def test_list_is_marked_sample(items_doc, bench_doc):
    lst = items_doc["list"]
    assert lst["sample"] is True
    assert "示例" in lst["name"]
    assert lst["note"]
    assert lst["effective_from"]
    assert bench_doc["sample"] is True
    assert bench_doc["note"]


def test_item_count_and_codes(items_doc):
    codes = [it["code"] for it in items_doc["items"]]
    assert len(codes) >= 40
    assert len(codes) == len(set(codes))
    for code in codes:
        assert CODE_RE.match(code), code


def test_bases_complete(items_doc):
    for it in items_doc["items"]:
        assert it["name"] and it["category"] and it["penalty_text"], it["code"]
        for key in ("violation_basis", "penalty_basis"):
            basis = it[key]
            assert basis["law"].startswith("《") and basis["law"].endswith("》"), (it["code"], key)
            assert basis["article"].strip(), (it["code"], key)
            assert basis["article"].startswith("第"), (it["code"], key)
            assert basis["text"].strip(), (it["code"], key)


def test_item_flags(items_doc):
    for it in items_doc["items"]:
        for key in ("fine_amount_in_law", "major", "continuing", "recalled"):
            assert isinstance(it[key], bool), (it["code"], key)
        assert it["limitation_years"] in (2, 5), it["code"]
        assert isinstance(it["other_sanctions"], list), it["code"]
        assert it["source"], it["code"]


def test_fines_valid(items_doc):
    for it in items_doc["items"]:
        for f in it["fines"]:
            assert f["party"] in PARTIES, it["code"]
            assert f["unit"] in UNITS, it["code"]
            assert 0 <= f["min"] <= f["max"], it["code"]
            assert f["max"] > 0, it["code"]
            assert isinstance(f["mandatory"], bool), it["code"]
            if f["unit"] == "multiple":
                assert f["base"], it["code"]
            else:
                assert f["base"] is None, it["code"]
        if not it["fine_amount_in_law"]:
            assert it["fines"] == [], it["code"]
        else:
            assert it["fines"], it["code"]


def _base_fine(item, party, unit, base):
    found = [
        f
        for f in item["fines"]
        if f["precondition"] is None and f["party"] == party and f["unit"] == unit and f["base"] == base
    ]
    assert len(found) == 1, (item["code"], party, unit, base)
    return found[0]


def test_benchmarks_match_items(items, bench_doc):
    seen = set()
    for b in bench_doc["benchmarks"]:
        code = b["item_code"]
        assert code in items, code
        item = items[code]
        assert item["fine_amount_in_law"] is True, code
        key = (code, b["party"], b["unit"], b["base"])
        assert key not in seen, key
        seen.add(key)
        fine = _base_fine(item, b["party"], b["unit"], b["base"])

        tiers = b["tiers"]
        assert [t["tier"] for t in tiers] == TIERS, code
        for t in tiers:
            assert t["label"] and t["conditions"], code
            assert t["fine_min"] < t["fine_max"], (code, t["tier"])
            assert isinstance(t["other_sanctions"], list), code
        assert tiers[0]["fine_min"] == fine["min"], code
        assert tiers[-1]["fine_max"] == fine["max"], code
        for prev, cur in itertools.pairwise(tiers):
            assert cur["fine_min"] == prev["fine_max"], (code, cur["tier"])
        for t in tiers:
            assert fine["min"] <= t["fine_min"] and t["fine_max"] <= fine["max"], (code, t["tier"])


def test_every_base_range_has_a_benchmark(items, bench_doc):
    keys = {(b["item_code"], b["party"], b["unit"], b["base"]) for b in bench_doc["benchmarks"]}
    for code, item in items.items():
        for f in item["fines"]:
            if f["precondition"] is None:
                assert (code, f["party"], f["unit"], f["base"]) in keys, code


def test_items_without_amount_have_no_benchmark(items, bench_doc):
    no_amount = {code for code, it in items.items() if not it["fine_amount_in_law"]}
    assert no_amount
    assert not no_amount & {b["item_code"] for b in bench_doc["benchmarks"]}


def test_no_penalty_entries(items, bench_doc):
    entries = bench_doc["no_penalty"]
    kinds = {e["kind"] for e in entries}
    assert kinds == {"minor_no_penalty", "first_offence_no_penalty"}
    pairs = set()
    for e in entries:
        assert e["item_code"] in items, e["item_code"]
        assert e["conditions"], e["item_code"]
        assert "行政处罚法" in e["basis"] and "第三十三条" in e["basis"], e["item_code"]
        pair = (e["item_code"], e["kind"])
        assert pair not in pairs, pair
        pairs.add(pair)
