"""scripts/handbook: công cụ dòng lệnh cho người biên tập / the editors' and maintainers' command line.

    scripts/handbook check                    kiểm tra mọi nội dung, như khi dựng trang / every content \
check the build runs
    scripts/handbook fix [FILE ...]           sửa những gì sửa được tự động (dấu rời, ký tự vô hình, ngoặc \
cong, mã theo dõi) / write the safe repairs to the files
    scripts/handbook new-guide SLUG --title ... --translated-title ... --category ...
    scripts/handbook ward-channel WARD KIND VALUE --source ... --status ...
    scripts/handbook units TÊN/NAME            tìm phường, xã: mã, tên cũ, tỉnh / find a unit: code, old names
    scripts/handbook new-area ĐƠN_VỊ/UNIT [--province X] [--clean]   sổ tay cho địa bàn khác / another area
    scripts/handbook translations             trang và chữ giao diện chưa dịch / pages and interface \
text not translated
    scripts/handbook review                   việc cần xem lại / guides and ward channels due for review
    scripts/handbook review --markdown --links --registry   báo cáo hằng tuần / the weekly upkeep report \
(an issue on GitHub)

Only argument parsing and printing live here; each sub-command calls one module of handbook/.
Help and messages are in Vietnamese first, then English, like every message editors see.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from handbook.dates import today_vn
from handbook.errors import ContentError, ContentErrors
from handbook.guides.guide_files import CATEGORIES
from handbook.lang import Languages, project_languages
from handbook.wards.ward_files import KINDS, STATUSES


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
    from handbook.maintain.checks import check_content

    started = time.monotonic()
    result = check_content(root, args.today)
    for note in result.notes:
        print(note.message())
    seconds = time.monotonic() - started
    if result.errors:
        if args.github:  # one annotation per problem, on its file and line (GitHub Actions)
            from handbook.maintain.annotations import github_annotations

            print(github_annotations(result.errors), end="")
        return _print_errors(ContentErrors(result.errors))
    print(f"Không có lỗi / No problems: {result.pages} trang / pages ({seconds:.1f} s).")
    return 0


def cmd_fix(root: Path, args: argparse.Namespace) -> int:
    from handbook.maintain.fix import fix_files

    fixed, errors = fix_files(root, args.files)
    for item in fixed:
        print(f"Đã sửa / Fixed {item.file}")
        for note in item.notes:
            print(f"  {note.vi}\n  {note.en}")
        if item.removed_invisible:
            print(f"  đã xóa {item.removed_invisible} ký tự vô hình / removed {item.removed_invisible} "
                  "invisible character(s)")
        if item.removed_tracking:
            print(f"  đã bỏ mã theo dõi ở {item.removed_tracking} địa chỉ / removed tracking parameters from "
                  f"{item.removed_tracking} address(es)")
    print(f"{len(fixed)} tệp đã sửa / file(s) fixed. Chạy tiếp / next: scripts/handbook check")
    return _print_errors(ContentErrors(errors)) if errors else 0


def cmd_new_guide(root: Path, args: argparse.Namespace) -> int:
    from handbook.maintain.scaffold import create_guide

    try:
        paths = create_guide(root / "docs", args.slug, args.title, args.translated_title, args.category,
                             args.today, args.steps)
    except (ContentError, ContentErrors) as error:
        return _print_errors(error)
    for path in paths:
        print(f"Đã tạo / Created {path.relative_to(root).as_posix()}")
    print("Việc tiếp theo: thay các chỗ «[VIẾT: …]» và «[WRITE: …]», rồi chạy scripts/handbook check.\n"
          "Next: replace every '[VIẾT: …]' and '[WRITE: …]', then run scripts/handbook check.")
    return 0


def cmd_ward_channel(root: Path, args: argparse.Namespace) -> int:
    from handbook.maintain.checks import ward_registry
    from handbook.wards.ward_edit import ChannelChange, set_channel

    change = ChannelChange(args.kind, args.value, args.source, args.status, args.name, args.hours,
                           args.former_unit, args.replace, args.app_id)
    try:
        action = set_channel(root / "docs", ward_registry(root), args.ward, change, args.today)
    except (ContentError, ContentErrors) as error:
        return _print_errors(error)
    words = {"added": "Đã thêm / Added", "updated": "Đã cập nhật / Updated"}[action]
    print(
        f"{words}: {args.kind} {args.value} → docs/wards/{args.ward}.md (checked: {args.today.isoformat()})"
    )
    return 0


def cmd_units(root: Path, args: argparse.Namespace) -> int:
    from handbook.maintain.new_area import closest, find_units, former_line, unit_line
    from handbook.wards.registry import load_registry

    registry = load_registry("country")
    units, formers = find_units(args.text)
    for unit in units:
        print(unit_line(unit, registry))
    for former in formers:
        print(former_line(former, registry))
    if not units and not formers:
        near = closest(args.text)
        print(f"Không tìm thấy «{args.text}» / Nothing matches '{args.text}'." +
              ("\nGần nhất / Closest:\n  " + "\n  ".join(near) if near else ""), file=sys.stderr)
        return 1
    return 0


def cmd_new_area(root: Path, args: argparse.Namespace) -> int:
    from handbook.maintain.new_area import choose, make_new_area

    if not args.unit and not args.province:
        print("Cho biết đơn vị hoặc --province / Give a unit or --province.", file=sys.stderr)
        return 2
    try:
        done = make_new_area(root, choose(args.unit, args.province), args.clean)
    except ContentError as error:
        return _print_errors(error)
    choice = done.choice
    print(f"Địa bàn mới / New area: {choice.name} ({choice.scope}, {choice.province_name})")
    print("Đã viết / Written: docs/area.yml, site_name trong / in mkdocs.yml")
    where = "đã xóa / deleted" if done.archive is None else \
        f"chuyển vào / moved to {done.archive.relative_to(root).as_posix()}/"
    for path in done.moved:
        print(f"  {path}: {where}")
    print("Việc còn lại: tìm các dữ kiện sau, ghi vào docs/area.yml kèm nguồn, rồi chạy "
          "scripts/handbook check.\nStill to find: the facts below, each with its source, in docs/area.yml; "
          "then run scripts/handbook check.")
    for item in done.to_find:
        print(f"  - {item}")
    return 0


def cmd_translations(root: Path, args: argparse.Namespace) -> int:
    from handbook.maintain.history import last_changes
    from handbook.maintain.translations import STATUSES as TRANSLATION_STATUSES
    from handbook.maintain.translations import status_text, translation_report

    languages = project_languages(root)
    changes = last_changes(root / "docs")
    report = translation_report(root / "docs", changes, languages)
    if args.markdown:  # the short summary a pull request shows (GitHub Actions job summary)
        from handbook.maintain.annotations import translation_summary

        print(translation_summary(report, changes is not None, languages), end="")
        return 0
    if changes is None:
        print("Không có lịch sử git: không biết bản dịch nào cũ / "
              "No git history: outdated translations cannot be found.")
    order = {status: index for index, status in enumerate(TRANSLATION_STATUSES)}
    for item in sorted(report, key=lambda item: (order[item.status], item.page)):
        words = " / ".join(status_text(item, lang) for lang in languages.codes)
        print(f"{item.status:<10}  docs/{item.page} → docs/{item.path}  ({words})")
    counts = {status: sum(1 for item in report if item.status == status) for status in TRANSLATION_STATUSES}
    print(
        f"{len(report)} trang / pages: " + ", ".join(f"{count} {status}" for status, count in counts.items())
    )
    _print_catalogues(languages)
    return 0


def _print_catalogues(languages: Languages) -> None:
    """Each language's interface-text lines readers still get in another language."""
    from handbook.maintain.translations import catalogue_status, line_state

    for status in catalogue_status(languages):
        print(f"\nhandbook/messages/{status.lang}.yml: {len(status.lines)}/{status.total} dòng chưa dịch / "
              "lines not translated")
        if status.mostly_fallback:
            print("  Hơn một nửa giao diện chưa dịch / more than half of the interface is not translated")
        for key, line in sorted(status.lines.items()):
            why = " / ".join(line_state(line, languages, code) for code in (languages.default, status.lang))
            print(f"  {line.state:<8}  {key}  ({why})")


