"""Start-up benchmark of vold against the floor of its stack.

    python bench/run.py                  # full: 1 warm-up + 15 timed runs per case, medians, targets judged
    python bench/run.py --quick          # CI: every case once, nothing judged; exits 1 only if a command fails

Every case runs as a subprocess of the same interpreter (--python, default this one) and the same `vold`
(--vold, default the `vold` next to this interpreter), with stdout and stderr redirected (never a terminal),
COLUMNS=100, NO_COLOR=1, LANG=C.UTF-8, a private VOLD_CACHE_DIR and a private bytecode cache
(PYTHONPYCACHEPREFIX) in a temporary folder; the other PYTHON* and VOLD_* variables are removed, so the shell
that starts the benchmark does not change what is measured. Wall time is taken around spawn and os.wait4;
peak memory is the child's own ru_maxrss from os.wait4. The cases run round-robin in a shuffled order each
round, so load from elsewhere on the machine spreads over all cases instead of hitting one.

Cases: `python -c pass`; the floor app (bench/floor_app.py, a Typer app printing a one-row Rich table); seven vold
commands on the bundled knowledge base; and `vold interventions --phase secondary` on generated knowledge bases
of 1,000 and 10,000 interventions (bench/generate_kb.py, checked with `vold kb validate` before timing), both
warm (cache filled by the warm-up) and cold (an empty VOLD_CACHE_DIR for every run, so each run parses,
validates and writes the cache). A command that does not exist in this vold ("No such command", e.g. `report`
before it is added) is shown as n/a. Results are printed as a table with ratios to the floor app and to
`python -c pass`, then one PASS/MISS line per target (full mode only; informative, the exit status is 0).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR_APP = HERE / "floor_app.py"
GENERATOR = HERE / "generate_kb.py"

QUERY = ["interventions", "--phase", "secondary"]
BUNDLED = [
    ("vold --help", ["--help"]),
    ("vold --help --lang da", ["--help", "--lang", "da"]),  # Click's own words from the Danish gettext catalogue
    ("vold law 109", ["law", "109"]),
    ("vold interventions --phase secondary", QUERY),
    ("vold estimate --municipality Viborg", ["estimate", "--municipality", "Viborg"]),
    ("vold search kaerestevold --lang da", ["search", "kaerestevold", "--lang", "da"]),
    ("vold report --municipality Viborg --format html", ["report", "--municipality", "Viborg", "--format", "html"]),
    ("vold estimate --all --format json", ["estimate", "--all", "--format", "json"]),
    ("vold law 109 --format json", ["law", "109", "--format", "json"]),
    ("vold interventions --phase secondary --format json", [*QUERY, "--format", "json"]),
    ("vold estimate --municipality Viborg --format json", ["estimate", "--municipality", "Viborg", "--format", "json"]),
    ("vold law 109 --lang da", ["law", "109", "--lang", "da"]),
    ("vold interventions --phase sekundær --lang da", ["interventions", "--phase", "sekundær", "--lang", "da"]),
]
#: Cases with a target of their own instead of MAX_WALL_VS_FLOOR: the whole country in one table (issue 14);
#: machine output, which needs no Rich at all (issue 11); a --kb copy of the bundled knowledge on its first run,
#: nothing cached, so it parses and validates the YAML (issue 11).
KB_COPY_COLD = "vold law 109 --kb COPY (first run, nothing cached)"
OWN_WALL_VS_FLOOR = {
    "vold estimate --all --format json": 2.0,
    "vold law 109 --format json": 0.8,
    "vold interventions --phase secondary --format json": 0.8,
    "vold estimate --municipality Viborg --format json": 0.8,
    KB_COPY_COLD: 3.0,
}
SIZES = (1000, 10000)

# Targets from the issue (ratios within one run on one machine).
MAX_WALL_VS_FLOOR = 1.05
MAX_WALL_VS_PASS = 10.0
MAX_MEM_VS_FLOOR = 1.3
MAX_COLD_10K_S = 2.0
MAX_10K_VS_1K = 10.0

PACKAGES = ("vold-cli", "typer", "click", "rich", "pydantic", "pydantic-core", "PyYAML", "shellingham",
            "markdown-it-py", "Pygments", "typing-extensions")


@dataclass
class Case:
    name: str
    argv: list[str]
    group: str  # "ref", "bundled", "size"
    cold: bool = False  # a fresh, empty VOLD_CACHE_DIR for every run
    size: int | None = None
    quiet: bool = False  # prints nothing by design (python -c pass)
    wall: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # seconds, user + system
    rss: list[int] = field(default_factory=list)  # bytes
    output: int = 0  # bytes written to stdout by the checked run
    missing: bool = False  # "No such command": shown as n/a
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.missing and not self.error and bool(self.wall)

    def median_wall(self) -> float:
        return statistics.median(self.wall)

    def median_rss(self) -> float:
        return statistics.median(self.rss)


def child_env(tmp: Path, cache: Path, inherit: bool) -> dict[str, str]:
    env = dict(os.environ)
    if not inherit:
        for name in list(env):
            if name.startswith(("PYTHON", "VOLD_")) or name in ("LC_ALL", "LC_MESSAGES", "FORCE_COLOR", "TERM"):
                del env[name]
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        env["LANG"] = "C.UTF-8"
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "VOLD_CACHE_DIR": str(cache)})
    return env


def spawn(argv: list[str], env: dict[str, str], cwd: Path, stdout_path: Path | None,
          stderr_path: Path) -> tuple[int, float, float, int]:
    """Run argv once; return exit code, wall seconds, CPU seconds and peak RSS in bytes (Linux ru_maxrss is KiB)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    err = open(stderr_path, "wb")  # noqa: SIM115
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
        err.close()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    scale = 1 if sys.platform == "darwin" else 1024
    return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * scale


