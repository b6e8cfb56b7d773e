"""Run one command as a whole process and account for it.

Wall time from the parent's clock; CPU time (user + sys) and the largest
single process's peak RSS from os.wait4: on Linux its rusage covers the child
plus every descendant the child waited for (the build waits for Pelican),
and ru_maxrss is the maximum over them. Processes that run at the same time
(the build, its Pelican, Pagefind) add up, which
ru_maxrss cannot show, so a sampler also sums the memory of the whole process
tree every 20 ms and keeps the highest sum, two ways: RSS (a page shared by
several processes, such as a forked helper's copy of Pelican or a shared
library, counts once per process, so it errs high) and PSS (proportional set
size, /proc/PID/smaps_rollup: a shared page is split between the processes
that share it, so the sum counts every page once). The memory target is
judged on PSS.
"""

import os
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float  # largest single process (kernel accounting)
    peak_tree_rss_mb: float  # largest sampled RSS sum over the process tree
    peak_tree_pss_mb: float  # largest sampled PSS sum over the process tree
    returncode: int

    def as_dict(self):
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}


def _children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _pss(pid):
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_pids(pid):
    """`pid` and all its live descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(_children(current))
    return found


def tree_rss(pids):
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def tree_pss(pids):
    total = 0
    for pid in pids:
        try:
            total += _pss(pid)
        except (OSError, IndexError, ValueError):
            continue
    return total


class _Sampler(threading.Thread):
    PSS_INTERVAL = 0.1  # seconds

    def __init__(self, pid, interval=0.02):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.peak_pss = pid, interval, 0, 0
        self.stop = threading.Event()

    def run(self):
        last_pss = 0.0
        while not self.stop.is_set():
            pids = tree_pids(self.pid)
            rss = tree_rss(pids)
            self.peak = max(self.peak, rss)
            # PSS is never above RSS, so it can only set a new peak when RSS is above
            # the PSS peak. Reading smaps_rollup walks a process's page tables and
            # holds its memory lock (it slowed the measured build by ~20 % when read
            # every 20 ms), so it is read only then, and at most every PSS_INTERVAL.
            now = time.perf_counter()
            if rss > self.peak_pss and now - last_pss >= self.PSS_INTERVAL:
                self.peak_pss, last_pss = max(self.peak_pss, tree_pss(pids)), now
            self.stop.wait(self.interval)


def run(cmd, cwd, log_path, env=None):
    """Run `cmd` to completion, its output into `log_path`; return a Run."""
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        sampler = _Sampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,  # Linux reports KiB
        peak_tree_rss_mb=sampler.peak / 2**20,
        peak_tree_pss_mb=sampler.peak_pss / 2**20,
        returncode=proc.returncode,
    )
