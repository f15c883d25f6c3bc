"""Finding a procedure as the officer types (no Qt): by code prefix, or by the starts of the words of its
name without diacritics ("khai sinh", "dk ket hon" does not match, "dang ky ket" does). The catalogue is
held in memory: a province's few thousand entries filter in well under a millisecond per key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.catalog import Procedure
from app.domain.text import fold, search_tokens


@dataclass(frozen=True, slots=True)
class _Entry:
    procedure: Procedure
    code_folded: str
    words: tuple[str, ...]


class ProcedureIndex:
    def __init__(self, procedures: Sequence[Procedure]) -> None:
        self._entries = [_Entry(p, p.code.casefold(), tuple(fold(p.name).split())) for p in procedures]
        self._by_code = {p.code: p for p in procedures}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, code: str) -> Procedure | None:
        return self._by_code.get(code)

    def match(self, text: str, limit: int = 50) -> list[Procedure]:
        query = text.strip()
        if not query:
            return [e.procedure for e in self._entries[:limit]]
        code_query = query.casefold()
        tokens = search_tokens(query)
        by_code: list[Procedure] = []
        by_name: list[tuple[int, Procedure]] = []
        for entry in self._entries:
            if entry.code_folded.startswith(code_query):
                by_code.append(entry.procedure)
            elif tokens and all(any(w.startswith(t) for w in entry.words) for t in tokens):
                # Names whose words come in the typed order first: "khai sinh" before "sinh ... khai".
                positions = [next(i for i, w in enumerate(entry.words) if w.startswith(t)) for t in tokens]
                in_order = positions == sorted(positions)
                by_name.append((0 if in_order else 1, entry.procedure))
        ranked = by_code + [p for _, p in sorted(by_name, key=lambda item: item[0])]
        return ranked[:limit]