def run_case(case: Case, env: dict[str, str], tmp: Path, *, check: bool, timed: bool) -> None:
    """One run of a case. `check` keeps its output and verifies it; `timed` records the measurement."""
    if case.missing or case.error:
        return
    run_env = env
    if case.cold:
        fresh = Path(tempfile.mkdtemp(prefix="cold-", dir=tmp))
        run_env = dict(env, VOLD_CACHE_DIR=str(fresh))
    stdout_path = tmp / "stdout" if check else None
    stderr_path = tmp / "stderr"
    code, wall, cpu, rss = spawn(case.argv, run_env, tmp, stdout_path, stderr_path)
    if case.cold:
        shutil.rmtree(fresh, ignore_errors=True)
    if code != 0:
        message = stderr_path.read_text("utf-8", "replace").strip()
        if "No such command" in message:
            case.missing = True
        else:
            case.error = f"exit {code}: {message.splitlines()[-1] if message else '(no message)'}"
        return
    if check:
        case.output = stdout_path.stat().st_size if stdout_path else 0
        if case.output == 0 and not case.quiet:
            case.error = "wrote nothing to stdout"
            return
    if timed:
        case.wall.append(wall)
        case.cpu.append(cpu)
        case.rss.append(rss)


def environment(python: str, vold: str) -> dict[str, str]:
    """Machine, OS and the package versions of the environment under test (asked of --python itself)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    probe = (
        "import json, platform, sys\n"
        "from importlib import metadata\n"
        f"names = {list(PACKAGES)!r}\n"
        "v = {}\n"
        "for n in names:\n"
        "    try: v[n] = metadata.version(n)\n"
        "    except metadata.PackageNotFoundError: pass\n"
        "try:\n"
        "    import yaml; v['libyaml'] = 'yes' if hasattr(yaml, 'CSafeLoader') else 'no'\n"
        "except ImportError: pass\n"
        "print(json.dumps({'python': platform.python_version() + ' (' + platform.python_implementation() + ')',"
        " 'packages': v}))\n"
    )
    info = json.loads(subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout)
    try:
        os_name = platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform())
    except (OSError, AttributeError):
        os_name = platform.platform()
    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical cores",
        "os": f"{os_name}, kernel {platform.release()}",
        "python": info["python"] + f" at {python}",
        "vold": vold,
        "packages": ", ".join(f"{k} {v}" for k, v in info["packages"].items()),
    }


def shebang_python(script: str) -> str | None:
    try:
        with open(script, "rb") as handle:
            first = handle.readline().decode("utf-8", "replace")
    except OSError:
        return None
    return first[2:].strip().split()[0] if first.startswith("#!") and first[2:].strip() else None


def generate(python: str, vold: str, size: int, folder: Path, env: dict[str, str], tmp: Path) -> str:
    """Generate and validate a knowledge base of `size` interventions; return an error message or ''."""
    made = subprocess.run([python, str(GENERATOR), str(size), str(folder)], capture_output=True, text=True,
                          env=env, cwd=tmp)
    if made.returncode != 0:
        return f"generate_kb.py failed: {made.stderr.strip().splitlines()[-1:] or made.returncode}"
    checked = subprocess.run([vold, "kb", "validate", str(folder), "--format", "json"], capture_output=True,
                             text=True, env=env, cwd=tmp)
    if checked.returncode != 0:
        return f"vold kb validate rejects the generated knowledge base: {checked.stderr.strip()}"
    return ""


def import_breakdown(argv: list[str], env: dict[str, str], cwd: Path, repeat: int = 5) -> dict[str, float]:
    """Self import time per top-level package (ms), the minimum over `repeat` runs of `python -X importtime`."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        err = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd).stderr
        totals: dict[str, float] = {}
        for line in err.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
            package = name.split(".")[0]
            totals[package] = totals.get(package, 0.0) + int(self_us) / 1000
        for package, ms in totals.items():
            best[package] = min(best.get(package, ms), ms)
    return best


