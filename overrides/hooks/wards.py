"""MkDocs hook for wards: thin glue. The rules live in handbook/ (registry, wards, ward_site, ward_render).

- on_config: load the registry for ``ward_scope`` of docs/area.yml and check every ward file; any problem \
stops
  the build with a bilingual message naming the file and field.
- on_files: add a generated page for every unit in scope that has no ward file, and a directory page
  per province when the scope spans several (``wards/tinh/dong-nai/``); list them all for sitemap.xml.
- on_page_markdown / on_page_content: give ward pages their title and body, fill the directory.
- on_post_build: write the QR code files (assets/qr/) and the old-address redirect pages
  (``wards/bao-quang/`` -> ``wards/bao-vinh/``), each with the security policy, checked as it is written.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import site_config
from handbook.area import names_language
from handbook.area_file import ward_scope
from handbook.errors import ContentError, ContentErrors
from handbook.publish.offline import is_offline_copy
from handbook.qr import QR_FOLDER, write_qr_files
from handbook.safety.csp import PolicyError, protected_page
from handbook.text import message
from handbook.wards.registry import Registry, load_registry
from handbook.wards.report_contact import parse_report_contact
from handbook.wards.ward_files import load_ward_dir
from handbook.wards.ward_render import (
    WARD_TABLE,
    PageLinks,
    arrival_id,
    edit_url,
    province_label,
    qr_addresses,
    render_directory,
    render_province_index,
    render_redirect,
    render_ward_page,
    ward_table_markdown,
)
from handbook.wards.ward_site import PROVINCE_FOLDER, ProvinceDirectory, WardPage, WardSite

DIRECTORY_MARKER = "<!-- ward-directory -->"
PAGE_MARKER = "<!-- ward-page -->"
PAGE_END_MARKER = "<!-- ward-page-end -->"
SCRIPT = "assets/javascripts/ward-filter.js"

_site: WardSite | None = None
_area: dict[str, Any] = {}
_has_contact: list[bool] = [False]
_registries: dict[str, Registry] = {}


def _ward_site() -> WardSite:
    assert _site is not None, "on_config has not run"
    return _site


def _language(config: MkDocsConfig) -> str:
    return site_config.reader_language(config)


def _built_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages mkdocs-static-i18n builds, default first (just this one without the plugin)."""
    return site_config.languages(config).codes


def _prefix(language: str, config: MkDocsConfig) -> str:
    return site_config.languages(config).url_prefix(language)


def _ward_url(slug: str, language: str, config: MkDocsConfig) -> str:
    tail = f"{slug}/" if config.use_directory_urls else f"{slug}.html"
    return f"{_prefix(language, config)}wards/{tail}"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    try:
        # The registry is package data: read once per process, not again for each language build
        # (mkdocs-static-i18n runs on_config again for English; 2-3 s at the country scope).
        scope = ward_scope(site_config.area(config))
        registry = _registries.get(scope) or _registries.setdefault(scope, load_registry(scope))
        files = load_ward_dir(
            Path(config.docs_dir) / "wards", registry, languages=site_config.languages(config).translations
        )
        area = site_config.area(config)
        _has_contact[0] = parse_report_contact(config.extra.get("report_contact")) is not None
    except (ContentError, ContentErrors) as error:
        raise PluginError(str(error)) from error
    _site = WardSite(registry, files)
    _area.clear()
    _area.update(area)
    return config


