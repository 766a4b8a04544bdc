"""Add or update one channel in a ward file's front matter (``scripts/handbook ward-channel``).

The file is edited in place with a round-trip YAML reader, so the comments and the layout editors
wrote stay as they were. The result is checked with the ward rules (handbook/wards/ward_files.py) before it
is kept: a rejected change leaves the files as they were. The file keeps its line endings (a file saved
on Windows with CRLF stays CRLF, so the change is a few lines in a diff, not the whole file) and its
byte-order mark if it had one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import BOM, decode_content
from handbook.lang import project_languages
from handbook.maintain.scaffold import fill_template
from handbook.phones import PhoneError, parse_phone
from handbook.wards.registry import Registry
from handbook.wards.ward_files import CHANNEL_KEYS, WardFile, load_ward_dir, split_front_matter
from handbook.wards.ward_site import WardSite


@dataclass(frozen=True)
class ChannelChange:
    """What an editor asks for; ``None`` fields are left as they are."""

    kind: str
    value: str
    source: str
    status: str
    name: str | None = None
    hours: str | None = None
    former_unit: str | None = None
    replace: str | None = None  # the old value (or name) of the channel to change
    app_id: str | None = None  # app only: the store id the link names


def _comparable(kind: str, value: object) -> str:
    """A form in which two ways of writing the same channel are equal."""
    if kind == "hotline":
        try:
            return parse_phone(value).digits
        except PhoneError:
            pass
    return str(value).strip().casefold().rstrip("/")


def _stored_value(kind: str, value: str) -> str:
    """Phone numbers are stored as they are shown on the site ("1900 1006"): plain text in YAML."""
    if kind == "hotline":
        try:
            return parse_phone(value).display
        except PhoneError:
            return value  # the ward rules explain what is wrong with it
    return value


def _find(channels: CommentedSeq, change: ChannelChange) -> int | None:
    """Index of the channel ``change`` updates, or ``None`` to add a new one."""
    same_kind = [(index, item) for index, item in enumerate(channels)
                 if isinstance(item, dict) and item.get("kind") == change.kind]
    wanted = _comparable(change.kind, change.replace if change.replace is not None else change.value)
    for index, item in same_kind:
        if item.get("value") is not None and _comparable(change.kind, item["value"]) == wanted:
            return index
    for index, item in same_kind:
        name = item.get("name")
        if name is not None and str(name).strip() in (change.replace, change.name):
            return index
    return None


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _languages(docs_dir: Path) -> tuple[str, ...]:
    """The project's other languages: a ward's file may be translated into them (a docs folder without
    its mkdocs.yml: those of its ward directory)."""
    if not (docs_dir.parent / "mkdocs.yml").is_file():
        return ()
    return project_languages(docs_dir.parent).translations


def _new_ward_files(docs_dir: Path, registry: Registry, slug: str) -> dict[Path, str]:
    """Texts of the files of a ward whose page is generated from the registry (no file yet): the original and
    one per language the ward directory is translated into (``wards/index.<lang>.md``)."""
    files: dict[str, WardFile] = {}
    try:
        files = load_ward_dir(docs_dir / "wards", registry, languages=_languages(docs_dir))
    except ContentErrors:
        pass
    site = WardSite(registry, files)
    page = site.by_slug.get(slug)
    if page is None:
        known = ", ".join(sorted(site.by_slug))
        now = next((redirect.target for redirect in site.redirects if redirect.slug == slug), None)
        hint_vi = f" Nơi này nay thuộc {now.unit.name}: dùng «{now.slug}»." if now else ""
        hint_en = f" It is now part of {now.unit.name}: use '{now.slug}'." if now else ""
        raise ContentError(
            f"docs/wards/{slug}.md", "tên phường / ward name",
            f"Không có phường nào mang tên tệp «{slug}».{hint_vi}", f"Dùng một trong: {known}.",
            f"No ward has the file name '{slug}'.{hint_en}", f"Use one of: {known}.")
    folder = docs_dir / "wards"
    values = {"ward_name": page.unit.name, "code": page.unit.code, "slug": slug}
    files_by_path = {folder / f"{slug}.md": fill_template("ward.md", **values)}
    translation = fill_template("ward-translation.md", **values)
    for index in sorted(folder.glob("index.*.md")):
        files_by_path[folder / f"{slug}.{index.name.split('.')[1]}.md"] = translation
    return files_by_path


def set_channel(docs_dir: Path, registry: Registry, slug: str, change: ChannelChange, today: date) -> str:
    """Add or update a channel of ward ``slug``, with ``checked`` set to ``today``.

    Returns "added" or "updated". Raises :class:`ContentError` / :class:`ContentErrors` (files
    unchanged) when the ward does not exist or the ward rules reject the result.
    """
    path = docs_dir / "wards" / f"{slug}.md"
    label = f"docs/wards/{slug}.md"
    created = {} if path.exists() else _new_ward_files(docs_dir, registry, slug)
    raw = path.read_bytes() if path.exists() else b""
    newline = "\r\n" if b"\r\n" in raw else "\n"
    bom = BOM if raw.startswith(b"\xef\xbb\xbf") else ""
    original = created.get(path) or decode_content(raw, label)[0].replace("\r\n", "\n")
    # A file the ward rules cannot read is reported as it is, before anything changes.
    _, body, _ = split_front_matter(original, label)
    head = original[: len(original) - len(body)].rstrip("\n").split("\n")  # "---", the YAML lines, "---"
    yaml = _yaml()
    try:
        meta = yaml.load("\n".join(head[1:-1]) + "\n") or CommentedMap()
    except Exception as error:
        try:
            load_ward_dir(docs_dir / "wards", registry, today, languages=_languages(docs_dir))
        except ContentErrors as problems:
            mine = [problem for problem in problems.errors if problem.file == label]
            if mine:
                raise ContentErrors(mine) from error
        raise ContentError(
            label, "front matter", "không sửa được tệp này tự động.",
            "chạy scripts/handbook check, sửa các lỗi nó báo trong tệp, rồi chạy lại lệnh này.",
            "this file cannot be edited automatically.",
            "run scripts/handbook check, fix what it reports in the file, then run this command again.",
        ) from error
    channels = meta.get("channels")
    if not isinstance(channels, CommentedSeq):
        channels = CommentedSeq()
        meta["channels"] = channels
    channels.fa.set_block_style()
    index = _find(channels, change)
    if change.replace is not None and index is None:
        raise ContentError(
            label, "channels", f"Không có kênh {change.kind} nào là «{change.replace}».",
            "Kiểm tra giá trị cũ sau --replace (chép đúng như trong tệp).",
            f"There is no {change.kind} channel '{change.replace}'.",
            "Check the old value after --replace (copy it exactly as in the file).")
    channel = channels[index] if index is not None else CommentedMap()
    updates = {"kind": change.kind, "value": _stored_value(change.kind, change.value), "name": change.name,
               "hours": change.hours, "former_unit": change.former_unit, "source": change.source,
               "checked": today, "status": change.status, "app_id": change.app_id}
    for key in CHANNEL_KEYS:  # keys keep their place; a new key goes after the keys that come before it
        if updates[key] is None:
            continue
        if key in channel:
            channel[key] = updates[key]
        else:
            before = CHANNEL_KEYS[:CHANNEL_KEYS.index(key)]
            channel.insert(sum(1 for existing in channel if existing in before), key, updates[key])
    if index is None:
        channels.append(channel)
    stream = io.StringIO()
    yaml.dump(meta, stream)
    text = bom + f"---\n{stream.getvalue()}---\n{body}".replace("\n", newline)

    backups = {p: (p.read_bytes() if p.exists() else None) for p in [path, *created]}
    for new_path, new_text in created.items():
        new_path.write_bytes(new_text.encode("utf-8"))
    path.write_bytes(text.encode("utf-8"))
    try:
        load_ward_dir(docs_dir / "wards", registry, today, languages=_languages(docs_dir))
    except ContentErrors as problems:
        mine = [  # the ward's own files: <slug>.md and its translations <slug>.<lang>.md
            error for error in problems.errors
            if error.file == label or error.file.startswith(label.removesuffix(".md") + ".")
        ]
        if mine:
            for old_path, old_text in backups.items():
                if old_text is None:
                    old_path.unlink()
                else:
                    old_path.write_bytes(old_text)
            raise ContentErrors(mine) from problems
    return "updated" if index is not None else "added"
