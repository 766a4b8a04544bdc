"""MkDocs hook for a light, installable handbook (issue 19). Thin glue: the rules are in
handbook/bundle.py (one stylesheet, one script) and handbook/manifest.py (manifest, icons).

- on_files: every .js/.css under overrides/assets must be in a bundle or declared separate (else the
  build stops and says which file); the bundles are made, their sources are not published.
- on_env: templates get ``hb_assets`` (bundle paths, theme colour, favicon as data:, inline logo).
- on_post_page: Material's palette stylesheet link goes (its rules are in our stylesheet).
- on_post_build: writes the bundles, the icons and this language's manifest.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import bundle, manifest
from handbook.text import message

MATERIAL_PALETTE = re.compile(r"^assets/stylesheets/palette\.[0-9a-f]{8}\.min\.css$")
_state: dict[str, object] = {}


def _custom_dir(config: MkDocsConfig) -> Path:
    return Path(config.theme.custom_dir)


def _language(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def _default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return _language(config)
    return next(lang.locale for lang in i18n.config.languages if lang.default)


def _palette_link(path: str) -> re.Pattern[str]:
    return re.compile(r'\s*<link rel="stylesheet" href="[^"]*' + re.escape(path) + r'">')


def on_files(files: Files, config: MkDocsConfig) -> Files:
    custom = _custom_dir(config)
    present = [p.relative_to(custom).as_posix() for p in (custom / "assets").rglob("*") if p.is_file()]
    problems = bundle.undeclared(present)
    if problems:
        raise PluginError("\n".join(problems))

    def read(path: str) -> str:
        return (custom / path).read_text(encoding="utf-8")

    palette_file = next((f for f in files if MATERIAL_PALETTE.match(f.src_uri)), None)
    palette = ""
    if palette_file is not None and config.theme.get("palette"):
        schemes = config.theme["palette"]
        schemes = schemes if isinstance(schemes, list) else [schemes]
        primary = {str(s.get("primary", "indigo")).replace(" ", "-") for s in schemes}
        accent = {str(s.get("accent", "indigo")).replace(" ", "-") for s in schemes}
        palette = bundle.trim_palette(Path(palette_file.abs_src_path).read_text(encoding="utf-8"), primary, accent)
    css, js = bundle.build_css(read, palette), bundle.build_js(read)
    logo = (custom / str(config.theme["logo"])).read_text(encoding="utf-8")
    sources = "".join(read(part.path) for part in bundle.CSS)
    material_css = next((f for f in files if re.match(r"^assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$", f.src_uri)),
                        None)
    theme_color = bundle.css_variable(sources, "--md-primary-fg-color")
    background = bundle.css_variable(sources, "--md-default-bg-color")
    if background is None and material_css is not None:
        background = bundle.css_variable(Path(material_css.abs_src_path).read_text(encoding="utf-8"),
                                         "--md-default-bg-color")
    if theme_color is None:
        raise PluginError("overrides/assets/stylesheets/handbook.css: thiếu / missing --md-primary-fg-color in :root")
    _state.update(
        css=(bundle.hashed(bundle.CSS_NAME, css), css),
        js=(bundle.hashed(bundle.JS_NAME, js), js),
        palette=palette_file.src_uri if palette and palette_file else None,
        logo=logo,
        theme_color=theme_color,
        background=background or "#ffffff",
    )
    for part in (*bundle.CSS, *bundle.JS):  # published only inside the bundles
        source = files.get_file_from_path(part.path)
        if source is not None:
            files.remove(source)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    logo = str(_state["logo"])
    env.globals["hb_assets"] = {
        "css": _state["css"][0],
        "js": _state["js"][0],
        "manifest": manifest.MANIFEST_NAME,
        "theme_color": _state["theme_color"],
        "favicon": manifest.svg_data_uri(logo),
        # The header logo drawn inline: no request. Decorative (the link around it has the site name).
        "logo": Markup(re.sub(r"<svg\b", '<svg aria-hidden="true" focusable="false"', logo.strip(), count=1)),
    }
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    palette = _state.get("palette")
    return _palette_link(str(palette)).sub("", output, count=1) if palette else output


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for name, content in (_state["css"], _state["js"]):
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    theme_color, background = str(_state["theme_color"]), str(_state["background"])
    logo = str(_state["logo"])
    for file, size, purpose in manifest.ICONS:
        target = site / manifest.ICON_DIR / file
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(manifest.icon_png(logo, size, purpose, theme_color))
    language = _language(config)
    folder = "" if language == _default_language(config) else f"{language}/"
    data = manifest.manifest(
        name=config.site_name,
        short_name=message(language, "app.short_name"),
        description=config.site_description or "",
        lang=language,
        root="../" * folder.count("/"),
        theme_color=theme_color,
        background_color=background,
        logo=str(config.theme["logo"]),
    )
    (site / folder / manifest.MANIFEST_NAME).write_text(manifest.manifest_json(data), encoding="utf-8")
