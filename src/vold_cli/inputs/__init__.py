"""What the user hands in: the offers file."""
