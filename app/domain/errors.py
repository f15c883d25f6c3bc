"""Domain errors carry a stable code and parameters, never a sentence.

The CLI renders them in English and the desk app in Vietnamese (style.md: the core returns codes, the
front ends own the words).
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Input or an action the rules refuse. Nothing is written when one is raised."""

    code: str = "domain_error"

    def __init__(self, message: str, /, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    code = "invalid_input"

    def __init__(self, field: str, message: str, /, **params: Any) -> None:
        super().__init__(f"{field}: {message}", field=field, **params)
        self.field = field


class InvalidIdNumber(ValidationError):
    code = "invalid_id_number"


class NotFound(DomainError):
    code = "not_found"


class IllegalTransition(DomainError):
    code = "illegal_transition"


class ConcurrentChange(DomainError):
    """The aggregate changed in another transaction since it was read; retry from a fresh read."""

    code = "concurrent_change"


class CodeBlockExhausted(DomainError):
    code = "code_block_exhausted"
