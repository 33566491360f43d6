"""The command line under bad arguments and closed pipes: a message and a status, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from telnyx_gather import __version__

from .test_cli import BODY, cli


@pytest.fixture
def body(tmp_path: Path) -> str:
    path = tmp_path / "body.json"
    path.write_bytes(BODY)
    return str(path)


BAD = [
    (["sign", "BODY", "--seed", "ééé"], "a seed is 32 bytes"),
    (["sign", "BODY", "--seed", "\x1b[31m\udcff"], "a seed is 32 bytes"),
    (["sign", "BODY", "--timestamp", "-5"], "--timestamp: must be a Unix time"),
    (["sign", "BODY", "--timestamp", "1e3"], "--timestamp: must be a whole number"),
    (["sign", "BODY", "--timestamp", "1" * 19], "--timestamp: must be a Unix time"),
    (["verify", "BODY", "--public-key", "k", "--tolerance", "-5"], "--tolerance: must be"),
    (["verify", "BODY", "--public-key", "k", "--tolerance", "nan"], "--tolerance: must be"),
    (["verify", "BODY", "--public-key", "k", "--tolerance", "inf"], "--tolerance: must be"),
    (["verify", "BODY", "--public-key", "k", "--tolerance", "ten"], "--tolerance: must be"),
    (["verify", "BODY", "--public-key", "k", "--now", "-1"], "--now: must be a Unix time"),
    (["verify", "BODY", "--public-key", "k"], "bad public key"),
    (["sandbox", "--port", "70000"], "--port: must be a port number from 0 to 65535"),
    (["sandbox", "--port", "-1"], "--port: must be a port number"),
    (["sandbox", "--port", "http"], "--port: must be a whole number"),
    (["sandbox", "--seed", "ééé"], "a seed is 32 bytes"),
    (["demo", "--timeout", "0"], "--timeout: must be a positive number"),
    (["demo", "--time-scale=-inf"], "--time-scale: must be a positive number"),
    (["parse", "/no/such/file"], "cannot read '/no/such/file'"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_each_bad_argument_is_a_usage_error_naming_it(
    body: str, args: list[str], message: str
) -> None:
    result = cli(*(body if arg == "BODY" else arg for arg in args))
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_tolerance_is_not_reported_as_a_bad_key(body: str) -> None:
    result = cli("verify", body, "--public-key", "k", "--tolerance", "-5")
    assert "public key" not in result.stderr


def test_a_wrong_flag_shows_the_subcommands_usage_and_a_hint(body: str) -> None:
    result = cli("parse", body, "--no-such-flag")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "usage: telnyx-gather parse [-h] [--envelope] body",
        "telnyx-gather parse: error: unrecognized arguments: --no-such-flag",
        "run 'telnyx-gather parse --help' for every option",
    ]


def test_version() -> None:
    result = cli("--version")
    assert (result.returncode, result.stdout) == (0, f"telnyx-gather {__version__}\n")


def test_demo_help_names_the_extra_it_needs() -> None:
    assert "pip install 'telnyx-gather[client]'" in cli("demo", "--help").stdout


def test_demo_without_the_client_extra_says_what_to_install() -> None:
    program = (
        "import runpy, sys; sys.modules['telnyx'] = None; sys.argv = ['telnyx-gather', 'demo'];"
        "runpy.run_module('telnyx_gather', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert "needs the client extra: pip install 'telnyx-gather[client]'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [["parse", "BODY"], ["sign", "BODY"], ["parse", "-", "--envelope"]]
)
def test_a_closed_pipe_ends_quietly(body: str, args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head` does once it has what it wants
    try:
        result = subprocess.run(
            [sys.executable, "-m", "telnyx_gather", *(body if a == "BODY" else a for a in args)],
            input=BODY,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Error" not in result.stderr.decode()  # no traceback, no "Exception ignored" either


@pytest.mark.parametrize("part", ["integrations.wsgi", "router"])
def test_the_package_logs_nothing_unless_the_app_configures_logging(part: str) -> None:
    program = (
        "import logging, sys; part = sys.argv[1];"
        "__import__(f'telnyx_gather.{part}');"
        "logging.getLogger(f'telnyx_gather.{part}').error('rejected');"
        "logging.getLogger('telnyx_gather').error('rejected')"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, part],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
