"""The app over a corpus of two policies, in a real browser: the header names both, the document selector
chooses which one answers, and 政策原文 lists both."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from assistant.settings import PROJECT_ROOT, Settings
from tests.ui.conftest import RunningApp, free_port, launched, open_page
from tests.ui.test_app_browser import TIMEOUT, ask

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

SECOND = PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "yunxi-2023-8"


@pytest.fixture(scope="module")
def two_doc_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    from assistant.engine import Assistant

    corpus = tmp_path_factory.mktemp("two-docs") / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    shutil.copytree(SECOND, corpus / SECOND.name)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("two-docs-data"), corpus_dir=corpus, port=free_port(), _env_file=None
    )  # type: ignore[call-arg]
    with launched(settings, Assistant.from_settings(settings)) as running:
        yield running


def test_the_selector_chooses_the_document_that_answers(browser: Any, two_doc_app: RunningApp) -> None:
    context, p = open_page(browser, two_doc_app.url)
    try:
        page = p.page
        header = page.locator("#app-header").inner_text()
        assert "泰兴市" in header and "云溪县" in header and "云政发〔2023〕8号" in header

        first = ask(p, "云溪县的贷款贴息每年最高多少？")  # "all": the place named decides
        assert "150万元" in first.inner_text() and "云政发〔2023〕8号" in first.inner_text()

        p.shot("two-documents-first")
        page.locator("#doc-select").click()
        page.get_by_role("option", name="泰兴市 泰政办发〔2022〕25号").click()
        second = ask(p, "贷款贴息每年最高多少？")  # no place named: the selector decides
        assert "100万元" in second.inner_text() and "云政发" not in second.inner_text()
        p.shot("two-documents-selector")

        page.get_by_role("tab", name="政策原文").click()
        view = page.locator("#policy-view")
        view.wait_for(timeout=TIMEOUT)
        text = view.inner_text()
        assert "泰政办发〔2022〕25号" in text and "云政发〔2023〕8号" in text  # every document is listed
    finally:
        context.close()
