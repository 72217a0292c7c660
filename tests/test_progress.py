"""Progress: a bar with count, rate and time left on a terminal; one summary line otherwise."""

from __future__ import annotations

import io
import logging

from litsite import progress
from litsite.progress import Step


def test_a_terminal_gets_a_bar_with_count_and_time_left(monkeypatch):
    shown = io.StringIO()
    monkeypatch.setattr(progress, "interactive", lambda: True)
    monkeypatch.setattr(progress.sys, "stderr", shown)
    step = Step(logging.getLogger("test"), "pages rendered", total=10)
    step.tick(3)
    step._bar.refresh()
    assert "3/10" in shown.getvalue() and "pages rendered" in shown.getvalue()
    assert "<" in shown.getvalue()  # elapsed<remaining
    step.done("pages: 3")


def test_without_a_terminal_only_the_summary_line_shows(monkeypatch, caplog):
    shown = io.StringIO()
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(progress.sys, "stderr", shown)
    caplog.set_level(logging.INFO)
    step = Step(logging.getLogger("test"), "pages rendered", total=10)
    step.tick(10)
    step.done("pages: 10 rendered")
    assert shown.getvalue() == ""
    assert "pages: 10 rendered in" in caplog.text
