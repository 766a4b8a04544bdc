"""Which ward pages and old-address redirects the site has, and at which address (slug).

- Every current unit in the registry's scope gets a page: from its ward file when there is one
  (the file name is the slug), otherwise a page generated from the registry alone.
- Slugs come from the accent-free name ("Bảo Vinh" -> ``bao-vinh``). A name shared by several units
  in scope gets the province added (``long-khanh-dong-thap``), then the type, then the code.
- Every former unit gets a redirect from its old address (``bao-quang`` -> ``bao-vinh``) unless a
  current page already uses that address or the old name is ambiguous in scope.
- The directory: one page (``wards/``) when the scope is one province; when it spans several, ``wards/``
  lists the provinces and each province has its own directory page (``wards/tinh/dong-nai/``), so no
  page grows with the whole country (3,321 wards and their old names were a 4 MB page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from handbook.slugs import fold_vietnamese, slugify
from handbook.wards.registry import FormerUnit, Registry, Unit
from handbook.wards.ward_files import WardFile

PROVINCE_FOLDER = "tinh"  # wards/tinh/<province>/: the province directory pages ("tỉnh" = province)
RESERVED_SLUGS = frozenset({"index", PROVINCE_FOLDER})


@dataclass(frozen=True)
class WardPage:
    """One current unit's page."""

    unit: Unit
    slug: str
    file: WardFile | None  # None: generated from the registry

    @property
    def src_uri(self) -> str:
        return f"wards/{self.slug}.md"


@dataclass(frozen=True)
class Redirect:
    """An old ward address that sends readers to the page of the ward it is now part of."""

    slug: str
    former: FormerUnit
    target: WardPage


@dataclass(frozen=True)
class ProvinceDirectory:
    """The directory page of one province: its current units and the former units now part of them."""

    code: str
    name: str  # "Tỉnh Đồng Nai"
    short: str  # "Đồng Nai"
    slug: str  # "dong-nai"
    pages: tuple[WardPage, ...]
    former: tuple[FormerUnit, ...]

    @property
    def src_uri(self) -> str:
        return f"wards/{PROVINCE_FOLDER}/{self.slug}.md"


class WardSite:
    """The ward pages, their slugs and the redirects, for one registry scope."""

    def __init__(self, registry: Registry, files: dict[str, WardFile]) -> None:
        self.registry = registry
        by_code_file = {ward.code: ward for ward in files.values()}
        taken = set(files) | RESERVED_SLUGS
        generated = [unit for unit in registry.units if unit.code not in by_code_file]
        slugs = _unique_slugs(generated, taken)
        pages = [WardPage(registry.all_units[ward.code], ward.slug, ward) for ward in files.values()]
        pages += [WardPage(unit, slugs[unit.code], None) for unit in generated]
        order = {unit.code: index for index, unit in enumerate(registry.units)}
        self.pages: tuple[WardPage, ...] = tuple(sorted(pages, key=lambda page: order[page.unit.code]))
        self.by_code = {page.unit.code: page for page in self.pages}
        self.by_slug = {page.slug: page for page in self.pages}
        self.redirects = self._redirects()

    def former_of(self, page: WardPage) -> tuple[FormerUnit, ...]:
        return self.registry.former_of(page.unit.code)

    def successors(self, former: FormerUnit) -> tuple[WardPage, ...]:
        return tuple(self.by_code[code] for code in former.successors if code in self.by_code)

    @cached_property
    def provinces(self) -> tuple[ProvinceDirectory, ...]:
        """One directory per province when the pages span several provinces; none for one province."""
        return _province_directories(self)

    def _redirects(self) -> tuple[Redirect, ...]:
        by_slug: dict[str, list[FormerUnit]] = {}
        for former in self.registry.former:
            by_slug.setdefault(slugify(former.short_name), []).append(former)
        redirects = []
        for slug, formers in sorted(by_slug.items()):
            if slug in self.by_slug or slug in RESERVED_SLUGS or not slug:
                continue
            targets = {former.successors[0] for former in formers}
            if len(targets) != 1 or next(iter(targets)) not in self.by_code:
                continue  # ambiguous old name: the directory lists each one with its province
            redirects.append(Redirect(slug, formers[0], self.by_code[next(iter(targets))]))
        return tuple(redirects)


def _unique_slugs(units: Iterable[Unit], taken: set[str]) -> dict[str, str]:
    """A slug per unit code, unique among ``units`` and not in ``taken``."""
    steps: tuple[Callable[[Unit], str], ...] = (
        lambda u: slugify(u.short_name),
        lambda u: f"{slugify(u.short_name)}-{slugify(u.province_short)}",
        lambda u: f"{slugify(u.kind)}-{slugify(u.short_name)}-{slugify(u.province_short)}",
        lambda u: f"{slugify(u.short_name)}-{u.code}",
    )
    result: dict[str, str] = {}
    pending = list(units)
    for step in steps:
        counts = Counter(step(unit) for unit in pending)
        still = []
        for unit in pending:
            slug = step(unit)
            if counts[slug] == 1 and slug not in taken:
                result[unit.code] = slug
                taken.add(slug)
            else:
                still.append(unit)
        pending = still
    for unit in pending:  # codes are unique, so this never happens with real data
        raise RuntimeError(f"no unique slug for {unit.name} ({unit.code})")
    return result


def _province_directories(site: WardSite) -> tuple[ProvinceDirectory, ...]:
    pages: dict[str, list[WardPage]] = {}
    for page in site.pages:
        pages.setdefault(page.unit.province_code, []).append(page)
    if len(pages) < 2:
        return ()
    former: dict[str, list[FormerUnit]] = {code: [] for code in pages}
    for unit in site.registry.former:
        # Listed in each province it is now part of (an old unit split across a new border: both).
        for code in dict.fromkeys(page.unit.province_code for page in site.successors(unit)):
            former[code].append(unit)
    units = {code: group[0].unit for code, group in pages.items()}
    slugs = {code: slugify(unit.province_short) for code, unit in units.items()}
    if len(set(slugs.values())) != len(slugs):  # never with real data; codes keep slugs unique anyway
        slugs = {code: f"{slug}-{code}" for code, slug in slugs.items()}
    order = sorted(pages, key=lambda code: fold_vietnamese(units[code].province_short))
    return tuple(
        ProvinceDirectory(
            code,
            units[code].province_name,
            units[code].province_short,
            slugs[code],
            tuple(pages[code]),
            tuple(former[code]),
        )
        for code in order
    )
