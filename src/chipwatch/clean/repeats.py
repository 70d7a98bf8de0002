"""Remove text that a page carries twice, keeping the longest complete version.

Pages repeat their article for many reasons: a board post that pastes the body twice, a
template that renders the second half again, a truncated teaser before the full text. We
find long repeated stretches with anchored k-character windows (anchors after white space or
punctuation, so both copies share them), grow each match to its full extent, and remove one
copy: the later one, unless the earlier copy was cut off mid-sentence and the page then
restarts the text (then the earlier, truncated copy goes).
"""
from __future__ import annotations

K = 32            # window length in characters
MIN_REPEAT = 80   # shorter repeats are quotes or furniture, not a second copy
_ANCHOR_BEFORE = set(" \n\t.,!?\"'“”‘’()[]【】<>·…")
_COMPLETE_END = set(".!?\"'”’)]】」』\n")


def _anchors(text: str):
    n = len(text)
    for i in range(0, n - K + 1):
        if i == 0 or text[i - 1] in _ANCHOR_BEFORE:
            yield i


def find_repeat(text: str) -> tuple[int, int, int, int] | None:
    """The first long repeat (a0, a1, b0, b1): text[a0:a1] == text[b0:b1], a1 <= b0, length >= MIN_REPEAT."""
    first: dict[str, int] = {}
    n = len(text)
    for j in _anchors(text):
        w = text[j:j + K]
        i = first.get(w)
        if i is None:
            first[w] = j
            continue
        if i + K > j:
            continue
        # grow backwards, then forwards, never letting the earlier copy run into the later one
        a, b = i, j
        while a > 0 and text[a - 1] == text[b - 1] and b - 1 >= i + K:
            a, b = a - 1, b - 1
        length = j - b + K
        while b + length < n and a + length < b and text[a + length] == text[b + length]:
            length += 1
        if length >= MIN_REPEAT:
            return a, a + length, b, b + length
    return None


def _complete(text: str, end: int) -> bool:
    """Whether a copy ending at `end` ends at a sentence or line boundary."""
    if end >= len(text) or text[end] == "\n":
        return True
    prev = text[end - 1]
    return prev in _COMPLETE_END or prev == " " and text[end - 2:end - 1] in _COMPLETE_END


def remove_repeats(text: str, max_cuts: int = 20) -> str:
    """Cut one copy of each long repeat, one at a time (offsets change after every cut)."""
    for _ in range(max_cuts):
        rep = find_repeat(text)
        if rep is None:
            break
        a0, a1, b0, b1 = rep
        if not _complete(text, a1) and b0 - a1 < 200:
            text = text[:a0] + text[a1:]     # truncated first copy, and the page starts over
        else:
            text = text[:b0] + text[b1:]
    return text
