"""The establishment registry page: search, filter and page through up to 100,000 establishments.

``model`` holds the rows (every id at once, records fetched by page, no I/O) and ``columns`` says what each
column shows; ``search`` is the background work; ``filters``, ``column_chooser``, ``deletion`` and ``keys`` are
the page's parts, and ``page`` puts them together.
"""
