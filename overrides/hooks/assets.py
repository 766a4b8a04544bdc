"""MkDocs hook for a light, installable handbook (issue 19). Thin glue: the rules are in
handbook/publish/bundle.py (one stylesheet, one script) and handbook/publish/manifest.py (manifest, icons).

- on_files: every .js/.css under overrides/assets must be in a bundle or declared separate (else the
  build stops and says which file); the bundles are made; their sources are not published. The
  search's own script (SEARCH_JS) is published here; Material's trimmed script (MATERIAL_JS) is
  published under a hashed name in place of Material's bundle (Material's own bundle when it was
  built for another Material, a warning, or other theme features: scripts/material-js).
- on_env: templates get ``hb_assets`` (bundle paths, theme colour, favicon as data:, inline logo).
- on_post_page (and on_post_build for the 404 pages): Material's own stylesheet links go (their rules are \
in our one stylesheet), and the
  templates' indentation between tags.
- on_post_build: writes the script, the icons and this language's manifest; then, once every page
  exists, the stylesheet without the rules no page or script can use, under its final hashed name.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.publish import bundle, manifest
from handbook.text import message

_CSS_FILE = re.compile(re.escape(bundle.CSS_NAME).replace(re.escape("{hash}"), "[0-9a-f]{8}"))
_state: dict[str, object] = {}
log = logging.getLogger("mkdocs.hooks.assets")


def _language_folder(config: MkDocsConfig) -> str:
    """Where this build's language lives from the site root: "" (default language) or "en/"."""
    return site_config.languages(config).url_prefix(site_config.reader_language(config))


def _colours(config: MkDocsConfig) -> tuple[set[str], set[str]]:
    """The primary and accent colours mkdocs.yml's palette uses."""
    schemes = config.theme.get("palette") or []
    schemes = schemes if isinstance(schemes, list) else [schemes]
    primary = {str(s.get("primary", "indigo")).replace(" ", "-") for s in schemes}
    accent = {str(s.get("accent", "indigo")).replace(" ", "-") for s in schemes}
    return primary, accent


def on_files(files: Files, config: MkDocsConfig) -> Files:
    custom = Path(config.theme.custom_dir)
    present = [p.relative_to(custom).as_posix() for p in (custom / "assets").rglob("*") if p.is_file()]
    problems = bundle.undeclared(present)
    if problems:
        raise PluginError("\n".join(problems))

    def read(path: str) -> str:
        return (custom / path).read_text(encoding="utf-8")

    material_js = _material_js(files, config, read)

    material: list[str] = []
    links: list[str] = []
    for pattern in bundle.MATERIAL_CSS:
        found = next((f for f in files if pattern.match(f.src_uri)), None)
        if found is None or "palette" in found.src_uri and not config.theme.get("palette"):
            continue
        text = Path(found.abs_src_path).read_text(encoding="utf-8")
        material.append(bundle.trim_palette(text, *_colours(config)) if "palette" in found.src_uri else text)
        links.append(found.src_uri)
    css, js = bundle.build_css(read, material), bundle.build_js(read)
    search_js = bundle.build_js(read, bundle.SEARCH_JS)
    search_name = bundle.hashed(bundle.SEARCH_JS_NAME, search_js)
    files.append(File.generated(config, search_name, abs_src_path=str(_written(search_name, search_js))))
    theme_color = bundle.css_variable(css, "--md-primary-fg-color")
    if theme_color is None:
        raise PluginError(
            "overrides/assets/stylesheets/handbook.css: thiếu / missing --md-primary-fg-color in :root"
        )
    _state.update(
        css=(bundle.hashed(bundle.CSS_NAME, css), css),
        material_js=material_js,
        js=(bundle.hashed(bundle.JS_NAME, js), js),
        search_js=search_name,
        links=[
            re.compile(r'\s*<link rel="stylesheet" href="[^"]*' + re.escape(link) + r'">') for link in links
        ],
        logo=(custom / config.theme["logo"]).read_text(encoding="utf-8") if config.theme.get("logo") else "",
        theme_color=theme_color,
        background=bundle.css_variable(css, "--md-default-bg-color") or "#ffffff",
    )
    for part in (*bundle.CSS, *bundle.JS, *bundle.SEARCH_JS):  # published only inside the bundles
        source = files.get_file_from_path(part.path)
        if source is not None:
            files.remove(source)
    return files


