"""Issue 23: national guides, local facts. A team elsewhere runs ``scripts/handbook new-area`` and builds.

Three copies of the handbook are made for units in other regions (north: a Hà Nội ward given by an old,
pre-2025 name; centre: a Đà Nẵng ward typed without accents; south: a Cần Thơ ward by its code), each with
``new-area`` as the README says and no ward file, then built strictly in-process. A resident of that area must
not read the home area's names, companies, web domains or phone prefixes anywhere (the about page keeps its
honest credit line), and must still find the home's guides with their steps.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, run_build
from handbook.maintain.cli import main

# What only the home area (Long Khánh, tỉnh Đồng Nai) has: its names, wards, companies, domains, area codes.
HOME = re.compile(
    r"Long Kh[aá]nh|Đồng Nai|Dong Nai|dongnai|EVNSPC|evnspc|Điện lực miền Nam|Southern Power|LKW|"
    r"Cấp nước Long|\b0251|\b0271|Bảo Vinh|Bảo Quang|Xuân Lập|Hàng Gòn|Bình Lộc|Xuân An\b|Cấp Rang|"
    r"Long Khánh Smart|1022",
    re.IGNORECASE,
)
# The one honest credit line: the handbook grew from this article (about page, "Nguồn").
CREDIT = re.compile(r"Báo Đồng Nai, 28(/10/| October )2022")
AREAS = {  # unit as a team lead would type it → (the unit's code, its province as the site names it)
    "Phường Hàng Bạc": ("00070", "Hà Nội"),  # an old name (before 1/7/2025): now Phường Hoàn Kiếm
    "hai chau, da nang": ("20242", "Đà Nẵng"),
    "31135": ("31135", "Cần Thơ"),
}
STEP = re.compile(r'<h2 id="buoc-(\d+)"')


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def home_guides() -> dict[str, int]:
    """Each home guide and its number of steps."""
    return {
        path.name.removesuffix(".md"): len(re.findall(r"\{#buoc-\d+\}", path.read_text(encoding="utf-8")))
        for path in sorted((ROOT / "docs/guides").glob("*.md"))
        if not path.name.startswith("index.") and path.name.count(".") == 1
    }


@pytest.fixture(scope="module", params=list(AREAS))
def other_area(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, Path]:
    unit = request.param
    project = copy_project(tmp_path_factory.mktemp("area") / "project")
    assert main(["--root", str(project), "new-area", unit]) == 0
    site = project.parent / "site"
    result = run_build(project, site)
    assert result.returncode == 0, f"strict build failed for {unit}:\n{result.stdout}\n{result.stderr}"
    return unit, project, site


def test_new_area_writes_the_area_file_and_archives_the_home_wards(
    other_area: tuple[str, Path, Path],
) -> None:
    unit, project, _ = other_area
    code, province = AREAS[unit]
    area = yaml.safe_load((project / "docs/area.yml").read_text(encoding="utf-8"))
    assert area["ward_scope"] == f"ward:{code}" and area["province"]["name"] == province
    assert all(fact["value"] == "unknown" for fact in area["facts"].values())
    assert not [p for p in (project / "docs/wards").glob("*.md") if not p.name.startswith("index.")]
    assert (project / "archive/long-khanh/wards/bao-vinh.md").is_file()
    assert (project / "archive/long-khanh/area.yml").is_file()
    assert f"site_name: Sổ tay công nghệ số {area['name']}" in (project / "mkdocs.yml").read_text("utf-8")


def test_no_page_names_the_home_area(other_area: tuple[str, Path, Path]) -> None:
    unit, _, site = other_area
    found = []
    # every page, and the search index a reader's results come from
    for page in sorted([*site.rglob("*.html"), *site.rglob("search_index.json")]):
        name = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        if name.endswith(("about/index.html", "search_index.json")):
            text = CREDIT.sub("", text)
        found += [f"{name}: …{text[max(0, m.start() - 60) : m.end() + 30]}…" for m in HOME.finditer(text)]
        if "guides/" in name:  # every block and placeholder was resolved
            found += [f"{name}: {m.group(0)}" for m in re.finditer(r"\{\{[^}]*\}\}", text)]
    assert not found, f"{unit}:\n" + "\n".join(found[:15])
    _, province = AREAS[unit]
    home = text_of((site / "index.html").read_text(encoding="utf-8"))
    assert province in home and "Sổ tay công nghệ số" in home


def test_the_home_guides_are_there_with_their_steps(other_area: tuple[str, Path, Path]) -> None:
    unit, _, site = other_area
    guides = home_guides()
    kept = []
    for slug, steps in guides.items():
        for prefix in ("", "en/"):
            page = site / prefix / "guides" / slug / "index.html"
            if not page.is_file():
                break
            if len(set(STEP.findall(page.read_text(encoding="utf-8")))) != steps:
                break
        else:
            kept.append(slug)
    assert len(kept) >= 0.8 * len(guides) and len(guides) >= 13, (unit, sorted(set(guides) - set(kept)))


def test_without_a_power_company_the_electricity_guide_gives_the_route_that_works_anywhere(
    other_area: tuple[str, Path, Path],
) -> None:
    _, _, site = other_area
    vi = text_of((site / "guides/dong-tien-dien/index.html").read_text(encoding="utf-8"))
    assert "ứng dụng ngân hàng" in vi  # the bank-app route
    assert "ứng dụng chính thức của công ty điện lực nơi bạn ở" in vi
    assert "dùng số in trên thông báo tiền điện" in vi  # the number printed on the notice
    en = text_of((site / "en/guides/dong-tien-dien/index.html").read_text(encoding="utf-8"))
    assert "pay with your bank's app anywhere" in en
    assert "official app of the power company where you live" in en


def test_with_a_power_company_its_app_and_hotline_show_with_their_source(site_dir: Path) -> None:
    vi = text_of((site_dir / "guides/dong-tien-dien/index.html").read_text(encoding="utf-8"))
    assert "ứng dụng CSKH EVNSPC của Tổng công ty Điện lực miền Nam." in vi
    assert "Ứng dụng CSKH EVNSPC (nguồn: VnExpress, 01/10/2025; một nguồn, kiểm tra 08/12/2026)" in vi
    hotline = re.search(
        r"Tổng đài: 1900 1006 hoặc 1900 9000 \(1\.000 đ mỗi phút\) \(nguồn: ([^)]*)", vi
    )
    assert hotline and "cskh.evnspc.vn/Home/HuongDanSuDung" in hotline.group(1)
    assert "đã xác nhận, kiểm tra 08/12/2026" in vi
    # the national fallback is not shown where the area has the fact
    assert "ứng dụng chính thức của công ty điện lực nơi bạn ở" not in vi


def test_a_bad_unit_gets_the_closest_names_and_an_unpadded_code_the_padded_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "new-area", "Hoan Kiemm"]) == 1
    assert "Phường Hoàn Kiếm" in capsys.readouterr().err
    assert main(["--root", str(project), "new-area", "district:2"]) == 1
    assert "district:002" in capsys.readouterr().err
    assert (
        main(["--root", str(project), "new-area", "hai chau"]) == 1
    )  # a ward in Đà Nẵng, a commune in Nghệ An
    err = capsys.readouterr().err
    assert "20242" in err and "17419" in err
    assert (project / "docs/wards/bao-vinh.md").is_file()  # nothing was moved


def test_units_lists_codes_old_names_and_province(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--root", str(copy_project(tmp_path / "p")), "units", "bao quang"]) == 0
    out = capsys.readouterr().out
    assert "Xã Bảo Quang, Thành phố Long Khánh, Tỉnh Đồng Nai" in out and "26098 Phường Bảo Vinh" in out
