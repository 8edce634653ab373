#!/usr/bin/env python3
"""Adds lock entries for optional platform packages the package mirror here does not serve.

`npm install` on this workplace's registry mirror omits some of @tailwindcss/oxide's optional
platform packages (they 404), and `npm ci` then refuses the lock file as out of sync. Entries with
os/cpu set are skipped on other platforms, so adding them without a tarball is safe.
Run after any `npm install` that rewrites package-lock.json: `python3 scripts/fix-lockfile.py`.
"""
import json
import pathlib

lock_path = pathlib.Path(__file__).resolve().parent.parent / "package-lock.json"
lock = json.loads(lock_path.read_text())
packages = lock["packages"]
parent = packages.get("node_modules/@tailwindcss/oxide", {})
version = parent.get("version")
platforms = {
    "android-arm64": ("android", "arm64"), "darwin-arm64": ("darwin", "arm64"), "darwin-x64": ("darwin", "x64"),
    "freebsd-x64": ("freebsd", "x64"), "linux-arm-gnueabihf": ("linux", "arm"), "linux-arm64-gnu": ("linux", "arm64"),
    "linux-arm64-musl": ("linux", "arm64"), "linux-x64-gnu": ("linux", "x64"), "linux-x64-musl": ("linux", "x64"),
    "wasm32-wasi": (None, "wasm32"), "win32-arm64-msvc": ("win32", "arm64"), "win32-x64-msvc": ("win32", "x64"),
}
added = []
for suffix, (os_name, cpu) in platforms.items():
    name = f"@tailwindcss/oxide-{suffix}"
    key = f"node_modules/{name}"
    if version is None or key in packages or name not in parent.get("optionalDependencies", {}):
        continue
    entry = {"version": version, "cpu": [cpu], "dev": True, "license": "MIT", "optional": True, "engines": {"node": ">= 10"}}
    if os_name:
        entry["os"] = [os_name]
    packages[key] = entry
    added.append(name)
lock["packages"] = dict(sorted(packages.items(), key=lambda kv: (kv[0] != "", kv[0])))
lock_path.write_text(json.dumps(lock, indent=2) + "\n")
print("added:", ", ".join(added) or "nothing")
