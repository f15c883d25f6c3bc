"""`python -m app` runs the motcua command line."""

from app.cli.main import main

main()
