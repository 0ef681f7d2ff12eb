"""Where the attempts database is kept when SKILLQUIZ_HOME is not set: the folder
platformdirs names, whether or not it is asked (Linux finds it without platformdirs)."""

from __future__ import annotations

import platformdirs
import pytest

from quiz.storage.opening import default_home


@pytest.mark.parametrize(
    ("home", "xdg"),
    [
        ("/home/sam", None),
        ("/home/sam", ""),
        ("/home/sam", "   "),
        ("/home/sam", "/data/sam"),
        ("/home/sam/", "/data/sam/"),
        ("/home/sam", "relative/data"),
        ("relative/home", None),
        ("relative/home", "/data/sam"),
    ],
)
def test_the_default_home_is_the_folder_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, home: str, xdg: str | None
) -> None:
    monkeypatch.delenv("SKILLQUIZ_HOME", raising=False)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    try:
        expected = platformdirs.user_data_path("skillquiz")
    except RuntimeError:  # platformdirs finds no home at all; not a case to compare
        pytest.skip("platformdirs names no folder here")
    assert default_home() == expected
