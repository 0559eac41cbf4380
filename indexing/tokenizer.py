"""Text → BM25 tokens: jieba with the policy's own terms as a user dictionary, folded, lowercased, no stopwords.

The user dictionary is the union of ``corpus/*/terms.txt`` and every string under an ``aliases`` key anywhere
in ``corpus/*/rules.yaml``, so a term such as 智改数转 or 5G全连接工厂 stays one token and a question matches
a clause that uses the same term. Search-mode cutting also emits the dictionary words inside a long word
(5G全连接工厂 → 连接, 工厂, 5g全连接工厂), so a question that uses only part of a term still matches.

Example:
    >>> tok = PolicyTokenizer(["智改数转", "5G全连接工厂"])  # doctest: +SKIP
    >>> "5g全连接工厂" in tok.tokenize("５Ｇ全连接工厂怎么奖？")  # doctest: +SKIP
    True
"""

from __future__ import annotations

import copy
import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import jieba

from common.paths import TERMS_FILE, document_folders
from common.text import fold_word
from indexing.aliases import alias_words

log = logging.getLogger(__name__)

STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")
# Characters jieba keeps inside one word (its re_han_default); a term with any other character, such as the
# brackets of 首台（套）, is indexed in a compact form with those characters removed.
_JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")
_NOT_JIEBA = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")
# A token is kept when it has at least one letter, digit or CJK ideograph (drops punctuation and spaces).
_CONTENTFUL = re.compile(r"[\w\u4E00-\u9FFF]")

_MAX_SUBWORD = 8
_base_lock = threading.Lock()
_base: dict[str, jieba.Tokenizer] = {}
_derived: dict[tuple[int, tuple[str, ...]], jieba.Tokenizer] = {}


class PolicyTokenizer:
    """A private jieba tokenizer (the global ``jieba`` one is left alone) with the policy's terms added."""

    def __init__(
        self,
        user_words: Iterable[str] = (),
        stopwords: Iterable[str] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.user_words = tuple(dict.fromkeys(w.strip() for w in user_words if w and w.strip()))
        self.stopwords = frozenset(
            fold_word(w) for w in (load_stopwords() if stopwords is None else stopwords)
        )
        self._jieba = _with_words(_base_tokenizer(cache_dir), self.user_words)
        # Terms jieba cannot hold as one word: their folded form is rewritten to the compact form before cutting.
        self._rewrites = sorted(
            ((n, c) for n, c in ((fold_word(w), _compact(w)) for w in self.user_words) if n != c and c),
            key=lambda pair: -len(pair[0]),
        )

    def cut(self, text: str) -> list[str]:
        """Folded, lowercased search-mode words, punctuation and stopwords included."""
        text = fold_word(text)
        for long_form, short_form in self._rewrites:
            text = text.replace(long_form, short_form)
        return [
            sub
            for word in self._jieba.cut(text, HMM=True)
            if word.strip()
            for sub in self._search_forms(word)
        ]

    def in_dictionary(self, word: str) -> bool:
        """Whether jieba's dictionary (with the corpus's own words) holds ``word``: a piece cut out of a typo
        ("车问" from 智能车问) is not a word."""
        return bool(self._jieba.FREQ.get(word))

    def _search_forms(self, word: str) -> list[str]:
        """The word, preceded by every dictionary word inside it (jieba's search mode stops at 3 characters,
        which would lose 智改数转 inside 智改数转贷)."""
        forms: list[str] = []
        if len(word) > 2:
            freq = self._jieba.FREQ
            for size in range(2, min(len(word), _MAX_SUBWORD + 1)):
                forms.extend(w for i in range(len(word) - size + 1) if freq.get(w := word[i : i + size]))
        forms.append(word)
        return forms

    def tokenize(self, text: str) -> list[str]:
        """Tokens for BM25: :meth:`cut` without punctuation and stopwords."""
        return [w for w in self.cut(text) if w not in self.stopwords and _CONTENTFUL.search(w)]

    def tokenize_all(self, texts: Iterable[str]) -> list[list[str]]:
        """:meth:`tokenize` of each text, each distinct line cut once. Exact: jieba cuts at a line break, and no
        folding or rewrite crosses one. A corpus of near-identical documents repeats heading paths and whole
        sentences, so an index build cuts far fewer lines than it indexes."""
        lines: dict[str, list[str]] = {}
        out = []
        for text in texts:
            tokens: list[str] = []
            for line in text.split("\n"):
                cut = lines.get(line)
                if cut is None:
                    cut = lines[line] = self.tokenize(line)
                tokens.extend(cut)
            out.append(tokens)
        return out


def _compact(word: str) -> str:
    return _NOT_JIEBA.sub("", fold_word(word))


def _base_tokenizer(cache_dir: Path | None) -> jieba.Tokenizer:
    """jieba's main dictionary, loaded once per process (≈1 s to build, ≈0.4 s from the marshal cache that the
    first caller's ``cache_dir`` holds)."""
    key = "base"
    with _base_lock:
        if key not in _base:
            logging.getLogger("jieba").setLevel(logging.WARNING)  # jieba logs its loading at DEBUG to stderr
            tk = jieba.Tokenizer()
            if cache_dir is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                tk.tmp_dir = str(cache_dir)
                tk.cache_file = "jieba.cache"
            tk.initialize()
            _base[key] = tk
        return _base[key]


def _with_words(base: jieba.Tokenizer, words: tuple[str, ...]) -> jieba.Tokenizer:
    """A copy of ``base`` with ``words`` added; one per word list, so reopening an index costs nothing."""
    key = (id(base), words)
    with _base_lock:
        if key not in _derived:
            tk = copy.copy(base)
            tk.FREQ = dict(base.FREQ)  # add_word changes FREQ and total only; the base stays untouched
            tk.user_word_tag_tab = dict(base.user_word_tag_tab)
            tk.lock = threading.RLock()
            for word in words:
                compact = _compact(word)
                if compact:
                    tk.add_word(compact)
            _derived[key] = tk
        return _derived[key]


def load_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    return frozenset(_read_word_lines(path))


def load_terms(corpus_dir: Path) -> list[str]:
    """Every word of every ``corpus/*/terms.txt`` (the policies' own terms), in folder order."""
    words: list[str] = []
    for folder in document_folders(corpus_dir):
        terms = folder / TERMS_FILE
        if terms.is_file():
            words.extend(_read_word_lines(terms))
    return words


def load_user_words(corpus_dir: Path) -> list[str]:
    """Union of every ``corpus/*/terms.txt`` and the ``aliases`` strings of every ``corpus/*/rules.yaml``."""
    return list(dict.fromkeys([*load_terms(corpus_dir), *alias_words(corpus_dir)]))


def _read_word_lines(path: Path) -> list[str]:
    """One word per line (jieba's ``word [freq] [tag]`` format is accepted; only the word is used)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("%s: cannot read word list (%s); ignored", path, exc)
        return []
    return [line.split()[0] for line in lines if line.strip() and not line.lstrip().startswith("#")]
