"""智改数转政策问答助手 — conversation engine and CLI.

The packages beside this one are the pipeline's stages: ``indexing`` (corpus → chunks → hybrid
index), ``tools`` (award calculator, policy search), ``ui`` (Gradio app), ``evals`` (accuracy suites).
"""

__version__ = "0.1.0"
