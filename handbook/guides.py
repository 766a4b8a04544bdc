"""Guides: front matter schema, step rules, translation pairs, and the Markdown the build adds.

Plain Python, no MkDocs: the hook (overrides/hooks/guides.py) and the maintainer CLI call these.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.dates import parse_date, today_vn
from handbook.domains import check_url
from handbook.errors import ContentError
from handbook.frontmatter import YamlMap, language_of, read_front_matter

# Category key -> (Vietnamese heading, English heading), in the order the guides index shows them.
CATEGORIES: dict[str, tuple[str, str]] = {
    "public-services": ("Dịch vụ công trực tuyến", "Online public services"),
    "payments": ("Thanh toán", "Payments"),
    "ward-channels": ("Kênh chính thức của phường", "Official ward and city channels"),
    "safety": ("An toàn trên mạng", "Staying safe online"),
    "phone-basics": ("Dùng điện thoại cơ bản", "Phone basics"),
}
REQUIRED_KEYS = ("title", "summary", "category", "needs", "duration_minutes",
                 "last_reviewed", "next_review", "sources")
OPTIONAL_KEYS = ("safety", "hide", "search", "source_hash")
# A review date further ahead than this is a typo (2099) or a promise nobody keeps.
MAX_REVIEW_YEARS = 2
# Fields that must be the same in a guide and its translation.
PAIR_KEYS = ("category", "last_reviewed", "next_review")

_H2_OR_H3 = re.compile(r"^(#{2,3})[ \t]+(.+?)[ \t]*$", re.MULTILINE)
_EXPLICIT_ID = re.compile(r"\{[ \t]*#([a-z0-9-]+)[ \t]*\}$")
_STEP_ID = re.compile(r"^buoc-(\d+)$")
_SCREEN_FENCE = re.compile(r"^[ \t]*```screen[ \t]*$", re.MULTILINE)
_SCREEN_STEP = re.compile(r"^[ \t]*step:[ \t]*(\S+)", re.MULTILINE)
_FENCE_END = re.compile(r"^[ \t]*```[ \t]*$", re.MULTILINE)


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


def _error(file: str, field: str, problem_vi: str, fix_vi: str, problem_en: str, fix_en: str,
           meta: object = None, key: str | None = None) -> ContentError:
    """An error at ``field``; with the front matter (``meta``) it names the file line of ``key`` too."""
    key = key or field.split("[")[0].split(".")[0]
    where = f"trường / field '{field}'"
    if isinstance(meta, YamlMap) and key in meta.key_lines:
        line = meta.key_lines[key]
        where = f"dòng {line} / line {line}, {where}"
    return ContentError(file, where, problem_vi, fix_vi, problem_en, fix_en)


def _text(meta: dict[str, Any], key: str, file: str, errors: list[ContentError]) -> str:
    value = meta.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    errors.append(_error(file, key, "Thiếu nội dung hoặc không phải chữ.",
                         f"Viết '{key}: ...' bằng một câu; nếu câu có dấu hai chấm, đặt cả câu trong dấu ngoặc kép.",
                         "Missing, or not text.",
                         f"Write '{key}: ...' as one sentence; if it has a colon, put it all in quotes.", meta))
    return ""


def _date(meta: dict[str, Any], key: str, file: str, errors: list[ContentError]) -> datetime.date:
    value = meta.get(key)
    day, why_vi, why_en = parse_date(value)
    if day is not None:
        return day
    errors.append(_error(file, key, f"Ngày không hợp lệ: {why_vi}", "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-27, "
                         "đúng một ngày có trên lịch.",
                         f"Not a valid date: {why_en}", "Write the date as YEAR-MONTH-DAY, for example 2026-11-27, "
                         "a day that exists.", meta))
    return datetime.date.min


def _sources(meta: dict[str, Any], file: str, errors: list[ContentError]) -> tuple[Source, ...]:
    raw = meta.get("sources")
    if not isinstance(raw, list) or not raw:
        errors.append(_error(file, "sources", "Chưa có nguồn nào.", "Thêm ít nhất một nguồn: '- title: tên văn bản'.",
                             "No source given.", "Add at least one source: '- title: document name'."))
        return ()
    sources = []
    for index, item in enumerate(raw, start=1):
        field = f"sources[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("title"), str) or set(item) - {"title", "url"}:
            errors.append(_error(file, field, "Nguồn phải có 'title' (và có thể có 'url'), không có khóa khác.",
                                 "Viết '- title: tên nguồn' rồi, nếu có, dòng '  url: https://...'; tên nguồn có "
                                 "dấu hai chấm thì đặt trong dấu ngoặc kép.",
                                 "A source needs 'title' (and optionally 'url') and no other key.",
                                 "Write '- title: source name' and, if any, '  url: https://...'; a title with a "
                                 "colon goes in quotes.", item if isinstance(item, YamlMap) else meta, "title"
                                 if isinstance(item, YamlMap) else "sources"))
            continue
        url = item.get("url")
        if url is not None:
            reason = check_url(url)
            if reason:
                errors.append(_error(file, f"{field}.url", f"Đường dẫn không được phép: {reason}",
                                     "Chỉ dẫn tới trang chính thức (https, tên miền trong danh sách cho phép).",
                                     f"Link not allowed: {reason}",
                                     "Link only to official sites (https, a domain on the allowlist).", item, "url"))
        sources.append(Source(item["title"].strip(), url))
    return tuple(sources)


def parse_guide(meta: dict[str, Any], file: str, slug: str, lang: str,
                today: datetime.date | None = None) -> tuple[Guide, list[ContentError]]:
    """Check a guide's front matter; return the guide and every problem found.

    ``today`` (default: today in Việt Nam) bounds the review dates: ``last_reviewed`` not in the future,
    ``next_review`` at most :data:`MAX_REVIEW_YEARS` years ahead.
    """
    today = today or today_vn()
    errors: list[ContentError] = []
    for key in sorted(set(meta) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        errors.append(_error(file, key, "Khóa không có trong mẫu hướng dẫn (có thể viết sai chính tả).",
                             "Sửa tên khóa cho đúng một trong: " + ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS) + ".",
                             "This key is not part of the guide template (a typo?).",
                             "Rename it to one of: " + ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS) + ".", meta, str(key)))
    title = _text(meta, "title", file, errors)
    summary = _text(meta, "summary", file, errors)
    category = meta.get("category")
    if category not in CATEGORIES:
        errors.append(_error(file, "category", f"Nhóm không hợp lệ: {category!r}.", "Chọn một trong: " + ", ".join(CATEGORIES) + ".",
                             f"Unknown category: {category!r}.", "Choose one of: " + ", ".join(CATEGORIES) + ".", meta))
    needs = meta.get("needs")
    if not isinstance(needs, list) or not needs or not all(isinstance(n, str) and n.strip() for n in needs):
        errors.append(_error(file, "needs", "Cần liệt kê những thứ người đọc cần chuẩn bị.",
                             "Viết mỗi thứ trên một dòng bắt đầu bằng '  - '.",
                             "List what the reader needs before starting.", "Write one item per line starting with '  - '.",
                             meta))
        needs = []
    duration = meta.get("duration_minutes")
    if not isinstance(duration, int) or isinstance(duration, bool) or not 1 <= duration <= 240:
        errors.append(_error(file, "duration_minutes", f"Thời gian không hợp lệ: {duration!r}.",
                             "Ghi số phút ước chừng, từ 1 đến 240, ví dụ 'duration_minutes: 10'.",
                             f"Not a valid duration: {duration!r}.",
                             "Give the approximate minutes, 1 to 240, for example 'duration_minutes: 10'.", meta))
        duration = 0
    last_reviewed = _date(meta, "last_reviewed", file, errors)
    next_review = _date(meta, "next_review", file, errors)
    if last_reviewed != datetime.date.min and next_review != datetime.date.min and next_review <= last_reviewed:
        errors.append(_error(file, "next_review", "Ngày xem lại tiếp theo phải sau ngày xem lại lần cuối.",
                             "Đặt 'next_review' sau 'last_reviewed', thường là 6 tháng sau.",
                             "The next review date must be after the last review date.",
                             "Set 'next_review' after 'last_reviewed', usually six months later.", meta))
    if last_reviewed != datetime.date.min and last_reviewed > today:
        errors.append(_error(file, "last_reviewed",
                             f"Ngày xem lại lần cuối {last_reviewed.isoformat()} ở tương lai (hôm nay ở Việt Nam là "
                             f"{today.isoformat()}).", "Ghi ngày bạn đã thật sự xem lại hướng dẫn.",
                             f"The last review date {last_reviewed.isoformat()} is in the future (today in Việt Nam is "
                             f"{today.isoformat()}).", "Write the date you actually reviewed the guide.", meta))
    latest = _years_after(today, MAX_REVIEW_YEARS)
    if next_review != datetime.date.min and next_review > latest:
        errors.append(_error(file, "next_review",
                             f"Ngày xem lại tiếp theo {next_review.isoformat()} xa quá {MAX_REVIEW_YEARS} năm.",
                             f"Đặt 'next_review' trong vòng {MAX_REVIEW_YEARS} năm (thường là 6 tháng sau "
                             f"'last_reviewed'), muộn nhất {latest.isoformat()}.",
                             f"The next review date {next_review.isoformat()} is more than {MAX_REVIEW_YEARS} years ahead.",
                             f"Set 'next_review' within {MAX_REVIEW_YEARS} years (usually six months after "
                             f"'last_reviewed'), {latest.isoformat()} at the latest.", meta))
    safety = meta.get("safety")
    if safety is not None and not (isinstance(safety, str) and safety.strip()):
        errors.append(_error(file, "safety", "Lưu ý an toàn phải là một câu chữ.", "Viết 'safety: ...' bằng một câu, hoặc bỏ dòng này.",
                             "The safety note must be text.", "Write 'safety: ...' as one sentence, or remove the line.",
                             meta))
        safety = None
    guide = Guide(slug, lang, title, summary, str(category), tuple(n.strip() for n in needs), duration,
                  last_reviewed, next_review, safety.strip() if safety else None, _sources(meta, file, errors))
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
    for match in _H2_OR_H3.finditer(_without_fences(body)):
        explicit = _EXPLICIT_ID.search(match.group(2))
        if explicit:
            ids.append(explicit.group(1))
            continue
        line = first_line + body.count("\n", 0, match.start())
        errors.append(ContentError(
            file, f"dòng {line} / line {line}", f"Tiêu đề «{match.group(2)}» thiếu mã cố định.",
            "Thêm mã ở cuối tiêu đề, giống hệt ở bản tiếng Anh, ví dụ '## Bước 1: Mở ứng dụng {#buoc-1}'.",
            f"The heading \"{match.group(2)}\" has no fixed id.",
            "Add an id at the end of the heading, the same as in the Vietnamese file, e.g. '## Step 1: Open the app {#buoc-1}'."))
    return ids, errors


def _without_fences(body: str) -> str:
    """The body with fenced code blocks blanked out (same length), so '#' inside them is ignored."""
    return re.sub(r"^([ \t]*)```.*?^\1```[ \t]*$", lambda m: re.sub(r"[^\n]", " ", m.group(0)), body,
                  flags=re.MULTILINE | re.DOTALL)


def step_problems(body: str, file: str, first_line: int) -> list[ContentError]:
    """Steps are '## ... {#buoc-N}' numbered 1..N, each with a ```screen block for that step."""
    errors: list[ContentError] = []
    headings = [(m.start(), _EXPLICIT_ID.search(m.group(2))) for m in _H2_OR_H3.finditer(_without_fences(body))
                if m.group(1) == "##"]
    sections = [(start, explicit.group(1)) for start, explicit in headings if explicit]
    steps = [(start, int(_STEP_ID.match(id_).group(1))) for start, id_ in sections if _STEP_ID.match(id_)]
    if not steps:
        return [ContentError(file, "bước / steps", "Hướng dẫn chưa có bước nào.",
                             "Viết các bước dạng '## Bước 1: ... {#buoc-1}'.",
                             "The guide has no steps.", "Write steps as '## Step 1: ... {#buoc-1}'.")]
    boundaries = [start for start, _ in sections] + [len(body)]
    for expected, (start, number) in enumerate(steps, start=1):
        line = first_line + body.count("\n", 0, start)
        where = f"dòng {line} / line {line}"
        if number != expected:
            errors.append(ContentError(file, where, f"Bước số {number} đứng ở vị trí bước {expected}.",
                                       f"Đánh số các bước liên tiếp 1, 2, 3…; đổi thành {{#buoc-{expected}}}.",
                                       f"Step {number} is in the place of step {expected}.",
                                       f"Number the steps 1, 2, 3… in order; change it to {{#buoc-{expected}}}."))
        end = min(b for b in boundaries if b > start)
        section = body[start:end]
        screens = list(_SCREEN_FENCE.finditer(section))
        if not screens:
            errors.append(ContentError(file, where, f"Bước {number} chưa có hình minh họa màn hình.",
                                       "Thêm một khối ```screen với 'step: " + str(number) + "' (xem docs/guides/FORMAT.txt).",
                                       f"Step {number} has no screen illustration.",
                                       f"Add a ```screen block with 'step: {number}' (see docs/guides/FORMAT.txt)."))
        for screen in screens:
            closing = _FENCE_END.search(section, screen.end())
            block = section[screen.end(): closing.start() if closing else len(section)]
            step_value = _SCREEN_STEP.search(block)
            if step_value and step_value.group(1) != str(number):
                block_line = line + section.count("\n", 0, screen.start())
                errors.append(ContentError(
                    file, f"dòng {block_line} / line {block_line}, 'step'",
                    f"Hình minh họa ghi 'step: {step_value.group(1)}' nhưng nằm trong bước {number}.",
                    f"Sửa thành 'step: {number}'.",
                    f"The illustration says 'step: {step_value.group(1)}' but sits in step {number}.",
                    f"Change it to 'step: {number}'."))
    return errors


