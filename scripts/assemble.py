#!/usr/bin/env python3
"""Assemble loadable extensions from the one manifest.json.

dist/chrome and dist/firefox get the same files (with the content scripts
as bundled by build.sh from extension/main-world/ and extension/content/);
only the manifest is stamped
per browser, dropping the keys the other browser would warn about:
Chrome ignores `background.scripts` and `browser_specific_settings` (with a
warning), Firefox prefers `background.scripts` over `service_worker`.
Then dist/rootguard-chrome.zip and dist/rootguard-firefox.xpi are packed with
fixed timestamps so that two builds of the same source are byte-identical.
"""
import json
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stamp(manifest: dict, browser: str) -> dict:
    m = json.loads(json.dumps(manifest))
    if browser == "chrome":
        m["background"].pop("scripts", None)
        m.pop("browser_specific_settings", None)
    else:
        m["background"].pop("service_worker", None)
    return m


def pack(directory: Path, archive: Path) -> None:
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(str(path.relative_to(directory)), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())


def main() -> int:
    core_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "extension-core"
    dist = ROOT / "dist"
    manifest = json.loads((ROOT / "manifest.json").read_text())
    for browser, archive in (("chrome", "rootguard-chrome.zip"), ("firefox", "rootguard-firefox.xpi")):
        out = dist / browser
        shutil.rmtree(out, ignore_errors=True)
        # extension/main-world/ and extension/content/ are the sources of the
        # bundled content scripts (build.sh): only the bundles ship.
        shutil.copytree(ROOT / "extension", out, ignore=shutil.ignore_patterns("main-world", "content"))
        shutil.copytree(core_dir, out / "core", dirs_exist_ok=True, ignore=shutil.ignore_patterns("main-world.js", "content"))
        shutil.copy(core_dir / "main-world.js", out / "main-world.js")
        shutil.copytree(core_dir / "content", out / "content")
        (out / "manifest.json").write_text(json.dumps(stamp(manifest, browser), indent=2) + "\n")
        pack(out, dist / archive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
