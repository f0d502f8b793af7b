"""How far an import has got: a stage and a count.  The importer reports; the command line shows
a tqdm bar per stage, the upload page polls what `CacheProgress` keeps in Django's cache."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache

STAGES = ("读取文件", "校验数据", "比对已有数据", "写入数据库", "提交")


class Progress:
    """Reports nothing; the base of the others."""

    def stage(self, label: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def finish(self, outcome: str) -> None:
        pass


class TqdmProgress(Progress):
    def __init__(self, file: Any) -> None:
        self.file = file
        self.bar: Any = None

    def stage(self, label: str, total: int | None = None) -> None:
        from tqdm import tqdm

        self._close()
        options: dict[str, Any] = {"unit": "行"}
        if label == STAGES[0]:  # reading counts bytes
            options = {"unit": "B", "unit_scale": True, "unit_divisor": 1024}
        elif total is None:
            options["bar_format"] = "{desc}… {elapsed}"
        self.bar = tqdm(total=total, desc=label, file=self.file, ascii=True, mininterval=0.2,
                        ncols=80, **options)  # fmt: skip

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def _close(self) -> None:
        if self.bar is not None:
            if self.bar.total is not None and self.bar.n < self.bar.total:
                self.bar.update(self.bar.total - self.bar.n)
            self.bar.close()
            self.bar = None

    def finish(self, outcome: str) -> None:
        self._close()


def cache_key(owner: Any, token: str) -> str:
    return f"qingshan:monitoring-import:{owner}:{token}"


class CacheProgress(Progress):
    """Keeps {stage, step, steps, done, total, outcome} under a key the uploading user polls;
    written at most every 0.3 s so that a million-row file does not spend its time here."""

    TIMEOUT = 3600

    def __init__(self, key: str) -> None:
        self.key = key
        self.state: dict[str, Any] = {"stage": "上传完成", "step": 0, "steps": len(STAGES),
                                      "done": 0, "total": None, "outcome": ""}  # fmt: skip
        self.written = 0.0
        self._write(force=True)

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.written >= 0.3:
            cache.set(self.key, dict(self.state), self.TIMEOUT)
            self.written = now

    def stage(self, label: str, total: int | None = None) -> None:
        step = STAGES.index(label) + 1 if label in STAGES else self.state["step"]
        self.state.update(stage=label, step=step, done=0, total=total)
        self._write(force=True)

    def advance(self, n: int) -> None:
        self.state["done"] += n
        self._write()

    def finish(self, outcome: str) -> None:
        self.state.update(outcome=outcome, stage="完成" if outcome == "ok" else "未导入")
        self._write(force=True)


def read_progress(key: str) -> dict[str, Any] | None:
    return cache.get(key)
