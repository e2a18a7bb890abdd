"""Lets ``python -m policylint`` behave exactly like the console script."""

from policylint.cli import main

main()
