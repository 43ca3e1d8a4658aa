"""The outbox sending template SMS through the Aliyun plugin: the template's parameters, not the
text, go to the provider; a failed send stays pending and is delivered once later."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fake_sms_server import aliyun_url
from sqlmodel import select

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.org import Staff
from models.core.outbox import OutboxMessage
from models.core.recipients import person
from tasks.core.delivery import deliver_due
from tasks.core.messages import queue_notice

pytestmark = pytest.mark.usefixtures("org")


@pytest.fixture
def provider_config(tmp_path, monkeypatch, aliyun):
    config = tmp_path / "apprise.yaml"
    config.write_text(
        "version: 1\nurls:\n"
        f'  - "{aliyun_url(aliyun.endpoint, "{to}", template="SMS_200000003")}":\n'
        "      - tag: sms:test_notice\n", encoding="utf-8")
    monkeypatch.setenv("CENTER_APPRISE_CONFIG", str(config))
    from models.core.settings import get_settings
    get_settings.cache_clear()
    return aliyun


def _queue() -> None:
    with session_scope() as session:
        queue_notice(session=session, key="tpl", case_ref=None, template="test_notice", email=False,
                     recipients=[person(session.get(Staff, "S0102"))],
                     context={"name": "王芳", "subject": "x", "text": "请假已批准"})


def test_the_provider_receives_the_template_code_and_its_parameters(provider_config):
    _queue()
    assert deliver_due()["sent"] == 1
    request = provider_config.received[-1]
    assert request.params["TemplateCode"] == "SMS_200000003"
    assert json.loads(request.params["TemplateParam"]) == {"name": "王芳", "text": "请假已批准"}
    assert request.params["PhoneNumbers"] == "13700000102"


def test_a_wrong_secret_keeps_the_message_pending_and_unsent(provider_config, tmp_path, monkeypatch):
    config = tmp_path / "apprise.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        aliyun_url(provider_config.endpoint, "{to}", template="SMS_200000003"),
        aliyun_url(provider_config.endpoint, "{to}", template="SMS_200000003", secret="wrong")), encoding="utf-8")
    _queue()
    deliver_due()
    with session_scope() as session:
        message = session.exec(select(OutboxMessage)).one()
    assert (message.status, message.attempts) == ("pending", 1)


def test_a_message_sent_once_is_not_sent_again_by_a_later_flush(provider_config):
    _queue()
    deliver_due()
    deliver_due(now=local_now() + timedelta(hours=1))
    assert len(provider_config.received) == 1
