"""What marks a typed value as Chinese on a page in another language: Han characters, not punctuation."""
from __future__ import annotations

from registry.domain.display import writes_chinese


def test_han_characters_mark_chinese_text():
    assert writes_chinese("《上海市经济和信息化委员会2013年工作要点》")
    assert writes_chinese("NBS 国家统计局")  # mixed: the Chinese in it wants a Chinese voice
    assert writes_chinese("𠀀")  # an ideograph of extension B, beyond the basic plane


def test_latin_text_digits_and_full_width_punctuation_alone_are_not_chinese():
    assert not writes_chinese("Work plan of the commission (2013)")
    assert not writes_chinese("（）、。：")
    assert not writes_chinese("")
    assert not writes_chinese(None)
