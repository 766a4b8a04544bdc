"""Issue 13, property-based: mutate the REAL ward and guide files and run both ``check`` and the build on \
each.

Mutations an editor makes without meaning to: dates (real or impossible), encodings (Windows-1258), a
byte-order mark, duplicate keys, decomposed Unicode, quoting and unquoting, line endings, channel addresses
and phone numbers in every form. For every example:

- no traceback, ever, from the check or the build;
- the check and the build agree (both pass or both fail), and the build shows the check's first message;
- every failure names the file and, for the mutated file, the line;
- every variant that is valid by construction (BOM, CRLF, quoting text, a number of the plan, a page
  address of the right shape) passes both.

The build is the real strict MkDocs build, in-process, on a minimal copy (tests/agreement.py). It is slow
(about a second) when the variant is valid, so the agreement tests draw few examples; the check alone is
twenty times cheaper, so the same mutations go through the check many more times, and the date reader
(handbook/dates.py) on its own a hundred times. HANDBOOK_PROPERTY_EXAMPLES=300 sets every count for a
long run (the weekly upkeep workflow). The seed is fixed (tests/conftest.py): every run draws the same
examples. Each agreement test prints how many cases ran and how many were valid (``pytest -s`` shows it).
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from agreement import check_and_build, minimal_project, run_check
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import ROOT, property_examples
from handbook.dates import parse_date
from handbook.phones import AREA_CODES, MOBILE_PREFIXES, SHORT_CODES

EXAMPLES = property_examples(8)
WARDS = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/wards").glob("*.md")
               if not p.name.endswith(".en.md") and p.name != "index.md")
GUIDES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/guides").glob("*.md")
                if p.name not in ("index.md", "index.en.md"))
# No shrinking: each example is a build of several seconds; a failure is reported as drawn (file + mutation).
SETTINGS = settings(max_examples=EXAMPLES, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
_CHANNEL = ("  - kind: {kind}\n    value: {value}\n    source: Thông báo của UBND phường\n"
            "    checked: 2025-07-01\n    status: unverified\n")


# --- valid and invalid values ---------------------------------------------------------------------

def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=count, max_size=count)


valid_phones = st.one_of(
    st.builds(lambda p, r: p + r, st.sampled_from(sorted(MOBILE_PREFIXES)), _digits(7)),
    st.sampled_from(sorted(AREA_CODES)).flatmap(lambda code: _digits(11 - len(code)).map(lambda r: code + r)),
    st.sampled_from(sorted(SHORT_CODES)),
    st.builds(
        lambda p, r: p + r, st.sampled_from(["1800", "1900"]), st.sampled_from([4, 6]).flatmap(_digits)
    ),
)


@st.composite
def written_phone(draw: st.DrawFn) -> tuple[str, bool | None]:
    """A phone number as an editor may write it in YAML, and whether it is valid (None: unknown)."""
    if draw(st.booleans()):
        digits, valid = draw(valid_phones), True
    else:
        digits, valid = draw(st.text("0123456789", min_size=1, max_size=13)), None
    style = draw(st.sampled_from(["plain", "spaced", "dotted", "plus84", "quoted"]))
    if style == "spaced" and len(digits) > 4:
        text = f"{digits[:4]} {digits[4:7]} {digits[7:]}".strip()
    elif style == "dotted" and len(digits) > 4:
        text = f"{digits[:4]}.{digits[4:]}"
    elif style == "plus84" and digits.startswith("0") and len(digits) >= 10:
        text = "+84 " + digits[1:]
    else:
        text = digits
    return (f'"{text}"' if style == "quoted" else text), valid


@st.composite
def channel_address(draw: st.DrawFn) -> tuple[str, str, bool]:
    """(kind, address, valid by construction)."""
    name = draw(
        st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=5, max_size=20)
    )
    oa = draw(_digits(draw(st.integers(16, 19))).filter(lambda d: d[0] != "0"))  # OA ids are long numbers
    phone = draw(valid_phones.filter(lambda d: d.startswith("0") and len(d) == 10))
    return draw(st.sampled_from([
        ("fanpage", f"https://www.facebook.com/{name}", True),
        ("fanpage", f"https://www.facebook.com/profile.php?id={oa}", False),  # a personal profile
        ("zalo", f"https://zalo.me/{oa}", True),
        ("fanpage", "https://www.facebook.com", False),
        ("fanpage", f"https://web.facebook.com/{name}", False),
        ("fanpage", f"https://m.facebook.com/{name}", False),
        ("fanpage", f"https://fb.com/{name}", False),
        ("fanpage", f"https://www.facebook.com/groups/{oa}", False),
        ("fanpage", f"http://www.facebook.com/{name}", False),
        ("zalo", f"https://zalo.me/{phone}", False),
        ("zalo", f"https://zalo.me/g/{name}", False),
        ("zalo", "https://zalo.me", False),
        ("app", f"https://play.google.com/store/apps/details?id=vn.{name.lower()}", False),  # no app_id
    ]))


# --- mutations ------------------------------------------------------------------------------------

def _front_lines(text: str) -> tuple[list[str], int]:
    """The lines of ``text`` and the index of the closing --- of the front matter."""
    lines = text.split("\n")
    return lines, lines.index("---", 1)


def _scalar_lines(lines: list[str], end: int) -> list[int]:
    return [
        i
        for i in range(1, end)
        if re.match(r"^\s*(- )?[a-z_]+: \S", lines[i]) and not lines[i].lstrip().startswith("#")
    ]


def _insert_channel(text: str, channel: str) -> str:
    lines, end = _front_lines(text)
    for i in range(1, end):
        if re.match(r"^channels:\s*(\[\])?\s*$", lines[i]):
            lines[i] = "channels:\n" + channel.rstrip("\n")
            return "\n".join(lines)
    lines[end] = "channels:\n" + channel.rstrip("\n") + "\n---"
    return "\n".join(lines)


@st.composite
def mutation(draw: st.DrawFn, text: str, ward: bool) -> tuple[str, bytes, bool | None]:
    """(what was done, the new bytes, valid by construction: True / False / None = unknown)."""
    lines, end = _front_lines(text)
    kinds = ["bom", "crlf", "mixed-endings", "nfd-line", "cp1258", "duplicate-key", "date", "quote",
             "unquote", "colon", "phone" if ward else "tel-link", "address" if ward else "placeholder"]
    kind = draw(st.sampled_from(kinds))
    if kind == "bom":
        return kind, b"\xef\xbb\xbf" + text.encode(), True
    if kind == "crlf":
        return kind, text.replace("\n", "\r\n").encode(), True
    if kind == "mixed-endings":
        chosen = draw(st.sets(st.integers(0, len(lines) - 1)))
        return (
            kind,
            "\n".join(
                line + ("\r" if i in chosen and i < len(lines) - 1 else "") for i, line in enumerate(lines)
            ).encode(),
            True,
        )
    if kind == "nfd-line":
        accented = [i for i, line in enumerate(lines) if unicodedata.normalize("NFD", line) != line]
        if not accented:
            return kind, text.encode(), True
        i = draw(st.sampled_from(accented))
        lines[i] = unicodedata.normalize("NFD", lines[i])
        return f"{kind}@{i + 1}", "\n".join(lines).encode(), True  # repaired, with a note (issue 26)
    if kind == "cp1258":
        data = text.encode("cp1258", errors="replace")
        try:
            data.decode("utf-8")
            return kind, data, None
        except UnicodeDecodeError:
            return kind, data, False
    if kind == "duplicate-key":
        top = [i for i in range(1, end) if re.match(r"^[a-z_]+:", lines[i])]
        if not top:
            return kind, text.encode(), True
        i = draw(st.sampled_from(top))
        key = lines[i].split(":")[0]
        lines.insert(end, f"{key}: {draw(st.sampled_from(['x', '1', '2026-01-01', '[]']))}")
        return f"{kind} {key}", "\n".join(lines).encode(), False
    if kind == "date":
        dated = [i for i in range(1, end) if re.match(r"^\s*(checked|last_reviewed|next_review):", lines[i])]
        if not dated:
            return kind, text.encode(), True
        i = draw(st.sampled_from(dated))
        day = f"{draw(st.integers(2019, 2031))}-{draw(st.integers(0, 13)):02d}-{draw(st.integers(0, 32)):02d}"
        lines[i] = lines[i].split(":")[0] + ": " + day
        return f"{kind} {day}", "\n".join(lines).encode(), None
    if kind == "quote":
        scalars = [i for i in _scalar_lines(lines, end) if '"' not in lines[i] and "'" not in lines[i]
                   and not lines[i].rstrip().endswith(("[]", "{}")) and " #" not in lines[i]]
        if not scalars:
            return kind, text.encode(), True
        i = draw(st.sampled_from(scalars))
        key, value = lines[i].split(": ", 1)
        lines[i] = f'{key}: "{value.strip()}"'
        numeric = bool(re.fullmatch(r"-?\d+(\.\d+)?", value.strip()))
        return f"{kind}@{i + 1}", "\n".join(lines).encode(), None if numeric else True
    if kind == "unquote":
        quoted = [i for i in range(1, end) if re.search(r': "[^"]*"\s*$', lines[i])]
        if not quoted:
            return kind, text.encode(), True
        i = draw(st.sampled_from(quoted))
        lines[i] = re.sub(r': "([^"]*)"\s*$', r": \1", lines[i])
        return f"{kind}@{i + 1}", "\n".join(lines).encode(), None
    if kind == "colon":
        scalars = _scalar_lines(lines, end)
        if not scalars:
            return kind, text.encode(), True
        i = draw(st.sampled_from(scalars))
        lines[i] = lines[i] + ": " + draw(st.sampled_from(["mở ứng dụng", "7:00", "x"]))
        return f"{kind}@{i + 1}", "\n".join(lines).encode(), None
    if kind == "phone":
        value, valid = draw(written_phone())
        return (
            f"{kind} {value}",
            _insert_channel(text, _CHANNEL.format(kind="hotline", value=value)).encode(),
            valid,
        )
    if kind == "address":
        channel_kind, url, valid = draw(channel_address())
        return (
            f"{kind} {url}",
            _insert_channel(text, _CHANNEL.format(kind=channel_kind, value=url)).encode(),
            valid,
        )
    if kind == "tel-link":
        value, valid = draw(written_phone())
        target = value.strip('"').replace(" ", "")
        if draw(st.booleans()):
            target, valid = draw(st.sampled_from(["abc-scam", "0912", "+84abc", "19OO1006"])), False
        # A 1900 number is refused without the premium-rate warning beside it (handbook/safety/link_rules.py).
        warning = " (số 1900, người gọi trả cước cao)" if draw(st.booleans()) else ""
        if target.startswith("1900") and not warning:
            valid = False
        return (f"{kind} {target}{warning}",
                (text.rstrip("\n") + f"\n\n[Gọi](tel:{target}){warning}\n").encode(), valid)
    # placeholder
    line = draw(st.sampled_from(["[VIẾT: điều người đọc thấy]", "[WRITE: the task]"]))
    return kind, (text.rstrip("\n") + f"\n\n{line}\n").encode(), False


# --- the property ---------------------------------------------------------------------------------

def _assert_check_verdict(
    name: str, valid: bool | None, check_ok: bool, check_text: str, context: str
) -> None:
    """The check accepts what is valid by construction, refuses what is not, and names the file and line."""
    if valid is True:
        assert check_ok, context
    if valid is False:
        assert not check_ok, context
    if check_ok:
        return
    blocks = re.split(r"\n(?=docs/)", check_text.split("content error(s):\n", 1)[1])
    assert all(
        block.startswith("docs/") and "[vi] Lỗi:" in block and "[en] Error:" in block for block in blocks
    ), context
    label = f"docs/{name}"
    pair = label.removesuffix(".md").removesuffix(".en") + (".md" if label.endswith(".en.md") else ".en.md")
    named = [block for block in blocks if block.startswith((label, pair))]
    assert named, context
    assert any(re.match(r"docs/\S+ \(dòng \d+ / line \d+", block) for block in named), context


def _assert_one_case(name: str, what: str, data: bytes, valid: bool | None, counts: Counter[str]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="hb-property-"))
    try:
        project = minimal_project(folder / "project", {name: data})
        outcome = check_and_build(project, folder / "site")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    context = (
        f"{name} after {what}:\n--- check ---\n{outcome.check_text}\n--- build "
        f"---\n{outcome.build_text[-3000:]}"
    )
    assert not outcome.check_traceback, outcome.check_traceback
    assert not outcome.build_traceback and "Traceback" not in outcome.build_text, outcome.build_traceback
    assert outcome.agree, context
    counts["cases"] += 1
    counts["passed" if outcome.check_ok else "refused"] += 1
    if not outcome.check_ok:
        first = outcome.check_text.split("content error(s):\n", 1)[1].split("\n")[0]
        assert first in outcome.build_text, context  # the build shows the check's first message
    _assert_check_verdict(name, valid, outcome.check_ok, outcome.check_text, context)


def _run(files: list[str], ward: bool, label: str) -> None:
    counts: Counter[str] = Counter()

    @SETTINGS
    @given(data=st.data())
    def case(data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(files), label="file")
        what, mutated, valid = data.draw(mutation((ROOT / "docs" / name).read_text(encoding="utf-8"), ward),
                                         label="mutation")
        _assert_one_case(name, what, mutated, valid, counts)

    case()
    print(f"\n{label}: {counts['cases']} cases through check and the build "
          f"({counts['passed']} valid, {counts['refused']} refused)")
    assert counts["cases"] >= min(EXAMPLES, 1)


def test_mutated_ward_files_never_crash_and_check_and_build_agree() -> None:
    _run(WARDS, True, "ward files")


def test_mutated_guides_never_crash_and_check_and_build_agree() -> None:
    _run(GUIDES, False, "guides")


@settings(max_examples=property_examples(60), phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_files_never_crash_the_check_and_get_the_right_verdict(data: st.DataObject) -> None:
    """The same mutations through ``check`` alone (no build: about 50 ms an example instead of a second)."""
    ward = data.draw(st.booleans(), label="ward")
    name = data.draw(st.sampled_from(WARDS if ward else GUIDES), label="file")
    what, mutated, valid = data.draw(mutation((ROOT / "docs" / name).read_text(encoding="utf-8"), ward),
                                     label="mutation")
    folder = Path(tempfile.mkdtemp(prefix="hb-property-check-"))
    try:
        check_ok, check_text, crash = run_check(minimal_project(folder / "project", {name: mutated}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert not crash, f"{name} after {what}:\n{crash}"
    _assert_check_verdict(name, valid, check_ok, check_text, f"{name} after {what}:\n{check_text}")


@given(st.integers(-1, 10_000), st.integers(-1, 99), st.integers(-1, 99), st.booleans())
def test_any_year_month_day_is_read_as_that_day_or_explained(
    year: int, month: int, day: int, padded: bool
) -> None:
    """What an editor types as a date (months 0 and 13, day 0 and 32, year 0 included): the day it names
    when that day exists, else a reason in both languages that quotes what was typed; never an exception."""
    text = f"{year:04d}-{month:02d}-{day:02d}" if padded else f"{year:04d}-{month}-{day}"
    try:
        expected: datetime.date | None = datetime.date(year, month, day) if 0 <= year <= 9999 else None
    except ValueError:
        expected = None
    got, why_vi, why_en = parse_date(text)
    assert got == expected, text
    if expected is None:
        assert text in why_vi and text in why_en, (why_vi, why_en)
    else:
        assert why_vi == why_en == ""