def _written(name: str, content: str) -> Path:
    """``content`` in a file of the system's temporary folder, named after ``name`` (which carries a
    hash of the content): a generated file needs a source file for mkdocs-static-i18n, which reads
    the source path of every file; the same content is written once for every build."""
    path = Path(tempfile.gettempdir()) / "handbook-assets" / name.replace("/", "-")
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        draft.write_text(content, encoding="utf-8")
        draft.replace(path)  # atomic: a build running alongside reads the whole file or none
    return path


def _material_js(files: Files, config: MkDocsConfig, read: Callable[[str], str]) -> str | None:
    """Material's script trimmed to what the site uses (handbook/publish/bundle.py MATERIAL_JS), published
    under a hashed name in place of Material's bundle; its path from the site root. None (Material's
    own bundle then) when the theme has no such file, or when it was built for another Material or
    other theme features (bundle.material_js_problems)."""
    trimmed = files.get_file_from_path(bundle.MATERIAL_JS)
    if trimmed is None:
        return None
    files.remove(trimmed)  # published under its hashed name below, or not at all
    text, version = read(bundle.MATERIAL_JS), metadata.version("mkdocs-material")
    problems = bundle.material_js_problems(text, version, config.theme.get("features") or [])
    if problems:
        # Material's own bundle instead: right for any configuration, only heavier. A stale build
        # (another Material) is a warning, so the strict build stops; other features are not.
        report = log.warning if bundle.material_js_outdated(text, version) else log.info
        report("Material's own bundle is used: " + " ".join(problems))
        return None
    trimmed.dest_uri = bundle.hashed(bundle.MATERIAL_JS_NAME, text)
    files.append(trimmed)
    for material in [f for f in files if bundle.MATERIAL_BUNDLE.match(f.src_uri)]:
        files.remove(material)  # Material's own bundle and its source map: not published
    return trimmed.dest_uri


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Each language's build passes here with its own settings (name, language); the files are
    # written at the end, when mkdocs-static-i18n has built every language.
    _state.setdefault("manifests", {})[_language_folder(config)] = _manifest(config)
    logo = str(_state["logo"])
    env.globals["hb_assets"] = {  # (no logo in a test's minimal config: no icon, the site name alone)
        "css": _state["css"][0],
        "js": _state["js"][0],
        "search_js": _state["search_js"],
        "material_js": _state["material_js"],  # None: Material's own bundle
        "manifest": _language_folder(config) + manifest.MANIFEST_NAME,  # this language's manifest
        "theme_color": _state["theme_color"],
        "favicon": manifest.svg_data_uri(logo) if logo else "data:,",
        # The header logo drawn inline: no request. Decorative (the link around it has the site name).
        "logo": Markup(re.sub(r"<svg\b", '<svg aria-hidden="true" focusable="false"', logo.strip(), count=1)),
    }
    return env


def _without_material_links(output: str) -> str:
    for link in _state["links"]:
        output = link.sub("", output, count=1)
    return output


def on_pre_build(config: MkDocsConfig) -> None:
    if not site_config.building_another_language(config):  # a new build (mkdocs serve rebuilds too)
        _state.update(tokens=set(), directions={"ltr"}, pages=set())


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The last hook to see the page (listed last in mkdocs.yml): what the stylesheet must keep is read
    # here, once, rather than from the written files at the end (6,700 pages at the country scope).
    output = bundle.collapse_indentation(_without_material_links(output))
    _state["tokens"] |= bundle.tag_tokens(output)
    _state["directions"] |= bundle.page_directions(output)
    _state["pages"].add(Path(page.file.abs_dest_path))
    return output


