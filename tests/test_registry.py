"""The ward registry against the facts file: a wrong old-to-new map in the package data fails here.

The table below is copied by hand from the project's researched facts (Nghị quyết 1662/NQ-UBTVQH15 as \
listed by
two independent datasets), on purpose:
the registry itself reads only the vietnamadminunits package.
"""

from __future__ import annotations

import pytest

from handbook.errors import ContentError
from handbook.slugs import fold_vietnamese
from handbook.wards.registry import ALIAS_NAMES, alias_keys_in_package, load_registry, parse_scope
from handbook.wards.ward_files import WardFile
from handbook.wards.ward_site import WardSite

# new unit code -> (name, former units merged into it), as written in the facts file.
FACTS_OLD_TO_NEW: dict[str, tuple[str, set[str]]] = {
    "26080": ("Phường Long Khánh", {"Phường Xuân An", "Phường Xuân Bình", "Phường Xuân Hòa",
                                    "Phường Xuân Thanh", "Phường Xuân Trung", "Phường Phú Bình",
                                    "Xã Bàu Trâm"}),
    "26098": ("Phường Bảo Vinh", {"Phường Bảo Vinh", "Xã Bảo Quang"}),
    "26104": ("Phường Xuân Lập", {"Phường Xuân Lập", "Phường Bàu Sen"}),
    "26113": ("Phường Hàng Gòn", {"Phường Xuân Tân", "Xã Hàng Gòn"}),
    "26089": ("Phường Bình Lộc", {"Xã Bình Lộc", "Phường Suối Tre", "Xã Xuân Thiện"}),
}
# Coordinates the facts file quotes from the package.
FACTS_COORDINATES = {
    "26080": (10.9217, 107.288), "26089": (10.9901, 107.223), "26098": (10.9683, 107.278),
    "26104": (10.9139, 107.192), "26113": (10.8786, 107.217),
}
# TP. Long Khánh 2019–2025: 11 phường and 4 xã (Nghị quyết 673/NQ-UBTVQH14).
FACTS_PHUONG = {"Xuân An", "Xuân Bình", "Xuân Hòa", "Xuân Thanh", "Xuân Trung", "Phú Bình", "Bảo Vinh",
                "Bàu Sen", "Suối Tre", "Xuân Lập", "Xuân Tân"}
FACTS_XA = {"Bảo Quang", "Bàu Trâm", "Bình Lộc", "Hàng Gòn"}


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_default_scope_is_the_five_wards_of_former_long_khanh(registry) -> None:
    assert registry.scope.text == "district:732"  # docs/area.yml
    assert {unit.code: unit.name for unit in registry.units} == {
        code: name for code, (name, _) in FACTS_OLD_TO_NEW.items()
    }
    for unit in registry.units:
        assert unit.kind == "Phường"
        assert (unit.province_code, unit.province_name) == ("75", "Tỉnh Đồng Nai")
        assert (unit.latitude, unit.longitude) == FACTS_COORDINATES[unit.code]


def test_package_old_to_new_map_matches_the_facts_file(registry) -> None:
    found = {unit.code: {former.name for former in registry.former_of(unit.code)} for unit in registry.units}
    assert found == {code: formers for code, (_, formers) in FACTS_OLD_TO_NEW.items()}
    assert len(registry.former) == 16
    assert all(not former.split for former in registry.former)


def test_former_units_have_the_facts_file_types_and_districts(registry) -> None:
    long_khanh = [f for f in registry.former if f.district_name == "Thành phố Long Khánh"]
    assert {f.short_name for f in long_khanh if f.kind == "Phường"} == FACTS_PHUONG
    assert {f.short_name for f in long_khanh if f.kind == "Xã"} == FACTS_XA
    (xuan_thien,) = [f for f in registry.former if f.district_name != "Thành phố Long Khánh"]
    assert (xuan_thien.name, xuan_thien.district_name) == ("Xã Xuân Thiện", "Huyện Thống Nhất")


def test_package_converter_agrees_with_the_registry(registry) -> None:
    """The package's own address converter (a different code path) sends every old name to the same ward."""
    from vietnamadminunits import convert_address

    for former in registry.former:
        address = f"{former.name}, {former.district_name}, {former.province_name}"
        assert convert_address(address).ward_code == former.successors[0], address


def test_alias_names_are_aliases_the_package_really_lists() -> None:
    assert set(ALIAS_NAMES) <= alias_keys_in_package()


def test_province_and_country_scopes() -> None:
    dong_nai = load_registry("province:75")
    kinds = [unit.kind for unit in dong_nai.units]
    assert (len(kinds), kinds.count("Phường"), kinds.count("Xã")) == (95, 23, 72)  # facts file
    country = load_registry("country")
    assert len(country.units) == 3321
    assert len({unit.code for unit in country.units}) == 3321
    assert {f.province_name for f in dong_nai.former} == {"Tỉnh Đồng Nai", "Tỉnh Bình Phước"}


def test_names_repeat_across_provinces_so_pages_carry_the_province() -> None:
    country = load_registry("country")
    for short, other_province in (("Long Khánh", "Tỉnh Đồng Tháp"), ("Xuân Lập", "Tỉnh Thanh Hóa")):
        provinces = {u.province_name for u in country.units if u.short_name == short}
        assert {"Tỉnh Đồng Nai", other_province} <= provinces


def test_country_slugs_are_unique_and_ward_files_keep_theirs() -> None:
    country = load_registry("country")
    files = {
        slug: WardFile(slug, code, (), f"docs/wards/{slug}.md")
        for code, slug in (("26080", "long-khanh"), ("26104", "xuan-lap"))
    }
    site = WardSite(country, files)
    assert len(site.pages) == len(site.by_slug) == 3321
    assert site.by_code["26080"].slug == "long-khanh"
    assert site.by_code["26104"].slug == "xuan-lap"
    dong_thap = next(u for u in country.units
                     if u.short_name == "Long Khánh" and u.province_short == "Đồng Tháp")
    assert site.by_code[dong_thap.code].slug == "long-khanh-dong-thap"
    assert all(page.slug == fold_vietnamese(page.slug) and " " not in page.slug for page in site.pages)


def test_redirects_cover_every_old_address_that_is_not_a_current_page(registry) -> None:
    site = WardSite(registry, {})
    redirected = {redirect.slug: redirect.target.slug for redirect in site.redirects}
    assert redirected["bao-quang"] == "bao-vinh"
    assert redirected["xuan-thien"] == "binh-loc"
    assert redirected["xuan-trung"] == "long-khanh"
    # Old names that are also current ward names keep their address: the current page is there.
    assert {"bao-vinh", "xuan-lap", "binh-loc", "hang-gon"}.isdisjoint(redirected)
    assert len(redirected) == 12


@pytest.mark.parametrize("text",
                         ["provinces:75", "province:", "province:abc", "hanoi", "district", "long-khanh"])
def test_a_bad_scope_is_a_bilingual_error(text: str) -> None:
    with pytest.raises(ContentError) as error:
        parse_scope(text)
    assert error.value.file == "docs/area.yml" and error.value.where == "ward_scope"
    assert "[vi]" in str(error.value) and "[en]" in str(error.value)


def test_a_scope_with_no_units_is_an_error() -> None:
    with pytest.raises(ContentError):
        load_registry("province:99")
