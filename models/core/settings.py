"""Configuration of the center: storage, channels and the policy numbers of the regulations.

Every policy number carries the clause it comes from (青政务〔2020〕20号,《青浦区行政服务中心窗口
管理和服务相关制度》). Each case copies `Policy` as the rule version it runs under.
"""
from __future__ import annotations

from datetime import time
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Policy(BaseModel):
    """The numbers of the regulations, overridable by configuration (CENTER_POLICY__…)."""

    # 窗口工作人员考勤办法 二(一)1: 上午8:30—12:00; 下午至5:00 — deadlines end at close of office.
    office_open: time = time(8, 30)
    office_close: time = time(17, 0)
    # 考勤办法 二(一)1: 上午8:30—12:00 — the boundary of a half-day leave (上午 / 下午).
    morning_close: time = time(12, 0)
    # 考勤办法 二(一)6: 窗口负责人两个工作日内登记考勤信息.
    attendance_registration_days: int = 2
    # 考勤办法 二(一)1 下午: 非夏令时 1:00—5:00, 夏令时 1:30—5:00; 夏令时 dates (month, day), both included —
    # not fixed by the regulations (the district's summer timetable): settings.
    afternoon_open: time = time(13, 0)
    summer_afternoon_open: time = time(13, 30)
    summer_start: tuple[int, int] = (5, 1)
    summer_end: tuple[int, int] = (9, 30)
    # 考勤办法 二(一)1: 上午11:30—12:00为窗口延时服务时间; 二(一)4: 可按延时时间提前下班.
    lunch_service_start: time = time(11, 30)
    lunch_service_end: time = time(12, 0)
    # 考勤办法 二(一)3: 需提供相关证明 — working days a person has to explain an exception with its proof
    # (not fixed by the regulations; the same two days as 二(二)2(3) 上班后两个工作日内补交).
    attendance_proof_days: int = 2
    # 考勤办法 二(二)2(3): 上班后两个工作日内补交《请假报告单》.
    leave_late_filing_days: int = 2
    # AB岗工作制度 4: A岗责任人因事不在岗，必须提前一天主动向B岗责任人做好衔接 (working days).
    handover_days_before: int = 1
    # 进出管理制度 二.2: 提前10个工作日以书面公函形式告知中心.
    rotation_notice_days: int = 10
    # 进出管理制度 二.2: 轮换人数原则上不得超过窗口工作人员总数的30%.
    rotation_cap_percent: int = 30
    # 进出管理制度 二.2: 原则上在每季度的第一月集中轮换.
    rotation_months: tuple[int, ...] = (1, 4, 7, 10)
    # 进出管理制度 二.1: 原则上不低于二年.
    posting_min_years: int = 2
    # Reminder to the department and the management section before a rotation takes effect
    # (issue 5: 3 working days; 进出管理制度 二.2 sets only the 10-day notice).
    rotation_remind_days: int = 3
    # 窗口负责人岗位职责 7: 年度考核连续两年最后三名的，需重新调整派驻部门窗口负责人.
    head_bottom_places: int = 3
    head_bottom_years: int = 2
    # Working days a window head has to name a B post left empty by a roster change (not fixed
    # by the regulations; AB岗工作制度 2 says only that every post must have an A and a B).
    b_post_days: int = 3
    # 投诉处置规定 三(二)1: 3个工作日内办结; 最长10个工作日.
    complaint_days: int = 3
    complaint_max_days: int = 10
    # 投诉处置规定 三(二)1: 情况复杂不能按期办结的, 窗口向投诉人做出说明 — one explained extension.
    complaint_extensions: int = 1
    # 投诉处置规定 三(二)3: 1、2星差评按12345热线的办理时限 (a setting: the hotline's limit).
    rating_days: int = 5
    # 投诉处置规定 三(三)2: 被投诉三次以上并经查属实的退回原部门.
    complaints_for_return: int = 3
    # Working days a department has to nominate a replacement after a 退回函 (not fixed by the
    # regulations; 进出管理制度 三 says only that the department 拟定新派驻工作人员报中心).
    replacement_nomination_days: int = 10
    # Working days a department has to report its accountability handling of a returned person after
    # the replacement arrives (not fixed by the regulations; 进出管理制度 三: 按有关规定作问责处理).
    return_accountability_days: int = 10
    # Working days a window has to confirm its matter list in the quarterly review (事项 2: 定期梳理).
    matter_review_days: int = 5
    # Reminders: how many working days before a due date the first reminder goes out.
    remind_days_before: int = 1
    # Point deductions per kind (考勤办法 二(三)1; 投诉处置规定 三(三)1; 巡查/培训/IT/禁烟).
    deduction_points: dict[str, float] = Field(
        default_factory=lambda: {
            "attendance.irregular": 1.0,  # 未正常考勤 (考勤办法 二(三)1)
            "complaint.substantiated": 2.0,  # 投诉查证属实 (投诉处置规定 三(三)1)
            "complaint.partly": 1.0,  # 部分属实
            "complaint.window": 1.0,  # the window's share of a substantiated complaint
            # 窗口巡查制度 三, 五 (the points are the center's assessment table, not these regulations):
            "patrol.dress": 0.5,  # 着装、胸牌
            "patrol.conduct": 1.0,  # 服务规范、服务礼仪
            "patrol.environment": 0.5,  # 服务环境 (卫生保洁制度)
            "patrol.rating_device": 1.0,  # 电子评价器显示“暂停服务”而人员未外出办事
            "patrol.smoking": 2.0,  # 禁烟区域内吸烟 (窗口禁烟制度 二.2, also 取消评优资格)
            "patrol.other": 0.5,  # 其他问题
            "patrol.window": 0.5,  # the window's share of a finding against one of its staff
            "training.absent": 1.0,  # 无故不参加学习培训 (学习培训制度 三.2)
            # IT设备使用管理规定 二(三)6: 对违反规定的，中心将按规定进行扣分.
            "it.unauthorised_software": 1.0,  # 二(三)2: 未经授权许可的软件
            "it.extra_internet": 2.0,  # 二(一)2: 另外开设互联网出口
            "it.shared_account": 1.0,  # 二(二)2: 帐号、密码外泄或使用他人帐号
            "it.unauthorised_change": 1.0,  # 二(一)3, 二(二)1: 擅自更改配置或操作中心设备
        }
    )
    # 窗口巡查制度 二: 不定时巡查（每天两次巡查）.
    patrols_per_day: int = 2
    # IT设备使用管理规定 二(三)6: 屡教不改且情节严重的，取消相关责任人的评优资格 — the serious
    # violations in a year that make it "repeated" (屡: the second one).
    it_serious_repeat: int = 2
    # Working days the IT section has to decide a window's request (not fixed by the regulations;
    # 二(一)1, 3 and 二(二)1 say only 应首先向信息技术科申请，经审批同意后方可…).
    it_request_days: int = 3
    # How long re-running the same opening command (after a crash) returns the case it opened instead
    # of a second one, when the submission names no identity of its own (not fixed by the
    # regulations: a clerk re-runs a failed command the same day; the same words filed again later
    # are a new case).
    resubmission_hours: int = 12
    # Working days the district office or the management section has for a step the regulations give
    # no time limit (事项进驻规定 3: 政务服务办转中心窗口管理科 and its approval; 进出管理制度 三: the
    # return decision; the deductions of a violation or an absence confirmed; a leave filed afterwards
    # reviewed): without a due date the sweep could neither remind nor escalate (issue 19, defect 10).
    section_review_days: int = 3
    # Outbox: attempts before a message is marked failed and left for an operator.
    outbox_max_attempts: int = 8


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CENTER_", env_nested_delimiter="__")

    data_dir: Path = Path("var")
    database_url: str = ""  # default: SQLite file under data_dir
    apprise_config: Path = Path("examples/apprise.yaml")
    # Provider template codes for each SMS template (only used with aliyunsms:// / tencentsms://):
    # one file for all; unset, the header of each SMS template (templates/<slice>/<name>.sms.txt).
    sms_templates: Path | None = None
    timezone: str = "Asia/Shanghai"
    # The web desk: the key that signs session cookies (empty: a random key kept in the data folder),
    # the cookie's Secure flag (set when the desk is served over HTTPS), the largest request body.
    web_secret: str = ""
    web_secure_cookie: bool = False
    web_max_body_mb: int = Field(default=50, ge=1)
    # Comma-separated addresses of reverse proxies in front of the desk: only a request from one of them
    # is taken to come from the address its X-Forwarded-For names (the log-in throttle counts by address).
    web_trusted_proxies: str = ""
    # Step workers (`center workers`, issue 22): True → the web desk and the CLI hand clerk steps
    # to them through the case store instead of running the flows in their own process.
    step_workers: bool = False
    step_lease_seconds: float = 30  # a dead worker's step is claimed again after this
    step_max_attempts: int = 3  # claims of one step before it is failed and reported
    step_timeout_seconds: float = 120  # how long a caller waits for a worker to finish its step
    policy: Policy = Field(default_factory=Policy)

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'center.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
