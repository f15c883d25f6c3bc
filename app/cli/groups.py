"""Command groups that several packages add to (`motcua ticket issue` from the queue, `motcua ticket
render` from printing): whoever registers first creates the group, the others add their actions to it."""

from __future__ import annotations

import argparse
from typing import Any


def command_group(subparsers: Any, name: str, help_text: str) -> Any:
    """The sub-subparsers of group `name`, created on first use."""
    parser = subparsers.choices.get(name)
    if parser is None:
        parser = subparsers.add_parser(name, help=help_text)
    for action in parser._actions:  # argparse keeps no public handle on a parser's subparsers
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_action", required=True, metavar="ACTION")
