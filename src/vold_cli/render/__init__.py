"""Turn results into output. Commands build a `Document` (blocks for people) plus plain data (for JSON and
CSV); `emit` writes it in the chosen format. Nothing outside this package and cli/ prints."""
