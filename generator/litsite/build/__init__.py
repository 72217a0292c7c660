"""litsite's build engine, in the order a build runs:

- ``reading``: records read (and cited) once per changed file (``.litsite-cache``);
- ``summary``: what the whole-collection outputs need of each record (small, picklable);
- ``plan``: which pages and downloads exist, where, and what links where (from summaries);
- ``theme``: the active theme's page chrome as a shell each page fills in;
- ``render``: the per-page work as pure functions (record + citation + settings -> files);
- ``workers``: where that work runs (this process, or worker processes); ``cluster``: or a
  Dask cluster (``litsite build --scheduler``);
- ``engine``: the map stage: every page rendered or taken over, written as it comes;
- ``incremental``: job keys, the manifest of what the last build wrote, verified cache files;
- ``writer``: writing files into the site; ``indexing``: the search index;
- ``output``: publishing the build (``site/`` replaced in one atomic step).
"""
