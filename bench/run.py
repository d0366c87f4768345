"""Start-up benchmark of vold against the floor of its stack, in a pipe and at a terminal.

    python bench/run.py                  # full: 1 warm-up + 15 paired runs per case, medians, targets judged
    python bench/run.py --quick          # CI: 1 warm-up + 1 paired run per case; nothing judged; exit 1 only if a
                                         # command fails

Every case runs as a subprocess of the same interpreter (--python, default this one) and the same `vold`
(--vold, default the `vold` next to this interpreter), with COLUMNS=100, LANG=C.UTF-8, a private VOLD_CACHE_DIR
and a private bytecode cache (PYTHONPYCACHEPREFIX) in a temporary folder; the other PYTHON* and VOLD_* variables
are removed, so the shell that starts the benchmark does not change what is measured.

Two ways out: "pipe" (stdout to a file, NO_COLOR=1: what a script sees) and "tty" (stdout a pseudo-terminal,
TERM=xterm-256color, colour on: what a person sees at a terminal). The floor app (bench/floor_app.py, a Typer app
printing a one-row Rich table) runs the same way as the case it is compared with.

Paired runs: every timed run of a case is paired with a run of the floor app made right before it, the same way
out; a case's ratio is the median of its per-pair CPU-time ratios (user + system, from os.wait4), so load from
elsewhere on this shared machine lands on both halves of a pair. Wall time is shown too. Every case, the floor
included, gets its warm-up run(s) first (bytecode caches compiled, the knowledge cache filled), so "warm" rows are
warm. The order of the cases is shuffled each round.

Cases: `python -c pass`; the floor app; vold commands on the bundled knowledge base (pipe and tty); `check` with 10
and 2,000 offers; `--format xlsx -o FILE`; a --kb copy on its first run; `interventions` and `search` on generated
knowledge bases of 1,000 and 10,000 interventions (bench/generate_kb.py), warm and cold. A command that does not
exist in this vold ("No such command") is shown as n/a.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR_APP = HERE / "floor_app.py"
GENERATOR = HERE / "generate_kb.py"

QUERY = ["interventions", "--phase", "secondary"]
SEARCH = ["search", "superbrugere", "--lang", "da"]  # a word one view prints: the search, not thousands of hits, is timed
#: Bundled-knowledge commands; each runs in a pipe and (those marked True) at a terminal too.
BUNDLED: list[tuple[str, list[str], bool]] = [
    ("vold --help", ["--help"], True),
    ("vold --help --lang da", ["--help", "--lang", "da"], True),  # Click's own words from the Danish gettext catalogue
    ("vold law 109", ["law", "109"], True),
    ("vold interventions --phase secondary", QUERY, True),
    ("vold estimate --municipality Viborg", ["estimate", "--municipality", "Viborg"], True),
    ("vold estimate --all --lang da", ["estimate", "--all", "--lang", "da"], True),
    ("vold search kaerestevold --lang da", ["search", "kaerestevold", "--lang", "da"], True),
    ("vold map", ["map"], True),
    ("vold law 109 --lang da", ["law", "109", "--lang", "da"], True),
    ("vold interventions --phase sekundær --lang da", ["interventions", "--phase", "sekundær", "--lang", "da"], True),
    ("vold check OFFERS10 -m Viborg", ["check", "OFFERS10", "-m", "Viborg"], True),
    ("vold report --municipality Viborg --format html", ["report", "--municipality", "Viborg", "--format", "html"],
     False),
    ("vold estimate --all --format json", ["estimate", "--all", "--format", "json"], False),
    ("vold law 109 --format json", ["law", "109", "--format", "json"], False),
    ("vold interventions --phase secondary --format json", [*QUERY, "--format", "json"], False),
    ("vold estimate --municipality Viborg --format json", ["estimate", "--municipality", "Viborg", "--format", "json"],
     False),
]
XLSX = "vold estimate -m Viborg --format xlsx -o FILE"
CHECK_2000 = "vold check OFFERS2000 -m Viborg"
KB_COPY_COLD = "vold law 109 --kb COPY (first run, nothing cached)"
SIZES = (1000, 10000)

# Targets of issue 24: CPU-time ratio to the floor app, paired, the same way out (pipe or tty).
MAX_CPU_VS_FLOOR = 0.85  # every bundled command, in a pipe and at a terminal with colour; check with 10 offers
OWN_CPU_VS_FLOOR = {
    XLSX: 1.2,
    CHECK_2000: 3.0,
    KB_COPY_COLD: 3.0,  # issue 11: the first run of a --kb folder parses and validates the YAML
    "vold estimate --all --format json": 2.0,  # issue 14
}
MAX_SEARCH_10K_VS_FLOOR = 5.0
MAX_SEARCH_PER_1000 = 0.1  # what each further 1,000 interventions may add to search, x floor
MAX_MEM_VS_FLOOR = 1.3

PACKAGES = ("vold-cli", "typer", "click", "rich", "pydantic", "pydantic-core", "PyYAML", "shellingham",
            "markdown-it-py", "Pygments", "typing-extensions", "openpyxl")


@dataclass
class Case:
    name: str
    argv: list[str]
    group: str  # "ref", "bundled", "size"
    tty: bool = False  # stdout is a pseudo-terminal, colour on
    cold: bool = False  # a fresh, empty VOLD_CACHE_DIR for every run
    size: int | None = None
    quiet: bool = False  # prints nothing by design (python -c pass)
    wall: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # seconds, user + system
    rss: list[int] = field(default_factory=list)  # bytes
    pair_cpu: list[float] = field(default_factory=list)  # this run's CPU / its paired floor run's CPU
    pair_wall: list[float] = field(default_factory=list)
    pair_rss: list[float] = field(default_factory=list)
    output: int = 0  # bytes written to stdout by the checked run
    missing: bool = False  # "No such command": shown as n/a
    error: str = ""

    @property
    def way(self) -> str:
        return "tty" if self.tty else "pipe"

    @property
    def label(self) -> str:
        return f"{self.name} [{self.way}]"

    @property
    def ok(self) -> bool:
        return not self.missing and not self.error and bool(self.wall)

    def median_wall(self) -> float:
        return statistics.median(self.wall)

    def median_rss(self) -> float:
        return statistics.median(self.rss)

    def ratio(self) -> float | None:
        """Median of the paired CPU ratios to the floor app (None for the references)."""
        return statistics.median(self.pair_cpu) if self.pair_cpu else None


def child_env(tmp: Path, cache: Path, inherit: bool) -> dict[str, str]:
    env = dict(os.environ)
    if not inherit:
        for name in list(env):
            if name.startswith(("PYTHON", "VOLD_")) or name in ("LC_ALL", "LC_MESSAGES", "FORCE_COLOR", "TERM",
                                                              "NO_COLOR"):
                del env[name]
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        env["LANG"] = "C.UTF-8"
    env.update({"COLUMNS": "100", "VOLD_CACHE_DIR": str(cache)})
    return env


def way_env(env: dict[str, str], tty: bool) -> dict[str, str]:
    """A pipe: NO_COLOR=1. A terminal: TERM=xterm-256color and colour on (what a person at a terminal gets)."""
    if tty:
        out = {k: v for k, v in env.items() if k != "NO_COLOR"}
        out["TERM"] = "xterm-256color"
        return out
    return dict(env, NO_COLOR="1")


def spawn(argv: list[str], env: dict[str, str], cwd: Path, stdout_path: Path | None,
          stderr_path: Path, tty: bool = False) -> tuple[int, float, float, int]:
    """Run argv once; return exit code, wall seconds, CPU seconds and peak RSS in bytes (Linux ru_maxrss is KiB).
    With `tty`, stdout is the slave side of a pseudo-terminal, drained by a thread (and kept when asked)."""
    err = open(stderr_path, "wb")  # noqa: SIM115
    master = slave = -1
    drained: list[bytes] = []
    reader = None
    if tty:
        master, slave = pty.openpty()
        out: object = slave

        def drain() -> None:
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the last writer closed
                    return
                if not chunk:
                    return
                drained.append(chunk)

        reader = threading.Thread(target=drain, daemon=True)
    else:
        out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        if reader:
            reader.start()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd)
        if tty:
            os.close(slave)
            slave = -1
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    finally:
        if slave >= 0:
            os.close(slave)
        if reader:
            reader.join(timeout=10)
            os.close(master)
        elif stdout_path:
            out.close()  # type: ignore[attr-defined]
        err.close()
    if tty and stdout_path:
        stdout_path.write_bytes(b"".join(drained))
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    scale = 1 if sys.platform == "darwin" else 1024
    return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * scale


def run_case(case: Case, env: dict[str, str], tmp: Path, *, check: bool, timed: bool,
             floor: Case | None = None) -> None:
    """One run of a case. `check` keeps its output and verifies it; `timed` records the measurement. With
    `floor`, the floor app runs first, the same way out, and the pair's ratios are recorded."""
    if case.missing or case.error:
        return
    base = floor.measure(env, tmp) if floor is not None and timed else None  # type: ignore[attr-defined]
    result = measure_once(case, env, tmp, check=check)
    if result is None or not timed:
        return
    wall, cpu, rss = result
    case.wall.append(wall)
    case.cpu.append(cpu)
    case.rss.append(rss)
    if base is not None:
        case.pair_wall.append(wall / base[0])
        case.pair_cpu.append(cpu / base[1])
        case.pair_rss.append(rss / base[2])


