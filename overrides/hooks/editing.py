"""MkDocs hook for editing: thin glue (the rules are in the history, translations and scaffold modules).

- Every page gets "Edit this page", "Report a problem with this page" (a prefilled new-issue link
  naming the page) and its last-updated date, drawn by overrides/partials/page-footer-actions.html
  from the ``hb_editing`` template variable, in the reader's language (``page.*`` in the catalogues).
- The translation-status page's marker is replaced by a table of every page's translation and each
  language's interface-text lines not translated yet, and the
  contributing page's by the new-guide template (a prefilled GitHub link and text to copy).

The dates come from ONE `git log` over docs/ per language build (see handbook/maintain/history.py);
outside git (a copied folder) a page shows its file's date instead.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.dates import format_date
from handbook.maintain.history import last_changed_day, last_changes
from handbook.maintain.scaffold import template_markdown
from handbook.maintain.translations import (
    catalogue_markdown,
    catalogue_status,
    status_markdown,
    translation_report,
)
from handbook.text import message
from handbook.wards.ward_render import edit_url as edit_url_for

TRANSLATION_STATUS_MARKER = "<!-- translation-status -->"
NEW_GUIDE_MARKER = "<!-- new-guide-template -->"

_changes: dict[str, datetime] | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    global _changes
    _changes = last_changes(Path(config.docs_dir))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = site_config.reader_language(config)
    if TRANSLATION_STATUS_MARKER in markdown:
        languages = site_config.languages(config)
        report = translation_report(Path(config.docs_dir), _changes, languages)
        table = status_markdown(report, lang, page.file.src_uri, languages, has_history=_changes is not None)
        lines = catalogue_markdown(catalogue_status(languages), lang, languages)
        markdown = markdown.replace(TRANSLATION_STATUS_MARKER, table + "\n" + lines)
    if NEW_GUIDE_MARKER in markdown and config.repo_url:
        markdown = markdown.replace(NEW_GUIDE_MARKER, template_markdown(
            config.repo_url, lang, date.today(), site_config.languages(config)))
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    lang = site_config.reader_language(config)
    src = page.file.src_uri
    repo = (config.repo_url or "").rstrip("/")
    edit_url = report_url = None
    if repo:
        # A page drawn from data (a ward without its own file): "edit" opens GitHub's new-file form.
        edit_url = edit_url_for(repo, config.edit_uri, src, exists=not page.file.generated_by)
        title = message(lang, "page.report_title", title=page.title or config.site_name)
        body = message(lang, "page.report_body", url=page.canonical_url or page.url, src=src)
        report_url = f"{repo}/issues/new?{urlencode({'title': title, 'body': body}, quote_via=quote)}"
    day = last_changed_day(_changes, Path(config.docs_dir), src)
    context["hb_editing"] = {
        "lang": lang,
        "edit_url": edit_url,
        "report_url": report_url,
        "updated_iso": day.isoformat() if day else None,
        "updated": format_date(day, lang) if day else None,
    }
    return context