def cmd_review(root: Path, args: argparse.Namespace) -> int:
    from handbook.dates import format_date
    from handbook.maintain.checks import ward_registry
    from handbook.maintain.reviews import REVIEW_MONTHS, overdue_guides, stale_channels

    default = project_languages(root).default  # dates as the site's default language writes them

    guides = overdue_guides(root / "docs", args.today)
    if args.markdown:
        return _review_markdown(root, args, guides)
    print(f"Hướng dẫn quá hạn xem lại / Guides past their review date: {len(guides)}")
    for due in guides:
        print(f"  {due.file} ({due.where}: {format_date(due.due, default)}) {due.what}")
    try:
        channels = stale_channels(root / "docs", ward_registry(root), args.today)
    except (ContentError, ContentErrors) as error:
        print("Không đọc được tệp phường; chạy scripts/handbook check / "
              "Ward files cannot be read; run scripts/handbook check.", file=sys.stderr)
        return _print_errors(error)
    print(f"Kênh của phường chưa kiểm tra lại sau {REVIEW_MONTHS} tháng / "
          f"Ward channels not checked for {REVIEW_MONTHS} months: {len(channels)}")
    for due in channels:
        print(
            f"  {due.file} ({due.where}, quá hạn từ / due since {format_date(due.due, default)}) {due.what}"
        )
    return 0