def print_import_breakdown(python: str, vold: str, env: dict[str, str], cwd: Path) -> None:
    floor = import_breakdown([python, "-X", "importtime", str(FLOOR_APP)], env, cwd)
    law = import_breakdown([python, "-X", "importtime", vold, "law", "109"], env, cwd)
    print("\nimport time by top-level package (ms, self time, min of 5; python -X importtime)")
    print(f"  {'package':<24}{'floor app':>10}{'vold law 109':>14}")
    names = sorted(set(floor) | set(law), key=lambda n: -max(floor.get(n, 0), law.get(n, 0)))
    for name in names[:25]:
        print(f"  {name:<24}{floor.get(name, 0):>10.1f}{law.get(name, 0):>14.1f}")
    print(f"  {'all modules':<24}{sum(floor.values()):>10.1f}{sum(law.values()):>14.1f}")


def fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def report_table(cases: list[Case], floor: Case, bare: Case, timed: bool) -> list[str]:
    head = ["case", "median ms" if timed else "ms (1 run)", "cpu ms", "x floor", "x pass", "peak MB", "mem x floor"]
    rows = []
    for case in cases:
        if case.missing:
            rows.append([case.name, "n/a", "", "", "", "", ""])
            continue
        if not case.ok:
            rows.append([case.name, "FAILED", "", "", "", "", ""])
            continue
        wall, rss = case.median_wall(), case.median_rss()
        rows.append([
            case.name,
            f"{wall * 1000:.1f}",
            f"{statistics.median(case.cpu) * 1000:.1f}",
            fmt_ratio(wall / floor.median_wall()) if floor.ok else "-",
            fmt_ratio(wall / bare.median_wall()) if bare.ok else "-",
            f"{rss / 1e6:.1f}",
            fmt_ratio(rss / floor.median_rss()) if floor.ok else "-",
        ])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    out = [line(head), line(["-" * w for w in widths])]
    out += [line(row) for row in rows]
    return out


