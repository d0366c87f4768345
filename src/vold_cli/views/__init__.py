"""One view per topic: knowledge -> Document (blocks for people, records for scripts). Nothing here prints."""
