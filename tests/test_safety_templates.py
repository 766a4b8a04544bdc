"""Every value from front matter or docs/area.yml that a theme template writes is escaped (issue 29).

MkDocs' template environment has no autoescape (Material's templates write ``page.content`` as HTML), so the
handbook's templates escape each such value with ``| e``. A ``summary:`` that closes the attribute of
``<meta name="description" content="…">`` would otherwise add ``http-equiv="refresh"`` to the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

# Expressions that carry editors' values: front matter, page titles, the site's name, area texts, the
# report contact, link texts and addresses given to templates by hooks.
EDITOR_VALUES = re.compile(
    r"\bpage\.meta\b|\bpage\.title\b|\bnav_item\.(?:title|meta)\b|\bconfig\.site_(?:name|description)\b"
    r"|\bhb_og\.|\bhb_report\.|\blink\.(?:text|href)\b|\bhb_editing\.\w+_url\b|\bpage\.canonical_url\b"
    r"|\bi18n_file_locale\b|\balt\.(?:name|lang)\b"
    r"""|(?<![\w."'])title(?![\w"'])"""
)
OUTPUT = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
ESCAPED = re.compile(r"\|\s*(?:e|escape|url|urlencode|tojson)\s*(?:\(|$)")
# Templates the handbook renders itself with autoescape on (handbook/wards/ward_render.py).
AUTOESCAPED = {"partials/ward-page.html", "partials/ward-directory.html", "partials/ward-redirect.html"}


def _outputs(path: Path) -> list[tuple[int, str]]:
    text = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"),
                  flags=re.DOTALL)
    return [(text.count("\n", 0, match.start()) + 1, match.group(1).strip())
            for match in OUTPUT.finditer(text)]


def unescaped_uses(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.html")):
        name = path.relative_to(root).as_posix()
        if name in AUTOESCAPED:
            continue
        for line, expression in _outputs(path):
            if EDITOR_VALUES.search(expression) and not ESCAPED.search(expression):
                found.append(f"overrides/{name}:{line}: {{{{ {expression} }}}}")
    return found


def test_every_editor_value_in_the_theme_templates_is_escaped() -> None:
    assert unescaped_uses(ROOT / "overrides") == []


def test_the_lint_finds_an_unescaped_summary(tmp_path: Path) -> None:
    (tmp_path / "main.html").write_text(
        '<meta name="description" content="{{ page.meta.summary }}">\n'
        "<title>{{ page.meta.title | e }}</title>\n"
        "<h1>{{ page.title|e }}</h1>\n<a>{{ config.site_name }}</a>\n",
        encoding="utf-8",
    )
    assert unescaped_uses(tmp_path) == [
        "overrides/main.html:1: {{ page.meta.summary }}",
        "overrides/main.html:4: {{ config.site_name }}",
    ]


def test_the_ward_templates_are_rendered_with_autoescape() -> None:
    from handbook.wards import ward_render

    source = Path(ward_render.__file__).read_text(encoding="utf-8")
    assert "autoescape=select_autoescape(default=True)" in source