def judge(cases: list[Case], floor: Case, bare: Case, sizes: tuple[int, ...]) -> list[str]:
    """One PASS/MISS line per target (informative)."""
    lines: list[str] = []
    bundled = [c for c in cases if c.group == "bundled" and c.ok]

    def verdict(name: str, limit: float, values: list[tuple[str, float]], unit: str = "x") -> None:
        if not values:
            lines.append(f"n/a   {name}: nothing measured")
            return
        worst_name, worst = max(values, key=lambda item: item[1])
        misses = [f"{n} {v:.2f}{unit}" for n, v in values if v > limit]
        state = "PASS" if not misses else "MISS"
        detail = f"worst {worst_name}: {worst:.2f}{unit}"
        if misses:
            detail += f"; over by {worst / limit - 1:.0%} at worst; missing: " + ", ".join(misses)
        lines.append(f"{state}  {name} (limit {limit:g}{unit}): {detail}")

    if floor.ok:
        verdict("wall time vs floor app", MAX_WALL_VS_FLOOR,
                [(c.name, c.median_wall() / floor.median_wall()) for c in bundled if c.name not in OWN_WALL_VS_FLOOR])
        for name, limit in OWN_WALL_VS_FLOOR.items():
            verdict(f"wall time vs floor app, {name}", limit,
                    [(c.name, c.median_wall() / floor.median_wall()) for c in bundled if c.name == name])
        verdict("peak memory vs floor app", MAX_MEM_VS_FLOOR,
                [(c.name, c.median_rss() / floor.median_rss()) for c in bundled])
    if bare.ok:
        verdict("wall time vs python -c pass", MAX_WALL_VS_PASS,
                [(c.name, c.median_wall() / bare.median_wall()) for c in bundled])
    sized = {(c.size, c.cold): c for c in cases if c.group == "size" and c.ok}
    large, small_size = (max(sizes), min(sizes)) if sizes else (None, None)
    cold_big = sized.get((large, True))
    if cold_big:
        verdict(f"{large:,} interventions, cold", MAX_COLD_10K_S,
                [(cold_big.name, cold_big.median_wall())], unit=" s")
    for cold in (True, False):
        big, small = sized.get((large, cold)), sized.get((small_size, cold))
        if big and small and big is not small:
            verdict(f"{large:,} / {small_size:,} time ratio, {'cold' if cold else 'warm'}", MAX_10K_VS_1K,
                    [(f"{big.name} / {small.name}", big.median_wall() / small.median_wall())])
    for case in cases:
        if case.missing:
            lines.append(f"n/a   {case.name}: not a command of this vold")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up benchmark of vold (see BENCHMARKS.md).")
    parser.add_argument("--quick", action="store_true", help="run every case once and judge nothing (CI)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per case (default 15)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed warm-up runs per case (default 1)")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter for python -c pass and the floor app (default: this one)")
    parser.add_argument("--vold", default=None, help="vold to time (default: the vold next to this interpreter)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="generated knowledge-base sizes, comma separated (default 1000,10000; '' for none)")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    parser.add_argument("--inherit-env", action="store_true",
                        help="pass PYTHON*/VOLD_*/locale variables through unchanged (default: removed)")
    parser.add_argument("--importtime", action="store_true",
                        help="also print import time by package for the floor app and vold law 109")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)

    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    vold = args.vold or str(Path(sys.executable).with_name("vold"))
    if not Path(vold).is_file():
        print(f"bench: no vold at {vold}; give --vold PATH", file=sys.stderr)
        return 2
    python = args.python
    runs, warmup = (1, 0) if args.quick else (max(1, args.runs), max(0, args.warmup))

    tmp = Path(tempfile.mkdtemp(prefix="vold-bench-"))
    try:
        env = child_env(tmp, tmp / "cache", args.inherit_env)
        info = environment(python, vold)
        print("vold start-up benchmark" + (" (quick: 1 run per case, no warm-up, so the 'warm' rows are first "
                                           "runs too; nothing judged)" if args.quick else
                                           f" ({warmup} warm-up + {runs} runs per case, medians)"))
        info["load_before"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        for key in ("cpu", "os", "python", "vold", "packages"):
            print(f"  {key + ':':<10}{info[key]}")
        print(f"  {'load:':<10}{info['load_before']} (1, 5, 15 min load average before the run; "
              f"{os.cpu_count()} cores)")
        interpreter = shebang_python(vold)
        if interpreter and Path(interpreter).resolve() != Path(python).resolve():
            print(f"  warning: {vold} runs {interpreter}, not --python {python}; the ratios compare two environments")

        bare = Case("python -c pass", [python, "-c", "pass"], "ref", quiet=True)
        floor = Case("floor app (Typer + Rich table)", [python, str(FLOOR_APP)], "ref")
        cases = [bare, floor] + [Case(name, [vold, *rest], "bundled") for name, rest in BUNDLED]
        copy = tmp / "kb-copy"  # the bundled knowledge as a --kb folder the user owns (what `kb init` writes)
        made = subprocess.run([vold, "kb", "init", str(copy)], capture_output=True, text=True, env=env, cwd=tmp)
        cold_copy = Case(KB_COPY_COLD, [vold, "--kb", str(copy), "law", "109"], "bundled", cold=True)
        cold_copy.error = "" if made.returncode == 0 else f"kb init failed: {made.stderr.strip()}"
        cases.append(cold_copy)
        for size in sizes:
            folder = tmp / f"kb-{size}"
            started = time.perf_counter()
            problem = generate(python, vold, size, folder, env, tmp)
            if problem:
                print(f"  {folder.name}: {problem}")
            else:
                megabytes = (folder / "interventions.yaml").stat().st_size / 1e6
                print(f"  generated {folder.name}: {size:,} interventions, {megabytes:.1f} MB of YAML, valid "
                      f"({time.perf_counter() - started:.1f} s to generate and validate)")
            for cold in (False, True):
                name = f"vold interventions --phase secondary, {size:,} ({'cold' if cold else 'warm'})"
                case = Case(name, [vold, *QUERY, "--kb", str(folder)], "size", cold=cold, size=size)
                case.error = problem
                cases.append(case)
        if args.only:
            cases = [c for c in cases if args.only in c.name or c in (bare, floor)]

        order = list(cases)
        shuffle = random.Random(20130101)
        for round_number in range(warmup + runs):
            shuffle.shuffle(order)
            for case in order:
                run_case(case, env, tmp, check=round_number == 0, timed=round_number >= warmup)
            if not args.quick:
                print(f"\r  round {round_number + 1}/{warmup + runs}", end="", file=sys.stderr, flush=True)
        if not args.quick:
            print(file=sys.stderr)

        info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"\nload average after the run: {info['load_after']}")
        for line in report_table(cases, floor, bare, timed=not args.quick):
            print(line)
        failures = [c for c in cases if c.error]
        for case in failures:
            print(f"FAILED {case.name}: {case.error}")
        if not args.quick:
            print()
            for line in judge(cases, floor, bare, sizes):
                print(line)
        if args.importtime:
            print_import_breakdown(python, vold, env, tmp)
        if args.json:
            args.json.write_text(json.dumps({
                "environment": info, "quick": args.quick, "runs": runs, "warmup": warmup,
                "cases": [{"name": c.name, "missing": c.missing, "error": c.error, "wall_s": c.wall,
                           "cpu_s": c.cpu, "maxrss_bytes": c.rss, "stdout_bytes": c.output} for c in cases],
            }, indent=1) + "\n", encoding="utf-8")
        return 1 if failures else 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