def measure_once(case: Case, env: dict[str, str], tmp: Path, *, check: bool = False
                 ) -> tuple[float, float, int] | None:
    run_env = way_env(env, case.tty)
    if case.cold:
        fresh = Path(tempfile.mkdtemp(prefix="cold-", dir=tmp))
        run_env = dict(run_env, VOLD_CACHE_DIR=str(fresh))
    stdout_path = tmp / "stdout" if check else None
    stderr_path = tmp / "stderr"
    code, wall, cpu, rss = spawn(case.argv, run_env, tmp, stdout_path, stderr_path, tty=case.tty)
    if case.cold:
        shutil.rmtree(fresh, ignore_errors=True)
    if code != 0:
        message = stderr_path.read_text("utf-8", "replace").strip()
        if "No such command" in message:
            case.missing = True
        else:
            case.error = f"exit {code}: {message.splitlines()[-1] if message else '(no message)'}"
        return None
    if check:
        case.output = stdout_path.stat().st_size if stdout_path else 0
        if case.output == 0 and not case.quiet:
            case.error = "wrote nothing to stdout"
            return None
    return wall, cpu, rss


class Floor:
    """The floor app, run right before each timed run of a case, the same way out (pipe or tty)."""

    def __init__(self, python: str) -> None:
        self.cases = {tty: Case("floor app (Typer + Rich table)", [python, str(FLOOR_APP)], "ref", tty=tty)
                      for tty in (False, True)}

    def way(self, tty: bool) -> _FloorWay:
        return _FloorWay(self.cases[tty])


