"""What an import remembers: only what it really imported, so a second try says the same."""

from __future__ import annotations

from pathlib import Path

from coach.runs.importer import import_paths
from coach.store import Store
from tests.support import activities as a


def test_a_strava_run_whose_file_is_refused_is_refused_again_the_second_time(
    tmp_path: Path,
) -> None:
    rows = a.strava_csv([a.strava_row(101, a.START, filename="activities/101.fit")])
    export = tmp_path / "export.zip"
    export.write_bytes(a.zipped({"activities.csv": rows, "activities/101.fit": a.fit()[:-40]}))
    with Store.memory() as store:
        first = import_paths([export], store)
        second = import_paths([export], store)
        assert first.line() == second.line() == "0 runs added, 1 bad file"
        assert first.exit_code == second.exit_code == 1
        assert [bad.line() for bad in first.bad] == [bad.line() for bad in second.bad]
        assert "101.fit" in second.bad[0].line() and store.count_runs() == 0
        # Once the file is whole, the same export imports the run.
        export.write_bytes(a.zipped({"activities.csv": rows, "activities/101.fit": a.fit()}))
        third = import_paths([export], store)
        assert (third.line(), third.exit_code) == ("1 run added", 0)
