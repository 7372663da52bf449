"""A sign-in's browser by name (registry/web/browsers.py, ua-parser's rules)."""
from __future__ import annotations

import pytest

from registry.web.browsers import browser_name

EDGE = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
        "Safari/537.36 Edg/120.0.2210.91")
WECHAT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.1 Mobile/15E148 Safari/604.1 MicroMessenger/8.0.44")


@pytest.mark.parametrize(("sent", "named"), [
    (EDGE, "Edge 120 · Windows 10"),
    (WECHAT, "WeChat Browser 8 · iOS 17"),
    ("PhoneBrowser/1.0", None),  # rules know neither: the page shows the text as sent
    ("", None),
    (None, None),
])
def test_a_user_agent_is_named_as_people_name_browsers(sent, named):
    assert browser_name(sent) == named
