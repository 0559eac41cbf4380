"""Answer-accuracy suites, their judge and runner, and the benchmarks."""
