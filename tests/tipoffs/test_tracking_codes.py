"""Tracking codes: 80 random bits, typeable, stored only as a hash, checked in constant time."""

from __future__ import annotations

import re

from django.db import connection

from qingshan.tipoffs.codes import ALPHABET, code_hash, matches, new_code, normalise
from qingshan.tipoffs.models import Tipoff

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")


def test_codes_are_sixteen_crockford_characters_in_four_groups():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(CODE.match(c) for c in codes)
    assert len(ALPHABET) == 32 and not set("ILOU") & set(ALPHABET)  # 5 bits a character


def test_codes_use_the_whole_alphabet_in_every_position():
    seen = [set() for _ in range(16)]
    for _ in range(2000):
        for i, ch in enumerate(new_code().replace("-", "")):
            seen[i].add(ch)
    assert all(len(s) == 32 for s in seen)  # no position is fixed or biased to a subset


def test_typing_variants_normalise_to_the_same_code():
    code = new_code()
    plain = code.replace("-", "")
    assert normalise(code.lower()) == plain
    assert normalise(" ".join(code.split("-"))) == plain
    assert normalise(plain.replace("1", "l").replace("0", "o")) == plain
    assert normalise(code[:-1]) is None
    assert normalise(code[:-1] + "U") is None  # U is not in Crockford's alphabet


def test_matching_is_against_the_hash_only():
    code = new_code()
    stored = code_hash(code)
    assert len(stored) == 64 and code.replace("-", "") not in stored
    assert matches(code.lower(), stored)
    other = new_code()
    assert not matches(other, stored)
    assert not matches("not a code", stored)


def test_the_code_itself_is_nowhere_in_the_database(report):
    _, code = report()
    plain = code.replace("-", "")
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                text = " ".join(str(v) for v in row)
                if plain in text or code in text:
                    found.append(table)
    assert found == []
    assert Tipoff.objects.get().code_hash == code_hash(code)
