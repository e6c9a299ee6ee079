"""Follow organizations, countries, communities, themes and searches; the personal feed; alerts and digests."""
