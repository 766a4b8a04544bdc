"""MkDocs hook for paper and hand-over (issue 17). Thin glue: the rules live in handbook/guides/handout.py,
handbook/guides/quick_card.py, handbook/publish/og_image.py and handbook/publish/print_qr.py.

* on_page_content: in guides (the pages printed as handouts), steps are wrapped for print (text and
  picture on one sheet), every link to another page of the handbook carries its published
  address for print.css, and a web link whose text is its address is marked (printed once).
* on_page_context: ``hb_handover`` (the page's published address, short address, QR code drawn now
  as SVG, and for a guide the link to its quick card) for overrides/partials/handover.html, and
  ``hb_og`` (Open Graph: title, summary, image, locale) for overrides/partials/og.html.
* on_post_build: the guides' one-page quick cards (``guides/<slug>/the/``, standalone pages outside
  the navigation, the sitemap and the search index) and the link-preview PNG drawn from the logo.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import site_config
from handbook.area import area_markdown, names_language, placeholder_values
from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import read_front_matter
from handbook.guides.guide_files import load_guides
from handbook.guides.handout import mark_address_texts, print_addresses, wrap_steps
from handbook.guides.quick_card import FOLDER, Card, make_card, render_card
from handbook.local_facts import page_key
from handbook.placeholders import fill
from handbook.publish.offline import is_offline_copy
from handbook.publish.og_image import LogoError, draw_card
from handbook.publish.print_qr import PAGE_QR_ID, online_url, qr_svg, short_address
from handbook.safety.csp import meta_policy
from handbook.text import message

OG_IMAGE = "assets/images/og-card.png"
LOGO = "assets/images/favicon.svg"

_cards: dict[tuple[str, str], Card] = {}
_written: list[tuple[str, Card]] = []  # (the guide page's URL in this build, its card)


def on_pre_build(config: MkDocsConfig) -> None:
    """Read every guide's steps once (overrides/hooks/guides.py already stopped on bad guides)."""
    languages = site_config.languages(config)
    area = site_config.area(config)
    guides, errors = load_guides(Path(config.docs_dir), languages)
    if errors:
        return  # the guides hook reports them
    _cards.clear()
    problems: list[ContentError] = []
    for guide in guides:
        name = languages.translation_of(f"guides/{guide.slug}.md", guide.lang)
        try:
            _meta, body, _line = read_front_matter(Path(config.docs_dir) / name, Path(config.docs_dir))
            values = placeholder_values(area, guide.lang)  # {{ province }}, {{ hotline }} …
            guide = replace(guide, title=fill(guide.title, values), summary=fill(guide.summary, values))
            # the quick card shows what the page shows: local-fact blocks resolved, placeholders filled
            shown, _ = area_markdown(area, body, guide.lang, page_key(name), f"docs/{name}", for_reading=True)
            _cards[(guide.slug, guide.lang)] = make_card(guide, shown, f"docs/{name}", names_language(area))
        except ContentError as error:
            problems.append(error)
    if problems:
        raise PluginError(str(ContentErrors(problems)))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Guides are the pages printed as handouts (other pages print their web links' addresses only).
    if not page.file.src_uri.startswith("guides/"):
        return html
    return print_addresses(mark_address_texts(wrap_steps(html)), page.url, config.site_url or "")


def _card_path(page_url: str) -> str:
    """Where a guide's card is written: ``guides/x/the/index.html`` (from ``guides/x/`` or \
``guides/x.html``)."""
    base = page_url[: -len(".html")] + "/" if page_url.endswith(".html") else page_url
    return f"{base}{FOLDER}/index.html"


def _guide_card(page: Page, config: MkDocsConfig) -> Card | None:
    src = page.file.src_uri
    if not src.startswith("guides/") or src.count("/") != 1:
        return None
    return _cards.get((Path(src).name.split(".")[0], site_config.file_language(page, config)))


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    lang = site_config.reader_language(config)
    site_url = config.site_url or ""
    url = online_url(site_url, page.url)
    card_href = None
    card = _guide_card(page, config)
    if card is not None:
        _written.append((page.url, card))
        target = _card_path(page.url)
        if not config.use_directory_urls or page.url.endswith(".html"):
            card_href = posixpath.relpath(target, posixpath.dirname(page.url) or ".")
        else:
            card_href = posixpath.relpath(posixpath.dirname(target), page.url.rstrip("/") or ".") + "/"
    context["hb_handover"] = {
        "url": url,
        "short": short_address(url),
        # The page's one drawing of its QR code; the print block shows it again
        # (handbook/publish/print_qr.py).
        "qr": qr_svg(url, message(lang, "share.qr_label", url=short_address(url)), "hb-handover__code")
        .replace("<svg ", f'<svg id="{PAGE_QR_ID}" ', 1),
        "card": card_href,
    }
    summary = (page.meta or {}).get("summary")
    context["hb_og"] = {
        "title": config.site_name if page.is_homepage else (page.title or config.site_name),
        "description": summary if isinstance(summary, str) and summary.strip() else config.site_description,
        "url": url,
        "image": urljoin(site_url if site_url.endswith("/") else site_url + "/", OG_IMAGE),
        "locale": message(lang, "og.locale"),
    }
    return context


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    site_url = config.site_url or ""
    # The offline copy (file://, Material's offline plugin) carries no policy: overrides/hooks/offline.py
    # removes it from every page there, and so do the cards.
    offline = is_offline_copy(config.plugins)
    policy = None if offline else meta_policy()
    for page_url, card in _written:
        target = _card_path(page_url)
        root = "../" * target.count("/")
        if config.use_directory_urls and not page_url.endswith(".html"):
            guide_href = "../"
        else:
            guide_href = posixpath.relpath(page_url, posixpath.dirname(target))
        html = render_card(card, full_url=online_url(site_url, page_url), guide_href=guide_href,
                           assets=root, policy=policy)
        path = site / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    _written.clear()
    logo = Path(config.theme.custom_dir or "overrides") / LOGO
    image = site / OG_IMAGE
    if logo.is_file() and not image.exists():
        try:
            png = draw_card(logo.read_text(encoding="utf-8"))
        except LogoError as error:
            raise PluginError(f"overrides/{LOGO}: {error}") from error
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(png)
