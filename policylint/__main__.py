"""Lets ``python -m policylint`` behave exactly like the console script."""

from policylint.engine.checking import main

main()
