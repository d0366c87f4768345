"""What vold computes from the knowledge: estimates, regions, time, queries, the check of offers. No language, no I/O, no printing."""
