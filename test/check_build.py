"""The ``build`` check: build the sdist and wheel, ``twine check`` them, install the wheel
into a fresh virtual environment and run the demo, the console script and a user's
project's tests (with the SDK's pytest plugin) from there.

``python test/check_build.py WORKDIR`` (tox's ``build`` env runs it).
"""

import glob
import os
import subprocess
import sys
import tarfile
import venv
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args, **kwargs):
    print("$ " + " ".join(args), flush=True)
    subprocess.run(args, check=True, timeout=600, **kwargs)


def git_status():
    """The checkout's untracked and changed files (None outside a git checkout)."""
    if not os.path.isdir(os.path.join(ROOT, ".git")):
        return None
    result = subprocess.run(
        ["git", "status", "--porcelain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def main(workdir):
    dist = os.path.join(workdir, "dist")
    status_before = git_status()
    run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
    # Building (as pip install . does) leaves nothing for git to see: .gitignore covers it.
    assert git_status() == status_before, (status_before, git_status())
    wheels = glob.glob(os.path.join(dist, "*.whl"))
    sdists = glob.glob(os.path.join(dist, "*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, (wheels, sdists)
    run(sys.executable, "-m", "twine", "check", "--strict", wheels[0], sdists[0])

    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
        metadata = wheel.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "TextMagic/py.typed" in names, "py.typed is not in the wheel"
    assert [n for n in names if n.endswith("/LICENSE")], "LICENSE is not in the wheel"
    with tarfile.open(sdists[0]) as sdist:
        assert [n for n in sdist.getnames() if n.endswith("/LICENSE")], "no LICENSE in the sdist"
    assert "\nName: textmagic-message-sessions\n" in metadata, metadata[:300]
    assert "\nLicense: MIT\n" in metadata or "\nLicense-Expression: MIT\n" in metadata
    assert "rest.textmagic.com" not in metadata.split("\n\n", 1)[0], "API host as project URL"
    assert not [n for n in names if n.startswith("test/")], "tests leaked into the wheel"
    requirements = [
        line.split(": ", 1)[1]
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    ]
    required = sorted(
        r.split()[0].split(">")[0].split("<")[0].split(";")[0]
        for r in requirements
        if "extra ==" not in r
    )
    assert required == ["certifi", "python-dateutil", "six", "urllib3"], required
    # The one optional extra: orjson, for faster decoding.
    extras = [r for r in requirements if "extra ==" in r]
    assert len(extras) == 1 and extras[0].startswith("orjson") and '"fast"' in extras[0], extras
    assert "\nProvides-Extra: fast\n" in metadata

    environment = os.path.join(workdir, "fresh-venv")
    venv.create(environment, with_pip=True, clear=True)
    bin_dir = os.path.join(environment, "Scripts" if os.name == "nt" else "bin")
    python = os.path.join(bin_dir, "python")
    run(python, "-m", "pip", "install", "--quiet", wheels[0])
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TEXTMAGIC_")}
    run(
        python,
        "-c",
        "import TextMagic, TextMagic.sandbox; print(TextMagic.__version__)",
        cwd=workdir,
        env=clean,
    )
    run(python, "-m", "TextMagic", "demo", cwd=workdir, env=clean, stdout=subprocess.DEVNULL)
    run(
        os.path.join(bin_dir, "textmagic"),
        "sessions",
        "get",
        "1",
        "--sandbox",
        "--json",
        cwd=workdir,
        env=clean,
    )
    check_users_project_tests(python, workdir, clean)
    check_editable_install_type_checks(workdir, clean)
    print("build check passed")
    return 0


def check_users_project_tests(python, workdir, env):
    """A user's project outside the checkout, in the venv the wheel went into: its tests
    use the ``textmagic_sandbox`` fixture with no conftest of their own (the plugin comes
    with the wheel, through its ``pytest11`` entry point)."""
    import pathlib

    from test_pytest_plugin import write_users_project  # this script's folder is on sys.path

    run(python, "-m", "pip", "install", "--quiet", "pytest")
    project = os.path.join(workdir, "users-project")
    os.makedirs(project, exist_ok=True)
    write_users_project(pathlib.Path(project))
    result = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"],
        cwd=project,
        env=dict(env, TEXTMAGIC_USERNAME="left by the user"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(result.stdout + result.stderr)
    assert result.returncode == 0 and "5 passed" in result.stdout, "the user's tests failed"


def check_editable_install_type_checks(workdir, env):
    """The README's editable install, then mypy run from outside the checkout: it must
    find the package and its types (a deliberate type error is reported, not a missing
    module)."""
    environment = os.path.join(workdir, "editable-venv")
    venv.create(environment, with_pip=True, clear=True)
    python = os.path.join(environment, "Scripts" if os.name == "nt" else "bin", "python")
    status_before = git_status()
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "-e",
        ROOT,
        "--config-settings",
        "editable_mode=strict",
        "mypy",
    )
    assert git_status() == status_before, (status_before, git_status())
    script = os.path.join(workdir, "uses_the_sdk.py")
    with open(script, "w") as out:
        out.write("import TextMagic\nwrong: int = TextMagic.Configuration().host\n")
    result = subprocess.run(
        [python, "-m", "mypy", "--no-incremental", script],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(result.stdout)
    assert "import-not-found" not in result.stdout, result.stdout
    assert 'expression has type "str", variable has type "int"' in result.stdout, result.stdout


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
