"""The words people use for the policy's clauses, read from ``corpus/*/rules.yaml`` (written for the planner and
the calculator; this module only reads it, defensively).

Two uses:

* every string under any key named ``aliases`` joins the jieba user dictionary (:func:`alias_words`);
* an entry that has both ``clause`` (a heading path) and ``aliases`` routes questions using those words to that
  clause (:func:`clause_aliases`, :class:`AliasRouter`), so a question in everyday words (叠加享受, 过期) still
  has the clause written in the policy's words (就高不重复, 有效期) among its hits.

Example:
    >>> clause_aliases(PROJECT_ROOT / "corpus")  # doctest: +SKIP
    {('yunxi-2023-8', ('附件', '五、附则', '（四）实施期限')): ['有效期', '到期', ...], ...}
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import yaml

from common.paths import RULES_FILE, document_folders
from common.text import fold_word

log = logging.getLogger(__name__)

# An alias such as 智能车间/工厂建设投入 names two phrasings; each part is a word of its own.
_SEPARATORS = re.compile(r"[/|、,，;；\s]+")
_MAX_WORD = 30  # longer strings are sentences, not words
_MIN_ALIAS = 2  # one character (省, 国) says nothing about which clause is meant


def _rules_files(corpus_dir: Path) -> list[tuple[str, Path]]:
    """(folder name, rules.yaml) for every document folder that has one."""
    return [
        (folder.name, folder / RULES_FILE)
        for folder in document_folders(corpus_dir)
        if (folder / RULES_FILE).is_file()
    ]


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        log.warning("%s: cannot read aliases (%s); ignored", path, " ".join(str(exc).split()))
        return None


def _strings(node: Any) -> list[str]:
    """Every string in a node (dict keys included), split into words."""
    if isinstance(node, str | int | float) and not isinstance(node, bool):
        return [w for w in _SEPARATORS.split(str(node)) if w and len(w) <= _MAX_WORD]
    if isinstance(node, dict):
        return [w for k, v in node.items() for w in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [w for item in node for w in _strings(item)]
    return []


def _alias_nodes(node: Any) -> list[tuple[Any, Any]]:
    """(the mapping that holds an ``aliases`` key, its aliases value), anywhere in the tree."""
    found: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "aliases":
                found.append((node, value))
            else:
                found.extend(_alias_nodes(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_alias_nodes(item))
    return found


def alias_words(corpus_dir: Path) -> list[str]:
    """Every alias word of every rules.yaml, in file order, without duplicates."""
    words: list[str] = []
    for _, path in _rules_files(corpus_dir):
        for _, aliases in _alias_nodes(_load(path)):
            words.extend(_strings(aliases))
    return list(dict.fromkeys(words))


def clause_aliases(
    corpus_dir: Path, doc_ids: dict[str, str] | None = None
) -> dict[tuple[str, tuple[str, ...]], list[str]]:
    """(doc_id, heading path) → alias words, for entries that name their clause.

    ``doc_ids`` maps folder name → document id (the file's own ``doc_id`` key wins; the folder name is the
    fallback).
    """
    out: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for folder, path in _rules_files(corpus_dir):
        data = _load(path)
        doc_id = str(data.get("doc_id")) if isinstance(data, dict) and data.get("doc_id") else None
        doc_id = doc_id or (doc_ids or {}).get(folder, folder)
        for holder, aliases in _alias_nodes(data):
            clause = holder.get("clause")
            if isinstance(clause, list) and clause and all(isinstance(h, str) for h in clause):
                key = (doc_id, tuple(h.strip() for h in clause))
                out[key] = list(dict.fromkeys([*out.get(key, []), *_strings(aliases)]))
    return out


class AliasRouter:
    """Which clauses a question names in everyday words: the entries of rules.yaml whose aliases occur in it.

    Used as "best bets": a clause named this way but missing from the fused top hits takes the last slot, so
    the clause the planner will reason from is always among the hits (the ranking above it is left alone).
    """

    def __init__(
        self,
        table: dict[tuple[str, tuple[str, ...]], list[str]],
        clause_ids: dict[tuple[str, tuple[str, ...]], str],
    ):
        self._entries: list[tuple[str, str]] = []  # (folded alias, clause id), longest alias first
        for key, words in table.items():
            clause_id = clause_ids.get(key)
            if clause_id is None:
                log.warning("rules.yaml names a clause that policy.md does not have: %s", " › ".join(key[1]))
                continue
            self._entries.extend((fold_word(w), clause_id) for w in words if len(fold_word(w)) >= _MIN_ALIAS)
        self._entries.sort(key=lambda e: -len(e[0]))

    def __len__(self) -> int:
        return len(self._entries)

    def route(self, text: str) -> list[str]:
        """Clause ids whose aliases occur in ``text``, the one with the longest matching alias first."""
        folded = fold_word(text)
        found: dict[str, int] = {}
        for alias, clause_id in self._entries:
            if clause_id not in found and alias in folded:
                found[clause_id] = len(alias)
        return sorted(found, key=lambda c: -found[c])
