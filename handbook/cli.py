"""scripts/handbook: the maintainers' and editors' command line.

    scripts/handbook check                    every content check, without building the site
    scripts/handbook new-guide SLUG --title-vi ... --title-en ... --category ...
    scripts/handbook ward-channel WARD KIND VALUE --source ... --status ...
    scripts/handbook translations             every page: translated, missing or outdated
    scripts/handbook review                   guides and ward channels due for review
    scripts/handbook review --markdown --links --registry   the weekly upkeep report (an issue on GitHub)

Only argument parsing and printing live here; each sub-command calls one module of handbook/.
Messages are in Vietnamese first, then English.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from handbook.dates import today_in_vietnam
from handbook.errors import ContentError, ContentErrors
from handbook.guides import CATEGORIES
from handbook.wards import KINDS, STATUSES


def _project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that has mkdocs.yml and docs/."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
            return folder
    raise SystemExit(f"Không tìm thấy mkdocs.yml và docs/ từ {start} trở lên / "
                     f"No mkdocs.yml and docs/ found at or above {start}. Dùng / use --root.")


def _print_errors(error: ContentError | ContentErrors) -> int:
    print(error if isinstance(error, ContentErrors) else ContentErrors([error]), file=sys.stderr)
    return 1


def cmd_check(root: Path, args: argparse.Namespace) -> int:
    from handbook.checks import check_content
    from handbook.scaffold import template_leftovers

    started = time.monotonic()
    result = check_content(root, args.today)
    leftovers: dict[str, list[int]] = {}
    for file, line in template_leftovers(root / "docs"):
        leftovers.setdefault(file, []).append(line)
    for file, lines in leftovers.items():
        numbers = ", ".join(map(str, lines))
        print(f"{file} (dòng / lines {numbers})\n"
              f"  [vi] Nhắc: còn {len(lines)} chỗ chữ mẫu «[VIẾT: …]» / «[WRITE: …]» chưa viết lại.\n"
              f"  [en] Reminder: {len(lines)} places still have template text '[VIẾT: …]' / '[WRITE: …]'.")
    seconds = time.monotonic() - started
    if result.errors:
        if args.github:  # one annotation per problem, on its file and line (GitHub Actions)
            from handbook.annotations import github_annotations

            print(github_annotations(result.errors), end="")
        return _print_errors(ContentErrors(result.errors))
    print(f"Không có lỗi / No problems: {result.pages} trang / pages ({seconds:.1f} s).")
    return 0


def cmd_new_guide(root: Path, args: argparse.Namespace) -> int:
    from handbook.scaffold import create_guide

    try:
        paths = create_guide(root / "docs", args.slug, args.title_vi, args.title_en, args.category,
                             args.today, args.steps)
    except (ContentError, ContentErrors) as error:
        return _print_errors(error)
    for path in paths:
        print(f"Đã tạo / Created {path.relative_to(root).as_posix()}")
    print("Việc tiếp theo: thay các chỗ «[VIẾT: …]» và «[WRITE: …]», rồi chạy scripts/handbook check.\n"
          "Next: replace every '[VIẾT: …]' and '[WRITE: …]', then run scripts/handbook check.")
    return 0


def cmd_ward_channel(root: Path, args: argparse.Namespace) -> int:
    from handbook.checks import ward_registry
    from handbook.ward_edit import ChannelChange, set_channel

    change = ChannelChange(args.kind, args.value, args.source, args.status, args.name, args.hours,
                           args.former_unit, args.replace)
    try:
        action = set_channel(root / "docs", ward_registry(root), args.ward, change, args.today)
    except (ContentError, ContentErrors) as error:
        return _print_errors(error)
    words = {"added": "Đã thêm / Added", "updated": "Đã cập nhật / Updated"}[action]
    print(f"{words}: {args.kind} {args.value} → docs/wards/{args.ward}.md (checked: {args.today.isoformat()})")
    return 0


def cmd_translations(root: Path, args: argparse.Namespace) -> int:
    from handbook.history import last_changes
    from handbook.translations import STATUSES as TRANSLATION_STATUSES
    from handbook.translations import english_path, status_text, translation_report

    changes = last_changes(root / "docs")
    report = translation_report(root / "docs", changes)
    if args.markdown:  # the short summary a pull request shows (GitHub Actions job summary)
        from handbook.annotations import translation_summary

        print(translation_summary(report, changes is not None), end="")
        return 0
    if changes is None:
        print("Không có lịch sử git: không biết bản dịch nào cũ / "
              "No git history: outdated translations cannot be found.")
    order = {status: index for index, status in enumerate(TRANSLATION_STATUSES)}
    for item in sorted(report, key=lambda item: (order[item.status], item.page)):
        print(f"{item.status:<10}  docs/{item.page} → docs/{english_path(item.page)}  "
              f"({status_text(item, 'vi')} / {status_text(item, 'en')})")
    counts = {status: sum(1 for item in report if item.status == status) for status in TRANSLATION_STATUSES}
    print(f"{len(report)} trang / pages: " + ", ".join(f"{count} {status}" for status, count in counts.items()))
    return 0


def cmd_review(root: Path, args: argparse.Namespace) -> int:
    from handbook.checks import ward_registry
    from handbook.dates import format_date
    from handbook.reviews import REVIEW_MONTHS, overdue_guides, stale_channels

    guides = overdue_guides(root / "docs", args.today)
    if args.markdown:
        return _review_markdown(root, args, guides)
    print(f"Hướng dẫn quá hạn xem lại / Guides past their review date: {len(guides)}")
    for due in guides:
        print(f"  {due.file} ({due.where}: {format_date(due.due, 'vi')}) {due.what}")
    try:
        channels = stale_channels(root / "docs", ward_registry(root), args.today)
    except (ContentError, ContentErrors) as error:
        print("Không đọc được tệp phường; chạy scripts/handbook check / "
              "Ward files cannot be read; run scripts/handbook check.", file=sys.stderr)
        return _print_errors(error)
    print(f"Kênh của phường chưa kiểm tra lại sau {REVIEW_MONTHS} tháng / "
          f"Ward channels not checked for {REVIEW_MONTHS} months: {len(channels)}")
    for due in channels:
        print(f"  {due.file} ({due.where}, quá hạn từ / due since {format_date(due.due, 'vi')}) {due.what}")
    return 0


def _review_markdown(root: Path, args: argparse.Namespace, guides: list) -> int:
    """The upkeep report in Markdown (the weekly workflow posts it as one issue)."""
    from handbook.checks import ward_registry
    from handbook.reviews import link_problems, registry_update, review_markdown, stale_channels

    try:
        channels = stale_channels(root / "docs", ward_registry(root), args.today)
    except (ContentError, ContentErrors) as error:
        return _print_errors(error)
    links = link_problems(root / "docs") if args.links else None
    registry = registry_update(root) if args.registry else None
    print(review_markdown(root, args.today, guides, channels, args.files_url, links, registry))
    if args.links and links is None:
        print("Không có mạng: chưa kiểm tra liên kết ngoài / No network: external links were not checked.")
    return 0


def _steps(text: str) -> int:
    number = int(text)
    if not 1 <= number <= 20:
        raise argparse.ArgumentTypeError("1–20")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/handbook", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, help="the project folder (default: found from here)")
    parser.add_argument("--today", type=date.fromisoformat, default=today_in_vietnam(), help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="every content check, without building the site")
    check.add_argument("--github", action="store_true",
                       help="also print each problem as a GitHub Actions annotation (::error file=…,line=…::)")
    check.set_defaults(run=cmd_check)

    guide = sub.add_parser("new-guide", help="create docs/guides/SLUG.md and SLUG.en.md from the template")
    guide.add_argument("slug", help="file name without .md, e.g. dong-tien-dien")
    guide.add_argument("--title-vi", required=True)
    guide.add_argument("--title-en", required=True)
    guide.add_argument("--category", required=True, choices=list(CATEGORIES))
    guide.add_argument("--steps", type=_steps, default=3, help="how many steps (default 3)")
    guide.set_defaults(run=cmd_new_guide)

    ward = sub.add_parser("ward-channel", help="add or update a channel of a ward (checked: today)")
    ward.add_argument("ward", help="the ward file name without .md, e.g. bao-vinh")
    ward.add_argument("kind", choices=KINDS)
    ward.add_argument("value", help="the address, phone number, e-mail or office address")
    ward.add_argument("--source", required=True, help="where it was checked: a document name or https address")
    ward.add_argument("--status", required=True, choices=STATUSES)
    ward.add_argument("--name", help="the name residents see, e.g. BaoQuang24/7")
    ward.add_argument("--hours", help="opening hours (office only)")
    ward.add_argument("--former-unit", help="the former ward or commune this channel belonged to")
    ward.add_argument("--replace", metavar="OLD", help="the old value (or name) of the channel to change")
    ward.set_defaults(run=cmd_ward_channel)

    translations = sub.add_parser("translations", help="every page: translated, missing or outdated")
    translations.add_argument("--markdown", action="store_true",
                              help="only what needs translating, as Markdown (GitHub job summary)")
    translations.set_defaults(run=cmd_translations)

    review = sub.add_parser("review", help="guides past next_review, ward channels not checked for 6 months")
    review.add_argument("--markdown", action="store_true",
                        help="the upkeep report in Markdown, with a link to each file (the weekly issue)")
    review.add_argument("--links", action="store_true", help="with --markdown: also check external links (network)")
    review.add_argument("--registry", action="store_true",
                        help="with --markdown: also ask PyPI for a newer vietnamadminunits (network)")
    review.add_argument("--files-url", default="",
                        help="with --markdown: prefix of the file links, e.g. https://github.com/OWNER/REPO/blob/main/")
    review.set_defaults(run=cmd_review)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = args.root.resolve() if args.root else _project_root(Path.cwd())
    return int(args.run(root, args))


if __name__ == "__main__":
    sys.exit(main())
