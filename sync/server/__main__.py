"""`python -m sync.server` = `motcua-server` (handy where the console script is not on PATH)."""

from sync.server.cli import main

main()
