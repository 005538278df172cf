"""`make bench`: build a synthetic large OPCC, print the figures and write them to bench/results.json."""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .search_transfer import first_query_transfer
from .synthetic import SCALE, make_project

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795392000"}
RUNS = 2  # timings are the better of this many runs


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, memory: list[float] | None = None) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a command (CPU time is barely changed by others' load on a shared machine).

    With `memory`, the largest total memory of the command and all its processes (MB, proportional set size,
    so memory shared between them counts once) is appended to it."""
    started, cpu = time.perf_counter(), children_cpu()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory_kb(process.pid))
        time.sleep(0.25)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, stderr=process.stderr.read())
    if memory is not None:
        memory.append(peak / 1024)
    return time.perf_counter() - started, children_cpu() - cpu


def tree_memory_kb(pid: int) -> int:
    """Proportional set size of a process and its descendants, from /proc (Linux)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        pending += [int(child) for child in children]
    return total


def site_figures(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    heaviest = max(pages, key=lambda p: p.stat().st_size)
    return {
        "pages": len(pages),
        "site_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "heaviest_page": str(heaviest.relative_to(site)),
        "heaviest_page_kb": round(heaviest.stat().st_size / 1e3, 1),
    }


def serve_rebuild_seconds(project: Path, port: int = 8123, edits: int = 5) -> list[float]:
    """Start `mkdocs serve`, then edit one decision's title several times, timing each edit from the save until
    the page served shows the new title (asking every 20 ms). The title goes back and forth between two."""
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    record = sorted((project / "content" / "decisions").glob("*.md"))[-1]
    url = f"http://127.0.0.1:{port}/decisions/{record.stem}/"
    titles = ["Synthetic decision", "Edited decision"]
    seconds = []
    try:
        wait_for(url, titles[0], timeout=600)
        for _ in range(edits):
            time.sleep(2)
            record.write_text(
                record.read_text(encoding="utf-8").replace(f"title: {titles[0]}", f"title: {titles[1]}"),
                encoding="utf-8",
            )
            started = time.perf_counter()
            wait_for(url, titles[1], timeout=600, step=0.02)
            seconds.append(time.perf_counter() - started)
            titles.reverse()
        return seconds
    finally:
        server.terminate()
        server.wait()


def wait_for(url: str, text: str, timeout: float, step: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(step)
    raise TimeoutError(f"{url} never showed {text!r}")


def floor_run(project: Path, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "bench.floor", str(project), str(out)]
    run = subprocess.run(command, cwd=HERE.parent, env=ENV, check=True, capture_output=True, text=True)
    return json.loads(run.stdout)


def half_scale(work: Path) -> dict:
    """A second, half-size OPCC, to show that build time and site size grow linearly with records."""
    project = make_project(
        work / "half", {k: (v // 2 if k not in ("kpis", "quarters", "plan_quarters") else v) for k, v in SCALE.items()}
    )
    seconds, _ = timed([str(BIN / "mkdocs"), "build", "--quiet"], project)
    figures = site_figures(project / "site")
    shutil.rmtree(project)
    return {"build_seconds": round(seconds, 1), "pages": figures["pages"], "site_mb": figures["site_mb"]}


def main() -> None:
    load_at_start = round(os.getloadavg()[0], 1)  # the machine is shared: a high load distorts the timings
    work = Path(tempfile.mkdtemp(prefix="pcc-bench-"))
    try:
        half = half_scale(work)
        project = make_project(work / "project")
        print(f"Synthetic OPCC: {SCALE}")
        # The machine is shared: each timing is the better of two runs, floor and build taking turns, each
        # starting once the previous one's files are on disk.
        together: list[float] = []
        floors, builds = [], []
        for _ in range(RUNS):
            os.sync()
            floors.append(floor_run(project, work / "floor"))
            os.sync()
            builds.append(timed([str(BIN / "mkdocs"), "build", "--quiet"], project, together))
        build_seconds, build_cpu = min(builds)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figures = site_figures(project / "site")
        floor = min(floors, key=lambda run: run["render_seconds"])
        search = first_query_transfer(project)
        rebuilds = serve_rebuild_seconds(project)
        results = {
            "scale": SCALE,
            "build_seconds": round(build_seconds, 1),
            "peak_memory_mb": round(peak_mb),  # the largest single process
            "peak_memory_all_processes_mb": round(max(together)),
            "build_seconds_each_run": [round(seconds, 1) for seconds, _ in builds],
            "floor_seconds_each_run": [round(run["render_seconds"], 1) for run in floors],
            **figures,
            "floor_seconds": round(floor["render_seconds"], 1),
            "ratio_to_floor": round(build_seconds / floor["render_seconds"], 2),
            "build_cpu_seconds": round(build_cpu, 1),
            "floor_cpu_seconds": round(floor["render_cpu_seconds"], 1),
            "ratio_to_floor_cpu": round(build_cpu / floor["render_cpu_seconds"], 2),
            "load_validate_model_seconds": round(floor["prepare_seconds"], 1),
            "serve_rebuild_after_one_edit_seconds": round(statistics.median(rebuilds), 2),
            "serve_rebuild_each_edit_seconds": [round(seconds, 2) for seconds in rebuilds],
            **search,
            "half_scale": half,
            "full_over_half": {
                "pages": round(figures["pages"] / half["pages"], 2),
                "site_size": round(figures["site_mb"] / half["site_mb"], 2),
                "build_time": round(build_seconds / half["build_seconds"], 2),
            },
            "cpus": os.cpu_count(),
            "load_average_at_start_and_end": [load_at_start, round(os.getloadavg()[0], 1)],
        }
        (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        for key, value in results.items():
            print(f"{key:>40}: {value}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
