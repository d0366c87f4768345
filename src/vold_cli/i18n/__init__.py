"""Language: the one choice of Danish or English, and the texts of the interface in both."""
