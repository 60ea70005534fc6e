"""The CI dependency audit's decisions (.ci/dependency_audit.py), on canned tool reports:
a finding fails, an unreachable advisory service warns (fails only when strict), and pip-audit's
"No known vulnerabilities" over packages it could not audit is never taken as a pass."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "dependency_audit.py"


@pytest.fixture
def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PIP_CLEAN = {"dependencies": [{"name": "starlette", "version": "1.10.0", "vulns": []}]}
PIP_VULNERABLE = {
    "dependencies": [
        {
            "name": "starlette",
            "version": "0.1.0",
            "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["0.2.0"]}],
        }
    ]
}
PIP_UNAUDITED = {
    "dependencies": [
        {
            "name": "starlette",
            "skip_reason": "Dependency not found on PyPI and could not be audited",
        }
    ]
}
NPM_CLEAN: dict[str, Any] = {"vulnerabilities": {}, "metadata": {"vulnerabilities": {"total": 0}}}
NPM_HIGH = {
    "vulnerabilities": {
        "vite": {"severity": "high", "via": [{"title": "path traversal"}]},
        "tiny": {"severity": "low", "via": ["x"]},
    },
    "metadata": {"vulnerabilities": {"total": 2}},
}
NPM_UNREACHABLE = {"message": "405 Method Not Allowed - POST …/advisories/bulk", "statusCode": 405}


def fake_tools(
    monkeypatch: pytest.MonkeyPatch,
    audit: ModuleType,
    bin_dir: Path,
    pip: dict[str, Any] | None,
    npm: object,
) -> None:
    """pip-audit and npm replaced by canned reports (pip None: pip-audit wrote none)."""
    (bin_dir / "pip-audit").write_text("")
    monkeypatch.setattr(audit, "VENV_BIN", bin_dir)

    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        if command[0].endswith("pip-audit"):
            if pip is not None:
                out = Path(command[command.index("--output") + 1])
                out.write_text(json.dumps(pip))
            return subprocess.CompletedProcess(command, 1, "", "ConnectionError: pypi")
        return subprocess.CompletedProcess(command, 1, json.dumps(npm), "")

    monkeypatch.setattr(audit.subprocess, "run", run)


@pytest.mark.parametrize(
    ("pip", "npm", "strict", "status", "words"),
    [
        (PIP_CLEAN, NPM_CLEAN, False, 0, "no known high-severity"),
        (PIP_VULNERABLE, NPM_CLEAN, False, 1, "GHSA-xxxx (fixed in 0.2.0)"),
        (PIP_CLEAN, NPM_HIGH, False, 1, "vite: high (path traversal)"),
        (PIP_UNAUDITED, NPM_CLEAN, False, 0, "NOT a clean result"),
        (PIP_UNAUDITED, NPM_CLEAN, True, 1, "KINERJA_AUDIT_STRICT"),
        (None, NPM_CLEAN, False, 0, "could not be reached"),
        (PIP_CLEAN, NPM_UNREACHABLE, False, 0, "405 Method Not Allowed"),
        (PIP_CLEAN, NPM_UNREACHABLE, True, 1, "KINERJA_AUDIT_STRICT"),
        (PIP_VULNERABLE, NPM_UNREACHABLE, False, 1, "GHSA-xxxx"),
    ],
)
def test_audit_decision(
    audit: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pip: dict[str, Any] | None,
    npm: object,
    strict: bool,
    status: int,
    words: str,
) -> None:
    fake_tools(monkeypatch, audit, tmp_path, pip, npm)
    monkeypatch.setattr(audit, "STRICT", strict)
    assert audit.main() == status
    out = capsys.readouterr()
    assert words in out.out + out.err
    if pip is PIP_CLEAN and npm is NPM_HIGH:
        assert "tiny" not in out.err  # low severity is not a finding