def _review_markdown(root: Path, args: argparse.Namespace, guides: list[Any]) -> int:
    """The upkeep report in Markdown (the weekly workflow posts it as one issue)."""
    from handbook.maintain.checks import ward_registry
    from handbook.maintain.reviews import link_problems, registry_update, review_markdown, stale_channels

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
    parser = _Parser(prog="scripts/handbook", description=__doc__.split("\n\n")[0],
                     formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False,
                     epilog="Ví dụ / Example: scripts/handbook check")
    _help(parser)
    parser.add_argument(
        "--root",
        type=Path,
        metavar="THƯ_MỤC/FOLDER",
        help="thư mục dự án (mặc định: tìm từ đây lên) / the project folder (default: found from here)",
    )
    parser.add_argument("--today", type=date.fromisoformat, default=today_vn(), help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH/COMMAND", parser_class=_Parser,
                                title="lệnh / commands")

    def command(name: str, vi: str, en: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, help=f"{vi} / {en}", description=f"{vi}.\n{en}.", add_help=False,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
        _help(parser)
        return parser

    check = command("check", "kiểm tra mọi nội dung đúng như khi dựng trang, không dựng trang",
                    "every content check the build runs, without building the site")
    check.add_argument("--github", action="store_true",
                       help="in thêm mỗi lỗi thành chú thích GitHub Actions / also print each problem as a "
                            "GitHub Actions annotation (::error file=…,line=…::)")
    check.set_defaults(run=cmd_check)

    fix = command("fix", "sửa trong tệp những gì sổ tay sửa được tự động (giữ kiểu xuống dòng và BOM)",
                  "write the safe repairs to the files (line endings and BOM kept)")
    fix.add_argument("files", nargs="*", metavar="TỆP/FILE",
                     help="tệp cần sửa (mặc định: mọi tệp trong docs/) / "
                          "files to fix (default: all of docs/)")
    fix.set_defaults(run=cmd_fix)

    guide = command("new-guide", "tạo docs/guides/SLUG.md và các bản dịch từ mẫu",
                    "create docs/guides/SLUG.md and its translations from the templates")
    guide.add_argument(
        "slug", help="tên tệp không có .md, ví dụ dong-tien-dien / file name without .md, e.g. dong-tien-dien"
    )
    guide.add_argument("--title", "--title-vi", dest="title", required=True,
                       help="tên bằng ngôn ngữ chính của trang / the title in the site's main language")
    guide.add_argument("--translated-title", "--title-en", dest="translated_title", required=True,
                       help="tên trong các bản dịch (người dịch sửa lại) / "
                            "the title in the translations (translators rewrite it)")
    guide.add_argument("--category", required=True, choices=list(CATEGORIES), help="nhóm / category")
    guide.add_argument(
        "--steps", type=_steps, default=3, help="số bước (mặc định 3) / how many steps (default 3)"
    )
    guide.set_defaults(run=cmd_new_guide)

    ward = command("ward-channel", "thêm hoặc cập nhật một kênh của phường (checked: hôm nay)",
                   "add or update a channel of a ward (checked: today)")
    ward.add_argument(
        "ward", help="tên tệp phường không có .md, ví dụ bao-vinh / the ward file name without .md"
    )
    ward.add_argument("kind", choices=KINDS, help="loại kênh / channel kind")
    ward.add_argument("value", help="địa chỉ web, số điện thoại, e-mail hoặc địa chỉ trụ sở / "
                                    "the address, phone number, e-mail or office address")
    ward.add_argument(
        "--source",
        required=True,
        help="nơi đã kiểm tra: tên văn bản hoặc địa chỉ https / "
        "where it was checked: a document name or https address",
    )
    ward.add_argument("--status", required=True, choices=STATUSES, help="mức xác minh / how it was verified")
    ward.add_argument("--name", help="tên người dân thấy, ví dụ BaoQuang24/7 / the name residents see")
    ward.add_argument("--hours", help="giờ làm việc (chỉ trụ sở) / opening hours (office only)")
    ward.add_argument(
        "--former-unit", help="phường, xã cũ của kênh này / the former ward or commune of this channel"
    )
    ward.add_argument("--replace", metavar="CŨ/OLD", help="giá trị (hoặc tên) cũ của kênh cần đổi / "
                                                        "the old value (or name) of the channel to change")
    ward.add_argument("--app-id", help="chỉ với app: mã ứng dụng trong liên kết cửa hàng / "
                                       "app only: the app id the store link names")
    ward.set_defaults(run=cmd_ward_channel)

    units = command("units", "tìm phường, xã theo mã hoặc tên (có dấu hay không, cả tên cũ trước 2025)",
                    "find communes and wards by code or name (accents optional, old names too)")
    units.add_argument("text", help="mã hoặc tên, ví dụ «Bảo Vinh» hoặc «bao vinh, dong nai» / "
                                    "a code or name")
    units.set_defaults(run=cmd_units)

    area = command("new-area", "bắt đầu sổ tay cho một địa bàn khác: viết docs/area.yml mới",
                   "start the handbook for another area: write a new docs/area.yml")
    area.add_argument("unit", nargs="?", help="mã hoặc tên phường, xã (cả tên cũ), hoặc district:<mã>, "
                                              "province:<mã> / a unit's code or name, or a scope")
    area.add_argument("--province", help="cả một tỉnh, theo mã hoặc tên / a whole province, by code or name")
    area.add_argument("--clean", action="store_true",
                      help="xóa tệp của địa bàn cũ thay vì chuyển vào archive/ / "
                           "delete the previous area's files instead of archiving")
    area.set_defaults(run=cmd_new_area)

    translations = command(
        "translations",
        "mỗi trang: đã dịch, thiếu bản dịch hay bản dịch cũ; các dòng chữ giao diện chưa dịch",
        "every page: translated, missing or outdated; the interface-text lines not translated")
    translations.add_argument(
        "--markdown",
        action="store_true",
        help="chỉ những gì cần dịch, dạng Markdown / only what needs translating, as Markdown "
        "(GitHub job summary)",
    )
    translations.set_defaults(run=cmd_translations)

    review = command("review", "hướng dẫn quá hạn xem lại, kênh phường chưa kiểm tra 6 tháng",
                     "guides past next_review, ward channels not checked for 6 months")
    review.add_argument(
        "--markdown",
        action="store_true",
        help="báo cáo dạng Markdown, có liên kết tới từng tệp / the upkeep report in Markdown, "
        "with a link to each file (the weekly issue)",
    )
    review.add_argument(
        "--links",
        action="store_true",
        help="với --markdown: kiểm tra cả liên kết ngoài (cần mạng) / with --markdown: also check "
        "external links (network)",
    )
    review.add_argument("--registry", action="store_true",
                        help="với --markdown: hỏi PyPI có vietnamadminunits mới hơn không (cần mạng) / with "
                             "--markdown: also ask PyPI for a newer vietnamadminunits (network)")
    review.add_argument(
        "--files-url",
        default="",
        help="với --markdown: đầu địa chỉ liên kết tới tệp / with --markdown: prefix of the file "
        "links, e.g. https://github.com/OWNER/REPO/blob/main/",
    )
    review.set_defaults(run=cmd_review)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Vietnamese and English (usage, errors)."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng / usage:", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "Cách dùng / usage:", 1)
        return text.replace("positional arguments:", "tham số / arguments:").replace(
            "options:", "tùy chọn / options:"
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        words = {"the following arguments are required": "thiếu tham số bắt buộc",
                 "invalid choice": "lựa chọn không có", "unrecognized arguments": "tham số không hiểu"}
        vi = next((vi for en, vi in words.items() if en in message), "lệnh viết sai")
        self.exit(2, f"{self.prog}: Lỗi: {vi} — Error: {message}\n"
                     f"Xem / See: {self.prog} --help\n")


def _help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này / show this help")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = args.root.resolve() if args.root else _project_root(Path.cwd())
    return int(args.run(root, args))


if __name__ == "__main__":
    sys.exit(main())
