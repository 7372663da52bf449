"""The unified social credit code (统一社会信用代码, GB 32100-2015), DOMAIN.md §5.

18 characters from a 31-symbol alphabet (no I, O, S, V, Z); the 18th is a check character over
the first 17 with weights 3^(i−1) mod 31. Positions 1–2 (authority, institution type) may be
letters, so nothing here insists on digits anywhere.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from registry.domain.errors import N_, FieldError, Message, ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18
WEIGHTS = tuple(pow(3, i, 31) for i in range(LENGTH - 1))  # 1, 3, 9, 27, 19, 26, 16, …, 28
FIELD = "credit_code"
# Hyphens a code is grouped with (9131-0115-…): none is in the alphabet, so dropping them hides no character.
# NFKC folds the full-width － to -, not the typographic hyphens and the minus sign.
_HYPHENS = dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2212"))


def normalize_credit_code(code: str) -> str:
    """The code as usually meant: full-width characters folded, spaces and hyphens removed, upper case.

    The one normaliser of every entry point (the enterprise form, the API, the imports) before a code is
    checked or looked up."""
    return "".join(unicodedata.normalize("NFKC", code).translate(_HYPHENS).split()).upper()


def credit_code_check_char(first17: str) -> str:
    """The check character (position 18) for the first 17 characters of a code."""
    if len(first17) != LENGTH - 1 or any(c not in ALPHABET for c in first17):
        raise ValueError("need 17 characters of the GB 32100 alphabet")
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def check_credit_code(code: object) -> None:
    """Raise ``ValidationError`` on ``credit_code`` unless ``code`` is a valid code.

    The message gives the reason: the length, the first illegal character and its position
    (1-based), or the check character expected and found. ``code`` must already be normalised
    (see ``normalize_credit_code``): lower-case letters are illegal characters. A code Excel turned
    into a number (9.13101E+17, 913101151234567000.0) is refused as the imports refuse it
    (``number_cell_problem``), wherever it was pasted: the wizard, the API, an ``enterprise=`` filter.
    """
    if not isinstance(code, str):
        raise ValidationError.single(FIELD, N_("must be text"))
    if (number := number_cell_problem(code)) is not None and number.msgid == NUMBER_WRITTEN:
        raise ValidationError([FieldError(FIELD, number)])  # a smaller number (12.5) is judged as typed
    if len(code) != LENGTH:
        raise ValidationError.single(
            FIELD, N_("must be 18 characters long, got %(length)s"), length=len(code))
    for position, char in enumerate(code, start=1):
        if char not in ALPHABET:
            raise ValidationError.single(
                FIELD, N_("illegal character “%(char)s” at position %(position)s (allowed: digits "
                          "and capital letters except I, O, S, V, Z)"),
                char=char, position=position)
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError.single(
            FIELD, N_("check character should be %(expected)s, got “%(actual)s”"),
            expected=expected, actual=code[17])


# An imported file's code, its illegal character marked in place: “at position 14” alone left a clerk
# counting 18 characters of the report's 值 column to find it
MARKED_CHARACTER = N_("illegal character “%(char)s” at position %(position)s: %(before)s[%(char)s]%(after)s "
                      "(allowed: digits and capital letters except I, O, S, V, Z)")


def credit_code_problem(code: object) -> Message | None:
    """Why ``code`` is no unified social credit code (its length, a character, its check
    character), None when it is one; an illegal character is shown in the whole code, marked."""
    try:
        check_credit_code(code)
    except ValidationError as error:
        message = error.field_errors[0].message
        if isinstance(code, str) and "position" in message.params:
            at = message.params["position"]
            return Message(MARKED_CHARACTER, {**message.params, "before": code[:at - 1], "after": code[at:]})
        return message
    return None


def is_valid_credit_code(code: object) -> bool:
    """Whether ``code`` is a valid unified social credit code (exactly as given)."""
    try:
        check_credit_code(code)
    except ValidationError:
        return False
    return True


# A code typed into a cell of Excel's General format is kept as a number when all its characters are
# digits: to 15 significant digits (913101151234567890 becomes 9.13101151234567E+17), so its text is
# some other code. Refused even when whole (a number the file holds exactly, written by a program):
# the row says so, rather than guess the code meant.
NUMBER_ROUNDED = N_("holds a number, not text: Excel keeps 15 significant digits of a number, so the code's last "
                    "digits are lost (the cell holds %(number)s); format the column as text (Format Cells → Text) "
                    "and type the code again")
NUMBER_NOT_TEXT = N_("holds the number %(number)s, not text: a credit code is typed as text; format the column as "
                     "text (Format Cells → Text) and type the code again")


# The same number written out as text: Excel saving a CSV writes a General cell's number as the column
# shows it (9.13101E+17), a program as Python does (9.13101151234567e+17, 913101151234567000.0). A point,
# or an exponent with its sign, is in no code: a letter E between digits (9131011512345E6789) may be.
NUMBER_WRITTEN = N_("is the number %(number)s written as text, not a code: the all-digit code was turned into a "
                    "number (Excel does so in a cell of General format and writes it so in a CSV), and its last "
                    "digits are lost; format the column as text (Format Cells → Text), type the code again and "
                    "save the file again")
_NUMBER_TEXT = re.compile(r"[0-9]+\.[0-9]*(?:E[+-]?[0-9]+)?|[0-9]+E[+-][0-9]+", re.ASCII | re.IGNORECASE)


def number_cell_problem(value: object) -> Message | None:
    """Why a file's cell holding ``value`` gives no credit code when it holds a number, or a number
    written as text (None for any other value): a float of 16 digits or more is one Excel rounded, shown
    as its formula bar shows it (to 15 significant digits); an int is the file's exact number; a text is
    shown as written."""
    if isinstance(value, str):
        text = value.strip()
        folded = unicodedata.normalize("NFKC", text)  # ９.１３１０１Ｅ+１７ too
        if not _NUMBER_TEXT.fullmatch(folded):
            return None
        return Message(NUMBER_WRITTEN if Decimal(folded) >= Decimal("1e15") else NUMBER_NOT_TEXT, {"number": text})
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, int):
        return Message(NUMBER_NOT_TEXT, {"number": str(value)})
    number = format(Decimal(f"{value:.15g}"), "f")
    return Message(NUMBER_ROUNDED if abs(value) >= 1e15 else NUMBER_NOT_TEXT, {"number": number})


# A dataset file's (JSON) code unquoted: a number, which most programs keep to 15 to 17 significant digits
JSON_NUMBER = N_("is a number (%(number)s), not a string: a credit code is text, written in quotes; a program that "
                 "writes the code as a number may have lost its last digits (most keep 15 to 17 significant "
                 "digits), so write it again in quotes from the enterprise's records")


def json_number_problem(value: object) -> Message | None:
    """Why a JSON document's ``value`` gives no credit code when it is a number (an int, or a Decimal as
    ``load_document`` reads a fraction or an exponent), None for any other value."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return Message(JSON_NUMBER, {"number": str(value)})
