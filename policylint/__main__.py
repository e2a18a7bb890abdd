"""Lets ``python -m policylint`` behave exactly like the console script."""

from policylint.checking import main

main()
