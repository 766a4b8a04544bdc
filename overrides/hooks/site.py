"""Site-wide MkDocs hook: thin glue only; the rules live in the handbook package."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig

DEFAULT_LANGUAGE = "vi"


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Write the English 404 page to en/404.html instead of over the Vietnamese one.

    mkdocs-static-i18n builds every language into the same site_dir, so without this the
    English 404 replaces the Vietnamese /404.html and /en/404.html never exists.
    """
    language = config.theme["language"]
    if template_name != "404.html" or language == DEFAULT_LANGUAGE:
        return output
    path = os.path.join(config.site_dir, language, "404.html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as page_file:
        page_file.write(output)
    return ""  # MkDocs skips writing a template whose output is empty
