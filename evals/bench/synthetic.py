"""Synthetic corpora for the growth benchmark: the real documents plus distractor documents of their own.

A distractor is the real document's heading tree, rewritten for another county: other place names, another
document number and year, other amounts, targets and percentages, headings with their verbs swapped or
borrowed from a sibling, and clause texts spliced from two real clauses of the same part. About half keep the
智改数转 topic (neighbouring counties did publish near-identical plans), the rest move to another topic. The
result is written in the corpus format (one folder per document with meta.yaml and policy.md), so the real
loader, chunker and index read it unchanged.

Documents are generated in a fixed order from one seed, so the 10× corpus is a prefix of the 100× corpus.

Example:
    >>> made = write_synthetic_corpus(PROJECT_ROOT / "corpus", Path("/tmp/c10"), scale=10)  # doctest: +SKIP
    >>> made.total_clauses == 10 * made.real_clauses  # doctest: +SKIP
    True
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from common.errors import AssistantError
from indexing.loader import load_corpus
from indexing.types import Clause

# Jiangsu county-level cities and districts with their prefecture (for 泰州市 → …).
PLACES = [
    ("靖江市", "泰州市"),
    ("兴化市", "泰州市"),
    ("姜堰区", "泰州市"),
    ("海陵区", "泰州市"),
    ("高港区", "泰州市"),
    ("如皋市", "南通市"),
    ("海安市", "南通市"),
    ("启东市", "南通市"),
    ("如东县", "南通市"),
    ("丹阳市", "镇江市"),
    ("句容市", "镇江市"),
    ("扬中市", "镇江市"),
    ("溧阳市", "常州市"),
    ("金坛区", "常州市"),
    ("宜兴市", "无锡市"),
    ("江阴市", "无锡市"),
    ("常熟市", "苏州市"),
    ("张家港市", "苏州市"),
    ("昆山市", "苏州市"),
    ("太仓市", "苏州市"),
    ("邳州市", "徐州市"),
    ("新沂市", "徐州市"),
    ("沛县", "徐州市"),
    ("东台市", "盐城市"),
    ("建湖县", "盐城市"),
    ("高邮市", "扬州市"),
    ("仪征市", "扬州市"),
    ("宝应县", "扬州市"),
    ("沭阳县", "宿迁市"),
    ("泗洪县", "宿迁市"),
    ("盱眙县", "淮安市"),
    ("涟水县", "淮安市"),
    ("东海县", "连云港市"),
    ("灌云县", "连云港市"),
]
# (short name used in the text, full name used in titles); the first is the real topic.
TOPICS = [
    ("智改数转", "制造业智能化改造和数字化转型"),
    ("数字经济", "数字经济高质量发展"),
    ("工业互联网", "工业互联网创新发展"),
    ("绿色制造", "制造业绿色低碳转型"),
    ("专精特新", "专精特新中小企业培育"),
    ("服务型制造", "服务型制造创新发展"),
]
VERBS = {
    "推动": "促进",
    "促进": "推动",
    "强化": "加强",
    "加强": "强化",
    "支持": "鼓励",
    "鼓励": "支持",
    "加快": "加速",
    "提升": "提高",
    "着力": "聚力",
    "引领": "带动",
    "保障": "支撑",
    "打造": "培育",
    "实施": "推进",
    "营造": "构建",
    "创建": "建设",
    "开发": "研发",
}
FACTORS = [0.5, 0.6, 0.8, 1.2, 1.5, 2.0, 2.5]
_NUMBERING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)(.*)$")
_AMOUNT = re.compile(r"(?<![A-Za-z0-9.〔])(\d+(?:\.\d+)?)(?=\s*(?:万元|万|元|%|个|家|台|座|场|项|名))")
_YEAR = re.compile(r"20[12]\d(?=年|〕|—|\)|）)")
_SENTENCE = re.compile(r"(?<=[。；])")


@dataclass(frozen=True)
class SyntheticCorpus:
    corpus_dir: Path
    scale: int
    real_doc_ids: tuple[str, ...]
    real_clauses: int
    synthetic_docs: int
    total_clauses: int


def write_synthetic_corpus(
    real_corpus: Path, out_dir: Path, scale: int, seed: int = 20220407
) -> SyntheticCorpus:
    """Copy the real corpus to ``out_dir`` and add distractor documents until the clause count is ``scale`` ×
    the real one (scale 1 is the real corpus alone). ``out_dir`` must not exist or be empty."""
    if scale < 1:
        raise AssistantError(f"scale must be a positive whole number, got {scale}")
    real = load_corpus(real_corpus)
    if not real.documents:
        raise AssistantError(f"{real_corpus}: no policy document to grow from ({'; '.join(real.problems)})")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise AssistantError(f"{out_dir} is not empty; the synthetic corpus needs a fresh folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    for doc in real.documents:
        shutil.copytree(doc.meta.folder, out_dir / doc.meta.folder.name)

    template = real.documents[0]  # the distractors copy the first real document's shape
    target = scale * len(real.clauses)
    made, total, n = 0, len(real.clauses), 0
    while total < target:
        n += 1
        want = min(len(template.clauses), target - total)
        rng = random.Random(seed * 1000 + n)
        _write_distractor(out_dir, n, list(template.clauses)[:want], list(template.clauses), rng)
        made += 1
        total += want
    return SyntheticCorpus(
        corpus_dir=out_dir,
        scale=scale,
        real_doc_ids=tuple(d.meta.doc_id for d in real.documents),
        real_clauses=len(real.clauses),
        synthetic_docs=made,
        total_clauses=total,
    )


def _write_distractor(
    out_dir: Path, n: int, keep: list[Clause], pool: list[Clause], rng: random.Random
) -> None:
    place, prefecture = PLACES[(n - 1) % len(PLACES)]
    # Past the end of the list the same county "issues" a later edition: another year and number.
    edition = (n - 1) // len(PLACES)
    topic, topic_full = TOPICS[0] if rng.random() < 0.5 else rng.choice(TOPICS[1:])
    year = 2019 + (n + edition) % 6
    factor = rng.choice(FACTORS)
    published = date(year, rng.randint(1, 12), rng.randint(1, 28))
    number = f"{place[0]}政办发〔{year}〕{rng.randint(5, 120)}号"
    issuer = f"{place}人民政府办公室"
    title = f"{issuer}关于印发{place}{topic_full}三年行动计划（{year}—{year + 2}年）的通知"

    def rewrite(text: str) -> str:
        text = text.replace("泰兴市", place).replace("泰兴", _short(place)).replace("泰州市", prefecture)
        text = text.replace("泰政办发", f"{place[0]}政办发").replace("泰政发", f"{place[0]}政发")
        if topic != TOPICS[0][0]:
            text = text.replace("制造业智能化改造和数字化转型", topic_full).replace("智改数转", topic)
        text = _YEAR.sub(lambda m: str(int(m.group()) + year - 2022), text)
        return _AMOUNT.sub(lambda m: _scaled(m.group(1), factor), text)

    by_part: dict[str, list[Clause]] = {}
    for c in pool:
        by_part.setdefault(c.path[0], []).append(c)
    lines: list[str] = []
    written: set[tuple[str, ...]] = set()
    for clause in keep:
        for depth in range(1, len(clause.path) + 1):
            prefix = clause.path[:depth]
            if prefix in written:
                continue
            written.add(prefix)
            heading = _heading(prefix, pool, rng)
            lines += ["", f"{'#' * depth} {rewrite(heading)}", ""]
        donor = rng.choice(by_part[clause.path[0]])
        lines.append(rewrite(_splice(clause.text, donor.text, rng)))
    folder = out_dir / f"synthetic-{n:05d}"
    folder.mkdir()
    (folder / "policy.md").write_text("\n".join(lines).lstrip() + "\n", encoding="utf-8")
    meta = {
        "id": folder.name,
        "title": title,
        "short_title": f"{place}{topic}三年行动计划",
        "number": number,
        "issuer": issuer,
        "place": place,
        "aliases": [_short(place)],
        "published": published.isoformat(),
        "valid_from": published.isoformat(),
        "valid_until": (published.replace(year=published.year + 3) - timedelta(days=1)).isoformat(),
        "contact_department": "市工信局",
        "text_file": "policy.md",
        "synthetic": True,
    }
    (folder / "meta.yaml").write_text(
        "# Synthetic distractor for the growth benchmark (evals/bench/synthetic.py); not a real policy.\n"
        + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def _heading(path: tuple[str, ...], pool: list[Clause], rng: random.Random) -> str:
    """The heading at ``path``: numbered headings keep their number (so siblings stay distinct) and get their
    words from a sibling-level heading now and then, their verbs swapped often."""
    heading = path[-1]
    m = _NUMBERING.match(heading)
    if not m:
        return heading
    number, words = m.groups()
    if rng.random() < 0.3:
        others = [c.path[len(path) - 1] for c in pool if len(c.path) >= len(path) and c.path[0] == path[0]]
        donor = _NUMBERING.match(rng.choice(others)) if others else None
        words = donor.group(2) if donor else words
    if rng.random() < 0.6:
        for old, new in VERBS.items():
            if old in words:
                words = words.replace(old, new, 1)
                break
    return number + words


def _splice(text: str, donor: str, rng: random.Random) -> str:
    """The first part of one clause's sentences followed by the last part of another's."""
    own = [s for s in _SENTENCE.split(text) if s.strip()]
    other = [s for s in _SENTENCE.split(donor) if s.strip()]
    if len(own) < 2 or len(other) < 2 or rng.random() < 0.15:
        return text
    cut_own = rng.randint(1, len(own) - 1)
    cut_other = rng.randint(1, len(other) - 1)
    return "".join(own[:cut_own] + other[cut_other:])


def _scaled(number: str, factor: float) -> str:
    value = float(number) * factor
    if value >= 10:
        return str(round(value))
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _short(place: str) -> str:
    return place[:-1] if len(place) > 2 and place[-1] in "市县区" else place