@event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = _language(config)
    languages = _built_languages(config)
    for page in _ward_site().pages:
        if page.file is not None:
            continue
        content = f'---\nward_code: "{page.unit.code}"\n---\n'
        alternates = {lang: _virtual_file(page, lang, content, config) for lang in languages}
        current = alternates[language]
        _link_alternates(alternates, page.src_uri, config)
        files.append(current)
    for province in _ward_site().provinces:
        content = f"---\nprovince_code: \"{province.code}\"\n---\n\n{DIRECTORY_MARKER}\n"
        alternates = {lang: _virtual_file(province, lang, content, config) for lang in languages}
        _link_alternates(alternates, province.src_uri, config)
        files.append(alternates[language])
    i18n = config.plugins.get("i18n")
    if i18n is not None and hasattr(i18n, "i18n_files_per_language"):
        # mkdocs-static-i18n (-100) listed this language's pages for sitemap.xml before these were added.
        i18n.i18n_files_per_language[language] = files.documentation_pages()
    return files


def _link_alternates(alternates: dict[str, File], src_uri: str, config: MkDocsConfig) -> None:
    """What mkdocs-static-i18n sets on its own files: the language switcher and sitemap use it."""
    default = site_config.languages(config).default
    for lang, file in alternates.items():
        file.locale = lang
        file.locale_alternate_of = lang
        file.localization = None if lang == default else lang
        file.norm_src_uri = src_uri
        file.alternates = alternates


def _virtual_file(
    page: WardPage | ProvinceDirectory, language: str, content: str, config: MkDocsConfig
) -> File:
    file = File.generated(config, page.src_uri, content=content)
    file.dest_uri = _prefix(language, config) + file.dest_uri
    return file


def _slug_of(page: Page, config: MkDocsConfig) -> str | None:
    path = site_config.languages(config).source_of(page.file.src_uri)  # wards/x.<lang>.md -> wards/x.md
    if not path.startswith("wards/") or path.count("/") != 1:
        return None
    return path.removeprefix("wards/").removesuffix(".md")


def _province_of(page: Page, config: MkDocsConfig) -> ProvinceDirectory | None:
    prefix = f"wards/{PROVINCE_FOLDER}/"
    path = site_config.languages(config).source_of(page.file.src_uri)
    if not path.startswith(prefix):
        return None
    slug = path.removeprefix(prefix).removesuffix(".md")
    return next((province for province in _ward_site().provinces if province.slug == slug), None)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if WARD_TABLE in markdown:  # a guide's old-to-new table, from the registry (any area)
        table = ward_table_markdown(_ward_site(), _language(config), page.file.src_uri)
        markdown = markdown.replace(WARD_TABLE, table)
    province = _province_of(page, config)
    if province is not None:
        language = _language(config)
        page.meta["title"] = province.name
        page.meta["summary"] = message(language, "directory.summary", name=province.name)
        page.meta["search"] = {"exclude": True}  # registry data; the filter box finds names
        return f"# {province.name}{_names_mark(language)}\n\n{markdown.strip()}\n"
    slug = _slug_of(page, config)
    if slug == "index":
        if DIRECTORY_MARKER not in markdown:
            raise PluginError(str(ContentError(
                page.file.src_uri, DIRECTORY_MARKER,
                f"thiếu dòng {DIRECTORY_MARKER}: danh bạ phường được chèn vào chỗ dòng này.",
                f"thêm lại dòng {DIRECTORY_MARKER} vào trang.",
                f"the line {DIRECTORY_MARKER} is missing: the ward directory is inserted there.",
                f"put the line {DIRECTORY_MARKER} back on the page.",
            )))
        return markdown
    ward = _ward_site().by_slug.get(slug or "")
    if ward is None:
        return markdown
    unit = ward.unit
    page.meta["title"] = unit.name
    language = _language(config)
    page.meta["summary"] = message(language, "ward.summary", name=unit.name,
                                   province=province_label(unit, _area, language))
    if ward.file is None:
        page.meta["search"] = {"exclude": True}  # generated pages add only registry data
    heading = f"# {unit.name}{_names_mark(language)}"
    return f"{heading}\n\n{PAGE_MARKER}\n\n{markdown.strip()}\n\n{PAGE_END_MARKER}\n"


def _names_mark(language: str) -> str:
    """The attribute list marking an official name's heading with its language on other languages' pages."""
    names = names_language(_area)
    return "" if language == names else f" {{ lang={names} }}"


