"""Speed benchmarks: build time, warm latency, cold start, memory, growth with corpus size, and a stock
LangChain pipeline side by side. ``python -m evals bench --report DIR`` (see evals/bench/cli.py)."""
