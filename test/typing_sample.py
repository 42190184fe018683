"""A user's script touching every public call; ``mypy --strict`` must pass on it, and
``test_typing.py`` also runs it against a sandbox."""

import datetime
from typing import Dict, Iterator, List, Optional

import urllib3

import TextMagic
from TextMagic.rest import ApiException
from TextMagic.sandbox import RecordedRequest, Sandbox


def configure(sandbox: Sandbox) -> TextMagic.Configuration:
    configuration = TextMagic.Configuration()
    configuration.host = sandbox.url
    configuration.username = sandbox.username
    configuration.password = sandbox.api_key
    configuration.timeout = (5.0, 30.0)
    configuration.retries = 2
    configuration.verify_ssl = True
    configuration.debug = False
    token: str = configuration.get_basic_auth_token()
    assert token.startswith("Basic ")
    assert "BasicAuth" in configuration.auth_settings()
    report: str = configuration.to_debug_report()
    assert "SDK Package Version" in report
    TextMagic.Configuration.set_default(configuration)
    copied: TextMagic.Configuration = TextMagic.Configuration.get_default_copy()
    TextMagic.Configuration.set_default(None)
    from_env = TextMagic.Configuration.from_env(
        {"TEXTMAGIC_USERNAME": "u", "TEXTMAGIC_API_KEY": "k"}
    )
    assert from_env.username == "u" and copied.host == sandbox.url
    return configuration


def walk(api: TextMagic.OutboundMessageSessionsApi) -> int:
    page: Dict[str, object] = api.get_all_message_sessions(page=1, limit=5)
    session: TextMagic.MessageSession = api.get_message_session(1)
    started: Optional[datetime.datetime] = session.start_time
    stat: TextMagic.GetMessageSessionStatResponse = api.get_message_session_stat(
        1, include_deleted=1
    )
    messages: Dict[str, object] = api.get_messages_by_session_id(
        1, page=1, limit=5, statuses="d,f", include_deleted=0
    )
    typed_page: TextMagic.GetAllMessageSessionsPaginatedResponse = api.list_message_sessions(
        page=1, limit=5
    )
    typed_messages: TextMagic.GetMessagesBySessionIdPaginatedResponse = (
        api.list_messages_by_session_id(1, statuses=["d", "f"])
    )
    every: Iterator[TextMagic.MessageSession] = api.iter_all_message_sessions(limit=50)
    outbound: List[TextMagic.MessageOut] = list(api.iter_messages_by_session_id(1, limit=2))
    pending: "TextMagic.AsyncResult[TextMagic.MessageSession]" = api.get_message_session(
        2, async_req=True
    )
    assert pending.get(timeout=30).id == 2
    data, status, headers = api.get_message_session_with_http_info(3)
    raw = api.get_message_session(3, _preload_content=False, _request_timeout=(2.0, 10.0))
    assert isinstance(raw, urllib3.HTTPResponse)
    assert raw.read().startswith(b"{")
    raw.release_conn()
    api.get_all_message_sessions_with_http_info(limit=1)
    api.get_message_session_stat_with_http_info(1)
    api.get_messages_by_session_id_with_http_info(1)
    api.delete_message_session(4)
    api.delete_message_session_with_http_info(5)
    body = TextMagic.DeleteMessageSessionsBulkInputObject(ids="6,7")
    api.delete_message_sessions_bulk(body, x_ignore_null_values=True)
    api.delete_message_sessions_bulk_with_http_info(
        TextMagic.DeleteMessageSessionsBulkInputObject(ids="8")
    )
    deleted_later: "TextMagic.AsyncResult[None]" = api.delete_message_session(9, async_req=True)
    deleted_later.get(timeout=30)
    assert status == 200 and data is not None and headers is not None
    assert started is not None and stat.all is not None
    ids: List[Optional[int]] = [session.id for session in typed_page.resources]  # never None
    texts = [message.text for message in typed_messages.resources]
    assert ids and texts and typed_messages.page == 1
    assert page and messages and outbound
    return sum(1 for _ in every)


def models() -> None:
    session = TextMagic.MessageSession(id=1, text="Hi", price=0.04)
    copy = TextMagic.MessageSession.from_json(session.to_json())
    again = TextMagic.MessageSession.from_dict(session.to_dict())
    assert copy == again and session.to_str()
    out = TextMagic.MessageOut(id=1, status="d", deleted=False)
    stat = TextMagic.GetMessageSessionStatResponse(failed=0, all=1)
    wire: Dict[str, object] = out.to_wire()
    assert wire and stat.to_dict()["all"] == 1


def errors(api: TextMagic.OutboundMessageSessionsApi) -> None:
    try:
        api.get_message_session(999999)
    except TextMagic.NotFoundException as error:
        message: str = error.message
        code: Optional[int] = error.status
        assert message and code == 404
    try:
        api.get_messages_by_session_id(1, statuses="zz")
    except TextMagic.BadRequestException as error:
        assert "statuses" in error.errors["fields"]
    except ApiException:
        raise


def main() -> int:
    with Sandbox() as sandbox:
        configuration = configure(sandbox)
        with TextMagic.ApiClient(
            configuration, header_name="X-App", header_value="typing-sample"
        ) as client:
            client.user_agent = "typing-sample/1.0"
            client.set_default_header("X-Extra", "1")
            api = TextMagic.OutboundMessageSessionsApi(client)
            count = walk(api)
            models()
            errors(api)
            session, _, _ = client.call_api(
                "/api/v2/sessions/{id}",
                "GET",
                path_params={"id": 10},
                response_type="MessageSession",
                auth_settings=["BasicAuth"],
            )
            assert session.id == 10
        recorded: List[RecordedRequest] = sandbox.requests
        assert recorded[0].headers.get("X-App") == "typing-sample"
    return count


if __name__ == "__main__":
    print(main())
