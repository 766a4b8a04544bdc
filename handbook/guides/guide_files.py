"""Guides: front matter schema, step rules, translation pairs, and the Markdown the build adds.

Plain Python, no MkDocs: the hook (overrides/hooks/guides.py) and the maintainer CLI call these.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from handbook.dates import parse_date, today_vn
from handbook.editor_rules import tracking_error
from handbook.errors import ContentError
from handbook.frontmatter import YamlMap, read_front_matter
from handbook.guides.screens import screen_fences
from handbook.guides.skills import SkillGroup, load_skills, parse_skills, tag_list
from handbook.lang import Languages, project_languages
from handbook.markdown import blank_fences
from handbook.safety.domains import check_url

# Category keys, in the order the guides index shows them; headings: ``guide.category.<key>`` in the
# catalogues.
CATEGORIES: tuple[str, ...] = ("public-services", "payments", "ward-channels", "safety", "phone-basics")
REQUIRED_KEYS = ("title", "summary", "category", "needs", "duration_minutes",
                 "last_reviewed", "next_review", "sources")
OPTIONAL_KEYS = ("safety", "skills", "hide", "search", "source_hash")
# A review date further ahead than this is a typo (2099) or a promise nobody keeps.
MAX_REVIEW_YEARS = 2
# Fields that must be the same in a guide and its translation.
PAIR_KEYS = ("category", "skills", "last_reviewed", "next_review")
_DATE_KEYS = ("last_reviewed", "next_review")

# "##Bước 2" (no space) is still a step here: its one error comes from handbook/editor_rules.py.
_H2_OR_H3 = re.compile(r"^(#{2,3})(?!#)[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
_EXPLICIT_ID = re.compile(r"\{[ \t]*#([a-z0-9-]+)[ \t]*\}$")
_STEP_ID = re.compile(r"^buoc-(\d+)$")
_SCREEN_STEP = re.compile(r"^[ \t]*step:[ \t]*(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None


@dataclass(frozen=True)
class Guide:
    slug: str
    lang: str
    title: str
    summary: str
    category: str
    needs: tuple[str, ...]
    duration_minutes: int
    last_reviewed: datetime.date
    next_review: datetime.date
    safety: str | None
    sources: tuple[Source, ...]
    path: str = ""  # relative to docs/: "guides/dong-tien-dien.md", "guides/dong-tien-dien.<lang>.md"
    skills: tuple[str, ...] = ()  # ids of docs/skills.yml (handbook/guides/skills.py)


def _error(file: str, field: str, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str,
           meta: object = None, key: str | None = None) -> ContentError:
    """An error at ``field``; with the front matter (``meta``) it names the file line of ``key`` too."""
    return ContentError(file, _where(field, meta, key), problem_vi, fix_vi, problem_en, fix_en)


def _where(field: str, meta: object = None, key: str | None = None) -> str:
    key = key or field.split("[")[0].split(".")[0]
    where = f"trường / field '{field}'"
    if isinstance(meta, YamlMap) and key in meta.key_lines:
        line = meta.key_lines[key]
        where = f"dòng {line} / line {line}, {where}"
    return where


def _text(meta: dict[str, Any], key: str, file: str, errors: list[ContentError]) -> str:
    value = meta.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    errors.append(
        _error(
            file,
            key,
            "Thiếu nội dung hoặc không phải chữ.",
            f"Viết '{key}: ...' bằng một câu; nếu câu có dấu hai chấm, đặt cả câu trong dấu ngoặc kép.",
            "Missing, or not text.",
            f"Write '{key}: ...' as one sentence; if it has a colon, put it all in quotes.",
            meta,
        )
    )
    return ""


def _date(meta: dict[str, Any], key: str, file: str, errors: list[ContentError]) -> datetime.date:
    value = meta.get(key)
    day, why_vi, why_en = parse_date(value)
    if day is not None:
        return day
    errors.append(
        _error(
            file,
            key,
            f"Ngày không hợp lệ: {why_vi}",
            "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-27, đúng một ngày có trên lịch.",
            f"Not a valid date: {why_en}",
            "Write the date as YEAR-MONTH-DAY, for example 2026-11-27, a day that exists.",
            meta,
        )
    )
    return datetime.date.min


def _sources(meta: dict[str, Any], file: str, errors: list[ContentError]) -> tuple[Source, ...]:
    raw = meta.get("sources")
    if not isinstance(raw, list) or not raw:
        errors.append(
            _error(
                file,
                "sources",
                "Chưa có nguồn nào.",
                "Thêm ít nhất một nguồn: '- title: tên văn bản'.",
                "No source given.",
                "Add at least one source: '- title: document name'.",
            )
        )
        return ()
    sources = []
    for index, item in enumerate(raw, start=1):
        field = f"sources[{index}]"
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("title"), str)
            or set(item) - {"title", "url"}
        ):
            errors.append(
                _error(
                    file,
                    field,
                    "Nguồn phải có 'title' (và có thể có 'url'), không có khóa khác.",
                    "Viết '- title: tên nguồn' rồi, nếu có, dòng '  url: https://...'; tên nguồn có "
                    "dấu hai chấm thì đặt trong dấu ngoặc kép.",
                    "A source needs 'title' (and optionally 'url') and no other key.",
                    "Write '- title: source name' and, if any, '  url: https://...'; a title with a "
                    "colon goes in quotes.",
                    item if isinstance(item, YamlMap) else meta,
                    "title" if isinstance(item, YamlMap) else "sources",
                )
            )
            continue
        url = item.get("url")
        where = _where(f"{field}.url", item, "url")
        tracking = tracking_error(file, where, url) if isinstance(url, str) else None
        if tracking is not None:
            errors.append(tracking)
        elif url is not None:
            reason = check_url(url)
            if reason:
                errors.append(
                    _error(
                        file,
                        f"{field}.url",
                        f"Đường dẫn không được phép: {reason}",
                        "Chỉ dẫn tới trang chính thức (https, tên miền trong danh sách cho phép).",
                        f"Link not allowed: {reason}",
                        "Link only to official sites (https, a domain on the allowlist).",
                        item,
                        "url",
                    )
                )
        sources.append(Source(item["title"].strip(), url))
    return tuple(sources)


def parse_guide(meta: dict[str, Any], file: str, slug: str, lang: str,
                today: datetime.date | None = None,
                skill_groups: dict[str, SkillGroup] | None = None) -> tuple[Guide, list[ContentError]]:
    """Check a guide's front matter; return the guide and every problem found.

    ``skill_groups`` (docs/skills.yml) are the allowed ``skills:`` tags.

    ``today`` (default: today in Việt Nam) bounds the review dates: ``last_reviewed`` not in the future,
    ``next_review`` at most :data:`MAX_REVIEW_YEARS` years ahead.
    """
    today = today or today_vn()
    errors: list[ContentError] = []
    for key in sorted(set(meta) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        errors.append(
            _error(
                file,
                key,
                "Khóa không có trong mẫu hướng dẫn (có thể viết sai chính tả).",
                "Sửa tên khóa cho đúng một trong: " + ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS) + ".",
                "This key is not part of the guide template (a typo?).",
                "Rename it to one of: " + ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS) + ".",
                meta,
                str(key),
            )
        )
    title = _text(meta, "title", file, errors)
    summary = _text(meta, "summary", file, errors)
    category = meta.get("category")
    if category not in CATEGORIES:
        errors.append(
            _error(
                file,
                "category",
                f"Nhóm không hợp lệ: {category!r}.",
                "Chọn một trong: " + ", ".join(CATEGORIES) + ".",
                f"Unknown category: {category!r}.",
                "Choose one of: " + ", ".join(CATEGORIES) + ".",
                meta,
            )
        )
    needs = meta.get("needs")
    if not isinstance(needs, list) or not needs or not all(isinstance(n, str) and n.strip() for n in needs):
        errors.append(
            _error(
                file,
                "needs",
                "Cần liệt kê những thứ người đọc cần chuẩn bị.",
                "Viết mỗi thứ trên một dòng bắt đầu bằng '  - '.",
                "List what the reader needs before starting.",
                "Write one item per line starting with '  - '.",
                meta,
            )
        )
        needs = []
    duration = meta.get("duration_minutes")
    if not isinstance(duration, int) or isinstance(duration, bool) or not 1 <= duration <= 240:
        errors.append(
            _error(
                file,
                "duration_minutes",
                f"Thời gian không hợp lệ: {duration!r}.",
                "Ghi số phút ước chừng, từ 1 đến 240, ví dụ 'duration_minutes: 10'.",
                f"Not a valid duration: {duration!r}.",
                "Give the approximate minutes, 1 to 240, for example 'duration_minutes: 10'.",
                meta,
            )
        )
        duration = 0
    last_reviewed = _date(meta, "last_reviewed", file, errors)
    next_review = _date(meta, "next_review", file, errors)
    if (
        last_reviewed != datetime.date.min
        and next_review != datetime.date.min
        and next_review <= last_reviewed
    ):
        errors.append(_error(file, "next_review", "Ngày xem lại tiếp theo phải sau ngày xem lại lần cuối.",
                             "Đặt 'next_review' sau 'last_reviewed', thường là 6 tháng sau.",
                             "The next review date must be after the last review date.",
                             "Set 'next_review' after 'last_reviewed', usually six months later.", meta))
    if last_reviewed != datetime.date.min and last_reviewed > today:
        errors.append(
            _error(
                file,
                "last_reviewed",
                f"Ngày xem lại lần cuối {last_reviewed.isoformat()} ở tương lai (hôm nay ở Việt Nam là "
                f"{today.isoformat()}).",
                "Ghi ngày bạn đã thật sự xem lại hướng dẫn.",
                f"The last review date {last_reviewed.isoformat()} is in the future (today in Việt Nam is "
                f"{today.isoformat()}).",
                "Write the date you actually reviewed the guide.",
                meta,
            )
        )
    latest = _years_after(today, MAX_REVIEW_YEARS)
    if next_review != datetime.date.min and next_review > latest:
        errors.append(
            _error(
                file,
                "next_review",
                f"Ngày xem lại tiếp theo {next_review.isoformat()} xa quá {MAX_REVIEW_YEARS} năm.",
                f"Đặt 'next_review' trong vòng {MAX_REVIEW_YEARS} năm (thường là 6 tháng sau "
                f"'last_reviewed'), muộn nhất {latest.isoformat()}.",
                f"The next review date {next_review.isoformat()} is more than {MAX_REVIEW_YEARS} years "
                "ahead.",
                f"Set 'next_review' within {MAX_REVIEW_YEARS} years (usually six months after "
                f"'last_reviewed'), {latest.isoformat()} at the latest.",
                meta,
            )
        )
    safety = meta.get("safety")
    if safety is not None and not (isinstance(safety, str) and safety.strip()):
        errors.append(
            _error(
                file,
                "safety",
                "Lưu ý an toàn phải là một câu chữ.",
                "Viết 'safety: ...' bằng một câu, hoặc bỏ dòng này.",
                "The safety note must be text.",
                "Write 'safety: ...' as one sentence, or remove the line.",
                meta,
            )
        )
        safety = None
    skills, skill_problems = parse_skills(meta, file, skill_groups or {})
    errors += skill_problems
    guide = Guide(
        slug,
        lang,
        title,
        summary,
        str(category),
        tuple(n.strip() for n in needs),
        duration,
        last_reviewed,
        next_review,
        safety.strip() if safety else None,
        _sources(meta, file, errors),
        skills=skills,
    )
    return guide, errors


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def heading_ids(body: str, file: str, first_line: int) -> tuple[list[str], list[ContentError]]:
    """Explicit ids of the H2/H3 headings; a heading without ``{#id}`` is an error."""
    ids: list[str] = []
    errors: list[ContentError] = []
    for match in _H2_OR_H3.finditer(blank_fences(body)):
        explicit = _EXPLICIT_ID.search(match.group(2))
        if explicit:
            ids.append(explicit.group(1))
            continue
        line = first_line + body.count("\n", 0, match.start())
        errors.append(
            ContentError(
                file,
                f"dòng {line} / line {line}",
                f"Tiêu đề «{match.group(2)}» thiếu mã cố định.",
                "Thêm mã ở cuối tiêu đề, giống hệt ở bản tiếng Anh, "
                "ví dụ '## Bước 1: Mở ứng dụng {#buoc-1}'.",
                f"The heading \"{match.group(2)}\" has no fixed id.",
                "Add an id at the end of the heading, the same as in the Vietnamese file, e.g. '## Step 1: "
                "Open the app {#buoc-1}'.",
            )
        )
    return ids, errors


def step_problems(body: str, file: str, first_line: int) -> list[ContentError]:
    """Steps are '## ... {#buoc-N}' numbered 1..N, each with a ```screen block for that step."""
    errors: list[ContentError] = []
    lines = body.split("\n")
    headings = [(m.start(), _EXPLICIT_ID.search(m.group(2))) for m in _H2_OR_H3.finditer(blank_fences(body))
                if m.group(1) == "##"]
    sections = [(start, explicit.group(1)) for start, explicit in headings if explicit]
    steps = [(start, int(step.group(1))) for start, id_ in sections if (step := _STEP_ID.match(id_))]
    if not steps:
        return [ContentError(file, "bước / steps", "Hướng dẫn chưa có bước nào.",
                             "Viết các bước dạng '## Bước 1: ... {#buoc-1}'.",
                             "The guide has no steps.", "Write steps as '## Step 1: ... {#buoc-1}'.")]
    boundaries = [start for start, _ in sections] + [len(body)]
    all_screens = screen_fences(lines)
    for expected, (start, number) in enumerate(steps, start=1):
        line = first_line + body.count("\n", 0, start)
        where = f"dòng {line} / line {line}"
        if number != expected:
            errors.append(
                ContentError(
                    file,
                    where,
                    f"Bước số {number} đứng ở vị trí bước {expected}.",
                    f"Đánh số các bước liên tiếp 1, 2, 3…; đổi thành {{#buoc-{expected}}}.",
                    f"Step {number} is in the place of step {expected}.",
                    f"Number the steps 1, 2, 3… in order; change it to {{#buoc-{expected}}}.",
                )
            )
        end = min(b for b in boundaries if b > start)
        first, last = body.count("\n", 0, start), body.count("\n", 0, end) if end < len(body) else len(lines)
        screens = [fence for fence in all_screens if first <= fence.start < last]
        if not screens:
            errors.append(
                ContentError(
                    file,
                    where,
                    f"Bước {number} chưa có hình minh họa màn hình.",
                    "Thêm một khối ```screen với 'step: " + str(number) + "' (xem docs/guides/FORMAT.txt).",
                    f"Step {number} has no screen illustration.",
                    f"Add a ```screen block with 'step: {number}' (see docs/guides/FORMAT.txt).",
                )
            )
        for screen in screens:
            step_value = _SCREEN_STEP.search(screen.body(lines))
            if step_value and step_value.group(1) != str(number):
                block_line = first_line + screen.start
                errors.append(ContentError(
                    file, f"dòng {block_line} / line {block_line}, 'step'",
                    f"Hình minh họa ghi 'step: {step_value.group(1)}' nhưng nằm trong bước {number}.",
                    f"Sửa thành 'step: {number}'.",
                    f"The illustration says 'step: {step_value.group(1)}' but sits in step {number}.",
                    f"Change it to 'step: {number}'."))
    return errors


def count_screens(body: str) -> int:
    return len(screen_fences(body.split("\n")))


def load_guides(docs_dir: Path, languages: Languages | None = None,
                today: datetime.date | None = None) -> tuple[list[Guide], list[ContentError]]:
    """Read and check every guide in every configured language, and its translations.

    A language that has translated the guides index (``guides/index.<lang>.md``) must translate every
    guide; in other languages readers get the default language's guides with the untranslated notice.
    ``languages`` defaults to those of the project's mkdocs.yml (the folder above ``docs_dir``).
    """
    languages = languages or project_languages(docs_dir.parent)
    guides: list[Guide] = []
    guides_dir = docs_dir / "guides"
    skill_groups, errors = load_skills(docs_dir)
    required = [lang for lang in languages.translations
                if (guides_dir / languages.translation_of("index.md", lang)).exists()]
    for source in sorted(guides_dir.glob("*.md")):
        if languages.of_file(source.name) != languages.default or source.name == "index.md":
            continue
        files = [source]
        for lang in languages.translations:
            translated = guides_dir / languages.translation_of(source.name, lang)
            if translated.exists():
                files.append(translated)
            elif lang in required:
                name = languages.name(lang)
                errors.append(ContentError(
                    f"docs/guides/{source.name}", "bản dịch / translation",
                    f"Chưa có bản dịch {name} docs/guides/{translated.name}.",
                    f"Chép tệp gốc thành {translated.name} rồi dịch; giữ nguyên các mã {{#...}}.",
                    f"The {name} translation docs/guides/{translated.name} is missing.",
                    f"Copy the original file to {translated.name} and translate it; keep the {{#...}} ids."))
        bodies: list[tuple[str, list[str], int]] = []
        metas: list[tuple[str, dict[str, Any]]] = []
        for path in files:
            name = f"docs/guides/{path.name}"
            try:
                meta, body, first_line = read_front_matter(path, docs_dir)
            except ContentError as error:
                errors.append(error)
                continue
            guide, problems = parse_guide(meta, name, source.stem, languages.of_file(path.name), today,
                                          skill_groups)
            metas.append((name, meta))
            ids, id_problems = heading_ids(body, name, first_line)
            errors += problems + id_problems + step_problems(body, name, first_line)
            guides.append(replace(guide, path=f"guides/{path.name}"))
            bodies.append((name, ids, count_screens(body)))
        if bodies and bodies[0][0] == f"docs/guides/{source.name}":
            errors += [problem for body in bodies[1:] for problem in _pair_problems(bodies[0], body)]
        if metas and metas[0][0] == f"docs/guides/{source.name}":
            errors += [problem for meta in metas[1:] for problem in pair_meta_problems(metas[0], meta)]
    return guides, errors


def pair_meta_problems(source: tuple[str, dict[str, Any]],
                       translation: tuple[str, dict[str, Any]]) -> list[ContentError]:
    """A guide and its translation state the same category and review dates (:data:`PAIR_KEYS`)."""
    (vi_name, vi_meta), (en_name, en_meta) = source, translation
    errors = []
    for key in PAIR_KEYS:
        vi_value, en_value = vi_meta.get(key), en_meta.get(key)
        if key in _DATE_KEYS:
            vi_value, en_value = parse_date(vi_value)[0] or vi_value, parse_date(en_value)[0] or en_value
        elif key == "skills":  # "0.2" and an unquoted 0.2 are the same tag
            vi_value, en_value = tag_list(vi_value), tag_list(en_value)
        if vi_value is None or en_value is None or str(vi_value) == str(en_value):
            continue  # a missing value is reported by the field rules
        errors.append(
            _error(
                en_name,
                key,
                f"'{key}' là «{en_value}» nhưng bản gốc {vi_name} ghi «{vi_value}».",
                f"Hai bản của một hướng dẫn phải ghi cùng '{key}': sửa cho giống nhau (xem lại cả hai bản "
                "nếu cần).",
                f"'{key}' is '{en_value}' but the original file {vi_name} says '{vi_value}'.",
                f"Both files of a guide must state the same '{key}': make them equal "
                "(review both if needed).",
                en_meta,
            )
        )
    return errors


def _pair_problems(
    source: tuple[str, list[str], int], translation: tuple[str, list[str], int]
) -> list[ContentError]:
    """A translation has the original's heading ids, in order, and as many illustrations."""
    errors = []
    (source_name, source_ids, source_screens), (name, ids, screens) = source, translation
    if source_ids != ids:
        errors.append(ContentError(
            name, "mã tiêu đề / heading ids",
            f"Các mã tiêu đề khác bản gốc {source_name}: {ids} so với {source_ids}.",
            f"Dùng đúng các mã như trong {source_name}, cùng thứ tự.",
            f"The heading ids differ from the original {source_name}: {ids} vs {source_ids}.",
            f"Use exactly the ids of {source_name}, in the same order."))
    if source_screens != screens:
        errors.append(ContentError(
            name, "hình minh họa / illustrations",
            f"Có {screens} hình minh họa, bản gốc {source_name} có {source_screens}.",
            "Mỗi bước phải có cùng số hình minh họa ở mọi ngôn ngữ.",
            f"It has {screens} illustrations; the original {source_name} has {source_screens}.",
            "Each step needs the same illustrations in every language."))
    return errors
