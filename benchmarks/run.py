"""Run every benchmark; each prints ratios against a baseline run in the same process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
for script in (
    "bench_extract.py",
    "bench_long_article.py",
    "bench_store.py",
    "bench_analyze.py",
    "bench_web.py",
    "bench_scale.py",
    "bench_parallel.py",
):
    print(f"== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