class _FloorWay:
    def __init__(self, case: Case) -> None:
        self.case = case

    def measure(self, env: dict[str, str], tmp: Path) -> tuple[float, float, int]:
        result = measure_once(self.case, env, tmp)
        if result is None:
            raise SystemExit(f"bench: the floor app failed: {self.case.error}")
        wall, cpu, rss = result
        self.case.wall.append(wall)
        self.case.cpu.append(cpu)
        self.case.rss.append(rss)
        return wall, cpu, rss


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


def report_table(cases: list[Case], timed: bool) -> list[str]:
    head = ["case", "way", "median ms" if timed else "ms (1 run)", "cpu ms", "cpu x floor (paired)",
            "wall x floor (paired)", "peak MB", "mem x floor"]
    rows = []
    for case in cases:
        if case.missing:
            rows.append([case.name, case.way, "n/a", "", "", "", "", ""])
            continue
        if not case.ok:
            rows.append([case.name, case.way, "FAILED", "", "", "", "", ""])
            continue
        rows.append([
            case.name, case.way,
            f"{case.median_wall() * 1000:.1f}",
            f"{statistics.median(case.cpu) * 1000:.1f}",
            fmt_ratio(case.ratio()),
            fmt_ratio(statistics.median(case.pair_wall) if case.pair_wall else None),
            f"{case.median_rss() / 1e6:.1f}",
            fmt_ratio(statistics.median(case.pair_rss) if case.pair_rss else None),
        ])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    out = [line(head), line(["-" * w for w in widths])]
    out += [line(row) for row in rows]
    return out