def _province_url(province: ProvinceDirectory, language: str, config: MkDocsConfig) -> str:
    tail = f"{province.slug}/" if config.use_directory_urls else f"{province.slug}.html"
    return f"{_prefix(language, config)}wards/{PROVINCE_FOLDER}/{tail}"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    slug = _slug_of(page, config)
    language = _language(config)
    site = _ward_site()
    script = get_relative_url(SCRIPT, page.url)
    province = _province_of(page, config)
    if slug == "index" and site.provinces:
        links = {
            p.code: get_relative_url(_province_url(p, language, config), page.url) for p in site.provinces
        }
        return html.replace(DIRECTORY_MARKER, render_province_index(site, language, links, script, _area), 1)
    if slug == "index" or province is not None:
        slugs = {ward.slug for ward in (province.pages if province else site.pages)}
        if province is not None:  # old units split across a new border link to the other province too
            slugs |= {target.slug for former in province.former for target in site.successors(former)}
        href = {slug: get_relative_url(_ward_url(slug, language, config), page.url) for slug in slugs}
        directory = render_directory(site, language, href, script, _area, province)
        if province is not None:
            back = escape(_page_link("wards/index.md", page, files) or "../../")
            directory = (
                '<p><a class="ward-link" '
                f'href="{back}">{escape(message(language, "directory.back"))}</a></p>\n'
                + directory
            )
        return html.replace(DIRECTORY_MARKER, directory, 1)
    ward = site.by_slug.get(slug or "")
    if ward is None:
        return html
    edit = edit_url(config.repo_url, config.edit_uri, f"wards/{ward.slug}.md", ward.file is not None)
    links = PageLinks(
        directory=_page_link("wards/index.md", page, files) or "../",
        guides=_page_link("guides/index.md", page, files) or "",
        scam_guide=_page_link("guides/nhan-biet-lua-dao.md", page, files),
        edit=edit,
        qr_folder=get_relative_url(QR_FOLDER, page.url) + "/",
        tell_us="#bao-loi" if _has_contact[0] else edit,  # the team's contact, at the end of every page
    )
    main = render_ward_page(site, ward, language, links, _area)
    footer = render_ward_page(site, ward, language, links, _area, part="footer")
    return html.replace(PAGE_MARKER, main, 1).replace(PAGE_END_MARKER, footer, 1)


def _page_link(src_uri: str, page: Page, files: Files) -> str | None:
    target = files.get_file_from_path(src_uri)
    return get_relative_url(target.url, page.url) if target is not None else None


def on_post_build(config: MkDocsConfig) -> None:
    language = _language(config)
    site_dir = Path(config.site_dir)
    write_qr_files(site_dir, qr_addresses(_ward_site(), _area))
    for redirect in _ward_site().redirects:
        folder = site_dir / _prefix(language, config) / "wards" / redirect.slug
        target = os.path.join(folder, "index.html")
        if os.path.exists(target):
            continue
        href = (
            f"../{redirect.target.slug}/" if config.use_directory_urls else f"../{redirect.target.slug}.html"
        )
        folder.mkdir(parents=True, exist_ok=True)
        html = render_redirect(  # to the line naming the old unit on the new ward's page
            redirect.former, redirect.target.unit.name, f"{href}#{arrival_id(redirect.slug)}", language,
            names_language(_area)
        )
        if not is_offline_copy(config.plugins):  # file:// has no policy (hooks/offline.py)
            html = _with_policy(html, f"{_prefix(language, config)}wards/{redirect.slug}/index.html")
        Path(target).write_text(html, encoding="utf-8")


def _with_policy(html: str, where: str) -> str:
    """The policy <meta>, and the same check as every page, as the page is written
    (handbook/safety/csp.py)."""
    try:
        return protected_page(html, where)
    except PolicyError as error:
        raise PluginError(str(error)) from error
