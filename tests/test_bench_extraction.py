"""The extraction benchmark's scorer, the peers' conversion functions and a fast run on real suite slices.

Accuracy targets are not asserted here (the benchmark reports them); nothing here needs the network
or the peers' virtual environment.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.bench.agree import date_agrees, iso_duration_seconds, units_equivalent, value_agrees
from checker.bench.extraction import bench_extraction, case_report, disagreements_text, table, to_json
from checker.bench.peers import quantulum_adapter, recognizers_adapter
from checker.bench.score import Counts, overlap, prf, score_case
from checker.bench.suites import COUNTED_KINDS, QUANTULUM_KINDS, SuiteFileError, load_suite
from checker.cli import main


def peer_suites_dir() -> Path | None:
    override = os.environ.get("CHECKER_PEER_SUITES")
    path = Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "peer-suites"
    return path if path.is_dir() else None


def mention(start, end, kind="number", value=None, unit=None, **extra):
    return {"start": start, "end": end, "text": "", "kind": kind, "value": value, "unit": unit} | extra


def expected(start, end, value=None, unit=None, iso=None, text="x"):
    return {"text": text, "start": start, "end": end, "value": value, "unit": unit, "iso_value": iso}


def case(text, *items, kind="number"):
    return {"id": "c", "text": text, "lang": "en", "kind": kind, "expected": list(items)}


# -- spans and matching


def test_overlap_is_about_shared_characters():
    assert overlap((0, 5), (3, 8)) == 2
    assert overlap((0, 5), (5, 8)) == 0  # touching spans do not overlap
    assert overlap((2, 3), (0, 10)) == 1


def test_span_overlap_matches_one_to_one():
    c = case("about 40 and 50", expected(6, 8, 40), expected(13, 15, 50))
    result = score_case([mention(0, 8, value=40.0), mention(13, 15, value=51.0)], c, COUNTED_KINDS["number"])
    assert [(p.predicted, p.expected, p.value_ok) for p in result.pairs] == [(0, 0, True), (1, 1, False)]


def test_two_predictions_on_one_expected_span_leave_one_false_positive():
    c = case("three million seven", expected(0, 19, 3000007))
    preds = [mention(0, 13, value=3e6), mention(14, 19, value=7.0)]
    result = score_case(preds, c, COUNTED_KINDS["number"])
    counts = Counts()
    counts.add(len(result.predicted), len(result.expected), result.pairs)
    assert (counts.predicted, counts.span_tp, counts.value_tp) == (2, 1, 0)


def test_value_agreement_is_preferred_when_matching():
    c = case("5 thousand", expected(0, 1, 5))
    preds = [mention(0, 10, value=5000.0), mention(0, 1, value=5.0)]
    result = score_case(preds, c, COUNTED_KINDS["number"])
    assert result.pairs[0].value_ok and result.pairs[0].predicted == 1


def test_other_kinds_are_not_counted():
    c = case("5 km", expected(0, 1, 5), kind="number")
    result = score_case(
        [mention(0, 4, kind="quantity", value=5.0, unit="kilometer")], c, COUNTED_KINDS["number"]
    )
    assert result.predicted == [] and result.pairs == []


def test_negative_case_counts_every_prediction_of_the_kind_as_false_positive():
    c = case("a dozen eggs and 2 km")
    result = score_case(
        [mention(2, 7, value=12.0), mention(17, 21, kind="quantity")], c, COUNTED_KINDS["number"]
    )
    counts = Counts()
    counts.add(len(result.predicted), len(result.expected), result.pairs)
    m = counts.metrics()
    assert (counts.predicted, counts.expected, counts.span_tp) == (1, 0, 0)
    assert m["span_precision"] == 0.0 and m["span_recall"] == 1.0


def test_prf_edges():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 0, 3)[2] == 0.0
    p, r, f = prf(2, 4, 2)
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)


def test_missing_offsets_are_found_by_surface():
    c = case("It weighs 10kg", {"text": "10kg", "start": None, "end": None, "value": 10, "unit": "kg"})
    result = score_case([mention(10, 14, kind="quantity", value=10.0, unit="kilogram")], c, QUANTULUM_KINDS)
    assert result.pairs and result.pairs[0].value_ok


# -- values and units


def test_value_tolerance_is_one_millionth_relative():
    assert value_agrees(mention(0, 1, value=1_000_000.5), expected(0, 1, 1_000_000))
    assert not value_agrees(mention(0, 1, value=1_000_002.0), expected(0, 1, 1_000_000))
    assert value_agrees(mention(0, 1, value=0.333333333), expected(0, 1, 0.333333333333333))
    assert not value_agrees(mention(0, 1, value=None), expected(0, 1, 3))


def test_span_only_expectations_count_as_value_match():
    assert value_agrees(mention(0, 1, value=44.0, unit="milligram"), expected(0, 1, None, "mg"))


@pytest.mark.parametrize(
    ("suite", "ours"),
    [
        ("km", "kilometer"),
        ("m2", "meter ** 2"),
        ("ft3", "foot ** 3"),
        ("t", "metric_ton"),
        ("lb", "pound"),
        ("°C", "degree_Celsius"),
        ("°F", "degree_Fahrenheit"),
        ("L", "liter"),
        ("ac", "acre"),
        ("bbl", "oil_barrel"),
    ],
)
def test_units_are_equivalent_through_pint(suite, ours):
    assert units_equivalent(suite, ours)


def test_different_units_are_not_equivalent():
    assert not units_equivalent("°C", "kelvin")  # same size, different zero
    assert not units_equivalent("km", "mile")
    assert not units_equivalent("km", "kilogram")


def test_value_is_converted_into_the_expected_unit():
    assert value_agrees(mention(0, 1, "quantity", 2.0, "kilometer"), expected(0, 1, 2, "km"))
    assert value_agrees(mention(0, 1, "quantity", 2000.0, "meter"), expected(0, 1, 2, "km"))
    assert not value_agrees(mention(0, 1, "quantity", 2.0, "mile"), expected(0, 1, 2, "km"))
    assert not value_agrees(mention(0, 1, "quantity", 2.0, None), expected(0, 1, 2, "km"))
    # ages: "5 years old" is a duration in seconds for us
    assert value_agrees(mention(0, 1, "duration", 5 * 31557600.0, "s"), expected(0, 1, 5, "year"))
    # a bare age ("age 87") comes without a unit: our duration is read in years, not in seconds
    assert value_agrees(mention(0, 1, "duration", 87 * 31557600.0, "s"), expected(0, 1, 87, None))
    assert not value_agrees(mention(0, 1, "duration", 87.0, "s"), expected(0, 1, 87, None))


def test_currency_and_percent_units_compare_literally():
    assert value_agrees(mention(0, 1, "money", 2000.0, "GBP"), expected(0, 1, 2000, "GBP"))
    assert not value_agrees(mention(0, 1, "money", 2000.0, "USD"), expected(0, 1, 2000, "GBP"))
    assert value_agrees(mention(0, 1, "money", 75e6, "USD"), expected(0, 1, 75e6, None))  # generic dollar
    assert value_agrees(mention(0, 1, "percent", 35.0, "%"), expected(0, 1, 35, "%"))
    assert not value_agrees(mention(0, 1, "percent", 35.0, "pp"), expected(0, 1, 35, "%"))


def test_a_bare_degree_checks_only_the_value():
    assert value_agrees(mention(0, 1, "quantity", 30.0, "degree_Celsius"), expected(0, 1, 30, "°"))


# -- dates


def period(start, end, grain):
    return {"date": {"start": start, "end": end, "grain": grain}}


def dated(start, end, grain, **extra):
    return mention(0, 1, "date", **period(start, end, grain), **extra)


def test_dates_agree_at_the_stated_grain():
    assert date_agrees(dated("2019-01-04", "2019-01-04", "day"), "2019-01-04")
    assert not date_agrees(dated("2019-01-01", "2019-01-31", "month"), "2019-01-04")
    assert date_agrees(dated("2016-12-01", "2016-12-31", "month"), "2016-12")
    assert not date_agrees(dated("2016-12-05", "2016-12-05", "day"), "2016-12")
    assert date_agrees(dated("2018-01-01", "2018-12-31", "year"), "2018")
    assert not date_agrees(dated("2018-01-01", "2018-12-31", "year"), "2017")
    assert date_agrees(dated("2018-05-14", "2018-05-20", "week"), "2018-W20")
    assert not date_agrees(dated("2018-05-21", "2018-05-27", "week"), "2018-W20")


def test_intervals_accept_an_inclusive_or_exclusive_end():
    assert date_agrees(dated("2018-10-01", "2018-11-07", "range"), "2018-10-01/2018-11-07")
    assert date_agrees(dated("2018-10-01", "2018-11-06", "range"), "2018-10-01/2018-11-07")
    assert not date_agrees(dated("2018-10-01", "2018-10-01", "day"), "2018-10-01/2018-11-07")


def test_open_intervals_need_an_open_reading_or_a_qualifier():
    assert not date_agrees(dated("2010-01-01", "2010-12-31", "year"), "2011-01-01/..")
    assert date_agrees(dated("2010-01-01", "2010-12-31", "year", qualifier="after"), "2011-01-01/..")
    assert date_agrees(dated("2011-01-01", None, "open"), "2011-01-01/..")
    assert date_agrees(dated("2018-01-01", "2018-12-31", "year", qualifier="before"), "../2018-01-01")
    assert date_agrees(dated(None, "2017-12-31", "open"), "../2018-01-01")


def test_clock_times_need_an_iso_reading():
    assert not date_agrees(dated("2018-06-28", "2018-06-28", "day"), "2018-06-28T09:00:00")
    assert date_agrees(mention(0, 1, "date", iso="2018-06-28T09:00:00"), "2018-06-28T09:00:00")
    assert not date_agrees(mention(0, 1, "date", iso="07:00:00"), "19:00:00")


def test_readings_stated_to_the_clock():
    at = dated("2016-11-07T16:00:00", "2016-11-07T16:00:00", "hour")
    assert date_agrees(at, "2016-11-07T16:00:00")
    assert date_agrees(at, "16:00:00")  # a time of day: any day
    assert not date_agrees(at, "2016-11-08T16:00:00")
    assert not date_agrees(at, "04:00:00")
    # The suite states a day, a month or a year: a reading to the hour is another reading.
    assert not date_agrees(at, "2016-11-07")
    assert not date_agrees(at, "2016-11")
    evening = dated("2016-11-07T16:00:00", "2016-11-07T20:00:00", "hour")
    assert date_agrees(evening, "16:00:00/20:00:00")
    assert date_agrees(evening, "2016-11-07T16:00:00/2016-11-07T20:00:00")
    assert not date_agrees(evening, "16:00:00")
    assert not date_agrees(evening, "16:00:00/19:00:00")
    night = dated("2016-11-07T22:00:00", "2016-11-08T06:00:00", "hour")
    assert date_agrees(night, "2016-11-07T22:00:00/2016-11-08T06:00:00")
    # Open ends need the qualifier.
    later = dated("2018-08-17T15:30:00", "2018-08-17T15:30:00", "minute", qualifier="after")
    assert date_agrees(later, "15:30:00/..")
    assert not date_agrees(dated("2018-08-17T15:30:00", "2018-08-17T15:30:00", "minute"), "15:30:00/..")
    sooner = dated("2018-08-17T14:00:00", "2018-08-17T14:00:00", "hour", qualifier="before")
    assert date_agrees(sooner, "../2018-08-17T14:00:00")
    assert date_agrees(sooner, "../14:00:00")
    # A reading without a time does not name a time of day.
    assert not date_agrees(dated("2016-11-07", "2016-11-07", "day"), "16:00:00")


def test_ranges_of_months_may_end_on_their_last_month():
    months = dated("2017-01-01", "2017-02-28", "month")
    assert date_agrees(months, "2017-01-01/2017-02-01")
    assert date_agrees(months, "2017-01-01/2017-03-01")
    assert not date_agrees(dated("2017-01-01", "2017-02-28", "day"), "2017-01-01/2017-02-01")


def test_iso_durations():
    assert iso_duration_seconds("PT24H") == 86400
    assert iso_duration_seconds("PT1.5H") == 5400
    assert iso_duration_seconds("P1Y2M") == 31557600 + 2 * 2629800
    assert iso_duration_seconds("P") is None
    assert value_agrees(mention(0, 1, "duration", 86400.0, "s"), expected(0, 1, 86400, "s", "PT24H"))
    assert not value_agrees(mention(0, 1, "duration", 3600.0, "s"), expected(0, 1, 86400, "s", "PT24H"))
    # the suites count 365-day years; three years are three years at the year grain
    assert value_agrees(mention(0, 1, "duration", 3 * 31557600.0, "s"), expected(0, 1, 94608000, "s", "P3Y"))


# -- peer adapters (conversion only: the peer packages are not installed here)


def test_recognizers_spec_models():
    src = "microsoft/Recognizers-Text:Specs/"
    assert recognizers_adapter.spec_model(src + "NumberWithUnit/French/CurrencyModel.json") == (
        "currency",
        None,
    )
    assert recognizers_adapter.spec_model(src + "DateTime/English/DateTimeModelCalendarMode.json") == (
        "datetime",
        "CALENDAR",
    )
    assert recognizers_adapter.spec_model(src + "DateTime/English/DateTimeModel.json") == ("datetime", "NONE")
    assert recognizers_adapter.spec_model("nielstron/quantulum3:x.json")[0] == "quantity-union"


def test_recognizers_numbers_and_units():
    def r(type_name, resolution, text="x"):
        return {"text": text, "start": 0, "end": 1, "type_name": type_name, "resolution": resolution}

    assert recognizers_adapter.convert(r("number", {"value": "0,2"}), "fr")["value"] == 0.2
    assert recognizers_adapter.convert(r("number", {"value": "4.2e+08"}), "en")["value"] == 4.2e8
    assert recognizers_adapter.convert(r("percentage", {"value": "5,5%"}), "fr")["value"] == 5.5
    money = recognizers_adapter.convert(r("currency", {"value": "3", "unit": "Mark Finlandais"}), "fr")
    assert (money["kind"], money["unit"]) == ("money", "FIM")
    assert recognizers_adapter.convert(r("currency", {"value": "3", "unit": "Dollar"}), "en")["unit"] is None
    dim = recognizers_adapter.convert(r("dimension", {"value": "75", "unit": "Kilomètres"}), "fr")
    assert (dim["kind"], dim["value"], dim["unit"]) == ("quantity", 75.0, "km")
    assert units_equivalent(dim["unit"], "kilometer")
    age = recognizers_adapter.convert(r("age", {"value": "5", "unit": "Year"}), "en")
    assert value_agrees(age, expected(0, 1, 5, "year"))


def test_recognizers_datetimes():
    def dtr(kind, *values):
        return {
            "text": "x",
            "start": 0,
            "end": 1,
            "type_name": f"datetimeV2.{kind}",
            "resolution": {"values": list(values)},
        }

    month = recognizers_adapter.convert(
        dtr("daterange", {"timex": "2016-12", "start": "2016-12-01", "end": "2017-01-01"}), "fr"
    )
    assert month["date"] == {"start": "2016-12-01", "end": "2016-12-31", "grain": "month"}
    assert date_agrees(month, "2016-12")
    after = recognizers_adapter.convert(
        dtr("daterange", {"timex": "2010", "Mod": "after", "start": "2011-01-01"}), "en"
    )
    assert date_agrees(after, "2011-01-01/..")
    dur = recognizers_adapter.convert(dtr("duration", {"timex": "P3Y", "value": "94608000"}), "en")
    assert date_agrees(dur, "P3Y")
    clock = recognizers_adapter.convert(
        dtr("datetime", {"timex": "2018-06-28T09", "value": "2018-06-28 09:00:00"}), "en"
    )
    assert date_agrees(clock, "2018-06-28T09:00:00")
    assert recognizers_adapter.duration_seconds("PT1.5H") == 5400


def test_recognizers_union_drops_overlaps():
    rs = [
        {"start": 0, "end": 4, "n": "dim"},
        {"start": 0, "end": 1, "n": "num"},
        {"start": 6, "end": 8, "n": "num"},
    ]
    assert [r["n"] for r in recognizers_adapter.union(rs)] == ["dim", "num"]


def test_quantulum_conversion():
    def q(unit, entity, dims, value=2.0, code=None):
        return {
            "surface": "x",
            "span": [0, 1],
            "value": value,
            "unit": unit,
            "entity": entity,
            "currency_code": code,
            "dimensions": dims,
        }

    speed = quantulum_adapter.convert(
        q("kilometre per hour", "speed", [{"base": "kilometre", "power": 1}, {"base": "hour", "power": -1}])
    )
    assert speed["kind"] == "quantity" and units_equivalent(speed["unit"], "km/h")
    assert quantulum_adapter.convert(q("pound sterling", "currency", [], code="GBP"))["unit"] == "GBP"
    assert quantulum_adapter.convert(q("percentage", "dimensionless", []))["kind"] == "percent"
    assert quantulum_adapter.convert(q("dimensionless", "dimensionless", []))["kind"] == "number"
    days = quantulum_adapter.convert(q("day", "time", [{"base": "day", "power": 1}], value=3.0))
    assert value_agrees(days, expected(0, 1, 3, "day"))
    celsius = quantulum_adapter.convert(
        q("degree Celsius", "temperature", [{"base": "degree Celsius", "power": 1}])
    )
    assert units_equivalent(celsius["unit"], "°C")


# -- suites, table, CLI


def write_suite(tmp_path, lines):
    path = tmp_path / "recognizers-en-number.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_harness_on_a_small_suite(tmp_path):
    path = write_suite(
        tmp_path,
        [
            case("It costs 42 and 7", expected(9, 11, 42), expected(16, 17, 7)) | {"id": "a"},
            case("nothing here") | {"id": "b"},
        ],
    )
    data = bench_extraction([path], peers=False)
    row = data["files"][0]
    assert row["cases"] == 2 and row["systems"]["project"]["expected"] == 2
    assert row["systems"]["project"]["value_f1"] == 1.0
    assert "recognizers-en-number" in table(data)
    assert json.dumps(to_json(data, disagreements=True))
    assert disagreements_text(data).startswith("No disagreements")


def test_bad_suite_file_is_a_checker_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(SuiteFileError):
        load_suite(path)
    result = CliRunner().invoke(main, ["bench", "extraction", str(path), "--no-peers"])
    assert result.exit_code == 2 and "E040" in result.output


def test_cli_writes_table_and_json(tmp_path):
    path = write_suite(tmp_path, [case("I have 3 cats", expected(7, 8, 3)) | {"id": "a"}])
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(
        main, ["bench", "extraction", str(path), "--no-peers", "--json-out", str(out), "--disagreements"]
    )
    assert result.exit_code == 0, result.output
    assert "| recognizers-en-number | number | 1 |" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["systems"]["project"]["span_f1"] == 1.0


# -- fast subset of the real suites (project only)


def test_fast_subset_of_the_real_suites():
    folder = peer_suites_dir()
    if folder is None:
        pytest.skip(
            "the peer suites (shared/peer-suites beside the checkout, or CHECKER_PEER_SUITES) are not here"
        )
    files = sorted(folder.glob("*.jsonl"))
    assert files
    data = bench_extraction(files, limit=5, peers=False)
    assert len(data["files"]) == len(files)
    for row in data["files"]:
        m = row["systems"]["project"]
        assert 1 <= row["cases"] <= 5 and m["cases"] == row["cases"]
        for key in (
            "span_precision",
            "span_recall",
            "span_f1",
            "value_precision",
            "value_recall",
            "value_f1",
        ):
            assert 0.0 <= m[key] <= 1.0
        assert m["value_f1"] <= m["span_f1"] + 1e-9
    assert isinstance(case_report(data), list)


def test_kinds_counted_follow_the_peer_model(tmp_path):
    def suite(name, kind):
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps(case("x") | {"kind": kind}) + "\n", encoding="utf-8")
        return load_suite(path)

    assert suite("recognizers-en-age", "quantity").counted_kinds == {"duration"}
    assert suite("recognizers-fr-dimension", "quantity").counted_kinds == {"quantity"}
    assert suite("recognizers-en-datetime-calendarmode", "date").counted_kinds == {"date", "duration"}
    assert suite("quantulum3-en", "quantity").counted_kinds == QUANTULUM_KINDS
    assert suite("recognizers-en-number", "number").counted_kinds == {"number"}


def test_peers_unavailable_still_prints_the_project_column(tmp_path, monkeypatch):
    from checker.bench import peer_env

    def no_venv(log=None):
        raise peer_env.PeerUnavailable("pip install failed: no network")

    monkeypatch.setattr(peer_env, "ensure_venv", no_venv)
    path = write_suite(tmp_path, [case("I have 3 cats", expected(7, 8, 3)) | {"id": "a"}])
    data = bench_extraction([path], peers=True)
    row = data["files"][0]["systems"]
    assert row["project"]["span_f1"] == 1.0
    assert row["recognizers"]["status"].startswith("unavailable: pip install failed")
    assert "unavailable: pip install failed: no network" in table(data)


def test_peer_venv_location_can_be_overridden(tmp_path, monkeypatch):
    from checker.bench import peer_env

    monkeypatch.setenv("CHECKER_PEERS_VENV", str(tmp_path / "venv"))
    assert peer_env.venv_dir() == tmp_path / "venv"
