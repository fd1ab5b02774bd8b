"""The npm packages the tests use (ajv for JSON Schema, @redocly/cli for
the contract lint), installed once per user under the temp dir (or
FD_NPM_PREFIX) with a lock so parallel suites do not race. Every package
is installed in one npm call: a later --no-save install would prune the
others."""
import fcntl
import os
import shutil
import subprocess
import tempfile

# Pinned by major version.
NPM_PACKAGES = ("ajv@8", "ajv-formats@3", "ajv-draft-04@1", "@redocly/cli@2")


def _installed(prefix):
    for spec in NPM_PACKAGES:
        name = spec.rsplit("@", 1)[0]
        if not os.path.isdir(os.path.join(prefix, "node_modules", name)):
            return False
    return True


def npm_prefix():
    """The prefix holding NPM_PACKAGES, installing them first if needed."""
    prefix = os.environ.get("FD_NPM_PREFIX") or os.path.join(
        tempfile.gettempdir(), "frontdoor-npm-%d" % os.getuid())
    os.makedirs(prefix, exist_ok=True)
    with open(os.path.join(prefix, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _installed(prefix):
            if not shutil.which("npm"):
                raise RuntimeError("npm not found: run packaging/install-deps (nodejs, npm)")
            subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund",
                            "--prefix", prefix] + list(NPM_PACKAGES),
                           check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=600)
    return prefix


def node_env():
    """The environment for a node script that loads NPM_PACKAGES."""
    if not shutil.which("node"):
        raise RuntimeError("node not found: run packaging/install-deps (nodejs, npm)")
    return dict(os.environ, FD_NPM_PREFIX=npm_prefix())
