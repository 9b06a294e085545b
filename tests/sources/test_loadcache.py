"""The bundled report's load kept in the user's cache (sources.loadcache): read back
only while every file, hrkpi and the working directory are the same, never from a
file another user could have written, and never the cause of a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrkpi.api import check, compute, load
from hrkpi.cli import app
from hrkpi.core.errors import InputError, problem
from hrkpi.output.checkjson import to_json as check_json
from hrkpi.output.jsonout import to_json
from hrkpi.sources import loadcache
from hrkpi.sources.loadcache import cached

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HRKPI_CACHE_DIR", str(folder))
    monkeypatch.delenv("HRKPI_NO_CACHE", raising=False)
    return folder


class Loader:
    """A load that counts its calls and returns what it is given."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def _files(tmp_path: Path) -> list[Path]:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("figures: {x: '4.22'}\n", encoding="utf-8")
    b.write_text("figures: {y: '0.66'}\n", encoding="utf-8")
    return [a, b]


def test_second_load_is_read_back(cache: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    loader = Loader({"figures": ["4.22", "0.66"]})
    first = cached(lambda: files, loader)
    second = cached(lambda: files, loader)
    assert loader.calls == 1
    assert first == second == {"figures": ["4.22", "0.66"]}
    assert second is not first  # read back from the file, not kept in the process
    (kept,) = cache.iterdir()
    assert kept.name.startswith("bundled-")
    assert kept.stat().st_mode & 0o777 == 0o600
    assert cache.stat().st_mode & 0o777 == 0o700


def test_a_changed_file_is_loaded_again(cache: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    loader = Loader("old")
    cached(lambda: files, loader)
    # Same size and the same modification time: only the content tells.
    st = files[1].stat()
    files[1].write_text("figures: {y: '0.67'}\n", encoding="utf-8")
    os.utime(files[1], ns=(st.st_atime_ns, st.st_mtime_ns))
    assert files[1].stat().st_size == st.st_size
    loader.value = "new"
    assert cached(lambda: files, loader) == "new"
    assert loader.calls == 2
    assert len(list(cache.iterdir())) == 1  # the stale entry is removed


def test_a_file_more_or_less_is_loaded_again(cache: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    loader = Loader("both")
    cached(lambda: files, loader)
    cached(lambda: files[:1], loader)
    assert loader.calls == 2


def test_changed_code_is_loaded_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    loader = Loader("value")
    cached(lambda: files, loader)
    stamp = loadcache._code_stamp()
    assert any(p.endswith(os.path.join("sources", "loader.py")) for p, _, _ in stamp)
    monkeypatch.setattr(loadcache, "_code_stamp", lambda: [*stamp, ("changed.py", 1, 1)])
    cached(lambda: files, loader)
    assert loader.calls == 2


def test_another_library_version_is_loaded_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pydantic's and PyYAML's versions are read from their files, not imported."""
    files = _files(tmp_path)
    lib = tmp_path / "lib" / "fakelib"
    lib.mkdir(parents=True)
    (lib / "__init__.py").write_text("", encoding="utf-8")
    (lib / "version.py").write_text("VERSION = '2.14.4'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.setattr(loadcache, "_LIBRARIES", (("fakelib", "version.py"),))
    loader = Loader("value")
    cached(lambda: files, loader)
    cached(lambda: files, loader)
    assert loader.calls == 1
    (lib / "version.py").write_text("VERSION = '2.14.5'\n", encoding="utf-8")
    cached(lambda: files, loader)
    assert loader.calls == 2
    assert "fakelib" not in sys.modules
    monkeypatch.undo()
    versions = loadcache._library_versions()
    assert b"VERSION = " in versions[0] and b"__version__ = " in versions[1]


def test_another_working_directory_is_loaded_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paths are shown relative to the working directory, so the load depends on it."""
    files = _files(tmp_path)
    loader = Loader("value")
    cached(lambda: files, loader)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    cached(lambda: files, loader)
    assert loader.calls == 2


def test_a_file_others_could_write_is_never_read(cache: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    loader = Loader("value")
    cached(lambda: files, loader)
    (kept,) = cache.iterdir()
    kept.chmod(0o666)
    cached(lambda: files, loader)
    assert loader.calls == 2
    cache.chmod(0o777)
    cached(lambda: files, loader)
    assert loader.calls == 3


def test_a_damaged_file_is_loaded_again(cache: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    loader = Loader("value")
    cached(lambda: files, loader)
    (kept,) = cache.iterdir()
    kept.write_bytes(kept.read_bytes()[:5])
    assert cached(lambda: files, loader) == "value"
    assert loader.calls == 2


def test_turned_off(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRKPI_NO_CACHE", "1")
    files = _files(tmp_path)
    loader = Loader("value")
    cached(lambda: files, loader)
    cached(lambda: files, loader)
    assert loader.calls == 2
    assert not cache.exists()


def test_a_cache_that_cannot_be_written_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("HRKPI_CACHE_DIR", str(blocker / "cache"))
    files = _files(tmp_path)
    loader = Loader("value")
    assert cached(lambda: files, loader) == "value"
    assert cached(lambda: files, loader) == "value"
    assert loader.calls == 2


def test_problems_are_never_kept(cache: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    calls = 0

    def failing() -> object:
        nonlocal calls
        calls += 1
        raise InputError([problem(files[0], 1, 1, "", "broken")])

    for _ in range(2):
        with pytest.raises(InputError):
            cached(lambda: files, failing)
    assert calls == 2
    assert not cache.exists() or not list(cache.iterdir())


def test_a_missing_file_leaves_the_loader_to_say_so(cache: Path, tmp_path: Path) -> None:
    loader = Loader("value")
    assert cached(lambda: [tmp_path / "missing.yaml"], loader) == "value"
    assert loader.calls == 1


def test_the_bundled_report_is_the_same_from_the_cache(cache: Path) -> None:
    fresh_catalog, fresh_data = load()
    assert len(list(cache.iterdir())) == 1
    kept_catalog, kept_data = load()
    assert kept_catalog is not fresh_catalog
    assert kept_catalog.indicators == fresh_catalog.indicators
    assert list(kept_data) == list(fresh_data)
    # What a run prints from it, every figure and finding, is the same.
    os.environ["HRKPI_NO_CACHE"] = "1"
    try:
        report, checked = to_json(compute()), check_json(check())
    finally:
        del os.environ["HRKPI_NO_CACHE"]
    assert to_json(compute()) == report
    assert check_json(check()) == checked


@pytest.mark.parametrize("args", [["compute"], ["check"], ["compute", "--lang", "en"]])
def test_commands_print_the_same_from_the_cache(cache: Path, args: list[str]) -> None:
    runner = CliRunner()
    fresh = runner.invoke(app, args, env={"HRKPI_NO_CACHE": "1", "COLUMNS": "120"})
    assert not cache.exists()
    filled = runner.invoke(app, args, env={"COLUMNS": "120"})
    assert len(list(cache.iterdir())) == 1
    kept = runner.invoke(app, args, env={"COLUMNS": "120"})
    assert fresh.exit_code == filled.exit_code == kept.exit_code == 0
    assert fresh.output == filled.output == kept.output
    assert "4.22" in kept.output  # the first figure of the bundled report


def test_only_the_bundled_report_is_kept(cache: Path, mini: tuple[Path, Path]) -> None:
    """A user's own report is not copied anywhere."""
    indicators, data = mini
    load(indicators, data)
    assert not cache.exists()


_COUNTING = """
import contextlib, io, sys
import yaml
import pydantic._internal._model_construction as construction
import hrkpi.core.messages as messages

seen = []
build = construction.complete_model_class
compose = yaml.compose
catalogue = messages._catalogue


def built(cls, *args, **kwargs):
    seen.append("validator " + cls.__name__)
    return build(cls, *args, **kwargs)


def composed(*args, **kwargs):
    seen.append("yaml")
    return compose(*args, **kwargs)


def read_catalogue():
    seen.append("catalogue")
    return catalogue()


construction.complete_model_class = built
yaml.compose = composed
messages._catalogue = read_catalogue
sys.argv = ["hrkpi", *sys.argv[1:]]
import hrkpi.cli

with contextlib.redirect_stdout(io.StringIO()):
    try:
        hrkpi.cli.main()
    except SystemExit as done:
        assert done.code in (0, None), done.code
print(sorted(set(seen)))
"""


@pytest.mark.parametrize("command", ["compute", "check"])
def test_a_run_from_the_cache_parses_and_builds_nothing(
    cache: Path, tmp_path: Path, command: str
) -> None:
    """What start-up saves, as behaviour: the second run reads no YAML, builds no
    pydantic validator and (nothing going wrong) never reads the Chinese catalogue."""
    script = tmp_path / "count.py"
    script.write_text(_COUNTING, encoding="utf-8")
    env = {**os.environ, "HRKPI_CACHE_DIR": str(cache), "PYTHONPATH": str(SRC)}
    env.pop("HRKPI_NO_CACHE", None)

    def run() -> str:
        done = subprocess.run(
            [sys.executable, str(script), command],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        return done.stdout.strip()

    first = run()
    assert "yaml" in first and "validator DataFile" in first  # the load, done once
    assert run() == "[]"


_IMPORTED = """
import contextlib, io, sys
sys.argv = ["hrkpi", *sys.argv[1:]]
import hrkpi.cli

with contextlib.redirect_stdout(io.StringIO()):
    try:
        hrkpi.cli.main()
    except SystemExit as done:
        assert done.code in (0, None), done.code
heavy = ("pydantic.main", "yaml", "hrkpi.core.indicatorschema", "hrkpi.core.dataschema")
print([m for m in heavy if m in sys.modules])
"""


@pytest.mark.parametrize("command", ["compute", "check"])
def test_a_run_from_the_cache_imports_no_schema(cache: Path, tmp_path: Path, command: str) -> None:
    """The cache holds plain records: reading it back imports neither the schema models
    nor YAML, nor any pydantic model machinery (check's JSON models are imported for
    --format json only)."""
    script = tmp_path / "imported.py"
    script.write_text(_IMPORTED, encoding="utf-8")
    env = {**os.environ, "HRKPI_CACHE_DIR": str(cache), "PYTHONPATH": str(SRC)}
    env.pop("HRKPI_NO_CACHE", None)

    def run() -> str:
        args = [sys.executable, str(script), command]
        return subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout

    first = run()
    assert "hrkpi.core.dataschema" in first and "yaml" in first  # the load, done once
    kept = run()
    assert kept.strip() == "[]"