def judge(cases: list[Case], sizes: tuple[int, ...]) -> list[str]:
    """One PASS/MISS line per target of issue 24 (informative; paired CPU ratios)."""
    lines: list[str] = []
    bundled = [c for c in cases if c.group == "bundled" and c.ok and c.ratio() is not None]

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

    for tty in (False, True):
        way = "at a terminal with colour" if tty else "in a pipe"
        verdict(f"CPU vs floor app, paired, {way}", MAX_CPU_VS_FLOOR,
                [(c.name, c.ratio() or 0.0) for c in bundled if c.tty == tty and c.name not in OWN_CPU_VS_FLOOR])
    for name, limit in OWN_CPU_VS_FLOOR.items():
        verdict(f"CPU vs floor app, paired, {name}", limit,
                [(c.label, c.ratio() or 0.0) for c in bundled if c.name == name])
    verdict("peak memory vs floor app, paired", MAX_MEM_VS_FLOOR,
            [(c.label, statistics.median(c.pair_rss)) for c in bundled if c.pair_rss and not c.cold])
    searched = {c.size: c for c in cases if c.group == "size" and c.ok and c.name.startswith("vold search")
                and not c.cold and c.ratio() is not None}
    if sizes:
        large, small = max(sizes), min(sizes)
        if large in searched:
            verdict(f"search over {large:,} interventions (warm), CPU vs floor", MAX_SEARCH_10K_VS_FLOOR,
                    [(searched[large].label, searched[large].ratio() or 0.0)])
        if large in searched and small in searched and large != small:
            slope = ((searched[large].ratio() or 0.0) - (searched[small].ratio() or 0.0)) / ((large - small) / 1000)
            verdict("search: x floor added by each further 1,000 interventions", MAX_SEARCH_PER_1000,
                    [(f"({searched[large].name} - {searched[small].name}) / {(large - small) // 1000}", slope)])
    for case in cases:
        if case.missing:
            lines.append(f"n/a   {case.label}: not a command of this vold")
    return lines


