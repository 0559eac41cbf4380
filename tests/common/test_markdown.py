"""How a clause is cited in a sentence, from its heading path alone."""

from __future__ import annotations

import pytest

from common.markdown import cited_as


@pytest.mark.parametrize(
    ("path", "full", "short"),
    [
        (("附件", "五、附则", "（一）适用范围"), "附则（一）适用范围", "附则（一）"),
        (("附件", "三、保障措施", "（二）资金安排"), "保障措施（二）资金安排", "保障措施（二）"),
        (("行动计划", "（三）协同创新", "9.园区智慧转型行动"), "协同创新9.园区智慧转型行动", "协同创新9."),
        # nothing to number it by, or nothing above it: the heading itself
        (("通知",), "通知", "通知"),
        (("附件", "附则"), "附则", "附则"),
        (("（一）适用范围",), "（一）适用范围", "（一）适用范围"),
        ((), "", ""),
    ],
)
def test_a_clause_is_cited_by_its_part_and_its_number(path: tuple[str, ...], full: str, short: str) -> None:
    assert cited_as(path) == full
    assert cited_as(path, with_title=False) == short
