"""Strict nbval under several CPU personalities: the notebooks' outputs must not depend on the processor.

    make test-portable          (or: .venv/bin/python tools/test_portable.py)

A learner's laptop is not the machine that executed the notebooks. OpenBLAS
picks a matrix kernel per CPU and numpy picks SIMD loops per CPU, and results
differ between them in the last bits; a long computation can grow those bits
into printed digits. Each run here sets both explicitly, so the host's own
settings decide nothing:

- OPENBLAS_CORETYPE, the OpenBLAS kernel. A kernel for an instruction set the
  CPU lacks crashes, so a personality runs only where /proc/cpuinfo lists the
  flags it needs; the others are reported as skipped, with the reason.
- NPY_DISABLE_CPU_FEATURES, numpy's dispatch groups turned off (always safe).

Before its tests, every run asks numpy and OpenBLAS (threadpoolctl) what they
really use, and fails if that is not the personality asked for. The
notebooks run under every personality, the student copies under the first two
that run. Two runs at a time, on 2 cores.
"""
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TOP = Path(__file__).resolve().parents[1]
SANITIZE = TOP / "tests" / "nbval-sanitize.cfg"
AVX512_OFF = "X86_V4 AVX512_ICL AVX512_SPR"   # numpy's AVX-512 groups
AVX2_OFF = "X86_V3 " + AVX512_OFF              # and AVX2 with them: numpy's baseline (SSE4.2) only
AVX512_FLAGS = {"avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"}

# name, OpenBLAS kernel, the names OpenBLAS reports for it, numpy groups off, CPU flags the kernel needs,
# the machines it stands for. OpenBLAS runs its Haswell kernels on AMD Zen 2/3 too (OPENBLAS_CORETYPE=Zen
# reports Haswell), and this build reports its plain SSE kernels as Katmai.
PERSONALITIES = [
    ("avx2", "Haswell", {"Haswell"}, AVX512_OFF, {"avx2", "fma"}, "Intel laptops without AVX-512, AMD Zen 2/3"),
    ("avx512", "SkylakeX", {"SkylakeX"}, "", AVX512_FLAGS, "AVX-512 servers (Intel Xeon, AMD Zen 4)"),
    ("avx512-blas", "SkylakeX", {"SkylakeX"}, AVX512_OFF, AVX512_FLAGS, "AVX-512 BLAS with numpy's AVX2 loops"),
    ("avx", "Sandybridge", {"Sandybridge"}, AVX2_OFF, {"avx"}, "older x86 with AVX, no AVX2"),
    ("sse", "Prescott", {"Prescott", "Katmai"}, AVX2_OFF, {"sse3"}, "any x86-64: plain SSE kernels"),
]
STUDENT_RUNS = 2

PROBE = """
import json, numpy
from numpy._core._multiarray_umath import __cpu_features__
try:
    from threadpoolctl import threadpool_info
    kernels = [p.get("architecture") for p in threadpool_info() if p.get("internal_api") == "openblas"]
except ImportError:
    kernels = []
print(json.dumps({"features": __cpu_features__, "kernels": kernels}))
"""


def cpu_flags():
    """The CPU's instruction-set flags from /proc/cpuinfo ('pni' is SSE3 there), or None off Linux."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            return flags | ({"sse3"} if "pni" in flags else set())
    return set()


def environment(kernel, numpy_off):
    """The test environment of `make test`, with the personality set and nothing of the host's CPU settings."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"MPLBACKEND", "OPENBLAS_L2_SIZE", "NPY_ENABLE_CPU_FEATURES"}}
    return env | {"PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1",
                  "OPENBLAS_CORETYPE": kernel, "NPY_DISABLE_CPU_FEATURES": numpy_off}


def verify(env, kernels, numpy_off):
    """'' when numpy and OpenBLAS run as asked in env, else what differs."""
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env)
    if result.returncode:
        return f"the probe failed: {result.stderr.strip()[-300:]}"
    seen = json.loads(result.stdout)
    still_on = [name for name in numpy_off.split() if seen["features"].get(name)]
    if still_on:
        return f"numpy still uses {', '.join(still_on)}"
    if seen["kernels"] and not set(seen["kernels"]) <= kernels:
        return f"OpenBLAS runs {', '.join(seen['kernels'])}, not {' or '.join(sorted(kernels))}"
    return ""


def nbval(env, target, ini=None):
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
               "--nbval-sanitize-with", str(SANITIZE), str(target)]
    if ini:
        command[3:3] = ["-c", str(ini)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=TOP)


def run(personality, students):
    """Verify the personality, then strict nbval over the notebooks (and the student copies if given)."""
    _, kernel, reported, numpy_off, _, _ = personality
    env = environment(kernel, numpy_off)
    start = time.perf_counter()
    wrong = verify(env, reported, numpy_off)
    if wrong:
        return {"notebooks": f"FAIL ({wrong})", "seconds": time.perf_counter() - start, "output": ""}
    result = nbval(env, TOP / "notebooks")
    row = {"notebooks": "pass" if result.returncode == 0 else "FAIL", "output": result.stdout[-6000:]}
    if students is not None:
        ini = students / "pytest.ini"
        copies = nbval(env, students, ini)
        row["students"] = "pass" if copies.returncode == 0 else "FAIL"
        row["output"] += copies.stdout[-4000:]
    row["seconds"] = time.perf_counter() - start
    return row


def main():
    flags = cpu_flags()
    if platform.machine() not in {"x86_64", "AMD64"} or flags is None:
        print(f"test-portable: the personalities are x86-64 OpenBLAS kernels; this is {platform.machine()} "
              f"({platform.system()}). Nothing to run here.")
        return 0
    runnable = [p for p in PERSONALITIES if p[4] <= flags]
    for name, kernel, _, _, needs, _ in PERSONALITIES:
        if not needs <= flags:
            print(f"skipped {name}: the {kernel} kernel needs {', '.join(sorted(needs - flags))}, which this CPU lacks")
    with tempfile.TemporaryDirectory() as folder:
        students = Path(folder)
        subprocess.run([sys.executable, "-m", "mlnotes", "student", "--src", str(TOP / "notebooks"),
                        "--out", str(students)], check=True, capture_output=True)
        (students / "pytest.ini").write_text("[pytest]\n")
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            rows = list(pool.map(lambda i: run(runnable[i], students if i < STUDENT_RUNS else None),
                                 range(len(runnable))))
        total = time.perf_counter() - started

    print(f"\n{'personality':<12} {'OpenBLAS':<12} {'numpy groups off':<36} {'notebooks':<10} "
          f"{'student':<8} {'time':>6}  stands for")
    for (name, kernel, _, numpy_off, _, what), row in zip(runnable, rows):
        print(f"{name:<12} {kernel:<12} {numpy_off or '(none)':<36} {row['notebooks']:<10} "
              f"{row.get('students', '-'):<8} {row['seconds']:5.0f}s  {what}")
    print(f"{len(runnable)} personalities in {total:.0f} s, two at a time")
    failed = [(p[0], r) for p, r in zip(runnable, rows)
              if r["notebooks"] != "pass" or r.get("students", "pass") != "pass"]
    for name, row in failed:
        print(f"\n--- {name} ---\n{row['output']}")
    if len(runnable) < 4:
        print(f"only {len(runnable)} personalities could run on this CPU; the portability check wants 4")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
