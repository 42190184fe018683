"""``python -m TextMagic``: the command line (see ``TextMagic.cli``)."""

from TextMagic.cli import command

if __name__ == "__main__":
    command()
