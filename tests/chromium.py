"""Headless Chromium for the browser tests and ``bench/view.py``.

Uses the Debian ``chromium`` + ``chromium-driver`` packages (``scripts/install_chromium.sh``)
through an explicit ``Service`` so selenium-manager never downloads a browser or driver, and
flags that stop Chromium phoning home (component updates, sync, background networking).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
INSTALL_SCRIPT = REPO / "scripts" / "install_chromium.sh"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--window-size=1280,860", "--hide-scrollbars",
)


def chromium_binary() -> Optional[str]:
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return None


def have_chromium() -> bool:
    return chromium_binary() is not None and os.access(CHROMEDRIVER, os.X_OK)


def try_install() -> tuple[bool, str]:
    """Run the install script once; returns (installed, why not)."""
    if have_chromium():
        return True, ""
    if shutil.which("apt-get") is None:
        return False, "apt-get is not available to install chromium"
    try:
        proc = subprocess.run(["bash", str(INSTALL_SCRIPT)], capture_output=True, text=True,
                              timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"{INSTALL_SCRIPT.name} failed: {exc}"
    if proc.returncode != 0 or not have_chromium():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [""]
        return False, f"{INSTALL_SCRIPT.name} exited {proc.returncode}: {tail[0]}"
    return True, ""


def make_driver(width: int = 1280, height: int = 860):  # -> selenium WebDriver
    """A fresh headless Chromium with its own profile directory and console logging on."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    binary = chromium_binary()
    if binary is None:
        raise RuntimeError("chromium is not installed (run scripts/install_chromium.sh)")
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    profile = tempfile.mkdtemp(prefix="claimgraph-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver._claimgraph_profile = profile  # type: ignore[attr-defined]
    return driver


def quit_driver(driver) -> None:
    profile = getattr(driver, "_claimgraph_profile", None)
    try:
        driver.quit()
    finally:
        if profile:
            shutil.rmtree(profile, ignore_errors=True)
