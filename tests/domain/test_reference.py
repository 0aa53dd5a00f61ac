import random

import pytest

from portal.domain.reference import (
    ALPHABET,
    check_char,
    is_valid_reference,
    new_reference,
    normalise_reference,
)


def test_new_references_are_valid_and_readable():
    refs = {new_reference() for _ in range(2000)}
    assert len(refs) == 2000
    for ref in refs:
        assert is_valid_reference(ref)
        assert not set(ref) & set("01OI")


def test_normalise_accepts_what_people_type():
    ref = new_reference()
    assert normalise_reference(ref.lower().replace("-", " ")) == ref
    assert is_valid_reference(ref.replace("-", ""))


@pytest.mark.parametrize("seed", range(50))
def test_single_substitution_is_caught(seed):
    rng = random.Random(seed)
    ref = new_reference(rng.randrange)
    body = ref[3:7] + ref[8:12]
    pos = rng.randrange(8)
    wrong = rng.choice([c for c in ALPHABET if c != body[pos]])
    changed = body[:pos] + wrong + body[pos + 1:]
    assert check_char(changed) != ref[-1] or abs(ALPHABET.index(wrong) - ALPHABET.index(body[pos])) == 31


def test_adjacent_swap_is_caught():
    body = "ABCDEFGH"
    for i in range(7):
        swapped = body[:i] + body[i + 1] + body[i] + body[i + 2:]
        assert check_char(swapped) != check_char(body)


@pytest.mark.parametrize("bad", ["", "SZ-ABCD-EFGH", "SZ-AB0D-EFGH-2", "XX-ABCD-EFGH-2", "SZ-ABCD-EFGH-" + "Z" * 3])
def test_malformed_references_are_invalid(bad):
    assert not is_valid_reference(bad)
