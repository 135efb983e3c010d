"""A backup's manifest still verifies after models moved app (decisions → documents)."""

from documents import archive

OLD_NAMES = {new: old for old, new in archive.MOVED_MODELS.items()}


def written_before_the_move(manifest: dict) -> dict:
    return {**manifest, "tables": {OLD_NAMES.get(name, name): count for name, count in manifest["tables"].items()}}


def test_a_manifest_that_names_the_register_under_decisions_verifies(db):
    expected = written_before_the_move(archive.manifest())
    assert "decisions.RegisterEntry" in expected["tables"]
    assert archive.compare_with_manifest(expected) == []


def test_a_count_that_differs_under_the_old_name_is_still_named(db):
    expected = written_before_the_move(archive.manifest())
    expected["tables"]["decisions.RegisterEntry"] += 1
    problems = archive.compare_with_manifest(expected)
    assert [problem.where for problem in problems] == ["table documents.RegisterEntry"]
