"""Page builders: a record's page, the index pages, and the head metadata they carry."""