def write_offers(path: Path, count: int, vold: str, env: dict[str, str], tmp: Path) -> str:
    """A semicolon CSV of `count` offers, as a planner's sheet: names built from the knowledge's interventions
    (Danish names), so every offer is matched the way a real one is. Returns an error message or ''."""
    listed = subprocess.run([vold, "interventions", "--format", "json", "--lang", "da"], capture_output=True,
                            text=True, env=way_env(env, False), cwd=tmp)
    if listed.returncode != 0:
        return f"vold interventions --format json failed: {listed.stderr.strip()}"
    data = json.loads(listed.stdout)
    items = data if isinstance(data, list) else data.get("interventions", [])
    names = [item.get("name") for item in items if isinstance(item, dict)]
    names = [n if isinstance(n, str) else (n or {}).get("da", "") for n in names]
    names = [n for n in names if n] or ["Kvindekrisecentre"]
    rows = ["tilbud;indsats;fase;målgruppe;pladser;lov"]
    for i in range(count):
        rows.append(f"Tilbud {i + 1};{names[i % len(names)]};;;;")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up benchmark of vold (see BENCHMARKS.md).")
    parser.add_argument("--quick", action="store_true",
                        help="1 warm-up and 1 paired run per case, nothing judged (CI)")
    parser.add_argument("--runs", type=int, default=15, help="timed (paired) runs per case (default 15)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed warm-up runs per case (default 1)")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter for python -c pass and the floor app (default: this one)")
    parser.add_argument("--vold", default=None, help="vold to time (default: the vold next to this interpreter)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="generated knowledge-base sizes, comma separated (default 1000,10000; '' for none)")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    parser.add_argument("--no-tty", action="store_true", help="skip the terminal (pseudo-terminal) cases")
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
    runs, warmup = (1, 1) if args.quick else (max(1, args.runs), max(1, args.warmup))

    tmp = Path(tempfile.mkdtemp(prefix="vold-bench-"))
    try:
        env = child_env(tmp, tmp / "cache", args.inherit_env)
        info = environment(python, vold)
        print("vold start-up benchmark" + (" (quick: 1 warm-up + 1 paired run per case; nothing judged)"
                                           if args.quick else
                                           f" ({warmup} warm-up + {runs} paired runs per case, medians)"))
        info["load_before"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        for key in ("cpu", "os", "python", "vold", "packages"):
            print(f"  {key + ':':<10}{info[key]}")
        print(f"  {'load:':<10}{info['load_before']} (1, 5, 15 min load average before the run; "
              f"{os.cpu_count()} cores)")
        interpreter = shebang_python(vold)
        if interpreter and Path(interpreter).resolve() != Path(python).resolve():
            print(f"  warning: {vold} runs {interpreter}, not --python {python}; the ratios compare two environments")

        floor = Floor(python)
        bare = Case("python -c pass", [python, "-c", "pass"], "ref", quiet=True)
        offers = {10: tmp / "offers-10.csv", 2000: tmp / "offers-2000.csv"}
        problem = ""
        for count, path in offers.items():
            problem = problem or write_offers(path, count, vold, env, tmp)

        def resolve(rest: list[str]) -> list[str]:
            return [str(offers[10]) if a == "OFFERS10" else str(offers[2000]) if a == "OFFERS2000" else a
                    for a in rest]

        cases: list[Case] = [bare]
        for name, rest, at_terminal in BUNDLED:
            for tty in ((False, True) if at_terminal and not args.no_tty else (False,)):
                case = Case(name, [vold, *resolve(rest)], "bundled", tty=tty)
                case.error = problem if "OFFERS" in " ".join(rest) else ""
                cases.append(case)
        big = Case(CHECK_2000, [vold, "check", str(offers[2000]), "-m", "Viborg"], "bundled")
        big.error = problem
        cases.append(big)
        cases.append(Case(XLSX, [vold, "estimate", "-m", "Viborg", "--format", "xlsx", "-o",
                                 str(tmp / "out.xlsx"), "--force"], "bundled", quiet=True))
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
            case = Case(f"vold search superbrugere --lang da, {size:,} (warm)", [vold, *SEARCH, "--kb", str(folder)],
                        "size", size=size)
            case.error = problem
            cases.append(case)
        if args.only:
            cases = [c for c in cases if args.only in c.name or c is bare]

        # warm-up: every case and both floors, untimed (bytecode compiled, knowledge caches filled)
        for _ in range(warmup):
            for case in [*floor.cases.values(), *cases]:
                measure_once(case, env, tmp, check=True)
        order = list(cases)
        shuffle = random.Random(20130101)
        for round_number in range(runs):
            shuffle.shuffle(order)
            for case in order:
                pair = None if case is bare else floor.way(case.tty)
                run_case(case, env, tmp, check=False, timed=True, floor=pair)  # type: ignore[arg-type]
            if not args.quick:
                print(f"\r  round {round_number + 1}/{runs}", end="", file=sys.stderr, flush=True)
        if not args.quick:
            print(file=sys.stderr)

        info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"\nload average after the run: {info['load_after']}")
        shown = [floor.cases[False], *([floor.cases[True]] if floor.cases[True].wall else []), *cases]
        for line in report_table(shown, timed=not args.quick):
            print(line)
        failures = [c for c in cases if c.error]
        for case in failures:
            print(f"FAILED {case.label}: {case.error}")
        if not args.quick:
            print()
            for line in judge(cases, sizes):
                print(line)
        if args.importtime:
            print_import_breakdown(python, vold, env, tmp)
        if args.json:
            args.json.write_text(json.dumps({
                "environment": info, "quick": args.quick, "runs": runs, "warmup": warmup,
                "cases": [{"name": c.name, "way": c.way, "missing": c.missing, "error": c.error, "wall_s": c.wall,
                           "cpu_s": c.cpu, "maxrss_bytes": c.rss, "pair_cpu": c.pair_cpu, "pair_wall": c.pair_wall,
                           "stdout_bytes": c.output} for c in shown],
            }, indent=1) + "\n", encoding="utf-8")
        return 1 if failures else 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
