"""Every benchmark runs once with tiny counts, so none of them can rot.

This checks that each figure is produced and judged; it never asserts a
time (the figures from one tiny sample mean nothing).
"""

from __future__ import annotations

import re

import pytest

from benchmarks.__main__ import main

FIGURES = [
    "1",
    "2",
    "1a",
    "3a",
    "3b",
    "3c",
    "3d",
    "3e",
    "4",
    "4a",
    "4b",
    "4c",
    "5a",
    "5b",
    "5c",
    "5d",
    "5e",
    "5f",
    "6",
    "6a",
    "6aa",
    "6b",
    "6c",
    "6d",
    "6dd",
    "6e",
    "7",
    "7a",
    "7b",
    "7c",
    "8a",
    "8as",
    "8b",
    "8bs",
    "8c",
    "8cs",
    "8d",
    "8ds",
    "8e",
    "8ee",
    "9",
    "9a",
]


def test_every_benchmark_runs_and_reports_each_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--smoke", "--explain", "--markdown"]) == 0
    out = capsys.readouterr().out
    rows = {m[1]: m[2] for m in re.finditer(r"^(\w+) .*?  (PASS|MISS|info)  ", out, re.M)}
    assert sorted(rows) == sorted(FIGURES)
    assert all(
        rows[key] == "info"
        for key in (
            "1a",
            "3d",
            "3e",
            "4a",
            "5f",
            "6aa",
            "6b",
            "6dd",
            "6e",
            "8as",
            "8bs",
            "8cs",
            "8ds",
            "8ee",
            "9a",
        )
    )
    assert re.search(r"\d+ of 27 targets met", out)
    assert "Python 3." in out
    assert re.search(r"^load average [\d.]+ [\d.]+ [\d.]+ at the start; idle driver ", out, re.M)
    assert re.search(r"^load average [\d.]+ [\d.]+ [\d.]+ at the end$", out, re.M)
    assert "pydantic" in out
    assert "first unwrap (builds the one validator)" in out
    assert re.search(r"^\| 5c \| unwrap vs floor, 1 MiB .* \| ≤ 1.3x \| (PASS|MISS) \|", out, re.M)
