"""The content-hash manifest decides what a refresh embeds and deletes."""

from __future__ import annotations

from pathlib import Path

from indexing.manifest import Manifest, chunk_hash
from indexing.types import Chunk


def _chunk(cid: str, text: str) -> Chunk:
    return Chunk(chunk_id=cid, clause_id=cid.split("/")[0], doc_id="d", path=("A", cid), text=text)


def test_plan_embeds_new_changed_and_lost_chunks_and_deletes_gone_ones() -> None:
    old = [_chunk("a/0", "甲"), _chunk("b/0", "乙"), _chunk("c/0", "丙"), _chunk("gone/0", "旧")]
    manifest = Manifest.for_chunks(old, "e5")
    new = [_chunk("a/0", "甲"), _chunk("b/0", "乙改"), _chunk("c/0", "丙"), _chunk("new/0", "新")]
    plan = manifest.plan(
        new, stored_ids={"a/0", "b/0", "gone/0"}
    )  # c/0 is in the manifest but the store lost it
    assert sorted(c.chunk_id for c in plan.to_embed) == ["b/0", "c/0", "new/0"]
    assert plan.to_delete == ["gone/0"]
    assert plan.unchanged == 1


def test_the_hash_covers_path_text_and_embedder() -> None:
    base = _chunk("a/0", "甲")
    assert chunk_hash(base, "e5") == chunk_hash(_chunk("a/0", "甲"), "e5")
    assert chunk_hash(base, "e5") != chunk_hash(base, "minilm")
    moved = Chunk(chunk_id="a/0", clause_id="a", doc_id="d", path=("B", "a/0"), text="甲")
    assert chunk_hash(base, "e5") != chunk_hash(moved, "e5")


def test_save_load_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "m" / "manifest.json"
    m = Manifest.for_chunks([_chunk("a/0", "甲")], "e5")
    m.save(path)
    assert Manifest.load(path, "e5") == m
    assert Manifest.load(path, "other").entries == {}, "another embedder's manifest means: embed everything"
    path.write_text("{not json", encoding="utf-8")
    assert Manifest.load(path, "e5").entries == {}
    assert Manifest.load(tmp_path / "missing.json", "e5").entries == {}