def count_screens(body: str) -> int:
    return len(_SCREEN_FENCE.findall(body))


def load_guides(docs_dir: Path, today: datetime.date | None = None) -> tuple[list[Guide], list[ContentError]]:
    """Read and check every guide in both languages, and that each has its translation."""
    guides: list[Guide] = []
    errors: list[ContentError] = []
    guides_dir = docs_dir / "guides"
    for vi_path in sorted(guides_dir.glob("*.md")):
        if vi_path.name.endswith(".en.md") or vi_path.name == "index.md":
            continue
        en_path = vi_path.with_name(vi_path.stem + ".en.md")
        if not en_path.exists():
            errors.append(ContentError(
                f"docs/guides/{vi_path.name}", "bản dịch / translation",
                f"Chưa có bản tiếng Anh docs/guides/{en_path.name}.",
                f"Chép tệp tiếng Việt thành {en_path.name} rồi dịch; giữ nguyên các mã {{#...}}.",
                f"The English translation docs/guides/{en_path.name} is missing.",
                f"Copy the Vietnamese file to {en_path.name} and translate it; keep the {{#...}} ids."))
            pair = [vi_path]
        else:
            pair = [vi_path, en_path]
        bodies: list[tuple[str, list[str], int]] = []
        metas: list[tuple[str, dict[str, Any]]] = []
        for path in pair:
            name = f"docs/guides/{path.name}"
            try:
                meta, body, first_line = read_front_matter(path, docs_dir)
            except ContentError as error:
                errors.append(error)
                continue
            guide, problems = parse_guide(meta, name, vi_path.stem, language_of(path), today)
            metas.append((name, meta))
            ids, id_problems = heading_ids(body, name, first_line)
            errors += problems + id_problems + step_problems(body, name, first_line)
            guides.append(guide)
            bodies.append((name, ids, count_screens(body)))
        if len(bodies) == 2:
            errors += _pair_problems(bodies[0], bodies[1])
        if len(metas) == 2:
            errors += pair_meta_problems(metas[0], metas[1])
    return guides, errors


