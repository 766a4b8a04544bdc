"""One error type for every content problem an editor can make.

Each error names the file, the line or field, what is wrong and how to fix it,
in Vietnamese first and English second, because editors are volunteers who are
not programmers.
"""

from __future__ import annotations


class ContentError(Exception):
    """A problem in a file under docs/ that an editor must fix."""

    def __init__(
        self,
        file: str,
        where: str,
        problem_vi: str,
        fix_vi: str,
        problem_en: str,
        fix_en: str,
    ) -> None:
        self.file = file
        self.where = where
        self.problem_vi = problem_vi
        self.fix_vi = fix_vi
        self.problem_en = problem_en
        self.fix_en = fix_en
        super().__init__(self.message())

    def message(self) -> str:
        return (
            f"{self.file} ({self.where})\n"
            f"  [vi] Lỗi: {self.problem_vi} Cách sửa: {self.fix_vi}\n"
            f"  [en] Error: {self.problem_en} Fix: {self.fix_en}"
        )


class ContentErrors(Exception):
    """Several content problems found in one pass, reported together."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        lines = [f"{len(errors)} lỗi nội dung / content error(s):"]
        lines += [error.message() for error in errors]
        super().__init__("\n".join(lines))
