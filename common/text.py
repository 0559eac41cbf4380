"""Text folding, one place for it: the forms in which text is compared, tokenised or read for amounts.

Example:
    >>> fold("３００万元（ＤＣＭＭ）")
    '300万元(DCMM)'
    >>> fold_word("工业ＡＰＰ")
    '工业app'
    >>> fold_alnum("３００万，ＤＣＭＭ")
    '300万，DCMM'
"""

from __future__ import annotations

import unicodedata

# Full-width digits, letters and signs (３００万, ＤＣＭＭ, ￥) become ASCII; Chinese punctuation stays as typed.
_FULLWIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in "，；：？！（）｛｝［］"}
_FULLWIDTH[0x3000] = " "


def fold(text: str) -> str:
    """NFKC: full-width digits, letters and punctuation to half-width; ideographic spaces to plain ones."""
    return unicodedata.normalize("NFKC", text)


def fold_word(text: str) -> str:
    """The form words are compared and tokenised in: :func:`fold`, then lower case."""
    return fold(text).lower()


def fold_alnum(text: str) -> str:
    """A person's message as shown back to them: full-width letters, digits and signs to ASCII, while Chinese
    punctuation (，；：？！（）) keeps its full-width form; NFC otherwise."""
    return unicodedata.normalize("NFC", text.translate(_FULLWIDTH)).replace("￥", "¥")
