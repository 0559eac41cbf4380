"""A published policy file (.txt, .md, .html, .docx, .pdf) → a corpus folder: policy.md, meta.yaml, the source.

Example:
    >>> result = import_document(Path("云溪县若干措施.docx"), PROJECT_ROOT / "corpus", place="云溪县")  # doctest: +SKIP
    >>> print(result.report())  # doctest: +SKIP
"""

from indexing.importer.importer import ImportResult, import_document

__all__ = ["ImportResult", "import_document"]
