"""Fresh records, asked for by the hub: progress reports due, yearly profile confirmation."""
