"""MkDocs hook for "report a problem without GitHub": thin glue, the rules are in
handbook/wards/report_contact.py.

- on_config: check ``extra.report_contact`` (absent: nothing is shown); a bad value stops the build.
- on_page_context: give overrides/partials/page-footer-actions.html the links of this page (``hb_report``):
  an e-mail with the page's title and address prefilled, a tel: link and a Zalo link, each when set.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook.errors import ContentError
from handbook.text import message
from handbook.wards.report_contact import ReportContact, mailto, parse_report_contact

_contact: list[ReportContact | None] = [None]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        _contact[0] = parse_report_contact(config.extra.get("report_contact"))
    except ContentError as error:
        raise PluginError(str(error)) from error
    return config


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    contact = _contact[0]
    if contact is None:
        context["hb_report"] = None
        return context
    lang = str(config.theme["language"])
    url = page.canonical_url or page.url
    title = page.title or config.site_name
    links = []
    if contact.email:
        subject = message(lang, "report.subject", title=title)
        body = message(lang, "report.body", url=url)
        links.append(
            {
                "kind": "email",
                "href": mailto(contact.email, subject, body),
                "text": message(lang, "report.email"),
            }
        )
    if contact.phone:
        links.append({"kind": "phone", "href": contact.phone.href,
                      "text": message(lang, "report.phone", number=contact.phone.display)})
    if contact.zalo:
        links.append({"kind": "zalo", "href": contact.zalo.href,
                      "text": message(lang, "report.zalo", number=contact.zalo.display)})
    context["hb_report"] = {"intro": message(lang, "report.intro"), "links": links}
    return context
