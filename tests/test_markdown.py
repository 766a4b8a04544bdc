"""One fence scanner (handbook/markdown.py) for every check: what the build draws is what the checks see."""

from __future__ import annotations

import markdown as python_markdown
import pytest

from handbook.guides import screens
from handbook.guides.guide_files import count_screens, step_problems
from handbook.markdown import blank_fences, fences
from handbook.safety.internal_links import page_anchors

SCREEN = """step: 1
title: Đăng nhập
items:
  - button: Đăng nhập
    tap: true"""


def _guide_step(opening: str, closing: str) -> str:
    return f"## Bước 1: Mở ứng dụng {{#buoc-1}}\n\nMở ứng dụng.\n\n{opening}\n{SCREEN}\n{closing}\n"


@pytest.mark.parametrize(("opening", "closing"),
                         [("```screen", "```"), ("~~~screen", "~~~"), ("````screen", "````")])
def test_a_screen_block_the_build_draws_counts_as_the_steps_illustration(opening: str, closing: str) -> None:
    body = _guide_step(opening, closing)
    screens.set_page("docs/guides/x.md", "vi", "vi")
    # The build (pymdownx.superfences with the handbook's formatter) draws it as a phone screen…
    html = python_markdown.markdown(body, extensions=["pymdownx.superfences"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [
            {"name": "screen", "class": "screen", "format": screens.fence_format}]}})
    assert '<figure class="hb-screen">' in html
    # …so the guide rules must not say the step has no illustration.
    assert step_problems(body, "docs/guides/x.md", 1) == []
    assert count_screens(body) == 1


def test_a_screen_example_inside_another_fence_is_content_not_a_screen() -> None:
    body = "````markdown\n```screen\nstep: 9\n```\n````\n"
    assert [fence.info for fence in fences(body.split("\n"))] == ["markdown"]
    assert count_screens(body) == 0
    assert screens.check_markdown(body, "docs/x.md", 1) == []


def test_headings_and_ids_inside_fences_are_ignored_by_every_check() -> None:
    body = "# Real {#real}\n\n~~~\n# Not a heading {#fake}\n~~~\n"
    assert page_anchors(body) == {"real"}
    blanked = blank_fences(body)
    assert len(blanked) == len(body) and blanked.count("\n") == body.count("\n") and "fake" not in blanked


def test_an_unclosed_screen_block_is_reported_on_its_opening_line() -> None:
    errors = screens.check_markdown("text\n\n~~~screen\nstep: 1\n", "docs/x.md", 10)
    assert len(errors) == 1 and "dòng 12 / line 12" in str(errors[0]) and "~~~screen" in str(errors[0])