def pair_meta_problems(vi: tuple[str, dict[str, Any]], en: tuple[str, dict[str, Any]]) -> list[ContentError]:
    """A guide and its translation state the same category and review dates (:data:`PAIR_KEYS`)."""
    (vi_name, vi_meta), (en_name, en_meta) = vi, en
    errors = []
    for key in PAIR_KEYS:
        vi_value, en_value = vi_meta.get(key), en_meta.get(key)
        if key != "category":
            vi_value, en_value = parse_date(vi_value)[0] or vi_value, parse_date(en_value)[0] or en_value
        if vi_value is None or en_value is None or str(vi_value) == str(en_value):
            continue  # a missing value is reported by the field rules
        errors.append(_error(
            en_name, key, f"'{key}' là «{en_value}» nhưng bản tiếng Việt {vi_name} ghi «{vi_value}».",
            f"Hai bản của một hướng dẫn phải ghi cùng '{key}': sửa cho giống nhau (xem lại cả hai bản nếu cần).",
            f"'{key}' is '{en_value}' but the Vietnamese file {vi_name} says '{vi_value}'.",
            f"Both files of a guide must state the same '{key}': make them equal (review both if needed).",
            en_meta))
    return errors


def _pair_problems(vi: tuple[str, list[str], int], en: tuple[str, list[str], int]) -> list[ContentError]:
    errors = []
    (vi_name, vi_ids, vi_screens), (en_name, en_ids, en_screens) = vi, en
    if vi_ids != en_ids:
        errors.append(ContentError(
            en_name, "mã tiêu đề / heading ids",
            f"Các mã tiêu đề khác bản tiếng Việt: {en_ids} so với {vi_ids}.",
            f"Dùng đúng các mã như trong {vi_name}, cùng thứ tự.",
            f"The heading ids differ from the Vietnamese file: {en_ids} vs {vi_ids}.",
            f"Use exactly the ids of {vi_name}, in the same order."))
    if vi_screens != en_screens:
        errors.append(ContentError(
            en_name, "hình minh họa / illustrations",
            f"Có {en_screens} hình minh họa, bản tiếng Việt có {vi_screens}.",
            "Mỗi bước phải có cùng số hình minh họa ở cả hai ngôn ngữ.",
            f"It has {en_screens} illustrations; the Vietnamese file has {vi_screens}.",
            "Each step needs the same illustrations in both languages."))
    return errors
