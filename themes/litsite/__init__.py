"""litsite's MkDocs theme (``theme: litsite``): templates, CSS and JS, no CDN, no network."""
