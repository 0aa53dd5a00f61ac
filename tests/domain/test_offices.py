from collections import Counter

import pytest

from portal.domain.offices import DAPENG, districts, load_offices, office_index

EXPECTED_PER_DISTRICT = {
    "440303": 10, "440304": 10, "440305": 8, "440306": 10, "440307": 11,
    "440308": 4, "440309": 6, "440310": 6, "440311": 6, DAPENG: 3,
}


def test_74_offices_in_10_districts():
    offices = load_offices()
    assert len(offices) == 74
    assert len(districts(offices)) == 10
    assert Counter(o.district_code for o in offices) == EXPECTED_PER_DISTRICT


def test_codes_are_district_code_plus_position_in_file_order():
    offices = load_offices()
    seen: Counter = Counter()
    for office in offices:
        seen[office.district_code] += 1
        assert office.code == f"{office.district_code}{seen[office.district_code]:02d}"
    index = office_index(offices)
    assert len(index) == 74
    assert index["44030301"].name == "桂园街道"
    assert index["44030501"].district_name == "南山区"
    assert index["44031106"].name == "马田街道"


def test_dapeng_has_project_code_never_440312():
    offices = load_offices()
    assert [o.code for o in offices if o.district_name == "大鹏新区"] == ["DAPENG01", "DAPENG02", "DAPENG03"]
    assert all(not o.code.startswith("440312") and o.district_code != "440312" for o in offices)


@pytest.mark.parametrize("header, rows, expected", [
    # The shared file's plain three columns: codes are derived.
    ("district_code,district,street", ["440305,南山区,南头街道", "440305,南山区,南山街道", ",大鹏新区,葵涌办事处"],
     ["44030501", "44030502", "DAPENG01"]),
    # The shipped file's explicit codes are taken as they are.
    ("district_code,district,street,office_code,district_key", ["440305,南山区,南头街道,44030507,440305"],
     ["44030507"]),
])
def test_loader_reads_both_file_shapes(tmp_path, header, rows, expected):
    path = tmp_path / "offices.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert [o.code for o in load_offices(path)] == expected


PLAIN = "district_code,district,street"
CODED = "district_code,district,street,office_code,district_key"


@pytest.mark.parametrize("header, rows", [
    (PLAIN, ["440312,大鹏新区,葵涌办事处"]),
    (CODED, ["440305,南山区,南头街道,44030501,440305", "440305,南山区,南山街道,44030501,440305"]),
    (CODED, ["440305,南山区,南头街道,44030401,440305"]),
])
def test_loader_rejects_bad_codes(tmp_path, header, rows):
    path = tmp_path / "offices.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_offices(path)
