"""The rules of who gets in, without a server: token, Host and Origin."""

from __future__ import annotations

import pytest

from coach.serve.guard import Guard, host_names, new_token


def test_the_token_holds_well_over_128_random_bits() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) * 6 >= 128 for token in tokens)


def test_lan_serves_the_home_network_address_and_this_computer_only() -> None:
    names = host_names("0.0.0.0", 8080, "192.168.1.20")
    assert "192.168.1.20:8080" in names and "127.0.0.1:8080" in names
    assert "localhost:8080" in names and "192.168.1.21:8080" not in names
    assert host_names("::1", 9000) >= {"[::1]:9000", "localhost:9000"}


def test_a_request_needs_the_right_host_then_the_token_then_for_a_websocket_its_origin() -> None:
    guard = Guard("secret", host_names("127.0.0.1", 8080), 8080)
    ok = {"method": "GET", "host": "127.0.0.1:8080", "query": {"token": "secret"},
          "cookies": {}, "path_token": None, "origin": None, "websocket": False}
    assert guard.refusal(**ok) is None  # type: ignore[arg-type]
    assert guard.refusal(**{**ok, "host": "evil.example:8080"}) == "wrong host"  # type: ignore[arg-type]
    assert guard.refusal(**{**ok, "query": {"token": "Secret"}}) == "no token"  # type: ignore[arg-type]
    assert guard.refusal(**{**ok, "method": "POST"}) == "method not allowed"  # type: ignore[arg-type]
    assert guard.refusal(**{**ok, "query": {}, "cookies": {"coach_8080": "secret"}}) is None  # type: ignore[arg-type]
    assert guard.refusal(**{**ok, "query": {}, "cookies": {"coach_9": "secret"}}) == "no token"  # type: ignore[arg-type]
    socket = {**ok, "query": {}, "path_token": "secret", "websocket": True}
    assert guard.refusal(**socket) == "foreign origin"  # type: ignore[arg-type]
    for origin in ("http://127.0.0.1:8080", "https://127.0.0.1:8080"):
        assert guard.refusal(**{**socket, "origin": origin}) is None  # type: ignore[arg-type]
    for origin in ("http://evil.example", "http://127.0.0.1:8081", "null", ""):
        assert guard.refusal(**{**socket, "origin": origin}) == "foreign origin"  # type: ignore[arg-type]


def test_a_running_app_knows_it_is_served_once_textual_has_its_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Inside the app Textual has replaced standard output: the touch buttons and the flash on
    # each cue must still know the page is a browser's.
    import io

    from coach.serve import SERVED_DRIVER, SERVED_VARIABLE
    from coach.ui.served import served

    monkeypatch.setattr("sys.stdout", io.StringIO())
    monkeypatch.setenv(SERVED_VARIABLE, "1")
    monkeypatch.setenv("TEXTUAL_DRIVER", SERVED_DRIVER)
    assert served()
    monkeypatch.delenv(SERVED_VARIABLE)
    assert not served()
