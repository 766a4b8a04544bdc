"""Multilingual and reusable by design: a third language, and another area, need data only.

Each test builds a small copy of the handbook (every page but the guides, which only add build time)
with the real strict build, changing only what a team would change: a catalogue file, a translated
page and one line of mkdocs.yml; or docs/area.yml.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, copy_project, run_build_command, serve_directory

# A few real Chinese strings; every other key starts as the English text, as a translator's first copy would.
ZH_TEXT = {
    "untranslated.title": "此页尚未翻译成中文。",
    "untranslated.body": "以下是原文。",
    "untranslated.help": "帮助翻译",
    "notfound.title": "找不到页面",
    "notfound.body": "您要找的页面不存在或已移动。",
    "notfound.home": "首页",
    "lang.menu": "语言",
    "footer.accessibility": "无障碍声明",
    "report.edit": "编辑此页",
}
ZH_SITE_NAME = "长庆数字手册"
ZH_CONFIG_LINE = f"        - {{locale: zh, name: 中文, build: true, site_name: {ZH_SITE_NAME}}}\n"
# «手册» and «电费» stand inside sentences: Chinese has no spaces between words.
ZH_HOME = ("---\ntitle: 首页\n---\n\n# 长庆数字手册\n\n"
           "本手册用简单的话一步一步说明如何用手机办理网上公共服务，例如在手机上交电费。\n")
# A fourth language in a second script without word spaces: Khmer, with an untouched English catalogue
# whose lines are marked as falling back (~) or left out altogether. "This handbook explains how to pay
# the electricity bill (ថ្លៃអគ្គិសនី) by phone."
KM_CONFIG_LINE = "        - {locale: km, name: ខ្មែរ, build: true, site_name: សៀវភៅណែនាំឌីជីថល}\n"
KM_HOME = ("---\ntitle: ទំព័រដើម\n---\n\n# សៀវភៅណែនាំឌីជីថល\n\n"
           "សៀវភៅណែនាំនេះពន្យល់ពីរបៀបបង់ថ្លៃអគ្គិសនីតាមទូរស័ព្ទ។\n")
KM_TEXT = {"lang.menu": "ភាសា", "notfound.home": "ទំព័រដើម"}
KM_FALLBACK = ("footer.accessibility", "report.edit")  # explicitly "not translated yet": the default's words


def _catalogue(lang: str) -> dict[str, str]:
    text = (ROOT / f"handbook/messages/{lang}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text.replace(": !same ", ": "))


def expected_untranslated() -> dict[str, set[str]]:
    """zh is English but for ZH_TEXT (names marked "!same" in en.yml count as translated); km has KM_TEXT
    only."""
    source = (ROOT / "handbook/messages/en.yml").read_text(encoding="utf-8")
    names = set(re.findall(r"(?m)^([\w.\-]+): !same ", source))
    english = _catalogue("en")
    return {"zh": {key for key in english if key not in ZH_TEXT and key not in names},
            "km": {key for key in english if key not in KM_TEXT}}


def small_project(tmp_path: Path) -> Path:
    """A copy of the handbook (config, theme, docs and the handbook package) without the guides."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "handbook", project / "handbook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scripts/templates", project / "scripts/templates")
    for path in (project / "docs" / "guides").glob("*.md"):
        if not path.name.startswith("index."):
            path.unlink()
    return project


def add_languages(config: str, lines: str) -> str:
    """mkdocs.yml with ``lines`` added after the last language (where a team adds its own)."""
    block = r"(?m)^(\s*languages:\n(?:\s{6,}.*\n)*)"
    added = re.sub(block, lambda match: match.group(1) + lines, config, count=1)
    assert lines in added
    return added


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """The real strict build of ``project``, importing ITS copy of the handbook package."""
    return run_build_command(project, site, python_path=project)


