"""The source systems' JSON API under /api/v1/ (12345 hotline orders, 好差评 ratings, results)."""
