"""The knowledge: its schema, the registry of sections, loading, the cache, validation and the facade."""
