"""One stylesheet, one script, a manifest per language (issue 19): checks over the built site and
the bundling rules (handbook/publish/bundle.py, handbook/publish/manifest.py). The browser half (installable,
first-load budget) is tests/test_install_browser.py."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGUAGES, PAGE_TYPES, ROOT, copy_project, run_build
from handbook.publish import bundle
from handbook.publish.manifest import ICONS, MANIFEST_NAME
from handbook.safety.csp import IMMUTABLE_CACHE, is_hashed_asset
from handbook.text import message

PAGES = [f"{prefix}{path}" + ("index.html" if not path.endswith(".html") else "")
         for prefix in LANGUAGES.values() for path in PAGE_TYPES.values()]
MATERIAL_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$")


def ours(site_dir: Path, pattern: str) -> Path:
    found = sorted(site_dir.glob(pattern))
    assert len(found) == 1, found
    return found[0]


# --- bundles ---------------------------------------------------------------------------------

def test_every_script_and_stylesheet_of_ours_is_bundled_or_declared_separate() -> None:
    assets = ROOT / "overrides"
    present = [p.relative_to(assets).as_posix() for p in (assets / "assets").rglob("*") if p.is_file()]
    assert bundle.undeclared(present) == []
    problems = bundle.undeclared([*present, "assets/javascripts/share.js"])
    assert len(problems) == 1 and "overrides/assets/javascripts/share.js" in problems[0]
    assert "handbook/publish/bundle.py" in problems[0]
    missing = [p for p in present if p != "assets/stylesheets/wards.css"]
    assert any("overrides/assets/stylesheets/wards.css" in p for p in bundle.undeclared(missing))


def test_a_new_script_in_no_bundle_stops_the_build_with_the_fix(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "overrides/assets/javascripts/share.js").write_text("console.log(1);\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "overrides/assets/javascripts/share.js" in output and "handbook/publish/bundle.py" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("page", PAGES)
def test_each_page_loads_one_stylesheet_and_one_script_of_ours(site_dir: Path, page: str) -> None:
    html = (site_dir / page).read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert len(sheets) == 1 and re.search(
        r"assets/stylesheets/handbook\.[0-9a-f]{8}\.min\.css$", sheets[0]
    ), sheets
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert re.search(r"assets/javascripts/handbook\.[0-9a-f]{8}\.min\.js$", scripts[0]), scripts
    assert scripts[0] in head, "the project's script runs in <head> (text size before the first paint)"
    # Separate by design (handbook/publish/bundle.py SEPARATE): the ward directory's filter (with the search's
    # own script, SEARCH_JS, which it uses), and on the root 404 page the script that shows the 404 in
    # the address's language (issue 15).
    own = ("ward-filter.js", "not-found.js") if page == "404.html" else ("ward-filter.js",)
    search = re.compile(r"search-fold\.[0-9a-f]{8}\.min\.js$")
    extra = [s for s in scripts[1:] if not MATERIAL_BUNDLE.search(s) and not s.endswith(own)
             and not (page.endswith("wards/index.html") and search.search(s))]
    assert extra == [] and MATERIAL_BUNDLE.search(scripts[-1]), scripts
    # The logo and the favicon cost no request; the browser bar takes the site's colour.
    assert re.search(r'<link rel="icon" href="data:image/svg\+xml,', html)
    assert '<img src="' not in html[html.index('class="md-header'):html.index("</header>")]


def test_bundles_are_named_after_their_content_and_cached_for_a_year(site_dir: Path) -> None:
    headers = (site_dir / "_headers").read_text(encoding="utf-8")
    for pattern in ("assets/stylesheets/handbook.*.min.css", "assets/javascripts/handbook.*.min.js",
                    "assets/javascripts/search-fold.*.min.js", "assets/javascripts/bundle.*.min.js"):
        path = ours(site_dir, pattern)
        digest = hashlib.sha256(path.read_text(encoding="utf-8").encode("utf-8")).hexdigest()[:8]
        assert path.name.split(".")[1] == digest, path.name
        assert is_hashed_asset(path.name)
        relative = path.relative_to(site_dir).as_posix()
        assert f"/{relative}\n  Cache-Control: {IMMUTABLE_CACHE}" in headers


def test_bundled_sources_are_not_published_and_the_bundles_are_minified(site_dir: Path) -> None:
    for part in (*bundle.CSS, *bundle.JS):
        assert not (site_dir / part.path).exists(), part.path
    script = ours(site_dir, "assets/javascripts/handbook.*.min.js").read_text(encoding="utf-8")
    sources = sum(len((ROOT / "overrides" / p.path).read_text(encoding="utf-8")) for p in bundle.JS)
    assert len(script) < 0.7 * sources and "/* " not in script
    # Every part is in, in order: a sentence of each one's code.
    markers = ["hb-text-size", "__md_scope", "search_index", "sw.js"]
    positions = [script.index(marker) for marker in markers]
    assert positions == sorted(positions)
    assert "HandbookTyping" not in script  # the search's code is a script of its own (SEARCH_JS)
    search = ours(site_dir, "assets/javascripts/search-fold.*.min.js").read_text(encoding="utf-8")
    assert "/* " not in search and search.index("HandbookTyping=") < search.index("HandbookSearch=")


def test_materials_stylesheets_are_in_ours_without_what_no_page_uses(site_dir: Path) -> None:
    css = ours(site_dir, "assets/stylesheets/handbook.*.min.css").read_text(encoding="utf-8")
    assert css.startswith('@charset "UTF-8";')
    assert ".md-header{" in css and ".md-search__input" in css  # Material's main stylesheet
    assert "[data-md-color-scheme=slate]" in css  # the dark scheme (Material's palette stylesheet)
    assert "[data-md-color-primary=indigo]" not in css  # colours mkdocs.yml does not use
    assert ".md-consent" not in css and ".critic" not in css  # features no page has
    assert "[dir=rtl]" not in css  # every page is written left to right
    assert "@media print{" in css and ".hb-print-qr" in css  # print.css, under @media print
    assert ".ward-filter" in css and ".hb-screen" in css  # wards.css, screens.css


def test_purge_keeps_what_a_page_or_script_names() -> None:
    css = (".a{color:red}.b__x{color:blue}.c--y,.a .d{margin:0}.e:not(.f){top:0}"
           "[dir=rtl] .a{left:0}[dir=ltr] .a{right:0}"
           ":root{--used:1px;--unused:url('data:image/svg+xml;charset=utf-8,<svg/>');--named:2px}"
           ".a{padding:var(--used)}@media screen{.b{color:red}.z{color:red}}@keyframes k{0%{top:0}}")
    purged = bundle.purge(css, {"a", "b", "b__", "e", "--named"})
    assert ".a{color:red}" in purged and ".b__x{color:blue}" in purged  # a script writes "b__${...}"
    assert ".c--y" not in purged and ".a .d" not in purged  # "c" and "d" appear nowhere
    assert ".e:not(.f){top:0}" in purged  # a class inside :not() never drops a rule
    assert "[dir=rtl]" not in purged and "[dir=ltr] .a{right:0}" in purged
    assert "--used:1px" in purged and "--named:2px" in purged and "--unused" not in purged
    assert "@media screen{.b{color:red}}" in purged and "@keyframes k{0%{top:0}}" in purged
    assert "[dir=rtl] .a{left:0}" in bundle.purge(css, {"a"}, directions={"ltr", "rtl"})


def test_palette_keeps_only_the_colours_in_use() -> None:
    css = ("@media screen{[data-md-color-scheme=slate]{--x:1}"
           "[data-md-color-primary=red]{--y:2}[data-md-color-accent=custom]{--z:3}}")
    trimmed = bundle.trim_palette(css, {"custom"}, {"custom"})
    assert trimmed == "@media screen{[data-md-color-scheme=slate]{--x:1}[data-md-color-accent=custom]{--z:3}}"


def test_indentation_goes_but_preformatted_text_stays() -> None:
    html = "<div>\n    <p>a</p>\n    <pre><code>x\n    y</code></pre>\n  </div>"
    assert bundle.collapse_indentation(html) == "<div>\n<p>a</p>\n<pre><code>x\n    y</code></pre>\n</div>"


def test_an_error_in_one_part_of_the_script_does_not_stop_the_others() -> None:
    script = bundle.build_js(lambda path: "window.x = 1;" if path == bundle.JS[-1].path else "throw 1;")
    assert script.count("try{") == len(bundle.JS) and script.count("catch(error)") == len(bundle.JS)


# --- manifest and icons ----------------------------------------------------------------------

def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_manifest_for_the_home_screen(site_dir: Path, lang: str) -> None:
    folder = LANGUAGES[lang]
    data = json.loads((site_dir / folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    site_name = {"vi": "Sổ tay công nghệ số Long Khánh", "en": "Long Khanh Digital Handbook"}[lang]
    assert data["name"] == site_name and data["lang"] == lang
    assert data["short_name"] == message(lang, "app.short_name") and len(data["short_name"]) <= 12
    assert data["start_url"] == "./" and data["scope"] == "./" and data["display"] == "standalone"
    handbook_css = (ROOT / "overrides/assets/stylesheets/handbook.css").read_text(encoding="utf-8")
    assert re.search(r"--md-primary-fg-color:\s*" + re.escape(data["theme_color"]), handbook_css)
    assert data["background_color"] == "#fff"
    sizes = {}
    for icon in data["icons"]:
        path = (site_dir / folder / icon["src"]).resolve()
        assert path.is_file() and site_dir.resolve() in path.parents, icon
        if icon["type"] == "image/png":
            width, height = png_size(path.read_bytes())
            assert icon["sizes"] == f"{width}x{height}", icon
            sizes[(width, icon["purpose"])] = path.name
        else:
            assert icon["type"] == "image/svg+xml" and path.read_text(encoding="utf-8").lstrip().startswith(
                "<svg"
            )
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= set(sizes)
    assert len(ICONS) == len(sizes)
    # Every page of the language links to this manifest, with the site's colour.
    for page in [p for p in PAGES if p.startswith(folder) and (lang != "vi" or not p.startswith("en/"))]:
        html = (site_dir / page).read_text(encoding="utf-8")
        link = re.search(r'<link rel="manifest" href="([^"]+)">', html)
        assert link, page
        href = link.group(1)  # relative, except on 404 pages (absolute from the site's root)
        target = site_dir / href.lstrip("/") if href.startswith("/") else (site_dir / page).parent / href
        assert target.resolve() == (site_dir / folder / MANIFEST_NAME).resolve(), page
        assert f'<meta name="theme-color" content="{data["theme_color"]}">' in html, page


def test_icons_are_drawn_from_the_logo_at_build_time() -> None:
    binaries = [p for p in (ROOT / "overrides/assets/images").iterdir() if p.suffix.lower() != ".svg"]
    assert binaries == [], "icons are generated by the build (handbook/publish/manifest.py), not committed"


# --- Material's script, trimmed (scripts/material-js) ------------------------------------------

def test_the_trimmed_material_script_is_built_from_the_entry_the_material_and_the_features_in_use() -> None:
    """scripts/material-js stamps its result; a stale one (entry edited, Material upgraded, a feature
    turned on in mkdocs.yml) must be rebuilt. The build uses Material's own bundle meanwhile (and the
    strict build stops when Material was upgraded); this test fails for all three."""
    from importlib import metadata

    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    text = (ROOT / "overrides" / bundle.MATERIAL_JS).read_text(encoding="utf-8")
    stamp = bundle.material_js_stamp(text)
    assert stamp is not None
    entry = hashlib.sha256((ROOT / "scripts" / "material" / "bundle.ts").read_bytes()).hexdigest()[:12]
    assert stamp["entry"] == entry, "scripts/material/bundle.ts changed: run scripts/material-js"
    with open(ROOT / "mkdocs.yml", "rb") as config_file:
        features = yaml_load(config_file, get_yaml_loader())["theme"]["features"]
    version = metadata.version("mkdocs-material")
    assert bundle.material_js_problems(text, version, features) == []
    assert bundle.material_js_problems(text, "0.0.1", features)  # another Material: rebuild
    assert bundle.material_js_problems(text, version, [*features, "navigation.instant"])
    assert bundle.material_js_problems("console.log(1)", version, features)
    assert not bundle.material_js_outdated(text, version) and bundle.material_js_outdated(text, "0.0.1")


def test_the_trimmed_material_script_is_what_scripts_material_js_builds() -> None:
    """The committed file is the build of scripts/material/bundle.ts against the installed Material,
    with the Node packages of package-lock.json (`npm ci`, as scripts/test does): nobody edited it."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "material-js"), "--check"],
                            cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_load_the_trimmed_material_script_and_not_materials_bundle(site_dir: Path) -> None:
    published = ours(site_dir, "assets/javascripts/bundle.*.min.js")
    text = (ROOT / "overrides" / bundle.MATERIAL_JS).read_text(encoding="utf-8")
    assert published.read_text(encoding="utf-8") == text
    assert published.relative_to(site_dir).as_posix() == bundle.hashed(bundle.MATERIAL_JS_NAME, text)
    assert not list((site_dir / "assets/javascripts").glob("bundle.*.map"))  # Material's source map
    assert not (site_dir / bundle.MATERIAL_JS).exists()
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', html)[-1] == published.relative_to(site_dir).as_posix()


def test_other_theme_features_get_materials_own_bundle(tmp_path: Path) -> None:
    """Another area's configuration (or a test's) may turn on other Material features: the trimmed
    script does not fit it, so the pages load Material's own bundle, and the build goes on."""
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("    - navigation.top\n", "    - navigation.top\n    - content.code.copy\n", 1),
        encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    material = re.findall(r'<script src="([^"]+)"', html)[-1]
    original = sorted((tmp_path / "site").glob("assets/javascripts/bundle.*.min.js"))
    assert [p.relative_to(tmp_path / "site").as_posix() for p in original] == [material]
    text = (ROOT / "overrides" / bundle.MATERIAL_JS).read_text(encoding="utf-8")
    assert original[0].read_text(encoding="utf-8") != text  # Material's, not the trimmed one
    assert not (tmp_path / "site" / bundle.MATERIAL_JS).exists()
