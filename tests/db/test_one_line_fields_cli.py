"""A line break in a one-line field is refused at the command line (issue 26 item 12): exit 2, a Chinese
message naming the field, nothing written — the training's topic would otherwise cut the subject of the
e-mail every attendee receives. A multi-line field keeps its line breaks."""
from __future__ import annotations

import pytest

from support.cli import run_cli
from support.snapshot import snapshot

ISSUE_26_DEFECTS = (12,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")

TRAINING = ["training", "open", "--topic", "服务礼仪", "--category", "服务礼仪", "--start", "2026-12-15 14:00",
            "--end", "2026-12-15 16:00", "--window", "W01", "--as", "G001"]
COMPLAINT = ["complaint", "open", "--channel", "phone", "--window", "W01", "--staff", "S0102", "--category", "3",
             "--content", "态度生硬", "--name", "张三", "--contact", "13912345678", "--as", "G001"]
SERVICE = ["service", "open", "--matter", "QP-RSJ-001", "--applicant", "李明", "--as", "S0103"]


def with_(argv: list[str], option: str, value: str) -> list[str]:
    i = argv.index(option)
    return [*argv[:i + 1], value, *argv[i + 2:]]


ONE_LINE, NUL = "应为一行文字", "含有空字符（NUL）"


@pytest.mark.parametrize(("argv", "field", "reason"), [
    (with_(TRAINING, "--topic", "服务礼仪\r\nBcc: all@example.com"), "主题", ONE_LINE),
    (with_(TRAINING, "--topic", "服务礼仪\nSubject: 停课通知"), "主题", ONE_LINE),
    (with_(COMPLAINT, "--name", "张三\r\n李四"), "投诉人姓名", ONE_LINE),
    (with_(COMPLAINT, "--contact", "13912345678\x00"), "投诉人联系方式", NUL),  # a NUL: refused as everywhere
    (with_(SERVICE, "--applicant", "李明\u2028王五"), "申请人", ONE_LINE),
])
def test_a_control_character_in_a_one_line_field_is_refused(capsys, argv, field, reason):
    before = snapshot()
    result = run_cli(capsys, *argv)
    assert result.code == 2, result
    assert field in result.out + result.err and reason in result.out + result.err
    assert snapshot() == before