def _manifest(config: MkDocsConfig) -> str:
    """This build's language's manifest (the text of ``<folder>/manifest.webmanifest``)."""
    language, folder = site_config.reader_language(config), _language_folder(config)
    return manifest.manifest_json(manifest.manifest(
        name=config.site_name,
        short_name=message(language, "app.short_name"),
        description=config.site_description or "",
        lang=language,
        root="../" * folder.count("/"),
        theme_color=str(_state["theme_color"]),
        background_color=str(_state["background"]),
        logo=str(config.theme.get("logo") or ""),
    ))


def _write_manifests(site: Path) -> None:
    logo, theme_color = str(_state["logo"]), str(_state["theme_color"])
    if not logo:
        return  # no logo, no icons: not installable (only a test's minimal config)
    for file, size, purpose in manifest.ICONS:
        target = site / manifest.ICON_DIR / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(manifest.icon_png(logo, size, purpose, theme_color))
    for folder, text in dict(_state["manifests"]).items():
        (site / folder).mkdir(parents=True, exist_ok=True)
        (site / folder / manifest.MANIFEST_NAME).write_text(text, encoding="utf-8")


# After mkdocs-static-i18n (-100) has built the other languages (this also runs at the end of each of
# those builds; the last run sees every page), before the service worker's build id (offline.py, -200)
# and _headers (safety.py, -300), which must see the final files.
@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    js_name, js = _state["js"]
    (site / js_name).parent.mkdir(parents=True, exist_ok=True)
    (site / js_name).write_text(js, encoding="utf-8")
    _write_manifests(site)
    if site_config.building_another_language(config):
        return  # the first language's build ends last and has seen every page
    # The stylesheet keeps only what a page or a script of this site can use (bundle.purge): the pages'
    # words were read in on_post_page; the files written otherwise (404 pages, redirects, quick cards,
    # scripts, the search index) are read now.
    tokens, directions = set(_state["tokens"]), set(_state["directions"])
    pages, others, scripts = [], [], []
    for path in site.rglob("*"):  # one walk of the 14,000 folders of a country build
        if path.suffix == ".html":
            (pages if path in _state["pages"] else others).append(path)
        elif path.suffix in (".js", ".json"):
            scripts.append(path)
    for path in [*others, *scripts]:
        text = path.read_text(encoding="utf-8", errors="replace")
        tokens |= bundle.site_tokens([text])
        directions |= bundle.page_directions(text) if path.suffix == ".html" else set()
    css = bundle.purge_bundle(str(_state["css"][1]), tokens, directions)
    name = bundle.hashed(bundle.CSS_NAME, css)
    for old in (site / name).parent.glob("handbook.*.min.css"):
        old.unlink()
    (site / name).write_text(css, encoding="utf-8")
    first_name = Path(str(_state["css"][0])).name.encode()
    for path in pages:  # written by on_post_page with the first name, in the <head>
        if not _renamed_in_place(path, first_name, Path(name).name.encode()):
            others.append(path)
    for path in others:
        text = path.read_text(encoding="utf-8")
        renamed = _CSS_FILE.sub(name, _without_material_links(text))
        if renamed != text:
            path.write_text(renamed, encoding="utf-8")


def _renamed_in_place(page: Path, old: bytes, new: bytes) -> bool:
    """The stylesheet's name changed in the page's <head> without writing the page again: both names have
    the same length (the hash is 8 characters). 6,700 pages at the country scope: 170 MB not rewritten."""
    if len(old) != len(new):
        return False
    with open(page, "r+b") as file:
        head = file.read(16_384)
        at = head.find(old)
        if at < 0 or head.find(old, at + 1) >= 0:
            return False
        file.seek(at)
        file.write(new)
    return True
