"""`python -m hrkpi`."""

from hrkpi.cli import main

if __name__ == "__main__":
    main()
