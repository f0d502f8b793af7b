"""The GB 32100-2015 check character of the unified social credit code."""

from __future__ import annotations

import pytest

from qingshan.polluters.creditcode import ALPHABET, WEIGHTS, check_character, normalise, problem


def test_weights_are_powers_of_three_modulo_31_and_the_alphabet_has_31_characters():
    assert tuple(3**i % 31 for i in range(17)) == WEIGHTS
    assert len(ALPHABET) == 31 and not set("IOZSV") & set(ALPHABET)


def test_check_character_of_91350100M000100Y43_computed_by_hand():
    # Values from the alphabet table: digits are themselves, M = 21, Y = 30.
    # 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M·20 + 0·29 + 0·25 + 0·13 + 1·8
    # + 0·24 + 0·10 + Y·30 + 4·28 = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640
    total = 9 + 3 + 27 + 135 + 26 + 21 * 20 + 8 + 30 * 30 + 4 * 28
    assert total == 1640 and total % 31 == 28
    assert ALPHABET[31 - 28] == "3"
    assert check_character("91350100M000100Y4") == "3"
    assert problem("91350100M000100Y43") is None


@pytest.mark.parametrize(
    "code",
    [
        "91330100716105852F",  # 阿里巴巴（中国）有限公司, 杭州
        "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
        "91110108551385082Q",  # 小米科技有限责任公司
    ],
)
def test_published_codes_of_well_known_companies_are_valid(code):
    assert problem(code) is None


def test_a_check_character_that_does_not_match_names_the_expected_one():
    message = problem("91330100716105852G")
    assert message is not None and "应为“F”" in message and "这里是“G”" in message


def test_a_check_character_of_31_is_written_0():
    # Body 9133010000000000W: 9·1 + 1·3 + 3·9 + 3·27 + 1·26 = 146, W (value 28) × 28 = 784;
    # 146 + 784 = 930 = 30·31, so C18 = 31 − 0 = 31, which GB 32100 writes as 0.
    assert problem("9133010000000000W0") is None
    assert "应为“0”" in (problem("9133010000000000W1") or "")


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91330100716105852", "18 位"),
        ("91330100716105852FF", "18 位"),
        ("9133010071610585IF", "不允许的字符“I”"),
        ("91AB0100716105852F", "行政区划代码"),
    ],
)
def test_malformed_codes_are_refused_with_the_reason(code, fragment):
    message = problem(code)
    assert message is not None and fragment in message


def test_full_width_characters_spaces_and_lower_case_are_normalised():
    assert normalise("９１３３０１００７１６１０５８５２ｆ") == "91330100716105852F"
    assert normalise(" 913301007161 05852f ") == "91330100716105852F"
