"""Supply chain (issue 9): the declared dependencies, the hashed lock and the installed packages agree,
and every install goes through ``pip install --require-hashes``."""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)")
_HASH = re.compile(r"--hash=sha256:([0-9a-f]+)")


def declared() -> dict[str, str]:
    """requirements.in: name -> pinned version (every line must be an exact pin)."""
    pins: dict[str, str] = {}
    for number, raw in enumerate(
        (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines(), start=1
    ):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _ENTRY.match(line)
        assert match, f"requirements.in line {number}: '{line}' is not pinned with == (pin everything)"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock: name -> (version, hashes)."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current: str | None = None
    for number, line in enumerate(
        (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines(), start=1
    ):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            match = _ENTRY.match(line)
            assert match, f"requirements.lock line {number}: '{line}' is not 'name==version'"
            current = canonicalize_name(match.group(1))
            entries[current] = (match.group(2), [])
        else:
            assert current is not None, f"requirements.lock line {number}: a hash before any package"
            hashes = _HASH.findall(line)
            assert hashes, f"requirements.lock line {number}: '{line.strip()}' is not a --hash=sha256:… line"
            entries[current][1].extend(hashes)
    return entries


def test_every_declared_pin_is_locked_with_the_same_version() -> None:
    lock = locked()
    for name, version in declared().items():
        assert name in lock, f"{name} is in requirements.in but not in requirements.lock: regenerate the lock"
        assert lock[name][0] == version, (
            f"{name}: requirements.in pins {version}, requirements.lock has {lock[name][0]}: regenerate the "
            "lock"
        )


def test_every_lock_entry_has_sha256_hashes() -> None:
    lock = locked()
    assert len(lock) >= len(declared())
    for name, (version, hashes) in lock.items():
        assert hashes, f"{name}=={version} in requirements.lock has no --hash"
        assert all(len(digest) == 64 for digest in hashes), f"{name}: a sha256 hash is 64 hex digits"


def test_the_lock_is_complete_and_is_what_is_installed() -> None:
    """pip runs with --no-deps: every dependency of a locked package must itself be locked, and the
    environment the tests run in must be exactly the lock (scripts/setup-env reinstalls on change)."""
    lock = locked()
    for name, (version, _) in lock.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            raise AssertionError(f"{name} is locked but not installed: run scripts/setup-env") from None
        assert installed == version, f"{name}: installed {installed}, locked {version}: run scripts/setup-env"
        for requirement in metadata.requires(name) or []:
            needed = Requirement(requirement)
            if needed.marker is not None and not needed.marker.evaluate({"extra": ""}):
                continue
            assert canonicalize_name(needed.name) in lock, (
                f"{name} needs {needed.name}, which is not in requirements.lock (installed with --no-deps)"
            )


def _commands(text: str) -> list[str]:
    """Shell commands with their backslash continuations joined."""
    return re.sub(r"\\\n\s*", " ", text).splitlines()


def test_every_pip_install_in_scripts_and_ci_requires_hashes() -> None:
    files = [path for folder in ("scripts", ".ci") for path in (ROOT / folder).glob("*") if path.is_file()]
    installs = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for command in _commands(text):
            if re.search(r"\bpip install\b", command) and not command.lstrip().startswith("#"):
                installs.append((path.name, command))
                assert "--require-hashes" in command, (
                    f"{path.name}: '{command.strip()}' lacks --require-hashes"
                )
                assert "-r requirements.lock" in command, f"{path.name}: install from requirements.lock"
    assert any(name == "setup-env" for name, _ in installs), "scripts/setup-env installs the lock"
