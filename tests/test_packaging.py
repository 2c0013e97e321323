"""A wheel of the project carries every module and every file the app reads beside its code (the catalogue's TOML,
the components' JavaScript, the stylesheet, the tracker's migrations): a non-editable install is complete."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("etl", "presentation", "dashboard", "tracker")


def test_the_wheel_holds_every_file_of_the_packages(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("*.whl"))
    inside = set(zipfile.ZipFile(wheel).namelist())
    on_disk = {p.relative_to(ROOT).as_posix() for package in PACKAGES for p in (ROOT / package).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert on_disk, "no package files found"
    assert on_disk - inside == set()
    assert {"presentation/locales/core.toml", "dashboard/components/table.js", "dashboard/style.css"} <= inside
