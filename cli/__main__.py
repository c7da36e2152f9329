"""`python -m cli …`: the same as the `achyk` console script."""

from cli import main

main()
