"""The layer contracts of ``make lint`` ([tool.importlinter] in pyproject.toml) hold today, and
``lint-imports`` fails when one is broken: each contract is broken on purpose in a copy of the
package and must be reported by its name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts on the ``server`` package found in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def copy_of_server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("layers")
    shutil.copytree(ROOT / "server", tree / "server", ignore=shutil.ignore_patterns("__pycache__"))
    return tree


def test_the_contracts_hold() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("server/domain/_breach.py", "import server.clock\n", "The domain imports nothing"),
        ("server/services/_breach.py", "import server.http.errors\n", "Services never import"),
        ("server/services/_breach.py", "import server.api.enums\n", "Services never import"),
        ("server/http/_breach.py", "from server.db import models\n", "The HTTP layer never"),
        (
            "server/api/public/_breach.py",
            "import server.api.internal\n",
            "The public API never imports the internal API",
        ),
        (
            "server/api/public/_breach.py",
            "import server.services.evaluation.objections\n",
            "The public API never imports the services of personal records",
        ),
    ],
)
def test_a_broken_contract_fails_the_lint(
    copy_of_server: Path, module: str, line: str, contract: str
) -> None:
    breach = copy_of_server / module
    breach.write_text(line)
    try:
        result = _lint(copy_of_server)
    finally:
        breach.unlink()
    assert result.returncode != 0
    broken = [x for x in result.stdout.splitlines() if x.endswith(" BROKEN")]
    assert len(broken) == 1, result.stdout
    assert broken[0].startswith(contract), result.stdout
