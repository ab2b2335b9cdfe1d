"""\"Did you mean\" suggestions for a mistyped value, as messages quote them."""

from __future__ import annotations

import difflib
from collections.abc import Mapping


def suggest(value: str, choices: list[str], limit: int = 3) -> list[str]:
    """Up to `limit` close matches for a typo, best first."""
    folded = {choice.casefold().replace("_", "-").replace(" ", "-"): choice for choice in choices}
    wanted = value.casefold().replace("_", "-").replace(" ", "-")
    if wanted in folded:
        return [folded[wanted]]
    return [folded[m] for m in difflib.get_close_matches(wanted, list(folded), limit, 0.6)]


def did_you_mean(suggestions: list[str], names: Mapping[str, str] | None = None) -> str:
    """`did you mean 'a', 'b' or 'c'?` (with names when given), or empty."""
    quoted = [f"{s!r} ({names[s]})" if names and s in names else repr(s) for s in suggestions]
    if not quoted:
        return ""
    text = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"did you mean {text}?"
