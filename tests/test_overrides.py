"""Our copies of Material's templates are guarded against upstream drift (issue 22).

A file in overrides/ with the name of one of Material's templates replaces it (or, for main.html,
extends base.html); an upgrade of Material can change the original under it. scripts/material/upstream.yml
holds, for each, the digest of the template it was written against: a change names the file to re-read.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

import material
import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(material.__file__).resolve().parent / "templates"
TABLE = yaml.safe_load((ROOT / "scripts/material/upstream.yml").read_text(encoding="utf-8"))
# Emptied on purpose; their digests and moved code are checked by tests/test_safety_site.py.
EMPTIED = {f"partials/javascripts/{name}.html"
           for name in ("base", "palette", "content", "announce", "outdated")}


def test_the_table_is_for_the_installed_material() -> None:
    assert TABLE["material"] == version("mkdocs-material"), (
        "scripts/material/upstream.yml is for another Material: re-read every file it lists against the "
        "installed templates, then update its digests and its material: line")


def test_every_override_of_a_material_template_is_in_the_table() -> None:
    overridden = {
        path.relative_to(ROOT / "overrides").as_posix()
        for path in (ROOT / "overrides").rglob("*.html")
        if (TEMPLATES / path.relative_to(ROOT / "overrides")).is_file()
    }
    assert overridden - EMPTIED == set(TABLE["files"]), (
        "scripts/material/upstream.yml must list exactly the overrides/ files that replace a Material "
        "template")


def test_no_material_template_we_override_changed_under_us() -> None:
    changed = []
    for ours, entry in TABLE["files"].items():
        actual = hashlib.sha256((TEMPLATES / entry["upstream"]).read_bytes()).hexdigest()[:12]
        if actual != entry["sha256"]:
            changed.append(f"overrides/{ours}: Material's {entry['upstream']} changed "
                           f"({entry['sha256']} → {actual}); re-read our file against it, "
                           "then update scripts/material/upstream.yml")
    assert not changed, "\n".join(changed)
