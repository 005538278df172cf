"""`make bench`: build a synthetic large OPCC, print the figures and write them to bench/results.json."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

from generator.build import staging
from generator.core import stages
from generator.core.formatting import money

from .search_transfer import first_query_transfer
from .synthetic import SCALE, make_project
from .welsh import make_welsh_project

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795392000"}
RUNS = 3  # timings are the median of this many runs


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    command: list[str], cwd: Path, memory: list[float] | None = None, variables: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a command (CPU time is barely changed by others' load on a shared machine).

    With `memory`, the largest total memory of the command and all its processes (MB, proportional set size,
    so memory shared between them counts once) is appended to it."""
    started, cpu = time.perf_counter(), children_cpu()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV | (variables or {}), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
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
    total = 0
    for current in process_tree(pid):
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def process_tree(pid: int) -> list[int]:
    """A process and its descendants still running, from /proc (Linux)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found.append(current)
        pending += [int(child) for child in children]
    return found


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


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and its children still running (from /proc; Linux)."""
    total = 0.0
    for current in process_tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def serve_rebuild_seconds(
    project: Path, port: int = 8123, edits: int = 5, cpu: dict[str, list[float]] | None = None
) -> tuple[list[float], list[float]]:
    """Start `transparency serve` (what the comms team runs: MkDocs' `serve --livereload --dirty` in a process of
    its own), then in turn edit one decision's title and one grant's amount several times, timing each edit from
    the save until the page served shows it (asking every 20 ms; the server answers only once a rebuild is
    finished, as the browser's reload would be). Each goes back and forth between two values. With `cpu`, the
    server's CPU seconds from each save until the page showed it are added to its lists "decision" and "grant"
    (wall-clock time on a shared machine depends on others' load)."""
    server = subprocess.Popen(
        [str(BIN / "transparency"), "serve", "--address", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its MkDocs process too is stopped at the end, with the whole group
    )
    record = sorted((project / "content" / "decisions").glob("*.md"))[-1]
    url = f"http://127.0.0.1:{port}/decisions/{record.stem}/"
    titles = ["Synthetic decision", "Edited decision"]
    grants = project / "data" / "grants.csv"
    original, record_text = grants.read_text(encoding="utf-8"), record.read_text(encoding="utf-8")
    identifier, amount = original.splitlines()[1].split(",")[0], original.splitlines()[1].split(",")[4]
    grant_url = f"http://127.0.0.1:{port}/grants/{identifier.lower()}/"
    amounts = [(f",{amount},", money(Decimal(amount), exact=True)), (",12345.67,", "£12,345.67")]
    decision_seconds, grant_seconds = [], []
    try:
        wait_for(url, titles[0], timeout=600)
        for _ in range(edits):
            time.sleep(2)
            record.write_text(
                record.read_text(encoding="utf-8").replace(f"title: {titles[0]}", f"title: {titles[1]}"),
                encoding="utf-8",
            )
            started, used = time.perf_counter(), server_cpu(server.pid)
            wait_for(url, titles[1], timeout=600, step=0.02)
            decision_seconds.append(time.perf_counter() - started)
            if cpu is not None:
                cpu.setdefault("decision", []).append(server_cpu(server.pid) - used)
            titles.reverse()
            time.sleep(2)
            grants.write_text(
                grants.read_text(encoding="utf-8").replace(amounts[0][0], amounts[1][0], 1), encoding="utf-8"
            )
            started, used = time.perf_counter(), server_cpu(server.pid)
            wait_for(grant_url, amounts[1][1], timeout=600, step=0.02)
            grant_seconds.append(time.perf_counter() - started)
            if cpu is not None:
                cpu.setdefault("grant", []).append(server_cpu(server.pid) - used)
            amounts.reverse()
        return decision_seconds, grant_seconds
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        grants.write_text(original, encoding="utf-8")
        record.write_text(record_text, encoding="utf-8")


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


def floor_run(project: Path, out: Path, pages: int) -> tuple[float, float]:
    """The physical floor (bench/floor.py) as a command: wall-clock and CPU seconds, like the build's."""
    shutil.rmtree(out, ignore_errors=True)
    seconds = timed([sys.executable, "-m", "bench.floor", str(project), str(out), str(pages)], HERE.parent)
    shutil.rmtree(out, ignore_errors=True)
    return seconds


def build_run(project: Path, memory: list[float], stage_file: Path) -> tuple[float, float]:
    """`make site` (mkdocs build) on the project, recording its stage times into stage_file."""
    stage_file.unlink(missing_ok=True)
    seconds = timed(
        [str(BIN / "mkdocs"), "build", "--quiet"], project, memory, {"TRANSPARENCY_STAGE_TIMES": str(stage_file)}
    )
    wait_for_removal(project / "site")
    return seconds


def wait_for_removal(site: Path, timeout: float = 300) -> None:
    """The build hands the previous site to a process of its own to remove (generator/build/staging.py), and
    ends without waiting for it; the next timed run waits, so that removal does not slow it."""
    deadline = time.monotonic() + timeout
    while staging.previous_sites(site) and time.monotonic() < deadline:
        time.sleep(0.1)


def site_digest(site: Path) -> str:
    """One digest of every file's path and bytes: two builds of the same data should give the same."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def half_scale(work: Path) -> dict:
    """A second, half-size OPCC, to show that build time and site size grow linearly with records."""
    project = make_project(
        work / "half", {k: (v // 2 if k not in ("kpis", "quarters", "plan_quarters") else v) for k, v in SCALE.items()}
    )
    seconds, _ = timed([str(BIN / "mkdocs"), "build", "--quiet"], project)
    figures = site_figures(project / "site")
    shutil.rmtree(project)
    return {"build_seconds": round(seconds, 1), "pages": figures["pages"], "site_mb": figures["site_mb"]}


def stage_medians(runs: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Each stage's median wall-clock and CPU seconds over the runs (and per run of it, for pages)."""
    medians = {}
    for name in runs[0]:
        wall = statistics.median(run[name]["wall"] for run in runs if name in run)
        cpu = statistics.median(run[name]["cpu"] for run in runs if name in run)
        count = runs[0][name]["count"]
        medians[name] = {"wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2)}
        if count > 1:
            medians[name] |= {"runs": int(count), "cpu_ms_each": round(cpu / count * 1000, 3)}
    return medians


def welsh_figures(site: Path, runs: dict[str, list], english_seconds: float, english_cpu: float) -> dict:
    """The same office published in English and Welsh: its build against the English-only build, and what the
    Welsh pages add to it (issue 29 asks that each added language cost at most 1.1× the English build)."""
    seconds = statistics.median(wall for wall, _ in runs["builds"])
    cpu = statistics.median(cpu for _, cpu in runs["builds"])
    return {
        **site_figures(site),
        "build_seconds": round(seconds, 1),
        "build_cpu_seconds": round(cpu, 1),
        "build_seconds_each_run": [round(wall, 1) for wall, _ in runs["builds"]],
        "over_english_only": round(seconds / english_seconds, 2),
        "over_english_only_cpu": round(cpu / english_cpu, 2),
        "welsh_over_english": round((seconds - english_seconds) / english_seconds, 2),
        "welsh_over_english_cpu": round((cpu - english_cpu) / english_cpu, 2),
        "stages": stage_medians(runs["stages"]),
        "identical_bytes_every_run": len(set(runs["digests"])) == 1,
        "peak_memory_all_processes_mb": round(max(runs["memory"])),
    }


def main() -> None:
    load_at_start = round(os.getloadavg()[0], 1)  # the machine is shared: a high load distorts the timings
    work = Path(tempfile.mkdtemp(prefix="pcc-bench-"))
    try:
        half = half_scale(work)
        project = make_project(work / "project")
        welsh = make_welsh_project(project, work / "project-cy")
        print(f"Synthetic OPCC: {SCALE}")
        # Build, floor and the build in English and Welsh take turns, RUNS times each, each starting once the
        # previous one's files are on disk; the median of each counts. CPU time is barely changed by others' load on
        # a shared machine.
        together: list[float] = []
        floors, builds, stage_runs, digests = [], [], [], []
        in_welsh: dict[str, list] = {"builds": [], "stages": [], "digests": [], "memory": []}
        pages = 0
        for _ in range(RUNS):
            os.sync()
            builds.append(build_run(project, together, work / "stages.jsonl"))
            stage_runs.append(stages.read(str(work / "stages.jsonl")))
            digests.append(site_digest(project / "site"))
            pages = pages or site_figures(project / "site")["pages"]
            os.sync()
            floors.append(floor_run(project, work / "floor", pages))
            os.sync()
            in_welsh["builds"].append(build_run(welsh, in_welsh["memory"], work / "stages-cy.jsonl"))
            in_welsh["stages"].append(stages.read(str(work / "stages-cy.jsonl")))
            in_welsh["digests"].append(site_digest(welsh / "site"))
        build_seconds = statistics.median(seconds for seconds, _ in builds)
        build_cpu = statistics.median(cpu for _, cpu in builds)
        floor_seconds = statistics.median(seconds for seconds, _ in floors)
        floor_cpu = statistics.median(cpu for _, cpu in floors)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figures = site_figures(project / "site")
        search = first_query_transfer(project)
        rebuild_cpu: dict[str, list[float]] = {}
        rebuilds, grant_rebuilds = serve_rebuild_seconds(project, cpu=rebuild_cpu)
        results = {
            "scale": SCALE,
            **figures,
            "build_seconds": round(build_seconds, 1),
            "build_cpu_seconds": round(build_cpu, 1),
            "floor_seconds": round(floor_seconds, 1),
            "floor_cpu_seconds": round(floor_cpu, 1),
            "ratio_to_floor": round(build_seconds / floor_seconds, 2),
            "ratio_to_floor_cpu": round(build_cpu / floor_cpu, 2),
            "build_seconds_each_run": [round(seconds, 1) for seconds, _ in builds],
            "floor_seconds_each_run": [round(seconds, 1) for seconds, _ in floors],
            "stages": stage_medians(stage_runs),
            "identical_bytes_every_run": len(set(digests)) == 1,
            "peak_memory_mb": round(peak_mb),  # the largest single process
            "peak_memory_all_processes_mb": round(max(together)),
            "serve_rebuild_after_one_edit_seconds": round(statistics.median(rebuilds), 2),
            "serve_rebuild_each_edit_seconds": [round(seconds, 2) for seconds in rebuilds],
            "serve_rebuild_after_one_grant_edit_seconds": round(statistics.median(grant_rebuilds), 2),
            "serve_rebuild_each_grant_edit_seconds": [round(seconds, 2) for seconds in grant_rebuilds],
            "serve_rebuild_cpu_seconds": {
                kind: round(statistics.median(runs), 2) for kind, runs in rebuild_cpu.items()
            },
            **search,
            "english_and_welsh": welsh_figures(welsh / "site", in_welsh, build_seconds, build_cpu),
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
        both = results["english_and_welsh"]
        print(
            f"English and Welsh: {both['build_seconds']} s ({both['build_cpu_seconds']} s CPU); Welsh added "
            f"{both['welsh_over_english']}× the English build's time ({both['welsh_over_english_cpu']}× its CPU time)"
        )
        print(
            f"build / floor: {results['ratio_to_floor']} (wall), {results['ratio_to_floor_cpu']} (CPU); "
            f"build {results['build_seconds']} s, floor {results['floor_seconds']} s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
