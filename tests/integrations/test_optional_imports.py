"""Each framework module imports its framework only itself, and names the extra when it is missing."""

from __future__ import annotations

import subprocess
import sys

import pytest

FRAMEWORKS = {
    "starlette": ("starlette", "telnyx-gather[starlette]"),
    "flask": ("flask", "telnyx-gather[flask]"),
    "django": ("django", "telnyx-gather[django]"),
}


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.mark.parametrize("module", FRAMEWORKS)
def test_a_missing_framework_names_the_extra(module: str) -> None:
    framework, extra = FRAMEWORKS[module]
    result = _run(
        f"import sys\nsys.modules[{framework!r}] = None\nimport telnyx_gather.integrations.{module}"
    )
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert extra in result.stderr


def test_lambda_and_wsgi_need_no_framework() -> None:
    blocked = ["starlette", "fastapi", "flask", "werkzeug", "django", "telnyx"]
    result = _run(
        "import sys\n"
        + "".join(f"sys.modules[{name!r}] = None\n" for name in blocked)
        + "import telnyx_gather.integrations.aws_lambda, telnyx_gather.integrations.wsgi\n"
        + "print('ok')"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_stores_load_no_aws_sdk() -> None:
    result = _run(
        "import sys\n"
        "import telnyx_gather, telnyx_gather.stores, telnyx_gather.dynamodb\n"
        "import telnyx_gather.integrations.aws_lambda\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
