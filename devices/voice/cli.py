"""motcua say (registered through the `motcua.commands` entry point)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("say", help="the Vietnamese announcement of a call: words, WAV, or aloud")
    parser.add_argument("--number", required=True, help="ticket number: 1015, or with its letter: A015")
    parser.add_argument("--counter", type=int, required=True, help="counter number")
    parser.add_argument("--out", help="write the announcement (chime and speech) to this WAV file")
    parser.add_argument("--words", action="store_true", help="print the words that are spoken")
    parser.add_argument("--play", action="store_true", help="play it on this computer's speakers")
    parser.add_argument("--template", help="phrasing with {number} and {counter}")
    parser.add_argument("--south", action="store_true", help="southern readings: lẻ, ngàn, bốn")
    parser.add_argument("--voice", default="vi", help="espeak-ng voice: vi, vi-vn-x-central, vi-vn-x-south")
    parser.add_argument("--no-chime", action="store_true")
    parser.set_defaults(handler=run_say)


def run_say(args: argparse.Namespace) -> int:
    import re
    from dataclasses import replace
    from pathlib import Path

    from app.cli.common import usage_error
    from app.domain.errors import ValidationError
    from app.domain.queue.announcement import check_template
    from app.domain.queue.words import Phrasing
    from devices.voice.speech import VoiceSettings, VoiceUnavailable, call_words, render_call

    if not re.fullmatch(r"[A-Za-z]?\d{1,4}", args.number.strip()):
        raise usage_error(f"--number {args.number!r}: use up to 4 digits, optionally after a letter (A015)")
    if args.counter < 1:
        raise usage_error(f"--counter {args.counter}: must be 1 or more")
    if not (args.out or args.words or args.play):
        raise usage_error("say what? give --out FILE.wav, --words or --play")
    settings = VoiceSettings(voice=args.voice, chime=not args.no_chime)
    if args.south:
        settings = replace(
            settings, phrasing=Phrasing(zero_tens="lẻ", thousand="ngàn", four_after_tens="bốn")
        )
    if args.template:
        try:
            check_template(args.template)
        except ValidationError as exc:
            raise usage_error(str(exc)) from None
        settings = replace(settings, template=args.template)
    label = args.number.strip().upper()
    if args.words:
        sys.stdout.write(call_words(label, args.counter, settings) + "\n")
    if not (args.out or args.play):
        return 0
    try:
        wav = render_call(label, args.counter, settings)
    except VoiceUnavailable as exc:
        raise usage_error(str(exc)) from None
    if args.out:
        out = Path(args.out)
        try:
            out.write_bytes(wav)
        except OSError as exc:
            raise usage_error(f"cannot write {out}: {exc.strerror}") from None
    if args.play:
        from devices.voice.announcer import CommandPlayer

        try:
            CommandPlayer().play(wav)
        except Exception as exc:
            raise usage_error(f"cannot play: {exc}") from None
    return 0
