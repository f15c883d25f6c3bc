"""Bundled data files (the `resources` package) and the rule book read from them."""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from app.domain.errors import ValidationError
from app.domain.rules import RuleBook


def resource(*parts: str) -> Traversable:
    node = files("resources")
    for part in parts:
        node = node / part
    return node


def load_json_resource(*parts: str) -> Any:
    node = resource(*parts)
    try:
        return json.loads(node.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError("/".join(parts), "bundled data file is missing (broken install?)") from None


def load_rulebook() -> RuleBook:
    return RuleBook.from_mapping(load_json_resource("rules", "rulesets.json"))