def language_links(html: str) -> set[str]:
    switch = re.search(r'<nav class="md-header__option hb-lang".*?</nav>', html, re.DOTALL)
    assert switch, "no language switch"
    return set(re.findall(r'hreflang="([^"]+)"', switch.group(0)))


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = small_project(tmp_path_factory.mktemp("zh"))
    # 1. one catalogue file: a copy of en.yml, a few lines translated
    copy = (ROOT / "handbook/messages/en.yml").read_text(encoding="utf-8")
    for key, text in ZH_TEXT.items():
        copy, count = re.subn(rf"(?m)^{re.escape(key)}: .*$", f"{key}: {text}", copy)
        assert count == 1, key
    (project / "handbook/messages/zh.yml").write_text(copy, encoding="utf-8")
    keys = list(_catalogue("en"))
    (project / "handbook/messages/km.yml").write_text(
        yaml.safe_dump({**{key: None for key in KM_FALLBACK}, **KM_TEXT}, allow_unicode=True, width=1000),
        encoding="utf-8")
    assert len(keys) > len(KM_TEXT) + len(KM_FALLBACK)  # the other lines are missing: they fall back too
    # 2. one translated page
    (project / "docs/index.zh.md").write_text(ZH_HOME, encoding="utf-8")
    (project / "docs/index.km.md").write_text(KM_HOME, encoding="utf-8")
    # (and one English page left untranslated, to see the English reader's notice)
    (project / "docs/about/index.en.md").unlink()
    # 3. one line of configuration
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = add_languages(config, ZH_CONFIG_LINE + KM_CONFIG_LINE)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = project.parent / "site"
    result = build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site, result.stdout + result.stderr


