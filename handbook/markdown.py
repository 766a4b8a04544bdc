"""Fenced code blocks in Markdown: the ONE scanner every check uses.

A fence opens with three or more backticks or tildes (``` or ~~~, also indented inside lists, tabs and
admonitions), optionally followed by a word (``screen``, ``markdown``…), and closes with a line of at
least as many of the same character. pymdownx.superfences reads the same blocks, so what a check sees
as a ``screen`` block is what the build draws, and what is inside an example fence is never checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})[ \t]*(?P<info>[\w#.+-]*)")


@dataclass(frozen=True)
class Fence:
    """One fenced block of a text split into lines (0-based line indexes)."""

    start: int  # the opening line
    end: int  # the closing line (== number of lines when the block is never closed)
    indent: str
    marker: str  # "```", "~~~~"…
    info: str  # the word after the marker: "screen", "markdown", "" …
    closed: bool

    def body(self, lines: list[str]) -> str:
        """The block's content, without the fence's own indentation."""
        return "\n".join(_dedent(line, self.indent) for line in lines[self.start + 1:self.end])


def _dedent(line: str, indent: str) -> str:
    return line[len(indent):] if line.startswith(indent) else line.lstrip(" \t")


def fences(lines: list[str]) -> Iterator[Fence]:
    """Every top-level fenced block of ``lines`` (fences shown inside another fence are content)."""
    index = 0
    while index < len(lines):
        opening = _OPEN.match(lines[index])
        if opening is None:
            index += 1
            continue
        marker = opening["marker"]
        closing = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        yield Fence(index, end, opening["indent"], marker, opening["info"], end < len(lines))
        index = end + 1


def blank_fences(text: str) -> str:
    """``text`` with every fenced block (fence lines included) blanked to spaces: same length, same lines."""
    lines = text.split("\n")
    for fence in fences(lines):
        for index in range(fence.start, min(fence.end + 1, len(lines))):
            lines[index] = " " * len(lines[index])
    return "\n".join(lines)
