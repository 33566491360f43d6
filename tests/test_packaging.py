"""The built wheel and sdist hold what they should, and `twine check --strict` passes.

Builds both with `python -m build --no-isolation` (hatchling comes from the
`dev` dependency group) into a temporary folder, once for the module.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

import pytest

from telnyx_gather import __version__

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def _wheel(dist: Path) -> zipfile.ZipFile:
    (path,) = dist.glob("*.whl")
    return zipfile.ZipFile(path)


def _metadata(dist: Path) -> Message:
    with _wheel(dist) as wheel:
        text = wheel.read(f"telnyx_gather-{__version__}.dist-info/METADATA").decode()
    return HeaderParser().parsestr(text)


def test_twine_check_is_clean(dist: Path) -> None:
    files = [str(path) for path in sorted(dist.iterdir())]
    assert len(files) == 2
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_the_wheel_holds_the_package_its_types_and_the_license(dist: Path) -> None:
    with _wheel(dist) as wheel:
        names = set(wheel.namelist())
    info = f"telnyx_gather-{__version__}.dist-info"
    assert {
        "telnyx_gather/__init__.py",
        "telnyx_gather/py.typed",
        "telnyx_gather/integrations/starlette.py",
        "telnyx_gather/testing/__init__.py",
        f"{info}/licenses/LICENSE",
        f"{info}/entry_points.txt",
    } <= names
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"telnyx_gather", info}  # no tests, benchmarks, examples or scripts
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    sources = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src").rglob("*.py")}
    assert sources <= names


def test_the_wheel_metadata(dist: Path) -> None:
    meta = _metadata(dist)
    assert meta["Name"] == "telnyx-gather"
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.10"
    classifiers = meta.get_all("Classifier") or []
    for minor in (10, 11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    assert "Typing :: Typed" in classifiers
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Repository", "Issues", "Changelog"} <= set(urls)
    extras = set(meta.get_all("Provides-Extra") or [])
    assert {"client", "starlette", "fastapi", "flask", "django"} <= extras
    assert "dev" not in extras  # development tools are dependency groups, not published
    requires = meta.get_all("Requires-Dist") or []
    for extra in ("fastapi", "starlette"):
        needs = [r for r in requires if f"extra == '{extra}'" in r or f'extra == "{extra}"' in r]
        assert any(r.startswith("httpx2") for r in needs), needs  # the test client, 3.11+
        assert any(r.startswith("httpx") and not r.startswith("httpx2") for r in needs), needs
    assert meta.get_payload().startswith("# telnyx-gather")  # the README is the description


def test_the_sdist_holds_the_sources_tests_and_license(dist: Path) -> None:
    (path,) = dist.glob("*.tar.gz")
    with tarfile.open(path) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "pyproject.toml",
        "src/telnyx_gather/py.typed",
        "src/telnyx_gather/__init__.py",
        "tests/conftest.py",
        "examples/lambda_handler.py",
        "docs/index.md",
        "docs/reference/commands.md",
        "mkdocs.yml",
    } <= names
    assert not [name for name in names if "__pycache__" in name or name.startswith(".venv")]