def test_a_third_language_builds_with_its_own_home_page(zh_site: tuple[Path, str]) -> None:
    site, _ = zh_site
    home = (site / "zh/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in home and "长庆数字手册" in home
    assert "hb-untranslated" not in home


def test_untranslated_pages_carry_the_notice_in_the_third_language(zh_site: tuple[Path, str]) -> None:
    site, _ = zh_site
    about = (site / "zh/about/index.html").read_text(encoding="utf-8")
    notice = re.search(r'<aside class="hb-untranslated".*?</aside>', about, re.DOTALL)
    assert notice, "an untranslated page has no notice"
    assert "此页尚未翻译成中文。" in notice.group(0) and "以下是原文。" in notice.group(0)
    # "help translate" opens the contributing page of the reader's language
    help_link = re.search(r'href="([^"]+)">帮助翻译</a>', notice.group(0))
    assert help_link and help_link.group(1) == "../contributing/"
    assert (site / "zh/contributing/index.html").is_file()
    # the English reader's notice is English, and leads to the English contributing page
    english = (site / "en/about/index.html").read_text(encoding="utf-8")
    notice = re.search(r'<aside class="hb-untranslated".*?</aside>', english, re.DOTALL)
    assert notice and "This page has not been translated into English yet." in notice.group(0)
    assert re.search(r'href="\.\./contributing/">Help translate it</a>', notice.group(0))
    assert "此页" not in english
    # labels around the content are in the reader's language too
    assert "编辑此页" in about and "无障碍声明" in about


def test_the_language_switch_offers_every_language(zh_site: tuple[Path, str]) -> None:
    site, _ = zh_site
    assert language_links((site / "index.html").read_text(encoding="utf-8")) == {"en", "zh", "km"}
    assert language_links((site / "en/wards/index.html").read_text(encoding="utf-8")) == {"vi", "zh", "km"}
    assert language_links((site / "zh/about/index.html").read_text(encoding="utf-8")) == {"vi", "en", "km"}
    assert 'aria-label="语言"' in (site / "zh/about/index.html").read_text(encoding="utf-8")


def test_the_third_language_has_its_own_404(zh_site: tuple[Path, str]) -> None:
    site, _ = zh_site
    page = (site / "zh/404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in page and "找不到页面" in page
    assert re.search(r'<a href="[^"]*/zh/">首页</a>', page)
    assert "Không tìm thấy trang" in (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in (site / "en/404.html").read_text(encoding="utf-8")


def test_nothing_asks_for_an_english_copy_of_a_third_language_file(zh_site: tuple[Path, str]) -> None:
    site, log = zh_site
    assert ".zh.en" not in log
    # the content checks editors run (scripts/handbook check) read the same configuration
    from handbook.maintain.checks import check_content

    project = site.parent / "project"
    ward = (project / "docs/wards/long-khanh.en.md").read_text(encoding="utf-8")
    (project / "docs/wards/long-khanh.zh.md").write_text(ward, encoding="utf-8")
    problems = [str(error) for error in check_content(project).errors]
    assert not [problem for problem in problems if ".zh" in problem], problems
    status = (site / "contributing/translations/index.html").read_text(encoding="utf-8")
    assert ".zh.en" not in status and "index.zh" not in status
    # the status table has one column per translation language
    header = re.search(r"<thead>.*?</thead>", status, re.DOTALL)
    assert header and "English" in header.group(0) and "中文" in header.group(0)


# --- another area --------------------------------------------------------------------------------

# A small area file for Thủ Dầu Một (former district 718, now wards of Thành phố Hồ Chí Minh, code 79, as
# the vietnamadminunits registry gives them). Only the national portal: no invented local facts.
OTHER_AREA = """\
name: Thủ Dầu Một
language: vi
ward_scope: district:718
province:
  code: "79"
  name: Hồ Chí Minh
  kind: {vi: thành phố, en: City}
  area_codes: []
portals:
  - name: {vi: Cổng Dịch vụ công quốc gia, en: National Public Service Portal}
    url: https://dichvucong.gov.vn
    note: {vi: Nộp hồ sơ trực tuyến., en: File applications online.}
    source: dichvucong.gov.vn
    status: confirmed
    checked: 2026-11-30
    level: national
hotlines: []
zalo_accounts: []
utilities: {}
emergency: []
"""
LONG_KHANH = re.compile(r"Long Kh[aá]nh|0251", re.IGNORECASE)
# A page's own text: its article and its one-sentence summary (front matter, shown as the meta description
# and as the link preview's og:description).
CONTENT = re.compile(
    r'<article class="md-content__inner.*?</article>|<meta (?:name|property)="(?:og:)?description"[^>]*>',
    re.DOTALL,
)


def test_the_handbook_builds_for_another_area_without_long_khanh_outside_its_content(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    for path in (docs / "guides").glob("*.md"):
        if not path.name.startswith("index."):
            path.unlink()
    for path in (docs / "wards").glob("*.md"):  # Long Khánh's own ward files
        if not path.name.startswith("index."):
            path.unlink()
    (docs / "area.yml").write_text(OTHER_AREA, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("Sổ tay công nghệ số Long Khánh", "Sổ tay công nghệ số Thủ Dầu Một")
    config = config.replace("Long Khanh Digital Handbook", "Thu Dau Mot Digital Handbook")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"

    ward_pages = [path for path in (site / "wards").glob("*/index.html")]
    assert len(ward_pages) >= 5 and (site / "wards/thu-dau-mot/index.html").is_file()
    found = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(site).as_posix()
        generated = "/wards/" in f"/{name}" or name.endswith("404.html")
        # Pages written for Long Khánh (home, about…) may say so in their text; nothing around it may.
        checked = html if generated else CONTENT.sub("", html)
        found += [f"{name}: {match.group(0)}" for match in LONG_KHANH.finditer(checked)]
    assert not found, "\n".join(found[:20])


def test_a_language_without_its_catalogue_is_refused_naming_the_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^(\s*languages:\n)", lambda match: match.group(1) + ZH_CONFIG_LINE, config, count=1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "handbook/messages/zh.yml" in output and "Traceback" not in output


def test_the_old_ward_scope_setting_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("extra:\n", "extra:\n  ward_scope: district:718\n", 1),
                                        encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "extra.ward_scope" in output and "docs/area.yml" in output and "Traceback" not in output


# --- search in scripts without spaces between words (handbook/search/languages.yml) ---------------

@pytest.mark.parametrize(("prefix", "word"), [("zh/", "手册"), ("zh/", "电费"), ("km/", "អគ្គិសនី")])
def test_a_word_from_the_middle_of_a_sentence_finds_its_page(
    zh_site: tuple[Path, str], tab: Callable[..., Any], prefix: str, word: str
) -> None:
    site, _ = zh_site
    server, url = serve_directory(site)
    try:
        page = tab()
        page.goto(url + prefix, wait_until="networkidle")
        page.locator("[data-hb-search-button]").tap()
        box = page.locator('input[data-md-component="search-query"]')
        box.wait_for(state="visible")
        box.focus()
        page.keyboard.insert_text(word)  # a phone keyboard's candidate, committed without key events…
        box.press("End")  # …then a key: Material 9.8 reads the box on a key's release
        first = page.locator("li.md-search-result__item a.md-search-result__link").first
        first.wait_for(timeout=20000)
        href = first.get_attribute("href") or ""
        assert urlsplit(href).path.endswith("/" + prefix), href
        # the page's own words, not the Vietnamese page's
        assert word in page.locator("li.md-search-result__item").first.inner_text()
    finally:
        server.shutdown()


# --- interface text not translated yet (handbook/text.py, handbook/maintain/translations.py) ------




def test_the_translations_command_lists_every_untranslated_catalogue_line(zh_site: tuple[Path, str]) -> None:
    site, _ = zh_site
    project = site.parent / "project"
    result = subprocess.run([sys.executable, "-m", "handbook.maintain.cli", "translations"], cwd=project,
                            capture_output=True, text=True, check=False,
                            env=dict(os.environ, PYTHONPATH=str(project)))
    assert result.returncode == 0, result.stderr
    sections = re.split(r"\nhandbook/messages/(\w+)\.yml: ", result.stdout)
    listed = {sections[i]: set(re.findall(r"(?m)^  (?:copied|fallback|missing)\s+(\S+)", sections[i + 1]))
              for i in range(1, len(sections), 2)}
    assert listed == {"en": set(), **expected_untranslated()}
    warned = {sections[i] for i in range(1, len(sections), 2) if "more than half" in sections[i + 1]}
    assert warned == {"zh", "km"}
    assert re.search(r"(?m)^  fallback\s+report\.edit\s", result.stdout)  # km's "~" lines


def test_the_status_page_lists_them_and_warns_of_a_mostly_untranslated_interface(
    zh_site: tuple[Path, str]
) -> None:
    site, _ = zh_site
    for page in ("contributing/translations/index.html", "zh/contributing/translations/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        for lang, keys in expected_untranslated().items():
            block = re.search(rf"<details.*?handbook/messages/{lang}\.yml.*?</details>", html, re.DOTALL)
            assert block, (page, lang)
            assert set(re.findall(r"<li><code>([^<]+)</code>", block.group(0))) == keys, (page, lang)
    zh_status = (site / "zh/contributing/translations/index.html").read_text(encoding="utf-8")
    warning = re.search(r'<div class="admonition warning">.*?</div>', zh_status, re.DOTALL)
    assert warning and "中文" in warning.group(0)


def test_interface_text_in_another_language_carries_its_lang(zh_site: tuple[Path, str]) -> None:
    site, _ = zh_site
    vi, en = _catalogue("vi"), _catalogue("en")
    about = (site / "zh/about/index.html").read_text(encoding="utf-8")
    for key in ("reading.text_size", "report.updated", "reading.listen", "footer.licence"):
        assert f'<span lang="en">{en[key].strip()}</span>' in about, key
    assert "编辑此页" in about and '<span lang="en">编辑此页' not in about  # translated: the page's own lang
    khmer = (site / "km/about/index.html").read_text(encoding="utf-8")
    for key in ("footer.accessibility", "report.edit", "reading.text_size"):  # "~" or missing: Vietnamese
        assert f'<span lang="vi">{vi[key]}</span>' in khmer, key
    assert '<html lang="km"' in khmer and "ភាសា" in khmer
    # the marks never reach a reader: not in a page, an attribute, a script or the search index
    marks = re.compile("[\ue000-\ue002]|\\\\ue00[012]", re.IGNORECASE)
    leftovers = [path.relative_to(site).as_posix() for path in site.rglob("*")
                 if path.suffix in (".html", ".json", ".js", ".xml", ".webmanifest")
                 and marks.search(path.read_text(encoding="utf-8"))]
    assert not leftovers, leftovers


def test_the_header_shows_each_languages_own_site_name(zh_site: tuple[Path, str]) -> None:
    site, _ = zh_site
    home = (site / "zh/index.html").read_text(encoding="utf-8")
    topic = re.search(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', home)
    assert topic and topic.group(1) == ZH_SITE_NAME
    assert "Sổ tay công nghệ số Long Khánh" not in re.sub(r"<article.*?</article>", "", home, flags=re.DOTALL)
