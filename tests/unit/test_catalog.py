"""Finding routines: built-ins, user files that replace them, and broken files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from coach import locations
from coach.routine.catalog import (
    UnknownRoutineError,
    discover,
    find,
    looks_like_path,
    resolve,
    routine_files,
)
from coach.routine.loader import RoutineError, load_routine

REPO = Path(__file__).resolve().parents[2]
BUILTINS = sorted((REPO / "routines").glob("*.toml"))


def routine_text(name: str, time: str = "1m") -> str:
    return f'name = "{name}"\n[[steps]]\nname = "Walk"\ntime = "{time}"\n'


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    builtin = tmp_path / "builtin"
    user = tmp_path / "user"
    builtin.mkdir()
    user.mkdir()
    (builtin / "warm-up.toml").write_text(routine_text("Warm-up"), encoding="utf-8")
    (builtin / "cool-down.toml").write_text(routine_text("Cool-down"), encoding="utf-8")
    return builtin, user


def test_discovers_builtins(folders: tuple[Path, Path]) -> None:
    catalog = discover(*folders)
    assert catalog.ids == ("cool-down", "warm-up")
    entry = catalog.get("warm-up")
    assert entry is not None
    assert entry.builtin and entry.valid and not entry.overrides_builtin
    assert entry.source == "built-in"
    assert entry.routine is not None and entry.routine.builtin
    assert entry.path == folders[0] / "warm-up.toml"


def test_user_routine_is_added(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (user / "hills.toml").write_text(routine_text("Hills"), encoding="utf-8")
    catalog = discover(builtin, user)
    entry = catalog.get("hills")
    assert entry is not None
    assert (entry.builtin, entry.overrides_builtin, entry.source) == (False, False, "user")
    assert entry.routine is not None and not entry.routine.builtin


def test_user_file_with_a_builtin_id_replaces_it(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (user / "warm-up.toml").write_text(routine_text("My warm-up"), encoding="utf-8")
    catalog = discover(builtin, user)
    assert catalog.ids.count("warm-up") == 1
    entry = catalog.get("warm-up")
    assert entry is not None
    assert entry.overrides_builtin and not entry.builtin
    assert entry.source == "user (replaces built-in)"
    assert entry.routine is not None and entry.routine.name == "My warm-up"


def test_invalid_user_file_does_not_hide_the_others(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (user / "broken.toml").write_text('name = "x"\n', encoding="utf-8")
    (user / "hills.toml").write_text(routine_text("Hills"), encoding="utf-8")
    catalog = discover(builtin, user)
    assert catalog.ids == ("broken", "cool-down", "hills", "warm-up")
    broken = catalog.get("broken")
    assert broken is not None and not broken.valid and broken.routine is None
    assert isinstance(broken.error, RoutineError)
    assert "steps: missing" in str(broken.error)
    assert [r.id for r in catalog.routines] == ["cool-down", "hills", "warm-up"]
    assert [e.id for e in catalog.invalid] == ["broken"]


def test_non_toml_and_hidden_files_are_ignored(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (builtin / "schema.json").write_text("{}", encoding="utf-8")
    (user / "notes.txt").write_text("hi", encoding="utf-8")
    (user / ".#warm-up.toml").write_text("lock", encoding="utf-8")
    (user / "warm-up.toml~").write_text("backup", encoding="utf-8")
    assert discover(builtin, user).ids == ("cool-down", "warm-up")


def test_a_folder_named_like_a_routine_is_listed_as_invalid(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (user / "folder.toml").mkdir()
    entry = discover(builtin, user).get("folder")
    assert entry is not None and not entry.valid and entry.error is not None
    assert str(entry.error) == f"{user / 'folder.toml'}: is a folder, not a routine file; " \
        "name a .toml file inside it"


def test_missing_user_folder_is_fine_and_not_created(tmp_path: Path,
                                                     folders: tuple[Path, Path]) -> None:
    missing = tmp_path / "no-such-folder"
    assert discover(folders[0], missing).ids == ("cool-down", "warm-up")
    assert not missing.exists()


def test_default_folders_come_from_locations(coach_home: Path) -> None:
    user = locations.user_routines_dir()
    user.mkdir(parents=True)
    (user / "mine.toml").write_text(routine_text("Mine"), encoding="utf-8")
    catalog = discover()
    assert "mine" in catalog.ids
    assert {p.stem for p in BUILTINS} <= set(catalog.ids)


def test_discover_creates_nothing(coach_home: Path) -> None:
    discover()
    assert not coach_home.exists()


def test_routine_files_of_a_missing_folder(tmp_path: Path) -> None:
    assert routine_files(tmp_path / "nope") == []


def test_catalog_iterates_and_counts(folders: tuple[Path, Path]) -> None:
    catalog = discover(*folders)
    assert len(catalog) == 2
    assert [entry.id for entry in catalog] == ["cool-down", "warm-up"]
    assert catalog.get("nope") is None


def test_find_names_a_fifo_and_loading_it_says_what_it_is(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    os.mkfifo(user / "warm-up.toml")
    assert find("warm-up", builtin, user) == (user / "warm-up.toml", False)
    with pytest.raises(RoutineError, match=r"is a named pipe \(FIFO\), not a routine file"):
        resolve("warm-up", builtin, user)


def test_an_unknown_id_is_shown_cleaned(folders: tuple[Path, Path]) -> None:
    with pytest.raises(UnknownRoutineError) as caught:
        resolve("warm\x1b[2J-up", *folders)
    assert str(caught.value).startswith('no routine "warm\ufffd[2J-up"; did you mean "warm-up"?')


# -- resolve -----------------------------------------------------------------------------


def test_resolve_an_id(folders: tuple[Path, Path]) -> None:
    routine = resolve("warm-up", *folders)
    assert routine.name == "Warm-up" and routine.builtin


def test_resolve_prefers_the_user_file(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (user / "warm-up.toml").write_text(routine_text("Mine"), encoding="utf-8")
    routine = resolve("warm-up", builtin, user)
    assert routine.name == "Mine" and not routine.builtin


def test_resolve_a_path(tmp_path: Path, folders: tuple[Path, Path]) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(routine_text("Elsewhere"), encoding="utf-8")
    routine = resolve(str(path), *folders)
    assert routine.id == "elsewhere" and routine.source == path


def test_resolve_a_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(RoutineError, match="no such file"):
        resolve(str(tmp_path / "gone.toml"))


def test_resolve_a_file_that_is_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hi", encoding="utf-8")
    with pytest.raises(RoutineError, match="routine files end in .toml"):
        resolve(str(path))


def test_resolve_an_invalid_routine(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (user / "broken.toml").write_text('name = "x"\n', encoding="utf-8")
    with pytest.raises(RoutineError, match="steps: missing"):
        resolve("broken", builtin, user)


def test_unknown_id_suggests_close_matches(folders: tuple[Path, Path]) -> None:
    with pytest.raises(UnknownRoutineError) as caught:
        resolve("warmup", *folders)
    message = str(caught.value)
    assert message == ('no routine "warmup"; did you mean "warm-up"? See them all with: '
                       "coach routines list")
    assert caught.value.matches == ["warm-up"]


def test_unknown_id_without_matches(folders: tuple[Path, Path]) -> None:
    with pytest.raises(UnknownRoutineError) as caught:
        resolve("zzz", *folders)
    assert str(caught.value) == 'no routine "zzz"; see them all with: coach routines list'


def test_unknown_id_lists_several_matches(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    (user / "warm-up-long.toml").write_text(routine_text("Long"), encoding="utf-8")
    with pytest.raises(UnknownRoutineError, match='"warm-up" or "warm-up-long"'):
        resolve("warm-u", builtin, user)


def test_find_returns_path_and_builtin_flag(folders: tuple[Path, Path]) -> None:
    builtin, user = folders
    assert find("warm-up", builtin, user) == (builtin / "warm-up.toml", True)


@pytest.mark.parametrize(("text", "is_path"), [("warm-up", False), ("a.toml", True),
                                               ("./x", True), ("dir/warm-up", True),
                                               ("C:\\r\\x", True)])
def test_looks_like_path(text: str, is_path: bool) -> None:
    assert looks_like_path(text) is is_path


# -- the shipped built-ins ---------------------------------------------------------------


@pytest.mark.parametrize("path", BUILTINS, ids=lambda path: path.name)
def test_every_builtin_validates(path: Path) -> None:
    routine = load_routine(path, builtin=True)
    assert routine.id == path.stem


def test_catalog_finds_every_builtin() -> None:
    catalog = discover()
    for path in BUILTINS:
        entry = catalog.get(path.stem)
        assert entry is not None and entry.builtin and entry.valid, path


def test_a_bug_in_a_check_is_one_invalid_entry_not_a_stopped_listing(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import coach.routine.catalog as catalog

    def broken(path: Path, *, builtin: bool = False) -> Any:
        if path.stem == "warm-up":
            raise IndexError("a bug")
        return load_routine(path, builtin=builtin)

    monkeypatch.setattr(catalog, "load_routine", broken)
    found = discover(*folders)
    assert [routine.id for routine in found.routines] == ["cool-down"]
    entry = found.get("warm-up")
    assert entry is not None and entry.error is not None
    assert str(entry.error).endswith("could not be checked (IndexError); run coach routines "
                                     "validate on it, and please report this")


@pytest.mark.parametrize("stem", [" ", "\u200b", "new\nline", " padded"])
def test_a_file_name_no_one_could_type_is_listed_as_invalid(tmp_path: Path, stem: str) -> None:
    from coach.routine.catalog import discover

    user = tmp_path / "user"
    user.mkdir()
    (user / f"{stem}.toml").write_text('name = "Fine"\nkind = "warm-up"\n[[steps]]\n'
                                       'name = "Walk"\ntime = "1m"\n', encoding="utf-8")
    (entry,) = [e for e in discover(tmp_path / "none", user) if not e.builtin]
    assert entry.routine is None and entry.error is not None
    assert "rename it" in str(entry.error)
