"""Setting up prints nothing alarming: the install command of scripts/_venv.sh, run again as it
is written there, builds the project without a setuptools warning or deprecation notice."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTICES = re.compile(r"BuildBackendWarning|SetuptoolsDeprecationWarning|Editable install")


def install_arguments() -> list[str]:
    """The arguments of the script's `pip install` of the project (not of pip itself)."""
    script = (ROOT / "scripts" / "_venv.sh").read_text()
    [line] = [line for line in script.splitlines() if "pip install" in line and "[dev]" in line]
    words = line.split("pip install", 1)[1].split()
    return [word.strip("\"'") for word in words]


def test_the_set_up_install_prints_no_setuptools_notice():
    arguments = install_arguments()
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert not NOTICES.search(done.stdout + done.stderr), done.stderr
