"""`make test` on a fresh machine: the `chromium` target installs Debian's chromium when it is
missing and the user may (root, or sudo without a password), and otherwise stops with the exact
command to run.

The real Makefile recipe runs; only the system tools it calls (``id``, ``sudo``, ``apt-get``)
are small scripts on PATH that record how they were called, so the test neither needs root nor
installs anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL = "sudo apt-get update && sudo apt-get install -y chromium"
MAKE = shutil.which("make") or "make"


def _script(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)


class Machine:
    def __init__(self, tmp: Path) -> None:
        self.bin = tmp / "stub-bin"
        self.bin.mkdir()
        self.log = tmp / "calls.log"
        self.chromium = tmp / "browser" / "chromium"

    def uid(self, uid: int) -> None:
        _script(self.bin / "id", f'[ "$1" = "-u" ] && echo {uid} && exit 0\nexit 1\n')

    def apt_get(self) -> None:
        # Installing chromium makes the browser appear, as the real package does.
        _script(
            self.bin / "apt-get",
            f'echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> {self.log}\n'
            f'if [ "$1" = install ]; then mkdir -p {self.chromium.parent}; '
            f"printf '#!/bin/sh\\n' > {self.chromium}; chmod +x {self.chromium}; fi\n",
        )

    def sudo(self, *, allowed: bool) -> None:
        if allowed:
            _script(
                self.bin / "sudo",
                f'echo "sudo $*" >> {self.log}\n[ "$1" = -n ] && exit 0\nexec env "$@"\n',
            )
        else:
            _script(self.bin / "sudo", f'echo "sudo $*" >> {self.log}\nexit 1\n')

    def make(self, *, system_path: bool = True) -> subprocess.CompletedProcess[str]:
        path = str(self.bin) + (os.pathsep + os.environ["PATH"] if system_path else "")
        env = {**os.environ, "PATH": path, "KINERJA_CHROMIUM": str(self.chromium)}
        return subprocess.run(
            [MAKE, "-s", "--no-print-directory", "-C", str(ROOT), "chromium"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path)


def test_as_root_it_installs_debian_chromium(machine: Machine) -> None:
    machine.uid(0)
    machine.apt_get()
    result = machine.make()
    assert result.returncode == 0, result.stderr
    assert machine.calls() == [
        "apt-get update DEBIAN_FRONTEND=noninteractive",
        "apt-get install -y chromium DEBIAN_FRONTEND=noninteractive",
    ]
    assert "installing Debian chromium" in result.stdout
    # Once it is there, nothing more happens.
    again = machine.make()
    assert again.returncode == 0
    assert len(machine.calls()) == 2


def test_with_sudo_without_a_password_it_installs_through_sudo(machine: Machine) -> None:
    machine.uid(1000)
    machine.apt_get()
    machine.sudo(allowed=True)
    result = machine.make()
    assert result.returncode == 0, result.stderr
    calls = machine.calls()
    assert calls[0] == "sudo -n true"
    assert "apt-get update DEBIAN_FRONTEND=noninteractive" in calls
    assert "apt-get install -y chromium DEBIAN_FRONTEND=noninteractive" in calls
    assert machine.chromium.exists()


def test_without_permission_it_stops_with_the_exact_command(machine: Machine) -> None:
    machine.uid(1000)
    machine.apt_get()
    machine.sudo(allowed=False)
    result = machine.make()
    assert result.returncode != 0
    assert INSTALL in result.stderr
    assert "make test again" in result.stderr
    assert [c for c in machine.calls() if c.startswith("apt-get")] == []  # nothing installed


def test_without_apt_it_says_what_is_needed(machine: Machine) -> None:
    machine.uid(0)
    result = machine.make(system_path=False)  # only the stubs: no apt-get at all
    assert result.returncode != 0
    assert str(machine.chromium) in result.stderr
    assert "KINERJA_CHROMIUM" in result.stderr
    assert INSTALL in result.stderr


def test_an_install_that_does_not_produce_the_browser_is_an_error(machine: Machine) -> None:
    machine.uid(0)
    _script(machine.bin / "apt-get", f'echo "apt-get $*" >> {machine.log}\n')
    result = machine.make()
    assert result.returncode != 0
    assert "still missing" in result.stderr


def test_an_existing_browser_is_used_as_it_is(machine: Machine) -> None:
    machine.uid(1000)
    machine.apt_get()
    machine.chromium.parent.mkdir(parents=True)
    _script(machine.chromium, "exit 0\n")
    result = machine.make()
    assert result.returncode == 0, result.stderr
    assert machine.calls() == []


def test_make_test_and_the_ci_script_go_through_it() -> None:
    makefile = (ROOT / "Makefile").read_text()
    test_rule = next(line for line in makefile.splitlines() if line.startswith("test:"))
    assert "chromium" in test_rule.split(":", 1)[1].split()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "apt-get" not in ci  # the CI script no longer installs anything itself
    assert ci.count("make test") >= 2
    conftest = (ROOT / "tests" / "e2e" / "conftest.py").read_text()
    assert INSTALL in conftest
