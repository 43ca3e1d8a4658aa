"""The desk's foundations: the app, sign-in, CSRF, guards, the menu, the case page, search, statistics, overview."""
