"""Digital-skill groups: the table in docs/skills.yml, the ``skills:`` field of a guide, and the guides
index read by group.

A guide's ``skills:`` names groups of the national basic digital-skills framework for residents and the five
content areas community teams use. The table says, for each group, its name in Vietnamese and English and
whether that name was checked against the source text (``verified``); the index says so to readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.errors import ContentError
from handbook.frontmatter import YamlMap, load_yaml, read_content, where_line

SKILLS_FILE = "skills.yml"
KINDS = ("content", "framework")  # the order the index shows them in
_ROW_KEYS = ("id", "kind", "vi", "en", "verified", "source")


@dataclass(frozen=True)
class SkillGroup:
    id: str
    kind: str
    vi: str
    en: str
    verified: bool

    def name(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def _row_error(file: str, line: int, problem_vi: str, problem_en: str) -> ContentError:
    return ContentError(
        file, where_line(line),
        problem_vi,
        "Mỗi nhóm cần đủ: id, kind (content hoặc framework), vi, en, verified (true/false), source; "
        "mỗi id chỉ một lần.",
        problem_en,
        "Each group needs: id, kind (content or framework), vi, en, verified (true/false), source; "
        "each id once.",
    )


def tag_text(value: object) -> str | None:
    """A tag as text: ``"0.2"`` and an unquoted ``0.2`` (read by YAML as a number) are the same tag."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def tag_list(value: object) -> list[str | None] | None:
    """A ``skills:`` value as a list of tags (None when absent), to compare two languages' lists."""
    if value is None:
        return None
    return [tag_text(item) for item in (value if isinstance(value, list) else [value])]


def load_skills(docs_dir: Path) -> tuple[dict[str, SkillGroup], list[ContentError]]:
    """The groups of docs/skills.yml by id (in file order), and every problem of the table."""
    path = docs_dir / SKILLS_FILE
    file = f"docs/{SKILLS_FILE}"
    if not path.is_file():
        return {}, []
    try:
        text, _ = read_content(path, file)
        data = load_yaml(text, file)
    except ContentError as error:
        return {}, [error]
    rows = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        return {}, [_row_error(file, 1, "Không có danh sách «groups:».", "There is no «groups:» list.")]
    groups: dict[str, SkillGroup] = {}
    errors = []
    for row in rows:
        line = row.line if isinstance(row, YamlMap) else 1
        ident = tag_text(row.get("id")) if isinstance(row, dict) else None
        if (
            not isinstance(row, dict)
            or set(row) != set(_ROW_KEYS)
            or ident is None
            or ident in groups
            or row["kind"] not in KINDS
            or not isinstance(row["verified"], bool)
            or not all(isinstance(row[key], str) and row[key].strip() for key in ("vi", "en", "source"))
        ):
            errors.append(_row_error(file, line, f"Nhóm «{ident}» viết sai hoặc trùng.",
                                     f"The group '{ident}' is malformed or repeated."))
            continue
        groups[ident] = SkillGroup(ident, row["kind"], row["vi"].strip(), row["en"].strip(), row["verified"])
    return groups, errors


def parse_skills(meta: dict[str, Any], file: str, groups: dict[str, SkillGroup]) -> tuple[
        tuple[str, ...], list[ContentError]]:
    """The ``skills:`` tags of a guide's front matter; an unknown or repeated tag names the allowed ones."""
    if "skills" not in meta:
        return (), []
    raw = meta["skills"]
    items = raw if isinstance(raw, list) else [raw]
    tags = tag_list(raw) or []
    unknown = [str(item) for item, tag in zip(items, tags) if tag not in groups]
    if raw and not unknown and len(set(tags)) == len(tags):
        return tuple(tag for tag in tags if tag), []
    line = meta.key_lines.get("skills", 1) if isinstance(meta, YamlMap) else 1
    allowed = ", ".join(groups) or "(docs/skills.yml)"
    shown = ", ".join(unknown) if unknown else str(raw)
    return (), [ContentError(
        file, where_line(line, "trường / field 'skills'"),
        f"Nhóm kỹ năng không có trong docs/skills.yml hoặc ghi hai lần: {shown}.",
        f"Ghi 'skills: [...]' bằng các mã có trong docs/skills.yml, mỗi mã một lần: {allowed}.",
        f"Skill group not in docs/skills.yml, or listed twice: {shown}.",
        f"Write 'skills: [...]' with ids from docs/skills.yml, each once: {allowed}.",
    )]
